/**
 * Evaluator of the personnalisation formula language (tete-referentials.md §2.5, §2.6). Pure: reads the
 * authority's identity, its answers and (in score rules) the done-ratios of nodes; never throws on values.
 */
import type { Formula, Litteral } from './ast';

/** A value of the language: boolean, number, string (bare identifier), or null ("no consequence"). */
export type Valeur = boolean | number | string | null;

/** An answer to a personnalisation question (§2.5): binaire → boolean, choix → option id, proportion → 0..1. */
export type Reponse = boolean | string | number;

/** The authority's identity (§2.5 `IdentiteCollectivite`). Unknown fields are null: any test on them is false. */
export interface IdentiteCollectivite {
  type: 'commune' | 'EPCI' | null;
  /** `epci_a_fiscalite_propre` | `syndicat` | `pole`, or null. */
  soustype: string | null;
  /** Cumulative population tags (`moins_de_20000`, `plus_de_3000`, … see POPULATION_TAGS). */
  population: readonly string[];
  /** Overseas (`DOM`) or not (`Metropole`). */
  localisation: 'DOM' | 'Metropole';
  dansAireUrbaine: boolean | null;
}

/**
 * What a formula may read. Every part is optional: without `identite` every `identite(…)` is false, without
 * `reponses` every question is unanswered, without `score` every `score(…)` is null.
 */
export interface FormulaContext {
  identite?: IdentiteCollectivite;
  /** Answers by question id (`AOM_1`, `EP_1`); answers to inactive questions must already be dropped (§2.5). */
  reponses?: ReadonlyMap<string, Reponse>;
  /** Done-ratio of a node, pointFait / pointPotentiel as a fraction (0 when the potentiel is 0), null if unknown. */
  score?: (nodeId: string) => number | null;
}

/**
 * Value of `formula` in `context` (§2.6):
 * - `si c alors a sinon b`: `a` when `c` is true, else `b`; a missing sinon gives null. A condition that is null
 *   or not a boolean counts as false, and so do such operands of `et` / `ou` (which always give a boolean).
 * - Nulls propagate: `+ - * /`, unary minus, comparisons, `min`, `max` with a null operand give null; so do
 *   operands of the wrong type (a string in a sum, `<` between booleans) and a division by zero.
 * - `=` is strict equality of same-typed values (a string never equals a boolean).
 * - `identite(champ, v)`: type / soustype / localisation equal `v`, population contains the tag `v`,
 *   dans_aire_urbaine equals the boolean `v` (`identite(type, syndicat)` was parsed as the soustype test).
 * - `reponse(q, v)`: true when the answer to `q` is strictly `v` (false when unanswered); `reponse(q)`: the answer
 *   itself, null when unanswered.
 * - `score(node)`: `context.score(node)`; `val`, `opt_val`, `limite`, `cible`: null (indicators are out of scope).
 */
export function evaluateFormula(formula: Formula, context: FormulaContext = {}): Valeur {
  switch (formula.kind) {
    case 'litteral':
      return formula.value;
    case 'si':
      if (evaluateFormula(formula.condition, context) === true) return evaluateFormula(formula.alors, context);
      return formula.sinon === null ? null : evaluateFormula(formula.sinon, context);
    case 'binaire': {
      const { op } = formula;
      if (op === 'et') return evaluateFormula(formula.left, context) === true && evaluateFormula(formula.right, context) === true;
      if (op === 'ou') return evaluateFormula(formula.left, context) === true || evaluateFormula(formula.right, context) === true;
      const a = evaluateFormula(formula.left, context);
      const b = evaluateFormula(formula.right, context);
      if (a === null || b === null) return null;
      if (op === '=') return a === b;
      if (typeof a !== 'number' || typeof b !== 'number') return null;
      switch (op) {
        case '<':
          return a < b;
        case '>':
          return a > b;
        case '<=':
          return a <= b;
        case '>=':
          return a >= b;
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '/':
          return b === 0 ? null : a / b;
      }
      return null;
    }
    case 'oppose': {
      const v = evaluateFormula(formula.operand, context);
      return typeof v === 'number' ? -v : null;
    }
    case 'minmax': {
      const a = evaluateFormula(formula.args[0], context);
      const b = evaluateFormula(formula.args[1], context);
      if (typeof a !== 'number' || typeof b !== 'number') return null;
      return formula.fonction === 'min' ? Math.min(a, b) : Math.max(a, b);
    }
    case 'identite':
      return identiteTest(context.identite, formula.champ, formula.valeur);
    case 'reponse': {
      const answer = context.reponses?.get(formula.question);
      if (formula.valeur === null) return answer ?? null;
      return answer !== undefined && answer === (formula.valeur satisfies Litteral);
    }
    case 'score':
      return context.score ? context.score(formula.nodeId) : null;
    case 'indicateur':
      return null;
  }
}

function identiteTest(identite: IdentiteCollectivite | undefined, champ: string, valeur: string | boolean): boolean {
  if (!identite) return false;
  switch (champ) {
    case 'type':
      return identite.type === valeur;
    case 'soustype':
      return identite.soustype === valeur;
    case 'population':
      return typeof valeur === 'string' && identite.population.includes(valeur);
    case 'localisation':
      return identite.localisation === valeur;
    default:
      return identite.dansAireUrbaine === valeur;
  }
}
