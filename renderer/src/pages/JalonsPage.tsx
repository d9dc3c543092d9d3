/**
 * Jalons (issue 6 item 1): the jalons taken (n°, nom, type, date, auteur, score per referential), a form to take a
 * named one, and the way to a comparison (two jalons, or a jalon and « maintenant »). A jalon is immutable: the
 * screen offers no edit and no delete.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { InlineError, QueryState } from '../components/QueryState';
import { JALON_KIND_LABELS } from '../lib/comparaison';
import { formatDateTime, formatPercent, formatPointsRatio } from '../lib/format';
import { formatHash, navigate } from '../router';
import { isBrowserMode, useTRPC } from '../trpc/client';

export function JalonsPage() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const list = useQuery(trpc.jalons.list.queryOptions());
  const [nom, setNom] = useState('');
  const [a, setA] = useState('');
  const [b, setB] = useState('maintenant');
  const take = useMutation(
    trpc.jalons.take.mutationOptions({
      onSuccess: () => {
        setNom('');
        void qc.invalidateQueries(trpc.jalons.pathFilter());
      },
    }),
  );
  return (
    <div className="page">
      <h1>Jalons</h1>
      <p className="muted">
        Un jalon fige l'état du dossier : scores, statuts, explications, personnalisation, preuves (la version de chaque fichier) et le référentiel lui-même. Ce qui
        change ensuite ne le modifie pas ; son paquet d'audit et sa comparaison restent identiques.
      </p>
      <section className="card">
        <h2>Prendre un jalon</h2>
        <form
          className="toolbar"
          onSubmit={(e) => {
            e.preventDefault();
            take.mutate({ name: nom, kind: 'manuel' });
          }}
        >
          <label className="field-inline">
            <span>Nom</span>
            <input type="text" data-testid="jalon-nom" value={nom} maxLength={200} placeholder="2026 - avant le comité de pilotage" onChange={(e) => setNom(e.target.value)} />
          </label>
          <button type="submit" data-testid="jalon-take" disabled={take.isPending}>
            {take.isPending ? 'Jalon en cours…' : 'Prendre le jalon'}
          </button>
        </form>
        <InlineError error={take.error} testId="jalon-error" />
        {take.data && (
          <p className="ok" role="status" data-testid="jalon-report">
            Jalon n° {take.data.id} « {take.data.nom} » pris le {formatDateTime(take.data.at)}.
          </p>
        )}
      </section>
      <QueryState query={list} what="la liste des jalons">
        {(jalons) =>
          jalons.length === 0 ? (
            <p data-testid="jalons-empty">Aucun jalon pour l'instant.</p>
          ) : (
            <>
              <section className="card">
                <h2>Comparer</h2>
                <form
                  className="toolbar"
                  onSubmit={(e) => {
                    e.preventDefault();
                    navigate({ page: 'comparaison', a: a || String(jalons[jalons.length - 1]!.id), b, referentialId: null, tout: false });
                  }}
                >
                  <label className="field-inline">
                    <span>État A</span>
                    <select data-testid="cmp-pick-a" value={a || String(jalons[jalons.length - 1]!.id)} onChange={(e) => setA(e.target.value)}>
                      {jalons.map((j) => (
                        <option key={j.id} value={String(j.id)}>
                          n° {j.id} — {j.nom}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label className="field-inline">
                    <span>État B</span>
                    <select data-testid="cmp-pick-b" value={b} onChange={(e) => setB(e.target.value)}>
                      <option value="maintenant">Maintenant</option>
                      {jalons.map((j) => (
                        <option key={j.id} value={String(j.id)}>
                          n° {j.id} — {j.nom}
                        </option>
                      ))}
                    </select>
                  </label>
                  <button type="submit" data-testid="cmp-go">
                    Comparer
                  </button>
                </form>
              </section>
              <table data-testid="jalons-table">
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      N°
                    </th>
                    <th scope="col">Nom</th>
                    <th scope="col">Type</th>
                    <th scope="col">Date</th>
                    <th scope="col">Par</th>
                    <th scope="col">Scores</th>
                    <th scope="col">
                      <span className="visually-hidden">Action</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {[...jalons].reverse().map((j) => (
                    <tr key={j.id} data-testid={`jalon-${j.id}`} data-kind={j.kind}>
                      <td className="num">{j.id}</td>
                      <td>{j.nom}</td>
                      <td>{JALON_KIND_LABELS[j.kind]}</td>
                      <td>{formatDateTime(j.at)}</td>
                      <td>{j.who}</td>
                      <td>
                        <ul className="jalon-scores">
                          {j.referentiels.map((r) => (
                            <li key={r.referentialId}>
                              <span data-testid={`jalon-${j.id}-score-${r.referentialId}`} data-value={r.score ?? ''}>
                                {r.nom} : {formatPercent(r.score)} ({formatPointsRatio(r.pointFait, r.pointPotentiel)})
                              </span>{' '}
                              <JalonPack jalonId={j.id} referentialId={r.referentialId} />
                            </li>
                          ))}
                        </ul>
                      </td>
                      <td>
                        <a data-testid={`jalon-compare-now-${j.id}`} href={formatHash({ page: 'comparaison', a: String(j.id), b: 'maintenant', referentialId: null, tout: false })}>
                          Comparer avec maintenant
                        </a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )
        }
      </QueryState>
    </div>
  );
}

/**
 * « Paquet » of one referential of a jalon: builds its audit pack from the frozen state (the same bytes at every
 * export), then offers the download (browser mode, `/exports/<fileName>`) or shows where it was written.
 */
function JalonPack(props: { jalonId: number; referentialId: string }) {
  const trpc = useTRPC();
  const exp = useMutation(trpc.jalons.exportPack.mutationOptions());
  const id = `jalon-${props.jalonId}-pack-${props.referentialId}`;
  if (exp.data) {
    return isBrowserMode() ? (
      <a data-testid={`${id}-download`} href={`/exports/${encodeURIComponent(exp.data.fileName)}`} download={exp.data.fileName}>
        Télécharger {exp.data.fileName}
      </a>
    ) : (
      <span className="path small" data-testid={`${id}-path`}>
        {exp.data.path}
      </span>
    );
  }
  return (
    <>
      <button
        type="button"
        className="secondary small"
        data-testid={id}
        disabled={exp.isPending}
        title="Le paquet d'audit de ce jalon, tel qu'il a été figé"
        onClick={() => exp.mutate({ id: props.jalonId, referentialId: props.referentialId })}
      >
        {exp.isPending ? 'Paquet en cours…' : 'Paquet d’audit'}
      </button>
      <InlineError error={exp.error} testId={`${id}-error`} />
    </>
  );
}
