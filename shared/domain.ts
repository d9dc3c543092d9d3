/**
 * Domain model shared by the core and the renderer: referentials, their nodes, statuts and scores.
 * Vocabulary: ../shared/docs/DOMAIN.md; TETE specifics: ../shared/docs/tete-referentials.md §1–§2.
 * Pure types and tiny pure helpers only (no Node, no DOM).
 */

/**
 * Scoring model of a referential (DOMAIN.md, "Referentials to support"): `tete` (CAE, ECi, TE), `points` (Label NR
 * grid), `weighted` (RGESN), `rate` (RGAA: conformes ÷ applicables), `progress` (good-practice guide: fait ÷
 * (fait + programmé + pas fait)).
 */
export type ScoringModel = 'tete' | 'points' | 'weighted' | 'rate' | 'progress';

/** Every scoring model, in the order of ScoringModel (the `referential.model` column accepts exactly these). */
export const SCORING_MODELS: readonly ScoringModel[] = ['tete', 'points', 'weighted', 'rate', 'progress'] as const;

/** Referential ids the app knows by name; imported referentials may use any `[a-z][a-z0-9-]*` id. */
export type KnownReferentialId = 'cae' | 'eci' | 'te' | 'label-nr' | 'rgesn' | 'rgaa' | 'gbp-nr';

/**
 * A level (niveau or étoile) a score can reach.
 * `seuil` is a fraction 0..1 of the model's headline base (shared/scoring/ratios.ts `ratioBase`): the potentiel for
 * tete and points, the critères évalués for rate (RGAA: « Non conforme » 0, « Partiellement conforme » 0.5,
 * « Totalement conforme » 1, compared with conformes ÷ applicables). TETE étoiles compare pointFait / pointPotentiel
 * (tete-referentials.md §3); the Label NR niveaux (300 and 500 points out of 1 000 = 0.3 and 0.5) are compared the
 * same way, so a non-concerné critère scales the score instead of counting against the authority (an assumption to
 * confirm against the official grid; with everything concerné, both readings agree).
 */
export interface Niveau {
  /** 1-based rank: étoiles 1..5 for TETE, niveau 1..2 for Label NR. */
  rang: number;
  /** Label shown to the user, e.g. "2 étoiles", "Niveau 1". */
  nom: string;
  /** Threshold, fraction 0..1 (inclusive: reached when score >= seuil). */
  seuil: number;
}

/** An expected preuve ("preuve attendue") of the referential catalogue, linked to nodes. */
export interface PreuveAttendue {
  /** Catalogue id, e.g. `rapport_diag_pcaet`. */
  id: string;
  nom: string;
  description: string | null;
  /** Node ids it is expected on (TETE: always sous-actions). */
  nodeIds: string[];
}

/**
 * One node of a referential tree. The root has `identifiant = ''`, `parentId = null`, `depth = 0`
 * and `id` equal to the referential id (`cae`).
 */
export interface ReferentialNode {
  /** `<referentialId>_<identifiant>`, e.g. `cae_1.1.1.2`; the root's id is the referential id. */
  id: string;
  parentId: string | null;
  /** Dotted path, e.g. `1.1.1.2` (TE may contain letters: `1.1.6.3.a`, `1.1.1alter`). */
  identifiant: string;
  /** Number of segments of `identifiant` (root: 0). */
  depth: number;
  /** Level name from the referential's `hierarchie` (`axe`, `sous-axe`, `action`, `sous-action`, `tache`, `theme`, `critere`, `thematique`…). */
  type: string;
  nom: string;
  description: string | null;
  contexte: string | null;
  exemples: string | null;
  ressources: string | null;
  perimetreEvaluation: string | null;
  reductionPotentiel: string | null;
  /** TETE phase: `bases` / `mise en œuvre` / `effets`, or null. */
  categorie: string | null;
  /** Points as written in the source file (null when absent). */
  points: number | null;
  /** Share of the parent's points in % as written in the source file (null when absent). */
  pourcentage: number | null;
  /**
   * Structural points computed at import (tete-referentials.md §1.4), 3 decimals.
   * For the weighted model (RGESN) a critère's pointReferentiel is its weight (1, 1.25, 1.5); for the rate (RGAA)
   * and progress (good-practice guide) models every critère / pratique counts 1, so a parent's is its leaf count.
   */
  pointReferentiel: number;
  /** Position among siblings, natural order of `identifiant` (0-based). */
  ordre: number;
  /** Free key/value facts kept from the source (priorité, difficulté, coremeasure, cross-references…). */
  meta: Record<string, string>;
}

/** The optional texts and source figures of a node, all empty: importers spread it, then set what their file has. */
export type NodeTexts = Omit<ReferentialNode, 'id' | 'parentId' | 'identifiant' | 'depth' | 'type' | 'nom' | 'pointReferentiel' | 'ordre'>;

/** A fresh `NodeTexts` with every text null, no points, no pourcentage and an empty `meta`. */
export function emptyNodeTexts(): NodeTexts {
  return {
    description: null,
    contexte: null,
    exemples: null,
    ressources: null,
    perimetreEvaluation: null,
    reductionPotentiel: null,
    categorie: null,
    points: null,
    pourcentage: null,
    meta: {},
  };
}

