import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import type { ServiceContext } from '../../../electron/core/services/context';
import { DATA, describeWithSharedData } from '../../helpers/shared-data';
import { memoryCore, snapshotTables, toyTete } from '../helpers/context';
import { ECI_CSV, eciCsvWith } from '../helpers/csv';

let core: Core;
let ctx: ServiceContext;
let cleanup: () => void;
beforeEach(() => ({ core, ctx, cleanup } = memoryCore()));
afterEach(() => cleanup());

const eciFile = (text: string) => [{ name: 'referentiel-eci-structure.csv', text }];

function expectRefusedUnchanged(fn: () => unknown, code: string, message: RegExp): void {
  const before = snapshotTables(ctx);
  expect(fn).toThrow(message);
  try {
    fn();
  } catch (e) {
    expect(e).toMatchObject({ name: 'UserError', code });
  }
  expect(snapshotTables(ctx)).toEqual(before);
}

describe('referentials service', () => {
  it('imports a TETE CSV: id from the file name, 11 nodes, 100 points; list and get read it back', () => {
    expect(core.referentials.import(eciFile(ECI_CSV))).toEqual({ id: 'eci', version: '2026-04-01', nodes: 11, points: 100 });
    const importEvent = core.history.list()[0]!;
    expect(core.referentials.list()).toEqual([
      { id: 'eci', version: '2026-04-01', nom: expect.any(String), model: 'tete', avertissement: null, nodes: 11, points: 100, importedAt: importEvent.at },
    ]);
    const ref = core.referentials.get('eci');
    expect(ref.nodes.map((n) => [n.id, n.pointReferentiel])).toEqual([
      ['eci', 100],
      ['eci_1', 30],
      ['eci_1.1', 10],
      ['eci_1.1.1', 4],
      ['eci_1.1.2', 6],
      ['eci_1.2', 20],
      ['eci_1.2.1', 20],
      ['eci_1.2.1.1', 10],
      ['eci_1.2.1.2', 10],
      ['eci_2', 70],
      ['eci_2.1', 70],
      ['eci_2.1.1', 70],
    ]);
    expect(core.history.list()[0]).toMatchObject({ action: 'referential.import', referentialId: 'eci', before: null, after: { id: 'eci', nodes: 11 } });
  });

  it('the stored tree reads back equal to the imported one (store round trip)', () => {
    const toy = toyTete('toy');
    core.referentials.store(toy);
    ctx.cache.clear();
    expect(core.referentials.get('toy')).toEqual(toy);
  });

  it('re-import keeps statuts, pilotes and preuves of nodes that still exist and drops the cached tree', () => {
    core.referentials.import(eciFile(ECI_CSV));
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1.1', statut: 'fait', explication: 'ok' });
    const link = core.preuves.addLink({ referentialId: 'eci', nodeId: 'eci_1.1.1', url: 'https://example.org/deliberation' });
    expect(core.scores.get('eci').root.pointFait).toBe(4);
    // New version: 1.1.1 now 50 %, and 1.2.1.2 removed (no statut on it).
    const v2 = eciCsvWith('1.1.1', '1.1.1,Sous-action 1.1.1 (v2),,50')
      .replace('1.1.2,Sous-action 1.1.2,,60', '1.1.2,Sous-action 1.1.2,,50')
      .replace('1.2.1.2,Tâche 1.2.1.2,,\n', '');
    expect(core.referentials.import(eciFile(v2))).toMatchObject({ nodes: 10, points: 100 });
    expect(core.referentials.get('eci').nodes.find((n) => n.id === 'eci_1.1.1')).toMatchObject({ nom: 'Sous-action 1.1.1 (v2)', pointReferentiel: 5 });
    expect(core.statuts.list('eci')).toMatchObject([{ nodeId: 'eci_1.1.1', statut: 'fait', explication: 'ok' }]);
    expect(core.preuves.list('eci').map((p) => p.id)).toEqual([link.id]);
    expect(core.scores.get('eci').root.pointFait).toBe(5);
    expect(core.history.list({ referentialId: 'eci' })[0]).toMatchObject({ action: 'referential.import', before: { version: '2026-04-01', nodesRemoved: 1 } });
  });

  it('re-import is refused, naming them, when statuts exist on nodes that would disappear; nothing changes', () => {
    core.referentials.import(eciFile(ECI_CSV));
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.2.1.2', statut: 'pas_fait' });
    expectRefusedUnchanged(
      () => core.referentials.import(eciFile(eciCsvWith('1.2.1.2', null))),
      'REFERENTIAL_INVALID',
      /supprime 1 nœud\(s\) qui ont un statut : eci_1\.2\.1\.2\. Rien n'a été modifié\./,
    );
  });

  it('re-import under another scoring model is refused while statuts exist', () => {
    core.referentials.store(toyTete('toy'));
    core.statuts.set({ referentialId: 'toy', nodeId: 'toy_1.1', statut: 'fait' });
    expectRefusedUnchanged(
      () => core.referentials.store({ ...toyTete('toy'), model: 'points' }),
      'REFERENTIAL_INVALID',
      /change de modèle de calcul \(tete → points\) alors que 1 statut\(s\) sont saisis/,
    );
  });
});

