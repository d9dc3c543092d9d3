/**
 * The headline ratio of a node, per scoring model: one rule for the screen, the CLI, the XLSX/CSV and the PDF, so
 * they never disagree (DOMAIN.md "Rules every engine keeps").
 * - tete, points: pointFait ÷ pointPotentiel; at 0 potentiel the TETE leaf-count fallback of
 *   tete-referentials.md §2.2 (a 0-point regulatory node is judged on its leaves), null when nothing is counted;
 * - weighted (RGESN, DOMAIN.md): conforme ÷ (conforme + non conforme) weights; non évalué and non applicable left
 *   out; null while nothing applicable is evaluated;
 * - rate (RGAA 4.1.2, DOMAIN.md): critères conformes ÷ critères applicables évalués (conformes + non conformes);
 * - progress (good-practice guide NR v1, DOMAIN.md): pratiques faites ÷ (faites + programmées + pas faites);
 *   non concernées and non renseignées left out.
 */
import { round3, type NodeScore, type ScoringModel } from '../domain';
import { ratiosOf } from './tete';

/**
 * What a model's headline % is a share of: `potentiel` (tete, points: the points the authority can earn) or
 * `evalues` (weighted, rate, progress: only what has been evaluated, non applicable and non évalué left out).
 */
export function ratioBaseKind(model: ScoringModel): 'potentiel' | 'evalues' {
  return model === 'tete' || model === 'points' ? 'potentiel' : 'evalues';
}

/**
 * Whether the model speaks the words of a conformity audit (RGESN, RGAA): conforme / non conforme / non
 * applicable / non évalué, instead of fait / programmé / pas fait / non concerné / non renseigné.
 */
export function speaksConformite(model: ScoringModel): boolean {
  return model === 'weighted' || model === 'rate';
}

/**
 * The denominator of `ratioFait`, in the node's points (3 decimals): pointPotentiel for tete/points; pointFait +
 * pointPasFait for weighted and rate (weights, or critères for the RGAA where each weighs 1); pointFait +
 * pointProgramme + pointPasFait for progress (pratiques renseignées, each weighs 1).
 */
export function ratioBase(model: ScoringModel, score: Pick<NodeScore, 'pointFait' | 'pointProgramme' | 'pointPasFait' | 'pointPotentiel'>): number {
  switch (model) {
    case 'weighted':
    case 'rate':
      return round3(score.pointFait + score.pointPasFait);
    case 'progress':
      return round3(score.pointFait + score.pointProgramme + score.pointPasFait);
    default:
      return score.pointPotentiel;
  }
}

/** Fraction 0..1 of the node "fait" (conforme) for its model, or null when not computable (never NaN). */
export function ratioFait(model: ScoringModel, score: NodeScore): number | null {
  const base = ratioBase(model, score);
  if (ratioBaseKind(model) === 'evalues') return base > 0 ? score.pointFait / base : null;
  if (base > 0) return score.pointFait / base;
  if (model === 'tete' && score.concerne && score.totalTachesCount > 0) return ratiosOf(score).fait;
  return null;
}
