/**
 * Statuts: what the user records per node, and the score recomputed from them (tete-referentials.md §2.1;
 * ARCHITECTURE.md "One status change, end to end"). Each write is one transaction with its history event(s).
 */
import type { Avancement, Detail, Referential, ScoreResult, Statut, StatutRecord } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import { engineFor } from '../../../shared/scoring';
import { teteCascade } from '../../../shared/scoring/tete-statut';
import { STATUTS_BY_MODEL, checkDetail, toRecord } from '../../../shared/statut';

export { STATUTS_BY_MODEL, checkDetail, toRecord };
import { type ServiceContext, inTransaction } from './context';
import { appendHistory } from './history';
import { getReferential, requireNode } from './referentials';
import { isLeaf, treeIndex } from './tree';

/** A stored statut as the API shows it. `modifiedAt` is ISO 8601. */
export interface StatutView {
  nodeId: string;
  statut: Statut;
  detail: Detail | null;
  explication: string | null;
  modifiedAt: string;
  modifiedBy: string;
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
}

const toView = (r: StatutRow): StatutView => ({
  nodeId: r.node_id,
  statut: r.statut,
  detail: r.detail === null ? null : (JSON.parse(r.detail) as Detail),
  explication: r.explication,
  modifiedAt: r.modified_at,
  modifiedBy: r.modified_by,
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
    const leaves = ref.hierarchie.at(-1) === 'pratique' ? 'pratiques' : 'critères';
    const where = ref.model === 'tete' ? 'sur les sous-actions et les tâches' : `sur les ${leaves} (dernier niveau)`;
    throw new UserError('STATUT_INVALID', `Le nœud ${nodeId} est calculé à partir de ses enfants : un statut se saisit ${where}.`, { nodeId });
  }
}

function readRow(ctx: ServiceContext, referentialId: string, nodeId: string): StatutRow | undefined {
  return ctx.db.prepare('SELECT * FROM statut WHERE referential_id = ? AND node_id = ?').get(referentialId, nodeId) as StatutRow | undefined;
}

function writeRow(ctx: ServiceContext, referentialId: string, nodeId: string, statut: Statut, detail: Detail | null, explication: string | null): void {
  const rec = toRecord(statut, detail);
  ctx.db
    .prepare(
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

/** The statut records the engines read, by node id. */
export function statutRecords(ctx: ServiceContext, referentialId: string): Map<string, StatutRecord> {
  const rows = ctx.db.prepare('SELECT node_id, avancement, detail, concerne FROM statut WHERE referential_id = ?').all(referentialId) as StatutRow[];
  return new Map(
    rows.map((r) => [
      r.node_id,
      { nodeId: r.node_id, avancement: r.avancement, detail: r.avancement === 'detaille' && r.detail ? (JSON.parse(r.detail) as Detail) : null, concerne: r.concerne === 1 },
    ]),
  );
}

/** The score of a referential, recomputed by its model's engine from the cached tree and the stored statuts. */
export function computeScore(ctx: ServiceContext, referentialId: string): ScoreResult {
  const ref = getReferential(ctx, referentialId);
  return engineFor(ref.model).compute(ref, statutRecords(ctx, referentialId));
}

/** Input of `setStatut`; `explication` undefined keeps the stored one, null clears it. */
export interface SetStatutInput {
  referentialId: string;
  nodeId: string;
  statut: Statut;
  detail?: Detail | null;
  explication?: string | null;
}

/** What a statut write did: `changed` false when the node already had exactly this statut (nothing written, no
 * history event); `cascade` the sous-action ids reset to non renseigné by the §2.1 cascade. */
export interface StatutWrite {
  changed: boolean;
  cascade: string[];
}

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
      `La sous-action ${parent.id} est « non concernée » : ses tâches (dont ${nodeId}) ne comptent pas. Changez d'abord le statut de ${parent.id}.`,
      { nodeId, field: 'statut' },
    );
  }
}

/** `setStatut` without the score recomputation (bulk writes: the demo, imports). Same checks and errors. */
export function writeStatut(ctx: ServiceContext, input: SetStatutInput): StatutWrite {
  const ref = getReferential(ctx, input.referentialId);
  const { nodeId, statut } = input;
  requireStatutNode(ref, nodeId);
  if (!STATUTS_BY_MODEL[ref.model].includes(statut)) {
    throw new UserError(
      'STATUT_INVALID',
      `Le statut « ${statut} » n'existe pas pour le référentiel ${ref.id} (${STATUTS_BY_MODEL[ref.model].join(', ')}).`,
      { nodeId, field: 'statut' },
    );
  }
  let detail: Detail | null = null;
  if (statut === 'detaille') detail = checkDetail(nodeId, input.detail);
  else if (input.detail) {
    throw new UserError('DETAIL_INVALID', `Une répartition n'est acceptée qu'avec le statut « détaillé » (${nodeId} reçoit « ${statut} »).`, { nodeId, field: 'detail' });
  }

  checkParentConcerne(ctx, ref, nodeId, statut);

  return inTransaction(ctx, (): StatutWrite => {
    const before = readRow(ctx, ref.id, nodeId);
    const explication = input.explication === undefined ? (before?.explication ?? null) : input.explication;
    const [, reset] = ref.model === 'tete' ? teteCascade(ref, statutRecords(ctx, ref.id), { nodeId, ...toRecord(statut, detail) }) : [];
    const same = before
      ? before.statut === statut && before.detail === (statut === 'detaille' ? JSON.stringify(detail) : null) && before.explication === explication
      : statut === 'non_renseigne' && explication === null;
    if (same && !reset) return { changed: false, cascade: [] };
    writeRow(ctx, ref.id, nodeId, statut, detail, explication);
    appendHistory(ctx, {
      action: 'statut.set',
      referentialId: ref.id,
      nodeId,
      before: before ? toView(before) : null,
      after: toView(readRow(ctx, ref.id, nodeId)!),
    });
    // Cascade rule shared with the engine (shared/scoring/tete-statut.ts): the records to write after this one.
    const parent = reset ? readRow(ctx, ref.id, reset.nodeId) : undefined;
    if (!parent) return { changed: true, cascade: [] };
    writeRow(ctx, ref.id, parent.node_id, 'non_renseigne', null, parent.explication);
    appendHistory(ctx, {
      action: 'statut.cascade',
      referentialId: ref.id,
      nodeId: parent.node_id,
      before: toView(parent),
      after: toView(readRow(ctx, ref.id, parent.node_id)!),
    });
    return { changed: true, cascade: [parent.node_id] };
  });
}

/**
 * Sets the explication of a node that can hold a statut (creating a non-renseigné row when it has none), with a
 * `statut.explication` history event; the same text again records nothing. Throws REFERENTIAL_UNKNOWN,
 * NODE_UNKNOWN, STATUT_INVALID (computed node).
 */
export function setExplication(ctx: ServiceContext, referentialId: string, nodeId: string, explication: string | null): { ok: true } {
  const ref = getReferential(ctx, referentialId);
  requireStatutNode(ref, nodeId);
  inTransaction(ctx, () => {
    const before = readRow(ctx, ref.id, nodeId);
    if ((before?.explication ?? null) === explication) return;
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
  });
  return { ok: true };
}
