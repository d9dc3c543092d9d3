import { describe, expect, it } from 'vitest';
import { loadBuiltinLabelNr } from '../../../electron/core/referential/builtin';
import type { Avancement, Detail, NodeScore, Referential, ReferentialNode, ScoreResult, StatutRecord } from '../../../shared/domain';
import { niveauAtteint, pointsEngine, splitMilli } from '../../../shared/scoring/points';

/** A points grid: `leaves` maps critère identifiant (`1.1`) → points; thèmes are derived. */
function grid(leaves: Record<string, number>, niveaux = [{ rang: 1, nom: 'Niveau 1', seuil: 0.3 }, { rang: 2, nom: 'Niveau 2', seuil: 0.5 }]): Referential {
  const node = (identifiant: string, parentId: string | null, pointReferentiel: number): ReferentialNode => ({
    id: identifiant === '' ? 'nr' : `nr_${identifiant}`, parentId, identifiant, depth: identifiant === '' ? 0 : identifiant.split('.').length,
    type: ['referentiel', 'theme', 'critere'][identifiant === '' ? 0 : identifiant.split('.').length] ?? 'critere', nom: identifiant,
    description: null, contexte: null, exemples: null, ressources: null, perimetreEvaluation: null, reductionPotentiel: null, categorie: null,
    points: pointReferentiel, pourcentage: null, pointReferentiel, ordre: 0, meta: {},
  });
  const themes = [...new Set(Object.keys(leaves).map((k) => k.split('.')[0] ?? ''))];
  const total = Object.values(leaves).reduce((a, b) => a + b, 0);
  const nodes = [node('', null, total)];
  for (const t of themes) {
    const kids = Object.entries(leaves).filter(([k]) => k.startsWith(`${t}.`));
    nodes.push(node(t, 'nr', kids.reduce((s, [, p]) => s + p, 0)), ...kids.map(([k, p]) => node(k, `nr_${t}`, p)));
  }
  return { id: 'nr', version: 't', nom: 'NR', model: 'points', hierarchie: ['referentiel', 'theme', 'critere'], actionLevel: 2, redistribution: false,
    niveaux, avertissement: null, nodes, preuvesAttendues: [] };
}
const rec = (nodeId: string, avancement: Avancement, detail: Detail | null = null, concerne = true): StatutRecord => ({ nodeId, avancement, detail, concerne });
const statuts = (...records: StatutRecord[]) => new Map(records.map((r) => [r.nodeId, r]));
const nonConcerne = (nodeId: string) => rec(nodeId, 'non_renseigne', null, false);

/** Every number of the result is finite (no NaN, no Infinity). */
function expectNoNaN(result: ScoreResult): void {
  for (const s of [result.root, ...Object.values(result.nodes)]) {
    for (const [k, v] of Object.entries(s)) if (typeof v === 'number') expect(Number.isFinite(v), k).toBe(true);
  }
}
/** Each parent's point fields equal the sum of its children's, exactly. */
function expectParentsSum(ref: Referential, result: ScoreResult): void {
  const fields = ['pointPotentiel', 'pointFait', 'pointProgramme', 'pointPasFait', 'pointNonRenseigne', 'totalTachesCount', 'completedTachesCount'] as const;
  for (const parent of ref.nodes.filter((n) => ref.nodes.some((c) => c.parentId === n.id))) {
    const score: NodeScore = parent.parentId === null ? result.root : result.nodes[parent.id]!;
    const kids = ref.nodes.filter((c) => c.parentId === parent.id).map((c) => result.nodes[c.id]!);
    for (const f of fields) expect(score[f], `${parent.id}.${f}`).toBe(Math.round(kids.reduce((s, k) => s + k[f], 0) * 1000) / 1000);
  }
}

const REF = grid({ '1.1': 40, '1.2': 20, '2.1': 30, '2.2': 10 });

