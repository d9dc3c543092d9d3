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
  url: string;
  dataDir: string;
  browser: Browser;
  page: Page;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** Starts browser mode on a fresh data folder and opens a Chromium page on it. */
export async function startE2EApp(opts: { demo?: boolean } = {}): Promise<E2EApp> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium introuvable (${CHROMIUM}) : apt-get install chromium`);
  await buildRenderer();
  const dataDir = mkdtempSync(join(tmpdir(), 'label-audit-e2e-'));
  const server = await startWebServer({ dataDir, port: 0, demo: opts.demo ?? false, rendererDir: RENDERER_DIR });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'fr-FR', acceptDownloads: true });
  const page = await context.newPage();
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  return {
    url: server.url,
    dataDir,
    browser,
    page,
    async screenshot(name) {
      const path = join(SCREENSHOTS_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: false });
      return path;
    },
    async close() {
      await browser.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
