/**
 * TETE statut rule around the engine (tete-referentials.md §2.1): the cascade that keeps a sous-action and its
 * tâches coherent. The UI statut → stored record mapping is `toRecord` in shared/statut.ts. Pure; the service
 * writes what this returns.
 */
import type { Referential, StatutRecord } from '../domain';

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
