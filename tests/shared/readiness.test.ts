/**
 * Readiness for a label (shared/readiness.ts; tete-referentials.md §3): every condition met and unmet on hand-made
 * trees, the score seuil at its boundary, then the real CAE and ECi trees with the bundled requirements.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emptyNodeTexts, type Detail, type Referential, type ReferentialNode, type ScoreResult, type Statut, type StatutRecord } from '../../shared/domain';
import { criteresFor, defaultCible, readiness, type ExigencesLabellisation, type ReadinessCondition, type ReadinessContext } from '../../shared/readiness';
import { engineFor, type Personnalisation } from '../../shared/scoring';
import { toRecord } from '../../shared/statut';
import { parseTeteCsv } from '../../electron/core/referential/tete-csv';
import { exigencesTete } from '../../electron/core/referential/tete-criteres';
import { DATA, describeWithSharedData } from '../helpers/shared-data';
import { userError } from '../helpers/errors';

const NNBSP = '\u202f';
const ETOILES = [
  { rang: 1, nom: '1 étoile', seuil: 0 },
  { rang: 2, nom: '2 étoiles', seuil: 0.35 },
  { rang: 3, nom: '3 étoiles', seuil: 0.5 },
];

/** A TETE tree from `[identifiant, points]` rows in natural order: axe › mesure (actionLevel 2) › sous-action › tâche. */
function teteTree(id: string, root: number, rows: Array<[string, number]>): Referential {
  const types = ['referentiel', 'axe', 'action', 'sous-action', 'tache'];
  const ordre = new Map<string, number>();
  const node = (identifiant: string, points: number): ReferentialNode => {
    const segs = identifiant === '' ? [] : identifiant.split('.');
    const parent = segs.slice(0, -1).join('.');
    const rank = ordre.get(parent) ?? 0;
    ordre.set(parent, rank + 1);
    return {
      id: identifiant === '' ? id : `${id}_${identifiant}`,
      parentId: identifiant === '' ? null : parent === '' ? id : `${id}_${parent}`,
      identifiant,
      depth: segs.length,
      type: types[segs.length]!,
      nom: identifiant === '' ? 'Référentiel jouet' : `Nœud ${identifiant}`,
      ...emptyNodeTexts(),
      points,
      pointReferentiel: points,
      ordre: rank,
    };
  };
  return {
    id,
    version: 'jouet-1',
    nom: 'Référentiel jouet',
    model: 'tete',
    hierarchie: types,
    actionLevel: 2,
    redistribution: true,
    niveaux: ETOILES,
    avertissement: null,
    nodes: [node('', root), ...rows.map(([i, p]) => node(i, p))],
    preuvesAttendues: [],
  };
}

/**
 * toy 100 pts: axe 1 › mesure 1.1 (50: sous-action 1.1.1 = 25 with tâches 1.1.1.1 = 10 and 1.1.1.2 = 15; sous-action
 * 1.1.2 = 25) and mesure 1.2 (50: sous-action 1.2.0 = 0 with tâches 1.2.0.1 and 1.2.0.2 at 0; sous-action 1.2.1 = 50).
 */
function toy(): Referential {
  return teteTree('toy', 100, [
    ['1', 100],
    ['1.1', 50],
    ['1.1.1', 25],
    ['1.1.1.1', 10],
    ['1.1.1.2', 15],
    ['1.1.2', 25],
    ['1.2', 50],
    ['1.2.0', 0],
    ['1.2.0.1', 0],
    ['1.2.0.2', 0],
    ['1.2.1', 50],
  ]);
}
/** The scoring leaves of toy(). */
const TOY_LEAVES = ['toy_1.1.1.1', 'toy_1.1.1.2', 'toy_1.1.2', 'toy_1.2.0.1', 'toy_1.2.0.2', 'toy_1.2.1'];

const EXIGENCES: ExigencesLabellisation = {
  validiteAnnees: 4,
  criteres: [
    { etoile: 1, priorite: 1, referentiel: 'toy', actionId: 'toy_1.1.1.1', formulation: 'Identifier un élu', minRealisePourcentage: 100, minProgrammePourcentage: null },
    { etoile: 1, priorite: 2, referentiel: 'toy', actionId: 'toy_1.1', formulation: 'Engager un diagnostic', minRealisePourcentage: 20, minProgrammePourcentage: null },
    { etoile: 1, priorite: 3, referentiel: 'toy', actionId: 'toy_1.2.0.1', formulation: 'Être conforme', minRealisePourcentage: 100, minProgrammePourcentage: 100 },
    { etoile: 2, priorite: 1, referentiel: 'toy', actionId: 'toy_1.2.0.1', formulation: 'Être conforme', minRealisePourcentage: 100, minProgrammePourcentage: null },
  ],
  referents: [
    { role: 'elu', nom: 'Élu·e référent·e', actionId: 'toy_1.1.1.1' },
    { role: 'technique', nom: 'Référent·e technique', actionId: 'toy_1.2.1' },
  ],
  documentsCandidature: [
    { etoiles: [1], texte: "l'acte d'engagement signé" },
    { etoiles: [2, 3], texte: 'le dossier de demande' },
  ],
};

