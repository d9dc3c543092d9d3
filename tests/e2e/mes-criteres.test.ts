/**
 * « Mes critères » in Chromium on the demo workspace (browser mode): the lead's overview shows exactly what
 * `mesCriteres.retards` computes; a pilote's criteria show in the server's urgency order; then the round trip
 * through the screen: the workbook is downloaded, filled with exceljs as a pilote would, picked back, the preview
 * shows the change before → after, and on confirmation the statut and the history carry the pilote's name.
 * Screenshots in test-results/screenshots/.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { HistoryEvent } from '../../electron/core/services/history';
import type { MesCriteres, RetardPersonne } from '../../electron/core/services/mes-criteres';
import { describeWithSharedData } from '../helpers/shared-data';
import { startE2EApp, type E2EApp } from './harness';
import { tid } from './ui';

describeWithSharedData('Mes critères in Chromium (demo workspace)', () => {
  let app: E2EApp;
  beforeAll(async () => {
    app = await startE2EApp({ demo: true });
    await app.page.goto(app.url);
    await app.page.click(tid('nav-mes-criteres'));
    await app.page.waitForSelector(tid('retards'));
  });
  afterAll(async () => {
    await app?.close();
  });

  it("shows who is late as the core computes it, then a pilote's criteria by urgency", async () => {
    const { page } = app;
    const retards = await app.query<RetardPersonne[]>('mesCriteres.retards');
    expect(retards.length).toBeGreaterThan(0);
    const shown = await page.$$eval('[data-testid="retards"] tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim())));
    expect(shown).toEqual(retards.map((r) => [r.nom, String(r.criteres), String(r.enRetard), String(r.sous30Jours), String(r.sansPreuve)]));

    const first = retards[0]!;
    await page.click(`${tid(`retard-${first.personId}`)} a`);
    await page.waitForSelector(tid('mes-criteres'));
    expect(new URL(page.url()).hash).toBe(`#/mes-criteres/${first.personId}`);
    const server = await app.query<MesCriteres>('mesCriteres.list', { owner: { personId: first.personId } });
    expect(server.criteres.length).toBe(first.criteres);
    const rows = await page.$$eval('[data-testid="mes-criteres"] tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-testid'), tr.getAttribute('data-urgence')]));
    expect(rows).toEqual(server.criteres.map((c) => [`mes-row-${c.nodeId}`, c.urgence]));
    await app.screenshot('mes-criteres');
  });

  it('exports the workbook, imports it filled with a preview, and applies it under the pilote name', async () => {
    const { page } = app;
    const hash = new URL(page.url()).hash;
    const personId = hash.split('/').pop()!;
    const server = await app.query<MesCriteres>('mesCriteres.list', { owner: { personId } });
    const target = server.criteres.find((c) => c.statut === 'non_renseigne' && c.model === 'tete')!;
    expect(target).toBeDefined();

    const [download] = await Promise.all([page.waitForEvent('download'), page.click(tid('mes-export'))]);
    const xlsx = join(app.dataDir, 'pilote.xlsx');
    await download.saveAs(xlsx);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(xlsx) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Critères')!;
    let edited = 0;
    ws.eachRow((row) => {
      if (row.getCell(2).value === target.nodeId) {
        row.getCell(4).value = 'Programmé';
        edited++;
      }
    });
    expect(edited).toBe(1);
    const filled = join(app.dataDir, 'pilote-rempli.xlsx');
    writeFileSync(filled, new Uint8Array(await wb.xlsx.writeBuffer()));

    await page.setInputFiles(tid('mes-import-file'), filled);
    await page.waitForSelector(tid('mes-changes'));
    const changes = await page.$$eval('[data-testid="mes-changes"] tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim())));
    expect(changes).toEqual([[target.identifiant, 'Statut', 'Non renseigné', 'Programmé']]);
    await app.screenshot('mes-criteres-apercu');
    // Nothing is written before confirmation.
    expect((await app.query<MesCriteres>('mesCriteres.list', { owner: { personId } })).criteres.find((c) => c.nodeId === target.nodeId)?.statut).toBe('non_renseigne');

    await page.click(tid('mes-confirm'));
    await page.waitForSelector(tid('mes-import-result'));
    expect(await page.textContent(tid('mes-import-result'))).toContain('1 modification(s) appliquée(s)');
    await page.waitForFunction((id) => document.querySelector(`[data-testid="mes-statut-${id}"]`)?.textContent === 'Programmé', target.nodeId);
    const history = await app.query<HistoryEvent[]>('history.list', { referentialId: target.referentialId, nodeId: target.nodeId, limit: 1 });
    expect(history[0]).toMatchObject({ action: 'statut.set', who: server.owner.nom });
    expect(app.pageErrors).toEqual([]);
  });
});
