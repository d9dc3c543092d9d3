/**
 * Jalons (issue 6 item 1; DOMAIN.md "jalon", "Audit cycle"; tete-referentials.md §4.5 "Freezing scores"): named
 * saves taken at any time and the system jalons pré-audit / post-audit. Each keeps, per referential, an immutable
 * copy of its state (services/etat.ts: the whole ScoreResult, statuts, explications, pilotes, personnalisation,
 * the preuves with the SHA-256 of the revision they had) and of the referential itself, stored once per content
 * hash (migration 008). Later changes to statuts, preuves, answers or the referential leave a jalon's scores,
 * comparison and pack byte-identical; SQL triggers refuse any UPDATE or DELETE of its rows.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Niveau, Referential } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import { buildPack } from '../pack';
import type { PackInput, PackPersonnalisation, PackPilotes, PackStatut } from '../pack/types';
import { exportsDir } from '../paths';
import type { Db } from '../db/open';
import { type ServiceContext, inTransaction, prepared } from './context';
import { type EtatPreuve, type EtatReferentiel, etatCourant } from './etat';
import { type ExportOptions, type PackExport, type PackOptions, packFileName, packInputOf, packStem } from './pack';
import { packHistorique } from './pack-history';
import { referentialIds } from './referential-store';
import { getReferential } from './referentials';

/** Kind of a jalon: a named save (`manuel`), or the system jalons frozen when an audit starts / closes. */
export type JalonKind = 'manuel' | 'pre-audit' | 'post-audit';

/** Every jalon kind. */
export const JALON_KINDS: readonly JalonKind[] = ['manuel', 'pre-audit', 'post-audit'] as const;

/** Longest jalon name accepted, in characters. */
export const JALON_NOM_MAX = 200;

/** The headline of one referential in a jalon: score (fraction 0..1 or null), points, complétude (0..1), niveau. */
export interface JalonReferentielSummary {
  referentialId: string;
  nom: string;
  version: string;
  /** ISO 8601 date of the state frozen (its last recorded change). */
  date: string;
  score: number | null;
  pointFait: number;
  pointPotentiel: number;
  completude: number;
  niveau: Niveau | null;
  /** SHA-256 of the referential's canonical JSON as frozen (equal hashes: the same tree and rules). */
  referentielSha256: string;
}

/** A jalon as lists show it: `id` (1, 2, … never reused), `nom`, `kind`, `at` (ISO 8601), `who`, its referentials. */
export interface JalonSummary {
  id: number;
  nom: string;
  kind: JalonKind;
  at: string;
  who: string;
  referentiels: JalonReferentielSummary[];
}

/** Input of `takeJalon`: `who` defaults to the context's user; `referentialIds` to every referential of the workspace. */
export interface TakeJalonInput {
  name: string;
  kind: JalonKind;
  who?: string;
  referentialIds?: readonly string[];
}

/** The part of a state stored as JSON in `jalon_referentiel.etat` (the rest lives in columns and `jalon_preuve`). */
interface EtatJson {
  workspace: EtatReferentiel['workspace'];
  statuts: Array<{ nodeId: string } & PackStatut>;
  pilotes: Array<{ nodeId: string } & PackPilotes>;
  personnalisation: PackPersonnalisation | null;
}

/** JSON text with object keys sorted at every level (arrays keep their order), to compare two states' content. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const o = v as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
  });
}

const contentOf = new WeakMap<Referential, { sha256: string; text: string }>();

/**
 * The JSON of a referential and its SHA-256 (hex), memoised per tree object. The trees come from the store
 * (`getReferential` → `loadReferential`, fields in a fixed order; the cache is dropped at each import), so the same
 * tree and rules give the same text and hash: 10 jalons of one import share one stored copy. (A canonical form with
 * sorted keys cost 4× more on CAE, for no gain here.)
 */
export function referentialContent(ref: Referential): { sha256: string; text: string } {
  let c = contentOf.get(ref);
  if (!c) {
    const text = JSON.stringify(ref);
    c = { sha256: createHash('sha256').update(text, 'utf8').digest('hex'), text };
    contentOf.set(ref, c);
  }
  return c;
}

function checkName(name: string): string {
  const nom = name.normalize('NFC').trim();
  if (nom === '') {
    throw new UserError(
      'INPUT_INVALID',
      {
        fr: 'Le nom du jalon est vide : donnez-lui un nom, par exemple « 2026 - avant le comité de pilotage ».',
        en: 'The milestone name is empty: give it a name, for example “2026 - before the steering committee”.',
      },
      { field: 'name' },
    );
  }
  if (nom.length > JALON_NOM_MAX) {
    throw new UserError(
      'INPUT_INVALID',
      { fr: `Le nom du jalon fait ${nom.length} caractères : ${JALON_NOM_MAX} au plus.`, en: `The milestone name has ${nom.length} characters: ${JALON_NOM_MAX} at most.` },
      { field: 'name' },
    );
  }
  return nom;
}

