/**
 * The beforePack hook (scripts/before-pack.mjs): npm settings that would make node-gyp build for Node are cleared
 * before the rebuild, and the rebuilt addon is READ to check its ABI and processor. The project's real
 * better_sqlite3.node (built for this Node) plays the module "rebuilt" under the nodedir trap; a copy whose
 * `node_register_module_v<N>` symbol says Electron's ABI plays a good rebuild. @electron/rebuild itself is replaced
 * (it would download Electron's headers).
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  beforePack,
  clearHeaderSettings,
  electronAbi,
  nativeAbiOf,
  nativeArchOf,
  nativeModuleFile,
  SKIP_ENV,
} from '../../scripts/before-pack.mjs';
import { tempDir } from '../core/helpers/context';

const ROOT = join(__dirname, '../..');
const realNode = join(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
const ELECTRON = (JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
const tmp = tempDir('label-audit-beforepack-');
afterAll(() => tmp.cleanup());

/** A project folder whose better-sqlite3 addon is a copy of the real one; returns it and the addon path. */
function project(name: string): { dir: string; addon: string } {
  const dir = join(tmp.dir, name);
  const pkg = join(dir, 'node_modules', 'better-sqlite3');
  mkdirSync(join(pkg, 'build', 'Release'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"name":"p","version":"1.0.0"}');
  writeFileSync(join(pkg, 'package.json'), '{"name":"better-sqlite3","version":"12.11.1","main":"lib/index.js"}');
  const addon = join(pkg, 'build', 'Release', 'better_sqlite3.node');
  copyFileSync(realNode, addon);
  return { dir, addon };
}

/** Rewrites the ABI in every `node_register_module_v<N>` of `file` (same length: 3 digits). */
function setAbi(file: string, abi: number): void {
  const text = readFileSync(file).toString('latin1').replace(/node_register_module_v\d{3}/g, `node_register_module_v${abi}`);
  writeFileSync(file, Buffer.from(text, 'latin1'));
}

const context = (dir: string, arch = 1, electronPlatformName = process.platform as string) => ({
  arch,
  electronPlatformName,
  packager: { projectDir: dir, info: { framework: { version: ELECTRON } } },
});

describe('reading an addon', () => {
  it('the real module declares this Node\'s ABI and processor', () => {
    expect(nativeAbiOf(realNode)).toBe(Number(process.versions.modules));
    expect(nativeArchOf(realNode)).toBe(process.arch);
  });

  it('recognises PE (Windows) and Mach-O (macOS) headers', () => {
    const pe = Buffer.alloc(0x90);
    pe.write('MZ', 0, 'latin1');
    pe.writeUInt32LE(0x80, 0x3c);
    pe.write('PE\0\0', 0x80, 'latin1');
    pe.writeUInt16LE(0xaa64, 0x84);
    const peFile = join(tmp.dir, 'pe.node');
    writeFileSync(peFile, pe);
    expect(nativeArchOf(peFile)).toBe('arm64');
    const macho = Buffer.alloc(32);
    macho.writeUInt32LE(0xfeedfacf, 0);
    macho.writeUInt32LE(0x01000007, 4);
    const machoFile = join(tmp.dir, 'macho.node');
    writeFileSync(machoFile, macho);
    expect(nativeArchOf(machoFile)).toBe('x64');
    writeFileSync(join(tmp.dir, 'text.node'), 'rien');
    expect(nativeArchOf(join(tmp.dir, 'text.node'))).toBeNull();
    expect(nativeAbiOf(join(tmp.dir, 'text.node'))).toBeNull();
  });

  it("Electron's ABI comes from @electron/rebuild's node-abi", () => {
    expect(ELECTRON).toBe('45.5.0');
    expect(electronAbi(ELECTRON)).toBe(150);
  });

  it('finds the addon of a project', () => {
    const { dir, addon } = project('find');
    expect(nativeModuleFile(dir)).toBe(addon);
  });
});

describe('clearHeaderSettings', () => {
  it('removes the npm settings that choose headers, runtime or processor, whatever their spelling', () => {
    const env: Record<string, string | undefined> = {
      npm_config_nodedir: '/usr',
      NPM_CONFIG_TARGET: '20.19.0',
      'npm_config_dist-url': 'https://example.invalid',
      npm_config_runtime: 'node',
      npm_config_arch: 'x64',
      npm_config_cache: '/root/.npm',
      PATH: '/usr/bin',
    };
    expect(clearHeaderSettings(env)).toEqual(['NPM_CONFIG_TARGET', 'npm_config_arch', 'npm_config_dist-url', 'npm_config_nodedir', 'npm_config_runtime']);
    expect(env).toEqual({ npm_config_cache: '/root/.npm', PATH: '/usr/bin' });
  });
});

describe('beforePack', () => {
  it(`${SKIP_ENV}=1: no rebuild, and a warning saying the package carries Node's build`, async () => {
    const { dir } = project('skip');
    const lines: string[] = [];
    let rebuilt = false;
    await beforePack(context(dir), { env: { [SKIP_ENV]: '1' }, log: (l) => lines.push(l), rebuild: async () => void (rebuilt = true) });
    expect(rebuilt).toBe(false);
    expect(lines).toEqual([
      `better-sqlite3 NON recompilé (${SKIP_ENV}=1) : le paquet contient le module compilé pour NODE_MODULE_VERSION ${process.versions.modules} (${process.arch}) alors qu'Electron 45.5.0 attend 150 (x64) ; ce paquet sert à vérifier la configuration, il n'ouvrira pas sa base.`,
    ]);
  });

  it('the nodedir trap: npm settings cleared before the rebuild, and a module still built for Node fails the packaging', async () => {
    const { dir, addon } = project('trap');
    const env: Record<string, string | undefined> = { npm_config_nodedir: '/usr', npm_config_cache: '/c' };
    const seen: Array<Record<string, unknown>> = [];
    const rebuild = async (o: Record<string, unknown>) => {
      seen.push({ ...o, nodedirAtRebuild: env.npm_config_nodedir });
    };
    await expect(beforePack(context(dir), { env, log: () => undefined, rebuild })).rejects.toThrow(
      `${addon} a été compilé pour NODE_MODULE_VERSION ${process.versions.modules} (${process.arch}) au lieu de 150 (x64) pour Electron 45.5.0`,
    );
    expect(seen).toEqual([
      { buildPath: dir, electronVersion: '45.5.0', arch: 'x64', platform: process.platform, onlyModules: ['better-sqlite3'], force: true, mode: 'sequential', nodedirAtRebuild: undefined },
    ]);
    expect(env).toEqual({ npm_config_cache: '/c' });
  });

  it('a module rebuilt for Electron\'s ABI and the target processor passes, per architecture', async () => {
    const { dir, addon } = project('good');
    const lines: string[] = [];
    await beforePack(context(dir), { env: {}, log: (l) => lines.push(l), rebuild: async () => setAbi(addon, 150) });
    expect(lines.at(-1)).toBe(`better-sqlite3 vérifié : NODE_MODULE_VERSION 150, ${process.arch}`);
    // The same file for arm64 is refused: its header says x64.
    if (process.arch === 'x64') {
      await expect(beforePack(context(dir, 3), { env: {}, log: () => undefined, rebuild: async () => undefined })).rejects.toThrow(
        'NODE_MODULE_VERSION 150 (x64) au lieu de 150 (arm64)',
      );
    }
  });

  it('refuses another OS and a universal build', async () => {
    const { dir } = project('cross');
    const other = process.platform === 'win32' ? 'linux' : 'win32';
    await expect(beforePack(context(dir, 1, other), { env: {}, log: () => undefined, rebuild: async () => undefined })).rejects.toThrow(
      `better-sqlite3 ne peut être compilé pour ${other} que sur ${other} (cette machine : ${process.platform})`,
    );
    await expect(beforePack(context(dir, 4), { env: {}, log: () => undefined, rebuild: async () => undefined })).rejects.toThrow('universal');
  });
});
