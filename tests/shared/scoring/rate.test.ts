import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRgaaJson } from '../../../electron/core/referential/rgaa-json';
import { formatPercent } from '../../../electron/cli/format';
import { percentFr } from '../../../electron/core/pack/format';
import { emptyNodeTexts, type Referential, type ReferentialNode, type ScoreResult, type StatutRecord } from '../../../shared/domain';
import { engineFor } from '../../../shared/scoring';
import { rateEngine } from '../../../shared/scoring/rate';
import { ratioFait } from '../../../shared/scoring/ratios';
import { DATA, describeWithSharedData } from '../../helpers/shared-data';

/** The RGAA declaration's three states, as the importer writes them (seuils 0, 0.5, 1 of the applicable critères). */
const RGAA_NIVEAUX = [
  { rang: 1, nom: 'Non conforme', seuil: 0 },
  { rang: 2, nom: 'Partiellement conforme', seuil: 0.5 },
  { rang: 3, nom: 'Totalement conforme', seuil: 1 },
];

/** An RGAA-like tree: `counts[i]` critères under thématique i + 1, each weighing 1 (`ra_1.1`, `ra_1.2`…). */
function rgaaLike(counts: number[]): Referential {
  const node = (identifiant: string, parentId: string | null, depth: number, pointReferentiel: number, ordre: number): ReferentialNode => ({
    ...emptyNodeTexts(),
    id: identifiant === '' ? 'ra' : `ra_${identifiant}`,
    parentId,
    identifiant,
    depth,
    type: ['referentiel', 'thematique', 'critere'][depth]!,
    nom: identifiant,
    pointReferentiel,
    ordre,
  });
  const nodes = [node('', null, 0, counts.reduce((a, b) => a + b, 0), 0)];
  counts.forEach((n, t) => {
    nodes.push(node(`${t + 1}`, 'ra', 1, n, t));
    for (let c = 1; c <= n; c++) nodes.push(node(`${t + 1}.${c}`, `ra_${t + 1}`, 2, 1, c - 1));
  });
  return { id: 'ra', version: '4.1.2', nom: 'RGAA', model: 'rate', hierarchie: ['referentiel', 'thematique', 'critere'], actionLevel: 2,
    redistribution: false, niveaux: RGAA_NIVEAUX, avertissement: null, nodes, preuvesAttendues: [] };
}

const conforme = (nodeId: string): StatutRecord => ({ nodeId, avancement: 'fait', detail: null, concerne: true });
const nonConforme = (nodeId: string): StatutRecord => ({ nodeId, avancement: 'pas_fait', detail: null, concerne: true });
const nonApplicable = (nodeId: string): StatutRecord => ({ nodeId, avancement: 'non_renseigne', detail: null, concerne: false });
const nonEvalue = (nodeId: string): StatutRecord => ({ nodeId, avancement: 'non_renseigne', detail: null, concerne: true });
const statuts = (...records: StatutRecord[]) => new Map(records.map((r) => [r.nodeId, r]));
function expectNoNaN(result: ScoreResult): void {
  for (const s of [result.root, ...Object.values(result.nodes)]) {
    for (const [k, v] of Object.entries(s)) if (typeof v === 'number') expect(Number.isFinite(v), k).toBe(true);
  }
}

