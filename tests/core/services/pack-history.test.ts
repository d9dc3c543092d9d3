/**
 * The history in the audit pack (issue 6 item 5): historique.csv lists every event of the referential and of the
 * workspace, oldest first, in the pack's language (French by default, English with `lang: 'en'`: header, action
 * families, sentences, dates); a jalon's pack stops at the jalon, so re-exporting it after later changes gives the
 * same bytes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import { toCsv } from '../../../electron/core/pack/csv';
import { historiqueCsvRows } from '../../../electron/core/pack/documents';
import { memoryCore, toyTete } from '../helpers/context';
import { entryMap } from '../pack/zip-read';

let core: Core;
let cleanup: () => void;
beforeEach(() => {
  ({ core, cleanup } = memoryCore());
  core.referentials.store(toyTete('eci'));
  core.referentials.store(toyTete('cae'));
});
afterEach(() => cleanup());

/** historique.csv as rows of cells (BOM stripped, CRLF lines, `;` cells; no quoting in these fixtures). */
function csvRows(bytes: Buffer): string[][] {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return bytes.subarray(3).toString('utf8').split('\r\n').filter((l) => l !== '').map((l) => l.split(';'));
}

describe('history in the pack', () => {
  it('historique.csv: header, then every event of the referential and the workspace, oldest first, in French', async () => {
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait' });
    core.statuts.set({ referentialId: 'cae', nodeId: 'cae_1.1', statut: 'fait' });
    core.audit.demander('eci');
    core.audit.ouvrir('eci', 'Claire Auditrice');
    core.audit.setStatut({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'programme' });
    core.audit.clore('eci');
    const out = await core.pack.export('eci');
    const rows = csvRows((await entryMap(out.path)).get('historique.csv')!);
    expect(rows[0]).toEqual(['Date (UTC)', 'Qui', 'Action', 'N°', 'Élément', 'Modification']);
    expect(rows.slice(1).map((r) => [r[1], r[2], r[3], r[5]])).toEqual([
      ['Alice Testeuse', 'Espace de travail', '', 'Espace de travail créé : Commune de Test'],
      ['Alice Testeuse', 'Référentiels', '', expect.stringMatching(/^Référentiel « eci » version toy-1 importé/)],
      ['Alice Testeuse', 'Statuts et explications', '1.1', 'Statut : Non renseigné → Fait'],
      ['Alice Testeuse', 'Audit', '', 'Audit demandé (cycle 1)'],
      ['Alice Testeuse', 'Audit', '', 'Audit ouvert par Claire Auditrice (cycle 1) : jalon pré-audit figé, modifications de la collectivité verrouillées'],
      ['Claire Auditrice', 'Statuts et explications', '1.1', 'Statut : Fait → Programmé'],
      ['Alice Testeuse', 'Audit', '', 'Audit clos (cycle 1) : jalon post-audit figé'],
    ]);
    // No event of the other referential (cae).
    expect(rows.some((r) => r[4]?.startsWith('cae'))).toBe(false);
  });

  it("a jalon's pack stops at the jalon: later changes leave its bytes identical", async () => {
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait' });
    core.audit.demander('eci');
    const cycle = core.audit.ouvrir('eci', 'Claire Auditrice');
    const first = await core.jalons.exportPack(cycle.jalonPreId!, 'eci');
    const bytes = readFileSync(first.path);
    const rows = csvRows((await entryMap(first.path)).get('historique.csv')!);
    // The pré-audit jalon is the state the audit opened on: its history stops at the request, before the opening
    // event (recorded after the jalon, naming it).
    expect(rows.at(-1)![5]).toBe('Audit demandé (cycle 1)');
    core.audit.setStatut({ referentialId: 'eci', nodeId: 'eci_1.2', statut: 'fait' });
    core.audit.addNote('eci', 'eci_1', 'Vu');
    const again = await core.jalons.exportPack(cycle.jalonPreId!, 'eci');
    expect(readFileSync(again.path).equals(bytes)).toBe(true);
  });

  it("a jalon's pack stops at the last event recorded when it was taken, even when later events share its second", async () => {
    const mc = memoryCore();
    try {
      mc.core.referentials.store(toyTete('eci'));
      mc.core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait' });
      mc.ctx.now = () => '2026-03-01T12:00:00.000Z'; // a clock that does not move: same-second events
      const jalon = mc.core.jalons.take({ name: 'Même seconde', kind: 'manuel' });
      const first = await mc.core.jalons.exportPack(jalon.id, 'eci');
      const bytes = readFileSync(first.path);
      mc.core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.2', statut: 'pas_fait' });
      const rows = csvRows((await entryMap(first.path)).get('historique.csv')!);
      expect(rows.at(-1)![5]).toBe('Statut : Non renseigné → Fait');
      const again = await mc.core.jalons.exportPack(jalon.id, 'eci');
      expect(csvRows((await entryMap(again.path)).get('historique.csv')!).map((r) => r[5])).toEqual(rows.map((r) => r[5]));
      expect(readFileSync(again.path).equals(bytes)).toBe(true);
    } finally {
      mc.cleanup();
    }
  });

  it.runIf(existsSync('/usr/bin/pdftotext'))('rapport.pdf has an « Historique » page: the audit steps, then the latest changes newest first', async () => {
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait' });
    core.audit.demander('eci');
    core.audit.ouvrir('eci', 'Claire Auditrice');
    core.audit.setStatut({ referentialId: 'eci', nodeId: 'eci_1.2', statut: 'pas_fait' });
    const out = await core.pack.export('eci');
    const pdf = join(core.dataDir, 'rapport-historique.pdf');
    writeFileSync(pdf, (await entryMap(out.path)).get('rapport.pdf')!);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    const page = text.slice(text.lastIndexOf('Historique'));
    expect(page).toContain("6 modification(s) enregistrée(s) jusqu'à la date du jalon ; la liste complète est dans historique.csv.");
    expect(page).toContain("Cycle d'audit");
    expect(page).toContain('Audit ouvert par Claire Auditrice (cycle 1)');
    expect(page).toContain('Toutes les modifications');
    // Newest first: the auditor's change before the référent's.
    expect(page.indexOf('Statut : Non renseigné → Pas fait')).toBeLessThan(page.indexOf('Statut : Non renseigné → Fait'));
  });

  /** French words of the history's own wording (never the data: names, titles) that an English pack must not show. */
  const FRENCH_WORDS = /«|»|\b(Qui|Élément|Modification|Historique|Statut|Échéance|Référentiels?|Espace de travail|Statuts et explications|Pilotes et échéances|Audit (demandé|ouvert|clos)|Décision|Non renseigné|Fait|Programmé|Pas fait|jalon|modifications?|enregistrée|Toutes|Cycle d'audit|Non labellisé|valable|fixée)\b/;

  /** A history with a status, a due date, the audit cycle up to its decision (no level: not labelled). */
  function englishHistory(): void {
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait' });
    core.nodes.setEcheance({ referentialId: 'eci', nodeId: 'eci_1.1', echeance: '2027-06-30' });
    core.audit.demander('eci');
    core.audit.ouvrir('eci', 'Claire Auditrice');
    core.audit.setStatut({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'programme' });
    core.audit.clore('eci');
    core.audit.decider('eci', { niveau: null, date: '2026-04-15' });
  }

  it('an English pack has an English historique.csv: header, action families, sentences, dates', async () => {
    englishHistory();
    const out = await core.pack.export('eci', { lang: 'en' });
    const rows = csvRows((await entryMap(out.path)).get('historique.csv')!);
    expect(rows[0]).toEqual(['Date (UTC)', 'Who', 'Action', 'No.', 'Item', 'Change']);
    expect(rows.slice(1).map((r) => [r[1], r[2], r[3], r[5]])).toEqual([
      ['Alice Testeuse', 'Workspace', '', 'Workspace created: Commune de Test'],
      ['Alice Testeuse', 'Referentials', '', expect.stringMatching(/^Referential “eci” version toy-1 imported: \d+ items, \d+ points$/)],
      ['Alice Testeuse', 'Statuses and explanations', '1.1', 'Status: Not filled in → Done'],
      ['Alice Testeuse', 'Leads and due dates', '1.1', 'Due date set to 30 Jun 2027'],
      ['Alice Testeuse', 'Audit', '', 'Audit requested (cycle 1)'],
      ['Alice Testeuse', 'Audit', '', 'Audit opened by Claire Auditrice (cycle 1): pre-audit milestone frozen, changes by the local authority locked'],
      ['Claire Auditrice', 'Statuses and explanations', '1.1', 'Status: Done → Planned'],
      ['Alice Testeuse', 'Audit', '', 'Audit closed (cycle 1): post-audit milestone frozen'],
      ['Alice Testeuse', 'Audit', '', 'Decision: Not labelled on 15 Apr 2026'],
    ]);
    // ISO 8601 dates (UTC) in both languages: the column is data, not words.
    expect(rows[1]![0]).toMatch(/^2026-03-01T10:00:\d\d\.000Z$/);
    for (const r of rows) expect(r.join(';')).not.toMatch(FRENCH_WORDS);
    // French stays the default, word for word as before.
    const fr = csvRows((await entryMap((await core.pack.export('eci')).path)).get('historique.csv')!);
    expect(fr[0]).toEqual(['Date (UTC)', 'Qui', 'Action', 'N°', 'Élément', 'Modification']);
    expect(fr.slice(1).map((r) => r[5])).toContain('Échéance fixée au 30/06/2027');
    expect(fr.slice(1).map((r) => r[5])).toContain('Décision : Non labellisé le 15/04/2026');
  });

  it("a jalon's pack exported in English has its history in English too", async () => {
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait' });
    const jalon = core.jalons.take({ name: 'Before the committee', kind: 'manuel' });
    const out = await core.jalons.exportPack(jalon.id, 'eci', { lang: 'en' });
    const rows = csvRows((await entryMap(out.path)).get('historique.csv')!);
    expect(rows[0]![5]).toBe('Change');
    expect(rows.at(-1)![5]).toBe('Status: Not filled in → Done');
  });

  it.runIf(existsSync('/usr/bin/pdftotext'))("an English rapport.pdf's history page is in English: heading, columns, sentences, dates", async () => {
    englishHistory();
    const out = await core.pack.export('eci', { lang: 'en' });
    const pdf = join(core.dataDir, 'rapport-history-en.pdf');
    writeFileSync(pdf, (await entryMap(out.path)).get('rapport.pdf')!);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).not.toContain('Historique');
    const start = text.lastIndexOf('History');
    expect(start).toBeGreaterThan(0);
    // The page, without its footer lines (workspace — referential — milestone — page n / N).
    const page = text
      .slice(start)
      .split('\n')
      .filter((l) => !/ — page \d+ \/ \d+/.test(l))
      .join('\n');
    expect(page).toContain('9 changes recorded up to the milestone date; the full list is in historique.csv.');
    expect(page).toContain('Audit cycle');
    expect(page).toContain('All changes');
    expect(page).toMatch(/Date \(UTC\)\s+Who\s+No\.\s+Change/);
    expect(page).toContain('Audit opened by Claire Auditrice (cycle 1)');
    expect(page).toContain('Decision: Not labelled on 15 Apr 2026');
    expect(page).toContain('Due date set to 30 Jun 2027');
    // When, in English dates (UTC): 1 Mar 2026 10:00, never 01/03/2026.
    expect(page).toMatch(/1 Mar 2026 10:00/);
    expect(page).not.toMatch(/\d\d\/\d\d\/\d{4}/);
    // Newest first: the auditor's change before the lead's.
    expect(page.indexOf('Status: Done → Planned')).toBeLessThan(page.indexOf('Status: Not filled in → Done'));
    // Only names from the data are French (Commune de Test, Alice Testeuse, Claire Auditrice).
    expect(page).not.toMatch(FRENCH_WORDS);
  });

  it('cells that look like formulas are neutralised in historique.csv (an author named « =1+1 »)', () => {
    const csv = toCsv(historiqueCsvRows([{ at: '2026-03-01T10:00:00.000Z', who: '=1+1', action: 'statut.set', nodeId: 'eci_1.1', identifiant: '1.1', description: 'Statut : Fait → Programmé' }]));
    expect(csvRows(csv)[1]).toEqual(['2026-03-01T10:00:00.000Z', "'=1+1", 'Statuts et explications', '1.1', 'eci_1.1', 'Statut : Fait → Programmé']);
  });
});
