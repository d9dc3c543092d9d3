/**
 * Whether the native SQLite module (better-sqlite3) loads in this runtime, and, when it does not, why, in words a
 * town hall's IT officer can act on (issue 9 "Inside the app": a clear dialog names the cause instead of a blank
 * window). Electron-free: the shell shows the message in `dialog.showErrorBox`, the smoke test prints it.
 *
 * better-sqlite3 loads its `.node` file lazily, at the first `new Database()`: the probe opens an in-memory
 * database, which is exactly what fails when the file is missing, built for another ABI (Node's instead of
 * Electron's: the `nodedir` trap of scripts/before-pack.mjs) or for another processor.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';

/** The runtime the module must match: `process.versions` and `process.platform` / `process.arch`. */
export interface NativeRuntime {
  /** Electron's version (`process.versions.electron`), undefined under plain Node. */
  electron?: string | undefined;
  /** Node's version (`process.versions.node`). */
  node: string;
  /** NODE_MODULE_VERSION of the runtime (`process.versions.modules`, e.g. "115" for Node 20). */
  modules: string;
  platform: NodeJS.Platform;
  arch: string;
}

/** The runtime of the current process. */
export function currentRuntime(): NativeRuntime {
  return {
    electron: process.versions.electron,
    node: process.versions.node,
    modules: process.versions.modules,
    platform: process.platform,
    arch: process.arch,
  };
}

/**
 * Why the module did not load: `abi` (built for another runtime, e.g. Node instead of Electron), `missing` (the
 * `.node` file or the package is absent), `arch` (built for another processor or system), `other`.
 */
export type NativeLoadCause = 'abi' | 'missing' | 'arch' | 'other';

/** A load failure explained: a short French title and a French message naming the cause and the file. */
export interface NativeLoadFailure {
  cause: NativeLoadCause;
  /** The `.node` file named by the error, when it names one. */
  file: string | null;
  title: string;
  message: string;
}

/** Result of `probeSqlite`: the SQLite library version, or the failure explained. */
export type SqliteProbe = { ok: true; sqliteVersion: string } | { ok: false; failure: NativeLoadFailure };

/**
 * Opens and closes an in-memory database to prove that better-sqlite3's native file loads here.
 * @param nativeBinding optional path of the `.node` file to load instead of the default one (better-sqlite3's own
 *   option; the tests point it at a missing or broken file to get the real loader's errors).
 * Never throws: a failure is returned explained by `explainNativeLoadError`.
 */
export function probeSqlite(nativeBinding?: string, runtime: NativeRuntime = currentRuntime()): SqliteProbe {
  try {
    const db = new Database(':memory:', nativeBinding === undefined ? {} : { nativeBinding });
    try {
      const row = db.prepare('SELECT sqlite_version() AS v').get() as { v: string };
      return { ok: true, sqliteVersion: row.v };
    } finally {
      db.close();
    }
  } catch (e) {
    return { ok: false, failure: explainNativeLoadError(e, runtime) };
  }
}

const REINSTALL =
  "Réinstallez Label Audit avec l'installateur correspondant à ce système ; vos données (dossier de l'utilisateur) ne sont pas touchées par une réinstallation.";

/** The `.node` path named in a loader message (Node, glibc, macOS dyld, Windows, `bindings`), or null. */
export function nodeFileOf(message: string): string | null {
  const patterns = [
    /The module '([^']+\.node)'/, // Node: ABI mismatch
    /Cannot find module '([^']+\.node)'/, // require of an absent file
    /tried: '([^']+\.node)'/, // macOS dyld
    /^(.+?\.node): /m, // glibc: "<path>: wrong ELF class…", Node: "<path>: file too short"
    /^(.+?\.node) is not a valid Win32 application/m, // Windows
    /→ (\S+\.node)/, // bindings: "Could not locate the bindings file. Tried: → <path>"
  ];
  for (const re of patterns) {
    const m = re.exec(message);
    if (m?.[1]) return m[1].replace(/^\\\\\?\\/, '');
  }
  return null;
}

/**
 * Explains an error thrown while loading better-sqlite3's native file (patterns of Node's `process.dlopen`, glibc,
 * macOS dyld, Windows' loader and the `bindings` package). `exists` tells whether a named file is on disk (glibc
 * says "No such file or directory" for a file of another processor that IS there).
 * @returns the cause, the file named by the error, a French title and message (cause, file, runtime, what to do).
 */
export function explainNativeLoadError(
  error: unknown,
  runtime: NativeRuntime,
  exists: (path: string) => boolean = existsSync,
): NativeLoadFailure {
  const raw = error instanceof Error ? error.message : String(error);
  const file = nodeFileOf(raw);
  const where = file ? ` (${file})` : '';
  const runtimeName = runtime.electron ? `Electron ${runtime.electron}` : `Node.js ${runtime.node}`;
  const title = 'Label Audit ne peut pas ouvrir sa base de données';
  const firstLine = raw.split(/\r?\n/)[0]?.trim() ?? raw;

  const abi = /NODE_MODULE_VERSION (\d+)\. This version of Node\.js requires\s+NODE_MODULE_VERSION (\d+)/.exec(raw.replace(/\s+/g, ' '));
  if (abi) {
    return {
      cause: 'abi',
      file,
      title,
      message:
        `Le module SQLite (better-sqlite3)${where} a été compilé pour une autre version d'exécution ` +
        `(NODE_MODULE_VERSION ${abi[1]}) alors que ${runtimeName} attend NODE_MODULE_VERSION ${abi[2]} : ` +
        `le paquet a été construit sans recompiler ce module pour Electron. ${REINSTALL}`,
    };
  }
  const archMismatch =
    /wrong ELF class|incompatible architecture|not a valid Win32 application|Exec format error|ELF file's phentsize/i.test(raw) ||
    (/cannot open shared object file/.test(raw) && file !== null && exists(file));
  if (archMismatch) {
    return {
      cause: 'arch',
      file,
      title,
      message:
        `Le module SQLite (better-sqlite3)${where} ne convient pas à ce système (${runtime.platform}-${runtime.arch}) : ` +
        `il a été compilé pour un autre processeur ou un autre système. ${REINSTALL} (détail : ${firstLine})`,
    };
  }
  const missing =
    /Could not locate the bindings file|Cannot find module|ENOENT|cannot open shared object file|image not found|no such file/i.test(raw);
  if (missing) {
    return {
      cause: 'missing',
      file,
      title,
      message:
        `Le fichier du module SQLite (better-sqlite3)${where} est introuvable : l'installation est incomplète ` +
        `(copie interrompue, ou fichier mis en quarantaine par un antivirus). ${REINSTALL}`,
    };
  }
  return {
    cause: 'other',
    file,
    title,
    message: `Le module SQLite (better-sqlite3)${where} n'a pas pu être chargé par ${runtimeName} (${runtime.platform}-${runtime.arch}) : ${firstLine}. ${REINSTALL}`,
  };
}
