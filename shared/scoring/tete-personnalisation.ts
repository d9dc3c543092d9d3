/**
 * Personnalisation consequences of a TETE referential's own rules for one authority (tete-referentials.md §2.3
 * inputs, §2.5): each `desactivation` rule that gives true deactivates its node, each `reduction` rule that gives a
 * number sets its node's factor. `score` rules are not listed: the engine applies them itself (step 6).
 */
import type { Referential } from '../domain';
import { asDesactivation, asNombre, evaluateFormula, reglesOf, type FormulaContext } from '../formula';
import type { Personnalisation } from './engine';

/**
 * `{ [nodeId]: { desactive?: true, potentielPerso?: factor } }` for `referential` with the authority's identity and
 * answers (answers to questions hidden by their exprVisible must already be dropped, §2.5). Nodes whose rules give
 * null (no consequence) are absent. Factors are fractions (5/4 = 1.25), applied to pointReferentiel by the engine.
 * @throws FormulaError when a rule of the referential does not parse (see `reglesOf`).
 */
export function personnalisationOf(referential: Referential, context: Pick<FormulaContext, 'identite' | 'reponses'>): Personnalisation {
  const result: Personnalisation = {};
  const { byType } = reglesOf(referential);
  for (const [nodeId, regle] of byType.desactivation) {
    if (asDesactivation(evaluateFormula(regle.formula, context))) result[nodeId] = { ...result[nodeId], desactive: true };
  }
  for (const [nodeId, regle] of byType.reduction) {
    const factor = asNombre(evaluateFormula(regle.formula, context));
    if (factor !== null) result[nodeId] = { ...result[nodeId], potentielPerso: factor };
  }
  return result;
}