describe('rateEngine (RGAA: conformes ÷ applicables)', () => {
  it('is the engine of the rate model', () => {
    expect(engineFor('rate')).toBe(rateEngine);
  });

  // Thématique 1 (4 critères): 1.1 conforme, 1.2 conforme, 1.3 non conforme, 1.4 non applicable.
  // Thématique 2 (3 critères): 2.1 conforme, 2.2 non évalué (stored), 2.3 nothing stored (non évalué too).
  // Applicables évalués = conformes 3 + non conformes 1 = 4 → taux 3 / 4 = 75 % → « Partiellement conforme ».
  // Thématique 1: 2 / 3 = 66,66… % (truncated 66,6 %); thématique 2: 1 / 1 = 100 %.
  // Potentiel = 7 critères − 1 non applicable = 6; non évalué = 2; complétude = (4 évalués + 1 NA) / 7.
  it('3 conformes, 1 non conforme, 1 non applicable, 2 non évalués → 3 / 4, « Partiellement conforme »', () => {
    const ref = rgaaLike([4, 3]);
    const r = rateEngine.compute(ref, statuts(conforme('ra_1.1'), conforme('ra_1.2'), nonConforme('ra_1.3'), nonApplicable('ra_1.4'), conforme('ra_2.1'), nonEvalue('ra_2.2')));
    expect(r.root).toMatchObject({ score: 0.75, pointReferentiel: 7, pointPotentiel: 6, pointFait: 3, pointPasFait: 1, pointNonRenseigne: 2, pointProgramme: 0,
      totalTachesCount: 7, completedTachesCount: 5, completude: 5 / 7 });
    expect(r.root.niveau?.nom).toBe('Partiellement conforme');
    expect(r.nodes['ra_1.1']).toMatchObject({ statut: 'conforme', pointFait: 1 });
    expect(r.nodes['ra_1.3']).toMatchObject({ statut: 'non_conforme', pointPasFait: 1 });
    expect(r.nodes['ra_1.4']).toMatchObject({ statut: 'non_applicable', concerne: false, pointPotentiel: 0, pointReferentiel: 1 });
    expect(r.nodes['ra_2.2']).toMatchObject({ statut: null, pointNonRenseigne: 1 });
    expect(ratioFait('rate', r.nodes.ra_1!)).toBe(2 / 3);
    expect(formatPercent(ratioFait('rate', r.nodes.ra_1!))).toBe('66,6 %');
    expect(ratioFait('rate', r.nodes.ra_2!)).toBe(1);
    expect(ratioFait('rate', r.root)).toBe(r.root.score);
    expectNoNaN(r);
  });

  // 499 conformes and 500 non conformes of 999: 499 / 999 = 49,95 %. Rounded to one decimal it would read « 50,0 % »
  // beside « Partiellement conforme » at 50 %: the niveau is judged on the exact fraction and every display truncates.
  it('499 / 999 = 49,95 % stays « Non conforme » and reads 49,9 % on the CLI and in the pack', () => {
    const ref = rgaaLike([999]);
    const recs = ref.nodes.filter((n) => n.depth === 2).map((n, i) => (i < 499 ? conforme(n.id) : nonConforme(n.id)));
    const r = rateEngine.compute(ref, statuts(...recs));
    expect(r.root.score).toBe(499 / 999);
    expect(r.root.niveau?.nom).toBe('Non conforme');
    expect(formatPercent(r.root.score)).toBe('49,9 %');
    expect(percentFr(r.root.score)).toBe('49,9 %');
  });

  // 500 / 1000 is exactly one half: reached (the seuil is inclusive, DOMAIN.md).
  it('exactly 50 % is « Partiellement conforme »; 100 % of the applicables is « Totalement conforme »', () => {
    const ref = rgaaLike([2, 2]);
    const half = rateEngine.compute(ref, statuts(conforme('ra_1.1'), nonConforme('ra_1.2'), nonEvalue('ra_2.1')));
    expect(half.root).toMatchObject({ score: 0.5, niveau: { nom: 'Partiellement conforme', rang: 2 } });
    // 3 conformes, 1 non applicable: 3 / 3 = 100 %.
    const all = rateEngine.compute(ref, statuts(conforme('ra_1.1'), conforme('ra_1.2'), conforme('ra_2.1'), nonApplicable('ra_2.2')));
    expect(all.root).toMatchObject({ score: 1, niveau: { nom: 'Totalement conforme', rang: 3 }, completude: 1 });
    // 2 conformes, 1 non conforme: 66,6 %, not totalement.
    const most = rateEngine.compute(ref, statuts(conforme('ra_1.1'), conforme('ra_1.2'), nonConforme('ra_2.1')));
    expect(most.root.niveau?.nom).toBe('Partiellement conforme');
  });

  it('every critère non conforme → 0 %, « Non conforme » (seuil 0 is reached by any computable taux)', () => {
    const ref = rgaaLike([2, 1]);
    const r = rateEngine.compute(ref, statuts(nonConforme('ra_1.1'), nonConforme('ra_1.2'), nonConforme('ra_2.1')));
    expect(r.root).toMatchObject({ score: 0, niveau: { nom: 'Non conforme' }, pointPasFait: 3 });
  });

  it('nothing evaluated → score null, no niveau, complétude 0', () => {
    const r = rateEngine.compute(rgaaLike([2, 1]), new Map());
    expect(r.root).toMatchObject({ score: null, niveau: null, completude: 0, pointPotentiel: 3, pointNonRenseigne: 3 });
    expect(formatPercent(r.root.score)).toBe('non calculable');
    expectNoNaN(r);
  });

  it('every critère non applicable → potentiel 0, score null (« non calculable »), complétude 1, no NaN', () => {
    const ref = rgaaLike([2, 1]);
    const r = rateEngine.compute(ref, statuts(nonApplicable('ra_1.1'), nonApplicable('ra_1.2'), nonApplicable('ra_2.1')));
    expect(r.root).toMatchObject({ score: null, niveau: null, completude: 1, pointPotentiel: 0, concerne: false });
    expect(ratioFait('rate', r.nodes.ra_1!)).toBeNull();
    expectNoNaN(r);
  });
});

