/**
 * The personnalisation service (tete-referentials.md §2.5): identity, question pool import, answers with
 * justification and history, hidden questions dropped, and the scores following the answers. A toy TETE tree with
 * hand-written rules gives numbers computed by hand; the real CAE and question pool check the questionnaire.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import type { ServiceContext } from '../../../electron/core/services/context';
import type { Referential } from '../../../shared/domain';
import { userError } from '../../helpers/errors';
import { DATA, describeWithSharedData } from '../../helpers/shared-data';
import { memoryCore, snapshotTables, toyTete } from '../helpers/context';

const QUESTIONS = `id,competenceCode,formulation,consignesJustification,type,thematiqueId,ordonnancement,exprVisible,typesCollectivitesConcernees,description
comp_1,1000,La collectivité a-t-elle la compétence ?,Joindre les statuts,binaire,energie,1,,,
comp_2,,Exerce-t-elle une partie de la compétence ?,,binaire,energie,2,"si reponse(comp_1, NON) alors VRAI",,
voirie,,La collectivité gère-t-elle la voirie ?,,choix,mobilite,1,,epci,
part,,Part de la collectivité dans le syndicat,,proportion,energie,3,,,
`;
const CHOIX = `id,questionId,ordonnancement,formulation
voirie_a,voirie,,Oui sur tout le territoire
voirie_b,voirie,,Oui en partie
`;
const THEMATIQUES = `id,nom
energie,Énergie
mobilite,Mobilité
`;
const files = (q = QUESTIONS, c = CHOIX, t = THEMATIQUES) => [
  { name: 'questions.csv', text: q },
  { name: 'choices.csv', text: c },
  { name: 'thematiques.csv', text: t },
];

/** toyTete (eci: 1 = 30 pts [1.1 = 10, 1.2 = 20], 2 = 70 pts) with four rules. */
function toyWithRules(): Referential {
  const ref = toyTete();
  const set = (id: string, type: string, formule: string) => {
    const node = ref.nodes.find((n) => n.id === id)!;
    node.meta = { ...node.meta, [`regle.${type}`]: formule };
  };
  set('eci_1', 'reduction', 'si reponse(comp_1, NON) et reponse(comp_2, NON) alors 0.5');
  set('eci_1.2', 'desactivation', 'reponse(voirie, voirie_b)');
  set('eci_2', 'reduction', 'reponse(part)');
  set('eci_2.2', 'desactivation', 'si identite(type, commune) alors VRAI');
  return ref;
}

let core: Core;
let ctx: ServiceContext;
let cleanup: () => void;
beforeEach(() => {
  ({ core, ctx, cleanup } = memoryCore());
  core.referentials.store(toyWithRules());
  core.personnalisation.importQuestions(files());
  core.personnalisation.setIdentite({ type: 'EPCI', population: 30_000 });
});
afterEach(() => cleanup());

const pot = (nodeId: string) => core.scores.get('eci').nodes[nodeId]!.pointPotentiel;

