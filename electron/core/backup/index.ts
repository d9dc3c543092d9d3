/**
 * Backups and restore of the open workspace (issue 7 item 2), bound to its ServiceContext:
 * - automatic backups: daily (at start, when the last daily one is 24 h old or more), before a schema migration
 *   (`backupBeforeMigration`, before the database is opened for writing) and before every referential import;
 * - manual ones (« Sauvegarder maintenant », `label-audit backup [--out FICHIER]`);
 * - restore of a backup file, taking a backup of the current state first, swapping the database file while the
 *   connection is closed, then reopening it in place (the Core object and its callers stay valid).
 * Files, names and rotation: files.ts and names.ts. A backup holds the database only (see files.ts for why the
 * evidence store needs no copy).
 */
import { jobEvents } from '../job-events';
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, realpathSync, renameSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UserError, isUserError, type Bilingual } from '../../../shared/errors';
import { SCHEMA_VERSION } from '../db/migrations';
import { openDatabase } from '../db/open';
import { fsyncDir, fsyncFile, removeQuietly, sweepTempFiles } from '../durable-fs';
import type { ServiceContext } from '../services/context';
import { storageError } from '../storage-errors';
import { BACKUP_TEMP_PREFIX, backupDatabase, backupsDir, listBackups, writeBackup, type BackupProgressOptions } from './files';
import { type DatabaseSummary, inspectDatabaseFile } from './inspect';
import { type BackupInfo, type BackupKind, dailyBackupDue, parseBackupFileName } from './names';

export { BACKUP_KEEP, BACKUP_KINDS, type BackupInfo, type BackupKind } from './names';
export type { DatabaseSummary } from './inspect';

/** What the Sauvegardes screen shows: the folder, the backups newest first, the last automatic backup's failure. */
export interface BackupList {
  dir: string;
  backups: BackupInfo[];
  /** French message of the last failed automatic backup of this session (null when none failed). */
  lastError: string | null;
  /** The same message in English (issue 8 item 2: the screen shows the one of its language); null when none failed. */
  lastErrorEn: string | null;
}

/** Outcome of a restore: what was restored, the backup of the replaced state, preuves whose file is missing. */
export interface RestoreResult {
  /** The file restored, as the user named it (a backup name, or a path). */
  restored: string;
  summary: DatabaseSummary;
  /** The backup of the state the restore replaced (kind `avant-restauration`). */
  previous: BackupInfo;
  /** File preuves of the restored database whose bytes are not in the evidence store (0 normally, see files.ts). */
  missingEvidence: number;
}

/** The backup operations of one open workspace. Each may throw UserError (see each). */
export interface Backups {
  /** `<dataDir>/sauvegardes/<workspaceId>`. */
  readonly dir: string;
  list(): BackupList;
  /**
   * Takes a backup now (default kind `manuelle`). Throws UserError FILE_UNREADABLE (folder not writable, disk full)
   * naming the folder.
   */
  create(kind?: BackupKind): Promise<BackupInfo>;
  /**
   * The same as `create`, as events (the `backups.createProgress` subscription): `progress` (pages copied of the
   * total, at most every 100 ms and once at the end) then `done` with the backup. An aborted `signal` (or leaving
   * the loop) stops the copy: no backup file is left, and the error thrown is UserError BACKUP_CANCELLED.
   */
  createEvents(kind: BackupKind, signal?: AbortSignal): AsyncGenerator<BackupEvent, void, undefined>;
  /**
   * Writes a backup to `path` (absolute; its folder must exist; an existing file is replaced only once the new one
   * is complete). Throws UserError FILE_NOT_FOUND (no such folder), FILE_UNREADABLE (a folder, the open database
   * itself, not writable, disk full).
   */
  writeTo(path: string): Promise<{ path: string; size: number }>;
  /** Takes the daily backup when due (names.ts `dailyBackupDue`); a failure is logged and kept in `lastError`, never thrown. */
  dailyIfDue(): Promise<BackupInfo | null>;
  /**
   * The backup before a referential import (none for an in-memory database). Throws UserError FILE_UNREADABLE
   * when it cannot be written: the import is then not made. `progress` (the import with progress): pages copied,
   * and a signal whose abort stops the copy (no file left) and throws its reason unchanged.
   */
  beforeImport(progress?: BackupProgressOptions): Promise<BackupInfo | null>;
  /**
   * Restores the backup file at `path` (absolute), as `shownAs` in messages (default `path`). Throws UserError
   * FILE_NOT_FOUND, BACKUP_INVALID / DB_FROM_FUTURE (inspect.ts), FILE_UNREADABLE (the database is open in another
   * program, disk full); the current database is untouched whenever it throws.
   */
  restore(path: string, shownAs?: string): Promise<RestoreResult>;
  /** Restores the backup `name` of `list()`. Throws UserError NOT_FOUND for a name not in the folder, then as `restore`. */
  restoreNamed(name: string): Promise<RestoreResult>;
}

