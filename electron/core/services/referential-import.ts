/**
 * The référentiel import as named steps with progress, cancellable until its store begins (issue 8 item 4):
 * « Lecture des fichiers » (lines of the CSVs read), « Vérification du référentiel » (tree, points, formulas, what
 * a re-import would remove), « Sauvegarde avant import » (pages copied), « Enregistrement » (one transaction),
 * « Calcul du score ». `core.referentials.importAsync` (CLI, tests) runs the same steps without listening.
 *
 * Cancel: the signal is checked at every turn the steps yield to the event loop (between steps, between chunks
 * of a large CSV, between pages of the backup); once the store is announced (`cancellable: false`) nothing aborts
 * it: the single transaction is written whole, then the score computed.
 */
import { setTimeout as sleep, setImmediate as nextTurn } from 'node:timers/promises';
import { UserError } from '../../../shared/errors';
import type { Backups } from '../backup';
import { jobEvents } from '../job-events';
import { importReferentialFilesAsync, type ImportInput, type ImportOptions } from '../referential';
import { prepareImportFiles } from '../referential/prepare';
import { runAsActor } from './actor';
import type { ServiceContext } from './context';
import type { ImportStaging } from './import-staging';
import { checkStore, storeReferential, type ImportResult } from './referentials';
import { computeScore } from './statuts';

/** The steps, in order. */
export const IMPORT_STEPS = ['lecture', 'verification', 'sauvegarde', 'enregistrement', 'score'] as const;
export type ImportStep = (typeof IMPORT_STEPS)[number];

/**
 * One progress report. `done` of `total` in the step's unit: `lecture` characters of the CSV text parsed (0 of 0
 * when no CSV needs parsing), with `lines` the CSV lines read; `verification` 0 then 1 of 1; `sauvegarde` database
 * pages copied (0 of 0 without backup: in-memory database); `enregistrement` and `score` 0 then 1 of 1.
 * `nodes`: the node count without the root, from the end of `verification` on (null before). `cancellable`: false
 * from `enregistrement` on.
 */
export interface ImportProgress {
  step: ImportStep;
  done: number;
  total: number;
  lines: number | null;
  nodes: number | null;
  cancellable: boolean;
}

/** One event of the `referentials.importEvents` subscription: progress, then the import's result. */
export type ImportEvent = ({ type: 'progress' } & ImportProgress) | { type: 'done'; result: ImportResult };

/** Options of `runImport`. */
export interface ImportRunOptions extends ImportOptions {
  /** Aborting it before the store began stops the import: nothing is written, its reason is thrown. */
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  /**
   * Tests only (e2e, through `CoreOptions.importPhaseDelayMs`): a pause in ms at the start of each step, so that a
   * browser test sees the bar and can press « Annuler » at a known step. 0 (default) in every entry of the app.
   */
  phaseDelayMs?: number;
}

/** The error of a cancelled import: UserError IMPORT_CANCELLED « Import annulé : rien n'a été modifié. ». */
export function importCancelled(): UserError {
  return new UserError('IMPORT_CANCELLED', { fr: "Import annulé : rien n'a été modifié.", en: 'Import cancelled: nothing was changed.' });
}

/**
 * Imports `inputs` (paths, decoded files or bytes; every format of the dispatcher) in the steps of the file
 * docstring, then stores the referential and computes its score; returns what `storeReferential` returns.
 * Throws, with nothing written: the signal's reason when cancelled before `enregistrement`; the importers' errors
 * (REFERENTIAL_INVALID naming file, row, cell…), `checkStore`'s refusals, the backup's FILE_UNREADABLE.
 */
