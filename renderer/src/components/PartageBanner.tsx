/**
 * The banner of the lead's app while sharing is on (issue 5 item 4): the address, who is connected (invitation
 * used within the last 5 minutes), a button to stop sharing. It polls `partage.etat`; when the last history event
 * moves (a change made by an invitee), every query is refetched so that the lead's screens show it with the new score.
 */
import { useT } from '../i18n';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { formatHash } from '../router';
import { useTRPC } from '../trpc/client';

/** How often the lead's app asks for the sharing state (ms). */
const POLL_MS = 3000;

export function PartageBanner() {
  const trpc = useTRPC();
  const { t } = useT();
  const qc = useQueryClient();
  const etat = useQuery(trpc.partage.etat.queryOptions(undefined, { refetchInterval: POLL_MS, staleTime: 0 }));
  const arreter = useMutation(trpc.partage.arreter.mutationOptions({ onSuccess: () => qc.invalidateQueries(trpc.partage.pathFilter()) }));
  const last = useRef<number | null>(null);
  const seen = etat.data?.derniereModification;
  useEffect(() => {
    if (seen === undefined) return;
    if (last.current !== null && last.current !== seen && etat.data?.actif) void qc.invalidateQueries();
    last.current = seen;
  }, [seen, etat.data?.actif, qc]);
  const e = etat.data;
  if (!e?.actif) return null;
  return (
    <div className="partage-banner" role="status" data-testid="partage-banner">
      <strong>{t('partageBanner.actif')}</strong> {t('partageBanner.on')} <code data-testid="partage-banner-url">{e.url}</code>
      {' — '}
      <span data-testid="partage-connectes">
        {e.connectes.length === 0 ? t('partageBanner.nobody') : t('partageBanner.connected', { list: e.connectes.map((c) => `${c.nom} (${t(`roles.${c.role}`)})`).join(', ') })}
      </span>
      {' — '}
      <a href={formatHash({ page: 'partage' })}>{t('partageBanner.invitations')}</a>{' '}
      <button type="button" data-testid="partage-banner-arreter" disabled={arreter.isPending} onClick={() => arreter.mutate()}>
        {t('partageBanner.stop')}
      </button>
    </div>
  );
}
