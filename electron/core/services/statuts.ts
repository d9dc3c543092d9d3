/**
 * Statuts: what the user records per node, and the score recomputed from them (tete-referentials.md §2.1;
 * ARCHITECTURE.md "One status change, end to end"). Each write is one transaction with its history event(s).
 */
import type { Avancement, Detail, Referential, ScoreResult, Statut, StatutRecord } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import { engineFor } from '../../../shared/scoring';
import { personnalisationFor } from './personnalisation';
import { teteCascade } from '../../../shared/scoring/tete-statut';
import { STATUTS_BY_MODEL, checkDetail, sansStatut, toRecord } from '../../../shared/statut';
import { statutLabelFr } from '../../../shared/statut-labels';
import { describeStatut } from '../../../shared/history-words';
import { formatDateTimeIn } from '../../../shared/locale';

export { STATUTS_BY_MODEL, checkDetail, toRecord };
import type { Db } from '../db/open';
import { type ServiceContext, inTransaction, prepared } from './context';
import { appendHistory } from './history';
import { getReferential, requireNode } from './referentials';
import { isLeaf, treeIndex } from './tree';
import { checkUnlocked } from './audit-lock';

/** A stored statut as the API shows it. `modifiedAt` is ISO 8601. */
export interface StatutView {
  nodeId: string;
  statut: Statut;
  detail: Detail | null;
  explication: string | null;
  modifiedAt: string;
  modifiedBy: string;
  /** Version of the node's row: 1 at its first write, +1 at each later one, kept by the database itself (trigger
   *  of migration 007, so every writer counts); a node without row is at 0. A write may pass the version it was
   *  based on (`expectedVersion`) to detect a concurrent edit. */
  version: number;
}

interface StatutRow {
  node_id: string;
  avancement: Avancement;
  detail: string | null;
  concerne: number;
  statut: Statut;
  explication: string | null;
  modified_at: string;
  modified_by: string;
  version: number;
}

const toView = (r: StatutRow): StatutView => ({
  nodeId: r.node_id,
  statut: r.statut,
  detail: r.detail === null ? null : (JSON.parse(r.detail) as Detail),
  explication: r.explication,
  modifiedAt: r.modified_at,
  modifiedBy: r.modified_by,
  version: r.version,
});

/**
 * Whether a statut can be entered on `nodeId`: TETE on nodes deeper than the mesure level (sous-actions, tâches;
 * tete-referentials.md §2.1), points and weighted on leaves (critères).
 */
export function canHoldStatut(ref: Referential, nodeId: string): boolean {
  const node = treeIndex(ref).byId.get(nodeId);
  if (!node || node.parentId === null) return false;
  return ref.model === 'tete' ? node.depth > ref.actionLevel : isLeaf(ref, nodeId);
}

function requireStatutNode(ref: Referential, nodeId: string): void {
  requireNode(ref, nodeId);
  if (!canHoldStatut(ref, nodeId)) {
    const pratique = ref.hierarchie.at(-1) === 'pratique';
    const where = ref.model === 'tete' ? 'sur les sous-actions et les tâches' : `sur les ${pratique ? 'pratiques' : 'critères'} (dernier niveau)`;
    const whereEn = ref.model === 'tete' ? 'on the sub-actions and tasks' : `on the ${pratique ? 'practices' : 'criteria'} (last level)`;
    throw new UserError(
      'STATUT_INVALID',
      { fr: `Le nœud ${nodeId} est calculé à partir de ses enfants : un statut se saisit ${where}.`, en: `The item ${nodeId} is computed from its children: a status is entered ${whereEn}.` },
      { nodeId },
    );
  }
}

function readRow(ctx: ServiceContext, referentialId: string, nodeId: string): StatutRow | undefined {
  return prepared(ctx.db, 'SELECT * FROM statut WHERE referential_id = ? AND node_id = ?').get(referentialId, nodeId) as StatutRow | undefined;
}

