/**
 * Words and figures of the référentiel import's progress (ImportForm, in the chosen language: i18n `importProgress.*`):
 * the bar's percentage and the line under it. The events come from the `referentials.importEvents` subscription
 * (electron/core/services/referential-import.ts `ImportProgress`).
 */
import { plural, tr } from '../i18n/tr';
import type { RouterOutputs } from '../trpc/client';
import { formatCount } from './format';

/** One progress event of `referentials.importEvents`. */
export type ImportProgressView = Extract<RouterOutputs['referentials']['importEvents'] extends AsyncIterable<infer E> ? E : never, { type: 'progress' }>;

/** The steps in order, as the core sends them. */
export const IMPORT_STEPS = ['lecture', 'verification', 'sauvegarde', 'enregistrement', 'score'] as const;

/**
 * Percentage done 0..100 (integer, floored): each of the 5 steps counts for a fifth, and within a step its `done`
 * of `total` (0 while a step has no measure: a file that needs no parsing, no backup). 100 only at the end of « score ».
 */
export function importPercent(p: Pick<ImportProgressView, 'step' | 'done' | 'total'>): number {
  const index = IMPORT_STEPS.indexOf(p.step);
  const within = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
  return Math.floor((100 * (Math.max(0, index) + within)) / IMPORT_STEPS.length);
}

/**
 * Whether « Annuler » can still stop the import at this event: false once the core announces the store
 * (`cancellable` false), and already when the backup step reaches 100 % (`done` = `total` > 0), since the store
 * follows it at once: a click then would only get « L'enregistrement avait déjà commencé… ».
 */
export function importCancellable(p: Pick<ImportProgressView, 'step' | 'done' | 'total' | 'cancellable'>): boolean {
  if (!p.cancellable) return false;
  const next = IMPORT_STEPS[IMPORT_STEPS.indexOf(p.step) + 1];
  return !(p.step === 'sauvegarde' && next === 'enregistrement' && p.total > 0 && p.done >= p.total);
}

/**
 * « Étape 1 sur 5 : Lecture des fichiers (812 lignes lues) », « Étape 2 sur 5 : Vérification du référentiel
 * (1 470 nœuds) », « Étape 3 sur 5 : Sauvegarde avant import (40 %) », « Étape 4 sur 5 : Enregistrement », « Étape
 * 5 sur 5 : Calcul du score ».
 */
export function importProgressText(p: ImportProgressView): string {
  let what: string;
  switch (p.step) {
    case 'lecture':
      what = p.lines ? tr(`importProgress.lectureLines_${plural(p.lines)}`, { n: formatCount(p.lines) }) : tr('importProgress.lecture');
      break;
    case 'verification':
    case 'enregistrement':
      what = p.nodes === null ? tr(`importProgress.${p.step}`) : tr(`importProgress.${p.step}Nodes_${plural(p.nodes)}`, { n: formatCount(p.nodes) });
      break;
    case 'sauvegarde':
      what = p.total > 0 ? tr('importProgress.sauvegardePercent', { n: Math.floor((100 * p.done) / p.total) }) : tr('importProgress.sauvegarde');
      break;
    case 'score':
      what = tr('importProgress.score');
      break;
  }
  return tr('importProgress.stepOf', { n: IMPORT_STEPS.indexOf(p.step) + 1, total: IMPORT_STEPS.length, what });
}
