import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import type { ServiceContext } from '../../../electron/core/services/context';
import { isIsoDate } from '../../../electron/core/services/nodes';
import { memoryCore, snapshotTables, toyTete } from '../helpers/context';

let core: Core;
let ctx: ServiceContext;
let cleanup: () => void;
let claire: string;
let bob: string;
let dsi: string;
beforeEach(() => {
  ({ core, ctx, cleanup } = memoryCore());
  core.referentials.store(toyTete());
  dsi = core.services.create({ nom: 'DSI' }).id;
  claire = core.people.create({ nom: 'Claire Morel', serviceId: dsi }).id;
  bob = core.people.create({ nom: 'Bob Martin' }).id;
});
afterEach(() => cleanup());

describe('nodes service', () => {
  it('setPilotes replaces people and services; detail and overview show them with échéance and preuves count', () => {
    core.nodes.setPilotes({ referentialId: 'eci', nodeId: 'eci_1', personIds: [claire, bob, claire], serviceIds: [dsi] });
    core.nodes.setEcheance({ referentialId: 'eci', nodeId: 'eci_1', echeance: '2027-06-30' });
    core.preuves.addLink({ referentialId: 'eci', nodeId: 'eci_1', url: 'https://example.org/a' });
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait' });
    const d = core.nodes.detail('eci', 'eci_1');
    expect(d.pilotes.map((p) => p.nom)).toEqual(['Bob Martin', 'Claire Morel']);
    expect(d.services).toEqual([{ id: dsi, nom: 'DSI' }]);
    expect(d.echeance).toBe('2027-06-30');
    expect(d.preuves).toHaveLength(1);
    expect(d.statut).toBeNull();
    expect(d.history.map((e) => e.action)).toEqual(['preuve.add', 'node.echeance', 'node.pilotes']);
    expect(d.history[2]!.after).toEqual({ pilotes: ['Bob Martin', 'Claire Morel'], services: ['DSI'] });
    expect(core.nodes.overview('eci')).toEqual({ eci_1: { pilotes: ['Bob Martin', 'Claire Morel'], services: ['DSI'], echeance: '2027-06-30', preuves: 1 } });

    core.nodes.setPilotes({ referentialId: 'eci', nodeId: 'eci_1', personIds: [bob], serviceIds: [] });
    core.nodes.setEcheance({ referentialId: 'eci', nodeId: 'eci_1', echeance: null });
    expect(core.nodes.overview('eci')).toEqual({ eci_1: { pilotes: ['Bob Martin'], services: [], echeance: null, preuves: 1 } });
    expect(core.nodes.detail('eci', 'eci_1').history[0]).toMatchObject({ action: 'node.echeance', before: '2027-06-30', after: null });
  });

  it('detail gives the statut and the preuves attendues of the node', () => {
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'programme', explication: 'Budget 2027' });
    const d = core.nodes.detail('eci', 'eci_1.1');
    expect(d.statut).toMatchObject({ nodeId: 'eci_1.1', statut: 'programme', explication: 'Budget 2027', modifiedBy: 'Alice Testeuse' });
    expect(d.preuvesAttendues).toEqual([{ id: 'deliberation', nom: 'Délibération', description: null, nodeIds: ['eci_1.1', 'eci_2.1'] }]);
  });

  it('refusals leave the store unchanged: unknown node, person, service; invalid date', () => {
    const before = snapshotTables(ctx);
    expect(() => core.nodes.setPilotes({ referentialId: 'eci', nodeId: 'eci_8', personIds: [], serviceIds: [] })).toThrow(/« eci_8 » n'existe pas dans le référentiel eci/);
    expect(() => core.nodes.setPilotes({ referentialId: 'eci', nodeId: 'eci_1', personIds: [claire, 'ghost'], serviceIds: [] })).toThrow("La personne « ghost » n'existe pas.");
    expect(() => core.nodes.setPilotes({ referentialId: 'eci', nodeId: 'eci_1', personIds: [], serviceIds: ['x'] })).toThrow("Le service « x » n'existe pas.");
    expect(() => core.nodes.setEcheance({ referentialId: 'eci', nodeId: 'eci_1', echeance: '2027-02-30' })).toThrow(/« 2027-02-30 » de eci_1 n'est pas une date/);
    expect(() => core.nodes.detail('eci', 'eci_9')).toThrow(/eci_9/);
    expect(snapshotTables(ctx)).toEqual(before);
  });

  it('isIsoDate accepts real dates only', () => {
    expect(['2028-02-29', '2027-12-31'].map(isIsoDate)).toEqual([true, true]);
    expect(['2027-02-29', '2027-13-01', '27-01-01', '2027-1-1'].map(isIsoDate)).toEqual([false, false, false, false]);
  });
});
