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
  switch (model) {
    case 'weighted':
      return { pointsHeader: 'Poids', pointsTitle: 'Poids conformes / poids évalués (conformes et non conformes)', pointsLabel: 'Poids conformes / évalués',
        pctHeader: '% conf.', pctTitle: 'Part conforme des critères évalués', pctLabel: '% conforme', horsChamp: 'non applicable', rienEvalue: 'non évalué',
        renseignes: 'critères renseignés', counts: false };
    case 'rate':
      return { pointsHeader: 'Critères', pointsTitle: 'Critères conformes / critères évalués (conformes et non conformes)', pointsLabel: 'Critères conformes / évalués',
        pctHeader: '% conf.', pctTitle: 'Taux de conformité : part conforme des critères applicables évalués', pctLabel: '% conforme', horsChamp: 'non applicable',
        rienEvalue: 'non évalué', renseignes: 'critères renseignés', counts: true };
    case 'progress':
      return { pointsHeader: 'Pratiques', pointsTitle: 'Pratiques faites / pratiques renseignées (faites, programmées, pas faites)', pointsLabel: 'Pratiques faites / renseignées',
        pctHeader: '% fait', pctTitle: 'Part faite des pratiques applicables renseignées', pctLabel: '% fait', horsChamp: 'non concerné', rienEvalue: 'non renseigné',
        renseignes: 'pratiques renseignées', counts: true };
    default:
      return { pointsHeader: 'Points', pointsTitle: 'Points fait / potentiel', pointsLabel: 'Points fait / potentiel', pctHeader: '% fait', pctTitle: 'Part du potentiel faite',
        pctLabel: '% fait', horsChamp: 'non concerné', rienEvalue: 'non calculable', renseignes: 'critères renseignés', counts: false };
  }
}

/**
 * The breakdown rows of a node in its model's words: [test id suffix, label, value]. RGESN and RGAA have no
 * « programmé » and say conforme / non conforme / non évalué.
 */
export function breakdownParts(model: ScoringModel, s: NodeScore): Array<[string, string, number]> {
  if (speaksConformite(model)) {
    return [
      ['fait', 'Conforme', s.pointFait],
      ['pas-fait', 'Non conforme', s.pointPasFait],
      ['non-renseigne', 'Non évalué', s.pointNonRenseigne],
    ];
  }
  return [
    ['fait', 'Fait', s.pointFait],
    ['programme', 'Programmé', s.pointProgramme],
    ['pas-fait', 'Pas fait', s.pointPasFait],
    ['non-renseigne', 'Non renseigné', s.pointNonRenseigne],
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
