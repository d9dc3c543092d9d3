/**
 * The personnalisation formula language of TETE referentials (tete-referentials.md §2.5, §2.6): parse a formula
 * once (`parseFormula`, `parseRegle`, `reglesOf` for a whole referential), evaluate it many times
 * (`evaluateFormula`). Pure TS, no Node.
 */
export type { ChampIdentite, Formula, Litteral, Operateur } from './ast';
export { FormulaError, REGLE_LABEL, REGLE_LABEL_EN, type FormulaOrigin, type RegleType } from './errors';
export { evaluateFormula, type FormulaContext, type IdentiteCollectivite, type Reponse, type Valeur } from './evaluate';
export { tokenize, type Token } from './lexer';
export { parseFormula, POPULATION_TAGS } from './parser';
export { asDesactivation, asNombre, checkResultType, estVisible, parseRegle, questionsOf, REGLE_TYPES, reglesDuType, reglesOf, typeOf, walk, type Regle, type ReglesReferentiel, type TypeValeur } from './regles';
