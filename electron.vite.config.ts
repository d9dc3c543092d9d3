/**
 * electron-vite 6 build of the desktop app (ARCHITECTURE.md "Electron"):
 * - main: electron/shell/main.ts → out/main/main.js (ESM; dependencies such as better-sqlite3 stay external,
 *   loaded from node_modules at run time — a native module cannot be bundled);
 * - preload: electron/shell/preload.ts → out/preload/preload.cjs (one CommonJS file, as sandboxed preloads need;
 *   nothing external but `electron`);
 * - renderer: root renderer/ → out/renderer (same settings as renderer/vite.config.ts, used for browser mode).
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: { include: ['better-sqlite3'] },
      rolldownOptions: {
        input: { main: resolve('electron/shell/main.ts') },
        output: { format: 'es', entryFileNames: '[name].js' },
        external: ['better-sqlite3', 'electron'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rolldownOptions: {
        input: { preload: resolve('electron/shell/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
        external: ['electron'],
      },
    },
  },
  renderer: {
    root: resolve('renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve('out/renderer'),
      emptyOutDir: true,
      rolldownOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
