/**
 * A full audit cycle in Chromium on the demo workspace's real CAE file (issue 6, « Done when »): prepare (ordre du
 * jour), request, start the audit (pré-audit jalon frozen, the authority's writes refused), the auditor changes two
 * statuts and writes notes in the « Audit » screen, closes the audit (post-audit jalon frozen), the decision is
 * recorded; the comparison of the two jalons and its XLSX show exactly the two changes; the « Historique » screen
 * shows the auditor's changes under the auditor's name. Screenshots go to test-results/screenshots/.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AuditCycle } from '../../electron/core/services/audit';
import type { Comparaison } from '../../electron/core/services/comparaison';
import type { StatutView } from '../../electron/core/services/statuts';
import type { Referential } from '../../shared/domain';
import { describeWithSharedData } from '../helpers/shared-data';
import { startE2EApp, type E2EApp } from './harness';
import { tid } from './ui';

const AUDITEUR = 'Claire Auditrice';

describeWithSharedData('a full audit cycle in Chromium (demo workspace, CAE)', () => {
  let app: E2EApp;
  /** The mesure audited and its two sous-actions the auditor changes (none has a statut yet, nor its tâches). */
  let mesure: string;
  let changed: [string, string];
  const cycle = async () => (await app.query<AuditCycle[]>('audit.cycles', { referentialId: 'cae' })).at(-1)!;
  /** A tRPC mutation over HTTP, as the renderer sends it: the status and the JSON body. */
  async function mutate(path: string, input: unknown): Promise<{ status: number; body: { result?: { data: unknown }; error?: { message: string } } }> {
    const res = await fetch(`${app.url}trpc/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
    return { status: res.status, body: (await res.json()) as { result?: { data: unknown }; error?: { message: string } } };
  }
  const waitEtape = (etape: string) => app.page.waitForSelector(`${tid('audit-cycle')}[data-etape="${etape}"]`);

  beforeAll(async () => {
    app = await startE2EApp({ demo: true });
    const ref = await app.query<Referential>('referentials.get', { referentialId: 'cae' });
    const statuts = new Set((await app.query<StatutView[]>('statuts.list', { referentialId: 'cae' })).map((s) => s.nodeId));
    const under = (id: string) => ref.nodes.filter((n) => n.id === id || n.id.startsWith(`${id}.`));
    // The first mesure with two sous-actions that have no statut, on themselves or their tâches.
    for (const m of ref.nodes.filter((n) => n.depth === ref.actionLevel)) {
      const free = ref.nodes.filter((n) => n.parentId === m.id && under(n.id).every((x) => !statuts.has(x.id)));
      if (free.length >= 2) {
        mesure = m.id;
        changed = [free[0]!.id, free[1]!.id];
        break;
      }
    }
    expect(mesure).toBeDefined();
    await app.page.goto(`${app.url}#/audit/cae`);
    await waitEtape('preparation');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('requests the audit and puts the mesure on the ordre du jour', async () => {
    const { page } = app;
    await page.click(tid('audit-demander'));
    await waitEtape('demande');
    // Controlled by the server's answer: the box shows checked once the flag is recorded.
    await page.click(tid(`audit-odj-${mesure}`));
    await page.waitForSelector(tid(`odj-${mesure}`));
    expect(await page.textContent(tid('audit-ordre-du-jour'))).toContain('Ordre du jour de la séance (1)');
  });

  it("opens the audit under the auditor's name: the pré-audit jalon is frozen and the authority's writes are refused", async () => {
    const { page } = app;
    await page.fill(tid('audit-auditeur-input'), AUDITEUR);
    await page.click(tid('audit-ouvrir'));
    await waitEtape('ouvert');
    expect(await page.textContent(tid('audit-auditeur'))).toBe(AUDITEUR);
    const c = await cycle();
    expect(c.jalonPreId).not.toBeNull();
    expect(await page.textContent(tid('audit-jalon-pre'))).toContain(`n° ${c.jalonPreId}`);
    const refused = await mutate('statuts.set', { referentialId: 'cae', nodeId: changed[0], statut: 'pas_fait' });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.message).toMatch(/^L'audit est ouvert : le référentiel cae \(cycle 1\) est en cours d'audit par Claire Auditrice depuis le /);
    await app.screenshot('audit-ouvert');
  });

  it('the auditor changes two statuts (one Fait, one Détaillé 60 / 30 / 10), sets the état and writes notes, all under their name', async () => {
    const { page } = app;
    await page.click(tid(`audit-ouvrir-${mesure}`));
    await page.selectOption(tid(`audit-statut-${changed[0]}`), 'fait');
    await page.waitForFunction((sel) => (document.querySelector(sel) as HTMLSelectElement | null)?.value === 'fait', tid(`audit-statut-${changed[0]}`));
    // Détaillé opens its split; a total other than 100 % is refused before anything is sent.
    const d = `audit-detail-${changed[1]}`;
    await page.selectOption(tid(`audit-statut-${changed[1]}`), 'detaille');
    await page.fill(tid(`${d}-fait`), '60');
    await page.fill(tid(`${d}-programme`), '30');
    await page.click(tid(`${d}-save`));
    await page.waitForSelector(tid(`audit-detail-error-${changed[1]}`));
    expect((await app.query<StatutView[]>('statuts.list', { referentialId: 'cae' })).some((s) => s.nodeId === changed[1])).toBe(false);
    await page.fill(tid(`${d}-pas-fait`), '10');
    expect(await page.textContent(tid(`${d}-total`))).toMatch(/100/);
    await page.click(tid(`${d}-save`));
    await expect.poll(async () => (await app.query<StatutView[]>('statuts.list', { referentialId: 'cae' })).find((s) => s.nodeId === changed[1])?.detail).toEqual([0.6, 0.3, 0.1]);
    expect(await page.inputValue(tid(`audit-statut-${changed[1]}`))).toBe('detaille');
    // Opened afresh (the statuts load after the row is drawn), the stored split is shown, not empty fields.
    await page.reload();
    await waitEtape('ouvert');
    await page.click(tid(`audit-ouvrir-${mesure}`));
    await page.waitForFunction((sel) => (document.querySelector(sel) as HTMLInputElement | null)?.value === '60', tid(`${d}-fait`));
    expect([await page.inputValue(tid(`${d}-fait`)), await page.inputValue(tid(`${d}-programme`)), await page.inputValue(tid(`${d}-pas-fait`))]).toEqual(['60', '30', '10']);
    await page.fill(tid(`audit-note-input-${mesure}`), 'Délibération vue en séance : conforme.');
    await page.click(tid(`audit-note-add-${mesure}`));
    await page.waitForSelector(tid(`audit-notes-${mesure}`));
    await page.selectOption(tid(`audit-etat-${mesure}`), 'audite');
    await page.waitForSelector(`${tid(`audit-mesure-${mesure}`)}[data-etat="audite"]`);
    expect(await page.textContent(tid(`audit-notes-${mesure}`))).toContain(`Délibération vue en séance : conforme. (${AUDITEUR},`);
    const statuts = await app.query<StatutView[]>('statuts.list', { referentialId: 'cae' });
    expect(changed.map((id) => statuts.find((s) => s.nodeId === id)).map((s) => [s?.statut, s?.modifiedBy])).toEqual([
      ['fait', AUDITEUR],
      ['detaille', AUDITEUR],
    ]);
    // The agenda shows the mesure with its état and the note.
    expect(await page.textContent(tid(`odj-${mesure}`))).toContain('Audité');
    expect(await page.textContent(tid(`odj-${mesure}`))).toContain('Délibération vue en séance : conforme.');
    await app.screenshot('audit-auditeur');
  });

  it('closes the audit (post-audit jalon frozen), then records the decision', async () => {
    const { page } = app;
    await page.click(tid('audit-clore'));
    await waitEtape('clos');
    const c = await cycle();
    expect(c.jalonPostId).not.toBeNull();
    expect(await page.textContent(tid('audit-jalon-post'))).toContain(`n° ${c.jalonPostId}`);
    const day = c.closAt!.slice(0, 10);
    await page.selectOption(tid('audit-decision-niveau'), '2');
    await page.fill(tid('audit-decision-date'), day);
    await page.click(tid('audit-decider'));
    // Asked once more, naming what is recorded; nothing is recorded before the answer.
    await page.waitForSelector(tid('audit-decider-confirm'));
    expect(await page.textContent(tid('audit-decider-confirm'))).toContain(`Enregistrer la décision « 2 étoiles » du ${day.split('-').reverse().join('/')} ?`);
    expect((await cycle()).etape).toBe('clos');
    await page.click(tid('audit-decider-ok'));
    await waitEtape('decision');
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    const fin = new Date(Date.UTC(y + 4, m - 1, d - 1)).toISOString().slice(0, 10);
    const fr = (iso: string) => iso.split('-').reverse().join('/');
    expect(await page.textContent(tid('audit-decision'))).toBe(`2 étoiles, le ${fr(day)} — valable jusqu'au ${fr(fin)} (4 ans)`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await app.screenshot('audit-decision');
  });

  it('the comparison view of the pré- and post-audit jalons, and its XLSX, show exactly the two changes', async () => {
    const { page } = app;
    const c = await cycle();
    await page.click(tid('audit-comparer'));
    await page.waitForSelector(tid('cmp-table'));
    expect(new URL(page.url()).hash).toBe(`#/comparaison?a=${c.jalonPreId}&b=${c.jalonPostId}&ref=cae`);
    const rows = await page.$$eval('[data-testid^="cmp-row-"]', (trs) => trs.map((tr) => ({ id: tr.getAttribute('data-testid')!.slice('cmp-row-'.length), changes: tr.getAttribute('data-changes') ?? '' })));
    const statutRows = rows.filter((r) => r.changes.split(' ').includes('statut')).map((r) => r.id);
    expect(statutRows).toEqual(changed);
    expect((await page.textContent(tid(`cmp-${changed[0]}-b-statut`)))?.trim()).toBe('Fait');
    expect((await page.textContent(tid(`cmp-${changed[1]}-b-statut`)))?.trim()).toBe('Détaillé au %');
    // Every other changed row is an ancestor whose points moved with them.
    const others = rows.filter((r) => r.changes !== '' && !changed.includes(r.id)).map((r) => r.id);
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((id) => id === 'cae' || changed.every((x) => x.startsWith(`${id}.`)))).toBe(true);
    // The server's comparison says the same.
    const cmp = await app.query<Comparaison>('jalons.compare', { a: c.jalonPreId, b: c.jalonPostId, referentialId: 'cae', seulementChanges: true });
    expect(cmp.lignes.filter((l) => l.changes.includes('statut')).map((l) => [l.nodeId, l.a?.statut ?? null, l.b?.statut])).toEqual([
      [changed[0], null, 'Fait'],
      [changed[1], null, 'Détaillé au %'],
    ]);
    await app.screenshot('audit-comparaison');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click(tid('cmp-xlsx'))]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Comparaison')!;
    const statutDiff: string[] = [];
    ws.eachRow((row, n) => {
      if (n <= 7) return;
      if (row.getCell(13).value !== row.getCell(23).value) statutDiff.push(String(row.getCell(1).value));
    });
    const ref = await app.query<Referential>('referentials.get', { referentialId: 'cae' });
    const ident = (id: string) => ref.nodes.find((n) => n.id === id)!.identifiant;
    expect(statutDiff).toEqual([ident(changed[0]), ident(changed[1])]);
  });

  it("the « Historique » screen filtered on the auditor shows their changes in French, before → after", async () => {
    const { page } = app;
    await page.click(tid('nav-historique'));
    await page.waitForSelector(tid('historique-table'));
    await page.selectOption(tid('historique-who'), AUDITEUR);
    await page.waitForFunction(() => document.querySelector('[data-testid="historique-count"]')?.textContent?.startsWith('4 modifications'));
    const rows = await page.$$eval('[data-testid="historique-table"] tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows.map((r) => [r[1], r[3], r[4]])).toEqual([
      [AUDITEUR, mesure, "État d'audit : Non audité → Audité"],
      [AUDITEUR, mesure, "Note d'audit : « Délibération vue en séance : conforme. »"],
      [AUDITEUR, changed[1], 'Statut : Non renseigné → Détaillé (60\u202f% / 30\u202f% / 10\u202f%)'],
      [AUDITEUR, changed[0], 'Statut : Non renseigné → Fait'],
    ]);
    await page.selectOption(tid('historique-action'), 'statut');
    await page.waitForFunction(() => document.querySelector('[data-testid="historique-count"]')?.textContent?.startsWith('2 modifications'));
    await app.screenshot('historique');
    expect(app.pageErrors).toEqual([]);
  });
});
