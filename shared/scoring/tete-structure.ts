/**
 * The scoring view of a TETE tree, computed once per `Referential` object and cached: nodes renumbered in
 * pre-order (a parent before its children, a subtree is a contiguous range), children in CSR arrays, leaf counts.
 * This is what lets the engine run as a handful of linear loops with no per-node tree scans.
 */
import { round3, type Referential } from '../domain';
import { spreadTetePoints, type SpreadNode } from './tete-points';

/**
 * Pre-order arrays over the scored nodes. Index `i` is a pre-order position: the root is 0, the subtree of `i`
 * is `i .. i + size[i] - 1`, a bottom-up pass is a loop from `n - 1` down to 0.
 */
export interface TeteStructure {
  n: number;
  /** Node id by position. */
  ids: string[];
  /** Position by node id (only scored nodes). */
  position: Map<string, number>;
  /** Parent position (-1 for the root). */
  parent: Int32Array;
  depth: Int32Array;
  /** Children of `i` are `childList[childStart[i] .. childStart[i + 1] - 1]`, in natural order. */
  childStart: Int32Array;
  childList: Int32Array;
  /** Subtree size, the node included. */
  size: Int32Array;
  /** Scoring leaves under the node (1 for a leaf): tete-referentials.md §2.3 step 0 `totalTachesCount`. */
  leafCount: Float64Array;
  /** Number of direct children that are leaves (§2.3 step 5, not-concerned quirk). */
  leafChildren: Int32Array;
  /**
   * Structural points by position, unrounded (§1.4 spread of `points` / `pourcentage`), so that sums stay exact
   * (6 pts over 7 tâches); a node whose spread does not round to its stored `pointReferentiel` keeps the stored value.
   */
  pointReferentiel: Float64Array;
}

/** Node types never scored: TE `exemple` rows illustrate a sous-action and carry no statut (§1.1, §8). */
const UNSCORED_TYPES = new Set(['exemple']);

const cache = new WeakMap<Referential, TeteStructure>();

/**
 * Scoring structure of `referential` (cached by object identity; a referential is treated as immutable).
 * The root is the node with `parentId === null` (the one whose id is the referential id when several).
 * Nodes of an unscored type, and nodes not reachable from the root, are left out.
 */
export function teteStructure(referential: Referential): TeteStructure {
  const cached = cache.get(referential);
  if (cached) return cached;
  const built = build(referential);
  cache.set(referential, built);
  return built;
}

function build(referential: Referential): TeteStructure {
  const nodes = referential.nodes;
  const kids = new Map<string, number[]>();
  let rootIndex = -1;
  nodes.forEach((node, i) => {
    if (UNSCORED_TYPES.has(node.type)) return;
    if (node.parentId === null) {
      if (rootIndex === -1 || node.id === referential.id) rootIndex = i;
      return;
    }
    const list = kids.get(node.parentId);
    if (list) list.push(i);
    else kids.set(node.parentId, [i]);
  });
  for (const list of kids.values()) list.sort((a, b) => nodes[a]!.ordre - nodes[b]!.ordre);

  // Iterative pre-order walk.
  const orderSrc: number[] = [];
  const parentPos: number[] = [];
  if (rootIndex >= 0) {
    const stack: [number, number][] = [[rootIndex, -1]];
    while (stack.length > 0) {
      const [src, parent] = stack.pop()!;
      orderSrc.push(src);
      parentPos.push(parent);
      const pos = orderSrc.length - 1;
      const children = kids.get(nodes[src]!.id) ?? [];
      for (let c = children.length - 1; c >= 0; c--) stack.push([children[c]!, pos]);
    }
  }

  const n = orderSrc.length;
  const s: TeteStructure = {
    n,
    ids: orderSrc.map((src) => nodes[src]!.id),
    position: new Map(),
    parent: Int32Array.from(parentPos),
    depth: new Int32Array(n),
    childStart: new Int32Array(n + 1),
    childList: new Int32Array(Math.max(0, n - 1)),
    size: new Int32Array(n).fill(1),
    leafCount: new Float64Array(n),
    leafChildren: new Int32Array(n),
    pointReferentiel: new Float64Array(n),
  };
  const childCount = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const node = nodes[orderSrc[i]!]!;
    s.position.set(node.id, i);
    s.depth[i] = node.depth;
    s.pointReferentiel[i] = node.pointReferentiel;
    if (s.parent[i]! >= 0) childCount[s.parent[i]!]!++;
  }
  for (let i = 0; i < n; i++) s.childStart[i + 1] = s.childStart[i]! + childCount[i]!;
  // Pre-order visits children in natural order, so filling in position order keeps that order.
  const fill = Int32Array.from(s.childStart.subarray(0, n));
  for (let i = 1; i < n; i++) {
    const p = s.parent[i]!;
    s.childList[fill[p]!++] = i;
  }
  for (let i = n - 1; i >= 0; i--) {
    const isLeaf = s.childStart[i + 1] === s.childStart[i];
    if (isLeaf) s.leafCount[i] = 1;
    const p = s.parent[i]!;
    if (p >= 0) {
      s.size[p]! += s.size[i]!;
      s.leafCount[p]! += s.leafCount[i]!;
      if (isLeaf) s.leafChildren[p]!++;
    }
  }
  exactPoints(s, orderSrc.map((src) => nodes[src]!));
  return s;
}

function exactPoints(s: TeteStructure, nodes: Referential['nodes']): void {
  const spread: SpreadNode[] = nodes.map((node, i) => ({
    points: node.points,
    pourcentage: node.pourcentage,
    children: Array.from(s.childList.subarray(s.childStart[i]!, s.childStart[i + 1]!)),
  }));
  const { points } = spreadTetePoints(spread, s.n > 0 ? 0 : -1);
  for (let i = 0; i < s.n; i++) {
    const exact = points[i]!;
    if (Math.abs(round3(exact) - nodes[i]!.pointReferentiel) < 1e-9) s.pointReferentiel[i] = exact;
  }
}
