import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import type { ServiceContext } from '../../../electron/core/services/context';
import { checkDetail, toRecord } from '../../../electron/core/services/statuts';
import { memoryCore, snapshotTables, toyGrid, toyTete } from '../helpers/context';

let core: Core;
let ctx: ServiceContext;
let cleanup: () => void;
beforeEach(() => {
  ({ core, ctx, cleanup } = memoryCore());
  core.referentials.store(toyTete());
  core.referentials.store(toyGrid('nr', 'points'));
  core.referentials.store(toyGrid('rg', 'weighted'));
});
afterEach(() => cleanup());

/** Expects `fn` to throw a UserError with `code`, leaving every table as it was. */
function expectRefusedUnchanged(fn: () => unknown, code: string, message?: RegExp): void {
  const before = snapshotTables(ctx);
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err, 'should have thrown').toBeDefined();
  expect(err).toMatchObject({ name: 'UserError', code });
  if (message) expect((err as Error).message).toMatch(message);
  expect(snapshotTables(ctx)).toEqual(before);
}

describe('statuts.set on a TETE tree (tete-referentials.md §2.8 A)', () => {
  it('1.1 fait: the returned score has 1.1 fait 10/10, root fait 10, non renseigné 90 of 100', () => {
    const { score } = core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait' });
    expect(score.nodes['eci_1.1']).toMatchObject({ pointFait: 10, pointPotentiel: 10 });
    expect(score.nodes['eci_1']).toMatchObject({ pointFait: 10, pointNonRenseigne: 20, pointPotentiel: 30 });
    expect(score.root).toMatchObject({ pointFait: 10, pointNonRenseigne: 90, pointPotentiel: 100 });
    expect(core.scores.get('eci').root.pointFait).toBe(10);
  });

  it('1.1 détaillé [0.2, 0.7, 0.1]: fait 2, programmé 7, pas fait 1; stored with the user word and split', () => {
    const { score } = core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'detaille', detail: [0.2, 0.7, 0.1] });
    expect(score.root).toMatchObject({ pointFait: 2, pointProgramme: 7, pointPasFait: 1, pointNonRenseigne: 90 });
    const event = core.history.list({ nodeId: 'eci_1.1' })[0]!;
    expect(event).toMatchObject({ action: 'statut.set', who: 'Alice Testeuse', before: null, after: { statut: 'detaille', detail: [0.2, 0.7, 0.1] } });
    expect(core.statuts.list('eci')).toEqual([
      { nodeId: 'eci_1.1', statut: 'detaille', detail: [0.2, 0.7, 0.1], explication: null, modifiedAt: event.at, modifiedBy: 'Alice Testeuse', version: 1 },
    ]);
  });

  it('1.1 non concerné: its 10 points go to 1.2 (pot 30); root potentiel stays 100', () => {
    const { score } = core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'non_concerne' });
    expect(score.nodes['eci_1.2']!.pointPotentiel).toBe(30);
    expect(score.root.pointPotentiel).toBe(100);
  });

  it('2.1 non renseigné with tâche 2.1.1 détaillé [0.8, 0.2, 0]: 2.1 fait 32, programmé 8, non renseigné 25', () => {
    const { score } = core.statuts.set({ referentialId: 'eci', nodeId: 'eci_2.1.1', statut: 'detaille', detail: [0.8, 0.2, 0] });
    expect(score.nodes['eci_2.1']).toMatchObject({ pointFait: 32, pointProgramme: 8, pointNonRenseigne: 25, statut: 'detaille_a_la_tache' });
  });

  it('accepts 0.7 + 0.2 + 0.1 (sum in tenths of a percent) and stores [1,0,0] as fait', () => {
    expect(0.7 + 0.2 + 0.1).not.toBe(1);
    expect(checkDetail('n', [0.7, 0.2, 0.1])).toEqual([0.7, 0.2, 0.1]);
    expect(toRecord('detaille', [1, 0, 0])).toEqual({ avancement: 'fait', detail: null, concerne: true });
    expect(toRecord('detaille', [0, 0, 1])).toEqual({ avancement: 'pas_fait', detail: null, concerne: true });
    expect(toRecord('non_concerne', null)).toEqual({ avancement: 'non_renseigne', detail: null, concerne: false });
    expect(toRecord('non_applicable', null)).toEqual({ avancement: 'non_renseigne', detail: null, concerne: false });
    expect(toRecord('conforme', null)).toEqual({ avancement: 'fait', detail: null, concerne: true });
    const { score } = core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.2', statut: 'detaille', detail: [0.7, 0.2, 0.1] });
    expect(score.nodes['eci_1.2']).toMatchObject({ pointFait: 14, pointProgramme: 4, pointPasFait: 2 });
  });

  it('cascade (§2.1): a tâche statut resets its sous-action fait to non renseigné, with its own history event', () => {
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_2.1', statut: 'fait', explication: 'Délibération 2025' });
    const { score } = core.statuts.set({ referentialId: 'eci', nodeId: 'eci_2.1.1', statut: 'fait' });
    const parent = core.statuts.list('eci').find((s) => s.nodeId === 'eci_2.1');
    expect(parent).toMatchObject({ statut: 'non_renseigne', detail: null, explication: 'Délibération 2025' });
    expect(score.nodes['eci_2.1']).toMatchObject({ pointFait: 40, pointNonRenseigne: 25 });
    const events = core.history.list({ referentialId: 'eci' });
    expect(events.slice(0, 3).map((e) => [e.action, e.nodeId])).toEqual([
      ['statut.cascade', 'eci_2.1'],
      ['statut.set', 'eci_2.1.1'],
      ['statut.set', 'eci_2.1'],
    ]);
    expect(events[0]!.before).toMatchObject({ statut: 'fait' });
    expect(events[0]!.after).toMatchObject({ statut: 'non_renseigne' });
  });

  it('no cascade when the sous-action is already non renseigné, or when the tâche is set to non renseigné', () => {
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_2.1', statut: 'fait' });
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_2.1.1', statut: 'non_renseigne' });
    expect(core.statuts.list('eci').find((s) => s.nodeId === 'eci_2.1')!.statut).toBe('fait');
    expect(core.history.list({ referentialId: 'eci' }).filter((e) => e.action === 'statut.cascade')).toEqual([]);
  });

  it('explication: undefined keeps it, null clears it; setExplication creates a non renseigné row', () => {
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait', explication: 'Voir rapport' });
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'programme' });
    expect(core.statuts.list('eci')[0]!.explication).toBe('Voir rapport');
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'programme', explication: null });
    expect(core.statuts.list('eci')[0]!.explication).toBeNull();
    expect(core.statuts.setExplication('eci', 'eci_1.2', 'En attente du budget')).toEqual({ ok: true, version: 1 });
    expect(core.statuts.list('eci')[1]).toMatchObject({ nodeId: 'eci_1.2', statut: 'non_renseigne', explication: 'En attente du budget' });
    expect(core.history.list({ nodeId: 'eci_1.2' })[0]).toMatchObject({ action: 'statut.explication', before: null, after: 'En attente du budget' });
  });
});

