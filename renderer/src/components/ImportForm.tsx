/**
 * "Importer un référentiel" (API contract `referentials.import`): up to 4 files (TETE structure + preuves CSV,
 * RGESN JSON, RGAA JSON, the good-practice guide in JSON or CSV, or a grid in JSON, CSV or Excel .xlsx such as the official Label NR spreadsheet), an optional forced
 * format and id. Files travel as bytes (ArrayBuffer → base64): the server decodes text as UTF-8 and reads a
 * workbook as is. Re-importing an id keeps the statuts of nodes that still exist; the server refuses, naming them,
 * when statuts would be lost. Errors are the server's French messages (file, row, column). After a successful
 * import the form folds up and the result stays shown under it, above the tree.
 *
 * Progress and cancel (issue 8 item 4): the files are staged (`referentials.stageImport`), then the
 * `referentials.importEvents` subscription runs the import and reports its steps; the bar and « Annuler » follow.
 * Annuler unsubscribes, which stops the import until its store begins; once the core announces the store the button
 * is disabled (« Enregistrement… »): it runs to the end. After a cancel the screen asks the core how the import
 * ended (`referentials.importOutcome`): normally cancelled, nothing changed; completed if the store had just begun.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { fileToBase64 } from '../lib/files';
import { formatCount, formatPoints } from '../lib/format';
import { importCancellable, importPercent, importProgressText, type ImportProgressView } from '../lib/import-progress';
import { formatHash } from '../router';
import { useTRPC, useTRPCClient, type RouterInputs, type RouterOutputs } from '../trpc/client';
import { InlineError } from './QueryState';
import { tr } from '../i18n/tr';

type Format = NonNullable<RouterInputs['referentials']['import']['format']>;
type ImportInput = RouterInputs['referentials']['stageImport'];
type ImportResult = RouterOutputs['referentials']['import'];

/**
 * The import under way or its outcome: `sending` the files are being staged; `running` the subscription reports
 * (null before its first event); `cancelling` unsubscribed, waiting for the core's outcome; `done` (`late`: the
 * store had begun when the user cancelled); `cancelled` nothing changed.
 */
type ImportJob =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'running'; progress: ImportProgressView | null }
  | { kind: 'cancelling' }
  | { kind: 'done'; result: ImportResult; late: boolean }
  | { kind: 'failed'; error: unknown }
  | { kind: 'cancelled' };

/** How often the screen asks for the outcome of a cancelled import (ms), and for how long at most. */
const OUTCOME_POLL_MS = 150;
const OUTCOME_POLL_MAX_MS = 60_000;

/** Runs an import with progress: start(input) / cancel(); leaving the screen cancels too (unsubscribes). */
function useImportJob(onDone: (result: ImportResult) => void) {
  const client = useTRPCClient();
  const [job, setJob] = useState<ImportJob>({ kind: 'idle' });
  const sub = useRef<{ unsubscribe(): void } | null>(null);
  // The current run: a newer start or a cancel makes the callbacks of an older one do nothing.
  const run = useRef(0);
  const stagingId = useRef<string | null>(null);
  const done = useRef(onDone);
  done.current = onDone;
  const stop = useCallback(() => {
    sub.current?.unsubscribe();
    sub.current = null;
  }, []);
  useEffect(
    () => () => {
      run.current++;
      stop();
    },
    [stop],
  );
  const finish = useCallback((result: ImportResult, late: boolean) => {
    setJob({ kind: 'done', result, late });
    done.current(result);
  }, []);

  const start = useCallback(
    async (input: ImportInput) => {
      stop();
      const mine = ++run.current;
      stagingId.current = null;
      setJob({ kind: 'sending' });
      let ticket: { stagingId: string };
      try {
        ticket = await client.referentials.stageImport.mutate(input);
      } catch (error) {
        if (run.current === mine) setJob({ kind: 'failed', error });
        return;
      }
      // Cancelled while sending: the staged files are never run (they expire in the core).
      if (run.current !== mine) return;
      stagingId.current = ticket.stagingId;
      setJob({ kind: 'running', progress: null });
      sub.current = client.referentials.importEvents.subscribe(
        { stagingId: ticket.stagingId },
        {
          onData: (event) => {
            if (run.current !== mine) return;
            if (event.type === 'progress') setJob({ kind: 'running', progress: event });
            else {
              stop();
              finish(event.result, false);
            }
          },
          onError: (error) => {
            sub.current = null;
            if (run.current === mine) setJob({ kind: 'failed', error });
          },
        },
      );
    },
    [client, stop, finish],
  );

  const cancel = useCallback(async () => {
    const mine = ++run.current;
    stop();
    const id = stagingId.current;
    if (id === null) {
      setJob({ kind: 'cancelled' });
      return;
    }
    setJob({ kind: 'cancelling' });
    // The core settles the import once its current step yields; if the store had begun, it completed.
    const until = Date.now() + OUTCOME_POLL_MAX_MS;
    while (run.current === mine) {
      try {
        const outcome = await client.referentials.importOutcome.query({ stagingId: id });
        if (run.current !== mine) return;
        if (outcome.state === 'done') return finish(outcome.result, true);
        // `staged`: the subscription never reached the core; once unsubscribed it will not run the files.
        if (outcome.state === 'cancelled' || outcome.state === 'failed' || outcome.state === 'staged') return setJob({ kind: 'cancelled' });
      } catch (error) {
        if (run.current === mine) setJob({ kind: 'failed', error });
        return;
      }
      if (Date.now() > until) return setJob({ kind: 'cancelled' });
      await new Promise((r) => setTimeout(r, OUTCOME_POLL_MS));
    }
  }, [client, stop, finish]);

  const reset = useCallback(() => {
    run.current++;
    stop();
    setJob({ kind: 'idle' });
  }, [stop]);
  return { job, start, cancel, reset };
}

