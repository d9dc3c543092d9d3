/** Types of scripts/before-pack.mjs (the electron-builder hook runs as plain JavaScript; the tests import it). */
export declare const SKIP_ENV: 'LABEL_AUDIT_SKIP_NATIVE_REBUILD';
export declare const NATIVE_MODULE: 'better-sqlite3';
export declare function clearHeaderSettings(env: Record<string, string | undefined>): string[];
export declare function nativeAbiOf(file: string): number | null;
export declare function nativeArchOf(file: string): 'x64' | 'arm64' | 'ia32' | 'armv7l' | null;
export declare function electronAbi(electronVersion: string): number;
export declare function nativeModuleFile(projectDir: string): string;
export interface BeforePackContextLike {
  arch: number;
  electronPlatformName: string;
  packager: { projectDir: string; info: { framework: { version: string } } };
}
export interface BeforePackDeps {
  rebuild?: (options: Record<string, unknown>) => Promise<void>;
  env?: Record<string, string | undefined>;
  log?: (line: string) => void;
}
export declare function beforePack(context: BeforePackContextLike, deps?: BeforePackDeps): Promise<void>;
export default beforePack;
