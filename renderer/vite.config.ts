/**
 * Build of the renderer alone (browser mode and `npm run build:renderer`): root renderer/, output out/renderer,
 * relative base so the same files work on app://label-audit/ and on http://127.0.0.1:<port>/.
 * No web fonts, no remote assets: the app works offline. (No node:* import here: the renderer lint rule covers
 * this file, so paths come from `import.meta.dirname`, which Vite sets when it loads the config.)
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = import.meta.dirname;

export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: `${here}/../out/renderer`,
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 1024,
  },
  server: { host: '127.0.0.1' },
});