/** The bar, its words and « Annuler » while an import runs (`sending`, `running`, `cancelling`). */
function ImportProgressBlock({ job, onCancel }: { job: ImportJob; onCancel: () => void }) {
  const progress = job.kind === 'running' ? job.progress : null;
  const text = progress ? importProgressText(progress) : job.kind === 'cancelling' ? tr('importProgress.cancelling') : tr('importProgress.sending');
  // From the end of the backup on, the store follows at once: « Annuler » could no longer stop it.
  const storing = progress !== null && !importCancellable(progress);
  return (
    <div className="import-progress" data-testid="import-progress" data-step={progress?.step ?? job.kind}>
      <progress
        data-testid="import-progressbar"
        max={100}
        aria-label={tr('importProgress.label')}
        aria-valuetext={progress ? `${importPercent(progress)} % — ${text}` : text}
        {...(progress ? { value: importPercent(progress) } : {})}
      />
      <span className="small" data-testid="import-progress-text">
        {text}
      </span>
      <button type="button" className="secondary" data-testid="import-cancel" disabled={storing || job.kind === 'cancelling'} onClick={onCancel}>
        {storing ? tr('importProgress.saving') : job.kind === 'cancelling' ? tr('importProgress.cancelling') : tr('importProgress.cancel')}
      </button>
      {storing && (
        <span className="muted small" data-testid="import-saving-hint">
          {tr('importProgress.savingHint')}
        </span>
      )}
    </div>
  );
}

/** The formats offered; `labelKey` names a translated label (i18n `import.*`), the others are proper names. */
const FORMATS: Array<{ value: Format | ''; label: string; labelKey?: string }> = [
  { value: '', label: 'Détection automatique', labelKey: 'import.auto' },
  { value: 'tete-csv', label: 'TETE (CSV structure + preuves)' },
  { value: 'rgesn-json', label: 'RGESN (JSON)' },
  { value: 'rgaa-json', label: 'RGAA 4.1.2 (JSON)' },
  { value: 'gbp-json', label: 'Guide de bonnes pratiques NR (JSON)', labelKey: 'import.gbpJson' },
  { value: 'gbp-csv', label: 'Guide de bonnes pratiques NR (CSV)', labelKey: 'import.gbpCsv' },
  { value: 'grid-json', label: 'Grille (JSON)', labelKey: 'import.gridJson' },
  { value: 'grid-csv', label: 'Grille (CSV)', labelKey: 'import.gridCsv' },
  { value: 'grid-xlsx', label: 'Grille (Excel .xlsx)', labelKey: 'import.gridXlsx' },
];

/** What the file picker offers: the formats above (CSV, JSON, Excel workbook). */
export const IMPORT_ACCEPT =
  '.csv,.json,.xlsx,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** At most 4 files per import (server limit). */