describe('a bad referential file leaves the store exactly as it was', () => {
  beforeEach(() => {
    core.referentials.import(eciFile(ECI_CSV));
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1.1', statut: 'fait' });
  });

  it('missing column (nom) → REFERENTIAL_INVALID naming the file and the column', () => {
    expectRefusedUnchanged(() => core.referentials.import(eciFile(ECI_CSV.replace('identifiant,nom,', 'identifiant,titre,'))), 'REFERENTIAL_INVALID', /referentiel-eci-structure\.csv.*« nom »/);
  });
  it('percentages of 1.1 summing to 90 % → REFERENTIAL_INVALID naming the parent and the sum', () => {
    expectRefusedUnchanged(() => core.referentials.import(eciFile(eciCsvWith('1.1.2', '1.1.2,Sous-action 1.1.2,,50'))), 'REFERENTIAL_INVALID', /« 1\.1 ».*90 %/);
  });
  it('duplicate identifiant → REFERENTIAL_INVALID naming it', () => {
    expectRefusedUnchanged(() => core.referentials.import(eciFile(eciCsvWith('2.1.1', '1.1.1,Doublon,,100'))), 'REFERENTIAL_INVALID', /« 1\.1\.1 » apparaît deux fois/);
  });
  it('orphan (parent absent) → REFERENTIAL_INVALID naming row and parent', () => {
    expectRefusedUnchanged(() => core.referentials.import(eciFile(eciCsvWith('2.1.1', '3.1.1,Orpheline,,100'))), 'REFERENTIAL_INVALID', /ligne \d+.*parent « 3\.1 »/);
  });
  it('unreadable file (not UTF-8) → FILE_UNREADABLE naming it; absent path → FILE_NOT_FOUND naming it', () => {
    const bad = join(ctx.dataDir, 'referentiel-eci-structure.csv');
    writeFileSync(bad, Buffer.from([0x69, 0x64, 0xe9, 0xff, 0x0a]));
    expectRefusedUnchanged(() => core.referentials.import([bad]), 'FILE_UNREADABLE', new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} n'est pas encodé en UTF-8`));
    expectRefusedUnchanged(() => core.referentials.import([join(ctx.dataDir, 'absent.csv')]), 'FILE_NOT_FOUND', /absent\.csv est introuvable/);
  });
  it('a tree without root or with an orphan node given directly → REFERENTIAL_INVALID', () => {
    const toy = toyTete('toy');
    expectRefusedUnchanged(() => core.referentials.store({ ...toy, nodes: toy.nodes.slice(1) }), 'REFERENTIAL_INVALID', /racine/);
    expectRefusedUnchanged(() => core.referentials.store({ ...toy, nodes: [...toy.nodes, { ...toy.nodes[2]!, id: 'toy_7.1', parentId: 'toy_7' }] }), 'REFERENTIAL_INVALID', /toy_7\.1.*toy_7/);
    expectRefusedUnchanged(() => core.referentials.store({ ...toy, nodes: [...toy.nodes, toy.nodes[3]!] }), 'REFERENTIAL_INVALID', /toy_1\.2 apparaît deux fois/);
  });
  it('unknown referential → REFERENTIAL_UNKNOWN', () => {
    expect(() => core.referentials.get('nope')).toThrow(/« nope » n'est pas chargé/);
  });
});

describeWithSharedData('real CAE import through the service (tete-referentials.md §1.1, §1.5)', () => {
  it('CAE structure + preuves: 1 470 nodes, 500 points, 130 preuves attendues', () => {
    const t0 = performance.now();
    expect(core.referentials.import([DATA.caeStructure, DATA.caePreuves])).toEqual({ id: 'cae', version: '2026-04-01', nodes: 1470, points: 500 });
    const ms = performance.now() - t0;
    ctx.cache.clear();
    const ref = core.referentials.get('cae');
    expect(ref.nodes).toHaveLength(1471);
    expect(ref.preuvesAttendues).toHaveLength(130);
    expect(ref.preuvesAttendues.reduce((s, p) => s + p.nodeIds.length, 0)).toBe(132);
    expect(ref.nodes.find((n) => n.id === 'cae_1.1.1.7')!.pointReferentiel).toBe(4.2);
    expect(ms).toBeLessThan(5000);
  });
});
