/**
 * The `tete` scoring engine (TETE CAE / ECi / TE), a restatement of the platform's `computeScore`:
 * tete-referentials.md §2.3 steps 0–8, with the statut rules of §2.1 and the ratios of §2.2.
 * Pure: typed arrays over the cached pre-order structure (`tete-structure.ts`), a handful of linear passes.
 */
import {
  emptyNodeScore,
  round3,
  type Detail,
  type DisplayStatut,
  type Niveau,
  type NodeScore,
  type Referential,
  type RootScore,
  type ScoreResult,
  type StatutRecord,
} from '../domain';
import type { Personnalisation, ScoringEngine } from './engine';
import { applyScoreRegles, scoreFormulas } from './tete-score-regles';
import { teteStructure } from './tete-structure';

/** Default split of a stored `detaille` without triplet (§2.1). */
const DEFAULT_DETAIL: Detail = [0.5, 0.25, 0.25];
/** Only against float noise in `score >= seuil`: far below the 0.001-point resolution of rounded points. */
const SEUIL_EPSILON = 1e-9;

/** Options of the `tete` engine. */
export interface TeteOptions {
  /**
   * Whether step 6 applies the `score` rules the referential carries (`meta['regle.score']`, e.g. CAE 3.3.5);
   * default true. The caller's `scoreFormule` consequences apply either way.
   */
  scoreReglesDuReferentiel?: boolean;
}

/** Builds a `tete` engine with `options` (see `computeTete`). */
export function createTeteEngine(options: TeteOptions = {}): ScoringEngine {
  return {
    model: 'tete',
    compute: (referential, statuts, personnalisation) => computeTete(referential, statuts, personnalisation ?? {}, options),
  };
}

/**
 * The `tete` engine `engineFor('tete')` returns: every step of §2.3, step 6 with the referential's own score rules
 * (they need no answers) merged with the caller's `scoreFormule`.
 */
export const teteEngine: ScoringEngine = createTeteEngine();

/** round3, skipping the many zeros (fields of untouched states) — the rounding is most of the output cost. */
const r3 = (x: number): number => (x === 0 ? 0 : round3(x));

const hasAvancement = (r: StatutRecord | undefined): boolean => r !== undefined && r.avancement !== 'non_renseigne';
const hasStatut = (r: StatutRecord | undefined): boolean => r !== undefined && (r.avancement !== 'non_renseigne' || !r.concerne);

function triplet(r: StatutRecord): Detail {
  switch (r.avancement) {
    case 'fait':
      return [1, 0, 0];
    case 'programme':
      return [0, 1, 0];
    case 'pas_fait':
      return [0, 0, 1];
    default:
      return r.detail ?? DEFAULT_DETAIL;
  }
}

/**
 * Scores a TETE referential (tete-referentials.md §2.3):
 * 0 init; 1 reduction factors (`potentielPerso`, multiplied down the tree); 2 deactivation (`desactive`);
 * 3 stored non concerné (down, then up); 4 redistribution inside mesures (equal shares, subtree rescaled) and parent
 * potentials; 5 statuts and roll-up; 6 score-override rules (`tete-score-regles.ts`: the referential's `score` rules
 * unless `options.scoreReglesDuReferentiel` is false, and the caller's `scoreFormule`, which wins on the same node);
 * 7 rounding to 3 decimals; 8 root ratios and niveau (highest étoile with seuil ≤ pointFait / pointPotentiel).
 * Statuts and personnalisation on unknown node ids are ignored. Units: points; counts are (fractional) leaf counts.
 * @throws FormulaError (UserError REFERENTIAL_INVALID) naming the node when a rule of the referential or a caller's
 *   `scoreFormule` does not parse (§2.6); importers validate the rules first (`reglesOf`), so this is a bad file.
 */
