/**
 * The figures of a node as the tree and the fiche write them, per scoring model: one place, so both say the same,
 * with the % from ratioFait (shared/scoring/ratios.ts, the rule of the CLI, the XLSX/CSV and the PDF too).
 */
import type { NodeScore, ScoringModel } from '../../../shared/domain';
import { ratioFait } from '../../../shared/scoring/ratios';
import { formatPercent, formatPoints } from './format';

/**
 * The Points cell of a node: "fait / potentiel" (tete, points: `0,3 / 0,6`); weighted (RGESN) "conformes / évalués"
 * in weights, the base of its % (ratioFait), or "—" while nothing is evaluated.
 */
export function pointsCell(model: ScoringModel, s: NodeScore): string {
  if (model === 'weighted') {
    const evaluated = s.pointFait + s.pointPasFait;
    return evaluated > 0 ? `${formatPoints(s.pointFait)} / ${formatPoints(evaluated)}` : '—';
  }
  return `${formatPoints(s.pointFait)} / ${formatPoints(s.pointPotentiel)}`;
}

/** The % cell: ratioFait truncated (`—` when not computable), or « non concerné » (« non applicable » for RGESN). */
export function pctCell(model: ScoringModel, s: NodeScore): string {
  if (!s.concerne) return model === 'weighted' ? 'non applicable' : 'non concerné';
  return formatPercent(ratioFait(model, s), '—');
}

