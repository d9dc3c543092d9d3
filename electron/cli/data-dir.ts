/**
 * `label-audit data-dir [--move DOSSIER | --reset]`: shows the data folder in force, moves the data to another
 * folder (a roaming profile, a network share) or goes back to the per-user folder (rules in core/data-dir.ts).
 */
import { resolve } from 'node:path';
import { copyDataDir, DATA_DIR_ENV, removeDataDirPointer, resolveDataDir, writeDataDirPointer } from '../core/data-dir';
import { formatBytes } from './format';

/** Where the command writes and what it reads: the per-user folder holding the pointer, the environment. */
export interface DataDirIo {
  out: (text: string) => void;
  /** Notices (stderr). */
  notice: (line: string) => void;
  cwd: string;
  json: boolean;
  /** The per-user folder (`defaultDataDir()`), where `data-dir.json` lives. */
  userDataDir: string;
  env: NodeJS.ProcessEnv;
}

const SOURCES = { env: `variable ${DATA_DIR_ENV}`, pointer: 'fichier data-dir.json', default: 'dossier par défaut' } as const;

/**
 * Runs `data-dir`. `dataDirOption` is `--data-dir` (the folder to move instead of the one in force).
 * Without option: prints the folder in force and why. `--move`: copies and checks (copyDataDir), then writes the
 * pointer. `--reset`: removes the pointer. Throws the UserErrors of core/data-dir.ts.
 */
export async function runDataDir(cmd: { move: string | undefined; reset: boolean }, dataDirOption: string | undefined, io: DataDirIo): Promise<0> {
  if (io.env[DATA_DIR_ENV]?.trim() && (cmd.move !== undefined || cmd.reset)) {
    io.notice(`Attention : la variable ${DATA_DIR_ENV} est définie et l'emporte sur ce réglage tant qu'elle le reste.`);
  }
  if (cmd.reset) {
    const removed = removeDataDirPointer(io.userDataDir);
    const text = removed ? `Retour au dossier de données par défaut : ${io.userDataDir}.` : `Déjà sur le dossier de données par défaut : ${io.userDataDir}.`;
    io.out(io.json ? `${JSON.stringify({ dataDir: io.userDataDir, removed }, null, 2)}\n` : `${text}\n`);
    return 0;
  }
  if (cmd.move !== undefined) {
    const from = dataDirOption !== undefined ? resolve(io.cwd, dataDirOption) : resolveDataDir(io.userDataDir, io.env).dataDir;
    const to = resolve(io.cwd, cmd.move);
    const copy = await copyDataDir(from, to);
    const pointerFile = writeDataDirPointer(io.userDataDir, to);
    if (io.json) {
      io.out(`${JSON.stringify({ from, dataDir: to, pointerFile, ...copy }, null, 2)}\n`);
    } else {
      io.out(
        [
          `Données copiées de ${from} vers ${to} : ${copy.workspaces.length} espace(s) de travail (${copy.workspaces.join(', ')}), ${copy.files} autre(s) fichier(s), ${formatBytes(copy.bytes)} ; copie vérifiée.`,
          `Label Audit utilisera désormais ${to} (réglage enregistré dans ${pointerFile}).`,
          `Les données d'origine restent dans ${from} : supprimez-les vous-même après avoir vérifié le nouveau dossier.`,
        ].join('\n') + '\n',
      );
    }
    return 0;
  }
  const choice = resolveDataDir(io.userDataDir, io.env);
  io.out(io.json ? `${JSON.stringify(choice, null, 2)}\n` : `Dossier de données : ${choice.dataDir} (${SOURCES[choice.source]}).\n`);
  return 0;
}
