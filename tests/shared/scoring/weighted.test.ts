import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRgesnJson } from '../../../electron/core/referential/rgesn-json';
import type { Avancement, Referential, ReferentialNode, ScoreResult, StatutRecord } from '../../../shared/domain';
import { weightedEngine } from '../../../shared/scoring/weighted';
import { ratioFait } from '../../../shared/scoring/ratios';
import { formatPercent } from '../../../electron/cli/format';
import { DATA, describeWithSharedData } from '../../helpers/shared-data';

/** An RGESN-like tree: critère identifiant → weight. */
function rgesn(weights: Record<string, number>): Referential {
  const node = (identifiant: string, parentId: string | null, pointReferentiel: number): ReferentialNode => ({
    id: identifiant === '' ? 'rg' : `rg_${identifiant}`, parentId, identifiant, depth: identifiant === '' ? 0 : identifiant.split('.').length,
    type: identifiant === '' ? 'referentiel' : identifiant.includes('.') ? 'critere' : 'thematique', nom: identifiant,
    description: null, contexte: null, exemples: null, ressources: null, perimetreEvaluation: null, reductionPotentiel: null, categorie: null,
    points: null, pourcentage: null, pointReferentiel, ordre: 0, meta: {},
  });
  const themes = [...new Set(Object.keys(weights).map((k) => k.split('.')[0] ?? ''))];
  const nodes = [node('', null, Object.values(weights).reduce((a, b) => a + b, 0))];
  for (const t of themes) {
    const kids = Object.entries(weights).filter(([k]) => k.startsWith(`${t}.`));
    nodes.push(node(t, 'rg', kids.reduce((s, [, w]) => s + w, 0)), ...kids.map(([k, w]) => node(k, `rg_${t}`, w)));
  }
  return { id: 'rg', version: '2024', nom: 'RGESN', model: 'weighted', hierarchie: ['referentiel', 'thematique', 'critere'], actionLevel: 2,
    redistribution: false, niveaux: [], avertissement: null, nodes, preuvesAttendues: [] };
}
const conforme = (nodeId: string): StatutRecord => ({ nodeId, avancement: 'fait', detail: null, concerne: true });
const nonConforme = (nodeId: string): StatutRecord => ({ nodeId, avancement: 'pas_fait', detail: null, concerne: true });
const nonApplicable = (nodeId: string): StatutRecord => ({ nodeId, avancement: 'non_renseigne', detail: null, concerne: false });
const record = (nodeId: string, avancement: Avancement): StatutRecord => ({ nodeId, avancement, detail: null, concerne: true });
const statuts = (...records: StatutRecord[]) => new Map(records.map((r) => [r.nodeId, r]));
function expectNoNaN(result: ScoreResult): void {
  for (const s of [result.root, ...Object.values(result.nodes)]) {
    for (const [k, v] of Object.entries(s)) if (typeof v === 'number') expect(Number.isFinite(v), k).toBe(true);
  }
}

// 1.1 and 1.2 Prioritaires, 1.3 Recommandé, 2.1 Modéré, 2.2 Prioritaire.
const REF = rgesn({ '1.1': 1.5, '1.2': 1.5, '1.3': 1.25, '2.1': 1, '2.2': 1.5 });

