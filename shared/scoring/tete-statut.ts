/**
 * TETE statut rules around the engine (tete-referentials.md §2.1): the UI statut → stored record mapping, and the
 * cascade that keeps a sous-action and its tâches coherent. Pure; the service writes what these return.
 */
import type { Detail, Referential, StatutRecord } from '../domain';
import { UserError } from '../errors';

/** Statuts a user may pick on a TETE sous-action or tâche (§2.1 "UI statut"). */
export type TeteStatutSaisi = 'fait' | 'programme' | 'pas_fait' | 'non_renseigne' | 'detaille' | 'detaille_a_la_tache' | 'non_concerne';

const UNIT: Record<string, Detail> = { fait: [1, 0, 0], programme: [0, 1, 0], pas_fait: [0, 0, 1] };

/**
 * Stored record for a UI statut (§2.1 table): fait / programmé / pas fait as themselves; non renseigné and
 * détaillé à la tâche → `non_renseigne`; non concerné → `non_renseigne` with `concerne = false`; détaillé au % →
 * `detaille` with the triplet `[fait, programme, pasFait]` (fractions 0..1 summing to 1), except that an exact
 * [1,0,0] / [0,1,0] / [0,0,1] is stored as fait / programmé / pas fait. A `detaille` without triplet is stored
 * without one (the engine then uses [0.5, 0.25, 0.25]).
 * @throws UserError('DETAIL_INVALID') naming the node when the triplet has a value outside 0..1 or does not sum to 1
 *   (±0.000001).
 */
export function teteStatutRecord(nodeId: string, statut: TeteStatutSaisi, detail: Detail | null = null): StatutRecord {
  switch (statut) {
    case 'fait':
    case 'programme':
    case 'pas_fait':
      return { nodeId, avancement: statut, detail: null, concerne: true };
    case 'non_renseigne':
    case 'detaille_a_la_tache':
      return { nodeId, avancement: 'non_renseigne', detail: null, concerne: true };
    case 'non_concerne':
      return { nodeId, avancement: 'non_renseigne', detail: null, concerne: false };
    case 'detaille': {
      if (detail === null) return { nodeId, avancement: 'detaille', detail: null, concerne: true };
      const [f, p, pf] = detail;
      const sum = f + p + pf;
      if (![f, p, pf].every((x) => Number.isFinite(x) && x >= 0 && x <= 1) || Math.abs(sum - 1) > 1e-6) {
        const pct = detail.map((x) => `${Math.round(x * 1000) / 10} %`.replace('.', ',')).join(' / ');
        throw new UserError(
          'DETAIL_INVALID',
          `Statut détaillé de « ${nodeId} » : la répartition fait / programmé / pas fait (${pct}) doit avoir trois parts entre 0 et 100 % dont la somme fait 100 %.`,
          { nodeId, field: 'detail' },
        );
      }
      for (const [avancement, unit] of Object.entries(UNIT)) {
        if (unit[0] === f && unit[1] === p && unit[2] === pf) return { nodeId, avancement: avancement as 'fait' | 'programme' | 'pas_fait', detail: null, concerne: true };
      }
      return { nodeId, avancement: 'detaille', detail: [f, p, pf], concerne: true };
    }
  }
}

/**
 * The cascade of §2.1 (`compute-cascading-statuts.rules.ts`): writing `record` on a tâche (a node whose parent is
 * below the mesure level) with a statut (any avancement but non renseigné, or non concerné) while its parent
 * sous-action has a direct avancement other than non renseigné resets that parent to `non_renseigne` (its
 * `concerne` kept). Returns the records to write in the same transaction: `record`, then the reset parent if any.
 * Unknown node ids give `[record]`.
 */
export function teteCascade(referential: Referential, current: ReadonlyMap<string, StatutRecord>, record: StatutRecord): StatutRecord[] {
  const hasStatut = record.avancement !== 'non_renseigne' || !record.concerne;
  if (!hasStatut) return [record];
  const node = referential.nodes.find((n) => n.id === record.nodeId);
  if (!node || node.parentId === null) return [record];
  const parent = referential.nodes.find((n) => n.id === node.parentId);
  if (!parent || parent.depth <= referential.actionLevel) return [record];
  const parentRecord = current.get(parent.id);
  if (!parentRecord || parentRecord.avancement === 'non_renseigne') return [record];
  return [record, { nodeId: parent.id, avancement: 'non_renseigne', detail: null, concerne: parentRecord.concerne }];
}
