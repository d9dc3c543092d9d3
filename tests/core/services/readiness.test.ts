/**
 * `readiness.get` end to end on an in-memory store (real SQLite, real migrations): candidature documents are preuves
 * on the referential's root node, référents are pilotes, the score is `scores.get`'s (tete-referentials.md §3).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appRouter } from '../../../electron/core/api/router';
import type { Core } from '../../../electron/core/core';
import { loadBuiltinLabelNr } from '../../../electron/core/referential/builtin';
import { verifyPackFile } from '../../../electron/core/services/pack';
import { DATA, describeWithSharedData } from '../../helpers/shared-data';
import { memoryCore, toyGrid, toyTete } from '../helpers/context';
import { ECI_CSV } from '../helpers/csv';

const NNBSP = '\u202f';
let core: Core;
let cleanup: () => void;
let caller: ReturnType<typeof appRouter.createCaller>;
beforeEach(() => {
  ({ core, cleanup } = memoryCore());
  caller = appRouter.createCaller({ core });
});
afterEach(() => cleanup());

const bytes = (s: string) => new TextEncoder().encode(s);
const ids = (r: { conditions: Array<{ id: string; met: boolean }> }) => r.conditions.map((c) => [c.id, c.met]);
const cond = (r: { conditions: Array<{ id: string }> }, id: string) => r.conditions.find((c) => c.id === id);

describe('readiness.get', () => {
  it('defaults to the niveau the score reaches, lists the niveaux, and follows the statuts', async () => {
    core.referentials.store(toyTete('toy'));
    const r = await caller.readiness.get({ referentialId: 'toy' });
    expect(r.cibleParDefaut).toBe(1);
    expect(r.cible).toEqual({ rang: 1, nom: '1 étoile', seuil: 0 });
    expect(r.niveaux).toEqual([
      { rang: 1, nom: '1 étoile', seuil: 0 },
      { rang: 2, nom: '2 étoiles', seuil: 0.35 },
    ]);
    // 'toy' is not in the bundled requirements: only complétude and score.
    expect(ids(r)).toEqual([
      ['completude', false],
      ['score', true],
    ]);
    for (const nodeId of ['toy_1.1', 'toy_1.2', 'toy_2.0', 'toy_2.1.0', 'toy_2.1.1', 'toy_2.1.2', 'toy_2.2.1', 'toy_2.2.2', 'toy_2.2.3']) {
      core.statuts.set({ referentialId: 'toy', nodeId, statut: 'fait' });
    }
    core.statuts.set({ referentialId: 'toy', nodeId: 'toy_1.2', statut: 'pas_fait' });
    const after = await caller.readiness.get({ referentialId: 'toy' });
    const root = (await caller.scores.get({ referentialId: 'toy' })).root;
    expect(root.score).toBe(0.8);
    expect(after.cibleParDefaut).toBe(2);
    expect(ids(after)).toEqual([
      ['completude', true],
      ['score', true],
    ]);
    expect(after.met).toBe(true);
    expect(cond(after, 'score')).toMatchObject({ detail: `80,0${NNBSP}% fait (80 / 100 pts), il faut 35${NNBSP}%.` });
    const star1 = await caller.readiness.get({ referentialId: 'toy', target: 1 });
    expect(star1.cible.rang).toBe(1);
  });

  it('candidature documents are preuves on the root node (node id = referential id), counted for ECi', async () => {
    await core.referentials.importAsync([{ name: 'referentiel-eci-structure.csv', text: ECI_CSV }]);
    const before = await caller.readiness.get({ referentialId: 'eci', target: 2 });
    expect(cond(before, 'documents-candidature')).toMatchObject({ met: false, where: { screen: 'documents-candidature' } });
    // This small ECi lacks the real actions: their criteria and référents say so instead of passing silently.
    expect(cond(before, 'critere:eci_1.1.1.2')).toMatchObject({ met: false, action: "Importez la version du référentiel eci qui contient eci_1.1.1.2." });
    expect(cond(before, 'referent:elu')).toMatchObject({ met: false });

    const p = core.preuves.addFile({ referentialId: 'eci', nodeId: 'eci', fileName: 'courrier-candidature.pdf', bytes: bytes('%PDF-1.4 courrier'), titre: "Courrier d'acte de candidature" });
    expect(p.nodeIds).toEqual(['eci']);
    expect(core.nodes.detail('eci', 'eci').preuves.map((x) => x.titre)).toEqual(["Courrier d'acte de candidature"]);
    await caller.preuves.addLink({ referentialId: 'eci', nodeId: 'eci', url: 'https://example.org/arrete-epci', titre: "Arrêté de création de l'EPCI" });
    const after = await caller.readiness.get({ referentialId: 'eci', target: 2 });
    expect(cond(after, 'documents-candidature')).toMatchObject({
      met: true,
      detail: `2 documents : « Courrier d'acte de candidature », « Arrêté de création de l'EPCI ». Attendu pour 2 étoiles : le courrier d'acte de candidature et l'arrêté de création de l'EPCI.`,
    });
    expect(core.history.list({ referentialId: 'eci', nodeId: 'eci' }).map((e) => e.action)).toEqual(['preuve.add', 'preuve.add']);
    // The root's preuves go into the pack (folder `preuves/`), which verifies.
    const pack = await core.pack.export('eci');
    expect(pack.missing).toBe(0);
    expect((await verifyPackFile(pack.path)).ok).toBe(true);
  });

  it('Label NR: the référent of critère 1.2 is its pilote', async () => {
    core.referentials.store(loadBuiltinLabelNr());
    const r = await caller.readiness.get({ referentialId: 'label-nr' });
    expect(r.cibleParDefaut).toBe(1);
    expect(r.validiteAnnees).toBe(3);
    expect(ids(r)).toEqual([
      ['completude', false],
      ['score', false],
      ['referent:label-nr_1.2', false],
    ]);
    expect(cond(r, 'score')).toMatchObject({ detail: `0,0${NNBSP}% fait (0 / 1${NNBSP}000 pts), il faut 30${NNBSP}% : il manque 300 pts.` });
    const nadia = core.people.create({ nom: 'Nadia Benali' });
    core.nodes.setPilotes({ referentialId: 'label-nr', nodeId: 'label-nr_1.2', personIds: [nadia.id], serviceIds: [] });
    expect(cond(await caller.readiness.get({ referentialId: 'label-nr', target: 2 }), 'referent:label-nr_1.2')).toMatchObject({ met: true, detail: 'Pilote : Nadia Benali.' });
  });

  it('refuses, in French, a target the referential lacks, a referential without niveaux, an unknown referential', async () => {
    core.referentials.store(toyTete('toy'));
    core.referentials.store(toyGrid('rg', 'weighted'));
    await expect(caller.readiness.get({ referentialId: 'toy', target: 3 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Niveau visé « 3 » inconnu pour le référentiel toy : choisissez parmi 1 (1 étoile), 2 (2 étoiles).',
    });
    await expect(caller.readiness.get({ referentialId: 'rg' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: "Le référentiel rg n'a pas de niveau de label : il n'y a pas de candidature à préparer.",
    });
    await expect(caller.readiness.get({ referentialId: 'inconnu' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(caller.readiness.get({ referentialId: 'toy', target: 0 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('refuses a score of another referential (service contract)', () => {
    core.referentials.store(toyTete('toy'));
    core.referentials.store(toyTete('autre'));
    expect(() => core.readiness.get('toy', core.scores.get('autre'))).toThrow('Le score fourni est celui du référentiel autre, pas de toy.');
  });
});

describeWithSharedData('readiness.get on the real CAE', () => {
  it('★1: référents from the pilotes of mesures 5.1.2 and 5.1.1, a candidature document on the root', async () => {
    await core.referentials.importAsync([DATA.caeStructure, DATA.caePreuves]);
    const r = await caller.readiness.get({ referentialId: 'cae' });
    expect(r.cibleParDefaut).toBe(1);
    expect(r.conditions).toHaveLength(11);
    // The workspace is a commune of 5 000: the personnalisation scores.get applies deactivates PCAET and BEGES (§2.5).
    expect(r.conditions.filter((c) => c.met).map((c) => [c.id, c.sansObjet])).toEqual([
      ['score', false],
      ['critere:cae_1.1.2.0.1', true],
      ['critere:cae_1.1.2.0.2', true],
    ]);
    const elue = core.people.create({ nom: 'Sophie Lambert' });
    const cheffe = core.people.create({ nom: 'Claire Morel' });
    core.nodes.setPilotes({ referentialId: 'cae', nodeId: 'cae_5.1.2', personIds: [elue.id], serviceIds: [] });
    core.nodes.setPilotes({ referentialId: 'cae', nodeId: 'cae_5.1.1.1.3', personIds: [cheffe.id], serviceIds: [] });
    core.preuves.addFile({ referentialId: 'cae', nodeId: 'cae', fileName: 'acte-engagement.pdf', bytes: bytes('%PDF-1.4 acte'), titre: "Acte d'engagement signé" });
    core.statuts.set({ referentialId: 'cae', nodeId: 'cae_5.1.2.1.1', statut: 'fait' });
    const after = await caller.readiness.get({ referentialId: 'cae' });
    expect(after.conditions.filter((c) => c.met).map((c) => c.id)).toEqual([
      'score',
      'critere:cae_5.1.2.1.1',
      'critere:cae_1.1.2.0.1',
      'critere:cae_1.1.2.0.2',
      'documents-candidature',
      'referent:elu',
      'referent:technique',
    ]);
    expect(cond(after, 'referent:elu')).toMatchObject({ detail: 'Pilote : Sophie Lambert.', where: { nodeId: 'cae_5.1.2' } });
    expect(cond(after, 'referent:technique')).toMatchObject({ detail: 'Pilote : Claire Morel (sur 5.1.1.1.3).', where: { nodeId: 'cae_5.1.1' } });
  });

  it('an EPCI of 60 000 inhabitants must meet PCAET and BEGES compliance: the criteria come back', async () => {
    await core.referentials.importAsync([DATA.caeStructure]);
    core.personnalisation.setIdentite({ type: 'EPCI', soustype: 'epci_a_fiscalite_propre', population: 60000 });
    const r = await caller.readiness.get({ referentialId: 'cae', target: 2 });
    expect(cond(r, 'critere:cae_1.1.2.0.1')).toMatchObject({ met: false, sansObjet: false, detail: `Non renseigné, il faut 100${NNBSP}% fait.` });
    expect(cond(r, 'critere:cae_1.1.2.0.2')).toMatchObject({ met: false, sansObjet: false });
    core.statuts.set({ referentialId: 'cae', nodeId: 'cae_1.1.2.0', statut: 'fait' });
    const after = await caller.readiness.get({ referentialId: 'cae', target: 2 });
    expect(cond(after, 'critere:cae_1.1.2.0.1')).toMatchObject({
      met: true,
      detail: `100,0${NNBSP}% fait (statut saisi sur la sous-action 1.1.2.0), il faut 100${NNBSP}% fait.`,
      where: { nodeId: 'cae_1.1.2.0' },
    });
  });
});
