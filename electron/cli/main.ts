/**
 * `label-audit` entry logic: parse, open the workspace (without the demo), run the command, map errors to exit codes.
 * Contract (brief "label-audit command line"): exit 0 on success; 1 on a user error with ONE line on stderr naming
 * the file, row, node or field; 2 with one line "Erreur interne : …" on anything unexpected; never a stack trace.
 */
import { existsSync, readdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { isUserError, UserError } from '../../shared/errors';
import { zodIssueFr, type ZodIssueLike } from '../core/api/zod-fr';
import { parseCli } from './args';
import { USAGE } from './usage';

/** Where the CLI writes; tests pass collectors, the real entry passes process streams. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Base of relative paths (files, --data-dir, --out). */
  cwd: string;
}

const processIo: CliIo = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  cwd: process.cwd(),
};

/** Commands that only read the workspace: refused on a data dir without one rather than creating it. */
const READ_COMMANDS: ReadonlySet<string> = new Set(['score', 'readiness', 'referentials', 'export-pack', 'jalon', 'jalons', 'compare']);

/** backup and restore work on an existing workspace only: they never create one either. */
const BACKUP_COMMANDS: ReadonlySet<string> = new Set(['backup', 'restore']);

/**
 * Whether `dataDir` holds a workspace database (`dbOf(id)` for each folder under workspaces/). An unreadable
 * folder counts as "yes", so that opening it reports the precise storage error (storage-errors.ts).
 */
export function hasWorkspace(dataDir: string, dbOf: (workspaceId: string) => string): boolean {
  const root = join(dataDir, 'workspaces');
  if (!existsSync(root)) return false;
  try {
    return readdirSync(root).some((id) => existsSync(dbOf(id)));
  } catch {
    return true;
  }
}

/** The OS user name, for the history when --user is absent. */
export function osUserName(): string {
  try {
    return userInfo().username || process.env.USER || 'inconnu';
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'inconnu';
  }
}

/**
 * Runs the command line `argv` (arguments after the script path). Returns the exit code (0, 1 or 2); never throws.
 * Writes the result on `io.stdout`, errors as single lines on `io.stderr`.
 */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  let core: { close(): void } | undefined;
  try {
    const cmd = parseCli(argv);
    if (cmd.name === 'help') {
      io.stdout(USAGE);
      return 0;
    }
    if (cmd.name === 'version') {
      const { APP_VERSION } = await import('../core/version');
      io.stdout(cmd.common.json ? `${JSON.stringify({ version: APP_VERSION })}\n` : `label-audit ${APP_VERSION}\n`);
      return 0;
    }
    // The core (SQLite, PDF, XLSX, zip) loads only now, so --help and argument errors answer at once.
    const { runCommand, runVerify } = await import('./commands');
    if (cmd.name === 'verify') {
      const outcome = await runVerify(cmd.file, { out: io.stdout, cwd: io.cwd, json: cmd.common.json });
      for (const line of outcome.errors) io.stderr(`${oneLine(line)}\n`);
      return outcome.exitCode;
    }
    const [{ startCore }, { defaultDataDir, workspacePaths }, { appRouter }, { resolveDataDir }] = await Promise.all([
      import('../core/core'),
      import('../core/paths'),
      import('../core/api/router'),
      import('../core/data-dir'),
    ]);
    if (cmd.name === 'data-dir') {
      const { runDataDir } = await import('./data-dir');
      const notice = (line: string) => io.stderr(`${oneLine(line)}\n`);
      return await runDataDir(cmd, cmd.common.dataDir, { out: io.stdout, notice, cwd: io.cwd, json: cmd.common.json, userDataDir: defaultDataDir(), env: process.env });
    }
    // The desktop app's data folder: LABEL_AUDIT_DATA_DIR, else <userData>/data-dir.json, else userData (data-dir.ts).
    const dataDir = cmd.common.dataDir !== undefined ? resolve(io.cwd, cmd.common.dataDir) : resolveDataDir(defaultDataDir()).dataDir;
    // Commands that only read never create a workspace (the desktop app does, on first start).
    if (READ_COMMANDS.has(cmd.name) && !hasWorkspace(dataDir, (id) => workspacePaths(dataDir, id).db)) {
      throw new UserError(
        'NOT_FOUND',
        `Aucun espace de travail dans ${dataDir} : rien à lire. Importez d'abord un référentiel (label-audit import-referential FICHIER --data-dir ${dataDir}).`,
        { path: dataDir },
      );
    }
    if (BACKUP_COMMANDS.has(cmd.name) && !hasWorkspace(dataDir, (id) => workspacePaths(dataDir, id).db)) {
      throw new UserError(
        'NOT_FOUND',
        `Aucun espace de travail dans ${dataDir} : rien à ${cmd.name === 'backup' ? 'sauvegarder' : 'restaurer'} (vérifiez --data-dir).`,
        { path: dataDir },
      );
    }
    const opened = await startCore({
      dataDir,
      user: cmd.common.user ?? osUserName(),
      demo: false,
      // Notices go to stderr: stdout carries only the result (one JSON document with --json).
      log: (line) => io.stderr(`${oneLine(line)}\n`),
    });
    core = opened;
    const caller = appRouter.createCaller({ core: opened });
    const outcome = await runCommand(cmd, caller, { out: io.stdout, cwd: io.cwd, json: cmd.common.json }, opened);
    for (const line of outcome.errors) io.stderr(`${oneLine(line)}\n`);
    return outcome.exitCode;
  } catch (e) {
    const { exitCode, line } = describeError(e);
    io.stderr(`${line}\n`);
    return exitCode;
  } finally {
    try {
      core?.close();
    } catch {
      // Closing after a failure must not hide the first error.
    }
  }
}

/**
 * Maps anything thrown to the CLI's exit code and ONE stderr line:
 * a UserError (directly or as the cause of a TRPCError) → 1 with its French message;
 * a zod input error from the router → 1 naming the field; a TRPCError BAD_REQUEST/NOT_FOUND → 1 with its message;
 * anything else → 2, "Erreur interne : <message>".
 */
export function describeError(e: unknown): { exitCode: 1 | 2; line: string } {
  const user = findUserError(e);
  if (user) return { exitCode: 1, line: oneLine(user.message) };
  const err = e as { name?: string; code?: string; message?: string; cause?: unknown };
  if (err?.name === 'TRPCError' && (err.code === 'BAD_REQUEST' || err.code === 'NOT_FOUND')) {
    // Same wording as the router's errorFormatter (electron/core/api/trpc.ts): the first zod issue with its path.
    const issue = (err.cause as { issues?: Array<ZodIssueLike & { path?: PropertyKey[] }> } | undefined)?.issues?.[0];
    if (issue) {
      const field = (issue.path ?? []).map(String).join('.');
      return { exitCode: 1, line: oneLine(`Donnée invalide${field ? ` pour « ${field} »` : ''} : ${zodIssueFr(issue)}.`) };
    }
    return { exitCode: 1, line: oneLine(err.message ?? 'Entrée invalide.') };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { exitCode: 2, line: oneLine(`Erreur interne : ${message}`) };
}

function findUserError(e: unknown): { message: string } | undefined {
  for (let cur = e, depth = 0; cur && depth < 5; cur = (cur as { cause?: unknown }).cause, depth++) {
    if (isUserError(cur)) return cur;
  }
  return undefined;
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ').trim();
}
