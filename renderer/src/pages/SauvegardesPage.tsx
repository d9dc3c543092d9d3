/**
 * Sauvegardes (issue 7 item 2), reached from the dashboard: the backups of the workspace (date, kind, size), newest
 * first; « Sauvegarder maintenant » with a progress bar and « Annuler » (the `backups.createProgress` subscription:
 * unsubscribing stops the copy and leaves no file; leaving the screen cancels too); « Restaurer » on a row, confirmed inline, after which every screen reloads its
 * data from the restored database. The last automatic backup's failure, if any, is shown at the top.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { InlineConfirm } from '../components/InlineConfirm';
import { InlineError, QueryState } from '../components/QueryState';
import { backupKindLabel, restoreConfirmation, restoreReport } from '../lib/backups';
import { formatBytes, formatDateTime } from '../lib/format';
import { isBrowserMode, useTRPC, useTRPCClient } from '../trpc/client';
import { i18next, tr } from '../i18n/tr';

/** « Sauvegarder maintenant » as a subscription: pages copied, then the backup; cancel = unsubscribe. */
type BackupNow =
  | { kind: 'idle' }
  | { kind: 'running'; pages: number; totalPages: number }
  | { kind: 'failed'; error: unknown }
  | { kind: 'cancelled' };

function useBackupNow(onDone: (b: { at: string; size: number }) => void) {
  const client = useTRPCClient();
  const [state, setState] = useState<BackupNow>({ kind: 'idle' });
  const sub = useRef<{ unsubscribe(): void } | null>(null);
  const done = useRef(onDone);
  done.current = onDone;
  const stop = useCallback(() => {
    sub.current?.unsubscribe();
    sub.current = null;
  }, []);
  useEffect(() => stop, [stop]);
  const start = useCallback(() => {
    stop();
    setState({ kind: 'running', pages: 0, totalPages: 0 });
    sub.current = client.backups.createProgress.subscribe(undefined, {
      onData: (event) => {
        if (event.type === 'progress') setState({ kind: 'running', pages: event.pages, totalPages: event.totalPages });
        else {
          stop();
          setState({ kind: 'idle' });
          done.current(event.backup);
        }
      },
      onError: (error) => {
        sub.current = null;
        setState({ kind: 'failed', error });
      },
    });
  }, [client, stop]);
  const cancel = useCallback(() => {
    stop();
    setState({ kind: 'cancelled' });
  }, [stop]);
  const reset = useCallback(() => setState({ kind: 'idle' }), []);
  return { state, start, cancel, reset };
}

export function SauvegardesPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.backups.list.queryOptions());
  const [confirming, setConfirming] = useState<string | null>(null);
  const [report, setReport] = useState<string | null>(null);
  const create = useBackupNow((b) => {
    setReport(tr('backups.created', { date: formatDateTime(b.at), size: formatBytes(b.size) }));
    void queryClient.invalidateQueries(trpc.backups.pathFilter());
  });
  const running = create.state.kind === 'running';
  const restore = useMutation(
    trpc.backups.restore.mutationOptions({
      onSuccess: (r) => {
        setReport(restoreReport(r));
        // Every screen's data comes from the restored database now.
        void queryClient.invalidateQueries();
      },
    }),
  );
  const busy = running || restore.isPending;

  return (
    <div className="page">
      <h1>{tr('backups.title')}</h1>
      <p className="muted">{tr('backups.intro')}</p>
      <div className="toolbar">
        <button
          type="button"
          data-testid="backup-now"
          disabled={busy}
          onClick={() => {
            setReport(null);
            restore.reset();
            create.start();
          }}
        >
          {running ? tr('backups.running') : tr('backups.now')}
        </button>
        {list.data && !isBrowserMode() && (
          <span className="muted small">
            {tr('backups.folder')} <span className="path">{list.data.dir}</span>
          </span>
        )}
      </div>
      {create.state.kind === 'running' && (
        <div className="backup-progress" data-testid="backup-progress">
          <progress
            data-testid="backup-progressbar"
            max={100}
            aria-label={tr('backupProgress.label')}
            {...(create.state.totalPages > 0 ? { value: Math.floor((100 * create.state.pages) / create.state.totalPages) } : {})}
          />
          <span className="small" data-testid="backup-progress-text">
            {create.state.totalPages > 0 ? tr('backupProgress.copied', { n: Math.floor((100 * create.state.pages) / create.state.totalPages) }) : tr('backupProgress.preparing')}
          </span>
          <button type="button" className="secondary" data-testid="backup-cancel" onClick={create.cancel}>
            {tr('backupProgress.cancel')}
          </button>
        </div>
      )}
      {create.state.kind === 'cancelled' && (
        <p role="status" data-testid="backup-cancelled">
          {tr('backupProgress.cancelled')}
        </p>
      )}
      <InlineError error={create.state.kind === 'failed' ? create.state.error : null} testId="backup-error" />
      <InlineError error={restore.error} testId="restore-error" />
      {report && (
        <p className="ok" role="status" data-testid="backup-report">
          {report}
        </p>
      )}
      <QueryState query={list} what={tr('backups.what')}>
        {(data) => (
          <>
            {data.lastError && (
              <p className="avertissement" role="alert" data-testid="backup-last-error">
                {tr('backups.lastError', { error: i18next.language === 'en' ? (data.lastErrorEn ?? data.lastError) : data.lastError })}
              </p>
            )}
            {data.backups.length === 0 ? (
              <p data-testid="backups-empty">{tr('backups.empty')}</p>
            ) : (
              <table data-testid="backups-table">
                <thead>
                  <tr>
                    <th scope="col">{tr('backups.date')}</th>
                    <th scope="col">{tr('backups.type')}</th>
                    <th scope="col" className="num">
                      {tr('backups.size')}
                    </th>
                    <th scope="col">
                      <span className="visually-hidden">{tr('backups.action')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.backups.map((b) => (
                    <tr key={b.name} data-testid={`backup-${b.name}`} data-kind={b.kind}>
                      <td>{formatDateTime(b.at)}</td>
                      <td>{backupKindLabel(b.kind)}</td>
                      <td className="num" data-value={b.size}>
                        {formatBytes(b.size)}
                      </td>
                      <td>
                        {confirming === b.name ? (
                          <InlineConfirm
                            testId="restore-confirm"
                            autoFocus
                            message={restoreConfirmation(b)}
                            onCancel={() => setConfirming(null)}
                            actions={[
                              {
                                label: tr('backups.restore'),
                                primary: true,
                                testId: 'restore-confirm-yes',
                                onClick: () => {
                                  setConfirming(null);
                                  setReport(null);
                                  create.reset();
                                  restore.mutate({ name: b.name });
                                },
                              },
                              { label: tr('common.cancel'), testId: 'restore-confirm-no', onClick: () => setConfirming(null) },
                            ]}
                          />
                        ) : (
                          <button type="button" className="secondary" data-testid={`restore-${b.name}`} disabled={busy} onClick={() => setConfirming(b.name)}>
                            {restore.isPending && restore.variables?.name === b.name ? tr('backups.restoring') : tr('backups.restore')}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </QueryState>
    </div>
  );
}
