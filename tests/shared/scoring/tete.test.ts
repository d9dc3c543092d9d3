/** The `tete` engine on the toy trees of tete-referentials.md §2.8 A (expected values from that table). */
import { describe, expect, it } from 'vitest';
import type { Detail, NodeScore, Referential, ReferentialNode, StatutRecord } from '../../../shared/domain';
import { reglesDuType, reglesOf } from '../../../shared/formula';
import { createTeteEngine, ratiosOf, teteEngine } from '../../../shared/scoring/tete';

// ---- The toy trees of §2.8 A, built by hand as Referentials (actionLevel 1). ----
const ETOILES = [
  { rang: 1, nom: '1 étoile', seuil: 0 },
  { rang: 2, nom: '2 étoiles', seuil: 0.35 },
  { rang: 3, nom: '3 étoiles', seuil: 0.5 },
  { rang: 4, nom: '4 étoiles', seuil: 0.65 },
  { rang: 5, nom: '5 étoiles', seuil: 0.75 },
];

/** A referential from `[identifiant, pointReferentiel]` pairs (natural order given by the caller). */
function handTree(id: string, root: number, rows: [string, number][], actionLevel = 1): Referential {
  const node = (identifiant: string, points: number, ordre: number): ReferentialNode => {
    const segments = identifiant === '' ? [] : identifiant.split('.');
    return {
      id: identifiant === '' ? id : `${id}_${identifiant}`,
      parentId: identifiant === '' ? null : segments.length === 1 ? id : `${id}_${segments.slice(0, -1).join('.')}`,
      identifiant,
      depth: segments.length,
      type: ['referentiel', 'action', 'sous-action', 'tache'][segments.length] ?? 'tache',
      nom: identifiant,
      description: null,
      contexte: null,
      exemples: null,
      ressources: null,
      perimetreEvaluation: null,
      reductionPotentiel: null,
      categorie: null,
      points: points,
      pourcentage: null,
      pointReferentiel: points,
      ordre,
      meta: {},
    };
  };
  const ordre = new Map<string, number>();
  const nodes = [node('', root, 0)];
  for (const [identifiant, points] of rows) {
    const parent = identifiant.split('.').slice(0, -1).join('.');
    const rank = ordre.get(parent) ?? 0;
    ordre.set(parent, rank + 1);
    nodes.push(node(identifiant, points, rank));
  }
  return {
    id,
    version: 'test',
    nom: 'Arbre jouet',
    model: 'tete',
    hierarchie: ['referentiel', 'action', 'sous-action', 'tache'],
    actionLevel,
    redistribution: true,
    niveaux: ETOILES,
    avertissement: null,
    nodes,
    preuvesAttendues: [],
  };
}

/** §2.8 A: eci 100 = eci_1 30 (1.1 = 10, 1.2 = 20) + eci_2 70 (2.0 = 0, 2.1 = 65, 2.2 = 5). */
function simpleTree(): Referential {
  return handTree('eci', 100, [
    ['1', 30],
    ['1.1', 10],
    ['1.2', 20],
    ['2', 70],
    ['2.0', 0],
    ['2.1', 65],
    ['2.2', 5],
  ]);
}

/** §2.8 A deeper variant: 2.1 has tâches 0 / 40 / 25, 2.2 has tâches 2 / 1.5 / 1.5. */
function deeperTree(): Referential {
  return handTree('eci', 100, [
    ['1', 30],
    ['1.1', 10],
    ['1.2', 20],
    ['2', 70],
    ['2.0', 0],
    ['2.1', 65],
    ['2.1.0', 0],
    ['2.1.1', 40],
    ['2.1.2', 25],
    ['2.2', 5],
    ['2.2.1', 2],
    ['2.2.2', 1.5],
    ['2.2.3', 1.5],
  ]);
}

/** Statuts by node id: `fait` | `programme` | `pas_fait` | `non_renseigne` | `non_concerne` | a detail triplet. */
function statuts(entries: Record<string, 'fait' | 'programme' | 'pas_fait' | 'non_renseigne' | 'non_concerne' | Detail>): Map<string, StatutRecord> {
  const map = new Map<string, StatutRecord>();
  for (const [nodeId, v] of Object.entries(entries)) {
    if (Array.isArray(v)) map.set(nodeId, { nodeId, avancement: 'detaille', detail: v, concerne: true });
    else if (v === 'non_concerne') map.set(nodeId, { nodeId, avancement: 'non_renseigne', detail: null, concerne: false });
    else map.set(nodeId, { nodeId, avancement: v, detail: null, concerne: true });
  }
  return map;
}

