/**
 * Shared by scripts/check-budget.ts and scripts/perf-browser.ts: builds the renderer, measures its gzipped
 * JavaScript, starts browser mode (the real router over HTTP on 127.0.0.1) on a temporary data folder, and opens
 * Debian's Chromium on it with playwright-core, counting every request to a host other than 127.0.0.1.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { startWebServer } from '../../electron/web';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const RENDERER_DIR = join(ROOT, 'out/renderer');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Builds the renderer into out/renderer (production build, as shipped). */
export async function buildRenderer(): Promise<void> {
  await build({ configFile: join(ROOT, 'renderer/vite.config.ts'), logLevel: 'warn' });
}

/** One built JS file: its size and its gzip -9 size, bytes. */
export interface JsSize {
  file: string;
  bytes: number;
  gzip: number;
}

/** Every `.js` file of the built renderer (out/renderer/assets) with raw and gzip (level 9) sizes, bytes. */
export function rendererJsSizes(dir = RENDERER_DIR): JsSize[] {
  const assets = join(dir, 'assets');
  return readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((f) => {
      const bytes = readFileSync(join(assets, f));
      return { file: `assets/${f}`, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    });
}

export interface BrowserSession {
  url: string;
  dataDir: string;
  browser: Browser;
  page: Page;
  /** Requests to any host but 127.0.0.1 seen so far (URLs), whatever their outcome. */
  external: string[];
  /** Every request seen so far (count). */
  requests: () => number;
  close(): Promise<void>;
}

/** Starts browser mode on a fresh data folder (`seed` runs first, before the server opens it) and a Chromium page. */
export async function startSession(opts: { demo: boolean; seed?: (dataDir: string) => void | Promise<void>; viewport?: { width: number; height: number } }): Promise<BrowserSession> {
  const dataDir = mkdtempSync(join(tmpdir(), 'label-audit-bench-'));
  await opts.seed?.(dataDir);
  const server = await startWebServer({ dataDir, port: 0, demo: opts.demo, rendererDir: RENDERER_DIR });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1280, height: 800 }, locale: 'fr-FR' });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  const external: string[] = [];
  let count = 0;
  context.on('request', (r) => {
    count++;
    const u = new URL(r.url());
    if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return;
    if (u.hostname !== '127.0.0.1') external.push(r.url());
  });
  return {
    url: server.url,
    dataDir,
    browser,
    page,
    external,
    requests: () => count,
    async close() {
      try {
        await browser.close();
      } finally {
        await server.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** Median of numbers (mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** `1 234,5` style figure with one decimal (French), for the printed reports. */
export function fr1(n: number): string {
  return new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);
}
