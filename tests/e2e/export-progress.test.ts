/**
 * The Export screen in Chromium, browser mode (issue 4 item 4): the `pack.exportProgress` subscription over
 * Server-Sent Events drives a progress bar (role progressbar, files, bytes, time left) and a Cancel button; a
 * cancelled export leaves nothing in the exports folder; the next export runs to the end.
 * The workspace is seeded with one 512 MiB sparse evidence file so that the export lasts long enough to be seen.
 */
import { closeSync, existsSync, openSync, readdirSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import { exportsDir } from '../../electron/core/paths';
import { startE2EApp, type E2EApp } from './harness';
import { tid } from './ui';

const SIZE = 512 * 1024 * 1024;
let app: E2EApp;

async function seed(dataDir: string): Promise<void> {
  const core = createCore({ dataDir, user: 'e2e', demo: false, log: () => {} });
  try {
    const ref = core.referentials.get('label-nr');
    const node = ref.nodes.find((n) => n.depth === ref.actionLevel);
    if (!node) throw new Error('aucun critère dans label-nr');
    const file = join(dataDir, 'captation du conseil.mp4');
    closeSync(openSync(file, 'w'));
    truncateSync(file, SIZE);
    await core.preuves.addPath({ referentialId: 'label-nr', nodeId: node.id, path: file, titre: 'Captation du conseil' });
  } finally {
    core.close();
  }
}

/** Files in the exports folder (none before the first export). */
function exportsLeft(): string[] {
  const dir = exportsDir(app.dataDir);
  return existsSync(dir) ? readdirSync(dir) : [];
}

async function waitUntil(what: string, ok: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`délai dépassé : ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  app = await startE2EApp({ demo: false, seed });
});

afterAll(async () => {
  await app?.close();
});

describe('Export screen: progress and cancel', () => {
  it('shows an accessible progress bar with the estimate, cancels, and leaves no file behind', async () => {
    const { page } = app;
    await page.goto(app.url);
    await page.click(tid('nav-export'));
    await page.click(tid('export-button'));
    const bar = page.getByRole('progressbar', { name: "Avancement de l'export" });
    await bar.waitFor();
    // Cancel once bytes are flowing (not before the first one): some Mo written out of 512.
    await page.waitForFunction(() =>
      /^\d+ % — Preuves : 0 fichier sur 1, [\d,]+\u202fMo sur 512,0\u202fMo — /.test(document.querySelector('[data-testid="export-progress-text"]')?.textContent ?? ''),
    );
    expect(await bar.getAttribute('max')).toBe('100');
    expect(await bar.getAttribute('aria-valuetext')).toMatch(/^\d+ % — Preuves : 0 fichier sur 1, /);
    expect(await page.isDisabled(tid('export-button'))).toBe(true);
    await app.screenshot('export-progress');
    await page.click(tid('export-cancel'));
    await page.waitForFunction(() => document.querySelector('[data-testid="export-status"]')?.textContent?.startsWith('Export annulé'));
    expect(await page.getAttribute(tid('export-status'), 'role')).toBe('status');
    expect(await page.isVisible(tid('export-progress'))).toBe(false);
    await waitUntil('dossier des exports vide après annulation', () => exportsLeft().length === 0);
    // and it stays empty: the build was stopped, not left running to finish later
    await new Promise((r) => setTimeout(r, 1500));
    expect(exportsLeft()).toEqual([]);
  });

  it('runs the next export to the end: the bar goes away, the pack is there, no .part file', async () => {
    const { page } = app;
    await page.click(tid('export-button'));
    await page.waitForSelector(tid('export-result'), { timeout: 110_000 });
    expect(await page.isVisible(tid('export-progress'))).toBe(false);
    expect(await page.textContent(tid('export-status'))).toBe('Pack créé.');
    const files = exportsLeft();
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^ma-collectivite-label-nr-\d{8}-\d{6}\.zip$/);
    expect(Number(await page.getAttribute(tid('export-size'), 'data-value'))).toBeGreaterThan(SIZE);
    expect(app.pageErrors).toEqual([]);
    expect(app.failedRequests).toEqual([]);
  });
});