const score = (tree = simpleTree(), s = statuts({}), perso = {}) => teteEngine.compute(tree, s, perso);

describe('tete engine — §2.8 A toy tree (actionLevel 1)', () => {
  it('without statuts: root 100 pts, 5 leaves, all non renseigné', () => {
    const r = score();
    expect(r.root).toMatchObject({ pointPotentiel: 100, pointNonRenseigne: 100, totalTachesCount: 5, completedTachesCount: 0, score: 0, completude: 0 });
    expect(r.root.niveau?.rang).toBe(1);
    expect(r.nodes['eci_2.0']).toMatchObject({ pointPotentiel: 0, pointNonRenseigne: 0 });
  });

  it('1.1 fait', () => {
    const r = score(simpleTree(), statuts({ 'eci_1.1': 'fait' }));
    expect(r.nodes['eci_1.1']).toMatchObject({ pointFait: 10, pointPotentiel: 10 });
    expect(r.nodes['eci_1']).toMatchObject({ pointFait: 10, pointNonRenseigne: 20, pointPotentiel: 30, totalTachesCount: 2, completedTachesCount: 1 });
    expect(r.root).toMatchObject({ pointFait: 10, pointNonRenseigne: 90, pointPotentiel: 100, totalTachesCount: 5, score: 0.1, completude: 0.2 });
  });

  it('1.1 détaillé [0.2, 0.7, 0.1]', () => {
    const r = score(simpleTree(), statuts({ 'eci_1.1': [0.2, 0.7, 0.1] }));
    expect(r.nodes['eci_1.1']).toMatchObject({ pointFait: 2, pointProgramme: 7, pointPasFait: 1, faitTachesAvancement: 0.2, programmeTachesAvancement: 0.7 });
    expect(r.root).toMatchObject({ pointFait: 2, pointProgramme: 7, pointPasFait: 1, pointNonRenseigne: 90 });
  });

  it('1.1 non concerné: its 10 pts go to 1.2', () => {
    const r = score(simpleTree(), statuts({ 'eci_1.1': 'non_concerne' }));
    expect(r.nodes['eci_1.1']).toMatchObject({ pointPotentiel: 0, concerne: false, pointReferentiel: 10 });
    expect(r.nodes['eci_1.2']!.pointPotentiel).toBe(30);
    expect(r.nodes['eci_1']!.pointPotentiel).toBe(30);
    expect(r.root).toMatchObject({ pointPotentiel: 100, pointNonRenseigne: 100, completedTachesCount: 1 });
  });

  it('1.1 and 1.2 non concernés: eci_1 not concerned, root 70', () => {
    const r = score(simpleTree(), statuts({ 'eci_1.1': 'non_concerne', 'eci_1.2': 'non_concerne' }));
    expect(r.nodes['eci_1']).toMatchObject({ concerne: false, pointPotentiel: 0 });
    expect(r.root.pointPotentiel).toBe(70);
  });

  it('2.1 non concerné, 2.2 fait: 2.0 receives nothing, 2.2 gets 70', () => {
    const r = score(simpleTree(), statuts({ 'eci_2.1': 'non_concerne', 'eci_2.2': 'fait' }));
    expect(r.nodes['eci_2.0']!.pointPotentiel).toBe(0);
    expect(r.nodes['eci_2.2']).toMatchObject({ pointPotentiel: 70, pointFait: 70 });
    expect(r.nodes['eci_2']).toMatchObject({ pointPotentiel: 70, pointFait: 70 });
    expect(r.root).toMatchObject({ pointFait: 70, pointPotentiel: 100, score: 0.7 });
    expect(r.root.niveau?.rang).toBe(4);
  });

  it('deactivation rule on eci_1, 2.2 fait: not redistributed above the mesure', () => {
    const r = score(simpleTree(), statuts({ 'eci_2.2': 'fait' }), { eci_1: { desactive: true } });
    for (const id of ['eci_1', 'eci_1.1', 'eci_1.2']) expect(r.nodes[id]).toMatchObject({ pointPotentiel: 0, desactive: true, concerne: false });
    expect(r.root).toMatchObject({ pointPotentiel: 70, pointFait: 5 });
  });

  it('reduction 0.2 on eci_1, 1.1 fait', () => {
    const r = score(simpleTree(), statuts({ 'eci_1.1': 'fait' }), { eci_1: { potentielPerso: 0.2 } });
    expect(r.nodes['eci_1.1']).toMatchObject({ pointPotentiel: 2, pointFait: 2, pointPotentielPerso: null });
    expect(r.nodes['eci_1.2']!.pointPotentiel).toBe(4);
    expect(r.nodes['eci_1']).toMatchObject({ pointPotentiel: 6, pointPotentielPerso: 6 });
    expect(r.root).toMatchObject({ pointPotentiel: 76, pointFait: 2 });
  });

  it('reduction 1.2 on eci_1, 1.1 fait', () => {
    const r = score(simpleTree(), statuts({ 'eci_1.1': 'fait' }), { eci_1: { potentielPerso: 1.2 } });
    expect(r.nodes['eci_1']).toMatchObject({ pointPotentiel: 36, pointFait: 12 });
    expect(r.root.pointPotentiel).toBe(106);
  });

  it('score rule min(score(eci_1), score(eci_2)) with 1.1, 1.2, 2.2 fait (step 6, formula language of §2.6)', () => {
    const s = statuts({ 'eci_1.1': 'fait', 'eci_1.2': 'fait', 'eci_2.2': 'fait' });
    const perso = { eci_1: { scoreFormule: 'min(score(eci_1), score(eci_2))' } };
    const r = teteEngine.compute(simpleTree(), s, perso);
    // eci_2 = 5/70, so eci_1 fait = 30 × 5/70 = 2.143 (1.1 → 0.714, 1.2 → 1.429); root 2.143 + 5 = 7.143.
    expect(r.nodes['eci_1']!.pointFait).toBe(2.143);
    expect(r.nodes['eci_1.1']!.pointFait).toBe(0.714);
    expect(r.nodes['eci_1.2']!.pointFait).toBe(1.429);
    expect(r.root.pointFait).toBe(7.143);
    // Only pointFait changes: eci_1's programmé / pas fait / non renseigné stay 0 and its potentiel 30.
    expect(r.nodes['eci_1']).toMatchObject({ pointPotentiel: 30, pointProgramme: 0, pointNonRenseigne: 0 });
    // Without the rule eci_1 keeps its 30 points done.
    expect(teteEngine.compute(simpleTree(), s).nodes['eci_1']!.pointFait).toBe(30);
  });

  it('the same score rule carried by the referential (meta regle.score) applies without any personnalisation', () => {
    const tree = simpleTree();
    tree.nodes.find((n) => n.id === 'eci_1')!.meta['regle.score'] = 'min(score(eci_1), score(eci_2))';
    const s = statuts({ 'eci_1.1': 'fait', 'eci_1.2': 'fait', 'eci_2.2': 'fait' });
    expect(teteEngine.compute(tree, s).root.pointFait).toBe(7.143);
    expect(createTeteEngine({ scoreReglesDuReferentiel: false }).compute(tree, s).root.pointFait).toBe(35);
    // The caller's scoreFormule wins on the same node: max(…) leaves eci_1 at 30.
    expect(teteEngine.compute(tree, s, { eci_1: { scoreFormule: 'max(score(eci_1), score(eci_2))' } }).root.pointFait).toBe(35);
  });

  it('a score rule giving null, a boolean, or on a node with nothing done changes nothing', () => {
    const s = statuts({ 'eci_1.1': 'fait', 'eci_2.2': 'fait' });
    for (const scoreFormule of ['si score(eci_2) > 0.5 alors 0', 'score(eci_2) > 0', 'min(score(eci_9), 0.1)']) {
      expect(teteEngine.compute(simpleTree(), s, { eci_1: { scoreFormule } }).root.pointFait, scoreFormule).toBe(15);
    }
    // eci_1 at 0 % done: no factor can be computed (ratio 0), fait stays 0 even if the rule says 0.5.
    expect(teteEngine.compute(simpleTree(), statuts({ 'eci_2.2': 'fait' }), { eci_1: { scoreFormule: '0.5' } }).root.pointFait).toBe(5);
  });

  it('nested score rules: the nearest factor wins; a null inner rule inherits the outer factor', () => {
    const s = statuts({ 'eci_1.1': 'fait', 'eci_1.2': 'fait', 'eci_2.2': 'fait' });
    // Root 35 / 100 → 0.1: factor 0.1 / 0.35 = 2/7. eci_1 (30 / 30) → 0.5: its own factor 0.5 wins under it.
    const r = teteEngine.compute(simpleTree(), s, { eci: { scoreFormule: '0.1' }, eci_1: { scoreFormule: '0.5' } });
    expect([r.nodes['eci_1']!.pointFait, r.nodes['eci_1.1']!.pointFait, r.nodes['eci_1.2']!.pointFait]).toEqual([15, 5, 10]);
    expect([r.nodes['eci_2']!.pointFait, r.nodes['eci_2.2']!.pointFait]).toEqual([1.429, 1.429]); // 5 × 2/7
    expect(r.root.pointFait).toBe(16.429);
    const inherit = teteEngine.compute(simpleTree(), s, { eci: { scoreFormule: '0.1' }, eci_1: { scoreFormule: 'si FAUX alors 1' } });
    expect([inherit.nodes['eci_1']!.pointFait, inherit.nodes['eci_1.2']!.pointFait]).toEqual([8.571, 5.714]); // 30 × 2/7, 20 × 2/7
    expect(inherit.root.pointFait).toBe(10);
  });

  it("a referential's bad réduction formula fails reglesOf, not the score; a bad score formula fails the score", () => {
    const tree = simpleTree();
    tree.nodes.find((n) => n.id === 'eci_2')!.meta['regle.reduction'] = 'si reponse(dechets_1, NON) 0.5';
    expect(() => reglesOf(tree)).toThrow('Formule de eci_2 (réduction), colonne 28 : « alors » attendu');
    expect(teteEngine.compute(tree, statuts({ 'eci_2.2': 'fait' })).root.pointFait).toBe(5);
    tree.nodes.find((n) => n.id === 'eci_1')!.meta['regle.score'] = 'min(score(eci_1), score(eci_7))';
    const fresh = { ...tree }; // a new Referential object: its rules are parsed again
    expect(() => teteEngine.compute(fresh, statuts({}))).toThrow('Formule de eci_1 (score), colonne 19 : nœud « eci_7 » inconnu dans ce référentiel');
    expect(reglesDuType(tree, 'score')).toBe(reglesDuType(tree, 'score'));
  });

  it('a caller scoreFormule that does not parse is a FormulaError naming the node', () => {
    expect(() => teteEngine.compute(simpleTree(), statuts({}), { eci_1: { scoreFormule: 'min(score(eci_1) score(eci_2))' } })).toThrow(
      'Formule de eci_1 (score), colonne 18 : « , » ou « ) » attendu',
    );
  });

  it('ignores statuts and personnalisation on unknown node ids', () => {
    const r = score(simpleTree(), statuts({ eci_9: 'fait' }), { eci_8: { desactive: true } });
    expect(r.root).toMatchObject({ pointPotentiel: 100, pointFait: 0 });
  });

  it('a stored detaille without triplet scores [0.5, 0.25, 0.25]', () => {
    const s = new Map([['eci_1.2', { nodeId: 'eci_1.2', avancement: 'detaille' as const, detail: null, concerne: true }]]);
    expect(score(simpleTree(), s).nodes['eci_1.2']).toMatchObject({ pointFait: 10, pointProgramme: 5, pointPasFait: 5 });
  });

  it('trusts the avancement over an inconsistent triplet', () => {
    const s = new Map([['eci_1.2', { nodeId: 'eci_1.2', avancement: 'fait' as const, detail: [0.2, 0.5, 0.3] as [number, number, number], concerne: true }]]);
    expect(score(simpleTree(), s).nodes['eci_1.2']).toMatchObject({ pointFait: 20, pointProgramme: 0, pointPasFait: 0 });
  });
});

