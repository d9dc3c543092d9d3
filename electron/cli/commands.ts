/**
 * The `label-audit` commands, each run against the tRPC router through a direct caller (no HTTP):
 * reads local files, calls the procedure of the API contract, writes one JSON document or human French text.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { appRouter } from '../core/api/router';
import { verifyPackFile } from '../core/services/pack';
import { UserError } from '../../shared/errors';
import type { CliCommand } from './args';
import { formatBytes, formatNodePoints, formatPercent, formatPoints, formatScoreText, toCliScore } from './format';

/** A direct caller of the router (`appRouter.createCaller({ core })`). */
export type Caller = ReturnType<typeof appRouter.createCaller>;

/** Where a command writes: `out` gets the JSON document or the human text; `cwd` resolves relative paths. */
export interface CommandIo {
  out: (text: string) => void;
  cwd: string;
  json: boolean;
}

/** Outcome of a command: its exit code (0 ok; 1 for a failed `verify`) and the lines for stderr. */
export interface CommandOutcome {
  exitCode: 0 | 1;
  errors: string[];
}

const OK: CommandOutcome = { exitCode: 0, errors: [] };

function emit(io: CommandIo, json: unknown, text: () => string): void {
  io.out(io.json ? `${JSON.stringify(json, null, 2)}\n` : `${text()}\n`);
}

/**
 * Reads a file the user named. Throws UserError FILE_NOT_FOUND naming the path when it does not exist,
 * FILE_UNREADABLE when it is a folder or cannot be read.
 */
export function readUserFile(path: string, cwd: string): Buffer {
  const abs = resolve(cwd, path);
  if (!existsSync(abs)) throw new UserError('FILE_NOT_FOUND', `Fichier introuvable : ${path}`, { path });
  try {
    if (!statSync(abs).isFile()) throw new Error('not a file');
    return readFileSync(abs);
  } catch {
    throw new UserError('FILE_UNREADABLE', `Fichier illisible (dossier ou droits insuffisants) : ${path}`, { path });
  }
}