describe('statuts.set refusals leave the store exactly as it was', () => {
  beforeEach(() => {
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait' });
  });

  it('unknown node → NODE_UNKNOWN naming it', () => {
    expectRefusedUnchanged(() => core.statuts.set({ referentialId: 'eci', nodeId: 'eci_9.9', statut: 'fait' }), 'NODE_UNKNOWN', /eci_9\.9.*eci/);
  });
  it('unknown referential → REFERENTIAL_UNKNOWN', () => {
    expectRefusedUnchanged(() => core.statuts.set({ referentialId: 'xyz', nodeId: 'xyz_1', statut: 'fait' }), 'REFERENTIAL_UNKNOWN', /xyz/);
  });
  it('détaillé split 0.5 + 0.2 + 0.1 (80 %) → DETAIL_INVALID naming the node and the sum', () => {
    expectRefusedUnchanged(
      () => core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.2', statut: 'detaille', detail: [0.5, 0.2, 0.1] }),
      'DETAIL_INVALID',
      /eci_1\.2 fait 80 %/,
    );
  });
  it('détaillé without split, with a negative part, or a split with another statut → DETAIL_INVALID', () => {
    expectRefusedUnchanged(() => core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.2', statut: 'detaille' }), 'DETAIL_INVALID');
    expectRefusedUnchanged(() => core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.2', statut: 'detaille', detail: [1.2, -0.2, 0] }), 'DETAIL_INVALID');
    expectRefusedUnchanged(() => core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.2', statut: 'fait', detail: [1, 0, 0] }), 'DETAIL_INVALID');
  });
  it('a statut on a mesure (computed level) or on the root → STATUT_INVALID', () => {
    expectRefusedUnchanged(() => core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1', statut: 'fait' }), 'STATUT_INVALID', /sous-actions et les tâches/);
    expectRefusedUnchanged(() => core.statuts.set({ referentialId: 'eci', nodeId: 'eci', statut: 'fait' }), 'STATUT_INVALID');
  });
  it('a statut of another model → STATUT_INVALID (conforme on TETE, fait on RGESN)', () => {
    expectRefusedUnchanged(() => core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.2', statut: 'conforme' }), 'STATUT_INVALID', /conforme/);
    expectRefusedUnchanged(() => core.statuts.set({ referentialId: 'rg', nodeId: 'rg_1.1', statut: 'fait' }), 'STATUT_INVALID');
  });
  it('points and weighted models take statuts on leaves (critères) only', () => {
    expectRefusedUnchanged(() => core.statuts.set({ referentialId: 'nr', nodeId: 'nr_1', statut: 'fait' }), 'STATUT_INVALID', /critères/);
  });
});

describe('points and weighted models', () => {
  it('Label NR-like points grid: fait on 2.1 (300) and 2.2 (400) reaches 700 of 1 000, niveau 2', () => {
    core.statuts.set({ referentialId: 'nr', nodeId: 'nr_2.1', statut: 'fait' });
    const { score } = core.statuts.set({ referentialId: 'nr', nodeId: 'nr_2.2', statut: 'fait' });
    expect(score.root.pointFait).toBe(700);
    expect(score.root.niveau?.nom).toBe('Niveau 2');
  });
  it('RGESN-like weighted grid: conforme 1.1 (1.5) + non conforme 1.2 (1) → 1.5 / 2.5 = 0.6; non applicable excluded', () => {
    core.statuts.set({ referentialId: 'rg', nodeId: 'rg_1.1', statut: 'conforme' });
    core.statuts.set({ referentialId: 'rg', nodeId: 'rg_2.1', statut: 'non_applicable' });
    const { score } = core.statuts.set({ referentialId: 'rg', nodeId: 'rg_1.2', statut: 'non_conforme' });
    expect(score.root.score).toBeCloseTo(0.6, 10);
    expect(core.statuts.list('rg').map((s) => s.statut)).toEqual(['conforme', 'non_conforme', 'non_applicable']);
  });
});

describe('an explication without a statut is no statut for the engine (§2.3 step 3)', () => {
  it('typing an explication on eci_2.2, whose tâches are all non concernées, leaves 2.1 with 70 pts (it was 65 before the fix)', () => {
    for (const t of ['1', '2', '3']) core.statuts.set({ referentialId: 'eci', nodeId: `eci_2.2.${t}`, statut: 'non_concerne' });
    const pot = () => {
      const s = core.scores.get('eci').nodes;
      return [s['eci_2.1']!.pointPotentiel, s['eci_2.2']!.pointPotentiel, s['eci_2']!.pointPotentiel];
    };
    expect(pot()).toEqual([70, 0, 70]);
    core.statuts.setExplication('eci', 'eci_2.2', 'Les trois tâches relèvent du syndicat.');
    expect(core.statuts.list('eci').find((s) => s.nodeId === 'eci_2.2')).toMatchObject({ statut: 'non_renseigne', explication: 'Les trois tâches relèvent du syndicat.' });
    expect(pot()).toEqual([70, 0, 70]);
    // An explicit statut on 2.2 still counts: fait keeps it concerned (its own row, step 3 exception).
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_2.2', statut: 'fait' });
    expect(pot()).toEqual([65, 5, 70]);
  });
});