export async function runImport(ctx: ServiceContext, backups: Pick<Backups, 'beforeImport'>, inputs: readonly ImportInput[], opts: ImportRunOptions = {}): Promise<ImportResult> {
  const { signal, phaseDelayMs = 0 } = opts;
  const report = opts.onProgress ?? (() => {});
  const checkpoint = async () => {
    if (phaseDelayMs > 0) await sleep(phaseDelayMs, undefined, { signal }).catch(() => undefined);
    await nextTurn();
    if (signal?.aborted) throw signal.reason;
  };
  const step = (s: ImportStep, done: number, total: number, more: { lines?: number | null; nodes?: number | null } = {}) =>
    report({ step: s, done, total, lines: more.lines ?? null, nodes: more.nodes ?? null, cancellable: s !== 'enregistrement' && s !== 'score' });

  await checkpoint();
  const files = await prepareImportFiles(inputs, {
    format: opts.format,
    signal,
    onProgress: (p) => step('lecture', p.chars, p.totalChars, { lines: p.lines }),
  });
  await checkpoint();
  step('verification', 0, 1);
  const ref = await importReferentialFilesAsync(files, { format: opts.format, id: opts.id });
  checkStore(ctx, ref);
  const nodes = ref.nodes.length - 1;
  step('verification', 1, 1, { nodes });
  await checkpoint();
  step('sauvegarde', 0, 0, { nodes });
  await backups.beforeImport({ signal, onProgress: (p) => step('sauvegarde', p.pages, p.totalPages, { nodes }) });
  await checkpoint();
  // From here on nothing aborts: the store is one transaction, written whole.
  step('enregistrement', 0, 1, { nodes });
  if (phaseDelayMs > 0) await sleep(phaseDelayMs);
  // The store and the score are synchronous: without these turns their announce would reach the client only after
  // them, leaving « Annuler » enabled on the backup step while nothing can be cancelled any more.
  await deliverEvents();
  const result = storeReferential(ctx, ref);
  step('enregistrement', 1, 1, { nodes });
  step('score', 0, 1, { nodes });
  await deliverEvents();
  computeScore(ctx, ref.id);
  step('score', 1, 1, { nodes });
  return result;
}

/**
 * Lets the events just reported reach their consumers before a synchronous step blocks the event loop: the
 * microtasks that hand a queued event to the subscription's loop, then two turns (setImmediate) for its transport
 * (IPC message, socket write) to send it.
 */
async function deliverEvents(): Promise<void> {
  await nextTurn();
  await nextTurn();
}

/** Progress events within a step are sent at most every 100 ms; a new step and a step's end always are. */
const EVENT_INTERVAL_MS = 100;

/**
 * The import of the staged files `stagingId` (import-staging.ts) as events for the `referentials.importEvents`
 * subscription: `progress` then `done`. Aborting `signal` (the client unsubscribed) before the store cancels it
 * with UserError IMPORT_CANCELLED and nothing written; after, the import completes. The outcome is recorded in the
 * staging (`importOutcome`); the history records the import under the name given at `stage`. Throws UserError NOT_FOUND / INPUT_INVALID (unknown, expired or used staging id), then
 * what `runImport` throws.
 */
export async function* importStagedEvents(
  ctx: ServiceContext,
  deps: { staging: ImportStaging; backups: Pick<Backups, 'beforeImport'>; phaseDelayMs?: number },
  stagingId: string,
  signal?: AbortSignal,
): AsyncGenerator<ImportEvent, void, undefined> {
  const staged = deps.staging.take(stagingId);
  let last: { step: ImportStep; at: number } | null = null;
  yield* jobEvents(
    async (jobSignal, onProgress: (p: ImportProgress) => void) => {
      const run = () => runImport(ctx, deps.backups, staged.files, { ...staged.opts, signal: jobSignal, onProgress, phaseDelayMs: deps.phaseDelayMs });
      try {
        // The history names who staged the files (a remote référent's name), not whoever iterates the events.
        const result = await (staged.author === null ? run() : runAsActor(staged.author, run));
        deps.staging.settle(stagingId, { state: 'done', result });
        return result;
      } catch (e) {
        deps.staging.settle(stagingId, jobSignal.aborted ? { state: 'cancelled' } : { state: 'failed', message: e instanceof Error ? e.message : String(e) });
        throw e;
      }
    },
    {
      signal,
      cancelReason: importCancelled,
      progress: (p): ImportEvent | null => {
        const t = performance.now();
        if (last !== null && last.step === p.step && p.done < p.total && t - last.at < EVENT_INTERVAL_MS) return null;
        last = { step: p.step, at: t };
        return { type: 'progress', ...p };
      },
      done: (result): ImportEvent => ({ type: 'done', result }),
    },
  );
}
