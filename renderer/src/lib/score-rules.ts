/**
 * What the referential's own rules did to a node's score, in words for the tree and the fiche
 * (tete-referentials.md §2.3 step 6 « Score-override rules » and §2.4 personnalisation):
 * - `personnalisationOf`: a potentiel reduced or raised by the personnalisation (`pointPotentielPerso`), or a node
 *   désactivé by it;
 * - `scoreCapOf`: a `score` rule such as CAE 3.3.5 `min(score(cae_1.2.3), score(cae_3.3.5))`: the % fait of the
 *   node cannot exceed that of the nodes it reads, and whether that cap is reached now.
 */
import type { NodeScore, Referential, ReferentialNode } from '../../../shared/domain';

/** A node's personnalisation as the score shows it: `desactive`, or its potentiel `perso` instead of `ref` (points). */
export type PersonnalisationMark = { kind: 'desactive' } | { kind: 'potentiel'; perso: number; ref: number };

/** The personnalisation mark of a TETE node's score, or null when the personnalisation left it unchanged. */
export function personnalisationOf(model: Referential['model'], s: NodeScore): PersonnalisationMark | null {
  if (model !== 'tete') return null;
  if (s.desactive) return { kind: 'desactive' };
  if (s.pointPotentielPerso !== null && Math.abs(s.pointPotentielPerso - s.pointReferentiel) > 0.0005) return { kind: 'potentiel', perso: s.pointPotentielPerso, ref: s.pointReferentiel };
  return null;
}

/** One node a score rule reads: its id, identifiant and % fait now (fraction 0..1, `pointFait / pointPotentiel`). */
export interface CapSource {
  nodeId: string;
  identifiant: string;
  ratio: number;
}

/**
 * The score rule of a node (`meta['regle.score']`, its `.description` when the referential gives one), the nodes it
 * reads with their % fait, and `reached`: the node has fait leaves and its own % fait equals the lowest of theirs (to
 * 0.1 point of %), i.e. the cap applies now (§2.3 step 6: the factor brings the node's ratio down to the formula's
 * result, 0 included); `retires`, the points the cap took off the fait part (points, 3 decimals), which the
 * breakdown fait / programmé / pas fait / non renseigné no longer shows.
 * Null for a node without a score rule or without potentiel.
 */
export function scoreCapOf(
  node: ReferentialNode,
  scores: Readonly<Record<string, NodeScore>>,
  byId: ReadonlyMap<string, ReferentialNode>,
): { formula: string; description: string | null; sources: CapSource[]; ratio: number; reached: boolean; retires: number } | null {
  const formula = node.meta['regle.score']?.trim();
  const own = scores[node.id];
  if (!formula || !own || own.pointPotentiel <= 0) return null;
  const ratioOf = (s: NodeScore | undefined) => (s && s.pointPotentiel > 0 ? s.pointFait / s.pointPotentiel : 0);
  const ids = [...new Set([...formula.matchAll(/score\(\s*([^)\s]+)\s*\)/g)].map((m) => m[1]!))].filter((id) => id !== node.id);
  const sources = ids.map((id) => ({ nodeId: id, identifiant: byId.get(id)?.identifiant ?? id, ratio: ratioOf(scores[id]) }));
  if (sources.length === 0) return null;
  const ratio = ratioOf(own);
  const lowest = Math.min(...sources.map((s) => s.ratio));
  // Step 6 changes only pointFait: fait leaves under the node (their count is untouched) mean it had points to cap,
  // which a cap down to 0 (nothing done on the node it reads) would otherwise hide.
  const reached = own.faitTachesAvancement > 0 && Math.abs(ratio - lowest) <= 0.001;
  // Only pointFait is lowered, so the four parts then fall short of the potentiel by the points the cap took (§2.3 step 6).
  const parts = own.pointFait + own.pointProgramme + own.pointPasFait + own.pointNonRenseigne;
  const retires = Math.max(0, Math.round((own.pointPotentiel - parts) * 1000) / 1000);
  return { formula, description: node.meta['regle.score.description']?.trim() || null, sources, ratio, reached, retires };
}
