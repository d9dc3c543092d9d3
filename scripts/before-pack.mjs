// electron-builder `beforePack` hook (electron-builder.yml): rebuilds better-sqlite3 for Electron's ABI and the
// target architecture, once per architecture, right before that architecture is packed (npmRebuild is false, so
// electron-builder itself rebuilds nothing).
//
// Why a hook of our own (issue 9): node-gyp takes every `npm_config_*` variable of its environment as an option
// that WINS over its command line, and npm exports its settings that way. On a machine whose npm config has
// `nodedir` (this build machine: `npm config get nodedir` → /usr), a rebuild "for Electron" silently compiles
// against Node's headers and the installer ships a module that Electron refuses at start (NODE_MODULE_VERSION
// mismatch). So the hook clears the variables that choose the headers and the ABI, rebuilds with
// @electron/rebuild, then READS the built file to check its ABI and processor, and fails the packaging otherwise.
//
// LABEL_AUDIT_SKIP_NATIVE_REBUILD=1 skips the rebuild (no Electron headers can be downloaded offline): the
// package then carries the module as built for Node, which the hook says in a warning. Only for the offline
// packaging check (tests/packaging); never for an installer given to users.
//
// After a real packaging, the project's own better-sqlite3 is built for Electron: `npm rebuild better-sqlite3`
// gives Node's build back for the tests.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Environment variable that skips the rebuild (offline packaging check only). */
export const SKIP_ENV = 'LABEL_AUDIT_SKIP_NATIVE_REBUILD';

/** The native module the app ships. */
export const NATIVE_MODULE = 'better-sqlite3';

/** electron-builder's Arch enum (builder-util): 0 ia32, 1 x64, 2 armv7l, 3 arm64, 4 universal. */
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/** npm settings node-gyp would take over its arguments to choose headers, runtime, version or processor. */
const HEADER_SETTINGS = ['nodedir', 'target', 'target_arch', 'arch', 'runtime', 'disturl', 'dist_url'];

/**
 * Deletes from `env` every `npm_config_<setting>` of HEADER_SETTINGS, whatever its case and with `-` or `_`
 * (`npm_config_nodedir`, `NPM_CONFIG_NODEDIR`, `npm_config_dist-url`…).
 * @param {Record<string, string | undefined>} env
 * @returns {string[]} the names deleted, sorted.
 */
export function clearHeaderSettings(env) {
  const removed = [];
  for (const key of Object.keys(env)) {
    const m = /^npm_config_(.+)$/i.exec(key);
    if (m && HEADER_SETTINGS.includes(m[1].toLowerCase().replace(/-/g, '_'))) {
      delete env[key];
      removed.push(key);
    }
  }
  return removed.sort();
}

/**
 * NODE_MODULE_VERSION a compiled addon was built for, read from the `node_register_module_v<N>` symbol its
 * module initialiser exports (ELF, Mach-O and PE alike), or null when absent (an N-API addon).
 * @param {string} file path of the `.node` file
 * @returns {number | null}
 */
export function nativeAbiOf(file) {
  const m = /node_register_module_v(\d+)/.exec(readFileSync(file).toString('latin1'));
  return m ? Number(m[1]) : null;
}

/**
 * Processor a compiled addon was built for, from its header: ELF e_machine, Mach-O cputype, PE Machine.
 * @param {string} file path of the `.node` file
 * @returns {'x64' | 'arm64' | 'ia32' | 'armv7l' | null} null when the format or the processor is not recognised
 */
export function nativeArchOf(file) {
  const b = readFileSync(file);
  if (b.length >= 20 && b.readUInt32BE(0) === 0x7f454c46) {
    return { 0x3e: 'x64', 0xb7: 'arm64', 0x03: 'ia32', 0x28: 'armv7l' }[b.readUInt16LE(18)] ?? null;
  }
  if (b.length >= 8 && b.readUInt32LE(0) === 0xfeedfacf) {
    return { 0x01000007: 'x64', 0x0100000c: 'arm64' }[b.readUInt32LE(4)] ?? null;
  }
  if (b.length >= 0x40 && b.toString('latin1', 0, 2) === 'MZ') {
    const pe = b.readUInt32LE(0x3c);
    if (b.length >= pe + 6 && b.toString('latin1', pe, pe + 4) === 'PE\0\0') {
      return { 0x8664: 'x64', 0xaa64: 'arm64', 0x014c: 'ia32' }[b.readUInt16LE(pe + 4)] ?? null;
    }
  }
  return null;
}

