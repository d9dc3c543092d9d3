/**
 * Which criteria a pilote owns (issue 5 item 4: a pilote writes statut, explication and preuves of their own
 * criteria only): a node is theirs when they pilot it or one of its ancestors (tete-referentials.md §6: pilotes
 * attach to mesures; « Mes critères » lists the nodes at or under them, see mes-criteres.ts).
 */
import type { ServiceContext } from './context';
import { prepared } from './context';
import { getReferential } from './referentials';
import { treeIndex } from './tree';

/** Whether person `personId` pilots `nodeId` of `referentialId` or one of its ancestors (false for an unknown referential or node). */
export function ownsNode(ctx: ServiceContext, personId: string, referentialId: string, nodeId: string): boolean {
  const piloted = new Set(
    (prepared(ctx.db, 'SELECT node_id FROM pilote WHERE referential_id = ? AND person_id = ?').all(referentialId, personId) as Array<{ node_id: string }>).map((r) => r.node_id),
  );
  if (piloted.size === 0) return false;
  let ref;
  try {
    ref = getReferential(ctx, referentialId);
  } catch {
    return false;
  }
  const { byId } = treeIndex(ref);
  if (!byId.has(nodeId)) return false;
  for (let id: string | null = nodeId; id !== null; id = byId.get(id)?.parentId ?? null) if (piloted.has(id)) return true;
  return false;
}

/** Whether preuve `preuveId` is attached to at least one node `personId` owns (see `ownsNode`). */
export function ownsPreuve(ctx: ServiceContext, personId: string, preuveId: string): boolean {
  const nodes = prepared(ctx.db, 'SELECT referential_id, node_id FROM preuve_node WHERE preuve_id = ?').all(preuveId) as Array<{ referential_id: string; node_id: string }>;
  return nodes.some((n) => ownsNode(ctx, personId, n.referential_id, n.node_id));
}
