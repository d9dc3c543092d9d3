/**
 * The one interface every scoring engine implements (ARCHITECTURE.md: "one engine per scoring model").
 * The core picks the engine from `referential.model` with `engineFor`; the renderer may run the same engine
 * only for a "what if" preview.
 */
import type { Referential, ScoreResult, ScoringModel, StatutRecord } from '../domain';

/**
 * Personnalisation consequences per node id (tete-referentials.md §2.3 inputs). Empty until the
 * personnalisation issue lands; engines must accept it and apply what they support.
 */
export interface Personnalisation {
  [nodeId: string]: { desactive?: boolean; potentielPerso?: number; scoreFormule?: string };
}

export interface ScoringEngine {
  readonly model: ScoringModel;
  /**
   * Scores `referential` for the given statuts (a map by node id; absent = non renseigné).
   * Pure and deterministic; never throws on a node id it does not know (it is ignored).
   */
  compute(referential: Referential, statuts: ReadonlyMap<string, StatutRecord>, personnalisation?: Personnalisation): ScoreResult;
}
