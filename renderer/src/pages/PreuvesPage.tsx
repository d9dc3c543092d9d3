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
import { useTRPC, type RouterOutputs } from '../trpc/client';
import { useRefresh } from '../trpc/refresh';

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
      <h1>Preuves</h1>
      <p className="muted">
        Toutes les preuves de la collectivité : un même document peut servir plusieurs critères et plusieurs référentiels. Une preuve
        confidentielle n'entre dans le pack d'audit que si l'export l'inclut.
      </p>

      <section className="card" data-testid="a-completer">
        <h2>À compléter</h2>
        <QueryState query={todo} what="les preuves à compléter">
          {(t) => (
            <>
              {t.criteresSansPreuve.length === 0 ? (
                <p className="muted">Chaque critère fait ou programmé a au moins une preuve.</p>
              ) : (
                <>
                  <p>
                    {formatCount(t.criteresSansPreuve.length)} critère{t.criteresSansPreuve.length > 1 ? 's' : ''} fait{t.criteresSansPreuve.length > 1 ? 's' : ''} ou
                    programmé{t.criteresSansPreuve.length > 1 ? 's' : ''} sans preuve :
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
                  <p>Liens qui ne sont pas des adresses http(s) (le pack les remplace par une note) :</p>
                  <ul data-testid="a-completer-liens">
                    {t.liensInvalides.map((l) => (
                      <li key={l.preuveId} data-testid={`a-completer-lien-${l.preuveId}`}>
                        {l.titre} <span className="muted small">· {l.url} · {l.rattachements.map((r) => r.nodeId).join(', ') || 'rattaché à aucun critère'}</span>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </>
          )}
        </QueryState>
      </section>

      <h2>Bibliothèque</h2>
      <div className="toolbar" role="search">
        <label className="field-inline grow">
          <span>Rechercher</span>
          <input data-testid="library-search" placeholder="Titre, fichier, adresse, propriétaire ou critère" value={filter.q} onChange={(e) => set({ q: e.target.value })} />
        </label>
        <label className="field-inline">
          <span>Référentiel</span>
          <select data-testid="library-referential" value={filter.referentialId} onChange={(e) => set({ referentialId: e.target.value })}>
            <option value="">Tous</option>
            {(refs.data ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {r.nom}
              </option>
            ))}
            <option value={NOWHERE}>Rattachées à aucun critère</option>
          </select>
        </label>
        <label className="field-inline">
          <span>Type</span>
          <select data-testid="library-kind" value={filter.kind} onChange={(e) => set({ kind: e.target.value as LibraryFilter['kind'] })}>
            <option value="">Fichiers et liens</option>
            <option value="fichier">Fichiers</option>
            <option value="lien">Liens</option>
          </select>
        </label>
        <label className="field-inline">
          <span>Confidentialité</span>
          <select data-testid="library-confidentiel" value={filter.confidentiel} onChange={(e) => set({ confidentiel: e.target.value as LibraryFilter['confidentiel'] })}>
            <option value="">Toutes</option>
            <option value="oui">Confidentielles</option>
            <option value="non">Non confidentielles</option>
          </select>
        </label>
      </div>
      <QueryState query={library} what="la bibliothèque des preuves">
        {(all) => {
          const shown = filterLibrary(all, filter);
          return (
            <>
              <p className="muted small" data-testid="library-count">
                {formatCount(shown.length)} preuve{shown.length > 1 ? 's' : ''} sur {formatCount(all.length)}
              </p>
              <table className="library" data-testid="library">
                <thead>
                  <tr>
                    <th>Preuve</th>
                    <th>Critères</th>
                    <th>Version</th>
                    <th>Document du</th>
                    <th>Propriétaire</th>
                    <th>Confidentielle</th>
                    <th>
                      <span className="visually-hidden">Actions</span>
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
          <div className="muted small">{p.kind === 'fichier' ? `${p.fileName ?? ''} · ${formatBytes(p.size)}` : p.url ? displayUrl(p.url) : 'lien'}</div>
        </td>
        <td className="small">
          {p.rattachements.length === 0
            ? 'aucun'
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
              version {p.revision}
            </button>
          ) : (
            '—'
          )}
        </td>
        <td className="small">{p.dateDocument ? formatDate(p.dateDocument) : '—'}</td>
        <td className="small">{p.proprietaire ?? '—'}</td>
        <td>
          <input
            type="checkbox"
            data-testid={`library-confidentiel-${p.id}`}
            aria-label={`${p.titre} confidentielle`}
            checked={p.confidentiel}
            onChange={(e) => update.mutate({ preuveId: p.id, confidentiel: e.target.checked })}
          />
        </td>
        <td>
          <button type="button" className="link-button" data-testid={`library-edit-${p.id}`} onClick={() => setEditing((v) => !v)}>
            Modifier
          </button>
        </td>
      </tr>
      {showRevisions && (
        <tr>
          <td colSpan={7}>
            <QueryState query={revisions} what="les versions">
              {(revs) => (
                <ol className="small" data-testid={`library-revision-list-${p.id}`}>
                  {revs.map((r) => (
                    <li key={r.numero} value={r.numero}>
                      {r.fileName} · {formatBytes(r.size)} · déposée le {formatDate(r.addedAt)} par {r.addedBy} · <span title={r.sha256}>SHA-256 {r.sha256.slice(0, 12)}…</span>
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
                <span>Titre</span>
                <input data-testid={`library-titre-${p.id}`} value={draft.titre} onChange={(e) => setDraft({ ...draft, titre: e.target.value })} />
              </label>
              <label className="field-inline">
                <span>Date du document</span>
                <input type="date" data-testid={`library-date-${p.id}`} value={draft.dateDocument} onChange={(e) => setDraft({ ...draft, dateDocument: e.target.value })} />
              </label>
              <label className="field-inline">
                <span>Propriétaire</span>
                <select data-testid={`library-proprietaire-${p.id}`} value={draft.proprietaireId} onChange={(e) => setDraft({ ...draft, proprietaireId: e.target.value })}>
                  <option value="">(personne)</option>
                  {(people.data ?? []).map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.nom}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" data-testid={`library-save-${p.id}`} disabled={update.isPending}>
                Enregistrer
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