/** Prefix of the checked copy a restore puts in place (`.tmp-restauration-<pid>-<random>.sqlite`, in the workspace folder). */
export const RESTORE_TEMP_PREFIX = '.tmp-restauration-';

/** Options of `createBackups`. */
/** One event of `Backups.createEvents`. */
export type BackupEvent = { type: 'progress'; pages: number; totalPages: number } | { type: 'done'; backup: BackupInfo };

/** Minimum time between two progress events (ms): enough for a bar, not a flood over IPC or SSE. */
const EVENT_INTERVAL_MS = 100;

export interface BackupsOptions {
  /** One-line notices (a failed daily backup). */
  log: (line: string) => void;
}

/**
 * Maps a failed backup write to a French UserError naming the folder `dir` (or `file`, the one being written);
 * other errors are returned unchanged.
 */
/** `e` with « Rien n'a été restauré. » / "Nothing was restored." added to both sentences. */
function nothingRestored(e: UserError): UserError {
  return new UserError(e.code, { fr: `${e.message} Rien n'a été restauré.`, en: `${e.messageIn('en')} Nothing was restored.` }, e.location);
}

function backupWriteError(e: unknown, dir: string, file: string): unknown {
  if (isUserError(e)) return e;
  const code = (e as { code?: unknown }).code;
  // SQLite cannot create the backup file: the folder is not writable (the source database is open and fine).
  if (code === 'SQLITE_CANTOPEN' || (typeof code === 'string' && code.startsWith('SQLITE_READONLY'))) {
    return new UserError(
      'FILE_UNREADABLE',
      {
        fr: `La sauvegarde n'a pas pu être écrite : Label Audit ne peut pas écrire dans ${dir} (droits insuffisants ou support en lecture seule).`,
        en: `The backup could not be written: Label Audit cannot write in ${dir} (insufficient rights or read-only medium).`,
      },
      { path: dir },
    );
  }
  const mapped = storageError(e, dir, file);
  if (isUserError(mapped)) {
    return new UserError(mapped.code, { fr: `La sauvegarde n'a pas pu être écrite : ${mapped.message}`, en: `The backup could not be written: ${mapped.messageIn('en')}` }, mapped.location);
  }
  if (e instanceof TypeError && /directory does not exist/.test(e.message)) {
    return new UserError(
      'FILE_NOT_FOUND',
      { fr: `La sauvegarde n'a pas pu être écrite : le dossier ${dir} n'existe pas.`, en: `The backup could not be written: the folder ${dir} does not exist.` },
      { path: dir },
    );
  }
  return e;
}

/**
 * Before the database of a workspace is opened for writing: when it exists at a schema version older than this
 * app's (and not 0), takes an `avant-migration` backup of it through a read-only connection, so the migration
 * that follows can be undone. Returns the backup, or null when none was needed (new, current or newer database:
 * a newer one is then refused by `openDatabase`). Throws UserError FILE_UNREADABLE naming the folder when the
 * backup cannot be written: the database is then left as it is (not migrated).
 */
export async function backupBeforeMigration(dbFile: string, dir: string, now: string): Promise<BackupInfo | null> {
  if (!existsSync(dbFile)) return null;
  let db: Database.Database;
  try {
    db = new Database(dbFile, { readonly: true, fileMustExist: true });
  } catch {
    return null; // not readable as SQLite: openDatabase reports it precisely
  }
  try {
    let version: number;
    try {
      version = db.pragma('user_version', { simple: true }) as number;
    } catch {
      return null;
    }
    if (version === 0 || version >= SCHEMA_VERSION) return null;
    try {
      return await writeBackup(db, dir, 'avant-migration', now);
    } catch (e) {
      const err = backupWriteError(e, dir, dir);
      if (isUserError(err)) {
        throw new UserError(err.code, { fr: `${err.message} La base ${dbFile} n'a pas été mise à jour.`, en: `${err.messageIn('en')} The database ${dbFile} was not updated.` }, err.location);
      }
      throw err;
    }
  } finally {
    db.close();
  }
}