/**
 * NODE_MODULE_VERSION of Electron `electronVersion`, from the node-abi that @electron/rebuild itself uses.
 * @param {string} electronVersion e.g. "45.5.0"
 * @returns {number}
 */
export function electronAbi(electronVersion) {
  const fromRebuild = createRequire(createRequire(import.meta.url).resolve('@electron/rebuild'));
  return Number(fromRebuild('node-abi').getAbi(electronVersion, 'electron'));
}

/**
 * Path of the better-sqlite3 addon of the project in `projectDir`.
 * @param {string} projectDir
 */
export function nativeModuleFile(projectDir) {
  const pkg = createRequire(join(projectDir, 'package.json')).resolve(`${NATIVE_MODULE}/package.json`);
  return join(dirname(pkg), 'build', 'Release', 'better_sqlite3.node');
}

/**
 * The hook. `context` is electron-builder's BeforePackContext (`arch` as the Arch enum number,
 * `electronPlatformName`, `packager.projectDir`, `packager.info.framework.version`).
 * @param {{ arch: number, electronPlatformName: string, packager: { projectDir: string, info: { framework: { version: string } } } }} context
 * @param {{ rebuild?: (o: object) => Promise<void>, env?: Record<string, string | undefined>, log?: (line: string) => void }} [deps] for tests
 * @throws Error when the target is another OS than this one (node-gyp cannot cross-compile), a universal build,
 *   or when the rebuilt module does not declare Electron's ABI and the target processor.
 */
export async function beforePack(context, deps = {}) {
  const env = deps.env ?? process.env;
  const log = deps.log ?? ((line) => console.log(`  • ${line}`));
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  const platform = context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName;
  const projectDir = context.packager.projectDir;
  const electronVersion = context.packager.info.framework.version;
  const file = nativeModuleFile(projectDir);
  const expected = electronAbi(electronVersion);

  if (env[SKIP_ENV] === '1') {
    log(
      `${NATIVE_MODULE} NON recompilé (${SKIP_ENV}=1) : le paquet contient le module compilé pour NODE_MODULE_VERSION ` +
        `${nativeAbiOf(file)} (${nativeArchOf(file)}) alors qu'Electron ${electronVersion} attend ${expected} (${arch}) ; ` +
        "ce paquet sert à vérifier la configuration, il n'ouvrira pas sa base.",
    );
    return;
  }
  if (arch === 'universal') throw new Error(`${NATIVE_MODULE} : la construction « universal » n'est pas prise en charge ; construisez x64 et arm64 séparément.`);
  if (platform !== process.platform) {
    throw new Error(`${NATIVE_MODULE} ne peut être compilé pour ${platform} que sur ${platform} (cette machine : ${process.platform}) : node-gyp ne sait pas compiler pour un autre système.`);
  }
  const removed = clearHeaderSettings(env);
  if (removed.length > 0) log(`réglages npm retirés pour la recompilation (ils l'auraient faite pour Node) : ${removed.join(', ')}`);
  log(`recompilation de ${NATIVE_MODULE} pour Electron ${electronVersion} (NODE_MODULE_VERSION ${expected}), ${platform}-${arch}`);
  const rebuild = deps.rebuild ?? (await import('@electron/rebuild')).rebuild;
  await rebuild({ buildPath: projectDir, electronVersion, arch, platform, onlyModules: [NATIVE_MODULE], force: true, mode: 'sequential' });

  const abi = nativeAbiOf(file);
  const builtArch = nativeArchOf(file);
  if (abi !== expected || builtArch !== arch) {
    throw new Error(
      `${file} a été compilé pour NODE_MODULE_VERSION ${abi} (${builtArch}) au lieu de ${expected} (${arch}) pour Electron ${electronVersion} : ` +
        "l'installateur ne pourrait pas ouvrir sa base. Vérifiez qu'aucun réglage npm (nodedir, target, runtime, arch) ni variable npm_config_* ne force les en-têtes de Node.",
    );
  }
  log(`${NATIVE_MODULE} vérifié : NODE_MODULE_VERSION ${abi}, ${builtArch}`);
}

export default beforePack;
