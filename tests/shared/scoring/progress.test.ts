import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGbpJson } from '../../../electron/core/referential/gbp';
import { formatPercent } from '../../../electron/cli/format';
import { emptyNodeTexts, type Avancement, type Referential, type ReferentialNode, type ScoreResult, type StatutRecord } from '../../../shared/domain';
import { engineFor } from '../../../shared/scoring';
import { progressEngine } from '../../../shared/scoring/progress';
import { ratioFait } from '../../../shared/scoring/ratios';
import { DATA, describeWithSharedData } from '../../helpers/shared-data';

/** A guide-like tree: familles a, b… with `counts[i]` pratiques each weighing 1 (`gb_a.1`, `gb_a.2`…). */
function guideLike(counts: number[]): Referential {
  const node = (identifiant: string, parentId: string | null, depth: number, pointReferentiel: number, ordre: number): ReferentialNode => ({
    ...emptyNodeTexts(),
    id: identifiant === '' ? 'gb' : `gb_${identifiant}`,
    parentId,
    identifiant,
    depth,
    type: ['referentiel', 'famille', 'pratique'][depth]!,
    nom: identifiant,
    pointReferentiel,
    ordre,
  });
  const nodes = [node('', null, 0, counts.reduce((a, b) => a + b, 0), 0)];
  counts.forEach((n, f) => {
    const letter = String.fromCharCode(97 + f);
    nodes.push(node(letter, 'gb', 1, n, f));
    for (let p = 1; p <= n; p++) nodes.push(node(`${letter}.${p}`, `gb_${letter}`, 2, 1, p - 1));
  });
  return { id: 'gb', version: 'v1', nom: 'Guide', model: 'progress', hierarchie: ['referentiel', 'famille', 'pratique'], actionLevel: 2,
    redistribution: false, niveaux: [], avertissement: null, nodes, preuvesAttendues: [] };
}

const rec = (nodeId: string, avancement: Avancement): StatutRecord => ({ nodeId, avancement, detail: null, concerne: true });
const nonConcerne = (nodeId: string): StatutRecord => ({ nodeId, avancement: 'non_renseigne', detail: null, concerne: false });
const statuts = (...records: StatutRecord[]) => new Map(records.map((r) => [r.nodeId, r]));
function expectNoNaN(result: ScoreResult): void {
  for (const s of [result.root, ...Object.values(result.nodes)]) {
    for (const [k, v] of Object.entries(s)) if (typeof v === 'number') expect(Number.isFinite(v), k).toBe(true);
  }
}