describeWithSharedData('rateEngine on the real RGAA 4.1.2', () => {
  const ref = parseRgaaJson({ name: 'criteres.json', text: readFileSync(DATA.rgaa, 'utf8') });
  const criteres = ref.nodes.filter((n) => n.depth === 2);

  // 106 critères: 1.1 non applicable; of the 105 others, the first 52 conformes and 53 non conformes:
  // 52 / 105 = 49,52 % → « Non conforme », shown 49,5 %.
  it('52 conformes of 105 applicables → 49,5 %, « Non conforme »; one more conforme (53 / 105) → « Partiellement conforme »', () => {
    const [first, ...rest] = criteres;
    const recs = [nonApplicable(first!.id), ...rest.map((c, i) => (i < 52 ? conforme(c.id) : nonConforme(c.id)))];
    const r = rateEngine.compute(ref, statuts(...recs));
    expect(r.root).toMatchObject({ score: 52 / 105, pointFait: 52, pointPasFait: 53, pointPotentiel: 105, pointReferentiel: 106, completude: 1 });
    expect(r.root.niveau?.nom).toBe('Non conforme');
    expect(formatPercent(r.root.score)).toBe('49,5 %');
    recs[53] = conforme(rest[52]!.id);
    const r2 = rateEngine.compute(ref, statuts(...recs));
    expect(r2.root.score).toBe(53 / 105);
    expect(r2.root.niveau?.nom).toBe('Partiellement conforme');
  });

  // Thématique 1 (Images, 9 critères) conforme, thématique 3 (Couleurs, 3) non applicable, the rest non évalué:
  // 9 / 9 = 100 % → « Totalement conforme » on what was evaluated; potentiel 106 − 3 = 103.
  it('Images all conformes, Couleurs non applicable, the rest non évalué → 100 % of 9', () => {
    const recs = criteres.flatMap((c) => (c.parentId === 'rgaa_1' ? [conforme(c.id)] : c.parentId === 'rgaa_3' ? [nonApplicable(c.id)] : []));
    const r = rateEngine.compute(ref, statuts(...recs));
    expect(r.root).toMatchObject({ score: 1, pointFait: 9, pointPotentiel: 103, pointNonRenseigne: 94, completedTachesCount: 12 });
    expect(r.root.niveau?.nom).toBe('Totalement conforme');
    expect(r.nodes.rgaa_3).toMatchObject({ concerne: false, pointPotentiel: 0, pointReferentiel: 3 });
  });
});
