/**
 * French labels of the statuts a user enters, per scoring model, and the reverse lookup used by spreadsheet
 * imports (DOMAIN.md "statut"; tete-referentials.md §7 column M uses the same words). Pure: used by the core's
 * pilote spreadsheets; the renderer keeps its own badge labels (renderer/src/lib/statuts.ts), which agree.
 */
import type { ScoringModel, Statut } from './domain';
import { speaksConformite } from './scoring/ratios';
import { STATUTS_BY_MODEL } from './statut';

const LABELS: Record<Statut, string> = {
  non_renseigne: 'Non renseigné',
  fait: 'Fait',
  programme: 'Programmé',
  pas_fait: 'Pas fait',
  detaille: 'Détaillé',
  non_concerne: 'Non concerné',
  conforme: 'Conforme',
  non_conforme: 'Non conforme',
  non_applicable: 'Non applicable',
};

/** French label of `statut` for `model`: « Non évalué » for non renseigné in the conformity models (RGESN, RGAA). */
export function statutLabelFr(statut: Statut, model: ScoringModel): string {
  if (speaksConformite(model) && statut === 'non_renseigne') return 'Non évalué';
  return LABELS[statut];
}

/** The labels a user may pick for `model`, in the order of STATUTS_BY_MODEL (shared/statut.ts). */
export function allowedStatutLabels(model: ScoringModel): string[] {
  return STATUTS_BY_MODEL[model].map((s) => statutLabelFr(s, model));
}

/** Case-, accent- and space-insensitive key of a label (« détaillé » = « Detaille » = « DÉTAILLÉ »). */
function labelKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\s_]+/g, ' ')
    .trim()
    .toLocaleLowerCase('fr');
}

/**
 * The statut of `model` whose French label (or internal code: `pas_fait`) is `text`, up to case, accents and
 * spaces; « Détaillé au % » (the national export's words) is détaillé; an empty text is non renseigné. Null when
 * the model does not allow it.
 */
export function statutFromLabel(text: string, model: ScoringModel): Statut | null {
  const key = labelKey(text);
  if (key === '') return 'non_renseigne';
  for (const s of STATUTS_BY_MODEL[model]) {
    if (labelKey(statutLabelFr(s, model)) === key || labelKey(s) === key) return s;
  }
  if (key === 'detaille au %' && STATUTS_BY_MODEL[model].includes('detaille')) return 'detaille';
  return null;
}
