import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRgesnJson } from '../../../electron/core/referential/rgesn-json';
import type { Avancement, Referential, ReferentialNode, ScoreResult, StatutRecord } from '../../../shared/domain';
import { weightedEngine } from '../../../shared/scoring/weighted';
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
