/**
 * Statuts as the UI shows and edits them (DOMAIN.md "statut"; tete-referentials.md §2.1 and its display statut).
 * Which statuts a model allows, their labels in the chosen language (i18n `statut.*`, French the reference), badge colours and which nodes take a statut. The détaillé
 * split is lib/detail.ts; the checked radio and the TETE cascade warning are lib/statutChoice.ts.
 */
import { statutLabelFr } from '../../../shared/statut-labels';
import type { DisplayStatut, NodeScore, ReferentialNode, ScoringModel, Statut } from '../../../shared/domain';
import { speaksConformite } from '../../../shared/scoring/ratios';
import { STATUTS_BY_MODEL as ALLOWED_STATUTS } from '../../../shared/statut';
import { tr } from '../i18n/tr';
import { formatLang } from './format';

/** The model's statuts (shared/statut.ts, the list the server checks) with "non renseigné / non évalué" first. */
function displayOrder(statuts: readonly Statut[]): readonly Statut[] {
  return [...statuts.filter((s) => s === 'non_renseigne'), ...statuts.filter((s) => s !== 'non_renseigne')];
}

/** Statuts offered by the selector, in display order, per scoring model (API contract `statuts.set`). */
export const STATUTS_BY_MODEL: Record<ScoringModel, readonly Statut[]> = {
  tete: displayOrder(ALLOWED_STATUTS.tete),
  points: displayOrder(ALLOWED_STATUTS.points),
  weighted: displayOrder(ALLOWED_STATUTS.weighted),
  rate: displayOrder(ALLOWED_STATUTS.rate),
  progress: displayOrder(ALLOWED_STATUTS.progress),
};

/** French label of a statut; for the conformity models (RGESN, RGAA) non renseigné reads "Non évalué" (shared/statut-labels.ts). */
export function statutLabel(statut: Statut, model: ScoringModel): string {
  if (formatLang() === 'fr') return statutLabelFr(statut, model);
  if (speaksConformite(model) && statut === 'non_renseigne') return tr('statut.non_evalue');
  return tr(`statut.${statut}`);
}

/** Visual tone of a badge; the CSS gives each a colour and the label always carries the meaning too. */
export type BadgeTone = 'fait' | 'programme' | 'pas-fait' | 'detaille' | 'neutre' | 'non-concerne';

/**
 * Label and tone of a display statut (NodeScore.statut). The engines express RGESN / RGAA statuts as
 * fait / pas_fait / non_concerne or as conforme / non_conforme / non_applicable: both read the same.
 * `null` (nothing entered) → "Non renseigné" / "Non évalué". The two TETE display statuts of tete-referentials.md
 * §2.1 that are not entered by the user also carry a `title` (tooltip) saying why they show.
 */
export function displayStatut(statut: DisplayStatut | null, model: ScoringModel): { label: string; tone: BadgeTone; title?: string } {
  const weighted = speaksConformite(model);
  switch (statut) {
    case 'fait':
    case 'conforme':
      return { label: tr(weighted ? 'statut.conforme' : 'statut.fait'), tone: 'fait' };
    case 'programme':
      return { label: tr('statut.programme'), tone: 'programme' };
    case 'pas_fait':
    case 'non_conforme':
      return { label: tr(weighted ? 'statut.non_conforme' : 'statut.pas_fait'), tone: 'pas-fait' };
    case 'detaille':
      return { label: tr('statut.detaille'), tone: 'detaille' };
    case 'detaille_a_la_tache':
      return { label: tr('statut.detaille_a_la_tache'), tone: 'detaille', title: tr('statut.detailleTitle') };
    case 'non_concerne':
    case 'non_applicable':
      return { label: tr(weighted ? 'statut.non_applicable' : 'statut.non_concerne'), tone: 'non-concerne' };
    case 'non_renseignable':
      return { label: tr('statut.non_renseignable'), tone: 'neutre', title: tr('statut.nonRenseignableTitle') };
    case 'non_renseigne':
    case null:
      return { label: tr(weighted ? 'statut.non_evalue' : 'statut.non_renseigne'), tone: 'neutre' };
  }
}

/**
 * Whether a statut can be entered on `node` (API contract `statuts.set`): TETE below the mesure level
 * (sous-actions and tâches, depth > actionLevel); points, weighted, rate and progress models on leaves only.
 */
export function acceptsStatut(node: ReferentialNode, model: ScoringModel, actionLevel: number, hasChildren: boolean): boolean {
  if (node.parentId === null) return false;
  return model === 'tete' ? node.depth > actionLevel : !hasChildren;
}

/**
 * The statut badge a node shows in the tree and in its panel, or `undefined` for none. Nodes that take a statut
 * always show one (`null` = nothing entered → "Non renseigné"); a computed level (axe, mesure; points/weighted
 * non-leaves) shows only what the engine gives it (e.g. Détaillé à la tâche) or Non concerné, never a
 * "Non renseigné" of its own (tete-referentials.md §2.1: a mesure's statut is computed from its sous-actions).
 */
export function shownStatut(
  node: ReferentialNode,
  score: Pick<NodeScore, 'statut' | 'concerne'>,
  model: ScoringModel,
  actionLevel: number,
  hasChildren: boolean,
): DisplayStatut | null | undefined {
  const statut = score.statut ?? (score.concerne ? null : 'non_concerne');
  if (statut !== null || acceptsStatut(node, model, actionLevel, hasChildren)) return statut;
  return undefined;
}

const LEVELS: Record<string, string> = {
  referentiel: 'référentiel',
  axe: 'axe',
  'sous-axe': 'sous-axe',
  action: 'mesure',
  mesure: 'mesure',
  'sous-action': 'sous-action',
  tache: 'tâche',
  theme: 'thème',
  thematique: 'thématique',
  critere: 'critère',
  famille: 'famille',
  pratique: 'pratique',
};

/**
 * French name of a hierarchy level as written in `Referential.hierarchie` (DOMAIN.md vocabulary: the TETE
 * "action" is a mesure): `tache` → "tâche", `theme` → "thème"; unknown names are returned unchanged.
 */
export function levelLabel(level: string | undefined): string {
  if (!level) return '';
  const key = level.toLowerCase();
  if (!(key in LEVELS)) return level;
  return formatLang() === 'fr' ? LEVELS[key]! : tr(`level.${key}`);
}