export function computeTete(
  referential: Referential,
  statuts: ReadonlyMap<string, StatutRecord>,
  personnalisation: Personnalisation,
  options: TeteOptions = {},
): ScoreResult {
  const S = teteStructure(referential);
  const { n, parent, childStart, childList, size } = S;
  const isLeaf = (i: number): boolean => childStart[i + 1] === childStart[i];

  const rec: (StatutRecord | undefined)[] = new Array(n);
  for (const [id, r] of statuts) {
    const i = S.position.get(id);
    if (i !== undefined) rec[i] = r;
  }
  const persoFactor = new Float64Array(n).fill(NaN);
  const persoDesactive = new Uint8Array(n);
  for (const [id, p] of Object.entries(personnalisation)) {
    const i = S.position.get(id);
    if (i === undefined) continue;
    if (p.potentielPerso !== undefined && Number.isFinite(p.potentielPerso)) persoFactor[i] = p.potentielPerso;
    if (p.desactive) persoDesactive[i] = 1;
  }
  const formulas = scoreFormulas(referential, S, personnalisation, options.scoreReglesDuReferentiel !== false);

  // Step 1: reduction factors, top-down, then unset potentials from children (bottom-up).
  const ref = S.pointReferentiel;
  const pot = new Float64Array(n);
  const potSet = new Uint8Array(n);
  const potPerso = new Float64Array(n).fill(NaN);
  const factor = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) {
    const inherited = parent[i]! >= 0 ? factor[parent[i]!]! : NaN;
    let f = inherited;
    const p = persoFactor[i]!;
    if (!Number.isNaN(p)) {
      f = p * (Number.isNaN(inherited) ? 1 : inherited);
      potPerso[i] = f * ref[i]!;
    }
    factor[i] = f;
    if (!Number.isNaN(f) && ref[i] !== 0) {
      pot[i] = f * ref[i]!;
      potSet[i] = 1;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    if (potSet[i]) continue;
    if (isLeaf(i)) pot[i] = ref[i]!;
    else {
      let sum = 0;
      for (let c = childStart[i]!; c < childStart[i + 1]!; c++) sum += pot[childList[c]!]!;
      pot[i] = sum;
    }
  }

  // Steps 2 and 3 (down): deactivation, then stored non concerné, both inherited by the subtree.
  const desactive = new Uint8Array(n);
  const concerne = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const p = parent[i]!;
    desactive[i] = persoDesactive[i] || (p >= 0 && desactive[p]) ? 1 : 0;
    const r = rec[i];
    concerne[i] = !desactive[i] && (p < 0 || concerne[p]) && !(r !== undefined && !r.concerne) ? 1 : 0;
  }
  // Step 3 (up): all children not concerned → not concerned, unless a stored row says concerne = true.
  for (let i = n - 1; i >= 0; i--) {
    if (!concerne[i] || isLeaf(i) || rec[i]?.concerne === true) continue;
    let any = false;
    for (let c = childStart[i]!; c < childStart[i + 1]! && !any; c++) any = concerne[childList[c]!] === 1;
    if (!any) concerne[i] = 0;
  }

  // Step 4: redistribution at depth ≥ actionLevel, then parent potentials (bottom-up).
  for (let i = n - 1; i >= 0; i--) {
    if (!concerne[i] || isLeaf(i)) continue;
    const c0 = childStart[i]!;
    const c1 = childStart[i + 1]!;
    if (referential.redistribution && S.depth[i]! >= referential.actionLevel) {
      let lost = 0;
      let receivers = 0;
      for (let c = c0; c < c1; c++) {
        const k = childList[c]!;
        if (!concerne[k]) lost += pot[k]!;
        else if (pot[k] !== 0) receivers++;
      }
      if (receivers > 0 && lost !== 0) {
        const share = lost / receivers;
        for (let c = c0; c < c1; c++) {
          const k = childList[c]!;
          if (!concerne[k] || pot[k] === 0) continue;
          const scale = (pot[k]! + share) / pot[k]!;
          for (let j = k; j < k + size[k]!; j++) pot[j]! *= scale;
        }
      }
    }
    let sum = 0;
    let anyConcerned = false;
    for (let c = c0; c < c1; c++) {
      const k = childList[c]!;
      if (concerne[k]) {
        sum += pot[k]!;
        anyConcerned = true;
      }
    }
    if (anyConcerned || !hasAvancement(rec[i])) pot[i] = sum;
  }

  // Step 5: statuts and roll-up (bottom-up).
  const fait = new Float64Array(n);
  const prog = new Float64Array(n);
  const pasFait = new Float64Array(n);
  const nonRens = new Float64Array(n);
  const total = new Float64Array(n);
  const completed = new Float64Array(n);
  const faitAv = new Float64Array(n);
  const progAv = new Float64Array(n);
  const pasFaitAv = new Float64Array(n);
  const pasConcAv = new Float64Array(n);
  const renseigne = new Uint8Array(n);
  const summed = new Uint8Array(n); // nodes whose points are the sum of their children (re-summed in step 6)
  for (let i = n - 1; i >= 0; i--) {
    const r = rec[i];
    if (!concerne[i]) {
      const t = S.leafChildren[i]! || 1;
      pot[i] = 0;
      total[i] = completed[i] = pasConcAv[i] = t;
      renseigne[i] = 1;
    } else if (hasAvancement(r)) {
      const [a, b, c] = triplet(r!);
      const t = S.leafCount[i]!;
      fait[i] = a * pot[i]!;
      prog[i] = b * pot[i]!;
      pasFait[i] = c * pot[i]!;
      total[i] = completed[i] = t;
      faitAv[i] = a * t;
      progAv[i] = b * t;
      pasFaitAv[i] = c * t;
      renseigne[i] = 1;
    } else if (isLeaf(i)) {
      nonRens[i] = pot[i]!;
      total[i] = 1;
    } else {
      summed[i] = 1;
      for (let c = childStart[i]!; c < childStart[i + 1]!; c++) {
        const k = childList[c]!;
        fait[i]! += fait[k]!;
        prog[i]! += prog[k]!;
        pasFait[i]! += pasFait[k]!;
        nonRens[i]! += nonRens[k]!;
        total[i]! += total[k]!;
        completed[i]! += completed[k]!;
        faitAv[i]! += faitAv[k]!;
        progAv[i]! += progAv[k]!;
        pasFaitAv[i]! += pasFaitAv[k]!;
        pasConcAv[i]! += pasConcAv[k]!;
      }
      renseigne[i] = nonRens[i]! > 0 ? 0 : 1;
    }
  }

  // Step 6: score-override rules, only pointFait changes.
  applyScoreRegles(S, pot, fait, formulas, summed);

  // Steps 7 and 8: rounding, display statut, root.
  const scoreAt = (i: number): NodeScore => ({
    pointReferentiel: r3(ref[i]!),
    pointPotentiel: r3(pot[i]!),
    pointPotentielPerso: Number.isNaN(potPerso[i]!) ? null : r3(potPerso[i]!),
    pointFait: r3(fait[i]!),
    pointProgramme: r3(prog[i]!),
    pointPasFait: r3(pasFait[i]!),
    pointNonRenseigne: r3(nonRens[i]!),
    totalTachesCount: r3(total[i]!),
    completedTachesCount: r3(completed[i]!),
    faitTachesAvancement: r3(faitAv[i]!),
    programmeTachesAvancement: r3(progAv[i]!),
    pasFaitTachesAvancement: r3(pasFaitAv[i]!),
    pasConcerneTachesAvancement: r3(pasConcAv[i]!),
    concerne: concerne[i] === 1,
    desactive: desactive[i] === 1,
    renseigne: renseigne[i] === 1,
    statut: displayStatut(i),
  });

  // §2.1 "Display statut", for sous-actions and tâches only (depth > actionLevel).
  function displayStatut(i: number): DisplayStatut | null {
    const level = referential.actionLevel;
    if (S.depth[i]! <= level) return null;
    if (!concerne[i]) return 'non_concerne';
    const r = rec[i];
    if (!hasAvancement(r)) {
      for (let c = childStart[i]!; c < childStart[i + 1]!; c++) if (hasStatut(rec[childList[c]!])) return 'detaille_a_la_tache';
    }
    const p = parent[i]!;
    if (p >= 0 && S.depth[p]! > level && hasAvancement(rec[p])) return 'non_renseignable';
    return hasAvancement(r) ? r!.avancement : null;
  }

  const nodes: Record<string, NodeScore> = {};
  let rootScore: NodeScore = emptyNodeScore(0);
  for (const node of referential.nodes) {
    const i = S.position.get(node.id);
    if (i === 0) rootScore = scoreAt(0);
    else nodes[node.id] = i === undefined ? emptyNodeScore(node.pointReferentiel) : scoreAt(i);
  }
  return { referential: { id: referential.id, version: referential.version }, root: rootOf(rootScore, referential.niveaux), nodes };
}


