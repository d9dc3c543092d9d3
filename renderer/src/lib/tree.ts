/**
 * The referential tree as the Référentiel screen walks it: children by parent, the visible rows for a set of
 * expanded nodes, and the search filter (by identifiant or title, accents and case ignored).
 * Node order is the referential's (natural order of identifiants, tete-referentials.md §1.2).
 */
import type { Referential, ReferentialNode } from '../../../shared/domain';

/** Index of a referential: nodes by id and children ids by parent id (root included). */
export interface TreeIndex {
  root: ReferentialNode;
  byId: Map<string, ReferentialNode>;
  children: Map<string, ReferentialNode[]>;
}

/**
 * Builds the index of `referential.nodes` (root = the node with `parentId === null`).
 * @throws Error when the referential has no root (a broken referential: the core never returns one).
 */
export function indexTree(referential: Pick<Referential, 'id' | 'nodes'>): TreeIndex {
  const byId = new Map<string, ReferentialNode>();
  const children = new Map<string, ReferentialNode[]>();
  let root: ReferentialNode | undefined;
  for (const n of referential.nodes) {
    byId.set(n.id, n);
    if (n.parentId === null) {
      root = n;
      continue;
    }
    const list = children.get(n.parentId);
    if (list) list.push(n);
    else children.set(n.parentId, [n]);
  }
  if (!root) throw new Error(`Le référentiel ${referential.id} n'a pas de racine.`);
  for (const list of children.values()) list.sort((a, b) => a.ordre - b.ordre);
  return { root, byId, children };
}

/** Lower-case, accents removed: "Mobilité Électrique" → "mobilite electrique". */
export function normalizeSearch(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
}

/**
 * Whether a query is an identifiant rather than words: `1`, `1.2.3`, `1.2.`, TE's `1.1.6.3.a`, or a node id with its
 * referential prefix (`cae_1.1.1`). Returns the identifiant part (lower case, no prefix), or null for words.
 */
export function identifiantQuery(query: string): string | null {
  const q = normalizeSearch(query);
  const m = /^(?:[a-z][a-z0-9-]*_)?(\d[0-9a-z]*(?:\.[0-9a-z]+)*\.?)$/.exec(q);
  return m ? m[1]! : null;
}

/**
 * Whether a node matches the query. An identifiant query matches by whole segments: the node itself and what lies
 * under it (`1.2.3.2.1` matches `1.2.3.2.1` and `1.2.3.2.1.4`, never `1.2.3.2.10`; `1.2.` matches what is under
 * `1.2`). Other queries match when every word is in the title (case and accents ignored).
 */
export function nodeMatches(node: ReferentialNode, query: string): boolean {
  const q = normalizeSearch(query);
  if (q === '') return true;
  const ident = identifiantQuery(q);
  if (ident !== null) {
    const own = node.identifiant.toLowerCase();
    if (ident.endsWith('.')) return own.startsWith(ident);
    return own === ident || own.startsWith(`${ident}.`);
  }
  const nom = normalizeSearch(node.nom);
  return q.split(/\s+/).every((word) => nom.includes(word));
}

/** One visible row of the tree. */
export interface TreeRow {
  node: ReferentialNode;
  /** 0 for axes (depth 1 nodes are shown at level 0). */
  level: number;
  hasChildren: boolean;
  expanded: boolean;
}

/**
 * The rows to show, depth-first, below the root (not shown).
 * Without a query: children of expanded nodes only. With a query: every matching node and its ancestors, all
 * expanded except those in `collapsed` (folded by the user during this search), so a match deep in the tree is
 * visible at once and the ▾ buttons still fold. `filter` (lib/treeFilters.ts), when given, works like a query:
 * a node is a match when it passes the filter and the query.
 */
export function visibleRows(
  index: TreeIndex,
  expanded: ReadonlySet<string>,
  query = '',
  collapsed: ReadonlySet<string> = new Set(),
  filter?: (node: ReferentialNode) => boolean,
): TreeRow[] {
  const rows: TreeRow[] = [];
  const searching = normalizeSearch(query) !== '' || filter !== undefined;
  let keep: Set<string> | null = null;
  if (searching) {
    keep = new Set();
    for (const node of index.byId.values()) {
      if (node.parentId === null || !nodeMatches(node, query) || (filter !== undefined && !filter(node))) continue;
      for (let cur: ReferentialNode | undefined = node; cur && cur.parentId !== null; cur = index.byId.get(cur.parentId)) {
        if (keep.has(cur.id)) break;
        keep.add(cur.id);
      }
    }
  }
  const walk = (parentId: string, level: number) => {
    for (const node of index.children.get(parentId) ?? []) {
      if (keep && !keep.has(node.id)) continue;
      const hasChildren = (index.children.get(node.id)?.length ?? 0) > 0;
      const open = searching ? !collapsed.has(node.id) : expanded.has(node.id);
      rows.push({ node, level, hasChildren, expanded: hasChildren && open });
      if (hasChildren && open) walk(node.id, level + 1);
    }
  };
  walk(index.root.id, 0);
  return rows;
}

/** Ids of every node that has children (for « Tout déplier »), root excluded. */
export function expandableIds(index: TreeIndex): string[] {
  return [...index.children.keys()].filter((id) => id !== index.root.id);
}

/** Ids of `nodeId` and all its ancestors up to (not including) the root: to expand the path to a node. */
export function ancestorsOf(index: TreeIndex, nodeId: string): string[] {
  const out: string[] = [];
  for (let cur = index.byId.get(nodeId); cur && cur.parentId !== null; cur = index.byId.get(cur.parentId)) out.push(cur.id);
  return out;
}

/** The nodes at depth 1 (axes, thèmes, thématiques), in order. */
export function axesOf(index: TreeIndex): ReferentialNode[] {
  return index.children.get(index.root.id) ?? [];
}
