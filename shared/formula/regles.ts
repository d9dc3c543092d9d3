/**
 * The personnalisation rules a referential carries (tete-referentials.md §1.3 `personnalisation_regle`, §2.5):
 * at most one `desactivation`, `reduction` and `score` formula per node, kept by the importers as
 * `node.meta['regle.desactivation' | 'regle.reduction' | 'regle.score']`. Parsed once per Referential object.
 */
import type { Referential } from '../domain';
import type { Formula } from './ast';
import { FormulaError, REGLE_LABEL_EN, type FormulaOrigin, type RegleType } from './errors';
import { evaluateFormula, type FormulaContext, type Valeur } from './evaluate';
import { parseFormula } from './parser';

/** One parsed rule of a node. */
export interface Regle {
  nodeId: string;
  type: RegleType;
  /** Source text, as in the referential. */
  formule: string;
  formula: Formula;
}

/** The rules of a referential: all of them in node order, and by type then node id. */
export interface ReglesReferentiel {
  list: readonly Regle[];
  byType: Record<RegleType, ReadonlyMap<string, Regle>>;
}

export const REGLE_TYPES: readonly RegleType[] = ['desactivation', 'reduction', 'score'];

const cache = new WeakMap<Referential, ReglesReferentiel>();
const cacheByType = new WeakMap<Referential, Partial<Record<RegleType, ReadonlyMap<string, Regle>>>>();

/**
 * Parsed rules of `referential` (cached by object identity; a referential is treated as immutable). Empty formulas
 * (blank cells) are no rule. Importers call it to validate a referential's rules before accepting it.
 * @throws FormulaError naming the node and rule type, for a formula that does not parse (see `parseFormula`),
 *   a `score(…)` outside a score rule, a `score(…)` of a node the referential does not have, or a rule that cannot
 *   give the type of its kind (a désactivation a boolean, a réduction or score rule a number: `checkResultType`).
 */
export function reglesOf(referential: Referential): ReglesReferentiel {
  const cached = cache.get(referential);
  if (cached) return cached;
  const nodeIds = new Set(referential.nodes.map((n) => n.id));
  const list: Regle[] = [];
  const byType: Record<RegleType, Map<string, Regle>> = { desactivation: new Map(), reduction: new Map(), score: new Map() };
  for (const node of referential.nodes) {
    for (const type of REGLE_TYPES) {
      const regle = regleAt(node, type, nodeIds);
      if (regle === null) continue;
      list.push(regle);
      byType[type].set(node.id, regle);
    }
  }
  const built: ReglesReferentiel = { list, byType };
  cache.set(referential, built);
  return built;
}

/**
 * The parsed rules of one type only, by node id (cached by object identity, like `reglesOf`, whose result it reuses
 * when already built). The scoring engine reads the `score` rules this way, so a referential's other rules are
 * neither parsed nor able to fail the score.
 * @throws FormulaError as `reglesOf`, for the rules of that type.
 */
export function reglesDuType(referential: Referential, type: RegleType): ReadonlyMap<string, Regle> {
  const full = cache.get(referential);
  if (full) return full.byType[type];
  let perType = cacheByType.get(referential);
  const cached = perType?.[type];
  if (cached) return cached;
  const nodeIds = new Set(referential.nodes.map((n) => n.id));
  const map = new Map<string, Regle>();
  for (const node of referential.nodes) {
    const regle = regleAt(node, type, nodeIds);
    if (regle !== null) map.set(node.id, regle);
  }
  perType ??= {};
  perType[type] = map;
  cacheByType.set(referential, perType);
  return map;
}

function regleAt(node: Referential['nodes'][number], type: RegleType, nodeIds: ReadonlySet<string>): Regle | null {
  const formule = node.meta[`regle.${type}`];
  if (formule === undefined || formule.trim() === '') return null;
  const formula = parseRegle(node.id, type, formule, nodeIds);
  // A referential's rule must give the type of its kind (a caller's own score formula may give anything: null effect).
  checkResultType(formule, formula, type, { nodeId: node.id, regle: type });
  return { nodeId: node.id, type, formule, formula };
}

/**
 * Parses one rule of node `nodeId`. `score(x)` is allowed only in a `score` rule (§2.6), and, when `nodeIds` is
 * given, `x` must be one of them.
 * @throws FormulaError « Formule de <nodeId> (<type>), colonne C : … ».
 */
export function parseRegle(nodeId: string, type: RegleType, formule: string, nodeIds?: ReadonlySet<string>): Formula {
  const origin = { nodeId, regle: type };
  const formula = parseFormula(formule, origin);
  walk(formula, (f) => {
    if (f.kind !== 'score') return;
    if (type !== 'score') throw new FormulaError(formule, f.offset, { fr: "« score » n'est permis que dans une règle de score", en: '“score” is only allowed in a score rule' }, origin);
    if (nodeIds && !nodeIds.has(f.nodeId)) throw new FormulaError(formule, f.offset, { fr: `nœud « ${f.nodeId} » inconnu dans ce référentiel`, en: `node “${f.nodeId}” unknown in this referential` }, origin);
  });
  return formula;
}

