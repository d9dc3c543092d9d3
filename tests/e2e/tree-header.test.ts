/**
 * The referential tree's column headers never run into each other (issue 8 item 2, found in English: « Completeness »
 * over « Leads · due date »): at 1280 and 1024 px wide, in English and in French, each header's text stays inside
 * its own cell (renderer/src/styles/referential.css `.tree thead th` wraps). Screenshots of the English tree.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithSharedData } from '../helpers/shared-data';
import { startE2EApp, type E2EApp } from './harness';
import { tid } from './ui';

describeWithSharedData('tree headers fit their columns', () => {
  let app: E2EApp;

  beforeAll(async () => {
    app = await startE2EApp({ demo: true });
    await app.page.goto(app.url);
    await app.page.waitForSelector(tid('workspace-nom'));
  });
  afterAll(async () => {
    await app?.close();
  });

  /** Per header of the tree: its text, and how far (px) its text goes past its cell's left and right edges. */
  async function headers(width: number, lang: 'fr' | 'en', screenshot?: string) {
    const { page } = app;
    await page.setViewportSize({ width, height: 800 });
    await page.evaluate((l) => localStorage.setItem('label-audit.lang', l), lang);
    await page.goto(`${app.url}#/referentiel/cae`);
    await page.reload();
    await page.waitForSelector(`${tid('node-tree')} tbody tr`);
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    if (screenshot) await app.screenshot(screenshot);
    return page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="node-tree"] thead th')].map((th) => {
        const cell = th.getBoundingClientRect();
        const range = document.createRange();
        range.selectNodeContents(th);
        const rects = [...range.getClientRects()];
        const left = Math.min(...rects.map((r) => r.left));
        const right = Math.max(...rects.map((r) => r.right));
        return { text: th.textContent ?? '', over: Math.max(0, right - cell.right, cell.left - left) };
      }),
    );
  }

  it('English and French, 1280 and 1024 px: no header text leaves its cell', async () => {
    for (const width of [1280, 1024]) {
      for (const lang of ['en', 'fr'] as const) {
        const hs = await headers(width, lang, lang === 'en' ? `tree-header-en-${width}` : undefined);
        expect(hs.map((h) => h.text)).toContain(lang === 'en' ? 'Completeness' : 'Complétude');
        expect(hs.filter((h) => h.over > 0.5), `${lang} ${width}px`).toEqual([]);
      }
    }
  });
});
