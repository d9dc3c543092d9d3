/**
 * Niveau (étoiles, Label NR niveaux) reached and the gap to the next one (tete-referentials.md §3;
 * DOMAIN.md: thresholds live in the referential, never in code). Read-only: the score itself comes from the core.
 */
import type { Niveau, RootScore, ScoringModel } from '../../../shared/domain';

/** Where a score stands: the niveau reached (or null) and the next one with the missing points. */
export interface NiveauProgress {
  atteint: Niveau | null;
  suivant: { niveau: Niveau; manquePoints: number; manqueFraction: number } | null;
}

/**
 * The points base a niveau's `seuil` is a fraction of: the potentiel for TETE and weighted models, the
 * referential's total points for the points model (Label NR 300 / 1 000, domain.ts `Niveau.seuil`).
 */
export function seuilBase(root: Pick<RootScore, 'pointPotentiel' | 'pointReferentiel'>, model: ScoringModel): number {
  return model === 'points' ? root.pointReferentiel : root.pointPotentiel;
}

/**
 * The niveau reached per the core (`root.niveau`) and the next niveau above it with the gap:
 * `manqueFraction = seuil − score` (fraction 0..1), `manquePoints = seuil × base − pointFait` (points, rounded UP
 * to 3 decimals so that earning them does reach the niveau; never negative). No next niveau when the highest is reached or the score is not computable.
 */
export function niveauProgress(root: RootScore, niveaux: readonly Niveau[], model: ScoringModel): NiveauProgress {
  const atteint = root.niveau;
  if (root.score === null) return { atteint, suivant: null };
  const score = root.score;
  const next = [...niveaux].sort((a, b) => a.seuil - b.seuil).find((n) => n.seuil > score && (atteint === null || n.rang > atteint.rang));
  if (!next) return { atteint, suivant: null };
  const base = seuilBase(root, model);
  return {
    atteint,
    suivant: {
      niveau: next,
      manqueFraction: next.seuil - score,
      manquePoints: ceil3(Math.max(0, next.seuil * base - root.pointFait)),
    },
  };
}

/** Rounds up to 3 decimals, with an epsilon for float noise: 17.5001 → 17.501, 17.5000000001 → 17.5. */
export function ceil3(x: number): number {
  return Math.ceil(x * 1000 - 1e-6) / 1000;
}