describe('pointsEngine', () => {
  it('with no statut: everything non renseigné, score 0, no niveau, complétude 0', () => {
    const r = pointsEngine.compute(REF, new Map());
    expect(r.referential).toEqual({ id: 'nr', version: 't' });
    expect(r.root).toMatchObject({ pointReferentiel: 100, pointPotentiel: 100, pointFait: 0, pointNonRenseigne: 100, score: 0, niveau: null, completude: 0,
      totalTachesCount: 4, completedTachesCount: 0, renseigne: false, concerne: true, statut: null });
    expect(r.nodes['nr_1.1']).toMatchObject({ statut: null, renseigne: false, pointNonRenseigne: 40 });
    expect(Object.keys(r.nodes).sort()).toEqual(['nr_1', 'nr_1.1', 'nr_1.2', 'nr_2', 'nr_2.1', 'nr_2.2']);
  });

  it('scores fait, programmé, détaillé and non concerné (hand-computed: 55 / 90)', () => {
    const r = pointsEngine.compute(REF, statuts(rec('nr_1.1', 'fait'), rec('nr_1.2', 'programme'), rec('nr_2.1', 'detaille', [0.5, 0.3, 0.2]), nonConcerne('nr_2.2')));
    expect(r.nodes['nr_2.1']).toEqual({
      pointReferentiel: 30, pointPotentiel: 30, pointPotentielPerso: null, pointFait: 15, pointProgramme: 9, pointPasFait: 6, pointNonRenseigne: 0,
      totalTachesCount: 1, completedTachesCount: 1, faitTachesAvancement: 0.5, programmeTachesAvancement: 0.3, pasFaitTachesAvancement: 0.2,
      pasConcerneTachesAvancement: 0, concerne: true, desactive: false, renseigne: true, statut: 'detaille',
    });
    expect(r.nodes['nr_2.2']).toMatchObject({ pointReferentiel: 10, pointPotentiel: 0, pointFait: 0, pointNonRenseigne: 0, concerne: false,
      completedTachesCount: 1, pasConcerneTachesAvancement: 1, statut: 'non_concerne', renseigne: true });
    expect(r.nodes.nr_2).toMatchObject({ pointReferentiel: 40, pointPotentiel: 30, pointFait: 15, concerne: true, statut: null, pasConcerneTachesAvancement: 1 });
    expect(r.root).toMatchObject({ pointReferentiel: 100, pointPotentiel: 90, pointFait: 55, pointProgramme: 29, pointPasFait: 6, pointNonRenseigne: 0,
      completedTachesCount: 4, completude: 1, renseigne: true, faitTachesAvancement: 1.5, programmeTachesAvancement: 1.3, pasFaitTachesAvancement: 0.2 });
    expect(r.root.score).toBeCloseTo(55 / 90, 12);
    expect(r.root.niveau).toEqual({ rang: 2, nom: 'Niveau 2', seuil: 0.5 });
    expectParentsSum(REF, r);
    expectNoNaN(r);
  });

  it('reaches Niveau 1 at exactly 300 / 1 000, not at 299', () => {
    const at = pointsEngine.compute(grid({ '1.1': 300, '1.2': 700 }), statuts(rec('nr_1.1', 'fait')));
    expect(at.root.score).toBe(0.3);
    expect(at.root.niveau).toEqual({ rang: 1, nom: 'Niveau 1', seuil: 0.3 });
    const below = pointsEngine.compute(grid({ '1.1': 299, '1.2': 701 }), statuts(rec('nr_1.1', 'fait')));
    expect(below.root.score).toBe(0.299);
    expect(below.root.niveau).toBeNull();
    const justBelow = pointsEngine.compute(grid({ '1.1': 1000 }), statuts(rec('nr_1.1', 'detaille', [0.2999, 0.7001, 0])));
    expect(justBelow.root.pointFait).toBe(299.9);
    expect(justBelow.root.niveau).toBeNull();
    const level2 = pointsEngine.compute(grid({ '1.1': 500, '1.2': 500 }), statuts(rec('nr_1.1', 'fait')));
    expect(level2.root.niveau?.nom).toBe('Niveau 2');
  });

  it('takes a non concerné critère out of the potentiel (150 fait of 500 concerned points = 0.3, Niveau 1)', () => {
    const r = pointsEngine.compute(grid({ '1.1': 150, '1.2': 350, '2.1': 500 }), statuts(rec('nr_1.1', 'fait'), nonConcerne('nr_2.1')));
    expect(r.root).toMatchObject({ pointPotentiel: 500, pointFait: 150, pointNonRenseigne: 350, score: 0.3, completude: 2 / 3 });
    expect(r.root.niveau?.rang).toBe(1);
    expect(r.nodes.nr_2).toMatchObject({ concerne: false, pointPotentiel: 0 });
  });

  it('gives score null, no niveau and no NaN when everything is non concerné', () => {
    const r = pointsEngine.compute(REF, statuts(...['nr_1.1', 'nr_1.2', 'nr_2.1', 'nr_2.2'].map(nonConcerne)));
    expect(r.root).toMatchObject({ pointPotentiel: 0, pointFait: 0, score: null, niveau: null, completude: 1, concerne: false });
    expectNoNaN(r);
  });

  it('splits a détaillé exactly to 0.001 point, falls back to 50/25/25 without a triplet', () => {
    const r = pointsEngine.compute(grid({ '1.1': 10, '1.2': 7 }), statuts(rec('nr_1.1', 'detaille', [1 / 3, 1 / 3, 1 / 3]), rec('nr_1.2', 'detaille', null)));
    expect(r.nodes['nr_1.1']).toMatchObject({ pointFait: 3.334, pointProgramme: 3.333, pointPasFait: 3.333 });
    expect(r.nodes['nr_1.2']).toMatchObject({ pointFait: 3.5, pointProgramme: 1.75, pointPasFait: 1.75 });
    expect(splitMilli(1000, [0.7, 0.2, 0.1])).toEqual([700, 200, 100]);
    expect(splitMilli(5, [-1, 0, 0])).toEqual([3, 1, 1]);
  });

  it('ignores unknown node ids and statuts stored on thèmes', () => {
    const r = pointsEngine.compute(REF, statuts(rec('nr_9.9', 'fait'), rec('nr_1', 'fait')));
    expect(r.root.pointFait).toBe(0);
    expect(r.nodes['nr_9.9']).toBeUndefined();
  });

  it('applies personnalisation: a désactivé thème leaves the potentiel, a factor scales a critère', () => {
    const r = pointsEngine.compute(REF, statuts(rec('nr_1.1', 'fait')), { nr_2: { desactive: true }, 'nr_1.1': { potentielPerso: 0.5 } });
    expect(r.nodes['nr_1.1']).toMatchObject({ pointPotentiel: 20, pointPotentielPerso: 20, pointFait: 20 });
    expect(r.nodes['nr_2.2']).toMatchObject({ desactive: true, concerne: false, statut: 'non_concerne', pointPotentiel: 0 });
    expect(r.root).toMatchObject({ pointPotentiel: 40, pointFait: 20, score: 0.5 });
  });

  it('niveauAtteint keeps the highest reached seuil and never a null score', () => {
    const niveaux = [{ rang: 1, nom: 'N1', seuil: 0.3 }, { rang: 2, nom: 'N2', seuil: 0.5 }];
    expect(niveauAtteint(niveaux, 0.5)?.rang).toBe(2);
    expect(niveauAtteint(niveaux, 0.4999)?.rang).toBe(1);
    expect(niveauAtteint(niveaux, null)).toBeNull();
    expect(niveauAtteint([], 1)).toBeNull();
  });
});

