/**
 * Checks that a file is a Label Audit database this version can restore (issue 7 item 2): SQLite header and size,
 * `application_id`, `user_version` (not from a newer app), our tables, `PRAGMA integrity_check`, and the
 * workspace it belongs to. Every refusal is a UserError naming the file as the user gave it.
 */
import Database from 'better-sqlite3';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { UserError, type Bilingual } from '../../../shared/errors';
import { APPLICATION_ID } from '../db/open';
import { SCHEMA_VERSION } from '../db/migrations';

/** What a checked backup holds: its schema version, the collectivité, and a few counts for the confirmation. */
export interface DatabaseSummary {
  userVersion: number;
  workspaceId: string;
  nom: string;
  referentials: number;
  statuts: number;
  preuves: number;
  /** ISO 8601 time of the last history event, null when none. */
  lastChangeAt: string | null;
}

/** Tables every Label Audit schema since version 1 has (migration 001). */
export const REQUIRED_TABLES = ['workspace', 'referential', 'node', 'statut', 'preuve', 'preuve_node', 'history'] as const;

const MAGIC = 'SQLite format 3\0';

function refuse(shownAs: string, reason: Bilingual): UserError {
  return new UserError(
    'BACKUP_INVALID',
    {
      fr: `Le fichier ${shownAs} n'est pas une sauvegarde Label Audit utilisable : ${reason.fr}. Rien n'a été restauré.`,
      en: `The file ${shownAs} is not a usable Label Audit backup: ${reason.en}. Nothing was restored.`,
    },
    { path: shownAs },
  );
}

/**
 * Reads the 100-byte SQLite header of `file` and checks it against the file's size (sqlite.org/fileformat.html
 * §1.3: page size at offset 16, page count at 28, valid when the change counters at 24 and 92 agree).
 * Throws UserError BACKUP_INVALID naming `shownAs`: empty file, not SQLite (a text file renamed .sqlite),
 * truncated file (fewer bytes than the header's pages).
 */
export function checkSqliteHeader(file: string, shownAs: string): void {
  const size = statSync(file).size;
  if (size === 0) throw refuse(shownAs, { fr: 'il est vide (0 octet)', en: 'it is empty (0 bytes)' });
  const header = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (read < 100 || header.toString('latin1', 0, 16) !== MAGIC) {
    throw refuse(shownAs, {
      fr: `ce n'est pas une base de données SQLite (en-tête « SQLite format 3 » absent, ${size} octets)`,
      en: `it is not an SQLite database (no “SQLite format 3” header, ${size} bytes)`,
    });
  }
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pages = header.readUInt32BE(28);
  const countValid = header.readUInt32BE(24) === header.readUInt32BE(92);
  if (countValid && pages > 0 && size < pageSize * pages) {
    throw refuse(shownAs, { fr: `il est tronqué (${size} octets au lieu de ${pageSize * pages})`, en: `it is truncated (${size} bytes instead of ${pageSize * pages})` });
  }
}

/**
 * Checks the database file `file` (a private copy: it may be switched from WAL to `journal_mode = DELETE`, and is
 * otherwise not written) and returns its summary. `shownAs` is the name used in messages (the file the user chose).
 * `workspaceId`, when given, must be the workspace the file belongs to: evidence files live per workspace.
 * Throws UserError: BACKUP_INVALID (see `checkSqliteHeader`; another application's database; no Label Audit
 * schema or missing tables; integrity_check not ok; SQLite cannot read it; no collectivité; another workspace),
 * DB_FROM_FUTURE (written by a newer Label Audit).
 */
export function inspectDatabaseFile(file: string, shownAs: string, expected: { workspaceId?: string } = {}): DatabaseSummary {
  checkSqliteHeader(file, shownAs);
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true });
    const appId = db.pragma('application_id', { simple: true }) as number;
    if (appId !== 0 && appId !== APPLICATION_ID) {
      const hex = (appId >>> 0).toString(16);
      throw refuse(shownAs, { fr: `c'est la base d'une autre application (application_id 0x${hex})`, en: `it is the database of another application (application_id 0x${hex})` });
    }
    const userVersion = db.pragma('user_version', { simple: true }) as number;
    if (userVersion > SCHEMA_VERSION) {
      throw new UserError(
        'DB_FROM_FUTURE',
        {
          fr: `Le fichier ${shownAs} a été écrit par une version plus récente de Label Audit (schéma ${userVersion}, cette version connaît le schéma ${SCHEMA_VERSION}) : mettez l'application à jour avant de le restaurer. Rien n'a été restauré.`,
          en: `The file ${shownAs} was written by a newer version of Label Audit (schema ${userVersion}, this version knows schema ${SCHEMA_VERSION}): update the application before restoring it. Nothing was restored.`,
        },
        { path: shownAs },
      );
    }
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (userVersion === 0 || missing.length > 0) {
      throw refuse(shownAs, {
        fr: `c'est une base SQLite sans le schéma de Label Audit (${missing.length > 0 ? `tables absentes : ${missing.join(', ')}` : 'version de schéma 0'})`,
        en: `it is an SQLite database without the Label Audit schema (${missing.length > 0 ? `missing tables: ${missing.join(', ')}` : 'schema version 0'})`,
      });
    }
    if (db.pragma('journal_mode', { simple: true }) !== 'delete') db.pragma('journal_mode = DELETE');
    const rows = (db.pragma('integrity_check(10)') as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (rows.length !== 1 || rows[0] !== 'ok') {
      // One line for the message: SQLite's rows may hold several lines and a "*** in database main ***" banner.
      const problems = rows.flatMap((r) => r.split('\n')).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('***'));
      const shown = problems.slice(0, 3).join(' ; ') + (problems.length > 3 ? ' ; …' : '');
      throw refuse(shownAs, { fr: `la base est endommagée (contrôle d'intégrité : ${shown})`, en: `the database is damaged (integrity check: ${shown})` });
    }
    const workspaces = db.prepare('SELECT id, nom FROM workspace').all() as { id: string; nom: string }[];
    const ws = workspaces[0];
    if (!ws || workspaces.length !== 1) {
      throw refuse(shownAs, {
        fr: `elle ne contient pas une collectivité (table workspace : ${workspaces.length} ligne(s))`,
        en: `it does not hold one local authority (workspace table: ${workspaces.length} row(s))`,
      });
    }
    if (expected.workspaceId !== undefined && ws.id !== expected.workspaceId) {
      throw refuse(shownAs, {
        fr: `c'est la sauvegarde de l'espace de travail « ${ws.nom} » (${ws.id}), pas de l'espace ouvert (${expected.workspaceId}), dont les preuves sont rangées ailleurs`,
        en: `it is the backup of the workspace “${ws.nom}” (${ws.id}), not of the open workspace (${expected.workspaceId}), whose evidence is stored elsewhere`,
      });
    }
    const count = (sql: string) => (db!.prepare(sql).get() as { n: number }).n;
    return {
      userVersion,
      workspaceId: ws.id,
      nom: ws.nom,
      referentials: count('SELECT COUNT(*) AS n FROM referential'),
      statuts: count('SELECT COUNT(*) AS n FROM statut'),
      preuves: count('SELECT COUNT(*) AS n FROM preuve'),
      lastChangeAt: (db.prepare('SELECT at FROM history ORDER BY id DESC LIMIT 1').get() as { at: string } | undefined)?.at ?? null,
    };
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_')) {
      throw refuse(shownAs, { fr: `SQLite ne peut pas le lire (${(e as Error).message})`, en: `SQLite cannot read it (${(e as Error).message})` });
    }
    throw e;
  } finally {
    db?.close();
  }
}
