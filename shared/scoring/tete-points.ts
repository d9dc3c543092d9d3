/**
 * How TETE points spread down a tree (tete-referentials.md §1.4, the platform's `buildReferentielTree`), unrounded.
 * Shared by the importer (which rounds and stores `pointReferentiel`, and rejects a bad split) and by the engine
 * (which needs the exact values: 6 pts over 7 tâches must still sum to 6, not 5.999).
 */

/** What the spread needs of a node; `children` are indexes into the same array, in any order. */
export interface SpreadNode {
  /** Points as written (null when empty). */
  points: number | null;
  /** Share of the parent in % as written (null when empty). */
  pourcentage: number | null;
  children: readonly number[];
}

/** A parent whose children's explicit percentages do not sum to 100: its index and the sum (in %). */
export interface InvalidSplit {
  index: number;
  sum: number;
}

/** Tolerance on the 100 % check, only against float noise of decimal sums (12.5 + 37.5 + …). */
const SUM_EPSILON = 1e-6;

/**
 * Unrounded structural points of every node reachable from `rootIndex` (others: 0), in points:
 * - equal split: when no child has a non-zero pourcentage and no child has points, each child with an empty
 *   pourcentage gets 100 / (their count) %; an explicit 0 stays 0;
 * - explicit split: when any child has a non-zero pourcentage, they must sum to 100 (else listed in `invalid`;
 *   the computation goes on with the given percentages);
 * - a child without points gets parent points × % / 100 when the parent has points; going back up, a node still
 *   without points gets the sum of its children's points.
 * Never throws.
 */
export function spreadTetePoints(nodes: readonly SpreadNode[], rootIndex: number): { points: number[]; invalid: InvalidSplit[] } {
  const points: (number | null)[] = nodes.map((n) => n.points);
  const pct: (number | null)[] = nodes.map((n) => n.pourcentage);
  const invalid: InvalidSplit[] = [];

  const down = (i: number): void => {
    const kids = nodes[i]!.children;
    if (kids.length > 0) {
      const anyPct = kids.some((k) => (pct[k] ?? 0) !== 0);
      const anyPoints = kids.some((k) => points[k] !== null);
      if (!anyPct && !anyPoints) {
        const empty = kids.filter((k) => pct[k] === null);
        for (const k of empty) pct[k] = 100 / empty.length;
      } else if (anyPct) {
        const sum = kids.reduce((s, k) => s + (pct[k] ?? 0), 0);
        if (Math.abs(sum - 100) > SUM_EPSILON) invalid.push({ index: i, sum });
      }
      const parentPoints = points[i] ?? null;
      if (parentPoints !== null) {
        for (const k of kids) {
          const p = pct[k] ?? null;
          if (points[k] === null && p !== null) points[k] = (parentPoints * p) / 100;
        }
      }
      for (const k of kids) down(k);
    }
    if (points[i] === null) points[i] = kids.reduce((s, k) => s + (points[k] ?? 0), 0);
  };
  if (rootIndex >= 0 && rootIndex < nodes.length) down(rootIndex);
  return { points: points.map((p) => p ?? 0), invalid };
}
