/**
 * The history a pack carries (issue 6 item 5): every event of the referential and of the workspace as a whole
 * (identity, answers, people), oldest first, each with its French sentence (shared/history-words.ts). A jalon's
 * pack stops at the jalon's time, so exporting it again gives the same bytes whatever was recorded since (the
 * history is append-only).
 */
import type { Referential } from '../../../shared/domain';
import { describeEvent } from '../../../shared/history-words';
import type { PackHistorique } from '../pack/types';
import { type ServiceContext, fromJson, prepared } from './context';

interface Row {
  id: number;
  at: string;
  who: string;
  action: string;
  referential_id: string | null;
  node_id: string | null;
  before: string | null;
  after: string | null;
}

/**
 * The history lines of `ref`'s pack, oldest first; `until` (ISO 8601) keeps only the events recorded at or before
 * it (a jalon's time).
 */
export function packHistorique(ctx: ServiceContext, ref: Referential, until?: string): PackHistorique[] {
  const rows = (
    until === undefined
      ? prepared(ctx.db, 'SELECT * FROM history WHERE referential_id = ? OR referential_id IS NULL ORDER BY id').all(ref.id)
      : prepared(ctx.db, 'SELECT * FROM history WHERE (referential_id = ? OR referential_id IS NULL) AND at <= ? ORDER BY id').all(ref.id, until)
  ) as Row[];
  const identifiants = new Map(ref.nodes.map((n) => [n.id, n.identifiant]));
  return rows.map((r) => ({
    at: r.at,
    who: r.who,
    action: r.action,
    nodeId: r.node_id,
    identifiant: r.node_id === null ? null : (identifiants.get(r.node_id) ?? null),
    description: describeEvent({ id: r.id, at: r.at, who: r.who, action: r.action, referentialId: r.referential_id, nodeId: r.node_id, before: fromJson(r.before), after: fromJson(r.after) }, ref.model),
  }));
}
