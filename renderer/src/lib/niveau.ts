/**
 * Niveau (étoiles, Label NR niveaux) reached and the gap to the next one (tete-referentials.md §3;
 * DOMAIN.md: thresholds live in the referential, never in code). Read-only: the score itself comes from the core.
 */
import type { Niveau, RootScore, ScoringModel } from '../../../shared/domain';
import { ratioBase } from '../../../shared/scoring/ratios';

/** Where a score stands: the niveau reached (or null) and the next one with the missing points. */
export interface NiveauProgress {
  atteint: Niveau | null;
  suivant: { niveau: Niveau; manquePoints: number; manqueFraction: number } | null;
}

/**
 * The points a niveau's `seuil` is a fraction of: the base of the model's headline % (shared/scoring/ratios.ts
 * `ratioBase`), so the card's %, its points line and the gap agree — the potentiel for tete and points
 * (tete-referentials.md §3: étoiles on pointFait / pointPotentiel), the évalués for rate (RGAA: conformes ÷
 * applicables évalués) and the other evaluated models. Points (critères for the RGAA).
 */
export function seuilBase(root: Pick<RootScore, 'pointPotentiel' | 'pointFait' | 'pointProgramme' | 'pointPasFait'>, model: ScoringModel = 'tete'): number {
  return ratioBase(model, root);
}

/**
 * Points taken out of the referential's total for this authority (non concernés, potentiel personnalisé):
 * `pointReferentiel − pointPotentiel`, rounded to 3 decimals, 0 when none (never negative). Points.
 */
export function pointsHorsPotentiel(root: Pick<RootScore, 'pointPotentiel' | 'pointReferentiel'>): number {
  return Math.max(0, Math.round((root.pointReferentiel - root.pointPotentiel) * 1000) / 1000);
}

/**
 * The niveau reached per the core (`root.niveau`) and the next niveau above it with the gap:
 * `manqueFraction = seuil − score` (fraction 0..1), `manquePoints = seuil × base − pointFait` (base: `seuilBase`;
 * points rounded UP to the 3 decimals shown — to a whole critère for the rate model, where it counts critères to
 * turn conforme — so the gap shown is never smaller than the real one and earning it does reach the niveau; never
 * negative). No next niveau when the highest is reached or the score is not computable.
 * This is the score seuil only: a TETE demande also needs 100 % complétude and per-mesure criteria (§3).
 */
export function niveauProgress(root: RootScore, niveaux: readonly Niveau[], model: ScoringModel = 'tete'): NiveauProgress {
  const atteint = root.niveau;
  if (root.score === null) return { atteint, suivant: null };
  const score = root.score;
  const next = [...niveaux].sort((a, b) => a.seuil - b.seuil).find((n) => n.seuil > score && (atteint === null || n.rang > atteint.rang));
  if (!next) return { atteint, suivant: null };
  const base = seuilBase(root, model);
  const gap = Math.max(0, next.seuil * base - root.pointFait);
  return {
    atteint,
    suivant: {
      niveau: next,
      manqueFraction: next.seuil - score,
      manquePoints: model === 'rate' || model === 'progress' ? Math.ceil(gap - 1e-9) : ceil3(gap),
    },
  };
}

/** Rounds up to 3 decimals, with an epsilon for float noise: 17.5001 → 17.501, 17.5000000001 → 17.5. */
export function ceil3(x: number): number {
  return Math.ceil(x * 1000 - 1e-6) / 1000;
}
