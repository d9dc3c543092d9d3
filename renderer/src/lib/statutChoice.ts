/**
 * What the statut selector of the panel shows and asks, by the TETE rules of tete-referentials.md §2.1:
 * which radio is checked (none on a sous-action « détaillé à la tâche », whose score comes from its tâches), the
 * note on a tâche whose sous-action carries its own statut, and the confirmation asked before the cascade
 * (a statut on such a tâche resets the sous-action's own statut to non renseigné).
 */
import type { DisplayStatut, ScoringModel, Statut } from '../../../shared/domain';
import { tr } from '../i18n/tr';
import { statutLabel } from './statuts';

/**
 * The radio to check: the stored statut (nothing stored = non renseigné), except on a sous-action shown
 * « Détaillé à la tâche » (no statut of its own, tâches with statuts: §2.1 display statut), where no radio is
 * checked, since « Non renseigné » would contradict its badge.
 */
export function checkedStatut(stored: Statut | null, display: DisplayStatut | null): Statut | null {
  const own = stored ?? 'non_renseigne';
  if (own === 'non_renseigne' && display === 'detaille_a_la_tache') return null;
  return own;
}

/** The parent sous-action of a tâche, with its stored statut (null when none). */
export interface ParentStatut {
  identifiant: string;
  statut: Statut | null;
}

/** Whether the sous-action keeps a statut of its own that the cascade would reset (§2.1: avancement ≠ non renseigné). */
function ownsStatut(parent: ParentStatut | null): parent is ParentStatut & { statut: Statut } {
  return parent !== null && parent.statut !== null && parent.statut !== 'non_renseigne' && parent.statut !== 'non_concerne' && parent.statut !== 'non_applicable';
}

/**
 * The note shown on a tâche « non renseignable » before any change (§2.1 cascade, said as the user then sees it),
 * or null when the parent sous-action has no statut of its own. In the interface's language (`statutChoice.hint`).
 */
export function cascadeHint(parent: ParentStatut | null, model: ScoringModel): string | null {
  if (!ownsStatut(parent)) return null;
  return tr('statutChoice.hint', {
    id: parent.identifiant,
    parent: statutLabel(parent.statut, model),
    nonRenseigne: statutLabel('non_renseigne', model),
    aLaTache: tr('statut.detaille_a_la_tache'),
  });
}

/**
 * The question to ask before saving `statut` on a tâche whose sous-action has a statut of its own (the cascade
 * would discard it), or null when no confirmation is needed (choosing « Non renseigné » triggers no cascade). In the
 * interface's language (`statutChoice.question`).
 */
export function cascadeQuestion(parent: ParentStatut | null, statut: Statut, model: ScoringModel): string | null {
  if (statut === 'non_renseigne' || !ownsStatut(parent)) return null;
  return tr('statutChoice.question', {
    id: parent.identifiant,
    statut: statutLabel(statut, model),
    parent: statutLabel(parent.statut, model),
    nonRenseigne: statutLabel('non_renseigne', model),
  });
}
