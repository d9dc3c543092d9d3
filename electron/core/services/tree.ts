/** Cached lookups on a referential tree (by id, children by parent), computed once per tree object. */
import type { Referential, ReferentialNode } from '../../../shared/domain';

export interface TreeIndex {
  byId: Map<string, ReferentialNode>;
  children: Map<string, ReferentialNode[]>;
}

const indexes = new WeakMap<Referential, TreeIndex>();

/** The index of `ref` (built on first call, then reused while the tree object lives in the cache). */
export function treeIndex(ref: Referential): TreeIndex {
  let idx = indexes.get(ref);
  if (!idx) {
    const byId = new Map<string, ReferentialNode>();
    const children = new Map<string, ReferentialNode[]>();
    for (const n of ref.nodes) {
      byId.set(n.id, n);
      if (n.parentId !== null) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n]);
    }
    idx = { byId, children };
    indexes.set(ref, idx);
  }
  return idx;
}

/** Whether `node` has no children in `ref`. */
export function isLeaf(ref: Referential, nodeId: string): boolean {
  return (treeIndex(ref).children.get(nodeId)?.length ?? 0) === 0;
}
