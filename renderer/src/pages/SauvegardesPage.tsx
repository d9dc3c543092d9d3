/**
 * Sauvegardes (issue 7 item 2), reached from the dashboard: the backups of the workspace (date, kind, size), newest
 * first; « Sauvegarder maintenant »; « Restaurer » on a row, confirmed inline, after which every screen reloads its
 * data from the restored database. The last automatic backup's failure, if any, is shown at the top.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { InlineConfirm } from '../components/InlineConfirm';
import { InlineError, QueryState } from '../components/QueryState';
import { backupKindLabel, restoreConfirmation, restoreReport } from '../lib/backups';
import { formatBytes, formatDateTime } from '../lib/format';
import { isBrowserMode, useTRPC } from '../trpc/client';
import { tr } from '../i18n/tr';

export function SauvegardesPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.backups.list.queryOptions());
  const [confirming, setConfirming] = useState<string | null>(null);
  const [report, setReport] = useState<string | null>(null);
  const create = useMutation(
    trpc.backups.create.mutationOptions({
      onSuccess: (b) => {
        setReport(tr('backups.created', { date: formatDateTime(b.at), size: formatBytes(b.size) }));
        void queryClient.invalidateQueries(trpc.backups.pathFilter());
      },
    }),
  );
  const restore = useMutation(
    trpc.backups.restore.mutationOptions({
      onSuccess: (r) => {
        setReport(restoreReport(r));
        // Every screen's data comes from the restored database now.
        void queryClient.invalidateQueries();
      },
    }),
  );
  const busy = create.isPending || restore.isPending;

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
            create.mutate();
          }}
        >
          {create.isPending ? tr('backups.running') : tr('backups.now')}
        </button>
        {list.data && !isBrowserMode() && (
          <span className="muted small">
            {tr('backups.folder')} <span className="path">{list.data.dir}</span>
          </span>
        )}
      </div>
      <InlineError error={create.error} testId="backup-error" />
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
                {tr('backups.lastError', { error: data.lastError })}
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