function writeRow(ctx: ServiceContext, referentialId: string, nodeId: string, statut: Statut, detail: Detail | null, explication: string | null): void {
  const rec = toRecord(statut, detail);
  prepared(
    ctx.db,
    `INSERT INTO statut (referential_id, node_id, avancement, detail, concerne, statut, explication, modified_at, modified_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(referential_id, node_id) DO UPDATE SET avancement = excluded.avancement, detail = excluded.detail,
         concerne = excluded.concerne, statut = excluded.statut, explication = excluded.explication,
         modified_at = excluded.modified_at, modified_by = excluded.modified_by`,
    )
    .run(referentialId, nodeId, rec.avancement, statut === 'detaille' ? JSON.stringify(detail) : null, rec.concerne ? 1 : 0, statut, explication, ctx.now(), ctx.user);
}

/** Stored statuts of a referential, in node order (only nodes with a row). */
export function listStatuts(ctx: ServiceContext, referentialId: string): StatutView[] {
  const ref = getReferential(ctx, referentialId);
  const order = new Map(ref.nodes.map((n, i) => [n.id, i]));
  const rows = ctx.db.prepare('SELECT * FROM statut WHERE referential_id = ?').all(referentialId) as StatutRow[];
  return rows.map(toView).sort((a, b) => (order.get(a.nodeId) ?? 0) - (order.get(b.nodeId) ?? 0));
}

/** The stored statut of one node, or null. */
export function getStatut(ctx: ServiceContext, referentialId: string, nodeId: string): StatutView | null {
  const row = readRow(ctx, referentialId, nodeId);
  return row ? toView(row) : null;
}

/** The record the engines read for a stored row. */
const toStatutRecord = (r: Pick<StatutRow, 'node_id' | 'avancement' | 'detail' | 'concerne'>): StatutRecord => ({
  nodeId: r.node_id,
  avancement: r.avancement,
  detail: r.avancement === 'detaille' && r.detail ? (JSON.parse(r.detail) as Detail) : null,
  concerne: r.concerne === 1,
});

/**
 * Statut records by referential id, per database, each with the `contentStamp` it was read at. Reading every row
 * (and parsing its split) was most of the cost of a statut change (bench:score); the map is reused while the
 * stamp holds and patched by `writeStatut` after its own commit.
 */
const recordCache = new WeakMap<Db, Map<string, { stamp: string; records: Map<string, StatutRecord> }>>();

/**
 * What this connection knows of the database content: `PRAGMA data_version` moves when another connection commits
 * (the CLI on the same workspace), `total_changes()` on every row this connection inserts, updates or deletes
 * (any service, a test's SQL, a rolled-back write alike). Equal stamps: no row changed in between.
 */
function contentStamp(db: Db): string {
  return `${db.pragma('data_version', { simple: true }) as number}:${prepared(db, 'SELECT total_changes()').pluck().get() as number}`;
}

/** The cached records of `referentialId` when still current and no transaction is open (it could roll back), else undefined. */
function freshRecords(ctx: ServiceContext, referentialId: string): { stamp: string; records: Map<string, StatutRecord> } | undefined {
  if (ctx.db.inTransaction) return undefined;
  const entry = recordCache.get(ctx.db)?.get(referentialId);
  return entry && entry.stamp === contentStamp(ctx.db) ? entry : undefined;
}

/**
 * The statut records the engines read, by node id (read-only: the map is shared with the cache). Read from the
 * store once, then reused until a row of the database changes (see `contentStamp`); never cached inside an open
 * transaction.
 */
export function statutRecords(ctx: ServiceContext, referentialId: string): ReadonlyMap<string, StatutRecord> {
  const fresh = freshRecords(ctx, referentialId);
  if (fresh) return fresh.records;
  const rows = prepared(ctx.db, 'SELECT node_id, avancement, detail, concerne FROM statut WHERE referential_id = ?').all(referentialId) as StatutRow[];
  // Explication-only rows (non renseigné, concerné) are no statut for the engine (shared/statut.ts `sansStatut`).
  const records = new Map(rows.map((r) => [r.node_id, toStatutRecord(r)] as const).filter(([, rec]) => !sansStatut(rec)));
  if (!ctx.db.inTransaction) {
    let byReferential = recordCache.get(ctx.db);
    if (!byReferential) recordCache.set(ctx.db, (byReferential = new Map()));
    byReferential.set(referentialId, { stamp: contentStamp(ctx.db), records });
  }
  return records;
}