describe('tete engine — §2.8 A deeper variant', () => {
  it('all tâches of 2.2 non concernées: 2.2 out, 2.1 gets 70, spread over its tâches', () => {
    const r = score(deeperTree(), statuts({ 'eci_2.2.1': 'non_concerne', 'eci_2.2.2': 'non_concerne', 'eci_2.2.3': 'non_concerne' }));
    expect(r.nodes['eci_2.2']).toMatchObject({ concerne: false, pointPotentiel: 0, totalTachesCount: 3, completedTachesCount: 3, pasConcerneTachesAvancement: 3, statut: 'non_concerne' });
    expect(r.nodes['eci_2.1']!.pointPotentiel).toBe(70);
    expect(r.nodes['eci_2.1.1']!.pointPotentiel).toBe(43.077);
    expect(r.nodes['eci_2.1.2']!.pointPotentiel).toBe(26.923);
    expect(r.nodes['eci_2.1.0']!.pointPotentiel).toBe(0);
    expect(r.nodes['eci_2']!.pointPotentiel).toBe(70);
  });

  it('2.1 fait and tâche 2.1.1 détaillée: the sous-action wins', () => {
    const r = score(deeperTree(), statuts({ 'eci_2.1': 'fait', 'eci_2.1.1': [0.8, 0.2, 0] }));
    expect(r.nodes['eci_2.1']).toMatchObject({ pointFait: 65, pointPotentiel: 65, pointProgramme: 0, completedTachesCount: 3, totalTachesCount: 3, statut: 'fait' });
    expect(r.nodes['eci_2.1.1']!.statut).toBe('non_renseignable');
    expect(r.nodes['eci_2.1.2']!.statut).toBe('non_renseignable');
  });

  it('2.1 non renseigné and tâche 2.1.1 détaillée [0.8, 0.2, 0]: détaillé à la tâche', () => {
    const r = score(deeperTree(), statuts({ 'eci_2.1': 'non_renseigne', 'eci_2.1.1': [0.8, 0.2, 0] }));
    expect(r.nodes['eci_2.1']).toMatchObject({ pointFait: 32, pointProgramme: 8, pointNonRenseigne: 25, completedTachesCount: 1, totalTachesCount: 3, statut: 'detaille_a_la_tache', renseigne: false });
    expect(r.nodes['eci_2.1.1']!.statut).toBe('detaille');
    expect(r.nodes['eci_2.1.2']!.statut).toBeNull();
    expect(r.nodes['eci_2']!.statut).toBeNull(); // mesure level: always computed, no display statut
  });
});

