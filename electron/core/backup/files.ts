/**
 * Writing, listing and rotating backup files (issue 7 item 2; ARCHITECTURE.md "Storage": backups use SQLite's
 * online backup API, never a file copy of a live database).
 *
 * A backup holds the database only. That is enough because the evidence store is content-addressed and never
 * garbage-collected: every file a backed-up preuve names is still in `evidence/` when the backup is restored (as
 * long as nothing ever deletes evidence bytes — a future clean-up must keep every hash any backup may name).
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Db } from '../db/open';
import { fsyncDir, fsyncFile, removeQuietly, sweepTempFiles } from '../durable-fs';
import { type BackupInfo, type BackupKind, backupFileName, backupsToRotate, compareNewestFirst, parseBackupFileName } from './names';

/** Prefix of the temporary files a backup is written to before its rename (`.tmp-sauvegarde-<pid>-<random>.sqlite`). */
export const BACKUP_TEMP_PREFIX = '.tmp-sauvegarde-';

/** `<dataDir>/sauvegardes/<workspaceId>`: the backups of one workspace (created on the first backup). */
export function backupsDir(dataDir: string, workspaceId: string): string {
  return join(dataDir, 'sauvegardes', workspaceId);
}

/** The backups in `dir` (files named as names.ts says; anything else is ignored), newest first. Missing folder: []. */
export function listBackups(dir: string): BackupInfo[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: BackupInfo[] = [];
  for (const name of names) {
    const parsed = parseBackupFileName(name);
    if (!parsed) continue;
    try {
      const st = lstatSync(join(dir, name));
      if (st.isFile()) out.push({ name, kind: parsed.kind, at: parsed.at, size: st.size });
    } catch {
      // Deleted meanwhile (rotation by another process).
    }
  }
  return out.sort(compareNewestFirst);
}

/** Progress of an online backup: pages copied of `totalPages` (SQLite pages of the source database). */
export interface BackupProgress {
  pages: number;
  totalPages: number;
}

/** Options of `backupDatabase`: progress after each step, and cancellation (the signal's reason is thrown). */
export interface BackupProgressOptions {
  onProgress?: (p: BackupProgress) => void;
  signal?: AbortSignal;
}

/** About this many steps per backup (so progress moves and a cancel is seen), never fewer than 64 pages a step. */
const BACKUP_STEPS = 200;
const BACKUP_MIN_PAGES_PER_STEP = 64;

/**
 * Copies the database behind `db` to `dest` through SQLite's online backup API (`db.backup`, consistent even while
 * `db` is written meanwhile), as ONE self-contained file: written to a temp file beside `dest`, switched from WAL to
 * `journal_mode = DELETE` (the copied header says WAL), fsynced, renamed over `dest`, folder fsynced. A crash at
 * any point leaves either no `dest` or a complete one. Returns the size of `dest` in bytes. `opts.onProgress` gets
 * the pages copied after each step (about 200 steps); an aborted `opts.signal` stops the copy and throws its reason,
 * leaving no file.
 * Throws the SQLite or fs error as is (the caller maps it, storage-errors.ts); the temp file is removed then.
 */
export async function backupDatabase(db: Db, dest: string, opts: BackupProgressOptions = {}): Promise<number> {
  const dir = dirname(dest);
  const tmp = join(dir, `${BACKUP_TEMP_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}.sqlite`);
  try {
    if (opts.signal?.aborted) throw opts.signal.reason;
    let total = 0;
    await db.backup(tmp, {
      // Called between steps of the online backup: a throw aborts it (better-sqlite3), the temp file goes below.
      progress: ({ totalPages, remainingPages }) => {
        if (opts.signal?.aborted) throw opts.signal.reason;
        total = totalPages;
        opts.onProgress?.({ pages: totalPages - remainingPages, totalPages });
        return Math.max(BACKUP_MIN_PAGES_PER_STEP, Math.ceil(totalPages / BACKUP_STEPS));
      },
    });
    // The last step calls no handler: say it is all copied (a small base is copied in one step, never reported).
    if (total === 0) total = Math.max(1, Number(db.pragma('page_count', { simple: true })));
    opts.onProgress?.({ pages: total, totalPages: total });
    const copy = new Database(tmp, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    fsyncFile(tmp);
    renameSync(tmp, dest);
    fsyncDir(dir);
    return statSync(dest).size;
  } catch (e) {
    removeQuietly(tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}-journal`);
    throw e;
  }
}

/**
 * Takes a backup of `kind` of `db` into `dir` (created when missing), named after `now` (ISO 8601), then applies
 * the rotation of names.ts (BACKUP_KEEP) and sweeps the temp files of killed processes. Returns the new backup.
 * Callers serialise their calls (two backups of one kind in the same second would pick the same name).
 * Throws the SQLite or fs error as is (see `backupDatabase`).
 */
export async function writeBackup(db: Db, dir: string, kind: BackupKind, now: string, opts: BackupProgressOptions = {}): Promise<BackupInfo> {
  mkdirSync(dir, { recursive: true });
  sweepTempFiles(dir, BACKUP_TEMP_PREFIX);
  const taken = new Set(readdirSync(dir));
  let seq = 1;
  while (taken.has(backupFileName(now, kind, seq))) seq++;
  const name = backupFileName(now, kind, seq);
  const size = await backupDatabase(db, join(dir, name), opts);
  rotateBackups(dir);
  return { name, kind, at: parseBackupFileName(name)!.at, size };
}

/** Deletes the backups of `dir` beyond BACKUP_KEEP for their kind (oldest first). Returns the names deleted. */
export function rotateBackups(dir: string): string[] {
  const removed: string[] = [];
  for (const b of backupsToRotate(listBackups(dir))) {
    try {
      unlinkSync(join(dir, b.name));
      removed.push(b.name);
    } catch {
      // Already gone.
    }
  }
  if (removed.length > 0) fsyncDir(dir);
  return removed;
}
