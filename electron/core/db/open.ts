/**
 * Opening a workspace database (ARCHITECTURE.md "Storage"): WAL, foreign keys on, busy_timeout 5000 ms,
 * pending migrations applied one transaction each, the version kept in `PRAGMA user_version`.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { UserError } from '../../../shared/errors';
import { MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

/**
 * `PRAGMA application_id` of a Label Audit database: 0x4C415544, "LAUD" in ASCII (sqlite.org/fileformat.html,
 * offset 68). Written by `openDatabase` (databases created before it carry 0); a restore refuses a file with
 * another non-zero id (backup/inspect.ts).
 */
export const APPLICATION_ID = 0x4c415544;

/**
 * Applies to `db` every migration of `migrations` whose version is above the database's `user_version`, each in
 * its own transaction that also bumps `user_version`. Returns the versions applied. A migration marked
 * `foreignKeysOff` runs with foreign keys off (they cannot change inside a transaction) and commits only if
 * `PRAGMA foreign_key_check` finds nothing; the previous setting is restored whatever happens.
 * Throws UserError('DB_FROM_FUTURE') when the database is newer than the last known migration (nothing written);
 * Error naming the migration when its foreign key check fails (rolled back).
 */
export function migrate(db: Db, file: string, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const latest = migrations.length === 0 ? 0 : Math.max(...migrations.map((m) => m.version));
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) throw fromFuture(file, current, latest);
  const applied: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (m.version <= current) continue;
    const fkWasOn = db.pragma('foreign_keys', { simple: true }) === 1;
    if (m.foreignKeysOff && fkWasOn) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        m.up(db);
        if (m.foreignKeysOff) {
          const violations = db.pragma('foreign_key_check') as unknown[];
          if (violations.length > 0) throw new Error(`Migration ${m.version} (${m.name}) : ${violations.length} clé(s) étrangère(s) rompue(s) ; annulée.`);
        }
        db.pragma(`user_version = ${m.version}`);
      })();
    } finally {
      if (m.foreignKeysOff && fkWasOn) db.pragma('foreign_keys = ON');
    }
    applied.push(m.version);
  }
  return applied;
}

function fromFuture(file: string, found: number, known: number): UserError {
  return new UserError(
    'DB_FROM_FUTURE',
    {
      fr: `La base ${file} a été écrite par une version plus récente de Label Audit (schéma ${found}, cette version connaît le schéma ${known}) : mettez l'application à jour. La base n'a pas été modifiée.`,
      en: `The database ${file} was written by a newer version of Label Audit (schema ${found}, this version knows schema ${known}): update the application. The database was not changed.`,
    },
    { file },
  );
}

/**
 * Opens (creating when missing) the SQLite file `file`, or an in-memory database for `':memory:'`, migrates it and
 * stamps it with APPLICATION_ID. `synchronous = FULL` (SQLite's usual default, set explicitly): in WAL mode every
 * commit is fsynced before the call returns, so a change the user saw saved survives a power cut.
 * A database newer than the app is refused with UserError('DB_FROM_FUTURE') after a read-only look: it is never
 * opened for writing.
 */
export function openDatabase(file: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  if (file !== ':memory:' && existsSync(file)) {
    const probe = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const version = probe.pragma('user_version', { simple: true }) as number;
      const latest = migrations.length === 0 ? 0 : Math.max(...migrations.map((m) => m.version));
      if (version > latest) throw fromFuture(file, version, latest);
    } finally {
      probe.close();
    }
  }
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    if (file !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, file, migrations);
    if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID) db.pragma(`application_id = ${APPLICATION_ID}`);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
