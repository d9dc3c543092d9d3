/**
 * Audit pack export: maps the store to the pack builder's PackInput (electron/core/pack/types.ts) and writes the
 * zip under `<dataDir>/exports/` (DOMAIN.md "The audit pack"). The pack's date is the last recorded change in the
 * history — never the clock — so the same state gives the same bytes.
 */
import type { Lang } from '../../../shared/locale';
import { existsSync } from 'node:fs';
import { jobEvents } from '../job-events';
import { join } from 'node:path';
import type { Referential } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import { buildPack, sanitizeSegment, verifyPack } from '../pack';
import { compareBytes, nodeFolders } from '../pack/layout';
import { PACK_FILE_WORDS } from '../pack/words';
import type { PackInput, PackPilotes, PackPreuve, PackProgress, PackStatut } from '../pack/types';
import { exportsDir } from '../paths';
import { APP_VERSION } from '../version';
import type { ServiceContext } from './context';
import { type EtatPreuve, type EtatReferentiel, etatCourant } from './etat';
import { packHistorique } from './pack-history';

/** Result of `pack.export`: absolute path, file name, zip entries, size in bytes, evidence files missing or altered. */
export interface PackExport {
  path: string;
  fileName: string;
  entries: number;
  bytes: number;
  missing: number;
}

/**
 * The pack's file name: `<stem>-<referential>-<YYYYMMDD-HHMMSS>.zip` from the jalon date (UTC); `stem` is
 * `packStem(…)`, the collectivité's name in the file name the auditor receives.
 */
export function packFileName(stem: string, referentialId: string, isoDate: string): string {
  const stamp = isoDate.replace(/\.\d+Z?$|Z$/, '').replace(/[-:]/g, '').replace('T', '-');
  return `${stem}-${referentialId}-${stamp}.zip`;
}

/**
 * The collectivité's name as the start of a pack's file name, safe on every file system and in an e-mail: accents
 * dropped, lower case, every other run of characters a `-`, at most 60 characters (« Commune de Saint-Étienne-du-Bois »
 * → `commune-de-saint-etienne-du-bois`); the workspace id when the name leaves nothing (« 東京 », « ??? »).
 */
export function packStem(nom: string, workspaceId: string): string {
  const slug = nom
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
  return slug === '' ? workspaceId : slug;
}

/** Options of an export: `includeConfidentiel` puts the confidentiel preuves in the pack too (default false). */
export interface PackOptions {
  includeConfidentiel?: boolean;
  /** Language of the report and of the grid's titles (default French). */
  lang?: Lang;
}

/**
 * Builds the PackInput of a referential from the store (no file is written): `packInputOf` of its live state
 * (services/etat.ts), named « État des lieux courant » ("Current state" in English) and dated by the last recorded change. Confidentiel preuves
 * are left out unless `opts.includeConfidentiel` (see `packInputOf`). Throws REFERENTIAL_UNKNOWN.
 */
export function packInput(ctx: ServiceContext, referentialId: string, opts: PackOptions = {}): PackInput {
  const etat = etatCourant(ctx, referentialId);
  const nom = opts.lang === 'en' ? 'Current state' : 'État des lieux courant';
  const input = packInputOf(etat, { nom, date: etat.date }, opts, (sha256) => ctx.evidence.pathOf(sha256));
  return { ...input, historique: packHistorique(ctx, etat.referential, undefined, opts.lang) };
}

/**
 * The PackInput of a state (live or frozen in a jalon), named and dated by `jalon`. Confidentiel preuves are left
 * out unless `opts.includeConfidentiel`, and each is listed in `retenues` (one line per place it would have had,
 * `"<folder>/<name> — preuve confidentielle retenue …"`), which the builder writes to
 * `_manifeste/fichiers-manquants.txt` (tete-referentials.md §4.6 `confidentiel`). Pure: the same state, jalon and
 * options give the same input, hence the same pack bytes.
 */
export function packInputOf(etat: EtatReferentiel, jalon: { nom: string; date: string }, opts: PackOptions, evidencePath: (sha256: string) => string): PackInput {
  const { referential } = etat;
  const kept = opts.includeConfidentiel ? etat.preuves : etat.preuves.filter((p) => !p.confidentiel);
  const retenues = opts.includeConfidentiel ? [] : withheldLines(referential, etat.preuves.filter((p) => p.confidentiel), opts.lang ?? 'fr');
  const preuves: PackPreuve[] = kept.map((p) => ({
    id: p.id,
    kind: p.kind,
    titre: p.titre,
    fileName: p.fileName,
    size: p.size,
    sha256: p.sha256,
    url: p.url,
    addedAt: p.addedAt,
    nodeIds: p.nodeIds,
  }));
  return {
    appVersion: APP_VERSION,
    workspace: { ...etat.workspace },
    referential,
    score: etat.score,
    jalon,
    statuts: new Map<string, PackStatut>(etat.statuts.map(({ nodeId, ...s }) => [nodeId, s])),
    pilotes: new Map<string, PackPilotes>(etat.pilotes.map(({ nodeId, ...p }) => [nodeId, p])),
    preuves,
    personnalisation: etat.personnalisation,
    retenues,
    evidencePath,
    ...(opts.lang ? { lang: opts.lang } : {}),
  };
}

