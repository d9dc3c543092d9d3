import type Database from 'better-sqlite3';

/**
 * One schema migration (ARCHITECTURE.md "Storage"): `version` is its number (001 → 1), `up` runs inside the
 * transaction the runner opens, and must not open its own.
 */
export interface Migration {
  version: number;
  name: string;
  /**
   * Set on a migration that rebuilds a table other tables point to (SQLite's documented table rebuild): the runner
   * turns foreign keys off around its transaction (a DROP TABLE would otherwise cascade to the children), runs
   * `PRAGMA foreign_key_check` before committing (any violation rolls the migration back) and turns them on again.
   */
  foreignKeysOff?: boolean;
  up(db: Database.Database): void;
}
