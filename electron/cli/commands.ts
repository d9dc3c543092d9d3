/**
 * The `label-audit` commands, each run against the tRPC router through a direct caller (no HTTP):
 * reads local files, calls the procedure of the API contract, writes one JSON document or human French text.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { appRouter } from '../core/api/router';
import type { Core } from '../core/core';
import { buildPack } from '../core/pack';
import { leafCountsFr, leafTotalFr, niveauHeading, showsNiveau } from '../core/pack/format';
import { packInput, verifyPackFile } from '../core/services/pack';
import { storageError } from '../core/storage-errors';
import type { Referential, ScoreResult } from '../../shared/domain';
import type { Identite, Question } from '../../shared/personnalisation';
import { parseFraction, type CliCommand } from './args';
import { UserError } from '../../shared/errors';
import { engineFor } from '../../shared/scoring';
import { decodeUtf8 } from '../core/referential/decode';
import { parseSituation, situationPersonnalisation } from '../core/situation';
import { ratioFait } from '../../shared/scoring/ratios';
import { roundDetail } from '../../shared/statut';
import { runJalonCommand } from './jalon-commands';
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
 * The score of `referential` in the situation described by a YAML file (identity, answers, statuts; see
 * core/situation.ts), computed without touching the workspace. The workspace's question pool, if any, checks the
 * answers and drops those to hidden questions.
 * @throws UserError FILE_NOT_FOUND / FILE_UNREADABLE for the file, INPUT_INVALID for its content.
 */
function scoreSituation(core: Core | undefined, referential: Referential, path: string, cwd: string): ScoreResult {
  const file = { name: basename(path), text: decodeUtf8(path, readUserFile(path, cwd)) };
  const questions = core ? core.personnalisation.questions() : [];
  const situation = parseSituation(file, referential, questions);
  return engineFor(referential.model).compute(referential, situation.statuts, situationPersonnalisation(referential, situation, questions));
}

/** One line of an identity: "commune, 12 400 habitants, métropole". */
function identiteText(id: Identite): string {
  return [
    id.type ?? 'type inconnu',
    id.soustype,
    id.population === null ? 'population inconnue' : `${id.population.toLocaleString('fr-FR')} habitants`,
    id.localisation === 'DOM' ? 'outre-mer (DOM)' : 'métropole',
    id.dansAireUrbaine === null ? null : id.dansAireUrbaine ? 'dans une aire urbaine' : 'hors aire urbaine',
  ]
    .filter((x) => x !== null)
    .join(', ');
}

/**
 * The value of `set-reponse` for its question (tete-referentials.md §2.5): binaire oui / non (vrai, faux, true,
 * false), choix an option id (case-insensitive), proportion `0.35`, `0,35` or `35%`; `aucune` clears the answer.
 * @throws UserError INPUT_INVALID naming the question and what it expects.
 */
