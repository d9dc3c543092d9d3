/**
 * Which folder holds the app's data, and moving it (issue 9: "data lives in the per-user folder and survives
 * reinstall and update; the data folder can be moved, for a roaming profile").
 *
 * The per-user folder (Electron's `userData`, `defaultDataDir()` in paths.ts) is never touched by an installer or
 * an update. Two ways to put the data elsewhere, read at every start by the desktop app, the CLI and browser mode:
 * 1. the environment variable `LABEL_AUDIT_DATA_DIR` (an absolute path; for an administrator's deployment script);
 * 2. a pointer file `<userData>/data-dir.json` = `{ "dataDir": "<absolute path>" }`, written by
 *    `label-audit data-dir --move DOSSIER` after the data was copied there, removed by `label-audit data-dir --reset`.
 * The variable wins over the pointer, the pointer over the default.
 */
import Database from 'better-sqlite3';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UserError } from '../../shared/errors';

/** Environment variable naming the data folder (absolute path); wins over the pointer file. */
export const DATA_DIR_ENV = 'LABEL_AUDIT_DATA_DIR';

/** Name of the pointer file inside the per-user folder. */
export const DATA_DIR_POINTER = 'data-dir.json';

/** The data folder in force and why. */
export interface DataDirChoice {
  dataDir: string;
  /** `env`: LABEL_AUDIT_DATA_DIR; `pointer`: `<userData>/data-dir.json`; `default`: the per-user folder itself. */
  source: 'env' | 'pointer' | 'default';
  /** `<userData>/data-dir.json` (whether it exists or not). */
  pointerFile: string;
}

/**
 * The data folder to open, from `userDataDir` (Electron's `app.getPath('userData')`, or `defaultDataDir()`).
 * Creates nothing.
 * @throws UserError INPUT_INVALID when LABEL_AUDIT_DATA_DIR is not an absolute path; FILE_UNREADABLE naming the
 *   pointer file when it is not valid JSON `{ "dataDir": "<absolute path>" }` or names something that is not a
 *   folder; FILE_NOT_FOUND when the folder it names is absent (an unplugged network drive must not silently give
 *   a new empty workspace: the message says how to go back to the default folder).
 */
export function resolveDataDir(userDataDir: string, env: NodeJS.ProcessEnv = process.env): DataDirChoice {
  const pointerFile = join(userDataDir, DATA_DIR_POINTER);
  const fromEnv = env[DATA_DIR_ENV]?.trim();
  if (fromEnv) {
    if (!isAbsolute(fromEnv)) {
      throw new UserError(
        'INPUT_INVALID',
        { fr: `La variable ${DATA_DIR_ENV} doit donner un chemin absolu (reçu « ${fromEnv} »).`, en: `The variable ${DATA_DIR_ENV} must give an absolute path (received “${fromEnv}”).` },
        { field: DATA_DIR_ENV },
      );
    }
    return { dataDir: resolve(fromEnv), source: 'env', pointerFile };
  }
  if (!existsSync(pointerFile)) return { dataDir: userDataDir, source: 'default', pointerFile };

  const back = `Pour revenir au dossier par défaut (${userDataDir}), supprimez ${pointerFile} (ou lancez label-audit data-dir --reset).`;
  const backEn = `To go back to the default folder (${userDataDir}), delete ${pointerFile} (or run label-audit data-dir --reset).`;
  const bad = (fr: string, en: string) =>
    new UserError('FILE_UNREADABLE', { fr: `Le fichier ${pointerFile} est invalide : ${fr}. ${back}`, en: `The file ${pointerFile} is invalid: ${en}. ${backEn}` }, { file: pointerFile, path: pointerFile });
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(pointerFile, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw e instanceof SyntaxError ? bad(`ce n'est pas du JSON (${e.message})`, `it is not JSON (${e.message})`) : bad('il est illisible', 'it is unreadable');
  }
  const target = (parsed as { dataDir?: unknown } | null)?.dataDir;
  if (typeof target !== 'string' || target.trim() === '') throw bad('il doit contenir { "dataDir": "<chemin absolu du dossier>" }', 'it must contain { "dataDir": "<absolute path of the folder>" }');
  if (!isAbsolute(target)) throw bad(`« ${target} » n'est pas un chemin absolu`, `“${target}” is not an absolute path`);
  if (!existsSync(target)) {
    throw new UserError(
      'FILE_NOT_FOUND',
      {
        fr: `Le dossier de données ${target}, indiqué par ${pointerFile}, est introuvable : le lecteur réseau ou le profil itinérant est-il connecté ? ${back}`,
        en: `The data folder ${target}, given by ${pointerFile}, cannot be found: is the network drive or the roaming profile connected? ${backEn}`,
      },
      { path: target, file: pointerFile },
    );
  }
  if (!statSync(target).isDirectory()) throw bad(`${target} n'est pas un dossier`, `${target} is not a folder`);
  return { dataDir: resolve(target), source: 'pointer', pointerFile };
}