type Entry = Statut | ['detaille', Detail];
function statuts(entries: Record<string, Entry>): Map<string, StatutRecord> {
  return new Map(
    Object.entries(entries).map(([nodeId, e]) => {
      const [statut, detail] = Array.isArray(e) ? e : [e, null];
      return [nodeId, { nodeId, ...toRecord(statut, detail) }];
    }),
  );
}
function score(ref: Referential, entries: Record<string, Entry>, perso: Personnalisation = {}): ScoreResult {
  return engineFor(ref.model).compute(ref, statuts(entries), perso);
}
function allFait(leaves: readonly string[], overrides: Record<string, Entry> = {}): Record<string, Entry> {
  return { ...Object.fromEntries(leaves.map((id) => [id, 'fait' as Entry])), ...overrides };
}
function context(over: Partial<ReadinessContext> = {}): ReadinessContext {
  return { documentsCandidature: [], pilotes: {}, exigences: EXIGENCES, ...over };
}
function condition(conditions: ReadinessCondition[], id: string): ReadinessCondition {
  const c = conditions.find((x) => x.id === id);
  if (!c) throw new Error(`condition ${id} absente : ${conditions.map((x) => x.id).join(', ')}`);
  return c;
}

describe('readiness on a hand-made TETE tree', () => {
  const ref = toy();

  it('lists, for ★1, complétude, score, the ★1 criteria, documents and both référents, in that order', () => {
    const r = readiness(ref, score(ref, {}), context(), 1);
    expect(r.cible).toEqual({ rang: 1, nom: '1 étoile', seuil: 0 });
    expect(r.conditions.map((c) => c.id)).toEqual([
      'completude',
      'score',
      'critere:toy_1.1.1.1',
      'critere:toy_1.1',
      'critere:toy_1.2.0.1',
      'documents-candidature',
      'referent:elu',
      'referent:technique',
    ]);
    expect(r.met).toBe(false);
    expect(r.validiteAnnees).toBe(4);
  });

  it('complétude unmet: counts the elements without statut, the mesures holding them, and points to the first', () => {
    const c = condition(readiness(ref, score(ref, { 'toy_1.1.1.1': 'fait', 'toy_1.2.0.1': 'non_concerne' }), context(), 1).conditions, 'completude');
    expect(c).toMatchObject({ met: false, where: { nodeId: 'toy_1.1.1.2' } });
    expect(c.detail).toBe(`Complétude 33,3${NNBSP}% : 4 éléments (tâches ou sous-actions) sans statut sur 6, dans 2 mesures sur 2 ; le premier : 1.1.1.2 « Nœud 1.1.1.2 ».`);
    expect(c.action).toBe('Donnez un statut à chaque élément (« non concerné » compte aussi), en commençant par 1.1.1.2.');
  });

  it('complétude: a sous-action with its own statut completes its tâches; a non concerné counts as renseigné', () => {
    const c = condition(
      readiness(ref, score(ref, { 'toy_1.1.1': 'pas_fait', 'toy_1.1.2': 'programme', 'toy_1.2.0': 'non_concerne', 'toy_1.2.1': 'fait' }), context(), 1).conditions,
      'completude',
    );
    expect(c).toMatchObject({ met: true, action: null, detail: 'Tout est renseigné : 6 / 6.' });
  });

  it('complétude: one missing element in one mesure', () => {
    const c = condition(readiness(ref, score(ref, allFait(TOY_LEAVES, { 'toy_1.2.1': 'non_renseigne' })), context(), 1).conditions, 'completude');
    expect(c.detail).toBe(`Complétude 83,3${NNBSP}% : 1 élément (tâche ou sous-action) sans statut sur 6, dans 1 mesure sur 2 ; le premier : 1.2.1 « Nœud 1.2.1 ».`);
    expect(c.where).toEqual({ nodeId: 'toy_1.2.1' });
  });

  it('★1 has no score minimum: met at 0 % fait', () => {
    const c = condition(readiness(ref, score(ref, {}), context(), 1).conditions, 'score');
    expect(c).toMatchObject({ met: true, label: 'Score : pas de minimum pour 1 étoile', detail: `0,0${NNBSP}% fait ; 1 étoile n'exige pas de score minimum.` });
  });

  it('a tâche criterion at 100 % fait: met when fait, unmet when pas fait or non renseigné, with the action', () => {
    const met = condition(readiness(ref, score(ref, { 'toy_1.1.1.1': 'fait' }), context(), 1).conditions, 'critere:toy_1.1.1.1');
    expect(met).toEqual({
      id: 'critere:toy_1.1.1.1',
      met: true,
      sansObjet: false,
      label: 'Critère 1.1.1.1 : Identifier un élu',
      detail: `100,0${NNBSP}% fait, il faut 100${NNBSP}% fait.`,
      action: null,
      where: { nodeId: 'toy_1.1.1.1' },
    });
    const pasFait = condition(readiness(ref, score(ref, { 'toy_1.1.1.1': 'pas_fait' }), context(), 1).conditions, 'critere:toy_1.1.1.1');
    expect(pasFait).toMatchObject({ met: false, detail: `0,0${NNBSP}% fait, il faut 100${NNBSP}% fait.`, action: 'Passez 1.1.1.1 à « fait ».' });
    const programme = condition(readiness(ref, score(ref, { 'toy_1.1.1.1': 'programme' }), context(), 1).conditions, 'critere:toy_1.1.1.1');
    expect(programme.met).toBe(false);
    const vide = condition(readiness(ref, score(ref, {}), context(), 1).conditions, 'critere:toy_1.1.1.1');
    expect(vide).toMatchObject({ met: false, detail: `Non renseigné, il faut 100${NNBSP}% fait.` });
  });

  it('judges a tâche on its parent sous-action when that one has its own statut (§3)', () => {
    const viaParent = condition(readiness(ref, score(ref, { 'toy_1.1.1': 'fait' }), context(), 1).conditions, 'critere:toy_1.1.1.1');
    expect(viaParent).toMatchObject({ met: true, detail: `100,0${NNBSP}% fait (statut saisi sur la sous-action 1.1.1), il faut 100${NNBSP}% fait.`, where: { nodeId: 'toy_1.1.1' } });
    const parentDetaille = condition(readiness(ref, score(ref, { 'toy_1.1.1': ['detaille', [0.6, 0.4, 0]] }), context(), 1).conditions, 'critere:toy_1.1.1.1');
    expect(parentDetaille).toMatchObject({ met: false, detail: `60,0${NNBSP}% fait (statut saisi sur la sous-action 1.1.1), il faut 100${NNBSP}% fait.`, action: 'Passez 1.1.1 (ou toutes ses tâches) à « fait ».' });
  });

  it('a mesure criterion at 20 %: exactly 20 % meets it, 19,8 % does not (and says the points missing)', () => {
    // 1.1.1.1 (10 of the mesure's 50 points) fait = 20 %.
    const exact = condition(readiness(ref, score(ref, { 'toy_1.1.1.1': 'fait' }), context(), 1).conditions, 'critere:toy_1.1');
    expect(exact).toMatchObject({ met: true, detail: `20,0${NNBSP}% fait, il faut 20${NNBSP}% fait.`, where: { nodeId: 'toy_1.1' } });
    const under = condition(readiness(ref, score(ref, { 'toy_1.1.1.1': ['detaille', [0.99, 0, 0.01]] }), context(), 1).conditions, 'critere:toy_1.1');
    expect(under).toMatchObject({ met: false, detail: `19,8${NNBSP}% fait, il faut 20${NNBSP}% fait.`, action: `Faites avancer la mesure 1.1 jusqu'à 20${NNBSP}% fait : il manque 0,1 pt.` });
  });

  it('a 0-point tâche uses leaf ratios: programmé meets ★1 (fait or programmé) but not ★2 (fait only)', () => {
    const s = score(ref, { 'toy_1.2.0.1': 'programme' });
    const star1 = condition(readiness(ref, s, context(), 1).conditions, 'critere:toy_1.2.0.1');
    expect(star1).toMatchObject({ met: true, label: 'Critère 1.2.0.1 : Être conforme', detail: `0,0${NNBSP}% fait, 100,0${NNBSP}% programmé, il faut 100${NNBSP}% fait ou programmé.` });
    const star2 = condition(readiness(ref, s, context(), 2).conditions, 'critere:toy_1.2.0.1');
    expect(star2).toMatchObject({ met: false, detail: `0,0${NNBSP}% fait, il faut 100${NNBSP}% fait.`, action: 'Passez 1.2.0.1 à « fait ».' });
    const pasFait = condition(readiness(ref, score(ref, { 'toy_1.2.0.1': 'pas_fait' }), context(), 1).conditions, 'critere:toy_1.2.0.1');
    expect(pasFait).toMatchObject({ met: false, action: 'Passez 1.2.0.1 à « fait » ou « programmé ».' });
  });

  it('skips a criterion désactivé by personnalisation (met, sans objet); one declared non concerné stays required', () => {
    const off = condition(readiness(ref, score(ref, {}, { 'toy_1.2.0.1': { desactive: true } }), context(), 2).conditions, 'critere:toy_1.2.0.1');
    expect(off).toEqual({
      id: 'critere:toy_1.2.0.1',
      met: true,
      sansObjet: true,
      label: 'Critère 1.2.0.1 : Être conforme',
      detail: 'Sans objet : 1.2.0.1 est désactivé par la personnalisation.',
      action: null,
      where: { nodeId: 'toy_1.2.0.1' },
    });
    const nc = condition(readiness(ref, score(ref, { 'toy_1.2.0': 'non_concerne' }), context(), 2).conditions, 'critere:toy_1.2.0.1');
    expect(nc).toMatchObject({
      met: false,
      sansObjet: false,
      detail: '1.2.0.1 est déclaré non concerné, mais ce critère de labellisation reste exigé (il faut 100\u202f% fait).',
    });
  });

  it('a criterion on an action the imported tree lacks is not met, and says why', () => {
    const exigences = { ...EXIGENCES, criteres: [{ ...EXIGENCES.criteres[0]!, actionId: 'toy_9.9' }] };
    const c = condition(readiness(ref, score(ref, {}), context({ exigences }), 1).conditions, 'critere:toy_9.9');
    expect(c).toMatchObject({
      met: false,
      detail: `toy_9.9 n'existe pas dans la version jouet-1 du référentiel importé : ce critère ne peut pas être vérifié (il faut 100${NNBSP}% fait).`,
      action: 'Importez la version du référentiel toy qui contient toy_9.9.',
    });
  });

  it('candidature documents: none → unmet with what the étoile expects; one → met, named', () => {
    const none = condition(readiness(ref, score(ref, {}), context(), 1).conditions, 'documents-candidature');
    expect(none).toEqual({
      id: 'documents-candidature',
      met: false,
      sansObjet: false,
      label: 'Au moins un document de candidature joint',
      detail: "Aucun document de candidature. Attendu pour 1 étoile : l'acte d'engagement signé.",
      action: "Joignez l'acte d'engagement signé dans « Documents de candidature ».",
      where: { screen: 'documents-candidature' },
    });
    const one = condition(readiness(ref, score(ref, {}), context({ documentsCandidature: [{ id: 'p1', titre: 'Dossier 2027' }] }), 2).conditions, 'documents-candidature');
    expect(one).toMatchObject({ met: true, action: null, detail: '1 document : « Dossier 2027 ». Attendu pour 2 étoiles : le dossier de demande.' });
  });

  it('référents: a pilote of the mesure, or of a node down to the action, names the role; none → unmet, pointing to the mesure', () => {
    const none = readiness(ref, score(ref, {}), context(), 1).conditions;
    expect(condition(none, 'referent:elu')).toEqual({
      id: 'referent:elu',
      met: false,
      sansObjet: false,
      label: 'Élu·e référent·e nommé·e (pilote de la mesure 1.1)',
      detail: 'Aucun pilote sur la mesure 1.1, qui porte 1.1.1.1 « Nœud 1.1.1.1 ».',
      action: "Ouvrez la mesure 1.1 et cochez, dans « Pilotes », la personne qui tient le rôle d'élu·e référent·e.",
      where: { nodeId: 'toy_1.1' },
    });
    expect(condition(none, 'referent:technique').action).toBe('Ouvrez la mesure 1.2 et cochez, dans « Pilotes », la personne qui tient le rôle de référent·e technique.');
    const named = readiness(ref, score(ref, {}), context({ pilotes: { 'toy_1.1': ['Claire Morel'], 'toy_1.2.1': ['Julien Fabre'], 'toy_1.2.0': ['Hors sujet'] } }), 1).conditions;
    expect(condition(named, 'referent:elu')).toMatchObject({ met: true, detail: 'Pilote : Claire Morel.', where: { nodeId: 'toy_1.1' } });
    expect(condition(named, 'referent:technique')).toMatchObject({ met: true, detail: 'Pilote : Julien Fabre (sur 1.2.1).' });
    // A pilote on a sibling of the action does not count.
    const sibling = readiness(ref, score(ref, {}), context({ pilotes: { 'toy_1.2.0': ['Hors sujet'] } }), 1).conditions;
    expect(condition(sibling, 'referent:technique').met).toBe(false);
  });

  it('everything met for ★2 when complete, above 35 %, criteria met, a document and both référents', () => {
    const s = score(ref, allFait(TOY_LEAVES, { 'toy_1.2.1': 'pas_fait' }));
    const r = readiness(ref, s, context({ documentsCandidature: [{ id: 'p', titre: 'Dossier' }], pilotes: { 'toy_1.1': ['A'], 'toy_1.2': ['B'] } }), 2);
    expect(r.conditions.filter((c) => !c.met)).toEqual([]);
    expect(r.met).toBe(true);
    expect(condition(r.conditions, 'score').detail).toBe(`50,0${NNBSP}% fait (50 / 100 pts), il faut 35${NNBSP}%.`);
  });

  it('without exigences (TE, an imported id) only complétude and score are checked', () => {
    const r = readiness(ref, score(ref, {}), context({ exigences: null }), 2);
    expect(r.conditions.map((c) => c.id)).toEqual(['completude', 'score']);
    expect(r.validiteAnnees).toBeNull();
  });

  it('an unknown target, or a referential without niveaux, is a UserError naming the field', () => {
    const e = userError(() => readiness(ref, score(ref, {}), context(), 6));
    expect(e.code).toBe('INPUT_INVALID');
    expect(e.location).toEqual({ field: 'target' });
    expect(e.message).toBe('Niveau visé « 6 » inconnu pour le référentiel toy : choisissez parmi 1 (1 étoile), 2 (2 étoiles), 3 (3 étoiles).');
    expect(e.en).toBe('Unknown target level “6” for the referential toy: choose among 1 (1 étoile), 2 (2 étoiles), 3 (3 étoiles).');
    const bare = { ...ref, niveaux: [] };
    const e2 = userError(() => readiness(bare, score(bare, {}), context(), 1));
    expect(e2.message).toBe("Le référentiel toy n'a pas de niveau de label : il n'y a pas de candidature à préparer.");
    expect(e2.en).toBe('The referential toy has no label level: there is no application to prepare.');
    expect(userError(() => defaultCible(bare, score(bare, {}))).code).toBe('INPUT_INVALID');
  });

  it('criteresFor keeps per action the criterion of the highest étoile ≤ the target', () => {
    expect(criteresFor(EXIGENCES.criteres, 1).map((c) => [c.actionId, c.etoile])).toEqual([
      ['toy_1.1.1.1', 1],
      ['toy_1.1', 1],
      ['toy_1.2.0.1', 1],
    ]);
    expect(criteresFor(EXIGENCES.criteres, 3).map((c) => [c.actionId, c.etoile, c.minProgrammePourcentage])).toEqual([
      ['toy_1.1.1.1', 1, null],
      ['toy_1.1', 1, null],
      ['toy_1.2.0.1', 2, null],
    ]);
  });
});

