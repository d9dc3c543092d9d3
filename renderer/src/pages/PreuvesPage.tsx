/**
 * Preuves (`#/preuves`): the workspace's library of preuves (search, filter by referential / type / confidentiel;
 * each with its criteria, versions, date of the document, owner and confidentiel flag, editable), and « À compléter »:
 * criteria marked fait or programmé with no preuve, and links that are not http(s) (`preuves.aCompleter`).
 * Source: issue 4 item 1; tete-referentials.md §4.6 (bibliothèque, confidentiel, preuves attendues).
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { QueryState, InlineError } from '../components/QueryState';
import { displayUrl, formatBytes, formatCount, formatDate } from '../lib/format';
import { filterLibrary, NOWHERE, type LibraryFilter } from '../lib/preuves';
import { statutLabel } from '../lib/statuts';
import { formatHash } from '../router';
import { isBrowserMode, useTRPC, type RouterOutputs } from '../trpc/client';
import { useDroits } from '../lib/droits';
import { useRefresh } from '../trpc/refresh';
import { plural, tr } from '../i18n/tr';

type Preuve = RouterOutputs['preuves']['library'][number];

export function PreuvesPage() {
  const trpc = useTRPC();
  const library = useQuery(trpc.preuves.library.queryOptions());
  const refs = useQuery(trpc.referentials.list.queryOptions());
  const todo = useQuery(trpc.preuves.aCompleter.queryOptions());
  const [filter, setFilter] = useState<LibraryFilter>({ q: '', referentialId: '', kind: '', confidentiel: '' });
  const set = (patch: Partial<LibraryFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const refNom = new Map((refs.data ?? []).map((r) => [r.id, r.nom]));

  return (
    <div className="page">
      <h1>{tr('library.title')}</h1>
      <p className="muted">{tr('library.intro')}</p>

      <section className="card" data-testid="a-completer">
        <h2>{tr('library.todo')}</h2>
        <QueryState query={todo} what={tr('library.todoWhat')}>
          {(t) => (
            <>
              {t.criteresSansPreuve.length === 0 ? (
                <p className="muted">{tr('library.allCovered')}</p>
              ) : (
                <>
                  <p>
                    {tr(`library.missing_${plural(t.criteresSansPreuve.length)}`, { n: formatCount(t.criteresSansPreuve.length) })}
                  </p>
                  <ul data-testid="a-completer-criteres">
                    {t.criteresSansPreuve.map((c) => (
                      <li key={`${c.referentialId}/${c.nodeId}`} data-testid={`a-completer-${c.nodeId}`}>
                        <a href={formatHash({ page: 'referentiel', referentialId: c.referentialId, nodeId: c.nodeId })}>
                          {c.identifiant} {c.nom}
                        </a>{' '}
                        <span className="muted small">
                          · {c.referentialNom} · {statutLabel(c.statut as Parameters<typeof statutLabel>[0], 'tete')}
                        </span>
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {t.liensInvalides.length > 0 && (
                <>
                  <p>{tr('library.badLinks')}</p>
                  <ul data-testid="a-completer-liens">
                    {t.liensInvalides.map((l) => (
                      <li key={l.preuveId} data-testid={`a-completer-lien-${l.preuveId}`}>
                        {l.titre} <span className="muted small">· {l.url} · {l.rattachements.map((r) => r.nodeId).join(', ') || tr('library.attachedNowhere')}</span>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </>
          )}
        </QueryState>
      </section>

      <h2>{tr('library.library')}</h2>
      <div className="toolbar" role="search">
        <label className="field-inline grow">
          <span>{tr('library.search')}</span>
          <input data-testid="library-search" placeholder={tr('library.searchPlaceholder')} value={filter.q} onChange={(e) => set({ q: e.target.value })} />
        </label>
        <label className="field-inline">
          <span>{tr('library.referential')}</span>
          <select data-testid="library-referential" value={filter.referentialId} onChange={(e) => set({ referentialId: e.target.value })}>
            <option value="">{tr('library.all')}</option>
            {(refs.data ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {r.nom}
              </option>
            ))}
            <option value={NOWHERE}>{tr('library.nowhere')}</option>
          </select>
        </label>
        <label className="field-inline">
          <span>{tr('library.type')}</span>
          <select data-testid="library-kind" value={filter.kind} onChange={(e) => set({ kind: e.target.value as LibraryFilter['kind'] })}>
            <option value="">{tr('library.both')}</option>
            <option value="fichier">{tr('library.files')}</option>
            <option value="lien">{tr('library.links')}</option>
          </select>
        </label>
        <label className="field-inline">
          <span>{tr('library.confidentialite')}</span>
          <select data-testid="library-confidentiel" value={filter.confidentiel} onChange={(e) => set({ confidentiel: e.target.value as LibraryFilter['confidentiel'] })}>
            <option value="">{tr('library.allF')}</option>
            <option value="oui">{tr('library.confidentielles')}</option>
            <option value="non">{tr('library.nonConfidentielles')}</option>
          </select>
        </label>
      </div>
      <QueryState query={library} what={tr('library.what')}>
        {(all) => {
          const shown = filterLibrary(all, filter);
          return (
            <>
              <p className="muted small" data-testid="library-count">
                {tr(`library.count_${plural(shown.length)}`, { n: formatCount(shown.length), total: formatCount(all.length) })}
              </p>
              <table className="library" data-testid="library">
                <thead>
                  <tr>
                    <th>{tr('library.colPreuve')}</th>
                    <th>{tr('library.colCriteres')}</th>
                    <th>{tr('library.colVersion')}</th>
                    <th>{tr('library.colDate')}</th>
                    <th>{tr('library.colProprietaire')}</th>
                    <th>{tr('library.colConfidentielle')}</th>
                    <th>
                      <span className="visually-hidden">{tr('library.colActions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((p) => (
                    <LibraryRow key={p.id} preuve={p} refNom={refNom} />
                  ))}
                </tbody>
              </table>
            </>
          );
        }}
      </QueryState>
    </div>
  );
}

function LibraryRow(props: { preuve: Preuve; refNom: Map<string, string> }) {
  const p = props.preuve;
  const trpc = useTRPC();
  const refresh = useRefresh();
  const people = useQuery(trpc.people.list.queryOptions());
  const [editing, setEditing] = useState(false);
  // Who may not change a preuve (an invited auditeur or lecteur, lib/droits.tsx) reads the row as text.
  const droits = useDroits();
  const canUpdate = droits.peut('preuves.update');
  const [showRevisions, setShowRevisions] = useState(false);
  const revisions = useQuery({ ...trpc.preuves.revisions.queryOptions({ preuveId: p.id }), enabled: showRevisions });
  const [draft, setDraft] = useState({ titre: p.titre, dateDocument: p.dateDocument ?? '', proprietaireId: p.proprietaireId ?? '' });
  const update = useMutation(
    trpc.preuves.update.mutationOptions({
      onSuccess: () => {
        setEditing(false);
        refresh.afterNode();
      },
    }),
  );
  return (
    <>
      <tr data-testid={`library-${p.id}`} data-kind={p.kind}>
        <td>
          <strong>{p.titre}</strong>
          <div className="muted small">{p.kind === 'fichier' ? `${p.fileName ?? ''} · ${formatBytes(p.size)}` : p.url ? displayUrl(p.url) : tr('library.lien')}</div>
          {isBrowserMode() && p.kind === 'fichier' && droits.peutOuvrir(p) && (
            <a className="small" href={`/preuves/${encodeURIComponent(p.id)}/fichier`} download data-testid={`library-open-${p.id}`} title={tr('preuves.openTitle', { name: p.fileName ?? p.titre })}>
              {tr('preuves.open')}
            </a>
          )}
        </td>
        <td className="small">
          {p.rattachements.length === 0
            ? tr('library.aucun')
            : p.rattachements.map((r) => (
                <div key={`${r.referentialId}/${r.nodeId}`}>
                  <a href={formatHash({ page: 'referentiel', referentialId: r.referentialId, nodeId: r.nodeId })}>{r.nodeId}</a>{' '}
                  <span className="muted">({props.refNom.get(r.referentialId) ?? r.referentialId})</span>
                </div>
              ))}
        </td>
        <td className="small">
          {p.kind === 'fichier' ? (
            <button type="button" className="link-button" data-testid={`library-revisions-${p.id}`} onClick={() => setShowRevisions((v) => !v)}>
              {tr('library.version', { n: p.revision })}
            </button>
          ) : (
            '—'
          )}
        </td>
        <td className="small">{p.dateDocument ? formatDate(p.dateDocument) : '—'}</td>
        <td className="small">{p.proprietaire ?? '—'}</td>
        <td>
          {canUpdate ? (
            <input
              type="checkbox"
              data-testid={`library-confidentiel-${p.id}`}
              aria-label={tr('library.confidentielLabel', { titre: p.titre })}
              checked={p.confidentiel}
              onChange={(e) => update.mutate({ preuveId: p.id, confidentiel: e.target.checked })}
            />
          ) : (
            <span className="small" data-testid={`library-confidentiel-${p.id}`}>
              {p.confidentiel ? tr('preuves.confidentielle') : '—'}
            </span>
          )}
        </td>
        <td>
          {canUpdate && (
            <button type="button" className="link-button" data-testid={`library-edit-${p.id}`} onClick={() => setEditing((v) => !v)}>
              {tr('library.edit')}
            </button>
          )}
        </td>
      </tr>
      {showRevisions && (
        <tr>
          <td colSpan={7}>
            <QueryState query={revisions} what={tr('library.versionsWhat')}>
              {(revs) => (
                <ol className="small" data-testid={`library-revision-list-${p.id}`}>
                  {revs.map((r) => (
                    <li key={r.numero} value={r.numero}>
                      {tr('library.revision', { file: r.fileName, size: formatBytes(r.size), date: formatDate(r.addedAt), who: r.addedBy })} <span title={r.sha256}>SHA-256 {r.sha256.slice(0, 12)}…</span>
                    </li>
                  ))}
                </ol>
              )}
            </QueryState>
          </td>
        </tr>
      )}
      {editing && (
        <tr>
          <td colSpan={7}>
            <form
              className="link-form"
              onSubmit={(e) => {
                e.preventDefault();
                update.mutate({ preuveId: p.id, titre: draft.titre, dateDocument: draft.dateDocument || null, proprietaireId: draft.proprietaireId || null });
              }}
            >
              <label className="field-inline grow">
                <span>{tr('library.titre')}</span>
                <input data-testid={`library-titre-${p.id}`} value={draft.titre} onChange={(e) => setDraft({ ...draft, titre: e.target.value })} />
              </label>
              <label className="field-inline">
                <span>{tr('library.dateDocument')}</span>
                <input type="date" data-testid={`library-date-${p.id}`} value={draft.dateDocument} onChange={(e) => setDraft({ ...draft, dateDocument: e.target.value })} />
              </label>
              <label className="field-inline">
                <span>{tr('library.proprietaire')}</span>
                <select data-testid={`library-proprietaire-${p.id}`} value={draft.proprietaireId} onChange={(e) => setDraft({ ...draft, proprietaireId: e.target.value })}>
                  <option value="">{tr('library.nobody')}</option>
                  {(people.data ?? []).map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.nom}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" data-testid={`library-save-${p.id}`} disabled={update.isPending}>
                {tr('library.save')}
              </button>
            </form>
          </td>
        </tr>
      )}
      {update.error && (
        <tr>
          <td colSpan={7}>
            <InlineError error={update.error} testId={`library-error-${p.id}`} />
          </td>
        </tr>
      )}
    </>
  );
}
