/**
 * History lines (renderer/src/lib/history.ts) from the events the real core records: an in-memory core with the
 * real migrations and services does every action (statut, cascade, explication, pilotes, services, échéance,
 * preuve add / attach / detach, link, referential import and re-import, person, service, workspace), then each
 * event is read back through `history.list` and described. Every line is a French sentence: no JSON, no action key.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { describeEvent, describeStatut } from '../../renderer/src/lib/history';
import { memoryCore, toyGrid, toyTete } from '../core/helpers/context';

let core: Core;
let cleanup: () => void;
beforeEach(() => {
  ({ core, cleanup } = memoryCore());
  core.referentials.store(toyTete());
});
afterEach(() => cleanup());

/** The lines of the events of `nodeId` (or of the whole workspace), oldest first. */
function lines(q: { referentialId?: string; nodeId?: string } = {}): string[] {
  return core.history
    .list(q)
    .reverse()
    .map((e) => describeEvent(e));
}

const RAW = /[{}"]|\b(preuve|node|statut|referential|person|service|workspace)\.[a-z]+\b|\d{4}-\d{2}-\d{2}/;

describe('history lines from the core events', () => {
  it('statut set, détaillé, cascade (tete-referentials.md §2.1) and explication', () => {
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_2.1', statut: 'fait' });
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_2.1', statut: 'detaille', detail: [0.7, 0.2, 0.1] });
    core.statuts.setExplication('eci', 'eci_2.1', 'Délibération du 12 mars 2026, voir le registre.');
    core.statuts.setExplication('eci', 'eci_2.1', 'Délibération du 12 mars.');
    // A tâche statut resets its sous-action's own statut (cascade event on eci_2.1).
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_2.1.1', statut: 'pas_fait' });
    core.statuts.setExplication('eci', 'eci_2.1', null);
    expect(lines({ referentialId: 'eci', nodeId: 'eci_2.1' })).toEqual([
      'Statut : Non renseigné → Fait',
      'Statut : Fait → Détaillé (70\u202f% / 20\u202f% / 10\u202f%)',
      'Explication ajoutée : « Délibération du 12 mars 2026, voir le registre. »',
      'Explication modifiée : « Délibération du 12 mars. »',
      'Statut : Détaillé (70\u202f% / 20\u202f% / 10\u202f%) → Non renseigné, car une tâche a reçu son propre statut',
      'Explication effacée',
    ]);
    expect(lines({ referentialId: 'eci', nodeId: 'eci_2.1.1' })).toEqual(['Statut : Non renseigné → Pas fait']);
  });

  it('pilotes, services and échéance name the people, services and the French date', () => {
    const jeanne = core.people.create({ nom: 'Jeanne Martin' });
    const paul = core.people.create({ nom: 'Paul Roux' });
    const urba = core.services.create({ nom: 'Urbanisme' });
    const nodeId = 'eci_1.1';
    core.nodes.setPilotes({ referentialId: 'eci', nodeId, personIds: [jeanne.id, paul.id], serviceIds: [] });
    core.nodes.setPilotes({ referentialId: 'eci', nodeId, personIds: [jeanne.id, paul.id], serviceIds: [urba.id] });
    core.nodes.setPilotes({ referentialId: 'eci', nodeId, personIds: [], serviceIds: [] });
    core.nodes.setEcheance({ referentialId: 'eci', nodeId, echeance: '2027-06-30' });
    core.nodes.setEcheance({ referentialId: 'eci', nodeId, echeance: '2027-12-31' });
    core.nodes.setEcheance({ referentialId: 'eci', nodeId, echeance: null });
    expect(lines({ referentialId: 'eci', nodeId })).toEqual([
      'Pilotes : Jeanne Martin, Paul Roux',
      'Services : Urbanisme',
      'Pilotes : aucun · Services : aucun',
      'Échéance fixée au 30/06/2027',
      'Échéance fixée au 31/12/2027 (au lieu du 30/06/2027)',
      'Échéance retirée (elle était fixée au 31/12/2027)',
    ]);
  });

  it('preuves: file with its size in octets, the same file attached elsewhere, a link shown decoded, detaching', () => {
    const bytes = new TextEncoder().encode('%PDF-1.4\n% Délibération du conseil communautaire, stratégie climat-air-énergie\n%%EOF\n');
    expect(bytes.length).toBe(89);
    const file = core.preuves.addFile({ referentialId: 'eci', nodeId: 'eci_1.1', fileName: 'Délibération stratégie climat.pdf', bytes });
    core.preuves.addFile({ referentialId: 'eci', nodeId: 'eci_2.1', fileName: 'Délibération stratégie climat.pdf', bytes });
    const titled = core.preuves.addFile({ referentialId: 'eci', nodeId: 'eci_1.1', fileName: 'pv.pdf', bytes: new Uint8Array(1536), titre: 'Délibération' });
    const link = core.preuves.addLink({ referentialId: 'eci', nodeId: 'eci_1.1', url: 'https://www.example.org/plan-climat/délibération-2026', titre: 'Plan climat en ligne' });
    core.preuves.addLink({ referentialId: 'eci', nodeId: 'eci_1.1', url: 'https://www.example.org/été' });
    core.preuves.detach({ preuveId: link.id, nodeId: 'eci_1.1' });
    core.preuves.detach({ preuveId: file.id, nodeId: 'eci_1.1' });
    expect(titled.size).toBe(1536);
    expect(lines({ referentialId: 'eci', nodeId: 'eci_1.1' })).toEqual([
      'Preuve ajoutée : Délibération stratégie climat.pdf (89 octets)',
      'Preuve ajoutée : Délibération (pv.pdf, 1,5\u202fko)',
      'Lien ajouté : Plan climat en ligne (https://www.example.org/plan-climat/délibération-2026)',
      'Lien ajouté : https://www.example.org/été',
      'Lien retiré : Plan climat en ligne (https://www.example.org/plan-climat/délibération-2026)',
      'Preuve retirée : Délibération stratégie climat.pdf (89 octets)',
    ]);
    expect(lines({ referentialId: 'eci', nodeId: 'eci_2.1' })).toEqual(['Preuve rattachée (fichier déjà déposé) : Délibération stratégie climat.pdf (89 octets)']);
  });

  it('preuves library: a new version, metadata changes, a preuve attendue marked and unmarked', () => {
    const claire = core.people.create({ nom: 'Claire Dupont' });
    const p = core.preuves.addFile({ referentialId: 'eci', nodeId: 'eci_1.1', fileName: 'delib.txt', bytes: new TextEncoder().encode('v1') });
    core.preuves.addRevision({ preuveId: p.id, fileName: 'delib-v2.txt', bytes: new TextEncoder().encode('v2 !') });
    core.preuves.update({ preuveId: p.id, titre: 'Délibération', dateDocument: '2026-02-12', proprietaireId: claire.id, confidentiel: true });
    core.preuves.setCouverture({ preuveId: p.id, referentialId: 'eci', preuveAttendueId: 'deliberation', couvre: true });
    core.preuves.setCouverture({ preuveId: p.id, referentialId: 'eci', preuveAttendueId: 'deliberation', couvre: false });
    const got = lines({ referentialId: 'eci', nodeId: 'eci_1.1' });
    expect(got).toEqual([
      'Preuve ajoutée : delib.txt (2 octets)',
      'Nouvelle version (n° 2) de la preuve : delib.txt (delib-v2.txt, 4 octets)',
      'Preuve modifiée : Délibération (delib-v2.txt, 4 octets) — titre « delib.txt » → « Délibération », date du document 12/02/2026, propriétaire Claire Dupont, marquée confidentielle',
      '« Délibération » marquée comme fournie par : Délibération (delib-v2.txt, 4 octets)',
      "« Délibération » n'est plus marquée comme fournie par : Délibération (delib-v2.txt, 4 octets)",
    ]);
    for (const line of got) expect(line).not.toMatch(RAW);
  });

  it('workspace, people, services and referential imports (first and re-import) read as sentences', () => {
    core.people.create({ nom: 'Élodie Marchand' });
    core.services.create({ nom: 'Services techniques' });
    core.workspace.update({ nom: 'Commune de Valmont', population: 12400 });
    core.referentials.store(toyGrid('label-nr', 'points'));
    core.referentials.store({ ...toyTete(), version: 'toy-2' });
    const all = lines();
    expect(all).toEqual([
      'Espace de travail créé : Commune de Test',
      'Référentiel « eci » version toy-1 importé : 13 éléments, 100 points',
      'Personne ajoutée : Élodie Marchand',
      'Service ajouté : Services techniques',
      'Espace de travail modifié : nom, population',
      'Référentiel « label-nr » version 1.0 importé : 6 éléments, 1\u202f000 points',
      'Référentiel « eci » réimporté de la version toy-1 à la version toy-2 : 13 éléments, 100 points',
    ]);
    for (const line of all) expect(line).not.toMatch(RAW);
  });
});

describe('describeEvent on odd input', () => {
  const base = { id: 1, at: '2026-03-05T10:00:00Z', who: 'Claire Morel', referentialId: 'rgesn', nodeId: 'rgesn_1.1' };

  it('names statuts as the weighted model does (RGESN: Non évalué, Conforme)', () => {
    expect(describeEvent({ ...base, action: 'statut.set', before: null, after: { statut: 'conforme', detail: null } }, 'weighted')).toBe('Statut : Non évalué → Conforme');
    expect(describeStatut({ statut: 'detaille', detail: [0.333, 0.333, 0.334] })).toBe('Détaillé (33,3\u202f% / 33,3\u202f% / 33,4\u202f%)');
  });

  it('never shows JSON nor the action key for an unknown action or malformed values', () => {
    expect(describeEvent({ ...base, action: 'jalon.freeze', before: null, after: { id: 'x', nom: 'Pré-audit' } })).toBe('Modification enregistrée');
    expect(describeEvent({ ...base, action: 'preuve.add', before: null, after: 'n’importe quoi' })).toBe('Preuve ajoutée : document');
    expect(describeEvent({ ...base, action: 'node.echeance', before: 42, after: '2026-12-31' })).toBe('Échéance fixée au 31/12/2026');
    // Cut at 120 characters: 29 × "mot " (116) + "mot" = 119, then "…".
    expect(describeEvent({ ...base, action: 'statut.explication', before: null, after: `${'mot '.repeat(60)}fin` })).toMatch(/^Explication ajoutée : « (mot ){29}mot… »$/);
  });
});
