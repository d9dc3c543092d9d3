/**
 * Comparison of two states (issue 6 item 2): values side by side per node asserted exactly on the toy referential
 * and on the real CAE file, the XLSX in the national comparison layout (a second block F–O per state, changed cells
 * highlighted, « Évolution » column), byte-identical for two jalons whatever changes later; bad inputs.
 */
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import { CHANGED_FILL, COMPARISON_COLUMNS } from '../../../electron/core/pack/comparison-xlsx';
import type { ServiceContext } from '../../../electron/core/services/context';
import { DATA, describeWithSharedData } from '../../helpers/shared-data';
import { memoryCore, toyTete } from '../helpers/context';

let core: Core;
let ctx: ServiceContext;
let cleanup: () => void;
afterEach(() => cleanup());

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const none = { pointFait: 0, pctFait: 0, pointProgramme: 0, pctProgramme: 0, pointPasFait: 0, pctPasFait: 0, statut: null };

async function sheetOf(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb.getWorksheet('Comparaison')!;
}

describe('comparison on the toy referential', () => {
  beforeEach(() => {
    ({ core, ctx, cleanup } = memoryCore());
    core.referentials.store(toyTete());
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait' });
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_2.1.1', statut: 'detaille', detail: [0.7, 0.2, 0.1] });
    core.jalons.take({ name: 'Avant', kind: 'pre-audit' });
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.2', statut: 'programme' });
    core.jalons.take({ name: 'Après', kind: 'post-audit' });
  });

  it('shows exactly what changed: Total, the mesure and the sous-action whose statut changed', () => {
    const c = core.jalons.compare({ a: 1, b: 2, seulementChanges: true });
    expect(c.a).toEqual({ jalonId: 1, kind: 'pre-audit', nom: 'Avant', date: '2026-03-01T10:00:04.000Z', version: 'toy-1', label: 'Avant (01/03/2026)' });
    expect(c.b.label).toBe('Après (01/03/2026)');
    expect(c.changed).toBe(3);
    expect(c.lignes).toEqual([
      {
        nodeId: 'eci',
        identifiant: '',
        nom: 'Total',
        depth: 0,
        a: { potentiel: 100, pointFait: 38, pctFait: 0.38, pointProgramme: 8, pctProgramme: 0.08, pointPasFait: 4, pctPasFait: 0.04, statut: null },
        b: { potentiel: 100, pointFait: 38, pctFait: 0.38, pointProgramme: 28, pctProgramme: 0.28, pointPasFait: 4, pctPasFait: 0.04, statut: null },
        changes: ['pointProgramme', 'pctProgramme'],
      },
      {
        nodeId: 'eci_1',
        identifiant: '1',
        nom: 'Nœud 1',
        depth: 1,
        a: { ...none, potentiel: 30, pointFait: 10, pctFait: 0.333 },
        b: { ...none, potentiel: 30, pointFait: 10, pctFait: 0.333, pointProgramme: 20, pctProgramme: 0.666 },
        changes: ['pointProgramme', 'pctProgramme'],
      },
      {
        nodeId: 'eci_1.2',
        identifiant: '1.2',
        nom: 'Nœud 1.2',
        depth: 2,
        a: { ...none, potentiel: 20 },
        b: { ...none, potentiel: 20, pointProgramme: 20, pctProgramme: 1, statut: 'Programmé' },
        changes: ['pointProgramme', 'pctProgramme', 'statut'],
      },
    ]);
    const all = core.jalons.compare({ a: 1, b: 2 });
    expect(all.lignes.map((l) => l.identifiant)).toEqual(['', '1', '1.1', '1.2', '2', '2.0', '2.1', '2.1.0', '2.1.1', '2.1.2', '2.2', '2.2.1', '2.2.2', '2.2.3']);
    expect(all.changed).toBe(3);
  });

  it('compares a jalon with « maintenant », and a state with itself (no change)', () => {
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_2.2.1', statut: 'pas_fait' });
    const c = core.jalons.compare({ a: 2, b: 'maintenant', seulementChanges: true });
    expect(c.b).toMatchObject({ jalonId: null, kind: 'maintenant', nom: 'Maintenant', version: 'toy-1' });
    expect(c.lignes.map((l) => [l.identifiant, l.a?.statut ?? null, l.b?.statut ?? null, l.a?.pointPasFait, l.b?.pointPasFait])).toEqual([
      ['', null, null, 4, 6],
      ['2', null, null, 4, 6],
      ['2.2', null, 'Détaillé à la tâche', 0, 2],
      ['2.2.1', null, 'Pas fait', 0, 2],
    ]);
    expect(core.jalons.compare({ a: 1, b: 1 }).changed).toBe(0);
  });

  it('the XLSX: national comparison layout, one block F–O per state, changed cells highlighted, Évolution column', async () => {
    const { fileName, bytes } = await core.jalons.compareXlsx({ a: 1, b: 2 });
    expect(fileName).toBe('comparaison-eci-jalon1-jalon2.xlsx');
    const ws = await sheetOf(bytes);
    expect(ws.getCell('A1').value).toBe('Commune de Test');
    expect(ws.getRow(3).values).toEqual([undefined, "Date d'export", '2026-03-01']);
    expect(ws.getCell('B4').value).toBe('Avant (01/03/2026) → Après (01/03/2026)');
    expect(ws.getCell('F6').value).toBe('Avant (01/03/2026)');
    expect(ws.getCell('P6').value).toBe('Après (01/03/2026)');
    expect((ws.getRow(7).values as unknown[]).slice(1)).toEqual([...COMPARISON_COLUMNS]);
    expect(COMPARISON_COLUMNS.slice(5, 15)).toEqual(COMPARISON_COLUMNS.slice(15, 25));
    expect(COMPARISON_COLUMNS.slice(25)).toEqual(['Personnes pilotes', 'Services ou Directions pilotes', 'Documents liés', 'Actions liées', 'Évolution']);
    // row 8 Total, row 10 = 1.1 (unchanged), row 11 = 1.2 (programmé in B)
    const row = (n: number) => (ws.getRow(n).values as unknown[]).slice(1, 31);
    expect(row(8).slice(0, 2)).toEqual(['Total', 'Référentiel jouet']);
    expect(ws.getCell('I8').value).toBe(8);
    expect(ws.getCell('S8').value).toBe(28);
    expect(ws.getCell('T8').value).toBe(0.28);
    expect(ws.getCell('T8').numFmt).toBe('0.0%');
    expect(ws.getCell('A11').value).toBe('1.2');
    expect(ws.getCell('M11').value).toBeNull();
    expect(ws.getCell('W11').value).toBe('Programmé');
    expect(ws.getCell('AD11').value).toBe('modifié');
    expect(ws.getCell('AD10').value).toBeNull();
    const fill = (ref: string) => (ws.getCell(ref).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
    expect(['S11', 'T11', 'W11'].map(fill)).toEqual([CHANGED_FILL, CHANGED_FILL, CHANGED_FILL]);
    expect(fill('Q11')).toBe('FFDCEBF7'); // the axe's colour: unchanged
    expect(ws.getRow(11).outlineLevel).toBe(2);
    expect(ws.rowCount).toBe(7 + 14);
  });

  it('the XLSX of two jalons is byte-identical after later statut, preuve, identité and referential changes', async () => {
    const before = sha((await core.jalons.compareXlsx({ a: 1, b: 2 })).bytes);
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'pas_fait', explication: 'non' });
    core.preuves.addFile({ referentialId: 'eci', nodeId: 'eci_1.1', fileName: 'x.txt', bytes: new TextEncoder().encode('x') });
    core.personnalisation.setIdentite({ population: 99_000 });
    const changed = toyTete();
    changed.version = 'toy-2';
    changed.nodes.find((n) => n.id === 'eci_1.2')!.pointReferentiel = 25;
    core.referentials.store(changed);
    expect(sha((await core.jalons.compareXlsx({ a: 1, b: 2 })).bytes)).toBe(before);
    expect(sha((await core.jalons.compareXlsx({ a: 1, b: 2 })).bytes)).toBe(before);
    // and the live side did move: version toy-2 against the jalon
    const c = core.jalons.compare({ a: 2, b: 'maintenant' });
    expect(c.b.version).toBe('toy-2');
    expect(c.lignes.find((l) => l.nodeId === 'eci_1.2')!.b!.potentiel).toBe(25);
  });

  it('a node added by a re-import is a row « ajouté » present only on that side', async () => {
    const more = toyTete();
    more.version = 'toy-3';
    const n13 = { ...more.nodes.find((n) => n.id === 'eci_1.2')!, id: 'eci_1.3', identifiant: '1.3', nom: 'Nœud 1.3', ordre: 3, pointReferentiel: 0 };
    more.nodes.splice(more.nodes.findIndex((n) => n.id === 'eci_2'), 0, n13);
    core.referentials.store(more);
    const c = core.jalons.compare({ a: 2, b: 'maintenant', seulementChanges: true });
    const added = c.lignes.find((l) => l.nodeId === 'eci_1.3')!;
    expect(added.a).toBeNull();
    expect(added.b).toMatchObject({ potentiel: 0 });
    expect(added.changes).toHaveLength(8);
    const ws = await sheetOf((await core.jalons.compareXlsx({ a: 2, b: 'maintenant' })).bytes);
    const r = ws.getColumn(1).values.indexOf('1.3');
    expect(ws.getCell(`AD${r}`).value).toBe('ajouté');
    expect(ws.getCell(`F${r}`).value).toBeNull();
  });

  it('bad inputs: unknown jalon, a referential one side lacks, no common referential, several without a choice', () => {
    expect(() => core.jalons.compare({ a: 1, b: 9 })).toThrow(expect.objectContaining({ code: 'NOT_FOUND', message: "Le jalon n° 9 n'existe pas dans cet espace de travail (voir la liste des jalons)." }));
    expect(() => core.jalons.compare({ a: 1, b: 2, referentialId: 'cae' })).toThrow(
      expect.objectContaining({ code: 'REFERENTIAL_UNKNOWN', message: 'Comparaison impossible : le jalon n° 1 ne contient pas le référentiel « cae » (il contient : eci).' }),
    );
    core.referentials.store(toyTete('cae'));
    core.jalons.take({ name: 'CAE seul', kind: 'manuel', referentialIds: ['cae'] });
    expect(() => core.jalons.compare({ a: 1, b: 3 })).toThrow(
      expect.objectContaining({
        code: 'INPUT_INVALID',
        message: "Comparaison impossible : le jalon n° 1 (eci) et le jalon n° 3 (cae) ne portent sur aucun référentiel commun ; on compare deux états d'un même référentiel.",
      }),
    );
    core.jalons.take({ name: 'Les deux', kind: 'manuel' });
    expect(() => core.jalons.compare({ a: 4, b: 'maintenant' })).toThrow(
      expect.objectContaining({ code: 'INPUT_INVALID', message: 'Précisez le référentiel à comparer : cae, eci.' }),
    );
    expect(core.jalons.compare({ a: 4, b: 'maintenant', referentialId: 'cae' }).changed).toBe(0);
    void ctx;
  });
});

