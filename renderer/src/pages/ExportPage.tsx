/**
 * Export: builds the audit pack of a referential through the `pack.exportProgress` subscription (a progress bar
 * with files, bytes and the estimated time left, and a Cancel button that unsubscribes: the core stops and removes
 * the partial file; leaving the screen cancels too), optionally refusing an incomplete pack, shows the file (its full path in Electron, only its
 * name in browser mode, where the server's folder means nothing), its entries and size, offers the download in
 * browser mode (`/exports/<fileName>`, served by electron/web.ts) and checks it
 * (`pack.verify`: hashes, manifest, names). Confidentiel preuves stay out of the pack (listed as retenues in
 * `_manifeste/fichiers-manquants.txt`) unless « Inclure les preuves confidentielles » is ticked.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { InlineError } from '../components/QueryState';
import { percentDone, progressText, type ExportProgressView } from '../lib/export-progress';
import { formatBytes, formatCount } from '../lib/format';
import { navigate } from '../router';
import { isBrowserMode, useTRPC, useTRPCClient, type RouterOutputs } from '../trpc/client';

type PackExport = RouterOutputs['pack']['export'];

/** The export under way or its outcome. `cancelled`: the user stopped it (nothing left on disk). */
type ExportState =
  | { kind: 'idle' }
  | { kind: 'running'; progress: ExportProgressView | null }
  | { kind: 'done'; result: PackExport }
  | { kind: 'failed'; error: unknown }
  | { kind: 'cancelled' };

/** Runs `pack.exportProgress`: start(input) / cancel(); unsubscribes when the screen is left. */
function useExport() {
  const client = useTRPCClient();
  const [state, setState] = useState<ExportState>({ kind: 'idle' });
  const sub = useRef<{ unsubscribe(): void } | null>(null);
  const stop = useCallback(() => {
    sub.current?.unsubscribe();
    sub.current = null;
  }, []);
  useEffect(() => stop, [stop]);
  const start = useCallback(
    (input: { referentialId: string; complete: boolean; includeConfidentiel: boolean }) => {
      stop();
      setState({ kind: 'running', progress: null });
      const s = client.pack.exportProgress.subscribe(input, {
        onData: (event) => {
          if (event.type === 'progress') setState({ kind: 'running', progress: event });
          else {
            setState({ kind: 'done', result: event.result });
            stop();
          }
        },
        onError: (error) => {
          sub.current = null;
          setState({ kind: 'failed', error });
        },
      });
      sub.current = s;
    },
    [client, stop],
  );
  const cancel = useCallback(() => {
    stop();
    setState({ kind: 'cancelled' });
  }, [stop]);
  const reset = useCallback(() => {
    stop();
    setState({ kind: 'idle' });
  }, [stop]);
  return { state, start, cancel, reset };
}