/** Binds the backup operations to the open workspace `ctx` (see `Backups`). */
export function createBackups(ctx: ServiceContext, opts: BackupsOptions): Backups {
  const dir = backupsDir(ctx.dataDir, ctx.workspaceId);
  // Temp files of a backup or restore killed midway (never a backup: those are renamed only once complete).
  sweepTempFiles(dir, BACKUP_TEMP_PREFIX);
  if (!ctx.db.memory) sweepTempFiles(dirname(resolve(ctx.db.name)), RESTORE_TEMP_PREFIX);
  let lastError: Bilingual | null = null;
  // One backup or restore at a time: names are picked from the folder's content, and a restore swaps the file.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };
  const take = (kind: BackupKind, progress: BackupProgressOptions = {}) =>
    serial(async () => {
      try {
        return await writeBackup(ctx.db, dir, kind, ctx.now(), progress);
      } catch (e) {
        throw backupWriteError(e, dir, dir);
      }
    });

  async function* createEvents(kind: BackupKind, signal?: AbortSignal): AsyncGenerator<BackupEvent, void, undefined> {
    let last = -Infinity;
    yield* jobEvents(
      (jobSignal, onProgress: NonNullable<BackupProgressOptions['onProgress']>) => take(kind, { signal: jobSignal, onProgress }),
      {
        signal,
        // The temp file is gone once the copy has settled (jobEvents waits for it).
        cancelReason: () =>
          new UserError('BACKUP_CANCELLED', { fr: "Sauvegarde annulée : aucun fichier de sauvegarde partiel n'a été laissé.", en: 'Backup cancelled: no partial backup file was left behind.' }),
        progress: (p): BackupEvent | null => {
          const t = performance.now();
          if (p.pages < p.totalPages && t - last < EVENT_INTERVAL_MS) return null;
          last = t;
          return { type: 'progress', ...p };
        },
        done: (backup): BackupEvent => ({ type: 'done', backup }),
      },
    );
  }

  const restore = (path: string, shownAs: string = path): Promise<RestoreResult> =>
    serial(async () => {
      if (ctx.db.memory) {
        throw new UserError('INPUT_INVALID', { fr: "L'espace de travail est en mémoire : il n'y a pas de fichier à restaurer.", en: 'The workspace is in memory: there is no file to restore.' }, {});
      }
      const source = resolve(path);
      if (!existsSync(source)) {
        throw new UserError('FILE_NOT_FOUND', { fr: `Le fichier ${shownAs} est introuvable. Rien n'a été restauré.`, en: `The file ${shownAs} cannot be found. Nothing was restored.` }, { path: shownAs });
      }
      if (!statSync(source).isFile()) {
        throw new UserError('FILE_UNREADABLE', { fr: `${shownAs} n'est pas un fichier. Rien n'a été restauré.`, en: `${shownAs} is not a file. Nothing was restored.` }, { path: shownAs });
      }
      const dbFile = resolve(ctx.db.name);
      if (realpathSync(source) === realpathSync(dbFile)) {
        throw new UserError(
          'BACKUP_INVALID',
          {
            fr: `Le fichier ${shownAs} est la base ouverte elle-même : choisissez un fichier de sauvegarde. Rien n'a été restauré.`,
            en: `The file ${shownAs} is the open database itself: choose a backup file. Nothing was restored.`,
          },
          { path: shownAs },
        );
      }
      const wsDir = dirname(dbFile);
      const tmp = join(wsDir, `${RESTORE_TEMP_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}.sqlite`);
      try {
        try {
          copyFileSync(source, tmp);
        } catch (e) {
          const mapped = storageError(e, wsDir, dbFile);
          throw isUserError(mapped) ? nothingRestored(mapped) : mapped;
        }
        const summary = inspectDatabaseFile(tmp, shownAs, { workspaceId: ctx.workspaceId });
        fsyncFile(tmp);
        let previous: BackupInfo;
        try {
          previous = await writeBackup(ctx.db, dir, 'avant-restauration', ctx.now());
        } catch (e) {
          const err = backupWriteError(e, dir, dir);
          throw isUserError(err) ? nothingRestored(err) : err;
        }
        swapDatabase(ctx, tmp, dbFile, join(dir, previous.name));
        const missingEvidence = (ctx.db.prepare("SELECT DISTINCT sha256 FROM preuve WHERE kind = 'fichier' AND sha256 IS NOT NULL").all() as { sha256: string }[]).filter(
          (r) => !ctx.evidence.has(r.sha256),
        ).length;
        return { restored: shownAs, summary, previous, missingEvidence };
      } finally {
        removeQuietly(tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}-journal`);
      }
    });

  return {
    dir,
    list: () => ({ dir, backups: listBackups(dir), lastError: lastError?.fr ?? null, lastErrorEn: lastError?.en ?? null }),
    create: (kind = 'manuelle') => take(kind),
    createEvents,
    writeTo: (path) =>
      serial(async () => {
        const target = resolve(path);
        const folder = dirname(target);
        if (!existsSync(folder) || !statSync(folder).isDirectory()) {
          throw new UserError(
            'FILE_NOT_FOUND',
            { fr: `Le dossier ${folder} n'existe pas : créez-le ou choisissez un autre chemin.`, en: `The folder ${folder} does not exist: create it or choose another path.` },
            { path: folder },
          );
        }
        if (existsSync(target) && statSync(target).isDirectory()) {
          const example = join(path, 'sauvegarde.sqlite');
          throw new UserError(
            'FILE_UNREADABLE',
            { fr: `${path} est un dossier : donnez un nom de fichier, par exemple ${example}.`, en: `${path} is a folder: give a file name, for example ${example}.` },
            { path },
          );
        }
        if (!ctx.db.memory && existsSync(target) && realpathSync(target) === realpathSync(ctx.db.name)) {
          throw new UserError('FILE_UNREADABLE', { fr: `${path} est la base ouverte elle-même : choisissez un autre fichier.`, en: `${path} is the open database itself: choose another file.` }, { path });
        }
        try {
          return { path: target, size: await backupDatabase(ctx.db, target) };
        } catch (e) {
          throw backupWriteError(e, folder, target);
        }
      }),
    async dailyIfDue() {
      if (ctx.db.memory || !dailyBackupDue(listBackups(dir), ctx.now())) return null;
      try {
        const b = await take('quotidienne');
        lastError = null;
        return b;
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        lastError = isUserError(e) ? { fr: e.message, en: e.messageIn('en') } : { fr: `La sauvegarde quotidienne a échoué : ${why}`, en: `The daily backup failed: ${why}` };
        opts.log(lastError.fr);
        return null;
      }
    },
    async beforeImport(progress = {}) {
      if (ctx.db.memory) return null;
      try {
        return await take('avant-import', progress);
      } catch (e) {
        if (progress.signal?.aborted) throw progress.signal.reason;
        throw isUserError(e) ? new UserError(e.code, { fr: `${e.message} L'import n'a pas été fait.`, en: `${e.messageIn('en')} The import was not done.` }, e.location) : e;
      }
    },
    restore,
    async restoreNamed(name) {
      const found = parseBackupFileName(name) ? listBackups(dir).find((b) => b.name === name) : undefined;
      if (!found) throw new UserError('NOT_FOUND', { fr: `La sauvegarde « ${name} » n'existe pas dans ${dir}.`, en: `The backup “${name}” does not exist in ${dir}.` }, { field: 'name' });
      return restore(join(dir, name), name);
    },
  };
}