/** Lines of withheld confidentiel preuves: the folder of each node it is attached to (its mesure's), its name; the reason in `lang`. */
function withheldLines(referential: Referential, confidentiels: readonly EtatPreuve[], lang: Lang): string[] {
  const folders = nodeFolders(referential);
  const byId = new Map(referential.nodes.map((n) => [n.id, n]));
  const folderOf = (nodeId: string): string => {
    for (let cur = byId.get(nodeId); cur; cur = cur.parentId ? byId.get(cur.parentId) : undefined) {
      const f = folders.get(cur.id);
      if (f) return f;
    }
    return 'preuves';
  };
  const lines = new Set<string>();
  for (const p of confidentiels) {
    const name = sanitizeSegment(p.kind === 'fichier' ? (p.fileName ?? p.titre) : p.titre);
    const what = p.kind === 'fichier' ? 'fichier' : 'lien';
    for (const nodeId of p.nodeIds) {
      lines.add(`${folderOf(nodeId)}/${name} — ${PACK_FILE_WORDS[lang].withheld(what, p.titre)}`);
    }
  }
  return [...lines].sort(compareBytes);
}

/** Options of an export: `complete` refuses a pack with evidence files missing (BuildPackOptions.requireComplete). */
export interface ExportOptions extends PackOptions {
  complete?: boolean;
  /** Folder to write the pack to (absolute; default `<dataDir>/exports/`): the sharing listener builds an
   *  invitee's pack in a folder of its own (electron/core/partage/telechargements.ts). */
  outDir?: string;
  signal?: AbortSignal;
  onProgress?: (p: PackProgress) => void;
}

/**
 * Writes the audit pack of a referential under `<dataDir>/exports/` (or `opts.outDir`; to a `.part` name, renamed at the end; a
 * cancelled or failed export leaves nothing). Throws REFERENTIAL_UNKNOWN, PACK_INCOMPLETE (with `complete`),
 * the signal's reason when cancelled, and the builder's errors.
 */
export async function exportPack(ctx: ServiceContext, referentialId: string, opts: ExportOptions = {}): Promise<PackExport> {
  const input = packInput(ctx, referentialId, { includeConfidentiel: opts.includeConfidentiel, lang: opts.lang });
  const fileName = packFileName(packStem(input.workspace.nom, ctx.workspaceId), referentialId, input.jalon.date);
  const out = join(opts.outDir ?? exportsDir(ctx.dataDir), fileName);
  const res = await buildPack(input, out, { requireComplete: opts.complete ?? false, signal: opts.signal, onProgress: opts.onProgress });
  return { path: res.path, fileName, entries: res.entries, bytes: res.bytes, missing: res.missing };
}

/** One event of `exportPackEvents`: progress (evidence files and bytes, estimated seconds left), then the result. */
export type PackExportEvent =
  | ({ type: 'progress'; secondsLeft: number | null } & PackProgress)
  | { type: 'done'; result: PackExport };

/**
 * Seconds left at the rate seen so far: `(totalBytes − bytes) × elapsed / bytes`, rounded up; 0 once every byte is
 * written; null before the first byte or in the first 300 ms (no rate to speak of yet). `elapsedMs` counts from the first progress report (the totals, just
 * before the first evidence byte), so the documents' time is not in the rate.
 */
export function secondsLeft(p: Pick<PackProgress, 'bytes' | 'totalBytes'>, elapsedMs: number): number | null {
  if (p.bytes >= p.totalBytes) return 0;
  if (p.bytes <= 0 || elapsedMs < 300) return null;
  return Math.ceil(((p.totalBytes - p.bytes) * elapsedMs) / p.bytes / 1000);
}

/** Progress events are sent at most every 100 ms (the last one of the evidence always). */
const EVENT_INTERVAL_MS = 100;

/**
 * The export as a stream of events for a tRPC subscription: `progress` events, then one `done` with the result.
 * Aborting `signal` (the client unsubscribed, the window closed) or stopping the iteration cancels the build;
 * the generator ends only once the partial file is removed. Errors (REFERENTIAL_UNKNOWN, PACK_INCOMPLETE, I/O)
 * are thrown from the iteration. `now` is the clock in ms (tests).
 */
export async function* exportPackEvents(
  ctx: ServiceContext,
  referentialId: string,
  opts: { complete?: boolean; includeConfidentiel?: boolean; lang?: Lang; signal?: AbortSignal },
  now: () => number = () => performance.now(),
): AsyncGenerator<PackExportEvent, void, undefined> {
  let start: number | null = null;
  let last = -Infinity;
  yield* jobEvents(
    (signal, onProgress: NonNullable<ExportOptions['onProgress']>) =>
      exportPack(ctx, referentialId, { complete: opts.complete, includeConfidentiel: opts.includeConfidentiel, lang: opts.lang, signal, onProgress }),
    {
      signal: opts.signal,
      // The partial file is gone once the build has settled (jobEvents waits for it).
      cancelReason: () =>
        new UserError('EXPORT_CANCELLED', { fr: "Export annulé : aucun fichier n'a été laissé dans le dossier des exports.", en: 'Export cancelled: no file was left in the exports folder.' }),
      progress: (p): PackExportEvent | null => {
        const t = now();
        start ??= t;
        const final = p.bytes === p.totalBytes && p.files === p.totalFiles;
        if (!final && t - last < EVENT_INTERVAL_MS) return null;
        last = t;
        return { type: 'progress', ...p, secondsLeft: secondsLeft(p, t - start) };
      },
      done: (result): PackExportEvent => ({ type: 'done', result }),
    },
  );
}

/** Checks a pack (hashes, manifest, names). Throws FILE_NOT_FOUND naming the path when there is no such file. */
export async function verifyPackFile(path: string): Promise<{ ok: boolean; entries: number; problems: string[] }> {
  if (!existsSync(path)) throw new UserError('FILE_NOT_FOUND', { fr: `Le paquet d'audit ${path} est introuvable.`, en: `The audit pack ${path} cannot be found.` }, { path });
  const r = await verifyPack(path);
  return { ok: r.ok, entries: r.entries, problems: r.problems };
}
