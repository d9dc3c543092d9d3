// `npm run web`: browser mode. Builds the renderer when out/renderer/index.html is missing or older than the
// renderer sources (renderer/, shared/), then runs electron/web.ts with the arguments passed through
// (--data-dir DIR, --port N, --no-demo, --user NAME); that process prints the URL and serves until Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const builtIndex = join(root, 'out', 'renderer', 'index.html');
const sourceDirs = ['renderer', 'shared'].map((d) => join(root, d));

/** Latest modification time (ms) of the files under `dir` (node_modules and out excluded); 0 when absent. */
function newestMtime(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'out' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** True when the built renderer is missing or older than one of its sources. */
export function rendererIsStale() {
  if (!existsSync(builtIndex)) return true;
  const built = statSync(builtIndex).mtimeMs;
  return sourceDirs.some((d) => newestMtime(d) > built);
}

/** Builds the renderer with vite (renderer/vite.config.ts); exits the process with an error line when it fails. */
export function buildRenderer() {
  const config = join(root, 'renderer', 'vite.config.ts');
  if (!existsSync(config)) {
    console.error(`Impossible de construire l'interface : ${config} est absent.`);
    process.exit(1);
  }
  console.log("Construction de l'interface (vite build)…");
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--config', config], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    console.error(`La construction de l'interface a échoué (vite build, code ${r.status ?? r.signal}).`);
    process.exit(1);
  }
}

/** Runs browser mode with `args`; resolves with the server's exit code. Ctrl-C is forwarded to it. */
export function runWeb(args) {
  if (rendererIsStale()) buildRenderer();
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'electron', 'web.ts'), ...args], { cwd: root, stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((done) => child.on('exit', (code, signal) => done(code ?? (signal ? 0 : 1))));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await runWeb(process.argv.slice(2));
}
