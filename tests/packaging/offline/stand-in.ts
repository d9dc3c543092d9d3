/**
 * Stand-ins for the offline packaging check, where the Electron binary cannot be downloaded:
 * - an "unpacked Electron distribution" for `electron-builder --linux --dir -c.electronDist=<folder>`: what
 *   app-builder-lib (ElectronFramework.js, `unpack` → copy of the folder; `beforeCopyExtraFiles` → rename of
 *   `electron` to the executable name; locales/*.pak for `electronLanguages`; `LICENSE` moved to
 *   LICENSE.electron.txt) and @electron/fuses (the fuse sentinel and wire inside the binary) need;
 * - an `electron` package for running the packaged main process under Node (`--smoke-test`).
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** @electron/fuses' sentinel (src/constants.ts), followed in a real binary by the wire version and length. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/**
 * Electron's own fuse wire as shipped (version 1, 8 fuses): RunAsNode on, cookie encryption off, NODE_OPTIONS on,
 * --inspect on, asar integrity off, only-from-asar off, browser V8 snapshot off, file:// privileges on. The
 * packaging must flip it to the hardened values of electron-builder.yml.
 */
export const STOCK_FUSES = '10110001';

/** Locales present in the stand-in; electronLanguages keeps fr and en-US. */
export const STAND_IN_LOCALES = ['de', 'en-US', 'fr', 'ja'];

/** Writes the stand-in Electron distribution in `dir`. The `electron` executable is a shell script that exits 3. */
export function writeElectronDist(dir: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  mkdirSync(join(dir, 'locales'), { recursive: true });
  for (const l of STAND_IN_LOCALES) writeFileSync(join(dir, 'locales', `${l}.pak`), `stand-in ${l}\n`);
  writeFileSync(join(dir, 'LICENSE'), 'stand-in licence\n');
  writeFileSync(join(dir, 'LICENSES.chromium.html'), '<p>stand-in</p>\n');
  const exe = join(dir, 'electron');
  writeFileSync(exe, `#!/bin/sh\necho "Electron de substitution (vérification hors ligne) : ne se lance pas." >&2\nexit 3\n# ${FUSE_SENTINEL}\x01\x08${STOCK_FUSES}\n`, 'latin1');
  chmodSync(exe, 0o755);
}

/**
 * Writes, in `nodeModules`, an ESM package `electron` with what electron/shell/main.ts uses in smoke mode:
 * `app.whenReady`, `getPath('temp')` (the OS temp folder; any other name throws, so the smoke test provably
 * never touches user data), `exit` (process.exit), `disableHardwareAcceleration`; the rest are inert.
 */
export function writeElectronModule(nodeModules: string): void {
  const dir = join(nodeModules, 'electron');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'electron', version: '0.0.0-stand-in', type: 'module', main: 'index.js' }));
  writeFileSync(
    join(dir, 'index.js'),
    `import { tmpdir } from 'node:os';
const inert = () => undefined;
export const app = {
  whenReady: () => Promise.resolve(),
  getPath: (name) => {
    if (name !== 'temp') throw new Error('getPath(' + name + ') en mode test de fumée');
    return tmpdir();
  },
  exit: (code) => process.exit(code),
  quit: () => process.exit(0),
  disableHardwareAcceleration: inert,
  requestSingleInstanceLock: () => { throw new Error('verrou demandé en mode test de fumée'); },
  on: inert,
};
export class BrowserWindow { constructor() { throw new Error('fenêtre ouverte en mode test de fumée'); } }
export const dialog = { showErrorBox: (t, m) => process.stderr.write('[boîte] ' + t + ' : ' + m + '\\n') };
export const ipcMain = { on: inert, removeListener: inert };
export const protocol = { registerSchemesAsPrivileged: inert, handle: inert };
export const session = { defaultSession: { setPermissionRequestHandler: inert, setPermissionCheckHandler: inert } };
export const shell = { openExternal: inert };
export default { app, BrowserWindow, dialog, ipcMain, protocol, session, shell };
`,
  );
}