describe('personnalisation: answers change the scores (§2.3 inputs, §2.5)', () => {
  it('no answer: the toy tree keeps its 100 pts', () => {
    expect(core.scores.get('eci').root.pointPotentiel).toBe(100);
  });

  it('comp_1 = NON and comp_2 = NON: eci_1 × 0.5 → 15 pts (1.1 = 5, 1.2 = 10); root 85', () => {
    core.personnalisation.setReponse({ questionId: 'comp_1', valeur: false });
    expect(pot('eci_1')).toBe(30); // comp_2 unanswered: the rule's `et` is false
    core.personnalisation.setReponse({ questionId: 'comp_2', valeur: false, justification: 'Compétence transférée au SDE en 2019.' });
    expect([pot('eci_1'), pot('eci_1.1'), pot('eci_1.2')]).toEqual([15, 5, 10]);
    expect(core.scores.get('eci').root.pointPotentiel).toBe(85);
  });

  it('a hidden question does not count: comp_2 answered, then comp_1 = OUI hides it (answer kept, not counted)', () => {
    core.personnalisation.setReponse({ questionId: 'comp_1', valeur: false });
    core.personnalisation.setReponse({ questionId: 'comp_2', valeur: false });
    expect(pot('eci_1')).toBe(15);
    core.personnalisation.setReponse({ questionId: 'comp_1', valeur: true });
    expect(pot('eci_1')).toBe(30);
    const q = core.personnalisation.questionnaire({ seulementUtiles: false });
    const comp2 = q.thematiques[0]!.questions.find((i) => i.question.id === 'comp_2')!;
    expect(comp2).toMatchObject({ visible: false, reponse: { valeur: false } });
  });

  it('choix voirie_b deactivates eci_1.2: its 20 pts go to 1.1 (redistribution), eci_1 stays 30', () => {
    core.personnalisation.setReponse({ questionId: 'voirie', valeur: 'voirie_b' });
    expect([pot('eci_1.1'), pot('eci_1.2'), pot('eci_1')]).toEqual([30, 0, 30]);
    expect(core.scores.get('eci').nodes['eci_1.2']!.desactive).toBe(true);
  });

  it('the voirie question is for EPCI only: a commune does not see it and its answer stops counting', () => {
    core.personnalisation.setReponse({ questionId: 'voirie', valeur: 'voirie_b' });
    core.personnalisation.setIdentite({ type: 'commune' });
    expect(core.scores.get('eci').nodes['eci_1.2']!.desactive).toBe(false);
    // … but the commune rule on eci_2.2 now applies: 2.2 deactivated, its 5 pts shared with 2.1 (2.0 is regulatory).
    expect([pot('eci_2.2'), pot('eci_2.1'), pot('eci_2')]).toEqual([0, 70, 70]);
  });

  it('proportion 0.4 on eci_2: 70 × 0.4 = 28 pts; root 58', () => {
    core.personnalisation.setReponse({ questionId: 'part', valeur: 0.4 });
    expect(pot('eci_2')).toBe(28);
    expect(core.scores.get('eci').root.pointPotentiel).toBe(58);
    expect(core.personnalisation.consequences('eci')).toEqual({ eci_2: { potentielPerso: 0.4 } });
  });

  it('history: reponse.set before → after with the justification, identite.update; clearing deletes the answer', () => {
    core.personnalisation.setReponse({ questionId: 'part', valeur: 0.4, justification: 'Statuts du syndicat, art. 4' });
    core.personnalisation.setReponse({ questionId: 'part', valeur: 0.5 });
    core.personnalisation.setReponse({ questionId: 'part', valeur: null });
    const events = core.history.list().filter((e) => e.action === 'reponse.set');
    expect(events.map((e) => [e.before, e.after])).toEqual([
      [{ question: 'part', valeur: 0.5, justification: 'Statuts du syndicat, art. 4' }, null],
      [
        { question: 'part', valeur: 0.4, justification: 'Statuts du syndicat, art. 4' },
        { question: 'part', valeur: 0.5, justification: 'Statuts du syndicat, art. 4' },
      ],
      [null, { question: 'part', valeur: 0.4, justification: 'Statuts du syndicat, art. 4' }],
    ]);
    expect(core.history.list().find((e) => e.action === 'identite.update')).toMatchObject({ after: { type: 'EPCI', population: 30000 } });
    expect(core.personnalisation.questionnaire({ seulementUtiles: false }).thematiques[0]!.questions.find((i) => i.question.id === 'part')!.reponse).toBeNull();
  });

  it('the same answer again writes nothing', () => {
    core.personnalisation.setReponse({ questionId: 'comp_1', valeur: true });
    const n = core.history.list().length;
    core.personnalisation.setReponse({ questionId: 'comp_1', valeur: true });
    expect(core.history.list()).toHaveLength(n);
  });
});

