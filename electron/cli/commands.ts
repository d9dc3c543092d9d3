/**
 * The `label-audit` commands, each run against the tRPC router through a direct caller (no HTTP):
 * reads local files, calls the procedure of the API contract, writes one JSON document or human French text.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { appRouter } from '../core/api/router';
import type { Core } from '../core/core';
import { buildPack } from '../core/pack';
import { LABEL_REMINDER, showsNiveau } from '../core/pack/format';
import { packInput, verifyPackFile } from '../core/services/pack';
import { storageError } from '../core/storage-errors';
import { UserError } from '../../shared/errors';
import { ratioFait } from '../../shared/scoring/ratios';
import { roundDetail } from '../../shared/statut';
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

/**
 * Whether `target` of add-preuve is a link: it has a URI scheme (`https:`, `javascript:`, `ftp:` — refused later
 * by the core unless http(s)) that is not a Windows drive letter (`C:`), and no file of that name exists.
 */
export function looksLikeLink(target: string, abs: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target) && !/^[a-z]:/i.test(target) && !existsSync(abs);
}

/**
 * Writes the pack of `referentialId` straight to `out` (resolved from `cwd`). Its folder must exist: nothing is
 * created outside the data dir. Throws UserError FILE_NOT_FOUND (no such folder), FILE_UNREADABLE (`out` is a
 * folder, or cannot be written), and the builder's errors.
 */
async function writePackTo(core: Core, referentialId: string, out: string, cwd: string) {
  const path = resolve(cwd, out);
  const dir = dirname(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UserError('FILE_NOT_FOUND', `Le dossier ${dirname(out)} n'existe pas : créez-le ou choisissez un autre chemin pour --out.`, { path: out });
  }
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new UserError('FILE_UNREADABLE', `--out ${out} désigne un dossier : donnez un nom de fichier, par exemple ${out.replace(/[\\/]+$/, '')}/paquet.zip.`, { path: out });
  }
  try {
    return await buildPack(packInput(core.ctx, referentialId), path);
  } catch (e) {
    throw storageError(e, dir, path);
  }
}

/** The open core, which `backup` and `restore` use directly (a path on this machine never crosses the router). */
function requireCore(core: Core | undefined, command: string): Core {
  if (!core) throw new Error(`la commande ${command} a besoin de l'espace de travail ouvert`);
  return core;
}

/**
 * Runs one workspace command (not `help`, not `verify`) against the router (and the core, for `export-pack --out`,
 * `backup` and `restore`).
 */
