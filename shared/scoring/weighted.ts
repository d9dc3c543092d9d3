/**
 * The `weighted` scoring model (RGESN 2024): each critère weighs 1.5 (Prioritaire), 1.25 (Recommandé) or 1
 * (Modéré), its `pointReferentiel` set by the importer. Source: ../shared/docs/DOMAIN.md, "Referentials to
 * support" (RGESN) and "Rules every engine keeps".
 */
import type { ScoringEngine } from './engine';
import { computeLeafSum, scoreLeafBy } from './points';

/**
 * Engine of the `weighted` model. StatutRecord mapping (shared/domain.ts): avancement `fait` ↔ conforme,
 * `pas_fait` ↔ non conforme, `non_renseigne` (or no record) ↔ non évalué, `concerne: false` ↔ non applicable.
 * Per critère (in points = weight): conforme → pointFait = weight; non conforme → pointPasFait = weight;
 * non évalué → pointNonRenseigne = weight; non applicable → not concerned, pointPotentiel 0. Display statut:
 * conforme / non_conforme / non_applicable, null when non évalué. Thématiques and the root sum their critères.
 * Root `score` = Σ weights conformes ÷ Σ weights évalués (conformes + non conformes), a fraction 0..1: non évalué
 * and non applicable are excluded from the denominator (DOMAIN.md); null when that denominator is 0.
 * `completude` = (critères évalués + non applicables) ÷ critères. `niveau`: from `referential.niveaux`
 * (none for the RGESN). `programme` / `detaille` are not RGESN statuts (the API refuses them); if stored they are
 * scored as in the points model and count as évalués.
 */
export const weightedEngine: ScoringEngine = {
  model: 'weighted',
  compute(referential, statuts, personnalisation = {}) {
    return computeLeafSum(
      referential,
      statuts,
      personnalisation,
      scoreLeafBy({ fait: 'conforme', pasFait: 'non_conforme', nonConcerne: 'non_applicable' }),
      (m) => {
        const evalues = m.potentiel - m.nonRenseigne;
        return evalues > 0 ? m.fait / evalues : null;
      },
    );
  },
};