describe('tete engine — root niveau and ratios', () => {
  it('a score exactly at a seuil reaches it; 0.001 point below does not', () => {
    expect(score(simpleTree(), statuts({ 'eci_2.1': [35 / 65, 30 / 65, 0] })).root).toMatchObject({ pointFait: 35, score: 0.35, niveau: { rang: 2, nom: '2 étoiles', seuil: 0.35 } });
    const below = score(simpleTree(), statuts({ 'eci_2.1': [34.999 / 65, 30.001 / 65, 0] })).root;
    expect(below.pointFait).toBe(34.999);
    expect(below.niveau?.rang).toBe(1);
    expect(score(simpleTree(), statuts({ 'eci_2.1': 'fait', 'eci_1.1': 'fait' })).root.niveau?.rang).toBe(5);
  });

  it('potentiel 0 gives score null and no niveau, never NaN', () => {
    const r = score(simpleTree(), statuts({ eci_1: 'non_concerne', eci_2: 'non_concerne' }));
    expect(r.root).toMatchObject({ pointPotentiel: 0, score: null, niveau: null, concerne: false });
    expect(Number.isNaN(r.root.completude)).toBe(false);
  });

  it('ratiosOf: points when potentiel > 0, leaf counts for a 0-point node', () => {
    const r = score(simpleTree(), statuts({ 'eci_1.1': 'fait', 'eci_2.0': 'programme' }));
    expect(ratiosOf(r.nodes['eci_1']!)).toEqual({ fait: 1 / 3, programme: 0, pasFait: 0, nonRenseigne: 2 / 3 });
    expect(ratiosOf(r.nodes['eci_2.0']!)).toEqual({ fait: 0, programme: 1, pasFait: 0, nonRenseigne: 0 });
    const empty = { pointPotentiel: 0, totalTachesCount: 0 } as NodeScore;
    expect(ratiosOf(empty)).toEqual({ fait: 0, programme: 0, pasFait: 0, nonRenseigne: 0 });
  });
});
