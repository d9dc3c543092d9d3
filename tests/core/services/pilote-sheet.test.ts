/**
 * The pilote spreadsheet round trip (issue 5 item 2) on workbooks the tests build with exceljs from a real export:
 * preview, apply, conflicts, rejected rows with sheet, cell and reason, formulas, merged cells, reordered rows,
 * extra columns, and CSV saved by French Excel (Windows-1252) or as UTF-8 with BOM.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import { memoryCore, toyGrid, toyTete } from '../helpers/context';
import { userErrorAsync } from '../../helpers/errors';

let core: Core;
let cleanup: () => void;
let claire: string;
beforeEach(() => {
  ({ core, cleanup } = memoryCore());
  core.referentials.store(toyTete('eci'));
  core.referentials.store(toyGrid('rgesn', 'weighted'));
  claire = core.people.create({ nom: 'Claire Dupont' }).id;
  core.nodes.setPilotes({ referentialId: 'eci', nodeId: 'eci_1', personIds: [claire], serviceIds: [] });
  core.nodes.setPilotes({ referentialId: 'rgesn', nodeId: 'rgesn_1.1', personIds: [claire], serviceIds: [] });
  core.nodes.setEcheance({ referentialId: 'eci', nodeId: 'eci_1.2', echeance: '2027-03-15' });
  core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait', explication: 'Délibération du 3 mars' });
});
afterEach(() => cleanup());

async function exported(): Promise<{ wb: ExcelJS.Workbook; ws: ExcelJS.Worksheet; fileName: string }> {
  const out = await core.mesCriteres.exportXlsx({ kind: 'person', id: claire });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(out.bytes) as unknown as ArrayBuffer);
  return { wb, ws: wb.getWorksheet('Critères')!, fileName: out.fileName };
}

/** The data row of `nodeId` (ids in column B). */
function rowOf(ws: ExcelJS.Worksheet, nodeId: string): ExcelJS.Row {
  for (let r = 4; r <= ws.rowCount; r++) if (ws.getCell(r, 2).value === nodeId) return ws.getRow(r);
  throw new Error(`pas de ligne ${nodeId}`);
}

const bytesOf = async (wb: ExcelJS.Workbook) => new Uint8Array(await wb.xlsx.writeBuffer());
const file = async (wb: ExcelJS.Workbook) => ({ name: 'claire.xlsx', bytes: await bytesOf(wb) });

describe('pilote workbook export', () => {
  it('writes the criteria with locked ids, a drop-down of French statuts, date cells and a very hidden sheet of values', async () => {
    const { wb, ws, fileName } = await exported();
    expect(fileName).toBe('criteres-claire-dupont-2026-03-01.xlsx');
    expect(String(ws.getCell('A1').value)).toMatch(/^Critères de Claire Dupont — exporté le 01\/03\/2026 — réf\. [0-9a-f-]{36}$/);
    expect(ws.getRow(3).values).toEqual([undefined, 'Référentiel', 'Identifiant', 'Intitulé', 'Statut', 'Fait (%)', 'Programmé (%)', 'Pas fait (%)', 'Explication', 'Échéance', 'Preuves attendues']);
    const ids = [4, 5, 6].map((r) => ws.getCell(r, 2).value);
    expect(ids).toEqual(['eci_1.1', 'eci_1.2', 'rgesn_1.1']);
    const r11 = rowOf(ws, 'eci_1.1');
    expect(r11.getCell(4).value).toBe('Fait');
    expect(r11.getCell(8).value).toBe('Délibération du 3 mars');
    expect(r11.getCell(10).value).toBe('Délibération');
    expect(r11.getCell(2).protection?.locked ?? true).toBe(true); // locked is Excel's default
    expect((ws as unknown as { sheetProtection: unknown }).sheetProtection).toMatchObject({ sheet: true, sort: true, autoFilter: true });
    expect(r11.getCell(4).protection).toMatchObject({ locked: false });
    expect(r11.getCell(4).dataValidation).toMatchObject({ type: 'list', formulae: ['"Fait,Programmé,Pas fait,Non renseigné,Détaillé,Non concerné"'] });
    expect(rowOf(ws, 'rgesn_1.1').getCell(4).dataValidation.formulae).toEqual(['"Conforme,Non conforme,Non applicable,Non évalué"']);
    expect(rowOf(ws, 'rgesn_1.1').getCell(4).value).toBe('Non évalué');
    const due = rowOf(ws, 'eci_1.2').getCell(9);
    expect(due.value).toEqual(new Date('2027-03-15T00:00:00Z'));
    expect(due.numFmt).toBe('dd/mm/yyyy');
    expect(wb.getWorksheet('_export')!.state).toBe('veryHidden');
    expect(wb.getWorksheet('_export')!.getCell('A3').value).toBe('owner');
  });
});

