// `npm start`: the desktop app when the Electron binary can run on this machine (built with electron-vite, then
// launched); otherwise one French line and browser mode (scripts/web.mjs), which prints the URL.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runWeb } from './web.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

/**
 * Path of a runnable Electron binary, or null. `require('electron')` runs in a child process with a short timeout
 * and ELECTRON_SKIP_BINARY_DOWNLOAD=1 (electron would otherwise try to download its binary on first require),
 * then the binary must answer `--version`.
 */
function runnableElectron() {
  // electron 45's index.js downloads its binary on require whatever the env says: look for the files first,
  // so that no download is ever attempted (no network here, and none wanted at start-up).
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    if (!existsSync(pathFile)) return null;
    if (!existsSync(join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim()))) return null;
  }
  const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };
  const probe = spawnSync(process.execPath, ['--input-type=commonjs', '-e', "process.stdout.write(String(require('electron')))"], {
    cwd: root,
    env,
    timeout: 5000,
    encoding: 'utf8',
  });
  const binary = probe.status === 0 ? probe.stdout.trim() : '';
  if (!binary) return null;
  const version = spawnSync(binary, ['--version'], { env, timeout: 10000, encoding: 'utf8' });
  return version.status === 0 ? binary : null;
}

const electron = runnableElectron();
if (electron) {
  const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error(`La construction de l'application a échoué (electron-vite build, code ${build.status ?? build.signal}).`);
    process.exit(1);
  }
  const child = spawn(electron, [root, ...args], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log("Electron n'est pas disponible sur cette machine : démarrage en mode navigateur.");
  process.exitCode = await runWeb(args);
}
