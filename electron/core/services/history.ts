/**
 * The append-only history (ARCHITECTURE.md "One status change"): every write of a service appends its event(s)
 * in the same transaction; a trigger forbids UPDATE and DELETE on the table (migration 001).
 */
import type { ServiceContext } from './context';
import { fromJson, prepared, toJson } from './context';
import { UserError } from '../../../shared/errors';

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

/** A row of the append-only `history` table (migration 001). */
export interface HistoryRow {
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

/**
 * Filters of `listHistory` (issue 6 item 5, the timeline): `who` an author exactly; `action` an action
 * (`statut.set`) or a family (`statut` matches every `statut.*`); `from` / `to` days YYYY-MM-DD, inclusive, on
 * the UTC date of `at`; `limit` defaults to 200 (max 5 000).
 */
export interface HistoryQuery {
  referentialId?: string;
  nodeId?: string;
  who?: string;
  action?: string;
  from?: string;
  to?: string;
  limit?: number;
}

function checkDay(day: string, field: 'from' | 'to'): void {
  const d = new Date(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== day) {
    throw new UserError(
      'INPUT_INVALID',
      {
        fr: `La date ${field === 'from' ? 'de début' : 'de fin'} du filtre de l'historique « ${day} » n'est pas une date valide (AAAA-MM-JJ).`,
        en: `The ${field === 'from' ? 'start' : 'end'} date of the history filter “${day}” is not a valid date (YYYY-MM-DD).`,
      },
      { field },
    );
  }
}

/**
 * Events newest first (by id, which follows insertion order), filtered as `HistoryQuery` says.
 * @throws UserError INPUT_INVALID for a date that is not a real YYYY-MM-DD day, or a start after the end.
 */
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
  if (q.who !== undefined) {
    where.push('who = ?');
    args.push(q.who);
  }
  if (q.action !== undefined) {
    where.push(q.action.includes('.') ? 'action = ?' : "(action = ? OR substr(action, 1, length(?) + 1) = ? || '.')");
    args.push(...(q.action.includes('.') ? [q.action] : [q.action, q.action, q.action]));
  }
  if (q.from !== undefined) checkDay(q.from, 'from');
  if (q.to !== undefined) checkDay(q.to, 'to');
  if (q.from !== undefined && q.to !== undefined && q.from > q.to) {
    throw new UserError(
      'INPUT_INVALID',
      { fr: `Le filtre de l'historique commence le ${q.from}, après sa fin le ${q.to}.`, en: `The history filter starts on ${q.from}, after its end on ${q.to}.` },
      { field: 'from' },
    );
  }
  if (q.from !== undefined) {
    where.push('at >= ?');
    args.push(q.from);
  }
  if (q.to !== undefined) {
    where.push('substr(at, 1, 10) <= ?');
    args.push(q.to);
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

/** The authors of the history, in alphabetical order (the timeline's « qui » filter). */
export function historyAuthors(ctx: ServiceContext): string[] {
  const rows = prepared(ctx.db, 'SELECT DISTINCT who FROM history').pluck().all() as string[];
  return rows.sort((a, b) => a.localeCompare(b, 'fr'));
}
