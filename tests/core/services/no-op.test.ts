/**
 * A change that changes nothing records nothing (lead's decision D on the CLI/core tester's report): no history
 * event, no new timestamp, so the pack date (the last history event) does not move. And the §2.1 rules around
 * tâches: the CLI learns which sous-action a tâche statut reset; a tâche under a non-concerné sous-action is refused.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import type { ServiceContext } from '../../../electron/core/services/context';
import { memoryCore, snapshotTables, toyTete } from '../helpers/context';

let core: Core;
let ctx: ServiceContext;
let cleanup: () => void;
beforeEach(() => {
  ({ core, ctx, cleanup } = memoryCore());
  core.referentials.store(toyTete());
});
afterEach(() => cleanup());

describe('no-op writes leave the store exactly as it was', () => {
  it('the same statut, split and explication again: changed false, no event', () => {
    expect(core.statuts.set({ referentialId: 'eci', nodeId: 'eci_2.1.1', statut: 'detaille', detail: [0.7, 0.2, 0.1], explication: 'Voir PCAET' })).toMatchObject({
      changed: true,
      cascade: [],
    });
    const before = snapshotTables(ctx);
    expect(core.statuts.set({ referentialId: 'eci', nodeId: 'eci_2.1.1', statut: 'detaille', detail: [0.7004, 0.2004, 0.1004] }).changed).toBe(false);
    expect(core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.2', statut: 'non_renseigne' }).changed).toBe(false); // no row yet
    core.statuts.setExplication('eci', 'eci_2.1.1', 'Voir PCAET');
    core.statuts.setExplication('eci', 'eci_1.1', null);
    expect(snapshotTables(ctx)).toEqual(before);
    // A real change still records one event.
    expect(core.statuts.set({ referentialId: 'eci', nodeId: 'eci_2.1.1', statut: 'detaille', detail: [0.6, 0.3, 0.1] }).changed).toBe(true);
    expect(core.history.list()[0]).toMatchObject({ action: 'statut.set', nodeId: 'eci_2.1.1' });
  });

  it('the same pilotes / services (any order) and the same échéance again: no event', () => {
    const dsi = core.services.create({ nom: 'DSI' });
    const a = core.people.create({ nom: 'Anne Roux' });
    const b = core.people.create({ nom: 'Bruno Petit' });
    core.nodes.setPilotes({ referentialId: 'eci', nodeId: 'eci_1', personIds: [a.id, b.id], serviceIds: [dsi.id] });
    core.nodes.setEcheance({ referentialId: 'eci', nodeId: 'eci_1', echeance: '2027-03-15' });
    const before = snapshotTables(ctx);
    core.nodes.setPilotes({ referentialId: 'eci', nodeId: 'eci_1', personIds: [b.id, a.id, b.id], serviceIds: [dsi.id] });
    core.nodes.setEcheance({ referentialId: 'eci', nodeId: 'eci_1', echeance: '2027-03-15' });
    core.nodes.setEcheance({ referentialId: 'eci', nodeId: 'eci_2', echeance: null });
    expect(snapshotTables(ctx)).toEqual(before);
    core.nodes.setPilotes({ referentialId: 'eci', nodeId: 'eci_1', personIds: [a.id], serviceIds: [dsi.id] });
    expect(core.history.list()[0]).toMatchObject({ action: 'node.pilotes', before: { pilotes: ['Anne Roux', 'Bruno Petit'] }, after: { pilotes: ['Anne Roux'] } });
  });

  it('importing the same referential again writes nothing; a changed one is stored', () => {
    const before = snapshotTables(ctx);
    expect(core.referentials.store(toyTete())).toEqual({ id: 'eci', version: 'toy-1', nodes: 13, points: 100 });
    expect(snapshotTables(ctx)).toEqual(before);
    core.referentials.store({ ...toyTete(), version: 'toy-2' });
    expect(core.history.list()[0]).toMatchObject({ action: 'referential.import', after: { version: 'toy-2' } });
  });
});

describe('tâches and their sous-action (tete-referentials.md §2.1)', () => {
  it('a tâche statut reports the sous-action it reset', () => {
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_2.1', statut: 'fait' });
    expect(core.statuts.set({ referentialId: 'eci', nodeId: 'eci_2.1.1', statut: 'programme' })).toMatchObject({ changed: true, cascade: ['eci_2.1'] });
    expect(core.statuts.list('eci').find((s) => s.nodeId === 'eci_2.1')?.statut).toBe('non_renseigne');
  });

  it('refuses a statut on a tâche under a non-concerné sous-action, naming both; store unchanged; clearing it is allowed', () => {
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_2.2', statut: 'non_concerne' });
    const before = snapshotTables(ctx);
    expect(() => core.statuts.set({ referentialId: 'eci', nodeId: 'eci_2.2.1', statut: 'fait' })).toThrow(
      "La sous-action eci_2.2 est « non concernée » : ses tâches (dont eci_2.2.1) ne comptent pas. Changez d'abord le statut de eci_2.2.",
    );
    expect(snapshotTables(ctx)).toEqual(before);
    expect(core.statuts.set({ referentialId: 'eci', nodeId: 'eci_2.2.1', statut: 'non_renseigne' }).changed).toBe(false);
  });
});
