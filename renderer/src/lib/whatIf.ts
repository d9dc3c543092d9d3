/**
 * "What if" preview of a statut choice (ARCHITECTURE.md: the renderer may run the same engine only for a preview;
 * the core stays the single source of truth). Rebuilds the engine's statut records from `statuts.list`, applies
 * the candidate statut (with the TETE cascade of tete-referentials.md §2.1) and scores with the shared engine and
 * the personnalisation the core applies (`personnalisation.consequences`, §2.5), so the preview matches the score.
 */
import type { Detail, Referential, Statut, StatutRecord } from '../../../shared/domain';
import { engineFor, type Personnalisation } from '../../../shared/scoring';
import { ratioBaseKind } from '../../../shared/scoring/ratios';
import { teteCascade } from '../../../shared/scoring/tete-statut';
import { checkDetail, sansStatut, toRecord } from '../../../shared/statut';
import { formatPercent, formatPts } from './format';

/** A stored statut row as `statuts.list` returns it (only what the preview reads). */
export interface StoredStatutRow {
  nodeId: string;
  statut: Statut;
  detail: readonly number[] | null;
}

/**
 * The engine record of a statut, by the core's own mapping (shared/statut.ts `toRecord`, tete-referentials.md §2.1;
 * RGESN conforme → fait, non conforme → pas fait, non applicable → concerne false).
 * @throws UserError DETAIL_INVALID when `statut` is `detaille` with a split that is not three fractions summing to 1.
 */
export function recordFor(nodeId: string, statut: Statut, detail: readonly number[] | null = null): StatutRecord {
  const split = statut === 'detaille' ? checkDetail(nodeId, detail && detail.length === 3 ? ([detail[0], detail[1], detail[2]] as Detail) : null) : null;
  return { nodeId, ...toRecord(statut, split) };
}

/** Records of the stored rows, by node id; rows that are no statut for the engine (`sansStatut`) left out, as the core does. */
export function recordsOf(rows: readonly StoredStatutRow[]): Map<string, StatutRecord> {
  return new Map(rows.map((r) => [r.nodeId, recordFor(r.nodeId, r.statut, r.detail)] as const).filter(([, rec]) => !sansStatut(rec)));
}

/** Headline of a preview: the root's pointFait (points) and score (fraction 0..1, null when not computable). */
export interface PreviewFigures {
  pointFait: number;
  score: number | null;
}

/**
 * Global figures if `nodeId` took `statut` (other nodes as stored). TETE applies the cascade (a tâche statut
 * resets its sous-action's direct statut). Never throws on an invalid détaillé split: it previews nothing (null).
 */
export function previewStatut(
  referential: Referential,
  current: ReadonlyMap<string, StatutRecord>,
  nodeId: string,
  statut: Statut,
  detail: readonly number[] | null = null,
  personnalisation: Personnalisation = {},
): PreviewFigures | null {
  let record: StatutRecord;
  try {
    record = recordFor(nodeId, statut, detail);
  } catch {
    return null;
  }
  const next = new Map(current);
  const writes = referential.model === 'tete' ? teteCascade(referential, current, record) : [record];
  for (const r of writes) next.set(r.nodeId, r);
  const root = engineFor(referential.model).compute(referential, next, personnalisation).root;
  return { pointFait: root.pointFait, score: root.score };
}

/**
 * For each statut of `choices` except the one stored (and `detaille`, which needs a split), the text of its effect
 * on the global score if chosen: points models (tete, points) "+0,6 pt" / "−1,2 pts" / "−35 pts" (difference of
 * root pointFait, 3 decimals; "pts" above 1 point); weighted, rate and progress, whose % is a share of what is
 * evaluated, "→ 62,5 %" (the resulting score, truncated). Choices with no effect are left out.
 */
export function statutDeltas(
  referential: Referential,
  rows: readonly StoredStatutRow[],
  nodeId: string,
  choices: readonly Statut[],
  personnalisation: Personnalisation = {},
): Partial<Record<Statut, string>> {
  const current = recordsOf(rows);
  const stored = rows.find((r) => r.nodeId === nodeId)?.statut ?? 'non_renseigne';
  const base = engineFor(referential.model).compute(referential, current, personnalisation).root;
  const out: Partial<Record<Statut, string>> = {};
  for (const statut of choices) {
    if (statut === stored || statut === 'detaille') continue;
    const p = previewStatut(referential, current, nodeId, statut, null, personnalisation);
    if (!p) continue;
    if (ratioBaseKind(referential.model) === 'evalues') {
      if (p.score !== base.score) out[statut] = `→ ${formatPercent(p.score)}`;
      continue;
    }
    const delta = Math.round((p.pointFait - base.pointFait) * 1000) / 1000;
    // One plural rule (lib/format.ts ptsUnit): "0,6 pt", "1 pt", "1,5 pts", "35 pts".
    if (delta !== 0) out[statut] = `${delta > 0 ? '+' : '−'}${formatPts(Math.abs(delta))}`;
  }
  return out;
}