/**
 * Puts the checked copy `tmp` in place of the database `dbFile` and reopens it into `ctx.db`, synchronously (no
 * request can run in between): WAL checkpointed and connection closed; refused when the WAL is still there (another
 * process has the database open: swapping under it would mix two databases); stale `-shm` removed; rename; folder
 * fsynced; reopen (migrating an older schema). Should the reopen fail, the state saved in `previousBackup` is put
 * back and the error thrown.
 */
function swapDatabase(ctx: ServiceContext, tmp: string, dbFile: string, previousBackup: string): void {
  ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  ctx.db.close();
  if (existsSync(`${dbFile}-wal`)) {
    ctx.db = openDatabase(dbFile);
    throw new UserError(
      'FILE_UNREADABLE',
      {
        fr: `La base ${dbFile} est aussi ouverte par un autre programme (une autre fenêtre ou une commande label-audit) : fermez-le, puis recommencez. Rien n'a été restauré.`,
        en: `The database ${dbFile} is also open in another program (another window or a label-audit command): close it, then try again. Nothing was restored.`,
      },
      { path: dbFile },
    );
  }
  removeQuietly(`${dbFile}-shm`);
  renameSync(tmp, dbFile);
  fsyncDir(dirname(dbFile));
  ctx.cache.clear();
  try {
    ctx.db = openDatabase(dbFile);
  } catch (e) {
    const back = `${tmp}.retour`;
    copyFileSync(previousBackup, back);
    renameSync(back, dbFile);
    fsyncDir(dirname(dbFile));
    ctx.db = openDatabase(dbFile);
    throw e;
  }
}
