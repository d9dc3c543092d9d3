/**
 * Historique: the timeline of the whole file (issue 6 item 5) — who, when, and what changed (before → after) as one
 * French sentence (shared/history-words.ts), newest first, filtered by author, kind of action, referential, node and
 * date range (`history.list`; the core checks the dates and says what is wrong in French). The criterion panel
 * links here with its referential and node already chosen.
 */
import { plural, tr } from '../i18n/tr';
import { useT } from '../i18n';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { InlineError, QueryState } from '../components/QueryState';
import { formatCount, formatDateTime } from '../lib/format';
import { ACTION_FAMILIES, actionFamilyLabel, describeEvent } from '../lib/history';
import { navigate } from '../router';
import { useTRPC } from '../trpc/client';

/** Most events shown at once (the core allows 5 000). */
const LIMIT = 500;

export function HistoriquePage(props: { referentialId: string | null; nodeId: string | null }) {
  const trpc = useTRPC();
  const { t, lang } = useT();
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
      <h1>{t('nav.historique')}</h1>
      <p className="muted">{t('historique.intro')}</p>
      <form className="toolbar historique-filtres" data-testid="historique-filtres" onSubmit={(e) => e.preventDefault()}>
        <label className="field-inline">
          <span>{t('historique.who')}</span>
          <select data-testid="historique-who" value={who} onChange={(e) => setWho(e.target.value)}>
            <option value="">{t('historique.everyone')}</option>
            {(authors.data ?? []).map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          <span>{t('historique.modification')}</span>
          <select data-testid="historique-action" value={action} onChange={(e) => setAction(e.target.value)}>
            <option value="">{t('treeFilters.allF')}</option>
            {ACTION_FAMILIES.map((f) => (
              <option key={f.action} value={f.action}>
                {actionFamilyLabel(f.action, lang)}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          <span>{t('nav.referentiel')}</span>
          <select
            data-testid="historique-referential"
            value={referentialId}
            onChange={(e) => navigate({ page: 'historique', referentialId: e.target.value || null, nodeId: null })}
          >
            <option value="">{t('treeFilters.all')}</option>
            {(refs.data ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {r.nom}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          <span>{t('historique.element')}</span>
          <input data-testid="historique-node" value={node} onChange={(e) => setNode(e.target.value)} placeholder={t('historique.elementPlaceholder')} />
        </label>
        <label className="field-inline">
          <span>{t('historique.from')}</span>
          <input type="date" data-testid="historique-from" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="field-inline">
          <span>{t('historique.to')}</span>
          <input type="date" data-testid="historique-to" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </form>
      {events.error ? (
        <InlineError error={events.error} testId="historique-error" />
      ) : (
        <QueryState query={events} what={t('historique.what')}>
          {(list) => (
            <>
              <p className="muted small" role="status" data-testid="historique-count">
                {list.length === 0
                  ? t('historique.none')
                  : `${tr(`historique.count_${plural(list.length)}`, { n: formatCount(list.length) })}${list.length === LIMIT ? t('historique.limit', { n: formatCount(LIMIT) }) : ''}`}
              </p>
              {list.length > 0 && (
                <table className="historique" data-testid="historique-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('historique.when')}</th>
                      <th scope="col">{t('historique.who')}</th>
                      <th scope="col">{t('nav.referentiel')}</th>
                      <th scope="col">{t('historique.elementShort')}</th>
                      <th scope="col">{t('historique.modification')}</th>
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
                        <td>{describeEvent(e, (e.referentialId && models.get(e.referentialId)) || 'tete', lang)}</td>
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