/** Calls `visit` on every node of the tree, parents first. */
export function walk(formula: Formula, visit: (f: Formula) => void): void {
  visit(formula);
  switch (formula.kind) {
    case 'si':
      walk(formula.condition, visit);
      walk(formula.alors, visit);
      if (formula.sinon) walk(formula.sinon, visit);
      return;
    case 'binaire':
      walk(formula.left, visit);
      walk(formula.right, visit);
      return;
    case 'oppose':
      walk(formula.operand, visit);
      return;
    case 'minmax':
      walk(formula.args[0], visit);
      walk(formula.args[1], visit);
      return;
    default:
      return;
  }
}

/** Question ids a formula reads through `reponse(…)`, in order of first appearance. */
export function questionsOf(formula: Formula): string[] {
  const ids = new Set<string>();
  walk(formula, (f) => {
    if (f.kind === 'reponse') ids.add(f.question);
  });
  return [...ids];
}

/** A désactivation rule's consequence (§2.3 step 2): deactivated only when the formula gives true. */
export function asDesactivation(v: Valeur): boolean {
  return v === true;
}

/** A réduction or score rule's consequence: a finite number, else null ("no factor" / "no override", §2.6). */
export function asNombre(v: Valeur): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * Whether a question is shown (§2.5 `exprVisible`): always when it has no formula, else only when its formula
 * gives true (a missing `sinon` gives null: hidden).
 */
export function estVisible(formula: Formula | null, context: FormulaContext): boolean {
  return formula === null || evaluateFormula(formula, context) === true;
}

/** The static type of a formula's value: what a désactivation (boolean) or a réduction / score (number) may give. */
export type TypeValeur = 'booleen' | 'nombre' | 'texte' | 'inconnu';

/**
 * The static type of `f` (§2.6): comparisons, `et`, `ou`, `identite(…)` and `reponse(q, v)` are booleans;
 * arithmetic, `min`, `max`, `score(…)` and number literals are numbers; a bare identifier is a text; `reponse(q)` is
 * what `typeOfAnswer(q)` says (unknown without a question pool); `si` has its branches' type when they agree.
 */
export function typeOf(f: Formula, typeOfAnswer: (question: string) => TypeValeur = () => 'inconnu'): TypeValeur {
  switch (f.kind) {
    case 'litteral':
      return typeof f.value === 'boolean' ? 'booleen' : typeof f.value === 'number' ? 'nombre' : 'texte';
    case 'identite':
      return 'booleen';
    case 'reponse':
      return f.valeur === null ? typeOfAnswer(f.question) : 'booleen';
    case 'binaire':
      return ['ou', 'et', '=', '<', '>', '<=', '>='].includes(f.op) ? 'booleen' : 'nombre';
    case 'oppose':
    case 'minmax':
    case 'score':
      return 'nombre';
    case 'indicateur':
      return 'inconnu';
    case 'si': {
      const a = typeOf(f.alors, typeOfAnswer);
      const b = f.sinon === null ? a : typeOf(f.sinon, typeOfAnswer);
      return a === b ? a : 'inconnu';
    }
  }
}

/** Every expression whose value a rule returns: the formula itself, or each branch of its `si … alors … sinon`. */
function resultLeaves(f: Formula): Formula[] {
  if (f.kind !== 'si') return [f];
  return [...resultLeaves(f.alors), ...(f.sinon ? resultLeaves(f.sinon) : [])];
}

/**
 * Refuses a rule whose value cannot be of its type (§2.5): a désactivation must give a boolean (VRAI / FAUX), a
 * réduction or a score rule a number. `typeOfAnswer` resolves `reponse(q)` once the question pool is known.
 * @throws FormulaError naming the rule and the column of the first wrong branch.
 */
export function checkResultType(formule: string, formula: Formula, type: RegleType, origin: FormulaOrigin, typeOfAnswer?: (question: string) => TypeValeur): void {
  const want: TypeValeur = type === 'desactivation' ? 'booleen' : 'nombre';
  for (const leaf of resultLeaves(formula)) {
    const got = typeOf(leaf, typeOfAnswer);
    if (got === 'inconnu' || got === want) continue;
    const words: Record<TypeValeur, string> = { booleen: 'un booléen (VRAI / FAUX)', nombre: 'un nombre', texte: 'un texte', inconnu: '?' };
    const wordsEn: Record<TypeValeur, string> = { booleen: 'a boolean (VRAI / FAUX)', nombre: 'a number', texte: 'a text', inconnu: '?' };
    throw new FormulaError(
      formule,
      leaf.offset,
      {
        fr: `une règle de ${type === 'desactivation' ? 'désactivation' : type === 'reduction' ? 'réduction' : 'score'} doit donner ${words[want]}, pas ${words[got]}`,
        en: `a ${REGLE_LABEL_EN[type]} rule must give ${wordsEn[want]}, not ${wordsEn[got]}`,
      },
      origin,
    );
  }
}
