/**
 * What every service of one open workspace shares: the database, the evidence store, the user's name for the
 * history, a clock, and the cache of referential trees (ARCHITECTURE.md "One status change, end to end").
 */
import type { Referential } from '../../../shared/domain';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open';
import type { EvidenceStore } from '../evidence/store';
import { storageError } from '../storage-errors';

export interface ServiceContext {
  db: Db;
  evidence: EvidenceStore;
  /** Data dir root (exports go to `<dataDir>/exports`). */
  dataDir: string;
  workspaceId: string;
  /** Name written in `modified_by`, `added_by` and history `who`. */
  user: string;
  /** Current time as an ISO 8601 string (injected so tests and the demo are reproducible). */
  now: () => string;
  /** Referential trees by id, loaded from the store on first use, dropped on import. */
  cache: Map<string, Referential>;
}

/**
 * Runs `fn` in one SQLite transaction (all or nothing) and returns its result. The clock is frozen meanwhile, so
 * every row and history event of one operation carries the same timestamp. A storage failure (disk full, read-only
 * database, I/O error) rolls the transaction back and is thrown as a French UserError naming the database
 * (storage-errors.ts); other errors pass unchanged.
 */
export function inTransaction<T>(ctx: ServiceContext, fn: () => T): T {
  const clock = ctx.now;
  const at = clock();
  ctx.now = () => at;
  try {
    return ctx.db.transaction(fn)();
  } catch (e) {
    throw storageError(e, ctx.dataDir, ctx.db.name);
  } finally {
    ctx.now = clock;
  }
}

const statements = new WeakMap<Db, Map<string, Statement>>();

/**
 * `db.prepare(sql)`, compiled once per database and SQL text (hot paths: a statut change runs about ten
 * statements; compiling each every time was a visible share of it).
 */
export function prepared(db: Db, sql: string): Statement {
  let bySql = statements.get(db);
  if (!bySql) statements.set(db, (bySql = new Map()));
  let statement = bySql.get(sql);
  if (!statement) bySql.set(sql, (statement = db.prepare(sql)));
  return statement;
}

/** JSON text of `value`, or null for null/undefined (for the JSON columns). */
export function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/** Parses a JSON column (null stays null). */
export function fromJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}
