/**
 * The figures of a node as the tree and the fiche write them, per scoring model: one place, so both say the same,
 * with the % from ratioFait (shared/scoring/ratios.ts, the rule of the CLI, the XLSX/CSV and the PDF too).
 * Models (DOMAIN.md "Referentials to support"): tete and points count points of the potentiel; weighted (RGESN)
 * weights of the évalués; rate (RGAA) critères and progress (guide NR) pratiques, each counting 1, of the évalués /
 * renseignées.
 */
import type { NodeScore, ScoringModel } from '../../../shared/domain';
import { ratioBase, ratioBaseKind, ratioFait, speaksConformite } from '../../../shared/scoring/ratios';
import { formatCount, formatPercent, formatPoints, formatPts } from './format';
import { tr } from '../i18n/tr';

/** How the screens name a model's figures (tree headers, fiche labels, breakdown rows, a node out of scope). */
export interface ModelFigures {
  /** Tree header of the Points cell, and its tooltip. */
  pointsHeader: string;
  pointsTitle: string;
  /** Fiche label of the same figure. */
  pointsLabel: string;
  /** Short % header (tree), its tooltip, and the fiche / card label. */
  pctHeader: string;
  pctTitle: string;
  pctLabel: string;
  /** What a node out of scope reads: « non concerné » or « non applicable » (RGESN, RGAA). */
  horsChamp: string;
  /** What a % reads when nothing applicable is evaluated yet. */
  rienEvalue: string;
  /** What the leaves with a statut are called after « 3 / 7 »: « critères renseignés », « pratiques renseignées ». */
  renseignes: string;
  /** Whether the figures are counts of leaves (rate, progress) rather than points or weights. */
  counts: boolean;
}

/** The words of `model` for its figures (see ModelFigures). */
export function modelFigures(model: ScoringModel): ModelFigures {
  // The words are in the catalogues (i18n `figures.<model>_<word>`), in the chosen language.
  const m = model === 'weighted' || model === 'rate' || model === 'progress' ? model : 'points';
  const w = (k: string) => tr(`figures.${m}_${k}`);
  return {
    pointsHeader: w('pointsHeader'),
    pointsTitle: w('pointsTitle'),
    pointsLabel: w('pointsLabel'),
    pctHeader: w('pctHeader'),
    pctTitle: w('pctTitle'),
    pctLabel: w('pctLabel'),
    horsChamp: w('horsChamp'),
    rienEvalue: w('rienEvalue'),
    renseignes: w('renseignes'),
    counts: model === 'rate' || model === 'progress',
  };
}

/**
 * The breakdown rows of a node in its model's words: [test id suffix, label, value]. RGESN and RGAA have no
 * « programmé » and say conforme / non conforme / non évalué.
 */
export function breakdownParts(model: ScoringModel, s: NodeScore): Array<[string, string, number]> {
  if (speaksConformite(model)) {
    return [
      ['fait', tr('statut.conforme'), s.pointFait],
      ['pas-fait', tr('statut.non_conforme'), s.pointPasFait],
      ['non-renseigne', tr('statut.non_evalue'), s.pointNonRenseigne],
    ];
  }
  return [
    ['fait', tr('statut.fait'), s.pointFait],
    ['programme', tr('statut.programme'), s.pointProgramme],
    ['pas-fait', tr('statut.pas_fait'), s.pointPasFait],
    ['non-renseigne', tr('statut.non_renseigne'), s.pointNonRenseigne],
  ];
}

/** A figure with its unit for the model: points « 1,5 pts » (tete, points, weighted), a plain count « 3 » (rate, progress). */
export function formatFigure(model: ScoringModel, value: number): string {
  return modelFigures(model).counts ? formatCount(value) : formatPts(value);
}

/**
 * The Points cell of a node: "fait / potentiel" (tete, points: `0,3 / 0,6`); weighted (RGESN) "conformes / évalués"
 * in weights, rate (RGAA) in critères, progress (guide NR) "faites / renseignées" in pratiques — the base of its %
 * (ratioFait) — or "—" while nothing is evaluated.
 */
export function pointsCell(model: ScoringModel, s: NodeScore): string {
  if (ratioBaseKind(model) === 'evalues') {
    const base = ratioBase(model, s);
    return base > 0 ? `${formatPoints(s.pointFait)} / ${formatPoints(base)}` : '—';
  }
  return `${formatPoints(s.pointFait)} / ${formatPoints(s.pointPotentiel)}`;
}

/** The % cell: ratioFait truncated (`—` when not computable), or « non concerné » (« non applicable » for RGESN, RGAA). */
export function pctCell(model: ScoringModel, s: NodeScore): string {
  if (!s.concerne) return modelFigures(model).horsChamp;
  return formatPercent(ratioFait(model, s), '—');
}
