/**
 * Export: builds the audit pack of a referential through the `pack.exportProgress` subscription (a progress bar
 * with files, bytes and the estimated time left, and a Cancel button that unsubscribes: the core stops and removes
 * the partial file; leaving the screen cancels too), optionally refusing an incomplete pack, shows the file (its full path in Electron, only its
 * name in browser mode, where the server's folder means nothing), its entries and size, offers the download in
 * browser mode (`/exports/<fileName>`, served by electron/web.ts) and checks it
 * (`pack.verify`: hashes, manifest, names). Confidentiel preuves stay out of the pack (listed as retenues in
 * `_manifeste/fichiers-manquants.txt`) unless « Inclure les preuves confidentielles » is ticked. An invited auditeur
 * gets a download link instead (`/paquet/<referentialId>`, built without the confidentiel preuves).
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { InlineError } from '../components/QueryState';
import { percentDone, progressText, type ExportProgressView } from '../lib/export-progress';
import { plural, useT } from '../i18n';
import { formatBytes, formatCount } from '../lib/format';
import { navigate } from '../router';
import { isBrowserMode, useTRPC, useTRPCClient, type RouterOutputs } from '../trpc/client';
import { ReferentialSelect } from '../components/ReferentialSelect';
import { useDroits } from '../lib/droits';

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
    (input: { referentialId: string; complete: boolean; includeConfidentiel: boolean; lang: 'fr' | 'en' }) => {
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
  const { t, lang } = useT();
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
  const droits = useDroits();
  const referentialSelect = (
    <ReferentialSelect
      label={t('nav.referentiel')}
      testId="export-referential-select"
      value={referentialId}
      referentials={list.data ?? []}
      onSelect={(id) => navigate({ page: 'export', referentialId: id })}
    />
  );
  if (!droits.peut('pack.exportProgress', { type: 'subscription' })) {
    // An invited auditeur: the pack is built by the sharing listener at the download, without the confidentiel
    // preuves (electron/core/partage/telechargements.ts); nothing to tick, nothing to verify here.
    return (
      <div className="page">
        <h1>{t('export.title')}</h1>
        <p className="muted">{t('export.introInvite')}</p>
        <div className="toolbar">
          {referentialSelect}
          {droits.peutPaquet && referentialId !== null && (
            <a className="button" data-testid="export-paquet" href={`/paquet/${encodeURIComponent(referentialId)}?lang=${lang}`} download>
              {t('export.downloadInvite')}
            </a>
          )}
        </div>
        <p className="muted small">{t('export.inviteHint')}</p>
      </div>
    );
  }
  return (
    <div className="page">
      <h1>{t('export.title')}</h1>
      <p className="muted">{t('export.intro')}</p>
      <div className="toolbar">
        {referentialSelect}
        <label className="check" title={t('export.confidentielHint')}>
          <input type="checkbox" data-testid="export-include-confidentiel" checked={includeConfidentiel} disabled={running} onChange={(e) => setIncludeConfidentiel(e.target.checked)} />
          {t('export.includeConfidentiel')}
        </label>
        <label className="check">
          <input type="checkbox" data-testid="export-complete" checked={complete} disabled={running} onChange={(e) => setComplete(e.target.checked)} />
          {t('export.requireComplete')}
        </label>
        <button
          type="button"
          data-testid="export-button"
          disabled={referentialId === null || running}
          onClick={() => {
            verify.reset();
            // The report and the grid's titles in the interface's language (issue 8 item 2).
            if (referentialId) exportPack.start({ referentialId, complete, includeConfidentiel, lang });
          }}
        >
          {running ? t('export.running') : t('export.button')}
        </button>
      </div>
      {state.kind === 'running' && (
        <section className="card" data-testid="export-progress" aria-label={t('export.progress')}>
          <progress
            className="export-progressbar"
            data-testid="export-progressbar"
            aria-label={t('export.progress')}
            aria-valuetext={state.progress ? `${percentDone(state.progress)} % — ${progressText(state.progress)}` : t('export.preparingShort')}
            max={100}
            {...(state.progress ? { value: percentDone(state.progress) } : {})}
          />
          <p data-testid="export-progress-text">
            {state.progress ? `${percentDone(state.progress)} % — ${progressText(state.progress)}` : t('export.preparing')}
          </p>
          <button type="button" className="secondary" data-testid="export-cancel" onClick={exportPack.cancel}>
            {t('export.cancel')}
          </button>
        </section>
      )}
      {/* One polite live region for the outcome (the bar itself is not announced at every step). */}
      <p role="status" aria-live="polite" data-testid="export-status" className={state.kind === 'cancelled' ? '' : 'visually-hidden'}>
        {state.kind === 'running' ? t('export.statusRunning') : state.kind === 'cancelled' ? t('export.cancelled') : state.kind === 'done' ? t('export.statusDone') : ''}
      </p>
      <InlineError error={state.kind === 'failed' ? state.error : null} testId="export-error" />

      {result && (
        <section className="card" data-testid="export-result">
          <h2>{t('export.done')}</h2>
          <dl className="facts">
            <dt>{t('export.file')}</dt>
            {/* The server's folder means nothing in a browser (it may even be another machine's /tmp): the name and the download link. */}
            <dd data-testid="export-path" className="path">
              {browser ? result.fileName : result.path}
            </dd>
            <dt>{t('export.entries')}</dt>
            <dd data-testid="export-entries" data-value={result.entries}>
              {formatCount(result.entries)}
            </dd>
            <dt>{t('export.size')}</dt>
            <dd data-testid="export-size" data-value={result.bytes}>
              {formatBytes(result.bytes)}
            </dd>
          </dl>
          {result.missing > 0 && (
            <p className="error" data-testid="export-incomplete">
              {t(`export.incomplete_${plural(result.missing)}`, { n: formatCount(result.missing) })}
            </p>
          )}
          <div className="row">
            {browser && (
              <a className="button" data-testid="export-download" href={`/exports/${encodeURIComponent(result.fileName)}`} download={result.fileName}>
                {t('export.download')}
              </a>
            )}
            <button type="button" className="secondary" data-testid="verify-button" disabled={verify.isPending} onClick={() => verify.mutate({ path: result.path })}>
              {verify.isPending ? t('export.verifying') : t('export.verify')}
            </button>
          </div>
          <InlineError error={verify.error} testId="verify-error" />
          {verify.data && (
            <div data-testid="verify-result" data-ok={verify.data.ok} role="status">
              {verify.data.ok ? (
                <p className="ok">{t('export.verified', { n: formatCount(verify.data.entries) })}</p>
              ) : (
                <>
                  <p className="error">
                    {t(`export.problems_${plural(verify.data.problems.length)}`, { n: formatCount(verify.data.problems.length) })}
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