/** Runs one workspace command (not `help`, not `verify`) against the router. */
export async function runCommand(cmd: Exclude<CliCommand, { name: 'help' } | { name: 'version' } | { name: 'verify' }>, caller: Caller, io: CommandIo): Promise<CommandOutcome> {
  switch (cmd.name) {
    case 'import-referential': {
      const files = cmd.files.map((f) => ({ name: basename(f), contentBase64: readUserFile(f, io.cwd).toString('base64') }));
      const input = { files, ...(cmd.format ? { format: cmd.format } : {}), ...(cmd.id ? { id: cmd.id } : {}) };
      const r = await caller.referentials.import(input as Parameters<Caller['referentials']['import']>[0]);
      emit(io, r, () => `Référentiel importé : ${r.id} (version ${r.version}), ${r.nodes} nœuds, ${formatPoints(r.points)} points.`);
      return OK;
    }
    case 'referentials': {
      const list = await caller.referentials.list();
      emit(io, list, () =>
        list.length === 0
          ? 'Aucun référentiel dans cet espace de travail (label-audit import-referential FICHIER...).'
          : list
              .map((r) => `${r.id}\t${r.nom} — version ${r.version}, ${r.nodes} nœuds, ${formatPoints(r.points)} points` + (r.avertissement ? ` (${r.avertissement})` : ''))
              .join('\n'),
      );
      return OK;
    }
    case 'set-statut': {
      const { score } = await caller.statuts.set({
        referentialId: cmd.referentialId,
        nodeId: cmd.nodeId,
        statut: cmd.statut,
        ...(cmd.detail ? { detail: cmd.detail } : {}),
        ...(cmd.explication !== undefined ? { explication: cmd.explication } : {}),
      });
      const cli = toCliScore(score);
      const node = cli.nodes[cmd.nodeId];
      const doc = { referentialId: cmd.referentialId, nodeId: cmd.nodeId, statut: cmd.statut, detail: cmd.detail ?? null, node: node ?? null, root: cli.root };
      emit(io, doc, () =>
        [
          `Statut enregistré : ${cmd.nodeId} → ${cmd.statut}${cmd.detail ? ` (${cmd.detail.map(formatPoints).join(' / ')})` : ''}.`,
          ...(node ? [`Nœud : ${formatNodePoints(node)}`] : []),
          `Score ${cmd.referentialId} : ${formatPercent(cli.root.score)} — niveau atteint : ${cli.root.niveau ?? 'aucun'} — complétude ${formatPercent(cli.root.completude)}`,
        ].join('\n'),
      );
      return OK;
    }
    case 'add-preuve': {
      const titre = cmd.titre !== undefined ? { titre: cmd.titre } : {};
      const base = { referentialId: cmd.referentialId, nodeId: cmd.nodeId, ...titre };
      // Anything that looks like a URL goes to addLink, which refuses non-http(s) schemes with a clear message.
      const preuve = /^[a-z][a-z0-9+.-]*:\/\//i.test(cmd.target)
        ? await caller.preuves.addLink({ ...base, url: cmd.target })
        : await caller.preuves.addPath({ ...base, path: resolve(io.cwd, cmd.target) });
      emit(io, preuve, () =>
        preuve.kind === 'lien'
          ? `Preuve ajoutée sur ${cmd.nodeId} : lien « ${preuve.titre} » (${preuve.url ?? ''}).`
          : `Preuve ajoutée sur ${cmd.nodeId} : fichier « ${preuve.titre} » (${preuve.fileName ?? ''}, ${formatBytes(preuve.size ?? 0)}, SHA-256 ${preuve.sha256 ?? ''}).`,
      );
      return OK;
    }
    case 'score': {
      const [referential, score] = [await caller.referentials.get({ referentialId: cmd.referentialId }), await caller.scores.get({ referentialId: cmd.referentialId })];
      const cli = toCliScore(score);
      emit(io, cli, () => formatScoreText(referential, score));
      return OK;
    }
    case 'export-pack': {
      const r = await caller.pack.export({ referentialId: cmd.referentialId });
      let path = r.path;
      if (cmd.out !== undefined) {
        path = resolve(io.cwd, cmd.out);
        try {
          await mkdir(dirname(path), { recursive: true });
          await copyFile(r.path, path);
        } catch {
          throw new UserError('FILE_UNREADABLE', `Impossible d'écrire le paquet dans ${cmd.out} (dossier absent ou droits insuffisants).`, { path: cmd.out });
        }
      }
      const doc = { path, fileName: basename(path), entries: r.entries, bytes: r.bytes };
      emit(io, doc, () => `Paquet d'audit écrit : ${path} (${r.entries} entrées, ${r.bytes} octets, ${formatBytes(r.bytes)}).`);
      return OK;
    }
  }
}

/**
 * `verify FILE.zip`: checks an audit pack without opening any workspace (an auditor's machine has none).
 * Throws UserError FILE_NOT_FOUND naming the path when the zip is absent.
 */
export async function runVerify(file: string, io: CommandIo): Promise<CommandOutcome> {
  readUserFile(file, io.cwd); // names the path as the user typed it when it is missing
  return reportVerify(await verifyPackFile(resolve(io.cwd, file)), file, io);
}

/** Prints a verification result: ok → one line (or JSON), exit 0; problems → each on its own stderr line, exit 1. */
export function reportVerify(r: { ok: boolean; entries: number; problems: string[] }, file: string, io: CommandIo): CommandOutcome {
  emit(io, r, () => (r.ok ? `Paquet conforme : ${file} (${r.entries} entrées vérifiées).` : `Paquet NON conforme : ${file} (${r.problems.length} problème${r.problems.length > 1 ? 's' : ''}).`));
  return r.ok ? OK : { exitCode: 1, errors: r.problems.length > 0 ? r.problems : [`Paquet non conforme : ${file}`] };
}