describe('pilote workbook import', () => {
  it('previews each change before → after, writes nothing, then applies on confirmation under the pilote name', async () => {
    const { wb, ws } = await exported();
    rowOf(ws, 'eci_1.2').getCell(4).value = 'Programmé';
    rowOf(ws, 'eci_1.2').getCell(8).value = 'Marché attribué en mai';
    rowOf(ws, 'eci_1.2').getCell(9).value = '30/06/2027';
    rowOf(ws, 'rgesn_1.1').getCell(4).value = 'Conforme';
    const f = await file(wb);
    const preview = await core.mesCriteres.previewImport(f);
    expect(preview.owner).toEqual({ kind: 'person', id: claire, nom: 'Claire Dupont' });
    expect(preview.changements.map((c) => [c.nodeId, c.champ, c.avant, c.apres, c.cellule])).toEqual([
      ['eci_1.2', 'statut', 'Non renseigné', 'Programmé', 'D5'],
      ['eci_1.2', 'explication', '(vide)', 'Marché attribué en mai', 'H5'],
      ['eci_1.2', 'echeance', '15/03/2027', '30/06/2027', 'I5'],
      ['rgesn_1.1', 'statut', 'Non évalué', 'Conforme', 'D6'],
    ]);
    expect(preview.conflits).toEqual([]);
    expect(preview.rejets).toEqual([]);
    expect(preview.inchanges).toBe(1);
    expect(core.statuts.list('eci').map((s) => s.nodeId)).toEqual(['eci_1.1']);

    const before = core.scores.get('eci').root.pointProgramme;
    const result = await core.mesCriteres.applyImport(f);
    expect(result).toEqual({ appliques: 4, conflitsGardes: 0, rejets: [] });
    expect(core.statuts.list('eci').map((s) => [s.nodeId, s.statut, s.explication, s.modifiedBy])).toEqual([
      ['eci_1.1', 'fait', 'Délibération du 3 mars', 'Alice Testeuse'],
      ['eci_1.2', 'programme', 'Marché attribué en mai', 'Claire Dupont'],
    ]);
    expect(core.nodes.detail('eci', 'eci_1.2').echeance).toBe('2027-06-30');
    expect(core.statuts.list('rgesn')[0]).toMatchObject({ nodeId: 'rgesn_1.1', statut: 'conforme' });
    expect(before).toBe(0);
    expect(core.scores.get('eci').root.pointProgramme).toBe(20);
    const events = core.history.list({ limit: 4 });
    expect(events.map((e) => [e.action, e.who, e.nodeId])).toEqual([
      ['import.pilote', 'Claire Dupont', null],
      ['statut.set', 'Claire Dupont', 'rgesn_1.1'],
      ['node.echeance', 'Claire Dupont', 'eci_1.2'],
      ['statut.set', 'Claire Dupont', 'eci_1.2'],
    ]);
    expect(events[0]!.after).toMatchObject({ fichier: 'claire.xlsx', par: 'Alice Testeuse', changements: 4, rejets: 0 });
  });

  it('shows a change made in the app since the export as a conflict, decided by the lead, never overwritten silently', async () => {
    const { wb, ws } = await exported();
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.2', statut: 'pas_fait' });
    rowOf(ws, 'eci_1.2').getCell(4).value = 'Programmé';
    const f = await file(wb);
    const preview = await core.mesCriteres.previewImport(f);
    expect(preview.changements).toEqual([]);
    expect(preview.conflits.map((c) => [c.id, c.exporte, c.app, c.fichier])).toEqual([['eci|eci_1.2|statut', 'Non renseigné', 'Pas fait', 'Programmé']]);
    const e = await userErrorAsync(core.mesCriteres.applyImport(f));
    expect(e.message).toBe("Le conflit sur 1.2 (statut) n'est pas tranché : choisissez « garder l'application » ou « prendre le fichier ».");
    expect(e.en).toBe('The conflict on 1.2 (status) is not settled: choose “Keep the application’s” or “Take the file’s”.');
    expect(core.statuts.list('eci').find((s) => s.nodeId === 'eci_1.2')?.statut).toBe('pas_fait');
    expect(await core.mesCriteres.applyImport(f, { 'eci|eci_1.2|statut': 'app' })).toEqual({ appliques: 0, conflitsGardes: 1, rejets: [] });
    expect(core.statuts.list('eci').find((s) => s.nodeId === 'eci_1.2')?.statut).toBe('pas_fait');
    expect(await core.mesCriteres.applyImport(f, { 'eci|eci_1.2|statut': 'fichier' })).toEqual({ appliques: 1, conflitsGardes: 0, rejets: [] });
    expect(core.statuts.list('eci').find((s) => s.nodeId === 'eci_1.2')?.statut).toBe('programme');
    expect(core.scores.get('eci').root.pointProgramme).toBe(20);
  });

  it('rejects an unknown id, a statut not allowed, a split not summing to 100 % and a formula without value, with sheet, cell and reason; valid rows still apply', async () => {
    const { wb, ws } = await exported();
    rowOf(ws, 'eci_1.1').getCell(4).value = 'Conforme';
    rowOf(ws, 'eci_1.2').getCell(4).value = 'Détaillé';
    rowOf(ws, 'eci_1.2').getCell(5).value = 0.5;
    rowOf(ws, 'eci_1.2').getCell(6).value = 0.3;
    rowOf(ws, 'eci_1.2').getCell(7).value = 0.1;
    rowOf(ws, 'rgesn_1.1').getCell(4).value = 'Non conforme';
    ws.addRow(['eci', 'eci_9.9', 'Inventé', 'Fait']);
    ws.addRow(['rgesn', 'rgesn_2.1', 'Pas exporté', 'Conforme']);
    const formulaRow = ws.addRow(['rgesn', 'rgesn_1.1']);
    formulaRow.getCell(4).value = { formula: 'IF(1,"Conforme","")' } as ExcelJS.CellFormulaValue;
    const f = await file(wb);
    const preview = await core.mesCriteres.previewImport(f);
    expect(preview.rejets.map((r) => r.message)).toEqual([
      'Feuille « Critères », cellule D4 : statut « Conforme » non autorisé pour eci (statuts possibles : Fait, Programmé, Pas fait, Non renseigné, Détaillé, Non concerné). Ligne ignorée.',
      'Feuille « Critères », cellule E5 : La répartition fait / programmé / pas fait de eci_1.2 fait 90 % au lieu de 100 % (50 % / 30 % / 10 %). Ligne ignorée.',
      'Feuille « Critères », cellule B7 : identifiant « eci_9.9 » inconnu dans le référentiel eci. Ligne ignorée.',
      'Feuille « Critères », cellule B8 : le critère « rgesn_2.1 » ne fait pas partie de cet export. Ligne ignorée.',
      'Feuille « Critères », cellule D9 : formule sans valeur calculée (=IF(1,"Conforme","")) : ouvrez le classeur dans un tableur, enregistrez-le, puis réessayez. Ligne ignorée.',
    ]);
    // Issue 8 item 2: the same rows in English, for the preview of an English interface.
    expect(preview.rejets.map((r) => r.messageEn)).toEqual([
      'Sheet “Critères”, cell D4: status “Conforme” not allowed for eci (possible statuses: Fait, Programmé, Pas fait, Non renseigné, Détaillé, Non concerné). Row ignored.',
      'Sheet “Critères”, cell E5: The done / planned / not done split of eci_1.2 makes 90% instead of 100% (50% / 30% / 10%). Row ignored.',
      'Sheet “Critères”, cell B7: identifier “eci_9.9” unknown in referential eci. Row ignored.',
      'Sheet “Critères”, cell B8: criterion “rgesn_2.1” is not part of this export. Row ignored.',
      'Sheet “Critères”, cell D9: formula without a computed value (=IF(1,"Conforme","")): open the workbook in a spreadsheet, save it, then try again. Row ignored.',
    ]);
    expect(preview.rejets[0]).toMatchObject({ feuille: 'Critères', ligne: 4, cellule: 'D4' });
    expect(preview.changements.map((c) => [c.nodeId, c.apres])).toEqual([['rgesn_1.1', 'Non conforme']]);
    const result = await core.mesCriteres.applyImport(f);
    expect(result.appliques).toBe(1);
    expect(result.rejets).toHaveLength(5);
    expect(core.statuts.list('rgesn').map((s) => [s.nodeId, s.statut])).toEqual([['rgesn_1.1', 'non_conforme']]);
    expect(core.statuts.list('eci').map((s) => [s.nodeId, s.statut])).toEqual([['eci_1.1', 'fait']]);
    expect(core.scores.get('rgesn').root.pointPasFait).toBe(1.5);
  });

  it('reads formulas by their cached value, merged cells by their master, rows in another order and extra columns', async () => {
    const { wb, ws } = await exported();
    // Reorder: swap the rows of eci_1.1 and rgesn_1.1 (as a sort in Excel would), then insert a column before C.
    const a = rowOf(ws, 'eci_1.1').values as ExcelJS.CellValue[];
    const c = rowOf(ws, 'rgesn_1.1').values as ExcelJS.CellValue[];
    ws.getRow(4).values = c;
    ws.getRow(6).values = a;
    ws.spliceColumns(3, 0, ['Commentaire du service', 'à voir', 'ok', 'fini']);
    ws.getCell('E6').value = { formula: 'IF(TRUE,"Détaillé","")', result: 'Détaillé' } as ExcelJS.CellFormulaValue;
    ws.getCell('F6').value = 0.5;
    ws.getCell('G6').value = '30 %';
    ws.getCell('H6').value = '20,0 %';
    ws.getCell('I6').value = null;
    ws.mergeCells('I5:I6');
    ws.getCell('I5').value = 'Programme commun 2027';
    const preview = await core.mesCriteres.previewImport(await file(wb));
    expect(preview.rejets).toEqual([]);
    expect(preview.changements.map((ch) => [ch.nodeId, ch.champ, ch.avant, ch.apres, ch.cellule])).toEqual([
      ['eci_1.2', 'explication', '(vide)', 'Programme commun 2027', 'I5'],
      ['eci_1.1', 'statut', 'Fait', 'Détaillé (50 % / 30 % / 20 %)', 'E6'],
      ['eci_1.1', 'explication', 'Délibération du 3 mars', 'Programme commun 2027', 'I6'],
    ]);
    await core.mesCriteres.applyImport(await file(wb));
    expect(core.statuts.list('eci').map((s) => [s.nodeId, s.statut, s.detail, s.explication])).toEqual([
      ['eci_1.1', 'detaille', [0.5, 0.3, 0.2], 'Programme commun 2027'],
      ['eci_1.2', 'non_renseigne', null, 'Programme commun 2027'],
    ]);
    expect(core.scores.get('eci').root.pointFait).toBe(5);
  });

  it('refuses a file that does not come from an export of this workspace', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Feuil1');
    ws.addRow(['Identifiant', 'Statut']);
    ws.addRow(['eci_1.1', 'Fait']);
    const e = await userErrorAsync(core.mesCriteres.previewImport(await file(wb)));
    expect(e.message).toBe(
      "Le fichier claire.xlsx ne vient pas d'un export « Mes critères » de cet espace de travail (référence d'export absente de la première ligne) : exportez à nouveau le classeur du pilote.",
    );
    const csv = new TextEncoder().encode('Critères — réf. 00000000-0000-0000-0000-000000000000\nIdentifiant;Statut\neci_1.1;Fait\n');
    const e2 = await userErrorAsync(core.mesCriteres.previewImport({ name: 'x.csv', bytes: csv }));
    expect(e2.message).toBe(
      "Le fichier x.csv ne vient pas d'un export « Mes critères » de cet espace de travail (référence d'export « 00000000-0000-0000-0000-000000000000 » inconnue) : exportez à nouveau le classeur du pilote.",
    );
    const e3 = await userErrorAsync(core.mesCriteres.previewImport({ name: 'y.csv', bytes: new TextEncoder().encode('a;b\n1;2\n') }));
    expect(e3.message).toBe("Le fichier y.csv n'a pas de ligne d'en-tête avec une colonne « identifiant » dans ses 30 premières lignes.");
  });
});