describe('personnalisation: bad input is refused with a clear message and nothing stored changes', () => {
  it.each([
    [{ questionId: 'inconnue', valeur: true }, 'NOT_FOUND', /Question de personnalisation « inconnue » inconnue/],
    [{ questionId: 'comp_1', valeur: 'OUI' }, 'INPUT_INVALID', /question comp_1 : oui ou non attendu \(reçu "OUI"\)/],
    [{ questionId: 'voirie', valeur: 'voirie_z' }, 'INPUT_INVALID', /question voirie : un de voirie_a, voirie_b attendu/],
    [{ questionId: 'part', valeur: 1.2 }, 'INPUT_INVALID', /question part : une proportion entre 0 et 1/],
    [{ questionId: 'part', valeur: -0.1 }, 'INPUT_INVALID', /proportion entre 0 et 1/],
    [{ questionId: 'part', valeur: true }, 'INPUT_INVALID', /proportion entre 0 et 1/],
    [{ questionId: 'comp_1', valeur: true, justification: 'x'.repeat(5001) }, 'INPUT_INVALID', /dépasse 5 000 caractères/],
  ])('setReponse %j', (input, code, message) => {
    const before = snapshotTables(ctx);
    const e = userError(() => core.personnalisation.setReponse(input));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
    expect(snapshotTables(ctx)).toEqual(before);
  });

  it.each([
    [{ soustype: 'metropole' }, /Sous-type « metropole » inconnu/],
    [{ type: 'commune' as const, soustype: 'syndicat' }, /Une commune n'a pas de sous-type/],
    [{ population: 12.5 }, /nombre entier d'habitants \(reçu 12.5\)/],
  ])('setIdentite %j', (patch, message) => {
    const before = snapshotTables(ctx);
    expect(userError(() => core.personnalisation.setIdentite(patch)).message).toMatch(message);
    expect(snapshotTables(ctx)).toEqual(before);
  });

  it.each([
    ['a type that does not exist', QUESTIONS.replace(',binaire,energie,1,', ',oui_non,energie,1,'), CHOIX, /questions\.csv », ligne 2, cellule E2 \(colonne « type »\) : type « oui_non » inconnu/],
    ['a duplicate id', QUESTIONS + 'comp_1,,Encore ?,,binaire,energie,9,,,\n', CHOIX, /ligne 6, cellule A6 \(colonne « id »\) : identifiant « comp_1 » en double/],
    ['a visibility formula that reads an unknown question', QUESTIONS.replace('si reponse(comp_1, NON) alors VRAI', 'si reponse(comp_9, NON) alors VRAI'), CHOIX, /ligne 3, cellule H3 \(colonne « exprVisible »\) : la condition d'affichage lit une question inconnue \(comp_9\)/],
    ['a visibility formula that does not parse', QUESTIONS.replace('si reponse(comp_1, NON) alors VRAI', 'si reponse(comp_1, NON) alors'), CHOIX, /ligne 3, cellule H3 \(colonne « exprVisible »\) : condition d'affichage invalide/],
    ['an unknown thématique', QUESTIONS.replace(',energie,3,', ',eau,3,'), CHOIX, /ligne 5, cellule F5 .* thématique « eau » absente de « thematiques\.csv »/],
    ['an option of an unknown question', QUESTIONS, CHOIX + 'x_a,x,,Autre\n', /choices\.csv », ligne 4, cellule B4 .* question « x » absente/],
    ['a choix question with one option', QUESTIONS, CHOIX.split('\n').slice(0, 2).join('\n') + '\n', /La question à choix « voirie » a 1 option\(s\) : il en faut au moins deux/],
    ['a type of authority that does not exist', QUESTIONS.replace(',,epci,', ',,region,'), CHOIX, /cellule I4 .* type de collectivité « region » inconnu/],
  ])('importQuestions refuses %s', (_, q, c, message) => {
    core.personnalisation.setReponse({ questionId: 'comp_1', valeur: true });
    const before = snapshotTables(ctx);
    expect(userError(() => core.personnalisation.importQuestions(files(q, c))).message).toMatch(message);
    expect(snapshotTables(ctx)).toEqual(before);
  });

  it('importQuestions refuses a file that is not a question file, and a missing questions file', () => {
    expect(userError(() => core.personnalisation.importQuestions([{ name: 'grille.csv', text: 'a,b\n1,2\n' }])).message).toMatch(
      /« grille\.csv » n'est pas un fichier de questions de personnalisation/,
    );
    expect(userError(() => core.personnalisation.importQuestions([{ name: 'them.csv', text: THEMATIQUES }])).message).toMatch(/Le fichier des questions .* manque/);
  });

  it('a TETE referential whose rules read a question the pool lacks is refused, naming it; nothing stored changes', () => {
    const ref = toyWithRules();
    ref.id = 'eci2';
    for (const n of ref.nodes) n.id = n.id.replace(/^eci/, 'eci2');
    for (const n of ref.nodes) if (n.parentId) n.parentId = n.parentId.replace(/^eci/, 'eci2');
    ref.nodes.find((n) => n.id === 'eci2_2.1')!.meta = { 'regle.reduction': 'si reponse(inconnue_1, OUI) alors 0.5' };
    ref.preuvesAttendues = [];
    const before = snapshotTables(ctx);
    const e = userError(() => core.referentials.store(ref));
    expect(e.message).toBe(
      "Les règles de personnalisation du référentiel eci2 lisent 1 question(s) inconnue(s) de l'espace de travail : inconnue_1 (par exemple sur eci2_2.1). Importez d'abord les questions à jour (label-audit import-questions). Rien n'a été modifié.",
    );
    expect(snapshotTables(ctx)).toEqual(before);
  });

  it.each([
    ['eci_1', 'reduction', 'si reponse(comp_1, NON) alors VRAI', "Formule de eci_1 (réduction), colonne 31 : une règle de réduction doit donner un nombre, pas un booléen (VRAI / FAUX)"],
    ['eci_1.2', 'desactivation', 'reponse(part)', 'Formule de eci_1.2 (désactivation), colonne 1 : une règle de désactivation doit donner un booléen (VRAI / FAUX), pas un nombre'],
    ['eci_1.2', 'desactivation', 'reponse(voirie, voirie_z)', 'Formule de eci_1.2 (désactivation), colonne 1 : la question voirie (choix) ne peut pas valoir « voirie_z » : une de ses options (voirie_a, voirie_b) attendu'],
    ['eci_1.2', 'desactivation', 'reponse(comp_1, peutetre)', 'Formule de eci_1.2 (désactivation), colonne 1 : la question comp_1 (binaire) ne peut pas valoir « peutetre » : OUI ou NON attendu'],
  ])('a rule of the wrong type or value is refused at store: %s %s « %s »', (nodeId, type, formule, message) => {
    const ref = toyWithRules();
    ref.nodes.find((n) => n.id === nodeId)!.meta[`regle.${type}`] = formule;
    const before = snapshotTables(ctx);
    expect(userError(() => core.referentials.store(ref)).message).toContain(message);
    expect(snapshotTables(ctx)).toEqual(before);
  });

  it.each([
    ['eci_1', 'reduction', 'si reponse(comp_1, NON) alors VRAI', 'Formula of eci_1 (reduction), column 31: a reduction rule must give a number, not a boolean (VRAI / FAUX)'],
    ['eci_1.2', 'desactivation', 'reponse(voirie, voirie_z)', 'Formula of eci_1.2 (disabling), column 1: question voirie (choix) cannot be “voirie_z”: one of its options (voirie_a, voirie_b) expected'],
  ])('the same refusal in English (issue 8 item 2): %s %s « %s »', (nodeId, type, formule, message) => {
    const ref = toyWithRules();
    ref.nodes.find((n) => n.id === nodeId)!.meta[`regle.${type}`] = formule;
    expect(userError(() => core.referentials.store(ref)).messageIn('en')).toContain(message);
  });

  it('re-importing a pool without a question the rules read is refused, naming it; nothing stored changes', () => {
    core.personnalisation.setReponse({ questionId: 'part', valeur: 0.4 });
    const before = snapshotTables(ctx);
    expect(userError(() => core.personnalisation.importQuestions(files(QUESTIONS.split('\n').filter((l) => !l.startsWith('part,')).join('\n')))).message).toBe(
      "Ces questions manquent alors que les règles des référentiels importés les lisent : part. Importez la liste complète des questions. Rien n'a été modifié.",
    );
    expect(snapshotTables(ctx)).toEqual(before);
    expect(pot('eci_2')).toBe(28);
  });

  it('re-importing a pool without a question no rule reads keeps its answer, reported as orphan', () => {
    core.personnalisation.importQuestions(files(QUESTIONS + 'extra,,Question sans règle ?,,binaire,energie,9,,,\n'));
    core.personnalisation.setReponse({ questionId: 'extra', valeur: true });
    const r = core.personnalisation.importQuestions(files());
    expect(r).toMatchObject({ questions: 4, reponsesOrphelines: ['extra'], questionsManquantes: [] });
    expect(core.personnalisation.questionnaire().reponsesOrphelines.map((x) => x.questionId)).toEqual(['extra']);
  });
});

describeWithSharedData('personnalisation on the real CAE and question pool', () => {
  it('the questionnaire lists the questions CAE rules read, grouped by thématique, with their mesures', () => {
    // With the toy pool CAE is refused (its rules read 48 questions the pool lacks); with the real pool it imports.
    expect(userError(() => core.referentials.import([DATA.caeStructure])).message).toMatch(/lisent 48 question\(s\) inconnue\(s\)/);
    const real = DATA.questionsCsv.map((p) => ({ name: p.split('/').at(-1)!, text: readFileSync(p, 'utf8') }));
    // … and the real pool is refused while the toy referential, whose rules read comp_1 etc., is stored.
    expect(userError(() => core.personnalisation.importQuestions(real)).message).toMatch(/^Ces questions manquent alors que les règles des référentiels importés les lisent : comp_1, comp_2, part\./);
    ctx.db.prepare("DELETE FROM referential WHERE id = 'eci'").run();
    ctx.cache.clear();
    core.personnalisation.importQuestions(real);
    core.referentials.import([DATA.caeStructure]);
    core.personnalisation.setIdentite({ type: 'EPCI', population: 45_000 });
    const q = core.personnalisation.questionnaire();
    const ids = q.thematiques.flatMap((t) => t.questions.map((i) => i.question.id));
    expect(ids).toContain('AOM_1');
    expect(q.thematiques[0]!.thematique).toEqual({ id: 'deplacer', nom: 'Se déplacer' });
    const aom = q.thematiques[0]!.questions.find((i) => i.question.id === 'AOM_1')!;
    expect(aom.impacts.filter((i) => i.referentialId === 'cae').map((i) => `${i.identifiant} ${i.regle}`)).toContain('1.2.2 reduction');
    // AOM_1 = NON and centre_urbain = NON: 1.2.2 goes from 12 to 2 pts (§2.5 table).
    core.personnalisation.setReponse({ questionId: 'AOM_1', valeur: false });
    core.personnalisation.setReponse({ questionId: 'centre_urbain', valeur: false });
    expect(core.scores.get('cae').nodes['cae_1.2.2']!.pointPotentiel).toBe(2);
    const after = core.personnalisation.questionnaire().thematiques[0]!.questions.find((i) => i.question.id === 'AOM_1')!;
    expect(after.impacts.find((i) => i.nodeId === 'cae_1.2.2' && i.regle === 'reduction')).toMatchObject({ facteur: 2 / 12, pointReferentiel: 12 });
    // A question no rule reads is listed when a listed question's visibility depends on it.
    const noImpact = q.thematiques.flatMap((t) => t.questions).filter((i) => i.impacts.length === 0).map((i) => i.question.id);
    for (const id of noImpact) {
      const dependants = q.thematiques.flatMap((t) => t.questions).filter((i) => (i.question.exprVisible ?? '').includes(`(${id},`));
      expect(dependants.length, id).toBeGreaterThan(0);
    }
  });
});