describe('weightedEngine', () => {
  it('2 Prioritaires conformes, 1 Recommandé non conforme, 1 Modéré non applicable, 1 non évalué → 3 / (3 + 1.25)', () => {
    const r = weightedEngine.compute(REF, statuts(conforme('rg_1.1'), conforme('rg_1.2'), nonConforme('rg_1.3'), nonApplicable('rg_2.1')));
    expect(r.root.score).toBeCloseTo(0.70588235294, 10);
    expect(r.root.score).toBe(3 / 4.25);
    expect(r.root).toMatchObject({ pointReferentiel: 6.75, pointPotentiel: 5.75, pointFait: 3, pointPasFait: 1.25, pointNonRenseigne: 1.5, pointProgramme: 0,
      totalTachesCount: 5, completedTachesCount: 4, completude: 0.8, niveau: null, renseigne: false });
    expect(r.nodes['rg_1.1']).toMatchObject({ statut: 'conforme', pointFait: 1.5, pointPotentiel: 1.5 });
    expect(r.nodes['rg_1.3']).toMatchObject({ statut: 'non_conforme', pointPasFait: 1.25 });
    expect(r.nodes['rg_2.1']).toMatchObject({ statut: 'non_applicable', concerne: false, pointPotentiel: 0, pointReferentiel: 1 });
    expect(r.nodes['rg_2.2']).toMatchObject({ statut: null, pointNonRenseigne: 1.5, renseigne: false });
    expect(r.nodes.rg_1).toMatchObject({ pointPotentiel: 4.25, pointFait: 3, pointPasFait: 1.25, statut: null, renseigne: true });
    expect(r.nodes.rg_2).toMatchObject({ pointPotentiel: 1.5, pointNonRenseigne: 1.5, concerne: true });
    expectNoNaN(r);
  });

  it('a stored non_renseigne counts as non évalué, like no record', () => {
    const r = weightedEngine.compute(REF, statuts(conforme('rg_1.1'), record('rg_1.2', 'non_renseigne')));
    expect(r.root).toMatchObject({ score: 1, completedTachesCount: 1, completude: 0.2 });
  });

  it('nothing évalué → score null (not computable), complétude 0', () => {
    const r = weightedEngine.compute(REF, new Map());
    expect(r.root).toMatchObject({ score: null, completude: 0, pointPotentiel: 6.75, pointNonRenseigne: 6.75 });
    expectNoNaN(r);
  });

  it('everything non applicable → potentiel 0, score null, complétude 1, no NaN', () => {
    const r = weightedEngine.compute(REF, statuts(...['rg_1.1', 'rg_1.2', 'rg_1.3', 'rg_2.1', 'rg_2.2'].map(nonApplicable)));
    expect(r.root).toMatchObject({ score: null, completude: 1, pointPotentiel: 0, concerne: false, niveau: null });
    expectNoNaN(r);
  });

  it('all non conformes → score 0', () => {
    const r = weightedEngine.compute(REF, statuts(...['rg_1.1', 'rg_1.2', 'rg_1.3', 'rg_2.1', 'rg_2.2'].map(nonConforme)));
    expect(r.root).toMatchObject({ score: 0, pointPasFait: 6.75, completude: 1 });
  });
});

describeWithSharedData('weightedEngine on the real RGESN 2024', () => {
  const ref = parseRgesnJson({ name: 'referentiel-ecoconception.json', text: readFileSync(DATA.rgesn, 'utf8') });
  const criteres = ref.nodes.filter((n) => n.depth === 2);

  it('Stratégie conforme (13.5), everything else non conforme → 13.5 / 100.25', () => {
    const r = weightedEngine.compute(ref, statuts(...criteres.map((c) => (c.parentId === 'rgesn_1' ? conforme(c.id) : nonConforme(c.id)))));
    expect(r.root).toMatchObject({ pointFait: 13.5, pointPasFait: 86.75, pointPotentiel: 100.25, completude: 1 });
    expect(r.root.score).toBe(13.5 / 100.25);
  });

  it('Algorithmie non applicable (10.25), everything else conforme → score 1 on a potentiel of 90', () => {
    const r = weightedEngine.compute(ref, statuts(...criteres.map((c) => (c.parentId === 'rgesn_9' ? nonApplicable(c.id) : conforme(c.id)))));
    expect(r.nodes.rgesn_9).toMatchObject({ pointReferentiel: 10.25, pointPotentiel: 0, concerne: false });
    expect(r.root).toMatchObject({ score: 1, pointPotentiel: 90, pointFait: 90 });
  });
});

