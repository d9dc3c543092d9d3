/**
 * The history a pack carries (issue 6 item 5): every event of the referential and of the workspace as a whole
 * (identity, answers, people), oldest first, each with its sentence in the pack's language (shared/history-words.ts). A jalon's
 * pack stops at the jalon's time, so exporting it again gives the same bytes whatever was recorded since (the
 * history is append-only).
 */
import type { Referential } from '../../../shared/domain';
import { describeEvent } from '../../../shared/history-words';
import type { Lang } from '../../../shared/locale';
import type { PackHistorique } from '../pack/types';
import { type ServiceContext, fromJson, prepared } from './context';
import type { HistoryRow } from './history';

type Row = HistoryRow;

/**
 * The history lines of `ref`'s pack, oldest first; `untilId` keeps only the events up to that history id (the
 * last one recorded when a jalon was taken; 0 = none). `lang` (default French) is the language of each line's
 * sentence (`describeEvent`): an English pack has an English history (issue 8 item 2).
 */
export function packHistorique(ctx: ServiceContext, ref: Referential, untilId?: number, lang: Lang = 'fr'): PackHistorique[] {
  const rows = (
    untilId === undefined
      ? prepared(ctx.db, 'SELECT * FROM history WHERE referential_id = ? OR referential_id IS NULL ORDER BY id').all(ref.id)
      : prepared(ctx.db, 'SELECT * FROM history WHERE (referential_id = ? OR referential_id IS NULL) AND id <= ? ORDER BY id').all(ref.id, untilId)
  ) as Row[];
  const identifiants = new Map(ref.nodes.map((n) => [n.id, n.identifiant]));
  return rows.map((r) => ({
    at: r.at,
    who: r.who,
    action: r.action,
    nodeId: r.node_id,
    identifiant: r.node_id === null ? null : (identifiants.get(r.node_id) ?? null),
    description: describeEvent({ id: r.id, at: r.at, who: r.who, action: r.action, referentialId: r.referential_id, nodeId: r.node_id, before: fromJson(r.before), after: fromJson(r.after) }, ref.model, lang),
  }));
}