/**
 * The score of a referential, recomputed by its model's engine from the cached tree, the stored statuts and, for
 * TETE referentials, the personnalisation of the authority's identity and answers (tete-referentials.md §2.3, §2.5).
 */
export function computeScore(ctx: ServiceContext, referentialId: string): ScoreResult {
  const ref = getReferential(ctx, referentialId);
  return engineFor(ref.model).compute(ref, statutRecords(ctx, referentialId), personnalisationFor(ctx, ref));
}

/** Input of `setStatut`; `explication` undefined keeps the stored one, null clears it. */
export interface SetStatutInput {
  referentialId: string;
  nodeId: string;
  statut: Statut;
  detail?: Detail | null;
  explication?: string | null;
  /** The node's version the caller displayed (`StatutView.version`, 0 for a node without row): when the stored
   *  one differs, the write is refused with UserError CONFLICT and nothing is written. Absent: no check. */
  expectedVersion?: number;
}

/** What a statut write did: `changed` false when the node already had exactly this statut (nothing written, no
 * history event); `cascade` the sous-action ids reset to non renseigné by the §2.1 cascade. */
export interface StatutWrite {
  changed: boolean;
  cascade: string[];
  /** The node's version after the write (unchanged when nothing was written). */
  version: number;
}

/**
 * Refuses a write based on a stale version of `nodeId` (issue 5 item 4: never a lost update): UserError CONFLICT
 * naming who changed the node, when, and what it holds now. `row` is the stored row (undefined = version 0).
 */
function checkVersion(ref: Referential, nodeId: string, row: StatutRow | undefined, expected: number | undefined): void {
  if (expected === undefined) return;
  const current = row?.version ?? 0;
  if (current === expected) return;
  const identifiant = treeIndex(ref).byId.get(nodeId)?.identifiant ?? nodeId;
  const now = row
    ? `statut actuel « ${statutLabelFr(row.statut, ref.model)} »${row.explication ? `, explication « ${abbreviate(row.explication)} »` : ', sans explication'}`
    : 'il est revenu à « non renseigné »';
  const nowEn = row
    ? `current status “${describeStatut(row.statut, ref.model, 'en')}”${row.explication ? `, explanation “${abbreviate(row.explication)}”` : ', no explanation'}`
    : 'it went back to “not filled in”';
  const by = row ? ` par ${row.modified_by} le ${formatInstantFr(row.modified_at)}` : '';
  const byEn = row ? ` by ${row.modified_by} on ${formatInstantEn(row.modified_at)}` : '';
  throw new UserError(
    'CONFLICT',
    {
      fr: `Conflit de modification sur ${identifiant} : il a été modifié${by} depuis que vous l'avez affiché (${now}). Votre modification n'a pas été enregistrée : rechargez pour voir la version actuelle, puis refaites-la si besoin.`,
      en: `Edit conflict on ${identifiant}: it was changed${byEn} since you displayed it (${nowEn}). Your change was not saved: reload to see the current version, then make it again if needed.`,
    },
    { nodeId, field: 'expectedVersion' },
  );
}

/** « 30/11/2026 à 14:05 » for an ISO instant, in this machine's time zone. */
function formatInstantFr(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const date = d.toLocaleDateString('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric' });
  const time = d.toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' });
  return `${date} à ${time}`;
}

/** "30 Nov 2026 at 14:05" for an ISO instant, in this machine's time zone (the English of `formatInstantFr`). */
function formatInstantEn(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return formatDateTimeIn('en', d).replace(/ (\d\d:\d\d)$/, ' at $1');
}

const abbreviate = (text: string): string => (text.length > 80 ? `${text.slice(0, 79)}…` : text);

