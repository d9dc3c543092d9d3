/**
 * electron-vite 6 build of the desktop app (ARCHITECTURE.md "Electron"):
 * - main: electron/shell/main.ts → out/main/main.js (ESM; dependencies such as better-sqlite3 stay external,
 *   loaded from node_modules at run time — a native module cannot be bundled);
 * - preload: electron/shell/preload.ts → out/preload/preload.cjs (one CommonJS file, as sandboxed preloads need;
 *   nothing external but `electron`);
 * - renderer: root renderer/ → out/renderer (same settings as renderer/vite.config.ts, used for browser mode).
 */
import { relative, resolve, sep } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/**
 * The core finds its data files from its own source location (`new URL('../../../referential/', import.meta.url)`
 * in referential/builtin.ts, the repo root in demo.ts, pdfkit fonts through createRequire). Bundled into
 * out/main/main.js, `import.meta.url` would point two levels below the repo instead: this rewrites it, in core
 * files only, to the URL of the original source file, computed relative to the bundle (so no absolute path is
 * baked in and the paths resolve as they do under tsx).
 */
function sourceImportMetaUrl(outDir: string): Plugin {
  return {
    name: 'label-audit:source-import-meta-url',
    transform(code, id) {
      const file = id.split('?')[0] ?? id;
      if (!file.includes(`${sep}electron${sep}core${sep}`) || !code.includes('import.meta.url')) return null;
      const rel = relative(outDir, file).split(sep).join('/');
      return { code: code.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`), map: null };
    },
  };
}

export default defineConfig({
  main: {
    plugins: [sourceImportMetaUrl(resolve('out/main'))],
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
      minify: true,
      rolldownOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
