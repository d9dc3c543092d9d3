/**
 * Step 6 of the `tete` engine (tete-referentials.md §2.3): score-override rules (`score` type, §2.5), written in the
 * formula language of §2.6. The rules come from the referential itself (`meta['regle.score']`, parsed once per
 * Referential object by `reglesOf`) and from the caller's `scoreFormule` consequences, which win on the same node.
 */
import type { Referential } from '../domain';
import { asNombre, evaluateFormula, parseRegle, reglesOf, type Formula } from '../formula';
import type { Personnalisation } from './engine';
import type { TeteStructure } from './tete-structure';

/** Caller formulas parsed once by text; bounded so a long session of "what if" edits cannot grow it forever. */
const parsedByText = new Map<string, Formula>();
const MAX_PARSED = 256;

function parseCallerFormule(nodeId: string, formule: string): Formula {
  const key = `${nodeId}\u0000${formule}`;
  let f = parsedByText.get(key);
  if (f === undefined) {
    f = parseRegle(nodeId, 'score', formule);
    if (parsedByText.size >= MAX_PARSED) parsedByText.clear();
    parsedByText.set(key, f);
  }
  return f;
}

/**
 * Score formulas by pre-order position: the referential's own `score` rules (when `fromReferential`), then the
 * caller's `scoreFormule` strings on top. Returns null when there is none (step 6 is then skipped).
 * @throws FormulaError naming the node for a formula that does not parse (the referential's rules: see `reglesOf`).
 */
export function scoreFormulas(referential: Referential, S: TeteStructure, personnalisation: Personnalisation, fromReferential: boolean): (Formula | undefined)[] | null {
  let formulas: (Formula | undefined)[] | null = null;
  const set = (nodeId: string, f: Formula): void => {
    const i = S.position.get(nodeId);
    if (i === undefined) return;
    formulas ??= new Array<Formula | undefined>(S.n);
    formulas[i] = f;
  };
  if (fromReferential) for (const [nodeId, regle] of reglesOf(referential).byType.score) set(nodeId, regle.formula);
  for (const [nodeId, p] of Object.entries(personnalisation)) if (p.scoreFormule) set(nodeId, parseCallerFormule(nodeId, p.scoreFormule));
  return formulas;
}

/**
 * Applies step 6 in place on the unrounded arrays (points): ratios `fait / pot` of every node are taken first (0 when
 * the potentiel is 0); walking top-down, a node with a formula and a non-zero potentiel whose formula gives a number
 * while its own ratio is > 0 gets `factor = result / ratio`, inherited by its subtree; every node under a factor has
 * its pointFait multiplied by it; then nodes whose points are sums of their children (`summed`) are re-summed
 * bottom-up. Only pointFait changes (§2.9: the parts may then no longer add up to the potentiel).
 */
export function applyScoreRegles(S: TeteStructure, pot: Float64Array, fait: Float64Array, formulas: readonly (Formula | undefined)[], summed: Uint8Array): void {
  const { n, parent, childStart, childList } = S;
  const ratio = new Float64Array(n);
  for (let i = 0; i < n; i++) ratio[i] = pot[i] !== 0 ? fait[i]! / pot[i]! : 0;
  const context = {
    score: (id: string): number | null => {
      const i = S.position.get(id);
      return i === undefined ? null : ratio[i]!;
    },
  };
  const factor = new Float64Array(n).fill(NaN);
  let any = false;
  for (let i = 0; i < n; i++) {
    let f = parent[i]! >= 0 ? factor[parent[i]!]! : NaN;
    const formula = formulas[i];
    if (formula !== undefined && pot[i] !== 0) {
      const result = asNombre(evaluateFormula(formula, context));
      if (result !== null && ratio[i]! > 0) f = result / ratio[i]!;
    }
    factor[i] = f;
    if (!Number.isNaN(f)) {
      fait[i]! *= f;
      any = true;
    }
  }
  if (!any) return;
  for (let i = n - 1; i >= 0; i--) {
    if (!summed[i]) continue;
    let sum = 0;
    for (let c = childStart[i]!; c < childStart[i + 1]!; c++) sum += fait[childList[c]!]!;
    fait[i] = sum;
  }
}