/**
 * Records a statut, applying the cascade of tete-referentials.md §2.1 (a tâche statut resets its sous-action's
 * direct statut to non renseigné, with its own history event), in one transaction; returns the new score and what
 * was written. A write that changes nothing records nothing (no history event, the pack date does not move).
 * Throws UserError: REFERENTIAL_UNKNOWN, NODE_UNKNOWN, STATUT_INVALID (statut not of the model, a computed node,
 * or a tâche under a non-concerné sous-action), DETAIL_INVALID (split missing, out of 0..1, not summing to 1, or
 * given with another statut).
 */
export function setStatut(ctx: ServiceContext, input: SetStatutInput): { score: ScoreResult } & StatutWrite {
  const write = writeStatut(ctx, input);
  return { score: computeScore(ctx, input.referentialId), ...write };
}

/**
 * A tâche under a sous-action marked non concerné counts for nothing (§2.1: the whole sous-action is out of the
 * potentiel), so a statut on it is refused rather than silently ignored; clearing it (non renseigné) is allowed.
 */
function checkParentConcerne(ctx: ServiceContext, ref: Referential, nodeId: string, statut: Statut): void {
  if (ref.model !== 'tete' || statut === 'non_renseigne') return;
  const node = treeIndex(ref).byId.get(nodeId);
  const parent = node?.parentId ? treeIndex(ref).byId.get(node.parentId) : undefined;
  if (!parent || parent.depth <= ref.actionLevel) return;
  const row = readRow(ctx, ref.id, parent.id);
  if (row && row.concerne === 0) {
    throw new UserError(
      'STATUT_INVALID',
      {
        fr: `La sous-action ${parent.id} est « non concernée » : ses tâches (dont ${nodeId}) ne comptent pas. Changez d'abord le statut de ${parent.id}.`,
        en: `The sub-action ${parent.id} is “not concerned”: its tasks (including ${nodeId}) do not count. First change the status of ${parent.id}.`,
      },
      { nodeId, field: 'statut' },
    );
  }
}

/** `setStatut` without the score recomputation (bulk writes: the demo, imports). Same checks and errors. */
export function writeStatut(ctx: ServiceContext, input: SetStatutInput): StatutWrite {
  const ref = getReferential(ctx, input.referentialId);
  const { nodeId, statut } = input;
  requireStatutNode(ref, nodeId);
  checkUnlocked(ctx, ref.id, { fr: `Le statut de ${nodeId}`, en: `The status of ${nodeId}` });
  if (!STATUTS_BY_MODEL[ref.model].includes(statut)) {
    throw new UserError(
      'STATUT_INVALID',
      {
        fr: `Le statut « ${statut} » n'existe pas pour le référentiel ${ref.id} (${STATUTS_BY_MODEL[ref.model].join(', ')}).`,
        en: `The status “${statut}” does not exist for the referential ${ref.id} (${STATUTS_BY_MODEL[ref.model].join(', ')}).`,
      },
      { nodeId, field: 'statut' },
    );
  }
  let detail: Detail | null = null;
  if (statut === 'detaille') detail = checkDetail(nodeId, input.detail);
  else if (input.detail) {
    throw new UserError(
      'DETAIL_INVALID',
      {
        fr: `Une répartition n'est acceptée qu'avec le statut « détaillé » (${nodeId} reçoit « ${statut} »).`,
        en: `A split is accepted only with the status “detailed” (${nodeId} receives “${statut}”).`,
      },
      { nodeId, field: 'detail' },
    );
  }

  checkParentConcerne(ctx, ref, nodeId, statut);

  const cached = freshRecords(ctx, ref.id);
  const write = inTransaction(ctx, (): StatutWrite => {
    const before = readRow(ctx, ref.id, nodeId);
    checkVersion(ref, nodeId, before, input.expectedVersion);
    const explication = input.explication === undefined ? (before?.explication ?? null) : input.explication;
    const [, reset] = ref.model === 'tete' ? teteCascade(ref, parentRecord(ctx, ref, nodeId), { nodeId, ...toRecord(statut, detail) }) : [];
    const same = before
      ? before.statut === statut && before.detail === (statut === 'detaille' ? JSON.stringify(detail) : null) && before.explication === explication
      : statut === 'non_renseigne' && explication === null;
    if (same && !reset) return { changed: false, cascade: [], version: before?.version ?? 0 };
    writeRow(ctx, ref.id, nodeId, statut, detail, explication);
    const written = readRow(ctx, ref.id, nodeId)!;
    appendHistory(ctx, {
      action: 'statut.set',
      referentialId: ref.id,
      nodeId,
      before: before ? toView(before) : null,
      after: toView(written),
    });
    // Cascade rule shared with the engine (shared/scoring/tete-statut.ts): the records to write after this one.
    const parent = reset ? readRow(ctx, ref.id, reset.nodeId) : undefined;
    if (!parent) return { changed: true, cascade: [], version: written.version };
    writeRow(ctx, ref.id, parent.node_id, 'non_renseigne', null, parent.explication);
    appendHistory(ctx, {
      action: 'statut.cascade',
      referentialId: ref.id,
      nodeId: parent.node_id,
      before: toView(parent),
      after: toView(readRow(ctx, ref.id, parent.node_id)!),
    });
    return { changed: true, cascade: [parent.node_id], version: written.version };
  });
  if (cached && write.changed) {
    // Committed (no outer transaction): patch the cached records with the rows just written.
    for (const id of [nodeId, ...write.cascade]) {
      const record = toStatutRecord(readRow(ctx, ref.id, id)!);
      if (sansStatut(record)) cached.records.delete(id);
      else cached.records.set(id, record);
    }
    cached.stamp = contentStamp(ctx.db);
  }
  return write;
}

