/**
 * The `points` scoring model (Label NR grid) and the leaf-statut roll-up it shares with the `weighted` model
 * (RGESN): statuts are entered on leaves (critères), every parent sums its children.
 * Source of the rules: ../shared/docs/DOMAIN.md ("Referentials to support", "Rules every engine keeps");
 * statut vocabulary and detail fallback: tete-referentials.md §2.1.
 */
import type { Detail, DisplayStatut, Niveau, NodeScore, Referential, ReferentialNode, RootScore, ScoreResult, StatutRecord } from '../domain';
import { emptyNodeTexts } from '../domain';
import type { Personnalisation, ScoringEngine } from './engine';

/**
 * What one leaf contributes, in integer milli-points (1 point = 1000) so that every sum is exact and a parent
 * always equals the sum of its children as displayed (3 decimals).
 */
export interface LeafOutcome {
  concerne: boolean;
  potentiel: number;
  fait: number;
  programme: number;
  pasFait: number;
  nonRenseigne: number;
  /** Fractional leaf counts (sum 1 when the leaf has a statut, 0 otherwise). */
  counts: { fait: number; programme: number; pasFait: number; pasConcerne: number };
  completed: boolean;
  /** Display statut; null when the leaf has no statut (tete-referentials.md §2.1, as the tete engine does). */
  statut: DisplayStatut | null;
}

/** Scores one concerned or not-concerned leaf from its potentiel (milli-points) and its stored statut (or none). */
export type LeafScorer = (potentielMilli: number, record: StatutRecord | undefined) => LeafOutcome;

/** Split used for a `detaille` statut stored without a triplet (tete-referentials.md §2.1). */
export const DEFAULT_DETAIL: Detail = [0.5, 0.25, 0.25];

/**
 * Splits `totalMilli` milli-points by the fractions `detail` (normalised to sum 1) with the largest-remainder
 * method, so the three integer parts always sum to `totalMilli`. An invalid triplet (negative, sum 0) falls
 * back to DEFAULT_DETAIL: engines never throw on stored data.
 */
export function splitMilli(totalMilli: number, detail: Detail | null): [number, number, number] {
  let d: Detail = detail ?? DEFAULT_DETAIL;
  const sum = d[0] + d[1] + d[2];
  if (!(sum > 0) || d.some((x) => !(x >= 0))) d = DEFAULT_DETAIL;
  const s = d[0] + d[1] + d[2];
  const raw = d.map((x) => (totalMilli * x) / s);
  const parts = raw.map((x) => Math.floor(x + 1e-9));
  let rest = totalMilli - parts.reduce((a, b) => a + b, 0);
  const order = [0, 1, 2].sort((a, b) => (raw[b] ?? 0) - (parts[b] ?? 0) - ((raw[a] ?? 0) - (parts[a] ?? 0)));
  for (const i of order) {
    if (rest <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    rest--;
  }
  return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0];
}

const NOT_CONCERNED: Omit<LeafOutcome, 'statut'> = {
  concerne: false,
  potentiel: 0,
  fait: 0,
  programme: 0,
  pasFait: 0,
  nonRenseigne: 0,
  counts: { fait: 0, programme: 0, pasFait: 0, pasConcerne: 1 },
  completed: true,
};

/**
 * Leaf rule shared by both models: not concerned → everything 0 (potentiel too); fait / programme / pas fait →
 * the whole potentiel in that state; detaille → split; no statut or non_renseigne → pointNonRenseigne, display
 * statut null.
 * `labels` gives the display statut for each case (points: fait…; weighted: conforme…).
 */