/**
 * Takes a jalon: freezes the current state of each referential (all of the workspace's, or `input.referentialIds`)
 * in one transaction, dated by the context's clock. Returns its summary. Nothing is written on error.
 * @throws UserError INPUT_INVALID (empty or too long name, unknown kind, a workspace without referential),
 *   REFERENTIAL_UNKNOWN (a referential id not in the workspace).
 */
export function takeJalon(ctx: ServiceContext, input: TakeJalonInput): JalonSummary {
  const nom = checkName(input.name);
  if (!JALON_KINDS.includes(input.kind)) {
    throw new UserError(
      'INPUT_INVALID',
      { fr: `Type de jalon inconnu « ${String(input.kind)} » : manuel, pre-audit ou post-audit.`, en: `Unknown milestone kind “${String(input.kind)}”: manuel, pre-audit or post-audit.` },
      { field: 'kind' },
    );
  }
  const ids = [...new Set(input.referentialIds ?? referentialIds(ctx.db))].sort();
  if (ids.length === 0) {
    throw new UserError(
      'INPUT_INVALID',
      {
        fr: "Aucun référentiel n'est chargé dans cet espace de travail : importez-en un avant de prendre un jalon.",
        en: 'No referential is loaded in this workspace: import one before taking a milestone.',
      },
      { field: 'referentialIds' },
    );
  }
  for (const id of ids) getReferential(ctx, id);
  const who = input.who ?? ctx.user;
  // The jalon row is written first: the transaction holds the write lock from its first statement, so the state read
  // next is one consistent snapshot that no other connection (the CLI on the same workspace) can change meanwhile.
  return inTransaction(ctx, () => {
    const at = ctx.now();
    const jalonId = Number(prepared(ctx.db, 'INSERT INTO jalon (nom, kind, at, who, history_id) VALUES (?, ?, ?, ?, (SELECT MAX(id) FROM history))').run(nom, input.kind, at, who).lastInsertRowid);
    const referentiels = ids.map((id) => {
      const etat = etatCourant(ctx, id);
      return summaryOf(etat, writeEtat(ctx.db, jalonId, etat));
    });
    return { id: jalonId, nom, kind: input.kind, at, who, referentiels };
  });
}

/** The headline of a state (see JalonReferentielSummary); `sha256` is its referential's content hash. */
function summaryOf(etat: { referential: Referential; score: Pick<EtatReferentiel['score'], 'root'>; date: string }, sha256: string): JalonReferentielSummary {
  const { root } = etat.score;
  return {
    referentialId: etat.referential.id,
    nom: etat.referential.nom,
    version: etat.referential.version,
    date: etat.date,
    score: root.score,
    pointFait: root.pointFait,
    pointPotentiel: root.pointPotentiel,
    completude: root.completude,
    niveau: root.niveau,
    referentielSha256: sha256,
  };
}

