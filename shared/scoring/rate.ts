/**
 * The `rate` scoring model (RGAA 4.1.2, accessibility): every critère counts 1 (its `pointReferentiel`, set by the
 * importer), the score is the RGAA's « taux de conformité » — critères conformes ÷ critères applicables.
 * Source: ../shared/docs/DOMAIN.md, "Referentials to support" (rgaa) and "Rules every engine keeps".
 */
import type { ScoringEngine } from './engine';
import { computeLeafSum, scoreLeafBy } from './points';

/**
 * Engine of the `rate` model. StatutRecord mapping (shared/domain.ts, as for the RGESN): avancement `fait` ↔
 * conforme, `pas_fait` ↔ non conforme, `non_renseigne` (or no record) ↔ non évalué, `concerne: false` ↔ non
 * applicable. Per critère (1 point each): conforme → pointFait 1; non conforme → pointPasFait 1; non évalué →
 * pointNonRenseigne 1; non applicable → not concerned, pointPotentiel 0. Thématiques and the root sum their
 * critères, so their points are counts of critères.
 * Root `score` = conformes ÷ (conformes + non conformes), a fraction 0..1 — non applicable and non évalué are left
 * out (DOMAIN.md: « conformes ÷ applicables ») — or null when no applicable critère is evaluated (never NaN); the
 * same rule as `ratioFait('rate', …)` for every node. `niveau` = the highest of `referential.niveaux` with seuil ≤
 * score, compared on the exact fraction (the RGAA importer gives « Non conforme » at 0, « Partiellement conforme »
 * at 0.5, « Totalement conforme » at 1: 53 conformes sur 107 = 49,53 % stays « Non conforme »). `completude` =
 * (évalués + non applicables) ÷ critères. `programme` / `detaille` are not RGAA statuts (the API refuses them); if
 * stored they are split as in the points model and leave the ratio.
 */
export const rateEngine: ScoringEngine = {
  model: 'rate',
  compute(referential, statuts, personnalisation = {}) {
    return computeLeafSum(
      referential,
      statuts,
      personnalisation,
      scoreLeafBy({ fait: 'conforme', pasFait: 'non_conforme', nonConcerne: 'non_applicable' }),
      (m) => {
        const applicables = m.fait + m.pasFait;
        return applicables > 0 ? m.fait / applicables : null;
      },
    );
  },
};
