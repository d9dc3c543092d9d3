/**
 * The banner of the lead's app while sharing is on (issue 5 item 4): the address, who is connected (invitation
 * used within the last 5 minutes), a button to stop sharing. It polls `partage.etat`; when the last history event
 * moves (a change made by an invitee), every query is refetched so that the lead's screens show it with the new score.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { ROLE_LABELS } from '../../../shared/roles';
import { formatHash } from '../router';
import { useTRPC } from '../trpc/client';

/** How often the lead's app asks for the sharing state (ms). */
const POLL_MS = 3000;

export function PartageBanner() {
  const trpc = useTRPC();
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
      <strong>Partage actif</strong> sur <code data-testid="partage-banner-url">{e.url}</code>
      {' — '}
      <span data-testid="partage-connectes">
        {e.connectes.length === 0 ? 'aucune personne connectée' : `connecté(s) : ${e.connectes.map((c) => `${c.nom} (${ROLE_LABELS[c.role]})`).join(', ')}`}
      </span>
      {' — '}
      <a href={formatHash({ page: 'partage' })}>Invitations</a>{' '}
      <button type="button" data-testid="partage-banner-arreter" disabled={arreter.isPending} onClick={() => arreter.mutate()}>
        Arrêter le partage
      </button>
    </div>
  );
}