/** Writes one referential's state in jalon `jalonId` (inside its transaction); returns the referential's content hash. */
function writeEtat(db: Db, jalonId: number, etat: EtatReferentiel): string {
  const { sha256, text } = referentialContent(etat.referential);
  // Checked first: binding the tree's text (about 1.3 MB for CAE) only to have it ignored costs more than the lookup.
  if (!prepared(db, 'SELECT 1 FROM jalon_referentiel_contenu WHERE sha256 = ?').get(sha256)) {
    prepared(db, 'INSERT INTO jalon_referentiel_contenu (sha256, contenu) VALUES (?, ?)').run(sha256, text);
  }
  const rest: EtatJson = { workspace: etat.workspace, statuts: etat.statuts, pilotes: etat.pilotes, personnalisation: etat.personnalisation };
  prepared(db, 'INSERT INTO jalon_referentiel (jalon_id, referential_id, referentiel_sha256, date, score, etat) VALUES (?, ?, ?, ?, ?, ?)').run(
    jalonId,
    etat.referential.id,
    sha256,
    etat.date,
    JSON.stringify(etat.score),
    JSON.stringify(rest),
  );
  const ins = prepared(
    db,
    `INSERT INTO jalon_preuve (jalon_id, referential_id, preuve_id, seq, kind, titre, revision, file_name, size, sha256, url, added_at, confidentiel, node_ids)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  etat.preuves.forEach((p, seq) =>
    ins.run(jalonId, etat.referential.id, p.id, seq, p.kind, p.titre, p.revision, p.fileName, p.size, p.sha256, p.url, p.addedAt, p.confidentiel ? 1 : 0, JSON.stringify(p.nodeIds)),
  );
  return sha256;
}

interface JalonRow {
  id: number;
  nom: string;
  kind: JalonKind;
  at: string;
  who: string;
}

interface JalonReferentielRow {
  jalon_id: number;
  referential_id: string;
  referentiel_sha256: string;
  date: string;
  root: string;
}

function summaries(ctx: ServiceContext, rows: JalonRow[]): JalonSummary[] {
  if (rows.length === 0) return [];
  // Only the root of each ScoreResult (json_extract in SQLite: parsing ~0.5 MB of JSON per jalon in JS was slow).
  const refs = ctx.db
    .prepare(
      `SELECT jalon_id, referential_id, referentiel_sha256, date, json_extract(score, '$.root') AS root FROM jalon_referentiel
        WHERE jalon_id IN (${rows.map(() => '?').join(',')}) ORDER BY jalon_id, referential_id`,
    )
    .all(...rows.map((r) => r.id)) as JalonReferentielRow[];
  const byJalon = new Map<number, JalonReferentielSummary[]>();
  for (const r of refs) {
    const score = { root: JSON.parse(r.root) as EtatReferentiel['score']['root'] };
    const ref = frozenReferential(ctx.db, r.referentiel_sha256);
    const list = byJalon.get(r.jalon_id) ?? [];
    list.push(summaryOf({ referential: ref, score, date: r.date }, r.referentiel_sha256));
    byJalon.set(r.jalon_id, list);
  }
  return rows.map((r) => ({ id: r.id, nom: r.nom, kind: r.kind, at: r.at, who: r.who, referentiels: byJalon.get(r.id) ?? [] }));
}

/** Every jalon, in the order taken (ascending id). */
export function listJalons(ctx: ServiceContext): JalonSummary[] {
  return summaries(ctx, ctx.db.prepare('SELECT id, nom, kind, at, who FROM jalon ORDER BY id').all() as JalonRow[]);
}

/** The jalon `id`. Throws UserError NOT_FOUND naming it when there is none. */
export function getJalon(ctx: ServiceContext, id: number): JalonSummary {
  const row = prepared(ctx.db, 'SELECT id, nom, kind, at, who FROM jalon WHERE id = ?').get(id) as JalonRow | undefined;
  if (!row) {
    throw new UserError(
      'NOT_FOUND',
      {
        fr: `Le jalon n° ${id} n'existe pas dans cet espace de travail (voir la liste des jalons).`,
        en: `Milestone no. ${id} does not exist in this workspace (see the list of milestones).`,
      },
      { field: 'jalonId' },
    );
  }
  return summaries(ctx, [row])[0]!;
}

const frozenTrees = new WeakMap<Db, Map<string, Referential>>();

/** A frozen referential by content hash, parsed once per database (the rows never change). */
function frozenReferential(db: Db, sha256: string): Referential {
  let bySha = frozenTrees.get(db);
  if (!bySha) frozenTrees.set(db, (bySha = new Map()));
  let ref = bySha.get(sha256);
  if (!ref) {
    const row = prepared(db, 'SELECT contenu FROM jalon_referentiel_contenu WHERE sha256 = ?').get(sha256) as { contenu: string } | undefined;
    if (!row) {
      throw new UserError(
        'NOT_FOUND',
        { fr: `Le contenu du référentiel figé ${sha256.slice(0, 12)}… est absent de la base.`, en: `The content of the frozen referential ${sha256.slice(0, 12)}… is missing from the database.` },
        { field: 'referentielSha256' },
      );
    }
    ref = JSON.parse(row.contenu) as Referential;
    bySha.set(sha256, ref);
  }
  return ref;
}

interface JalonPreuveRow {
  preuve_id: string;
  kind: 'fichier' | 'lien';
  titre: string;
  revision: number | null;
  file_name: string | null;
  size: number | null;
  sha256: string | null;
  url: string | null;
  added_at: string;
  confidentiel: number;
  node_ids: string;
}

/**
 * The frozen state of referential `referentialId` in jalon `jalonId`, exactly as it was taken.
 * @throws UserError NOT_FOUND (no such jalon), REFERENTIAL_UNKNOWN (the jalon does not cover that referential).
 */
