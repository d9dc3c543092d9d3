/**
 * The `progress` scoring model (Guide de bonnes pratiques numérique responsable v1): a progress bar, not a label —
 * every pratique counts 1 (its `pointReferentiel`, set by the importer) and the score is the share done of what
 * applies. Source: ../shared/docs/DOMAIN.md, "Referentials to support" (gbp-nr) and "Rules every engine keeps".
 */
import type { ScoringEngine } from './engine';
import { computeLeafSum, scoreLeafBy } from './points';

/**
 * Engine of the `progress` model. Per pratique (1 point each): fait → pointFait 1; programmé → pointProgramme 1;
 * pas fait → pointPasFait 1; non renseigné (or no record) → pointNonRenseigne 1; non concerné (`concerne: false`)
 * → pointPotentiel 0. Familles and the root sum their pratiques (counts).
 * Root `score` = fait ÷ (fait + programmé + pas fait), a fraction 0..1: non concerné and non renseigné are left out
 * (DOMAIN.md « done ÷ applicable »); null when no applicable pratique is renseignée (never NaN); the same rule as
 * `ratioFait('progress', …)` for every node. `niveau` from `referential.niveaux` (none for the guide).
 * `completude` = (renseignées + non concernées) ÷ pratiques. A stored `detaille` (not a statut of this model: the
 * API refuses it) would be split by its triplet.
 */
export const progressEngine: ScoringEngine = {
  model: 'progress',
  compute(referential, statuts, personnalisation = {}) {
    return computeLeafSum(
      referential,
      statuts,
      personnalisation,
      scoreLeafBy({ fait: 'fait', pasFait: 'pas_fait', nonConcerne: 'non_concerne' }),
      (m) => {
        const renseignees = m.fait + m.programme + m.pasFait;
        return renseignees > 0 ? m.fait / renseignees : null;
      },
    );
  },
};