describe('weightedEngine checked by hand (DOMAIN.md: Σ weights conformes ÷ Σ weights applicables évalués)', () => {
  // Thématique 1: 1.1 Prioritaire (1.5) conforme, 1.2 Recommandé (1.25) non conforme, 1.3 Modéré (1) conforme,
  //               1.4 Prioritaire (1.5) non applicable.
  // Thématique 2: 2.1 Recommandé (1.25) non évalué, 2.2 Modéré (1) non conforme, 2.3 Prioritaire (1.5) conforme.
  // Conformes: 1.5 + 1 + 1.5 = 4; non conformes: 1.25 + 1 = 2.25; évalués: 6.25 → 4 / 6.25 = 0.64 (64,0 %).
  // Unweighted it would be 3 / 5 = 60 %: the weights matter.
  // Potentiel = 9 (total) − 1.5 (non applicable) = 7.5 = 4 + 2.25 + 1.25 (non évalué).
  // Thématique 1: 2.5 / 3.75 = 66,66… %; thématique 2: 1.5 / 2.5 = 60 %.
  // Complétude: 5 évalués + 1 non applicable = 6 of 7 critères.
  const HAND = rgesn({ '1.1': 1.5, '1.2': 1.25, '1.3': 1, '1.4': 1.5, '2.1': 1.25, '2.2': 1, '2.3': 1.5 });
  const r = weightedEngine.compute(HAND, statuts(conforme('rg_1.1'), nonConforme('rg_1.2'), conforme('rg_1.3'), nonApplicable('rg_1.4'),
    record('rg_2.1', 'non_renseigne'), nonConforme('rg_2.2'), conforme('rg_2.3')));

  it('root: 4 / 6.25 = 64 %, potentiel 7.5, non évalué 1.25, complétude 6 / 7', () => {
    expect(r.root).toMatchObject({ score: 0.64, pointReferentiel: 9, pointPotentiel: 7.5, pointFait: 4, pointPasFait: 2.25, pointNonRenseigne: 1.25,
      completedTachesCount: 6, totalTachesCount: 7, completude: 6 / 7 });
    expect(ratioFait('weighted', r.root)).toBe(0.64);
    expect(formatPercent(r.root.score)).toBe('64,0 %');
  });

  it('thématiques: 2.5 / 3.75 (66,6 %) and 1.5 / 2.5 (60 %)', () => {
    expect(r.nodes.rg_1).toMatchObject({ pointPotentiel: 3.75, pointFait: 2.5, pointPasFait: 1.25, pointReferentiel: 5.25 });
    expect(ratioFait('weighted', r.nodes.rg_1!)).toBe(2.5 / 3.75);
    expect(formatPercent(ratioFait('weighted', r.nodes.rg_1!))).toBe('66,6 %');
    expect(ratioFait('weighted', r.nodes.rg_2!)).toBe(0.6);
  });

  // Evaluating the Recommandé 2.1 as non applicable changes neither the score (it was not in the denominator)
  // nor the conformes, but the potentiel drops to 6.25 and the complétude reaches 7 / 7.
  it('a non évalué turned non applicable leaves the score at 64 %, potentiel 6.25, complétude 1', () => {
    const r2 = weightedEngine.compute(HAND, statuts(conforme('rg_1.1'), nonConforme('rg_1.2'), conforme('rg_1.3'), nonApplicable('rg_1.4'),
      nonApplicable('rg_2.1'), nonConforme('rg_2.2'), conforme('rg_2.3')));
    expect(r2.root).toMatchObject({ score: 0.64, pointPotentiel: 6.25, pointNonRenseigne: 0, completude: 1 });
  });

  // Turning it conforme instead: conformes 4 + 1.25 = 5.25, évalués 7.5 → 70 %.
  it('the same Recommandé turned conforme → 5.25 / 7.5 = 70 %', () => {
    const r3 = weightedEngine.compute(HAND, statuts(conforme('rg_1.1'), nonConforme('rg_1.2'), conforme('rg_1.3'), nonApplicable('rg_1.4'),
      conforme('rg_2.1'), nonConforme('rg_2.2'), conforme('rg_2.3')));
    expect(r3.root.score).toBe(0.7);
  });

  // Two Modérés conformes and two Prioritaires non conformes: 2 / (2 + 3) = 40 % — not the 50 % of a head count.
  it('2 Modérés conformes, 2 Prioritaires non conformes → 2 / 5 = 40 %', () => {
    const ref = rgesn({ '1.1': 1, '1.2': 1, '1.3': 1.5, '1.4': 1.5 });
    const r4 = weightedEngine.compute(ref, statuts(conforme('rg_1.1'), conforme('rg_1.2'), nonConforme('rg_1.3'), nonConforme('rg_1.4')));
    expect(r4.root.score).toBe(0.4);
  });
});