describe('the score seuil at its boundary (compared unrounded, §3)', () => {
  // 500 pts in one mesure: sous-action 1.1.1 carries the fait points, 1.1.2 the rest.
  const at = (fait: number) => {
    const ref = teteTree('b', 500, [
      ['1', 500],
      ['1.1', 500],
      ['1.1.1', fait],
      ['1.1.2', 500 - fait],
    ]);
    return { ref, s: score(ref, { 'b_1.1.1': 'fait', 'b_1.1.2': 'pas_fait' }) };
  };

  it('exactly 35 % meets 2 étoiles', () => {
    const { ref, s } = at(175);
    expect(s.root.score).toBe(0.35);
    const c = condition(readiness(ref, s, context({ exigences: null }), 2).conditions, 'score');
    expect(c).toEqual({
      id: 'score',
      met: true,
      sansObjet: false,
      label: `Score d'au moins 35${NNBSP}% fait (2 étoiles)`,
      detail: `35,0${NNBSP}% fait (175 / 500 pts), il faut 35${NNBSP}%.`,
      action: null,
      where: {},
    });
  });

  it('34,9996 % does not, shown truncated (34,9 %) with the 0,002 pt missing', () => {
    const { ref, s } = at(174.998);
    expect(s.root.score).toBeCloseTo(0.349996, 9);
    const c = condition(readiness(ref, s, context({ exigences: null }), 2).conditions, 'score');
    expect(c).toMatchObject({
      met: false,
      detail: `34,9${NNBSP}% fait (174,998 / 500 pts), il faut 35${NNBSP}% : il manque 0,002 pt.`,
      action: 'Gagnez au moins 0,002 pt de plus en passant des sous-actions ou tâches à « fait ».',
      where: { screen: 'referentiel' },
    });
  });

  it('41,2 % against 3 étoiles: « 41,2 % fait, il faut 50 % »', () => {
    const { ref, s } = at(206);
    const c = condition(readiness(ref, s, context({ exigences: null }), 3).conditions, 'score');
    expect(c.detail).toBe(`41,2${NNBSP}% fait (206 / 500 pts), il faut 50${NNBSP}% : il manque 44 pts.`);
  });

  it('default target: the niveau the score reaches (§4.2), the first when only it is reached', () => {
    expect(defaultCible(at(206).ref, at(206).s)).toBe(2);
    expect(defaultCible(at(174.998).ref, at(174.998).s)).toBe(1);
    expect(defaultCible(at(250).ref, at(250).s)).toBe(3);
  });
});

