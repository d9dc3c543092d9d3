/**
 * Preuves as a library in Chromium (demo workspace, browser mode): one file attached to two CAE sous-actions (upload,
 * then the library picker), a new version, marked confidentielle, the Preuves screen, then the export: the pack holds
 * no byte of either version and `_manifeste/fichiers-manquants.txt` lists it as retenue in both folders.
 * Screenshots: test-results/screenshots/preuves-library-*.png.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exportsDir } from '../../electron/core/paths';
import type { NodeDetail } from '../../electron/core/services/nodes';
import type { Preuve } from '../../electron/core/services/preuves';
import type { PreuveRevision } from '../../electron/core/services/preuves-library';
import { readZip } from '../core/pack/zip-read';
import { describeWithSharedData } from '../helpers/shared-data';
import { startE2EApp, type E2EApp } from './harness';
import { text, tid } from './ui';

const CAE = { referentialId: 'cae' };
const V1 = Buffer.from('Rapport de diagnostic — version 1\n', 'utf8');
const V2 = Buffer.from('Rapport de diagnostic — version 2, données salariales\n', 'utf8');

describeWithSharedData('preuves as a library in Chromium (demo workspace)', () => {
  let app: E2EApp;
  let preuveId = '';
  const detail = (nodeId: string) => app.query<NodeDetail>('nodes.detail', { ...CAE, nodeId });

  beforeAll(async () => {
    app = await startE2EApp({ demo: true });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('uploads a file on one sous-action and attaches it to another from the library picker', async () => {
    const { page } = app;
    await page.goto(`${app.url}#/referentiel/cae/cae_1.1.1.1`);
    await page.waitForSelector(`${tid('criterion-panel')}[data-node-id="cae_1.1.1.1"]`);
    await page.setInputFiles(tid('preuve-file-input'), { name: 'diagnostic-territorial.txt', mimeType: 'text/plain', buffer: V1 });
    await page.waitForFunction(() => document.querySelector('[data-testid="preuves-list"]')?.textContent?.includes('diagnostic-territorial.txt'));
    const first = (await detail('cae_1.1.1.1')).preuves.find((p) => p.fileName === 'diagnostic-territorial.txt')!;
    preuveId = first.id;

    await page.goto(`${app.url}#/referentiel/cae/cae_1.1.2.1`);
    await page.waitForSelector(`${tid('criterion-panel')}[data-node-id="cae_1.1.2.1"]`);
    // The picker is folded: the library is fetched only when asked for.
    expect(await page.locator(tid('preuve-library-search')).count()).toBe(0);
    await page.click(tid('preuve-library-open'));
    await page.fill(tid('preuve-library-search'), 'diagnostic territ');
    await page.waitForSelector(tid(`preuve-library-choice-${preuveId}`));
    expect(await text(page, 'preuve-library-count')).toBe('1 preuve trouvée.');
    await page.click(tid(`preuve-library-attach-${preuveId}`));
    await page.waitForSelector(tid(`preuve-${preuveId}`));
    expect((await detail('cae_1.1.2.1')).preuves.map((p) => p.id)).toContain(preuveId);
    expect(await text(page, `preuve-${preuveId}`)).toContain('rattachée à 2 critères');
  });

  it('the picker lists at most 12 matches of a large library and narrows as the search is refined', async () => {
    const { page } = app;
    for (let i = 1; i <= 20; i++) {
      const res = await fetch(`${app.url}trpc/preuves.addLink`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...CAE, nodeId: 'cae_1.1.1.1', url: `https://valmont.example/rapport-${i}`, titre: `Rapport annuel ${i}` }),
      });
      expect(res.status).toBe(200);
    }
    await page.goto(`${app.url}#/referentiel/cae/cae_1.2.1.1`);
    await page.waitForSelector(`${tid('criterion-panel')}[data-node-id="cae_1.2.1.1"]`);
    await page.click(tid('preuve-library-open'));
    await page.fill(tid('preuve-library-search'), 'RAPPORT annuel');
    await page.waitForFunction(() => document.querySelector('[data-testid="preuve-library-count"]')?.textContent?.startsWith('12 premières'));
    expect(await text(page, 'preuve-library-count')).toBe('12 premières sur 20 : précisez la recherche.');
    expect(await page.locator('[data-testid^="preuve-library-choice-"]').count()).toBe(12);
    await page.fill(tid('preuve-library-search'), 'rapport annuel 17');
    await page.waitForFunction(() => document.querySelector('[data-testid="preuve-library-count"]')?.textContent === '1 preuve trouvée.');
    expect(await page.locator('[data-testid^="preuve-library-choice-"]').allTextContents()).toEqual(['Rapport annuel 17Rattacher']);
    await app.screenshot('preuves-library-picker');
    await page.click(tid('preuve-library-close'));
    expect(await page.locator(tid('preuve-library-picker')).count()).toBe(0);
    // Keyboard: closing gives the focus back to the button; Escape in the empty search closes the picker, not the fiche.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('preuve-library-open');
    await page.keyboard.press('Enter');
    await page.waitForSelector(tid('preuve-library-search'));
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('preuve-library-search');
    await page.keyboard.press('Escape');
    await page.waitForSelector(tid('preuve-library-picker'), { state: 'detached' });
    expect(await page.locator(`${tid('criterion-panel')}[data-node-id="cae_1.2.1.1"]`).count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('preuve-library-open');
    await page.goto(`${app.url}#/referentiel/cae/cae_1.1.2.1`);
    await page.waitForSelector(`${tid('criterion-panel')}[data-node-id="cae_1.1.2.1"]`);
  });

  it('uploads a new version (the first is kept) and marks the preuve confidentielle', async () => {
    const { page } = app;
    await page.setInputFiles(tid(`preuve-revision-input-${preuveId}`), { name: 'diagnostic-territorial-v2.txt', mimeType: 'text/plain', buffer: V2 });
    await page.waitForSelector(tid(`preuve-version-${preuveId}`));
    expect(await text(page, `preuve-version-${preuveId}`)).toBe('· version 2');
    const revisions = await app.query<PreuveRevision[]>('preuves.revisions', { preuveId });
    expect(revisions.map((r) => [r.numero, r.fileName, r.size])).toEqual([
      [2, 'diagnostic-territorial-v2.txt', V2.length],
      [1, 'diagnostic-territorial.txt', V1.length],
    ]);
    // The box follows the stored flag: it ticks once the server has saved it.
    await page.click(tid(`preuve-confidentiel-${preuveId}`));
    await page.waitForSelector(tid(`preuve-confidentielle-${preuveId}`));
    await page.locator(tid('preuves')).scrollIntoViewIfNeeded();
    await app.screenshot('preuves-library-panel');
    const lib = await app.query<Preuve[]>('preuves.library');
    expect(lib.find((p) => p.id === preuveId)).toMatchObject({ confidentiel: true, revision: 2, nodeIds: ['cae_1.1.1.1', 'cae_1.1.2.1'] });
  });

  it('the Preuves screen lists it with its criteria, version and flag, filters, and shows « À compléter »', async () => {
    const { page } = app;
    await page.click(tid('nav-preuves'));
    await page.waitForSelector(tid(`library-${preuveId}`));
    const row = await text(page, `library-${preuveId}`);
    expect(row).toContain('cae_1.1.1.1');
    expect(row).toContain('cae_1.1.2.1');
    expect(row).toContain('version 2');
    expect(await page.isChecked(tid(`library-confidentiel-${preuveId}`))).toBe(true);
    await page.selectOption(tid('library-confidentiel'), 'oui');
    await expect.poll(() => page.$$eval('[data-testid^="library-"][data-kind]', (rows) => rows.map((r) => r.getAttribute('data-testid')))).toEqual([`library-${preuveId}`]);
    await page.fill(tid('library-search'), 'diagnostic 1.1.2.1');
    expect(await text(page, 'library-count')).toMatch(/^1 preuve sur \d+$/);
    await page.click(tid(`library-revisions-${preuveId}`));
    await page.waitForSelector(tid(`library-revision-list-${preuveId}`));
    expect(await page.$$eval(`${tid(`library-revision-list-${preuveId}`)} li`, (lis) => lis.length)).toBe(2);
    // The demo has fait / programmé sous-actions without preuve: they are listed, each a link to its fiche.
    const todo = await app.query<{ criteresSansPreuve: { nodeId: string }[] }>('preuves.aCompleter');
    expect(todo.criteresSansPreuve.length).toBeGreaterThan(0);
    expect(await page.$$eval('[data-testid="a-completer-criteres"] li', (lis) => lis.length)).toBe(todo.criteresSansPreuve.length);
    await app.screenshot('preuves-library-screen');
  });

  it('export: the confidentielle preuve is not in the pack and is listed as retenue', async () => {
    const { page } = app;
    await page.goto(`${app.url}#/export/cae`);
    expect(await page.isChecked(tid('export-include-confidentiel'))).toBe(false);
    await page.click(tid('export-button'));
    await page.waitForSelector(tid('export-result'), { timeout: 60_000 });
    const fileName = (await text(page, 'export-path')).split(/[\\/]/).pop()!;
    const zip = await readZip(join(exportsDir(app.dataDir), fileName));
    expect(zip.some((e) => e.data.equals(V1) || e.data.equals(V2))).toBe(false);
    expect(zip.some((e) => e.name.includes('diagnostic-territorial'))).toBe(false);
    const manquants = zip.find((e) => e.name === '_manifeste/fichiers-manquants.txt')!.data.toString('utf8');
    const retenues = manquants.split('\n').filter((l) => l.includes('diagnostic-territorial-v2.txt'));
    expect(retenues).toHaveLength(2);
    for (const l of retenues) expect(l).toMatch(/^preuves\/1 [^/]+\/1\.1 [^/]+\/1\.1\.[12] [^/]+\/diagnostic-territorial-v2\.txt — preuve confidentielle retenue \(fichier « diagnostic-territorial\.txt »\) : non incluse dans le pack à la demande de la collectivité$/);
    await app.screenshot('preuves-library-export');
    expect(app.pageErrors).toEqual([]);
  });
});