/**
 * Root ratios (§2.7, §3): `score` = pointFait / pointPotentiel of the rounded points (null when potentiel 0),
 * `completude` = completed / total leaves (0 when there is none), `niveau` = highest niveau with seuil ≤ score.
 */
function rootOf(s: NodeScore, niveaux: readonly Niveau[]): RootScore {
  const score = s.pointPotentiel > 0 ? s.pointFait / s.pointPotentiel : null;
  let niveau: Niveau | null = null;
  if (score !== null) for (const nv of niveaux) if (score + SEUIL_EPSILON >= nv.seuil && (niveau === null || nv.seuil >= niveau.seuil)) niveau = nv;
  return {
    ...s,
    score,
    completude: s.totalTachesCount > 0 ? s.completedTachesCount / s.totalTachesCount : 0,
    niveau: niveau ? { ...niveau } : null,
  };
}

/**
 * Fractions 0..1 of a node (§2.2 `getScoreRatios`): pointFait / pointPotentiel etc.; when the potentiel is 0
 * (0-point regulatory `.0` nodes, non concerné) the leaf counts are used instead (faitTachesAvancement /
 * totalTachesCount…, non renseigné = (total − completed) / total); all 0 when there is no leaf either.
 */
export function ratiosOf(score: NodeScore): { fait: number; programme: number; pasFait: number; nonRenseigne: number } {
  if (score.pointPotentiel > 0) {
    const p = score.pointPotentiel;
    return { fait: score.pointFait / p, programme: score.pointProgramme / p, pasFait: score.pointPasFait / p, nonRenseigne: score.pointNonRenseigne / p };
  }
  const t = score.totalTachesCount;
  if (t <= 0) return { fait: 0, programme: 0, pasFait: 0, nonRenseigne: 0 };
  return {
    fait: score.faitTachesAvancement / t,
    programme: score.programmeTachesAvancement / t,
    pasFait: score.pasFaitTachesAvancement / t,
    nonRenseigne: Math.max(0, t - score.completedTachesCount) / t,
  };
}