describe('readiness on a points grid (Label NR-like)', () => {
  function grid(): Referential {
    const ref = teteTree('nr', 1000, [
      ['1', 600],
      ['1.1', 300],
      ['1.2', 300],
      ['2', 400],
      ['2.1', 400],
    ]);
    return {
      ...ref,
      model: 'points',
      hierarchie: ['referentiel', 'theme', 'critere'],
      actionLevel: 2,
      redistribution: false,
      niveaux: [
        { rang: 1, nom: 'Niveau 1', seuil: 0.3 },
        { rang: 2, nom: 'Niveau 2', seuil: 0.5 },
      ],
      nodes: ref.nodes.map((n) =>
        n.parentId === null ? { ...n, type: 'referentiel', meta: { validiteAnnees: '3' } } : n.id === 'nr_1.2' ? { ...n, type: 'critere', meta: { referent: 'Référent·e numérique responsable' } } : { ...n, type: n.depth === 1 ? 'theme' : 'critere' },
      ),
    };
  }
  const ref = grid();

  it('checks complétude (in critères), score ≥ the niveau seuil and the référent the file asks for, nothing else', () => {
    const s = score(ref, { 'nr_1.1': 'fait', 'nr_1.2': 'pas_fait' });
    const r = readiness(ref, s, { documentsCandidature: [], pilotes: {}, exigences: null }, 1);
    expect(r.conditions.map((c) => [c.id, c.met])).toEqual([
      ['completude', false],
      ['score', true],
      ['referent:nr_1.2', false],
    ]);
    expect(r.validiteAnnees).toBe(3);
    expect(condition(r.conditions, 'completude').detail).toBe(`Complétude 66,6${NNBSP}% : 1 critère sans statut sur 3 ; le premier : 2.1 « Nœud 2.1 ».`);
    expect(condition(r.conditions, 'score').detail).toBe(`30,0${NNBSP}% fait (300 / 1${NNBSP}000 pts), il faut 30${NNBSP}%.`);
    expect(condition(r.conditions, 'referent:nr_1.2')).toMatchObject({
      label: 'Référent·e numérique responsable nommé·e (pilote du critère 1.2)',
      detail: 'Aucun pilote sur le critère 1.2.',
      where: { nodeId: 'nr_1.2' },
    });
  });

  it('niveau 2 unmet at 30 %, met with everything at 50 % and the référent named', () => {
    const low = readiness(ref, score(ref, { 'nr_1.1': 'fait', 'nr_1.2': 'pas_fait', 'nr_2.1': 'pas_fait' }), { documentsCandidature: [], pilotes: {}, exigences: null }, 2);
    expect(condition(low.conditions, 'score')).toMatchObject({ met: false, detail: `30,0${NNBSP}% fait (300 / 1${NNBSP}000 pts), il faut 50${NNBSP}% : il manque 200 pts.`, action: 'Gagnez au moins 200 pts de plus en passant des critères à « fait ».' });
    const ok = readiness(ref, score(ref, { 'nr_1.1': 'fait', 'nr_1.2': 'fait', 'nr_2.1': 'pas_fait' }), { documentsCandidature: [], pilotes: { 'nr_1.2': ['Nadia Benali'] }, exigences: null }, 2);
    expect(ok.met).toBe(true);
    expect(condition(ok.conditions, 'referent:nr_1.2').detail).toBe('Pilote : Nadia Benali.');
  });
});