describeWithSharedData('comparison on the real CAE file', () => {
  beforeEach(() => {
    ({ core, ctx, cleanup } = memoryCore());
    core.referentials.import([DATA.caeStructure, DATA.caePreuves], { id: 'cae' });
    core.statuts.set({ referentialId: 'cae', nodeId: 'cae_1.1.1.2', statut: 'programme' });
    core.jalons.take({ name: 'Pré-audit', kind: 'pre-audit' });
    core.statuts.set({ referentialId: 'cae', nodeId: 'cae_1.1.1.1.1', statut: 'fait' });
    core.jalons.take({ name: 'Post-audit', kind: 'post-audit' });
  });

  it('one tâche fait (1.1.1.1.1: mesure 1.1.1 = 12 pts, sous-action 5 % = 0.6, 2 tâches = 0.3 each): exactly its ancestors change', async () => {
    const c = core.jalons.compare({ a: 1, b: 2, seulementChanges: true });
    const row = (id: string) => c.lignes.find((l) => l.nodeId === id)!;
    expect(c.lignes.map((l) => [l.identifiant, l.changes])).toEqual([
      ['', ['pointFait']],
      ['1', ['pointFait', 'pctFait']],
      ['1.1', ['pointFait', 'pctFait']],
      ['1.1.1', ['pointFait', 'pctFait']],
      ['1.1.1.1', ['pointFait', 'pctFait', 'statut']],
      ['1.1.1.1.1', ['pointFait', 'pctFait', 'statut']],
    ]);
    expect(row('cae_1.1.1.1.1')).toMatchObject({ a: { ...none, potentiel: 0.3 }, b: { ...none, potentiel: 0.3, pointFait: 0.3, pctFait: 1, statut: 'Fait' } });
    expect(row('cae_1.1.1.1')).toMatchObject({ a: { ...none, potentiel: 0.6 }, b: { ...none, potentiel: 0.6, pointFait: 0.3, pctFait: 0.5, statut: 'Détaillé à la tâche' } });
    expect(row('cae_1.1.1')).toMatchObject({
      a: { ...none, potentiel: 12, pointProgramme: 0.6, pctProgramme: 0.05 },
      b: { ...none, potentiel: 12, pointFait: 0.3, pctFait: 0.025, pointProgramme: 0.6, pctProgramme: 0.05 },
    });
    // 0.3 of 496 points is 0.06 %: the Total's % fait stays 0.0 % (truncated), its points move
    expect(row('cae')).toMatchObject({ a: { potentiel: 496, pointFait: 0, pctFait: 0 }, b: { potentiel: 496, pointFait: 0.3, pctFait: 0 } });
    const all = core.jalons.compare({ a: 1, b: 2 });
    expect(all.lignes).toHaveLength(1 + 6 + 19 + 61 + 325 + 1059);
    const ws = await sheetOf((await core.jalons.compareXlsx({ a: 1, b: 2 })).bytes);
    expect(ws.rowCount).toBe(7 + all.lignes.length);
    const evolution = ws.getColumn(30).values.filter((v) => v === 'modifié');
    expect(evolution).toHaveLength(6);
  });
});