export function reponseFromText(question: Question, text: string): boolean | string | number | null {
  const t = text.trim();
  if (['aucune', 'aucun', 'effacer'].includes(t.toLowerCase())) return null;
  const fail = (expected: string): never => {
    throw new UserError('INPUT_INVALID', `Réponse « ${text} » invalide pour la question ${question.id} : ${expected}.`, { field: question.id });
  };
  switch (question.type) {
    case 'binaire': {
      const v = t.toLowerCase();
      if (['oui', 'vrai', 'true'].includes(v)) return true;
      if (['non', 'faux', 'false'].includes(v)) return false;
      return fail('oui ou non attendu');
    }
    case 'choix':
      return question.choix.find((c) => c.id.toLowerCase() === t.toLowerCase())?.id ?? fail(`une option parmi ${question.choix.map((c) => c.id).join(', ')}`);
    case 'proportion':
      try {
        return parseFraction(t, question.id);
      } catch {
        return fail('une proportion entre 0 et 1 (0,35 ou 35%)');
      }
  }
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
  cmd: Exclude<CliCommand, { name: 'help' } | { name: 'version' } | { name: 'verify' } | { name: 'data-dir' }>,
  caller: Caller,
  io: CommandIo,
  core?: Core,
): Promise<CommandOutcome> {
  switch (cmd.name) {
    case 'import-referential': {
      const files = cmd.files.map((f) => ({ name: basename(f), contentBase64: readUserFile(f, io.cwd).toString('base64') }));
      const input = { files, ...(cmd.format ? { format: cmd.format } : {}), ...(cmd.id ? { id: cmd.id } : {}) };
      const r = await caller.referentials.import(input as Parameters<Caller['referentials']['import']>[0]);
      const model = io.json ? undefined : (await caller.referentials.list()).find((x) => x.id === r.id)?.model;
      emit(io, r, () => `Référentiel importé : ${r.id} (version ${r.version}), ${r.nodes} nœuds, ${(model && leafTotalFr(model, r.points)) ?? `${formatPoints(r.points)} points`}.`);
      return OK;
    }
    case 'referentials': {
      const list = await caller.referentials.list();
      emit(io, list, () =>
        list.length === 0
          ? 'Aucun référentiel dans cet espace de travail (label-audit import-referential FICHIER...).'
          : list
              .map((r) => `${r.id}\t${r.nom} — version ${r.version}, ${r.nodes} nœuds, ${leafTotalFr(r.model, r.points) ?? `${formatPoints(r.points)} points`}` + (r.avertissement ? ` (${r.avertissement})` : ''))
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
      const heading = niveauHeading(referential.model);
      const seuil = showsNiveau(referential)
        ? [`${heading.label} : ${cli.root.niveau ?? 'aucun'}${cli.root.completude < 1 ? ` (${heading.reminder})` : ''}`]
        : [];
      emit(io, doc, () =>
        [
          changed ? `Statut enregistré : ${cmd.nodeId} → ${cmd.statut}${split}.` : `Statut inchangé : ${cmd.nodeId} a déjà ce statut${split} ; rien n'est enregistré.`,
          ...cascade.map((id) => `La sous-action ${id} repasse en « non renseigné » : ce sont maintenant ses tâches qui portent le statut.`),
          ...(node ? [`Nœud : ${leafCountsFr(referential.model, score.nodes[cmd.nodeId]!) ?? formatNodePoints(node)}`] : []),
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
      const referential = await caller.referentials.get({ referentialId: cmd.referentialId });
      const score = cmd.situation === undefined ? await caller.scores.get({ referentialId: cmd.referentialId }) : scoreSituation(core, referential, cmd.situation, io.cwd);
      const cli = toCliScore(score);
      emit(io, cli, () => formatScoreText(referential, score));
      return OK;
    }
    case 'set-identite': {
      if (!core) throw new UserError('INPUT_INVALID', 'set-identite demande un espace de travail local.', {});
      const patch = Object.fromEntries(
        Object.entries({ type: cmd.type, soustype: cmd.soustype, population: cmd.population, localisation: cmd.localisation, dansAireUrbaine: cmd.dansAireUrbaine }).filter(
          ([, v]) => v !== undefined,
        ),
      );
      const id = core.personnalisation.setIdentite(patch);
      emit(io, id, () => `Identité enregistrée : ${identiteText(id)}.`);
      return OK;
    }
    case 'set-reponse': {
      if (!core) throw new UserError('INPUT_INVALID', 'set-reponse demande un espace de travail local.', {});
      const question = core.personnalisation.questions().find((q) => q.id === cmd.questionId);
      if (!question) {
        throw new UserError('NOT_FOUND', `Question de personnalisation « ${cmd.questionId} » inconnue : importez les questions (label-audit import-questions), ou vérifiez l'identifiant.`, {
          field: cmd.questionId,
        });
      }
      const r = core.personnalisation.setReponse({ questionId: question.id, valeur: reponseFromText(question, cmd.valeur), justification: cmd.justification });
      // An answer to a question hidden by the identity or by other answers is kept but does not count (§2.5): say so.
      const shown = core.personnalisation
        .questionnaire({ seulementUtiles: false })
        .thematiques.flatMap((t) => t.questions)
        .find((i) => i.question.id === question.id)?.visible;
      emit(io, { questionId: question.id, reponse: r, prisEnCompte: r !== null && shown !== false }, () =>
        [
          r === null ? `Réponse effacée : ${question.id}.` : `Réponse enregistrée : ${question.id} = ${JSON.stringify(r.valeur)}${r.justification ? ` (justification : ${r.justification})` : ''}.`,
          ...(r !== null && shown === false
            ? [`Attention : la question ${question.id} est masquée par l'identité ou par une autre réponse (${question.exprVisible ?? 'type de collectivité'}) : la réponse est conservée mais ne compte pas.`]
            : []),
        ].join('\n'),
      );
      return OK;
    }
    case 'readiness': {
      if (!core) throw new UserError('INPUT_INVALID', 'readiness demande un espace de travail local.', {});
      const r = core.readiness.get(cmd.referentialId, core.scores.get(cmd.referentialId), cmd.level);
      const doc = { level: r.cible.rang, nom: r.cible.nom, met: r.met, conditions: r.conditions.map((c) => ({ id: c.id, met: c.met, sansObjet: c.sansObjet, label: c.label, detail: c.detail, action: c.action })) };
      emit(io, doc, () =>
        [
          `Candidature ${cmd.referentialId} — ${r.cible.nom} : ${r.met ? 'toutes les conditions sont remplies' : `${r.conditions.filter((c) => !c.met).length} condition(s) à remplir`}.`,
          ...r.conditions.map((c) => `${c.sansObjet ? '–' : c.met ? '✓' : '✗'} ${c.label} : ${c.detail}${!c.met && c.action ? ` → ${c.action}` : ''}`),
        ].join('\n'),
      );
      return OK;
    }
    case 'import-questions': {
      if (!core) throw new UserError('INPUT_INVALID', "import-questions demande un espace de travail local.", {});
      const files = cmd.files.map((f) => ({ name: basename(f), text: decodeUtf8(f, readUserFile(f, io.cwd)) }));
      const r = core.personnalisation.importQuestions(files);
      emit(io, r, () =>
        [
          `Questions de personnalisation importées : ${r.questions} questions en ${r.thematiques} thématiques.`,
          ...(r.questionsManquantes.length > 0 ? [`Questions lues par les règles des référentiels mais absentes : ${r.questionsManquantes.join(', ')}.`] : []),
          ...(r.reponsesOrphelines.length > 0 ? [`Réponses conservées à des questions qui ne sont plus dans la liste : ${r.reponsesOrphelines.join(', ')}.`] : []),
        ].join('\n'),
      );
      return OK;
    }
    case 'load-example': {
      const r = requireCore(core, cmd.name).examples.load(cmd.id, { remplacer: cmd.remplacer });
      emit(io, r, () => `Exemple ${r.id} chargé dans ${r.referentialId} : ${r.written} statut${r.written > 1 ? 's' : ''} écrit${r.written > 1 ? 's' : ''}, ${r.unchanged} déjà identique${r.unchanged > 1 ? 's' : ''}.`);
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
    case 'jalon':
    case 'jalons':
    case 'compare':
      return runJalonCommand(cmd, caller, io, core);
    case 'export-pack': {
      if (cmd.jalon !== undefined) return runJalonCommand(cmd, caller, io, core);
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