describe('pointsEngine on the built-in Label NR grid', () => {
  const ref = loadBuiltinLabelNr();
  const critereIds = (theme: string) => ref.nodes.filter((n) => n.parentId === `label-nr_${theme}`).map((n) => n.id);

  it('thèmes 1 and 5 fait = 400 points sur 1 000: Niveau 1', () => {
    const r = pointsEngine.compute(ref, statuts(...[...critereIds('1'), ...critereIds('5')].map((id) => rec(id, 'fait'))));
    expect(r.root).toMatchObject({ pointReferentiel: 1000, pointPotentiel: 1000, pointFait: 400, pointNonRenseigne: 600, score: 0.4, completude: 16 / 40 });
    expect(r.root.niveau?.nom).toBe('Niveau 1');
    expect(r.nodes['label-nr_1']).toMatchObject({ pointFait: 250, renseigne: true });
    expectParentsSum(ref, r);
  });

  it('everything fait: 1 000 points, Niveau 2, complete', () => {
    const r = pointsEngine.compute(ref, statuts(...ref.nodes.filter((n) => n.depth === 2).map((n) => rec(n.id, 'fait'))));
    expect(r.root).toMatchObject({ pointFait: 1000, score: 1, completude: 1, niveau: { rang: 2, nom: 'Niveau 2', seuil: 0.5 } });
  });
});