describeWithSharedData('weightedEngine checked by hand on the real RGESN 2024', () => {
  const ref = parseRgesnJson({ name: 'referentiel-ecoconception.json', text: readFileSync(DATA.rgesn, 'utf8') });
  // Priorités in the 2024 file: 1.1 P, 1.2 P, 1.3 R, 1.4 P, 1.5 P, 1.6 R, 1.7 M, 1.8 R, 1.9 P, 1.10 R; 2.9 M, 2.10 P.
  // Stratégie: conformes 1.1 (1.5) + 1.3 (1.25) + 1.7 (1) + 1.9 (1.5) = 5.25; non conformes 1.2 (1.5) + 1.6 (1.25)
  //   = 2.75; non applicables 1.4 (1.5) + 1.8 (1.25) = 2.75; non évalués 1.5 (1.5) + 1.10 (1.25) = 2.75.
  //   → 5.25 / 8 = 65,625 % (shown 65,6 %); potentiel 13.5 − 2.75 = 10.75.
  // Spécifications: 2.9 (Modéré, 1) conforme, 2.10 (Prioritaire, 1.5) non conforme → 1 / 2.5 = 40 %.
  // Root: conformes 6.25, non conformes 4.25 → 6.25 / 10.5 = 59,52… % (59,5 %); potentiel 100.25 − 2.75 = 97.5;
  //   non évalué 97.5 − 10.5 = 87; complétude (8 + 2) / 78.
  const recs = statuts(
    conforme('rgesn_1.1'), nonConforme('rgesn_1.2'), conforme('rgesn_1.3'), nonApplicable('rgesn_1.4'), record('rgesn_1.5', 'non_renseigne'),
    nonConforme('rgesn_1.6'), conforme('rgesn_1.7'), nonApplicable('rgesn_1.8'), conforme('rgesn_1.9'),
    conforme('rgesn_2.9'), nonConforme('rgesn_2.10'),
  );
  const r = weightedEngine.compute(ref, recs);

  it('Stratégie 5.25 / 8 = 65,6 %; Spécifications 1 / 2.5 = 40 %', () => {
    expect(r.nodes.rgesn_1).toMatchObject({ pointReferentiel: 13.5, pointPotentiel: 10.75, pointFait: 5.25, pointPasFait: 2.75, pointNonRenseigne: 2.75 });
    expect(ratioFait('weighted', r.nodes.rgesn_1!)).toBe(0.65625);
    expect(formatPercent(ratioFait('weighted', r.nodes.rgesn_1!))).toBe('65,6 %');
    expect(ratioFait('weighted', r.nodes.rgesn_2!)).toBe(0.4);
  });

  it('root 6.25 / 10.5 = 59,5 %, potentiel 97.5, non évalué 87, complétude 10 / 78', () => {
    expect(r.root).toMatchObject({ pointReferentiel: 100.25, pointPotentiel: 97.5, pointFait: 6.25, pointPasFait: 4.25, pointNonRenseigne: 87,
      completedTachesCount: 10, totalTachesCount: 78, niveau: null });
    expect(r.root.score).toBe(6.25 / 10.5);
    expect(formatPercent(r.root.score)).toBe('59,5 %');
    expect(r.root.completude).toBe(10 / 78);
  });
});
