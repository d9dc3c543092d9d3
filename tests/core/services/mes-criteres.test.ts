import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import { memoryCore, toyGrid, toyTete } from '../helpers/context';
import { userError } from '../../helpers/errors';

let core: Core;
let cleanup: () => void;
let claire: string;
let bob: string;
let dsi: string;
const TODAY = '2026-03-01';
beforeEach(() => {
  ({ core, cleanup } = memoryCore());
  core.referentials.store(toyTete('eci'));
  core.referentials.store(toyGrid('rgesn', 'weighted'));
  dsi = core.services.create({ nom: 'DSI' }).id;
  claire = core.people.create({ nom: 'Claire Dupont', serviceId: dsi }).id;
  bob = core.people.create({ nom: 'Bob Martin' }).id;
  core.nodes.setPilotes({ referentialId: 'eci', nodeId: 'eci_1', personIds: [claire], serviceIds: [dsi] });
  core.nodes.setPilotes({ referentialId: 'eci', nodeId: 'eci_2', personIds: [claire, bob], serviceIds: [] });
  core.nodes.setPilotes({ referentialId: 'rgesn', nodeId: 'rgesn_1.1', personIds: [claire], serviceIds: [] });
  core.nodes.setEcheance({ referentialId: 'eci', nodeId: 'eci_1', echeance: '2026-02-15' });
  core.nodes.setEcheance({ referentialId: 'eci', nodeId: 'eci_2', echeance: '2026-03-20' });
  core.nodes.setEcheance({ referentialId: 'eci', nodeId: 'eci_2.2', echeance: '2026-06-30' });
  core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait' });
  core.preuves.addLink({ referentialId: 'eci', nodeId: 'eci_2', url: 'https://example.org/plan', titre: 'Plan' });
});
afterEach(() => cleanup());

describe('Mes critères', () => {
  it("lists a person's criteria across referentials: late first, then due soonest, then no date, terminé last", () => {
    const mine = core.mesCriteres.list({ kind: 'person', id: claire }, TODAY);
    expect(mine.owner).toEqual({ kind: 'person', id: claire, nom: 'Claire Dupont' });
    expect(mine.criteres.map((c) => [c.nodeId, c.urgence, c.echeance, c.joursRestants])).toEqual([
      ['eci_1.2', 'en_retard', '2026-02-15', -14],
      ['eci_2.0', 'a_venir', '2026-03-20', 19],
      ['eci_2.1', 'a_venir', '2026-03-20', 19],
      ['eci_2.1.0', 'a_venir', '2026-03-20', 19],
      ['eci_2.1.1', 'a_venir', '2026-03-20', 19],
      ['eci_2.1.2', 'a_venir', '2026-03-20', 19],
      ['eci_2.2', 'a_venir', '2026-06-30', 121],
      ['eci_2.2.1', 'a_venir', '2026-06-30', 121],
      ['eci_2.2.2', 'a_venir', '2026-06-30', 121],
      ['eci_2.2.3', 'a_venir', '2026-06-30', 121],
      ['rgesn_1.1', 'sans_date', null, null],
      ['eci_1.1', 'termine', '2026-02-15', -14],
    ]);
    const byId = new Map(mine.criteres.map((c) => [c.nodeId, c]));
    expect(byId.get('eci_1.1')).toMatchObject({ statut: 'fait', preuves: 0, preuvesManquantes: ['Délibération'], referentialNom: 'Référentiel jouet' });
    expect(byId.get('eci_2.1')).toMatchObject({ statut: 'non_renseigne', preuves: 1, preuvesManquantes: [] });
    expect(byId.get('rgesn_1.1')).toMatchObject({ model: 'weighted', preuves: 0, preuvesManquantes: [] });
  });

  it("lists a service's criteria (the nodes it is attached to)", () => {
    const dsiList = core.mesCriteres.list({ kind: 'service', id: dsi }, TODAY);
    expect(dsiList.owner.nom).toBe('DSI');
    expect(dsiList.criteres.map((c) => c.nodeId)).toEqual(['eci_1.2', 'eci_1.1']);
  });

  it("gives the lead's overview: per person, late, due within 30 days and without preuve", () => {
    expect(core.mesCriteres.retards(TODAY)).toEqual([
      { personId: claire, nom: 'Claire Dupont', criteres: 12, enRetard: 1, sous30Jours: 5, sansPreuve: 2 },
      { personId: bob, nom: 'Bob Martin', criteres: 9, enRetard: 0, sous30Jours: 5, sansPreuve: 0 },
    ]);
    // A month later the eci_2 échéance has passed for both.
    expect(core.mesCriteres.retards('2026-04-01').map((r) => [r.nom, r.enRetard, r.sous30Jours])).toEqual([
      ['Claire Dupont', 6, 0],
      ['Bob Martin', 5, 0],
    ]);
  });

  it('refuses an unknown person or service by name', () => {
    expect(userError(() => core.mesCriteres.list({ kind: 'person', id: 'nobody' })).message).toBe("La personne « nobody » n'existe pas.");
    expect(userError(() => core.mesCriteres.list({ kind: 'service', id: 'x' })).message).toBe("Le service « x » n'existe pas.");
  });
});