export async function runCommand(
  cmd: Exclude<CliCommand, { name: 'help' } | { name: 'version' } | { name: 'verify' }>,
  caller: Caller,
  io: CommandIo,
  core?: Core,
): Promise<CommandOutcome> {
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
      const referential = await caller.referentials.get({ referentialId: cmd.referentialId });
      const { score, changed, cascade } = await caller.statuts.set({
        referentialId: cmd.referentialId,
        nodeId: cmd.nodeId,
        statut: cmd.statut,
        ...(cmd.detail ? { detail: cmd.detail } : {}),
        ...(cmd.explication !== undefined ? { explication: cmd.explication } : {}),
      });
      const cli = toCliScore(score);
      const node = cli.nodes[cmd.nodeId];
      // What is stored: the split rounded to tenths of a percent (shared/statut.ts checkDetail).
      const detail = cmd.detail ? roundDetail(cmd.detail) : null;
      const doc = { referentialId: cmd.referentialId, nodeId: cmd.nodeId, statut: cmd.statut, detail, changed, cascade, node: node ?? null, root: cli.root };
      const split = detail ? ` (fait ${formatPercent(detail[0])} / programmé ${formatPercent(detail[1])} / pas fait ${formatPercent(detail[2])})` : '';
      const seuil = showsNiveau(referential)
        ? [`Seuil de score atteint : ${cli.root.niveau ?? 'aucun'}${cli.root.completude < 1 ? ` (${LABEL_REMINDER})` : ''}`]
        : [];
      emit(io, doc, () =>
        [
          changed ? `Statut enregistré : ${cmd.nodeId} → ${cmd.statut}${split}.` : `Statut inchangé : ${cmd.nodeId} a déjà ce statut${split} ; rien n'est enregistré.`,
          ...cascade.map((id) => `La sous-action ${id} repasse en « non renseigné » : ce sont maintenant ses tâches qui portent le statut.`),
          ...(node ? [`Nœud : ${formatNodePoints(node)}`] : []),
          `Score ${cmd.referentialId} : ${formatPercent(ratioFait(referential.model, score.root))} — complétude ${formatPercent(cli.root.completude)}`,
          ...seuil,
        ].join('\n'),
      );
      return OK;
    }
    case 'add-preuve': {
      const titre = cmd.titre !== undefined ? { titre: cmd.titre } : {};
      const base = { referentialId: cmd.referentialId, nodeId: cmd.nodeId, ...titre };
      // Anything with a URI scheme goes to addLink, which refuses non-http(s) schemes (javascript:, ftp:…) clearly.
      const abs = resolve(io.cwd, cmd.target);
      const preuve = looksLikeLink(cmd.target, abs) ? await caller.preuves.addLink({ ...base, url: cmd.target }) : await caller.preuves.addPath({ ...base, path: abs });
      // Other preuves holding the same bytes: the file is stored once, each keeps the title the user typed.
      const twins =
        preuve.kind === 'fichier' ? (await caller.preuves.list({ referentialId: cmd.referentialId })).filter((p) => p.sha256 === preuve.sha256 && p.id !== preuve.id) : [];
      emit(io, preuve, () =>
        [
          preuve.kind === 'lien'
            ? `Preuve ajoutée sur ${cmd.nodeId} : lien « ${preuve.titre} » (${preuve.url ?? ''}).`
            : `Preuve ajoutée sur ${cmd.nodeId} : fichier « ${preuve.titre} » (${preuve.fileName ?? ''}, ${formatBytes(preuve.size ?? 0)}, SHA-256 ${preuve.sha256 ?? ''}).`,
          ...twins.map((t) => `Mêmes octets que la preuve « ${t.titre} » : le fichier n'est stocké qu'une fois, chaque preuve garde son titre.`),
        ].join('\n'),
      );
      return OK;
    }
    case 'score': {
      const [referential, score] = [await caller.referentials.get({ referentialId: cmd.referentialId }), await caller.scores.get({ referentialId: cmd.referentialId })];
      const cli = toCliScore(score);
      emit(io, cli, () => formatScoreText(referential, score));
      return OK;
    }
    case 'backup': {
      const backups = requireCore(core, cmd.name).backups;
      const r = cmd.out !== undefined ? await backups.writeTo(resolve(io.cwd, cmd.out)) : await backups.create('manuelle').then((b) => ({ ...b, path: join(backups.dir, b.name) }));
      emit(io, r, () => `Sauvegarde écrite : ${r.path} (${formatBytes(r.size)}).`);
      return OK;
    }
    case 'restore': {
      const abs = resolve(io.cwd, cmd.file);
      const r = await requireCore(core, cmd.name).backups.restore(abs, cmd.file);
      const s = r.summary;
      emit(io, r, () =>
        [
          `Sauvegarde restaurée : ${cmd.file} — ${s.nom}, schéma ${s.userVersion}, ${s.referentials} référentiel(s), ${s.statuts} statut(s), ${s.preuves} preuve(s)` +
            (s.lastChangeAt ? `, dernière modification ${s.lastChangeAt}.` : '.'),
          `L'état remplacé a été sauvegardé : ${r.previous.name} (dossier ${requireCore(core, cmd.name).backups.dir}).`,
          ...(r.missingEvidence > 0 ? [`${r.missingEvidence} fichier(s) de preuve cité(s) par la sauvegarde sont absents du dépôt des preuves.`] : []),
        ].join('\n'),
      );
      return OK;
    }
    case 'export-pack': {
      // --out: written there directly (its folder must exist); otherwise under <data dir>/exports.
      const r = cmd.out !== undefined && core ? await writePackTo(core, cmd.referentialId, cmd.out, io.cwd) : await caller.pack.export({ referentialId: cmd.referentialId });
      const doc = { path: r.path, fileName: basename(r.path), entries: r.entries, bytes: r.bytes, missing: r.missing };
      emit(io, doc, () =>
        [
          `Paquet d'audit écrit : ${r.path} (${r.entries} entrées, ${r.bytes} octets, ${formatBytes(r.bytes)}).`,
          ...(r.missing > 0 ? [`${r.missing} preuve(s) manquante(s) ou altérée(s) : voir _manifeste/fichiers-manquants.txt dans le paquet.`] : []),
        ].join('\n'),
      );
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
