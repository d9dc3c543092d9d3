/**
 * The append-only history (ARCHITECTURE.md "One status change"): every write of a service appends its event(s)
 * in the same transaction; a trigger forbids UPDATE and DELETE on the table (migration 001).
 */
import type { ServiceContext } from './context';
import { fromJson, prepared, toJson } from './context';

/** One history event. `at` is ISO 8601; `before`/`after` are the JSON states around the change (null = none). */
export interface HistoryEvent {
  id: number;
  at: string;
  who: string;
  action: string;
  referentialId: string | null;
  nodeId: string | null;
  before: unknown;
  after: unknown;
}

/** What a service records; `at` and `who` come from the context. */
export interface HistoryEntry {
  action: string;
  referentialId?: string | null;
  nodeId?: string | null;
  before?: unknown;
  after?: unknown;
}

interface HistoryRow {
  id: number;
  at: string;
  who: string;
  action: string;
  referential_id: string | null;
  node_id: string | null;
  before: string | null;
  after: string | null;
}

/** Appends one event (call it inside the service's transaction). Returns its id. */
export function appendHistory(ctx: ServiceContext, entry: HistoryEntry): number {
  const insert = prepared(ctx.db, 'INSERT INTO history (at, who, action, referential_id, node_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const info = insert.run(ctx.now(), ctx.user, entry.action, entry.referentialId ?? null, entry.nodeId ?? null, toJson(entry.before), toJson(entry.after));
  return Number(info.lastInsertRowid);
}

/** Filters of `listHistory`; `limit` defaults to 200 (max 5 000). */
export interface HistoryQuery {
  referentialId?: string;
  nodeId?: string;
  limit?: number;
}

/** Events newest first (by id, which follows insertion order), filtered by referential and/or node. */
export function listHistory(ctx: ServiceContext, q: HistoryQuery = {}): HistoryEvent[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.referentialId !== undefined) {
    where.push('referential_id = ?');
    args.push(q.referentialId);
  }
  if (q.nodeId !== undefined) {
    where.push('node_id = ?');
    args.push(q.nodeId);
  }
  const limit = Math.min(Math.max(q.limit ?? 200, 1), 5000);
  const rows = ctx.db
    .prepare(`SELECT * FROM history ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ${limit}`)
    .all(...args) as HistoryRow[];
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    who: r.who,
    action: r.action,
    referentialId: r.referential_id,
    nodeId: r.node_id,
    before: fromJson(r.before),
    after: fromJson(r.after),
  }));
}

/** ISO time of the last recorded change of a referential (or of the workspace when none), or null when empty. */
export function lastChangeAt(ctx: ServiceContext, referentialId?: string): string | null {
  const row = (
    referentialId === undefined
      ? ctx.db.prepare('SELECT at FROM history ORDER BY id DESC LIMIT 1').get()
      : ctx.db.prepare('SELECT at FROM history WHERE referential_id = ? OR referential_id IS NULL ORDER BY id DESC LIMIT 1').get(referentialId)
  ) as { at: string } | undefined;
  return row?.at ?? null;
}
