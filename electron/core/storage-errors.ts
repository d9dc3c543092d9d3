/**
 * The storage failures a user can fix (a read-only or broken data folder, a file where a folder should be, a file
 * that is not a Label Audit database) as one UserError (French and English) naming the folder or file, instead of an internal
 * error with a stack (lead's decision B on the CLI/core tester's report; STYLE.md "errors are values").
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { UserError } from '../../shared/errors';

/** The fields Node's fs errors and better-sqlite3's SqliteError carry. */
interface SystemError {
  code?: unknown;
  path?: unknown;
  message?: unknown;
}

/**
 * `path` itself when it exists, else its nearest existing parent: a `mkdir -p` refused deep inside a read-only
 * folder (Node names the deepest folder it wanted) names the folder the user can fix, not one that does not exist.
 */
function existingAncestor(path: string): string {
  let p = path;
  while (!existsSync(p) && dirname(p) !== p) p = dirname(p);
  return existsSync(p) ? p : path;
}

/**
 * Maps `e` to a UserError FILE_UNREADABLE naming `e.path` (fs errors; for a failed mkdir, its nearest existing
 * parent) or `dbFile` (SQLite errors), or returns
 * `e` unchanged when it is not a storage failure the user can act on (UserErrors pass through as they are).
 * fs: EACCES / EPERM (rights), EROFS (read-only medium), ENOTDIR / EEXIST (a file in place of a folder), ENOSPC.
 * SQLite: SQLITE_NOTADB / SQLITE_CORRUPT (not a readable database), SQLITE_CANTOPEN, SQLITE_READONLY*,
 * SQLITE_FULL (disk full: the transaction was rolled back), SQLITE_IOERR* (the disk failed a read or write).
 */
export function storageError(e: unknown, dataDir: string, dbFile: string): unknown {
  if (e instanceof UserError || typeof e !== 'object' || e === null) return e;
  const { code, path, message } = e as SystemError;
  if (typeof code !== 'string') return e;
  const raw = typeof path === 'string' ? path : dataDir;
  const where = (e as { syscall?: unknown }).syscall === 'mkdir' ? existingAncestor(raw) : raw;
  const detail = typeof message === 'string' ? message : code;
  const fail = (fr: string, en: string, p: string) => new UserError('FILE_UNREADABLE', { fr, en }, { path: p });
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return fail(
        `Accès refusé à ${where} : Label Audit doit pouvoir lire et écrire dans son dossier de données (droits insuffisants).`,
        `Access denied to ${where}: Label Audit must be able to read and write in its data folder (insufficient rights).`,
        where,
      );
    case 'EROFS':
      return fail(
        `${where} est sur un support en lecture seule : choisissez un dossier de données où Label Audit peut écrire.`,
        `${where} is on a read-only medium: choose a data folder where Label Audit can write.`,
        where,
      );
    case 'ENOTDIR':
    case 'EEXIST':
      return fail(`Un fichier se trouve là où Label Audit attend un dossier : ${where}.`, `A file is where Label Audit expects a folder: ${where}.`, where);
    case 'ENOSPC':
      return fail(`Plus de place sur le disque pour écrire dans ${where}.`, `No space left on the disk to write in ${where}.`, where);
    case 'SQLITE_NOTADB':
    case 'SQLITE_CORRUPT':
      return fail(`Le fichier ${dbFile} n'est pas une base Label Audit lisible (${detail}).`, `The file ${dbFile} is not a readable Label Audit database (${detail}).`, dbFile);
    case 'SQLITE_FULL':
      return fail(
        `Plus de place sur le disque pour écrire la base ${dbFile} : libérez de la place puis recommencez ; la modification n'a pas été enregistrée.`,
        `No space left on the disk to write the database ${dbFile}: free some space and try again; the change was not saved.`,
        dbFile,
      );
    case 'SQLITE_CANTOPEN':
      return fail(
        `Impossible d'ouvrir la base ${dbFile} : dossier absent, protégé en écriture ou droits insuffisants.`,
        `Cannot open the database ${dbFile}: missing folder, write-protected or insufficient rights.`,
        dbFile,
      );
    default:
      if (code.startsWith('SQLITE_READONLY')) {
        return fail(
          `La base ${dbFile} est en lecture seule : Label Audit doit pouvoir écrire dans ce fichier et dans son dossier.`,
          `The database ${dbFile} is read-only: Label Audit must be able to write in this file and in its folder.`,
          dbFile,
        );
      }
      if (code.startsWith('SQLITE_IOERR')) {
        return fail(
          `Le disque a refusé une lecture ou une écriture de la base ${dbFile} (${detail}) : vérifiez la place libre et le support ; la modification n'a pas été enregistrée.`,
          `The disk refused a read or a write of the database ${dbFile} (${detail}): check the free space and the medium; the change was not saved.`,
          dbFile,
        );
      }
      return e;
  }
}