describeWithSharedData('readiness on the real CAE and ECi trees with the bundled requirements', () => {
  const load = (path: string) => parseTeteCsv({ structure: { name: path, text: readFileSync(path, 'utf8') } });
  const cae = load(DATA.caeStructure);
  const eci = load(DATA.eciStructure);
  const leaves = (ref: Referential) => {
    const parents = new Set(ref.nodes.map((n) => n.parentId));
    return ref.nodes.filter((n) => !parents.has(n.id) && n.parentId !== null).map((n) => n.id);
  };
  const caeExigences = exigencesTete('cae')!;
  const eciExigences = exigencesTete('eci')!;

  it('every criterion and référent action exists in the real trees; référents sit under mesures 5.1.2 / 5.1.1 (CAE) and 1.1 (ECi)', () => {
    for (const [ref, ex] of [
      [cae, caeExigences],
      [eci, eciExigences],
    ] as const) {
      const ids = new Set(ref.nodes.map((n) => n.id));
      for (const c of ex.criteres) expect(ids.has(c.actionId), c.actionId).toBe(true);
      for (const r of ex.referents) expect(ids.has(r.actionId), r.actionId).toBe(true);
    }
    const s = score(cae, {});
    const r = readiness(cae, s, { documentsCandidature: [], pilotes: {}, exigences: caeExigences }, 1);
    expect(condition(r.conditions, 'referent:elu').where).toEqual({ nodeId: 'cae_5.1.2' });
    expect(condition(r.conditions, 'referent:technique').where).toEqual({ nodeId: 'cae_5.1.1' });
    const re = readiness(eci, score(eci, {}), { documentsCandidature: [], pilotes: {}, exigences: eciExigences }, 1);
    expect(condition(re.conditions, 'referent:elu').where).toEqual({ nodeId: 'eci_1.1' });
    expect(condition(re.conditions, 'referent:technique').where).toEqual({ nodeId: 'eci_1.1' });
  });

  it('CAE, nothing entered, ★1: 6 criteria unmet, complétude 0 of 1 059 + the 0-point leaves, score met', () => {
    const r = readiness(cae, score(cae, {}), { documentsCandidature: [], pilotes: {}, exigences: caeExigences }, 1);
    expect(r.conditions.map((c) => [c.id, c.met])).toEqual([
      ['completude', false],
      ['score', true],
      ['critere:cae_5.1.2.1.1', false],
      ['critere:cae_5.1.1.1.3', false],
      ['critere:cae_5.1.1.3.2', false],
      ['critere:cae_1.1.2', false],
      ['critere:cae_1.1.2.0.1', false],
      ['critere:cae_1.1.2.0.2', false],
      ['documents-candidature', false],
      ['referent:elu', false],
      ['referent:technique', false],
    ]);
    const completude = condition(r.conditions, 'completude');
    const total = score(cae, {}).root.totalTachesCount;
    expect(completude.detail).toBe(`Complétude 0,0${NNBSP}% : ${new Intl.NumberFormat('fr-FR').format(total)} éléments (tâches ou sous-actions) sans statut sur ${new Intl.NumberFormat('fr-FR').format(total)}, dans 61 mesures sur 61 ; le premier : 1.1.1.1.1 « ${cae.nodes.find((n) => n.id === 'cae_1.1.1.1.1')!.nom} ».`);
    expect(condition(r.conditions, 'documents-candidature').detail).toBe("Aucun document de candidature. Attendu pour 1 étoile : l'acte d'engagement signé.");
    // The platform's U+2E31 dot (« un⸱e ») is written U+00B7, which common fonts have.
    expect(cae.nodes.find((n) => n.id === 'cae_5.1.2.1.1')!.nom).toContain('un\u2e31e');
    expect(condition(r.conditions, 'critere:cae_5.1.2.1.1').label).toBe('Critère 5.1.2.1.1 : Identifier un\u00b7e élu\u00b7e référent\u00b7e');
    expect(condition(r.conditions, 'referent:elu').detail).toBe('Aucun pilote sur la mesure 5.1.2, qui porte 5.1.2.1.1 « Identifier un\u00b7e élu\u00b7e référent\u00b7e en charge de la politique climat-air-énergie ».');
  });

  it('CAE all fait: ★5 ready but for the document and the référents; PCAET programmé meets ★1, not ★2', () => {
    const all = allFait(leaves(cae));
    const r5 = readiness(cae, score(cae, all), { documentsCandidature: [], pilotes: {}, exigences: caeExigences }, 5);
    expect(r5.conditions.filter((c) => !c.met).map((c) => c.id)).toEqual(['documents-candidature', 'referent:elu', 'referent:technique']);
    expect(r5.conditions.map((c) => c.id)).toContain('critere:cae_1.1.1.1.1');
    expect(condition(r5.conditions, 'documents-candidature').detail).toBe('Aucun document de candidature. Attendu pour 5 étoiles : le dossier de demande de labellisation et ses annexes.');
    const ready = readiness(cae, score(cae, all), { documentsCandidature: [{ id: 'd', titre: 'Dossier' }], pilotes: { 'cae_5.1.2': ['Élu'], 'cae_5.1.1': ['Cheffe de projet'] }, exigences: caeExigences }, 5);
    expect(ready.met).toBe(true);

    const pcaet = score(cae, { ...all, 'cae_1.1.2.0.1': 'programme' });
    const ctx = { documentsCandidature: [], pilotes: {}, exigences: caeExigences };
    expect(condition(readiness(cae, pcaet, ctx, 1).conditions, 'critere:cae_1.1.2.0.1').met).toBe(true);
    expect(condition(readiness(cae, pcaet, ctx, 2).conditions, 'critere:cae_1.1.2.0.1')).toMatchObject({ met: false, detail: `0,0${NNBSP}% fait, il faut 100${NNBSP}% fait.` });
  });

  it('CAE: the élu criterion met through sous-action 5.1.2.1 fait; PCAET skipped when désactivé (a commune, §2.5)', () => {
    const ctx = { documentsCandidature: [], pilotes: {}, exigences: caeExigences };
    const viaParent = condition(readiness(cae, score(cae, { 'cae_5.1.2.1': 'fait' }), ctx, 1).conditions, 'critere:cae_5.1.2.1.1');
    expect(viaParent).toMatchObject({ met: true, where: { nodeId: 'cae_5.1.2.1' } });
    expect(viaParent.detail).toContain('statut saisi sur la sous-action 5.1.2.1');
    const off = condition(readiness(cae, score(cae, {}, { 'cae_1.1.2.0.1': { desactive: true } }), ctx, 2).conditions, 'critere:cae_1.1.2.0.1');
    expect(off).toMatchObject({ met: true, sansObjet: true });
  });

  it('CAE diagnostic 1.1.2 (10 pts) ≥ 20 %: sous-action 1.1.2.1 (2 pts) fait meets it exactly, 1.1.2.3 (1 pt) does not', () => {
    const ctx = { documentsCandidature: [], pilotes: {}, exigences: caeExigences };
    const exact = condition(readiness(cae, score(cae, { 'cae_1.1.2.1': 'fait' }), ctx, 1).conditions, 'critere:cae_1.1.2');
    expect(exact).toMatchObject({ met: true, detail: `20,0${NNBSP}% fait, il faut 20${NNBSP}% fait.`, where: { nodeId: 'cae_1.1.2' } });
    const half = condition(readiness(cae, score(cae, { 'cae_1.1.2.3': 'fait' }), ctx, 1).conditions, 'critere:cae_1.1.2');
    expect(half).toMatchObject({ met: false, detail: `10,0${NNBSP}% fait, il faut 20${NNBSP}% fait.`, action: `Faites avancer la mesure 1.1.2 jusqu'à 20${NNBSP}% fait : il manque 1 pt.` });
  });

  it('ECi: 0-point regulatory sous-actions (2.1.0 leaf, 4.1.0 with tâches) programmé meet ★1, not ★4', () => {
    const ctx = { documentsCandidature: [], pilotes: {}, exigences: eciExigences };
    const tasks = eci.nodes.filter((n) => n.parentId === 'eci_4.1.0').map((n) => n.id);
    expect(tasks).toHaveLength(2);
    const s = score(eci, { 'eci_2.1.0': 'programme', [tasks[0]!]: 'programme', [tasks[1]!]: 'programme' });
    const star1 = readiness(eci, s, ctx, 1).conditions;
    expect(condition(star1, 'critere:eci_2.1.0').met).toBe(true);
    expect(condition(star1, 'critere:eci_4.1.0')).toMatchObject({ met: true, detail: `0,0${NNBSP}% fait, 100,0${NNBSP}% programmé, il faut 100${NNBSP}% fait ou programmé.` });
    const star4 = readiness(eci, s, ctx, 4).conditions;
    expect(condition(star4, 'critere:eci_2.1.0').met).toBe(false);
    expect(condition(star4, 'critere:eci_4.1.0')).toMatchObject({ met: false, action: 'Passez 4.1.0 (ou toutes ses tâches) à « fait ».' });
    expect(star4.map((c) => c.id)).toContain('critere:eci_1.1.1.2');
    expect(condition(star4, 'documents-candidature').detail).toContain("le courrier d'acte de candidature et l'arrêté de création de l'EPCI");
  });
});

