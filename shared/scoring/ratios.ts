/**
 * The headline ratio of a node, per scoring model: one rule for the screen, the CLI, the XLSX/CSV and the PDF, so
 * they never disagree (DOMAIN.md "Rules every engine keeps").
 * - tete, points: pointFait ÷ pointPotentiel; at 0 potentiel the TETE leaf-count fallback of
 *   tete-referentials.md §2.2 (a 0-point regulatory node is judged on its leaves), null when nothing is counted;
 * - weighted (RGESN, DOMAIN.md): conforme ÷ (conforme + non conforme) weights; non évalué and non applicable left
 *   out; null while nothing applicable is evaluated.
 */
import type { NodeScore, ScoringModel } from '../domain';
import { ratiosOf } from './tete';

/** Fraction 0..1 of the node "fait" (conforme) for its model, or null when not computable (never NaN). */
export function ratioFait(model: ScoringModel, score: NodeScore): number | null {
  if (model === 'weighted') {
    const evaluated = score.pointFait + score.pointPasFait;
    return evaluated > 0 ? score.pointFait / evaluated : null;
  }
  if (score.pointPotentiel > 0) return score.pointFait / score.pointPotentiel;
  if (model === 'tete' && score.concerne && score.totalTachesCount > 0) return ratiosOf(score).fait;
  return null;
}
