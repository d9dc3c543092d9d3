/**
 * The README's screenshots (issue 8 « Done when »): the main screens in French, 1280×800 PNG, from the demo
 * workspace (and an empty one for « Premiers pas »). Each run writes them to test-results/readme-screenshots/;
 * with `README_SCREENSHOTS=1` (`README_SCREENSHOTS=1 npx vitest run --project e2e tests/e2e/readme-screenshots.test.ts`)
 * also to docs/screenshots/, the committed copies the README shows. The test checks that every screenshot the README
 * names is committed, is a PNG of 1280×800 and stays small (< 400 kB).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithSharedData } from '../helpers/shared-data';
import { startE2EApp, type E2EApp } from './harness';
import { tid } from './ui';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = join(root, 'test-results/readme-screenshots');
const DOCS = join(root, 'docs/screenshots');
const SIZE = { width: 1280, height: 800 };

/** The screenshots, in the README's order: file name and what it shows (its alt text there). */
export const README_SCREENSHOTS = [
  'tableau-de-bord.png',
  'referentiel-filtres.png',
  'fiche-critere.png',
  'candidature.png',
  'preuves.png',
  'export.png',
  'premiers-pas.png',
] as const;

async function shoot(app: E2EApp, name: string): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const path = join(OUT, name);
  await app.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await app.page.waitForTimeout(150);
  await app.page.screenshot({ path, fullPage: false });
  if (process.env.README_SCREENSHOTS === '1') {
    mkdirSync(DOCS, { recursive: true });
    copyFileSync(path, join(DOCS, name));
  }
}

/** Width and height of a PNG from its IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describeWithSharedData('README screenshots (demo workspace, French)', () => {
  let app: E2EApp;

  beforeAll(async () => {
    app = await startE2EApp({ demo: true });
    await app.page.setViewportSize(SIZE);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('takes the main screens', async () => {
    const { page, url } = app;
    await page.goto(url);
    await page.waitForSelector(tid('chart-axes-cae'));
    await page.evaluate(() => document.querySelector('[data-testid="referential-card-cae"]')?.scrollIntoView());
    await page.evaluate(() => window.scrollBy(0, -70));
    await shoot(app, 'tableau-de-bord.png');

    await page.goto(`${url}#/referentiel/cae?statut=fait`);
    await page.waitForSelector(tid('node-cae_1.1.1'));
    await page.evaluate(() => window.scrollTo(0, 0));
    await shoot(app, 'referentiel-filtres.png');

    await page.goto(`${url}#/referentiel/cae/cae_1.1.1.3`);
    await page.waitForSelector(`${tid('criterion-panel')}[data-node-id="cae_1.1.1.3"]`);
    await page.waitForSelector(`${tid('criterion-panel')} ${tid('statut-radio-fait')}`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shoot(app, 'fiche-critere.png');

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.goto(`${url}#/candidature/cae`);
    await page.waitForSelector(tid('candidature-summary'));
    await shoot(app, 'candidature.png');

    await page.goto(`${url}#/preuves`);
    await page.waitForSelector(tid('a-completer'));
    await shoot(app, 'preuves.png');

    await page.goto(`${url}#/export/cae`);
    await page.waitForSelector(tid('export-referential-select'));
    await shoot(app, 'export.png');

    const empty = await startE2EApp({ demo: false });
    try {
      await empty.page.setViewportSize(SIZE);
      await empty.page.goto(empty.url);
      await empty.page.waitForSelector(tid('first-run-guide'));
      await shoot(empty, 'premiers-pas.png');
    } finally {
      await empty.close();
    }
    for (const name of README_SCREENSHOTS) expect(pngSize(join(OUT, name))).toEqual(SIZE);
  });

  it('the README shows every committed screenshot, 1280×800 PNG under 400 kB', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    for (const name of README_SCREENSHOTS) {
      expect(readme).toContain(`(docs/screenshots/${name})`);
      const file = join(DOCS, name);
      expect(existsSync(file), file).toBe(true);
      expect(pngSize(file)).toEqual(SIZE);
      expect(statSync(file).size).toBeLessThan(400_000);
    }
  });
});