describe('readiness in English (issue 8 item 2: every message in the chosen language)', () => {
  const ref = toy();

  it('complétude, score and a criterion read in English, figures in English format; French is unchanged', () => {
    const s = score(ref, { 'toy_1.1.1.1': 'fait', 'toy_1.2.0.1': 'non_concerne' });
    const en = readiness(ref, s, context(), 1, 'en').conditions;
    const c = condition(en, 'completude');
    expect(c.label).toBe('Referential filled in at 100% (completeness)');
    expect(c.detail).toBe('Completeness 33.3%: 4 elements (tasks or sub-actions) without a status out of 6, in 2 measures out of 2; the first: 1.1.1.2 “Nœud 1.1.1.2”.');
    expect(c.action).toBe('Give every element a status (“not concerned” counts too), starting with 1.1.1.2.');
    expect(condition(en, 'score')).toMatchObject({ label: 'Score: no minimum for 1 étoile', detail: '10.0% done; 1 étoile requires no minimum score.' });
    expect(condition(en, 'critere:toy_1.1.1.1')).toMatchObject({ label: 'Criterion 1.1.1.1: Identifier un élu', detail: '100.0% done, 100% done needed.' });
    const fr = readiness(ref, s, context(), 1).conditions;
    expect(condition(fr, 'completude').label).toBe(`Référentiel renseigné à 100${NNBSP}% (complétude)`);
    expect(readiness(ref, s, context(), 1, 'fr')).toEqual(readiness(ref, s, context(), 1));
  });

  it('non renseigné, sans objet, score gap, documents and référents in English', () => {
    const vide = readiness(ref, score(ref, {}, { 'toy_1.2.0.1': { desactive: true } }), context(), 2, 'en').conditions;
    expect(condition(vide, 'critere:toy_1.1.1.1')).toMatchObject({ detail: 'Not filled in, 100% done needed.', action: 'Set 1.1.1.1 to “done”.' });
    expect(condition(vide, 'critere:toy_1.2.0.1')).toMatchObject({ sansObjet: true, detail: 'Not applicable: 1.2.0.1 is deactivated by the customisation.' });
    expect(condition(vide, 'score')).toMatchObject({
      label: 'Score of at least 35% done (2 étoiles)',
      detail: '0.0% done (0 / 100 pts), 35% needed: 35 pts missing.',
      action: 'Gain at least 35 pts more by setting sub-actions or tasks to “done”.',
    });
    expect(condition(vide, 'documents-candidature')).toMatchObject({
      label: 'At least one application document attached',
      detail: 'No application document. Expected for 2 étoiles: the application documents.',
      action: 'Attach the application documents in “Application documents”.',
    });
    const one = readiness(ref, score(ref, {}), context({ documentsCandidature: [{ id: 'p1', titre: 'Acte' }] }), 1, 'en').conditions;
    expect(condition(one, 'documents-candidature').detail).toBe('1 document: “Acte”. Expected for 1 étoile: the signed commitment deed.');
    expect(condition(vide, 'referent:elu')).toMatchObject({
      label: 'Elected referent named (lead of the measure 1.1)',
      detail: 'No lead on the measure 1.1, which holds 1.1.1.1 “Nœud 1.1.1.1”.',
      action: 'Open the measure 1.1 and tick, in “Leads”, the person who holds the role of elected referent.',
    });
    const named = readiness(ref, score(ref, {}), context({ pilotes: { 'toy_1.2.1': ['Julien Fabre'] } }), 1, 'en').conditions;
    expect(condition(named, 'referent:technique')).toMatchObject({ label: 'Technical referent named (lead of the measure 1.2)', detail: 'Lead: Julien Fabre (on 1.2.1).' });
  });
});