export function jalonEtat(ctx: ServiceContext, jalonId: number, referentialId: string): EtatReferentiel {
  const jalon = getJalon(ctx, jalonId);
  const row = prepared(ctx.db, 'SELECT referentiel_sha256, date, score, etat FROM jalon_referentiel WHERE jalon_id = ? AND referential_id = ?').get(jalonId, referentialId) as
    | { referentiel_sha256: string; date: string; score: string; etat: string }
    | undefined;
  if (!row) {
    const has = jalon.referentiels.map((r) => r.referentialId).join(', ');
    throw new UserError(
      'REFERENTIAL_UNKNOWN',
      {
        fr: `Le jalon n° ${jalonId} « ${jalon.nom} » ne contient pas le référentiel « ${referentialId} » (il contient : ${has || 'aucun'}).`,
        en: `Milestone no. ${jalonId} “${jalon.nom}” does not contain the referential “${referentialId}” (it contains: ${has || 'none'}).`,
      },
      { field: 'referentialId' },
    );
  }
  const rest = JSON.parse(row.etat) as EtatJson;
  const preuves = (
    prepared(ctx.db, 'SELECT * FROM jalon_preuve WHERE jalon_id = ? AND referential_id = ? ORDER BY seq').all(jalonId, referentialId) as JalonPreuveRow[]
  ).map(
    (p): EtatPreuve => ({
      id: p.preuve_id,
      kind: p.kind,
      titre: p.titre,
      fileName: p.file_name,
      size: p.size,
      sha256: p.sha256,
      url: p.url,
      addedAt: p.added_at,
      nodeIds: JSON.parse(p.node_ids) as string[],
      revision: p.revision,
      confidentiel: p.confidentiel === 1,
    }),
  );
  return {
    referential: frozenReferential(ctx.db, row.referentiel_sha256),
    score: JSON.parse(row.score) as EtatReferentiel['score'],
    date: row.date,
    workspace: rest.workspace,
    statuts: rest.statuts,
    pilotes: rest.pilotes,
    preuves,
    personnalisation: rest.personnalisation,
  };
}

/**
 * The pack builder's input for a jalon's referential: its frozen state, named and dated by the jalon (`at`).
 * @throws UserError NOT_FOUND, REFERENTIAL_UNKNOWN (see `jalonEtat`).
 */
export function jalonPackInput(ctx: ServiceContext, jalonId: number, referentialId: string, opts: PackOptions = {}): PackInput {
  const jalon = getJalon(ctx, jalonId);
  const etat = jalonEtat(ctx, jalonId, referentialId);
  // The history up to the jalon only (append-only, cut at the last event id recorded when it was taken, not at
  // its time: events written later in the same second stay out): the same jalon always gives the same historique.csv.
  const { history_id: lastId } = prepared(ctx.db, 'SELECT history_id FROM jalon WHERE id = ?').get(jalonId) as { history_id: number | null };
  return { ...packInputOf(etat, { nom: jalon.nom, date: jalon.at }, opts, (sha256) => ctx.evidence.pathOf(sha256)), historique: packHistorique(ctx, etat.referential, lastId ?? 0, opts.lang) };
}

/**
 * Writes the audit pack of a jalon's referential under `<dataDir>/exports/`, built from the frozen state only: named
 * by the jalon, dated by the jalon (`at`), so exporting it again gives the same bytes whatever changed since (the
 * evidence files are read by the SHA-256 frozen, which the store never deletes). File name
 * `<collectivité>-<referential>-jalon<id>-<YYYYMMDD-HHMMSS>.zip` (`packStem`) from the jalon's number and date (two jalons of one
 * second, or the live pack, never share a name).
 * @throws UserError NOT_FOUND, REFERENTIAL_UNKNOWN (see `jalonEtat`), PACK_INCOMPLETE (`complete`), the builder's errors.
 */
export async function exportJalonPack(ctx: ServiceContext, jalonId: number, referentialId: string, opts: ExportOptions = {}): Promise<PackExport> {
  const jalon = getJalon(ctx, jalonId);
  const input = jalonPackInput(ctx, jalonId, referentialId, { includeConfidentiel: opts.includeConfidentiel, lang: opts.lang });
  const fileName = packFileName(packStem(input.workspace.nom, ctx.workspaceId), referentialId, jalon.at).replace(/(-\d{8}-\d{6}\.zip)$/, `-jalon${jalon.id}$1`);
  const out = join(exportsDir(ctx.dataDir), fileName);
  const res = await buildPack(input, out, { requireComplete: opts.complete ?? false, signal: opts.signal, onProgress: opts.onProgress });
  return { path: res.path, fileName, entries: res.entries, bytes: res.bytes, missing: res.missing };
}
