/**
 * Historique: the timeline of the whole file (issue 6 item 5) — who, when, and what changed (before → after) as one
 * French sentence (shared/history-words.ts), newest first, filtered by author, kind of action, referential, node and
 * date range (`history.list`; the core checks the dates and says what is wrong in French). The criterion panel
 * links here with its referential and node already chosen.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { InlineError, QueryState } from '../components/QueryState';
import { formatCount, formatDateTime } from '../lib/format';
import { ACTION_FAMILIES, describeEvent } from '../lib/history';
import { navigate } from '../router';
import { useTRPC } from '../trpc/client';

/** Most events shown at once (the core allows 5 000). */
const LIMIT = 500;

export function HistoriquePage(props: { referentialId: string | null; nodeId: string | null }) {
  const trpc = useTRPC();
  const refs = useQuery(trpc.referentials.list.queryOptions());
  const authors = useQuery(trpc.history.authors.queryOptions());
  const [who, setWho] = useState('');
  const [action, setAction] = useState('');
  const [node, setNode] = useState(props.nodeId ?? '');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const referentialId = props.referentialId ?? '';
  const input = {
    ...(referentialId ? { referentialId } : {}),
    ...(node.trim() ? { nodeId: node.trim() } : {}),
    ...(who ? { who } : {}),
    ...(action ? { action } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    limit: LIMIT,
  };
  const events = useQuery({ ...trpc.history.list.queryOptions(input), placeholderData: (previous) => previous });
  const models = new Map((refs.data ?? []).map((r) => [r.id, r.model]));

  return (
    <div className="page">
      <h1>Historique</h1>
      <p className="muted">Chaque modification du dossier : qui, quand, et ce qui a changé (avant → après). Filtrez par personne, type de modification, référentiel, élément ou période.</p>
      <form className="toolbar historique-filtres" data-testid="historique-filtres" onSubmit={(e) => e.preventDefault()}>
        <label className="field-inline">
          <span>Qui</span>
          <select data-testid="historique-who" value={who} onChange={(e) => setWho(e.target.value)}>
            <option value="">Tout le monde</option>
            {(authors.data ?? []).map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          <span>Modification</span>
          <select data-testid="historique-action" value={action} onChange={(e) => setAction(e.target.value)}>
            <option value="">Toutes</option>
            {ACTION_FAMILIES.map((f) => (
              <option key={f.action} value={f.action}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          <span>Référentiel</span>
          <select
            data-testid="historique-referential"
            value={referentialId}
            onChange={(e) => navigate({ page: 'historique', referentialId: e.target.value || null, nodeId: null })}
          >
            <option value="">Tous</option>
            {(refs.data ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {r.nom}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          <span>Élément (identifiant du nœud)</span>
          <input data-testid="historique-node" value={node} onChange={(e) => setNode(e.target.value)} placeholder="ex. cae_1.1.1" />
        </label>
        <label className="field-inline">
          <span>Du</span>
          <input type="date" data-testid="historique-from" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="field-inline">
          <span>Au</span>
          <input type="date" data-testid="historique-to" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </form>
      {events.error ? (
        <InlineError error={events.error} testId="historique-error" />
      ) : (
        <QueryState query={events} what="l'historique">
          {(list) => (
            <>
              <p className="muted small" role="status" data-testid="historique-count">
                {list.length === 0
                  ? 'Aucune modification ne correspond à ces filtres.'
                  : `${formatCount(list.length)} modification${list.length > 1 ? 's' : ''}${list.length === LIMIT ? ` (les ${formatCount(LIMIT)} plus récentes)` : ''}`}
              </p>
              {list.length > 0 && (
                <table className="historique" data-testid="historique-table">
                  <thead>
                    <tr>
                      <th scope="col">Quand</th>
                      <th scope="col">Qui</th>
                      <th scope="col">Référentiel</th>
                      <th scope="col">Élément</th>
                      <th scope="col">Modification</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((e) => (
                      <tr key={e.id} data-testid={`historique-${e.id}`} data-action={e.action}>
                        <td>{formatDateTime(e.at)}</td>
                        <td>{e.who}</td>
                        <td>{e.referentialId ?? '—'}</td>
                        <td>
                          {e.referentialId && e.nodeId ? (
                            <a href={`#/referentiel/${encodeURIComponent(e.referentialId)}/${encodeURIComponent(e.nodeId)}`}>{e.nodeId}</a>
                          ) : (
                            '—'
                          )}
                        </td>
                        <td>{describeEvent(e, (e.referentialId && models.get(e.referentialId)) || 'tete')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </>
          )}
        </QueryState>
      )}
    </div>
  );
}
