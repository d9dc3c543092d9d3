/**
 * Step 6 of the `tete` engine (tete-referentials.md §2.3): score-override rules (`score` type, §2.5), written in the
 * formula language of §2.6. The rules come from the referential itself (`meta['regle.score']`, parsed once per
 * Referential object by `reglesDuType`) and from the caller's `scoreFormule` consequences, which win on the same node.
 */
import type { Referential } from '../domain';
import { asNombre, evaluateFormula, parseRegle, reglesDuType, type Formula } from '../formula';
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

/** A score formula at a pre-order position of the structure. */
export interface ScoreFormulaAt {
  position: number;
  formula: Formula;
}

/**
 * Score formulas in pre-order: the referential's own `score` rules (when `fromReferential`), with the caller's
 * `scoreFormule` strings winning on the same node. Empty when there is none (step 6 is then a no-op).
 * @throws FormulaError naming the node for a score formula that does not parse (the referential's: see `reglesDuType`).
 */
export function scoreFormulas(referential: Referential, S: TeteStructure, personnalisation: Personnalisation, fromReferential: boolean): ScoreFormulaAt[] {
  const byPosition = new Map<number, Formula>();
  const set = (nodeId: string, f: Formula): void => {
    const i = S.position.get(nodeId);
    if (i !== undefined) byPosition.set(i, f);
  };
  if (fromReferential) for (const [nodeId, regle] of reglesDuType(referential, 'score')) set(nodeId, regle.formula);
  for (const [nodeId, p] of Object.entries(personnalisation)) if (p.scoreFormule) set(nodeId, parseCallerFormule(nodeId, p.scoreFormule));
  return [...byPosition].map(([position, formula]) => ({ position, formula })).sort((x, y) => x.position - y.position);
}

/**
 * Applies step 6 in place on the unrounded arrays (points). Every formula is evaluated first, with `score(x)` the
 * ratio `fait / pot` of x before any override (0 when the potentiel is 0). A node with a non-zero potentiel whose
 * formula gives a number while its own ratio is > 0 gets `factor = result / ratio`; its whole subtree's pointFait is
 * multiplied by it, except the subtrees of deeper nodes with a factor of their own (top-down: the nearest factor
 * wins). Then the ancestors whose points are sums of their children (`summed`) are re-summed bottom-up. Only
 * pointFait changes (§2.9: the parts may then no longer add up to the potentiel). Cost: the formulas' subtrees and
 * ancestors, not the whole tree.
 */
export function applyScoreRegles(S: TeteStructure, pot: Float64Array, fait: Float64Array, formulas: readonly ScoreFormulaAt[], summed: Uint8Array): void {
  if (formulas.length === 0) return;
  const { parent, childStart, childList, size } = S;
  const ratio = (i: number): number => (pot[i] !== 0 ? fait[i]! / pot[i]! : 0);
  const context = {
    score: (id: string): number | null => {
      const i = S.position.get(id);
      return i === undefined ? null : ratio(i);
    },
  };
  const factors = new Map<number, number>();
  for (const { position: i, formula } of formulas) {
    if (pot[i] === 0) continue;
    const result = asNombre(evaluateFormula(formula, context));
    const current = ratio(i);
    if (result !== null && current > 0) factors.set(i, result / current);
  }
  if (factors.size === 0) return;
  const ancestors = new Set<number>();
  for (const [i, f] of factors) {
    for (let j = i; j < i + size[i]!; ) {
      if (j !== i && factors.has(j)) {
        j += size[j]!; // a deeper factor of its own: applied by its own entry
        continue;
      }
      fait[j]! *= f;
      j++;
    }
    for (let p = parent[i]!; p >= 0; p = parent[p]!) ancestors.add(p);
  }
  for (const p of [...ancestors].sort((x, y) => y - x)) {
    if (!summed[p]) continue;
    let sum = 0;
    for (let c = childStart[p]!; c < childStart[p + 1]!; c++) sum += fait[childList[c]!]!;
    fait[p] = sum;
  }
}