/** A whole referential, as imported (root first, then nodes in natural depth-first order). */
export interface Referential {
  id: string;
  /** Version label of the source (e.g. `2026-04-01`, `2024`, `grille-travail-1.0`). */
  version: string;
  nom: string;
  model: ScoringModel;
  /** Level names by depth: index 0 is the root (`referentiel`). */
  hierarchie: string[];
  /** Depth of the "mesure" level (TETE `action`): CAE 3, ECi 2; pilotes and redistribution are bounded by it. */
  actionLevel: number;
  /** Whether non-concerné points are redistributed inside a mesure (TETE CAE/ECi: true; TE: false). */
  redistribution: boolean;
  /** Levels the score can reach, ascending `seuil`. Empty when the referential has none (RGESN). */
  niveaux: Niveau[];
  /** Human notice shown with the referential (e.g. "Grille de travail, non officielle"). */
  avertissement: string | null;
  nodes: ReferentialNode[];
  preuvesAttendues: PreuveAttendue[];
}

/**
 * Statut a user may enter (tete-referentials.md §2.1; DOMAIN.md "statut").
 * `detaille` takes a split `[fait, programme, pasFait]`; RGESN/RGAA use conforme / non_conforme / non_applicable
 * (non évalué is `non_renseigne`); the good-practice guide uses fait / programme / pas_fait / non_concerne /
 * non_renseigne.
 */
export type Statut =
  | 'fait'
  | 'programme'
  | 'pas_fait'
  | 'non_renseigne'
  | 'detaille'
  | 'non_concerne'
  | 'conforme'
  | 'non_conforme'
  | 'non_applicable';

export const STATUTS: readonly Statut[] = [
  'fait',
  'programme',
  'pas_fait',
  'non_renseigne',
  'detaille',
  'non_concerne',
  'conforme',
  'non_conforme',
  'non_applicable',
] as const;

/** Stored avancement (tete-referentials.md §2.1 "stored avancement"). */
export type Avancement = 'fait' | 'programme' | 'pas_fait' | 'non_renseigne' | 'detaille';

/** A `[fait, programme, pasFait]` split of fractions 0..1 summing to 1. */
export type Detail = [number, number, number];

/**
 * The stored statut of one node, as the engines read it (tete-referentials.md §2.1 `action_statut`).
 * `concerne = false` is "non concerné". RGESN and RGAA: conforme ↔ fait, non_conforme ↔ pas_fait,
 * non_applicable ↔ concerne false, non évalué ↔ non_renseigne.
 */
export interface StatutRecord {
  nodeId: string;
  avancement: Avancement;
  /** Only for `detaille`; null otherwise. */
  detail: Detail | null;
  concerne: boolean;
}

/** Display statut computed for sous-actions and tâches (tete-referentials.md §2.1 "Display statut"). */
export type DisplayStatut = Statut | 'detaille_a_la_tache' | 'non_renseignable';

/** Score of one node. Every point field is in points, rounded to 3 decimals. */
export interface NodeScore {
  pointReferentiel: number;
  pointPotentiel: number;
  /** Set only on a node carrying a reduction factor (personnalisation, later issue). */
  pointPotentielPerso: number | null;
  pointFait: number;
  pointProgramme: number;
  pointPasFait: number;
  pointNonRenseigne: number;
  /** Scoring leaves under the node (1 for a leaf). */
  totalTachesCount: number;
  /** Leaves with a statut (non concerné counts as completed). */
  completedTachesCount: number;
  faitTachesAvancement: number;
  programmeTachesAvancement: number;
  pasFaitTachesAvancement: number;
  pasConcerneTachesAvancement: number;
  concerne: boolean;
  desactive: boolean;
  renseigne: boolean;
  /** Display statut for nodes where a statut can be entered, else null. */
  statut: DisplayStatut | null;
}

/** A NodeScore with every point and count at 0, concerné, not désactivé, not renseigné, no statut. */
export function emptyNodeScore(pointReferentiel = 0): NodeScore {
  return {
    pointReferentiel,
    pointPotentiel: 0,
    pointPotentielPerso: null,
    pointFait: 0,
    pointProgramme: 0,
    pointPasFait: 0,
    pointNonRenseigne: 0,
    totalTachesCount: 0,
    completedTachesCount: 0,
    faitTachesAvancement: 0,
    programmeTachesAvancement: 0,
    pasFaitTachesAvancement: 0,
    pasConcerneTachesAvancement: 0,
    concerne: true,
    desactive: false,
    renseigne: false,
    statut: null,
  };
}

/** Root score: NodeScore plus the headline ratios. */
export interface RootScore extends NodeScore {
  /** Headline score, fraction 0..1 (TETE: pointFait / pointPotentiel; null when not computable, e.g. potentiel 0). */
  score: number | null;
  /** Completeness, fraction 0..1: completedTachesCount / totalTachesCount. */
  completude: number;
  /** The highest niveau reached (its `rang` and `nom`), or null. */
  niveau: Niveau | null;
}

/** The result of scoring one referential. */
export interface ScoreResult {
  referential: { id: string; version: string };
  root: RootScore;
  /** Every node but the root, by node id. */
  nodes: Record<string, NodeScore>;
}

/** Natural comparison of dotted identifiers: `1.10` after `1.9` (tete-referentials.md §1.2). */
export function compareIdentifiants(a: string, b: string): number {
  return identifiantCollator.compare(a, b);
}

// One collator for every comparison: building one per call (localeCompare with options) costs ~30x more.
const identifiantCollator = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });

/** Rounds to 3 decimals, half away from zero, with an epsilon (tete-referentials.md §2.3 step 7). */
export function round3(x: number): number {
  const sign = x < 0 ? -1 : 1;
  return (sign * Math.round(Math.abs(x) * 1000 + 1e-7)) / 1000;
}
