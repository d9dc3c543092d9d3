/**
 * End-to-end harness: builds the renderer once, starts browser mode (the real router over HTTP on 127.0.0.1)
 * on a temporary data folder, and drives Debian's Chromium with playwright-core.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { startWebServer } from '../../electron/web';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const RENDERER_DIR = join(root, 'out/renderer');
export const SCREENSHOTS_DIR = join(root, 'test-results/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let built: Promise<void> | null = null;

/** Builds the renderer into out/renderer (once per test run). */
export function buildRenderer(): Promise<void> {
  built ??= build({ configFile: join(root, 'renderer/vite.config.ts'), logLevel: 'warn' }).then(() => undefined);
  return built;
}

export interface E2EApp {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  dataDir: string;
  browser: Browser;
  page: Page;
  /** Uncaught page errors and console errors seen so far, HTTP failures aside (a healthy run keeps this empty). */
  pageErrors: string[];
  /** Requests answered with a status ≥ 400, as `"<status> <METHOD> <path>"` (path without the query string). */
  failedRequests: string[];
  /** Saves a viewport screenshot as `test-results/screenshots/<name>.png`; returns its path. */
  screenshot(name: string): Promise<string>;
  /**
   * Calls a tRPC query over HTTP from Node, as the renderer does (`GET /trpc/<path>?input=<JSON>`), and returns
   * `result.data`. Throws an Error carrying the server's message when the answer is an error.
   */
  query<T>(path: string, input?: unknown): Promise<T>;
  close(): Promise<void>;
}

/**
 * Starts browser mode on a fresh data folder and opens a Chromium page on it. `seed(dataDir)` runs first, before the
 * server opens the folder (e.g. to create the workspace with big evidence files through the core).
 */
export async function startE2EApp(
  opts: {
    demo?: boolean;
    seed?: (dataDir: string) => void | Promise<void>;
    /** Pause in ms at each step of an import with progress (tests only, `CoreOptions.importPhaseDelayMs`): the bar stays long enough to be seen and cancelled. */
    importPhaseDelayMs?: number;
  } = {},
): Promise<E2EApp> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium introuvable (${CHROMIUM}) : apt-get install chromium`);
  await buildRenderer();
  const dataDir = mkdtempSync(join(tmpdir(), 'label-audit-e2e-'));
  await opts.seed?.(dataDir);
  const server = await startWebServer({ dataDir, port: 0, demo: opts.demo ?? false, rendererDir: RENDERER_DIR, importPhaseDelayMs: opts.importPhaseDelayMs });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'fr-FR', acceptDownloads: true });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
  const failedRequests: string[] = [];
  page.on('console', (m) => {
    // Chromium logs every HTTP error status as "Failed to load resource": those are in failedRequests, with their path.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) pageErrors.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) failedRequests.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  return {
    url: server.url,
    dataDir,
    browser,
    page,
    pageErrors,
    failedRequests,
    async query<T>(path: string, input?: unknown): Promise<T> {
      const qs = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
      const res = await fetch(`${server.url}trpc/${path}${qs}`);
      const body = (await res.json()) as { result?: { data: T }; error?: { message: string } };
      if (!res.ok || !body.result) throw new Error(`${path} : ${body.error?.message ?? `HTTP ${res.status}`}`);
      return body.result.data;
    },
    async screenshot(name) {
      const path = join(SCREENSHOTS_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: false });
      return path;
    },
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
