/**
 * Jalons and Comparaison in Chromium (browser mode, fresh data folder with the built-in Label NR grid; issue 6):
 * take a jalon from the Jalons screen, change one statut in the criterion panel, compare the jalon with
 * « maintenant »: the view shows exactly that change (the critère, its thème and the Total; the statut
 * Non renseigné → Fait highlighted), « Toutes les lignes » shows every node unchanged but those, and the XLSX
 * downloaded from the screen marks the same rows « modifié »; the jalon's pack downloaded before and after the change
 * has the same bytes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comparaison } from '../../electron/core/services/comparaison';
import type { ScoreResult } from '../../shared/domain';
import { startE2EApp, type E2EApp } from './harness';
import { frPercent, frPoints, text, tid } from './ui';

describe('Jalons and Comparaison in Chromium', () => {
  let app: E2EApp;
  beforeAll(async () => {
    app = await startE2EApp({ demo: false });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('takes a jalon, changes a statut, and the comparison with « maintenant » shows exactly that change', async () => {
    const { page } = app;
    await page.goto(`${app.url}#/jalons`);
    await page.waitForSelector(tid('jalons-empty'));
    // an empty name is refused with the core's French message
    await page.click(tid('jalon-take'));
    expect(await text(page, 'jalon-error')).toBe('Le nom du jalon est vide : donnez-lui un nom, par exemple « 2026 - avant le comité de pilotage ».');
    await page.fill(tid('jalon-nom'), 'Avant le comité');
    await page.click(tid('jalon-take'));
    await page.waitForSelector(tid('jalon-1'));
    expect(await text(page, 'jalon-report')).toMatch(/^Jalon n° 1 « Avant le comité » pris le \d\d\/\d\d\/\d{4} \d\d:\d\d\.$/);
    const before = await app.query<ScoreResult>('scores.get', { referentialId: 'label-nr' });
    expect(await page.getAttribute(tid('jalon-1-score-label-nr'), 'data-value')).toBe(String(before.root.score));
    const packSha = async () => {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.click(tid('jalon-1-pack-label-nr')).then(() => page.click(tid('jalon-1-pack-label-nr-download')))]);
      return createHash('sha256').update(readFileSync((await dl.path())!)).digest('hex');
    };
    const pack = await packSha();
    await app.screenshot('jalons');

    // one statut changed in the criterion panel
    await page.goto(`${app.url}#/referentiel/label-nr/label-nr_1.1`);
    await page.waitForSelector(`${tid('criterion-panel')}[data-node-id="label-nr_1.1"]`);
    await page.check(tid('statut-radio-fait'));
    await page.waitForSelector(`${tid('node-statut-label-nr_1.1')}[data-statut="fait"]`);
    const after = await app.query<ScoreResult>('scores.get', { referentialId: 'label-nr' });
    expect(after.root.pointFait).toBeGreaterThan(before.root.pointFait);

    // the comparison, from the jalon's row
    await page.goto(`${app.url}#/jalons`);
    await page.click(tid('jalon-compare-now-1'));
    await page.waitForSelector(tid('cmp-table'));
    expect(page.url()).toBe(`${app.url}#/comparaison?a=1&b=maintenant`);
    const rows = await page.$$eval('[data-testid="cmp-table"] tbody tr', (trs) => trs.map((r) => [r.getAttribute('data-testid'), r.getAttribute('data-changes')]));
    expect(rows).toEqual([
      ['cmp-row-label-nr', 'pointFait pctFait'],
      ['cmp-row-label-nr_1', 'pointFait pctFait'],
      ['cmp-row-label-nr_1.1', 'pointFait pctFait statut'],
    ]);
    expect(await page.getAttribute(tid('cmp-summary'), 'data-value')).toBe('3');
    const critere = after.nodes['label-nr_1.1']!;
    expect(await text(page, 'cmp-label-nr_1.1-a-statut')).toBe('—');
    expect(await text(page, 'cmp-label-nr_1.1-b-statut')).toBe('Fait');
    expect(await page.getAttribute(tid('cmp-label-nr_1.1-b-statut'), 'data-changed')).toBe('true');
    expect(await text(page, 'cmp-label-nr_1.1-a-pointFait')).toBe('0');
    expect(await text(page, 'cmp-label-nr_1.1-b-pointFait')).toBe(frPoints(critere.pointFait));
    expect(await text(page, 'cmp-label-nr_1.1-b-pctFait')).toBe(frPercent(1));
    expect(await page.getAttribute(tid('cmp-label-nr_1.1-b-potentiel'), 'data-changed')).toBeNull();
    expect(await text(page, 'cmp-label-nr-a-pointFait')).toBe(frPoints(before.root.pointFait));
    expect(await text(page, 'cmp-label-nr-b-pointFait')).toBe(frPoints(after.root.pointFait));
    await app.screenshot('comparaison');

    // every row: only those three changed
    await page.check(tid('cmp-tout'));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="cmp-table"] tbody tr').length > 3);
    const all = await app.query<Comparaison>('jalons.compare', { a: 1, b: 'maintenant', referentialId: 'label-nr' });
    const shown = await page.$$eval('[data-testid="cmp-table"] tbody tr', (trs) => trs.map((r) => r.getAttribute('data-changes')));
    expect(shown).toHaveLength(all.lignes.length);
    expect(shown.filter((c) => c !== '')).toHaveLength(3);

    // the XLSX from the screen marks the same three rows
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(tid('cmp-xlsx'))]);
    expect(download.suggestedFilename()).toBe('comparaison-label-nr-jalon1-maintenant.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Comparaison')!;
    const modifies: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 7 && row.getCell(30).value === 'modifié') modifies.push(String(row.getCell(1).value));
    });
    expect(modifies).toEqual(['Total', '1', '1.1']);
    expect(ws.getCell('F6').value).toMatch(/^Avant le comité \(\d\d\/\d\d\/\d{4}\)$/);
    expect(ws.getCell('P6').value).toMatch(/^Maintenant \(\d\d\/\d\d\/\d{4}\)$/);

    // the jalon's pack, downloaded again after the change, has the same bytes
    await page.goto(`${app.url}#/jalons`);
    await page.reload();
    expect(await packSha()).toBe(pack);

    expect(app.pageErrors).toEqual([]);
    expect(app.failedRequests.filter((r) => !r.includes('jalons.take'))).toEqual([]);
  }, 120_000);

  it('a comparison link naming a jalon this workspace does not have says so', async () => {
    const { page } = app;
    await page.goto(`${app.url}#/comparaison?a=999&b=maintenant`);
    await page.reload();
    await page.waitForSelector('[data-testid="cmp-unknown-jalon"]');
    expect(await page.textContent('[data-testid="cmp-unknown-jalon"]')).toBe(
      "Le jalon n° 999 n'existe pas dans cet espace de travail : choisissez-en un dans la liste des jalons. Jalons",
    );
    expect(await page.$('[data-testid="cmp-table"]')).toBeNull();
  });
});
