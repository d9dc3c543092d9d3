// Layer boundaries of ../shared/docs/ARCHITECTURE.md, enforced so that a wrong import fails CI.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'stream', 'url', 'zlib', 'worker_threads'];
const nativeOrMain = ['electron', 'better-sqlite3', 'yazl', 'yauzl', 'pdfkit', 'exceljs'];

/** @param {string[]} groups @param {string} message @param {boolean} [allowTypeImports] */
const forbid = (groups, message, allowTypeImports = false) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: groups, message, allowTypeImports }] }],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'release/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: forbid(
      [...nodeBuiltins, ...nativeOrMain, 'react', 'react-dom', '**/electron/**', '**/renderer/**'],
      'shared/ is pure TypeScript: no Node, no DOM, nothing of ours outside shared/ (ARCHITECTURE.md).',
    ),
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: forbid(
      ['electron', 'react', 'react-dom', '**/renderer/**', '**/shell/**', '../cli', '../web'],
      'electron/core is Electron-free and imports only shared/ (ARCHITECTURE.md).',
    ),
  },
  {
    files: ['electron/cli.ts', 'electron/cli/**/*.ts', 'electron/web.ts'],
    rules: forbid(['electron', '**/renderer/**', '**/shell/**', './shell/*'], 'The CLI and browser mode import only electron/core and shared/.'),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: forbid(
      [...nodeBuiltins, ...nativeOrMain, '**/electron/**'],
      'renderer/ imports shared/ and only the router TYPE (import type { AppRouter }) from electron/core/api.',
      true,
    ),
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.mjs', '*.config.js', '*.config.ts'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
  },
);
