/**
 * Picks the scoring engine of a referential's model (ARCHITECTURE.md: "one engine per scoring model").
 * tete: tete-referentials.md §2; points: Label NR (DOMAIN.md, total out of 1 000); weighted: RGESN (DOMAIN.md);
 * rate: RGAA 4.1.2 (conformes ÷ applicables); progress: good-practice guide NR (fait ÷ renseignées applicables).
 */
import type { ScoringModel } from '../domain';
import type { ScoringEngine } from './engine';
import { pointsEngine } from './points';
import { progressEngine } from './progress';
import { rateEngine } from './rate';
import { teteEngine } from './tete';
import { weightedEngine } from './weighted';

export type { Personnalisation, ScoringEngine } from './engine';
export { personnalisationOf } from './tete-personnalisation';

const ENGINES: Record<ScoringModel, ScoringEngine> = {
  tete: teteEngine,
  points: pointsEngine,
  weighted: weightedEngine,
  rate: rateEngine,
  progress: progressEngine,
};

/** The engine for `model`. Throws Error for a model no engine implements (a programming error, not user input). */
export function engineFor(model: ScoringModel): ScoringEngine {
  const engine = ENGINES[model];
  if (!engine) throw new Error(`Aucun moteur de calcul pour le modèle « ${String(model)} ».`);
  return engine;
}