describe('progressEngine (good-practice guide: fait ÷ (fait + programmé + pas fait))', () => {
  it('is the engine of the progress model', () => {
    expect(engineFor('progress')).toBe(progressEngine);
  });

  // Famille a (5 pratiques): a.1 fait, a.2 fait, a.3 programmé, a.4 pas fait, a.5 non concerné.
  // Famille b (3 pratiques): b.1 fait, b.2 non renseigné (stored), b.3 nothing stored.
  // Done ÷ applicable = fait 3 ÷ (fait 3 + programmé 1 + pas fait 1) = 3 / 5 = 60 %: the programmé counts against
  // (it is not done yet), non concerné and non renseigné are left out.
  // Famille a: 2 / 4 = 50 %; famille b: 1 / 1 = 100 %. Potentiel = 8 − 1 = 7; complétude = (5 renseignées + 1 NC) / 8.
  it('3 faites, 1 programmée, 1 pas faite, 1 non concernée, 2 non renseignées → 3 / 5', () => {
    const ref = guideLike([5, 3]);
    const r = progressEngine.compute(ref, statuts(rec('gb_a.1', 'fait'), rec('gb_a.2', 'fait'), rec('gb_a.3', 'programme'), rec('gb_a.4', 'pas_fait'),
      nonConcerne('gb_a.5'), rec('gb_b.1', 'fait'), rec('gb_b.2', 'non_renseigne')));
    expect(r.root).toMatchObject({ score: 0.6, pointReferentiel: 8, pointPotentiel: 7, pointFait: 3, pointProgramme: 1, pointPasFait: 1, pointNonRenseigne: 2,
      totalTachesCount: 8, completedTachesCount: 6, completude: 0.75, niveau: null });
    expect(r.nodes['gb_a.3']).toMatchObject({ statut: 'programme', pointProgramme: 1 });
    expect(r.nodes['gb_a.5']).toMatchObject({ statut: 'non_concerne', concerne: false, pointPotentiel: 0 });
    expect(r.nodes['gb_b.3']).toMatchObject({ statut: null, pointNonRenseigne: 1 });
    expect(ratioFait('progress', r.nodes.gb_a!)).toBe(0.5);
    expect(ratioFait('progress', r.nodes.gb_b!)).toBe(1);
    expect(ratioFait('progress', r.root)).toBe(r.root.score);
    expectNoNaN(r);
  });

  // 1 fait of 3 renseignées: 33,33… % is truncated to 33,3 %; 2 of 3: 66,66… % → 66,6 % (never rounded up).
  it('thirds are truncated: 1 / 3 → 33,3 %, 2 / 3 → 66,6 %', () => {
    const ref = guideLike([3]);
    const one = progressEngine.compute(ref, statuts(rec('gb_a.1', 'fait'), rec('gb_a.2', 'programme'), rec('gb_a.3', 'pas_fait')));
    expect(formatPercent(one.root.score)).toBe('33,3 %');
    const two = progressEngine.compute(ref, statuts(rec('gb_a.1', 'fait'), rec('gb_a.2', 'fait'), rec('gb_a.3', 'pas_fait')));
    expect(formatPercent(two.root.score)).toBe('66,6 %');
  });

  it('nothing renseigné → score null, complétude 0; the famille % is null too', () => {
    const r = progressEngine.compute(guideLike([2, 2]), new Map());
    expect(r.root).toMatchObject({ score: null, completude: 0, pointPotentiel: 4, pointNonRenseigne: 4 });
    expect(ratioFait('progress', r.nodes.gb_a!)).toBeNull();
    expectNoNaN(r);
  });

  it('every pratique non concernée → potentiel 0, score null (« non calculable »), complétude 1, no NaN', () => {
    const r = progressEngine.compute(guideLike([1, 2]), statuts(nonConcerne('gb_a.1'), nonConcerne('gb_b.1'), nonConcerne('gb_b.2')));
    expect(r.root).toMatchObject({ score: null, completude: 1, pointPotentiel: 0, concerne: false });
    expect(formatPercent(r.root.score)).toBe('non calculable');
    expectNoNaN(r);
  });

  it('only programmées → 0 % (applicable but not done)', () => {
    const r = progressEngine.compute(guideLike([2]), statuts(rec('gb_a.1', 'programme'), rec('gb_a.2', 'programme')));
    expect(r.root).toMatchObject({ score: 0, pointProgramme: 2 });
  });
});

describeWithSharedData('progressEngine on the real guide (59 pratiques)', () => {
  const ref = parseGbpJson({ name: 'guide.json', text: readFileSync(DATA.guideNr, 'utf8') });

  // Famille a (Stratégie et gouvernance, 8 pratiques) fait, famille i (Fin d'usage, 8) pas fait, famille h
  // (Salle serveur, 7) non concernée, the 36 others non renseignées: 8 / (8 + 8) = 50 %; potentiel 59 − 7 = 52.
  it('a fait, i pas fait, h non concernée → 8 / 16 = 50 %', () => {
    const recs = ref.nodes
      .filter((n) => n.depth === 2)
      .flatMap((n) => (n.parentId === 'gbp-nr_a' ? [rec(n.id, 'fait')] : n.parentId === 'gbp-nr_i' ? [rec(n.id, 'pas_fait')] : n.parentId === 'gbp-nr_h' ? [nonConcerne(n.id)] : []));
    const r = progressEngine.compute(ref, statuts(...recs));
    expect(r.root).toMatchObject({ score: 0.5, pointFait: 8, pointPasFait: 8, pointPotentiel: 52, pointReferentiel: 59, pointNonRenseigne: 36, completedTachesCount: 23 });
    expect(r.nodes['gbp-nr_h']).toMatchObject({ concerne: false, pointReferentiel: 7 });
  });
});