export function scoreLeafBy(labels: { fait: DisplayStatut; pasFait: DisplayStatut; nonConcerne: DisplayStatut }): LeafScorer {
  return (pot, record) => {
    if (record && !record.concerne) return { ...NOT_CONCERNED, statut: labels.nonConcerne };
    const av = record?.avancement ?? 'non_renseigne';
    if (av === 'non_renseigne') {
      return { concerne: true, potentiel: pot, fait: 0, programme: 0, pasFait: 0, nonRenseigne: pot,
        counts: { fait: 0, programme: 0, pasFait: 0, pasConcerne: 0 }, completed: false, statut: null };
    }
    const whole = av === 'fait' ? 0 : av === 'programme' ? 1 : av === 'pas_fait' ? 2 : -1;
    const parts = whole >= 0 ? [0, 1, 2].map((i) => (i === whole ? pot : 0)) : splitMilli(pot, record?.detail ?? DEFAULT_DETAIL);
    const shares = whole >= 0 ? [0, 1, 2].map((i) => (i === whole ? 1 : 0)) : splitMilli(1000, record?.detail ?? DEFAULT_DETAIL).map((x) => x / 1000);
    const [fait = 0, programme = 0, pasFait = 0] = parts;
    const [cf = 0, cp = 0, cpf = 0] = shares;
    const statut: DisplayStatut = av === 'fait' ? labels.fait : av === 'pas_fait' ? labels.pasFait : av;
    return { concerne: true, potentiel: pot, fait, programme, pasFait, nonRenseigne: 0,
      counts: { fait: cf, programme: cp, pasFait: cpf, pasConcerne: 0 }, completed: true, statut };
  };
}

/** The highest niveau whose `seuil` ≤ `score` (inclusive), or null; a score below a seuil never reaches it (DOMAIN.md). */
export function niveauAtteint(niveaux: readonly Niveau[], score: number | null): Niveau | null {
  if (score === null || !Number.isFinite(score)) return null;
  let best: Niveau | null = null;
  for (const n of niveaux) if (score >= n.seuil && (best === null || n.seuil >= best.seuil)) best = n;
  return best ? { ...best } : null;
}

interface Acc {
  score: NodeScore;
  milli: { potentiel: number; fait: number; programme: number; pasFait: number; nonRenseigne: number };
}

const r3 = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * Rolls leaf outcomes up the tree: every parent sums its children (a not-concerned child adds zeros); a parent
 * is concerned when one of its children is. Personnalisation: `desactive` makes a node and its subtree not
 * concerned (`desactive: true`); `potentielPerso` is a factor on the subtree's potentiel (tete-referentials.md
 * §2.3 step 1), reported as `pointPotentielPerso` on the node carrying it. `scoreFormule` is not supported here.
 * `headline` turns the root's totals (milli-points) into the score fraction, or null when not computable.
 */