export function ExportPage(props: { referentialId: string | null }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.referentials.list.queryOptions());
  const referentialId = props.referentialId ?? list.data?.[0]?.id ?? null;
  const exportPack = useExport();
  const verify = useMutation(trpc.pack.verify.mutationOptions());
  const [includeConfidentiel, setIncludeConfidentiel] = useState(false);
  const [complete, setComplete] = useState(false);

  // A new referential or a new pack invalidates the previous results on screen.
  const [shownFor, setShownFor] = useState(referentialId);
  useEffect(() => {
    if (shownFor === referentialId) return;
    setShownFor(referentialId);
    exportPack.reset();
    verify.reset();
  }, [referentialId, shownFor, exportPack, verify]);

  const state = exportPack.state;
  const running = state.kind === 'running';
  const result = state.kind === 'done' ? state.result : undefined;
  const browser = isBrowserMode();
  return (
    <div className="page">
      <h1>Export du pack d'audit</h1>
      <p className="muted">
        Le pack (zip) contient le rapport PDF, la grille XLSX et CSV, audit.json, les preuves rangées par critère, le manifeste et
        les empreintes SHA-256.
      </p>
      <div className="toolbar">
        <label className="field-inline">
          <span>Référentiel</span>
          <select
            data-testid="export-referential-select"
            value={referentialId ?? ''}
            onChange={(e) => navigate({ page: 'export', referentialId: e.target.value })}
          >
            {(list.data ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {r.nom} ({r.version})
              </option>
            ))}
          </select>
        </label>
        <label className="check" title="Sinon, elles sont listées comme retenues dans _manifeste/fichiers-manquants.txt">
          <input type="checkbox" data-testid="export-include-confidentiel" checked={includeConfidentiel} disabled={running} onChange={(e) => setIncludeConfidentiel(e.target.checked)} />
          Inclure les preuves confidentielles
        </label>
        <label className="check">
          <input type="checkbox" data-testid="export-complete" checked={complete} disabled={running} onChange={(e) => setComplete(e.target.checked)} />
          Exiger un pack complet (refuser s'il manque un fichier de preuve)
        </label>
        <button
          type="button"
          data-testid="export-button"
          disabled={referentialId === null || running}
          onClick={() => {
            verify.reset();
            if (referentialId) exportPack.start({ referentialId, complete, includeConfidentiel });
          }}
        >
          {running ? 'Export en cours…' : "Exporter le pack d'audit"}
        </button>
      </div>
      {state.kind === 'running' && (
        <section className="card" data-testid="export-progress" aria-label="Avancement de l'export">
          <progress
            className="export-progressbar"
            data-testid="export-progressbar"
            aria-label="Avancement de l'export"
            aria-valuetext={state.progress ? `${percentDone(state.progress)} % — ${progressText(state.progress)}` : 'Préparation du rapport et de la grille'}
            max={100}
            {...(state.progress ? { value: percentDone(state.progress) } : {})}
          />
          <p data-testid="export-progress-text">
            {state.progress ? `${percentDone(state.progress)} % — ${progressText(state.progress)}` : 'Préparation du rapport, de la grille et du manifeste…'}
          </p>
          <button type="button" className="secondary" data-testid="export-cancel" onClick={exportPack.cancel}>
            Annuler l'export
          </button>
        </section>
      )}
      {/* One polite live region for the outcome (the bar itself is not announced at every step). */}
      <p role="status" aria-live="polite" data-testid="export-status" className={state.kind === 'cancelled' ? '' : 'visually-hidden'}>
        {state.kind === 'running'
          ? 'Export en cours.'
          : state.kind === 'cancelled'
            ? "Export annulé : aucun fichier n'a été laissé dans le dossier des exports."
            : state.kind === 'done'
              ? 'Pack créé.'
              : ''}
      </p>
      <InlineError error={state.kind === 'failed' ? state.error : null} testId="export-error" />

      {result && (
        <section className="card" data-testid="export-result">
          <h2>Pack créé</h2>
          <dl className="facts">
            <dt>Fichier</dt>
            {/* The server's folder means nothing in a browser (it may even be another machine's /tmp): the name and the download link. */}
            <dd data-testid="export-path" className="path">
              {browser ? result.fileName : result.path}
            </dd>
            <dt>Entrées</dt>
            <dd data-testid="export-entries" data-value={result.entries}>
              {formatCount(result.entries)}
            </dd>
            <dt>Taille</dt>
            <dd data-testid="export-size" data-value={result.bytes}>
              {formatBytes(result.bytes)}
            </dd>
          </dl>
          {result.missing > 0 && (
            <p className="error" data-testid="export-incomplete">
              Pack incomplet : {formatCount(result.missing)} fichier{result.missing > 1 ? 's' : ''} de preuve manquant{result.missing > 1 ? 's' : ''} ou
              modifié{result.missing > 1 ? 's' : ''}, listé{result.missing > 1 ? 's' : ''} dans _manifeste/fichiers-manquants.txt.
            </p>
          )}
          <div className="row">
            {browser && (
              <a className="button" data-testid="export-download" href={`/exports/${encodeURIComponent(result.fileName)}`} download={result.fileName}>
                Télécharger le pack (zip)
              </a>
            )}
            <button type="button" className="secondary" data-testid="verify-button" disabled={verify.isPending} onClick={() => verify.mutate({ path: result.path })}>
              {verify.isPending ? 'Vérification…' : 'Vérifier le pack'}
            </button>
          </div>
          <InlineError error={verify.error} testId="verify-error" />
          {verify.data && (
            <div data-testid="verify-result" data-ok={verify.data.ok} role="status">
              {verify.data.ok ? (
                <p className="ok">Pack vérifié : {formatCount(verify.data.entries)} entrées, toutes les empreintes concordent.</p>
              ) : (
                <>
                  <p className="error">
                    Le pack présente {formatCount(verify.data.problems.length)} problème{verify.data.problems.length > 1 ? 's' : ''} :
                  </p>
                  <ul>
                    {verify.data.problems.map((p) => (
                      <li key={p}>{p}</li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          )}
        </section>
      )}
    </div>
  );
}