export const MAX_IMPORT_FILES = 4;

export function ImportForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [format, setFormat] = useState<Format | ''>('');
  const [refId, setRefId] = useState('');
  const [readError, setReadError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const importJob = useImportJob(() => {
    setOpen(false);
    setFiles([]);
    if (input.current) input.current.value = '';
    void queryClient.invalidateQueries(trpc.referentials.pathFilter());
    void queryClient.invalidateQueries(trpc.scores.pathFilter());
    void queryClient.invalidateQueries(trpc.statuts.pathFilter());
    void queryClient.invalidateQueries(trpc.nodes.pathFilter());
    void queryClient.invalidateQueries(trpc.history.pathFilter());
  });
  const { job } = importJob;
  const busy = job.kind === 'sending' || job.kind === 'running' || job.kind === 'cancelling';

  const submit = async () => {
    setReadError(null);
    if (files.length === 0) return;
    if (files.length > MAX_IMPORT_FILES) {
      setReadError(`Un import prend au plus ${MAX_IMPORT_FILES} fichiers (${files.length} choisis).`);
      return;
    }
    try {
      const payload = await Promise.all(files.map(async (f) => ({ name: f.name, contentBase64: await fileToBase64(f) })));
      void importJob.start({ files: payload, ...(format ? { format } : {}), ...(refId.trim() ? { id: refId.trim() } : {}) });
    } catch (e) {
      setReadError(tr('import.readError', { message: e instanceof Error ? e.message : String(e) }));
    }
  };

  const result = job.kind === 'done' ? job.result : null;
  return (
    <>
      <details className="import" data-testid="import-form" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>{tr('import.summary')}</summary>
        <p className="muted small">{tr('import.help')}</p>
        <div className="row">
          {/* The browser's own picker speaks the browser's language ("Choose Files"): a French button drives it. */}
          <input
            ref={input}
            id={`${id}-files`}
            type="file"
            multiple
            accept={IMPORT_ACCEPT}
            className="visually-hidden"
            tabIndex={-1}
            aria-label={tr('import.choose')}
            data-testid="import-files"
            onChange={(e) => {
              setFiles(Array.from(e.target.files ?? []));
              importJob.reset();
            }}
          />
          <button type="button" className="secondary" onClick={() => input.current?.click()}>
            {tr('import.choose')}
          </button>
          <span className="muted small" data-testid="import-chosen">
            {files.length === 0 ? tr('import.none') : files.map((f) => f.name).join(', ')}
          </span>
        </div>
        <div className="row">
          <label className="field-inline">
            <span>{tr('import.format')}</span>
            <select data-testid="import-format" value={format} onChange={(e) => setFormat(e.target.value as Format | '')}>
              {FORMATS.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.labelKey ? tr(f.labelKey) : f.label}
                </option>
              ))}
            </select>
          </label>
          <label className="field-inline">
            <span>{tr('import.id')}</span>
            <input data-testid="import-id" placeholder="label-nr-officiel" value={refId} onChange={(e) => setRefId(e.target.value)} />
          </label>
          <button type="button" data-testid="import-submit" disabled={files.length === 0 || busy} onClick={() => void submit()}>
            {busy ? tr('import.running') : tr('import.submit')}
          </button>
        </div>
        {readError && (
          <p className="error" role="alert" data-testid="import-error">
            {readError}
          </p>
        )}
        {busy && <ImportProgressBlock job={job} onCancel={() => void importJob.cancel()} />}
        {job.kind === 'cancelled' && (
          <p role="status" data-testid="import-cancelled">
            {tr('importProgress.cancelled')}
          </p>
        )}
        <InlineError error={job.kind === 'failed' ? job.error : null} testId="import-error" />
      </details>
      {result && (
        <p className="import-result ok" role="status" data-testid="import-result">
          {tr('import.result', { id: result.id, version: result.version, nodes: formatCount(result.nodes), points: formatPoints(result.points) })}{' '}
          <a href={formatHash({ page: 'referentiel', referentialId: result.id, nodeId: null })}>{tr('import.open')}</a>
          {job.kind === 'done' && job.late && (
            <>
              {' '}
              <span data-testid="import-cancel-late">{tr('importProgress.completedDespiteCancel')}</span>
            </>
          )}
        </p>
      )}
    </>
  );
}