/** Writes `<userDataDir>/data-dir.json` pointing at `dataDir` (absolute), atomically (temp file + rename). */
export function writeDataDirPointer(userDataDir: string, dataDir: string): string {
  if (!isAbsolute(dataDir)) {
    throw new UserError('INPUT_INVALID', { fr: `Le dossier de données doit être un chemin absolu (reçu « ${dataDir} »).`, en: `The data folder must be an absolute path (received “${dataDir}”).` }, { path: dataDir });
  }
  mkdirSync(userDataDir, { recursive: true });
  const file = join(userDataDir, DATA_DIR_POINTER);
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify({ dataDir: resolve(dataDir) }, null, 2)}\n`, 'utf8');
  renameSync(tmp, file);
  return file;
}

/** Removes the pointer file; returns whether there was one. */
export function removeDataDirPointer(userDataDir: string): boolean {
  const file = join(userDataDir, DATA_DIR_POINTER);
  if (!existsSync(file)) return false;
  rmSync(file);
  return true;
}

/** What `copyDataDir` copied. */
export interface DataDirCopy {
  /** Workspace ids whose database was copied (online backup) and checked. */
  workspaces: string[];
  /** Other files copied (evidence, exports, settings.json), and their total size in bytes. */
  files: number;
  bytes: number;
}

const DB_FILE = 'label-audit.sqlite';
const isDbFile = (name: string) => name === DB_FILE || name.startsWith(`${DB_FILE}-`);

function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function countFiles(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    if (isDbFile(entry.name)) continue;
    files++;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}

/** Row count of every table of `db`, by table name. */
function tableCounts(db: Database.Database): Record<string, number> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  return Object.fromEntries(tables.map((t) => [t.name, (db.prepare(`SELECT COUNT(*) AS n FROM "${t.name}"`).get() as { n: number }).n]));
}

/**
 * Copies the data of folder `from` into the new folder `to` (absent or empty): `settings.json`, `exports/`, and
 * each `workspaces/<id>/` — its database through SQLite's online backup API (ARCHITECTURE.md "Storage": never a
 * file copy of a database), its evidence store file by file. Then checks the copy: each database passes
 * `PRAGMA quick_check` and has the same row count in every table as the original; the other files are as many
 * and as large. `from` is only read; nothing else of it (Electron's own caches in the per-user folder) is copied.
 * Close the desktop app first: what it writes during the copy stays in `from`.
 * @throws UserError INPUT_INVALID when `to` is `from`, inside it or contains it, or is not empty; NOT_FOUND when
 *   `from` holds no workspace; FILE_UNREADABLE naming the workspace when the check of the copy fails.
 */
export async function copyDataDir(fromDir: string, toDir: string): Promise<DataDirCopy> {
  const from = resolve(fromDir);
  const to = resolve(toDir);
  if (isInside(from, to) || isInside(to, from)) {
    throw new UserError(
      'INPUT_INVALID',
      { fr: `Le nouveau dossier de données ${to} ne peut pas être ${from}, ni se trouver dedans, ni le contenir.`, en: `The new data folder ${to} cannot be ${from}, nor be inside it, nor contain it.` },
      { path: to },
    );
  }
  const wsRoot = join(from, 'workspaces');
  const ids = existsSync(wsRoot) ? readdirSync(wsRoot).filter((id) => existsSync(join(wsRoot, id, DB_FILE))).sort() : [];
  if (ids.length === 0) throw new UserError('NOT_FOUND', { fr: `Aucun espace de travail dans ${from} : rien à déplacer.`, en: `No workspace in ${from}: nothing to move.` }, { path: from });
  if (existsSync(to) && (!statSync(to).isDirectory() || readdirSync(to).length > 0)) {
    throw new UserError('INPUT_INVALID', { fr: `Le nouveau dossier de données ${to} doit être un dossier vide ou absent.`, en: `The new data folder ${to} must be an empty or missing folder.` }, { path: to });
  }
  mkdirSync(to, { recursive: true });
  for (const name of ['settings.json', 'exports']) {
    if (existsSync(join(from, name))) cpSync(join(from, name), join(to, name), { recursive: true, errorOnExist: true, force: false });
  }
  for (const id of ids) {
    const src = join(wsRoot, id);
    const dst = join(to, 'workspaces', id);
    cpSync(src, dst, { recursive: true, errorOnExist: true, force: false, filter: (p) => !(relative(src, p).split(sep).length === 1 && isDbFile(relative(src, p))) });
    const source = new Database(join(src, DB_FILE), { readonly: true, fileMustExist: true });
    try {
      await source.backup(join(dst, DB_FILE));
      const copy = new Database(join(dst, DB_FILE), { readonly: true, fileMustExist: true });
      try {
        const check = copy.pragma('quick_check', { simple: true });
        const same = JSON.stringify(tableCounts(copy)) === JSON.stringify(tableCounts(source));
        if (check !== 'ok' || !same) {
          throw new UserError(
            'FILE_UNREADABLE',
            {
              fr: `La copie de l'espace de travail ${id} dans ${dst} ne correspond pas à l'original (${check !== 'ok' ? `contrôle SQLite : ${String(check)}` : 'nombre de lignes différent'}) : rien n'a été changé, l'application reste sur ${from}.`,
              en: `The copy of the workspace ${id} in ${dst} does not match the original (${check !== 'ok' ? `SQLite check: ${String(check)}` : 'different row counts'}): nothing was changed, the application stays on ${from}.`,
            },
            { path: dst },
          );
        }
      } finally {
        copy.close();
      }
    } finally {
      source.close();
    }
  }
  const after = countFiles(to);
  // Only what was copied counts on the source side: settings.json, exports/ and workspaces/.
  const copied = ['settings.json', 'exports', 'workspaces'].map((n) => join(from, n)).filter((p) => existsSync(p));
  const expected = copied.reduce(
    (acc, p) => {
      const c = statSync(p).isDirectory() ? countFiles(p) : { files: 1, bytes: statSync(p).size };
      return { files: acc.files + c.files, bytes: acc.bytes + c.bytes };
    },
    { files: 0, bytes: 0 },
  );
  if (after.files !== expected.files || after.bytes !== expected.bytes) {
    throw new UserError(
      'FILE_UNREADABLE',
      {
        fr: `La copie dans ${to} est incomplète (${after.files} fichiers sur ${expected.files}) : rien n'a été changé, l'application reste sur ${from}.`,
        en: `The copy in ${to} is incomplete (${after.files} files of ${expected.files}): nothing was changed, the application stays on ${from}.`,
      },
      { path: to },
    );
  }
  return { workspaces: ids, files: after.files, bytes: after.bytes };
}