/** The stored record of `nodeId`'s parent as a one-entry map (all the §2.1 cascade reads), empty when it has none. */
function parentRecord(ctx: ServiceContext, ref: Referential, nodeId: string): Map<string, StatutRecord> {
  const parentId = treeIndex(ref).byId.get(nodeId)?.parentId ?? null;
  const row = parentId === null ? undefined : readRow(ctx, ref.id, parentId);
  return new Map(row ? [[row.node_id, toStatutRecord(row)]] : []);
}

/**
 * Sets the explication of a node that can hold a statut (creating a non-renseigné row when it has none), with a
 * `statut.explication` history event; the same text again records nothing. `expectedVersion`: see
 * `SetStatutInput`. Returns the node's version after the write. Throws REFERENTIAL_UNKNOWN, NODE_UNKNOWN,
 * STATUT_INVALID (computed node), CONFLICT (stale `expectedVersion`, nothing written).
 */
export function setExplication(ctx: ServiceContext, referentialId: string, nodeId: string, explication: string | null, expectedVersion?: number): { ok: true; version: number } {
  const ref = getReferential(ctx, referentialId);
  requireStatutNode(ref, nodeId);
  checkUnlocked(ctx, ref.id, { fr: `L'explication de ${nodeId}`, en: `The explanation of ${nodeId}` });
  return inTransaction(ctx, () => {
    const before = readRow(ctx, ref.id, nodeId);
    checkVersion(ref, nodeId, before, expectedVersion);
    if ((before?.explication ?? null) === explication) return { ok: true as const, version: before?.version ?? 0 };
    if (before) {
      ctx.db
        .prepare('UPDATE statut SET explication = ?, modified_at = ?, modified_by = ? WHERE referential_id = ? AND node_id = ?')
        .run(explication, ctx.now(), ctx.user, ref.id, nodeId);
    } else {
      writeRow(ctx, ref.id, nodeId, 'non_renseigne', null, explication);
    }
    appendHistory(ctx, {
      action: 'statut.explication',
      referentialId: ref.id,
      nodeId,
      before: before ? before.explication : null,
      after: explication,
    });
    return { ok: true as const, version: readRow(ctx, ref.id, nodeId)!.version };
  });
}