export function computeLeafSum(
  referential: Referential,
  statuts: ReadonlyMap<string, StatutRecord>,
  personnalisation: Personnalisation,
  scoreLeaf: LeafScorer,
  headline: (root: Acc['milli']) => number | null,
): ScoreResult {
  const children = new Map<string, ReferentialNode[]>();
  let rootNode: ReferentialNode | undefined;
  for (const n of referential.nodes) {
    if (n.parentId === null) rootNode = n;
    else {
      const siblings = children.get(n.parentId);
      if (siblings) siblings.push(n);
      else children.set(n.parentId, [n]);
    }
  }
  const nodes: Record<string, NodeScore> = {};

  const visit = (node: ReferentialNode, factor: number, desactive: boolean): Acc => {
    const perso = personnalisation[node.id];
    const f = perso?.potentielPerso !== undefined ? factor * perso.potentielPerso : factor;
    const off = desactive || perso?.desactive === true;
    const kids = node.parentId === null ? (children.get(node.id) ?? []) : children.get(node.id);
    let acc: Acc;
    if (!kids) {
      const out = off ? { ...NOT_CONCERNED, statut: 'non_concerne' as DisplayStatut } : scoreLeaf(Math.round(node.pointReferentiel * f * 1000), statuts.get(node.id));
      const { potentiel, fait, programme, pasFait, nonRenseigne } = out;
      acc = {
        milli: { potentiel, fait, programme, pasFait, nonRenseigne },
        score: {
          pointReferentiel: node.pointReferentiel, pointPotentiel: potentiel / 1000, pointPotentielPerso: null,
          pointFait: fait / 1000, pointProgramme: programme / 1000, pointPasFait: pasFait / 1000, pointNonRenseigne: nonRenseigne / 1000,
          totalTachesCount: 1, completedTachesCount: out.completed ? 1 : 0,
          faitTachesAvancement: out.counts.fait, programmeTachesAvancement: out.counts.programme,
          pasFaitTachesAvancement: out.counts.pasFait, pasConcerneTachesAvancement: out.counts.pasConcerne,
          concerne: out.concerne, desactive: off, renseigne: out.completed, statut: out.statut,
        },
      };
    } else {
      const parts = kids.map((k) => visit(k, f, off));
      const m = { potentiel: 0, fait: 0, programme: 0, pasFait: 0, nonRenseigne: 0 };
      const sum = (pick: (s: NodeScore) => number): number => r3(parts.reduce((s, p) => s + pick(p.score), 0));
      for (const p of parts) for (const k of Object.keys(m) as Array<keyof typeof m>) m[k] += p.milli[k];
      const total = sum((s) => s.totalTachesCount);
      const completed = sum((s) => s.completedTachesCount);
      acc = {
        milli: m,
        score: {
          pointReferentiel: node.pointReferentiel, pointPotentiel: m.potentiel / 1000, pointPotentielPerso: null,
          pointFait: m.fait / 1000, pointProgramme: m.programme / 1000, pointPasFait: m.pasFait / 1000, pointNonRenseigne: m.nonRenseigne / 1000,
          totalTachesCount: total, completedTachesCount: completed,
          faitTachesAvancement: sum((s) => s.faitTachesAvancement), programmeTachesAvancement: sum((s) => s.programmeTachesAvancement),
          pasFaitTachesAvancement: sum((s) => s.pasFaitTachesAvancement), pasConcerneTachesAvancement: sum((s) => s.pasConcerneTachesAvancement),
          concerne: parts.some((p) => p.score.concerne), desactive: off, renseigne: completed === total, statut: null,
        },
      };
    }
    if (perso?.potentielPerso !== undefined) acc.score.pointPotentielPerso = r3(f * node.pointReferentiel);
    if (node.parentId !== null) nodes[node.id] = acc.score;
    return acc;
  };

  const root: ReferentialNode = rootNode ?? { id: referential.id, parentId: null, identifiant: '', depth: 0, type: 'referentiel', nom: referential.nom,
    ...emptyNodeTexts(), pointReferentiel: 0, ordre: 0 };
  const top = visit(root, 1, false);
  const score = headline(top.milli);
  const rootScore: RootScore = {
    ...top.score,
    score,
    completude: top.score.totalTachesCount > 0 ? top.score.completedTachesCount / top.score.totalTachesCount : 0,
    niveau: niveauAtteint(referential.niveaux, score),
  };
  return { referential: { id: referential.id, version: referential.version }, root: rootScore, nodes };
}

/**
 * Engine of the `points` model (Label NR working grid, DOMAIN.md "Referentials to support").
 * Per critère (leaf): fait → pointFait = potentiel; programmé → pointProgramme; pas fait → pointPasFait;
 * détaillé → split by the triplet (exact to 0.001 point, parts summing to the potentiel); non renseigné →
 * pointNonRenseigne; non concerné (`concerne: false`) → pointPotentiel 0: the critère leaves the total and
 * nothing is redistributed (our assumption, to be confirmed with the official grid). Thèmes and root sum.
 * Root `score` = pointFait / pointPotentiel, a fraction 0..1 of the potentiel (null when the potentiel is 0);
 * × 1 000 it gives the "points sur 1 000" the Label NR uses when nothing is non concerné. `niveau` = the highest
 * niveau of the referential with seuil ≤ score (seuils live in the referential file). `completude` = critères
 * with a statut (non concerné counts) ÷ critères. Statuts on non-leaf nodes and unknown ids are ignored.
 */
export const pointsEngine: ScoringEngine = {
  model: 'points',
  compute(referential, statuts, personnalisation = {}) {
    return computeLeafSum(
      referential,
      statuts,
      personnalisation,
      scoreLeafBy({ fait: 'fait', pasFait: 'pas_fait', nonConcerne: 'non_concerne' }),
      (m) => (m.potentiel > 0 ? m.fait / m.potentiel : null),
    );
  },
};
