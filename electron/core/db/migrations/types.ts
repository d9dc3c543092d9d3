import type Database from 'better-sqlite3';

/**
 * One schema migration (ARCHITECTURE.md "Storage"): `version` is its number (001 → 1), `up` runs inside the
 * transaction the runner opens, and must not open its own.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}