/** Windows-1252 bytes of `text` (French Excel's CSV): Latin-1 plus the few characters cp1252 moves (—, ’, €, œ). */
function cp1252(text: string): Uint8Array {
  const extra: Record<string, number> = { '—': 0x97, '’': 0x92, '€': 0x80, 'œ': 0x9c };
  return Uint8Array.from([...text].map((ch) => extra[ch] ?? (ch.charCodeAt(0) < 256 ? ch.charCodeAt(0) : 0x3f)));
}

describe('pilote CSV import (the workbook saved as CSV)', () => {
  async function csvText(sep: string, edit: (cells: Record<string, string[]>) => void): Promise<string> {
    const { ws } = await exported();
    const lines: Record<string, string[]> = {};
    for (let r = 4; r <= ws.rowCount; r++) {
      const v = ws.getRow(r).values as unknown[];
      const cells = v.slice(1, 11).map((x) => (x instanceof Date ? `${String(x.getUTCDate()).padStart(2, '0')}/${String(x.getUTCMonth() + 1).padStart(2, '0')}/${x.getUTCFullYear()}` : x === null || x === undefined ? '' : String(x)));
      lines[String(v[2])] = cells;
    }
    edit(lines);
    const header = ['Référentiel', 'Identifiant', 'Intitulé', 'Statut', 'Fait (%)', 'Programmé (%)', 'Pas fait (%)', 'Explication', 'Échéance', 'Preuves attendues'];
    const q = (s: string) => (/[";\n,]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    return [String(ws.getCell('A1').value), '', header.join(sep), ...Object.values(lines).map((l) => l.map(q).join(sep))].join('\r\n') + '\r\n';
  }

  it('reads French Excel CSV (Windows-1252, « ; », decimal comma, dd/mm/yyyy hh:mm) with the same result as the workbook', async () => {
    const text = await csvText(';', (l) => {
      l['eci_1.2']![3] = 'Détaillé';
      l['eci_1.2']![4] = '33,3 %';
      l['eci_1.2']![5] = '33,3 %';
      l['eci_1.2']![6] = '33,4 %';
      l['eci_1.2']![7] = 'Études lancées — 1re phase';
      l['eci_1.2']![8] = '15/04/2027 00:00';
    });
    const preview = await core.mesCriteres.previewImport({ name: 'claire.csv', bytes: cp1252(text) });
    expect(preview.rejets).toEqual([]);
    expect(preview.changements.map((c) => [c.champ, c.avant, c.apres, c.cellule])).toEqual([
      ['statut', 'Non renseigné', 'Détaillé (33,3 % / 33,3 % / 33,4 %)', 'D5'],
      ['explication', '(vide)', 'Études lancées — 1re phase', 'H5'],
      ['echeance', '15/03/2027', '15/04/2027', 'I5'],
    ]);
    expect((await core.mesCriteres.applyImport({ name: 'claire.csv', bytes: cp1252(text) })).appliques).toBe(3);
    expect(core.statuts.list('eci')[1]).toMatchObject({ nodeId: 'eci_1.2', statut: 'detaille', detail: [0.333, 0.333, 0.334], explication: 'Études lancées — 1re phase' });
    expect(core.nodes.detail('eci', 'eci_1.2').echeance).toBe('2027-04-15');
  });

  it('reads UTF-8 with BOM and commas, and rejects a bad date with its cell', async () => {
    const text = await csvText(',', (l) => {
      l['eci_1.2']![3] = 'pas fait';
      l['rgesn_1.1']![3] = 'Non applicable';
      l['rgesn_1.1']![8] = '31/02/2027';
    });
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    const preview = await core.mesCriteres.previewImport({ name: 'claire.csv', bytes });
    expect(preview.changements.map((c) => [c.nodeId, c.apres])).toEqual([['eci_1.2', 'Pas fait']]);
    expect(preview.rejets.map((r) => r.message)).toEqual([
      'Feuille « claire.csv », cellule I6 : « 31/02/2027 » n\'est pas une date (formats acceptés : 15/03/2027, 2027-03-15). Ligne ignorée.',
    ]);
    expect(preview.rejets.map((r) => r.messageEn)).toEqual(['Sheet “claire.csv”, cell I6: “31/02/2027” is not a date (accepted formats: 15/03/2027, 2027-03-15). Row ignored.']);
  });
});
