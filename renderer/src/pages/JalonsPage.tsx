/**
 * Jalons (issue 6 item 1): the jalons taken (n°, nom, type, date, auteur, score per referential), a form to take a
 * named one, and the way to a comparison (two jalons, or a jalon and « maintenant »). A jalon is immutable: the
 * screen offers no edit and no delete. Taking a jalon and its pack are the référent's (lib/droits.tsx): others see
 * the list and the comparisons.
 */
import { useT } from '../i18n';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { InlineError, QueryState } from '../components/QueryState';
import { jalonKindLabel } from '../lib/comparaison';
import { formatDateTime, formatPercent, formatPointsRatio } from '../lib/format';
import { formatHash, navigate } from '../router';
import { isBrowserMode, useTRPC } from '../trpc/client';
import { useDroits } from '../lib/droits';

export function JalonsPage() {
  const trpc = useTRPC();
  const { t } = useT();
  const qc = useQueryClient();
  const list = useQuery(trpc.jalons.list.queryOptions());
  const droits = useDroits();
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
      <h1>{t('nav.jalons')}</h1>
      <p className="muted">
        {t('jalons.intro')}
      </p>
      {droits.peut('jalons.take') && (
        <section className="card">
          <h2>{t('jalons.takeTitle')}</h2>
          <form
            className="toolbar"
            onSubmit={(e) => {
              e.preventDefault();
              take.mutate({ name: nom, kind: 'manuel' });
            }}
          >
            <label className="field-inline">
              <span>{t('jalons.nom')}</span>
              <input type="text" data-testid="jalon-nom" value={nom} maxLength={200} placeholder={t('jalons.nomPlaceholder')} onChange={(e) => setNom(e.target.value)} />
            </label>
            <button type="submit" data-testid="jalon-take" disabled={take.isPending}>
              {take.isPending ? t('jalons.taking') : t('jalons.take')}
            </button>
          </form>
          <InlineError error={take.error} testId="jalon-error" />
          {take.data && (
            <p className="ok" role="status" data-testid="jalon-report">
              {t('jalons.taken', { id: take.data.id, nom: take.data.nom, date: formatDateTime(take.data.at) })}
            </p>
          )}
        </section>
      )}
      <QueryState query={list} what={t('jalons.listWhat')}>
        {(jalons) =>
          jalons.length === 0 ? (
            <p data-testid="jalons-empty">{t('jalons.empty')}</p>
          ) : (
            <>
              <section className="card">
                <h2>{t('jalons.compare')}</h2>
                <form
                  className="toolbar"
                  onSubmit={(e) => {
                    e.preventDefault();
                    navigate({ page: 'comparaison', a: a || String(jalons[jalons.length - 1]!.id), b, referentialId: null, tout: false });
                  }}
                >
                  <label className="field-inline">
                    <span>{t('jalons.stateA')}</span>
                    <select data-testid="cmp-pick-a" value={a || String(jalons[jalons.length - 1]!.id)} onChange={(e) => setA(e.target.value)}>
                      {jalons.map((j) => (
                        <option key={j.id} value={String(j.id)}>
                          {t('comparaison.option', { id: j.id, nom: j.nom })}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label className="field-inline">
                    <span>{t('jalons.stateB')}</span>
                    <select data-testid="cmp-pick-b" value={b} onChange={(e) => setB(e.target.value)}>
                      <option value="maintenant">{t('jalons.now')}</option>
                      {jalons.map((j) => (
                        <option key={j.id} value={String(j.id)}>
                          {t('comparaison.option', { id: j.id, nom: j.nom })}
                        </option>
                      ))}
                    </select>
                  </label>
                  <button type="submit" data-testid="cmp-go">
                    {t('jalons.compare')}
                  </button>
                </form>
              </section>
              <table data-testid="jalons-table">
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t('jalons.no')}
                    </th>
                    <th scope="col">{t('jalons.nom')}</th>
                    <th scope="col">{t('jalons.type')}</th>
                    <th scope="col">{t('jalons.date')}</th>
                    <th scope="col">{t('jalons.by')}</th>
                    <th scope="col">{t('jalons.scores')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('jalons.action')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {[...jalons].reverse().map((j) => (
                    <tr key={j.id} data-testid={`jalon-${j.id}`} data-kind={j.kind}>
                      <td className="num">{j.id}</td>
                      <td>{j.nom}</td>
                      <td>{jalonKindLabel(j.kind)}</td>
                      <td>{formatDateTime(j.at)}</td>
                      <td>{j.who}</td>
                      <td>
                        <ul className="jalon-scores">
                          {j.referentiels.map((r) => (
                            <li key={r.referentialId}>
                              <span data-testid={`jalon-${j.id}-score-${r.referentialId}`} data-value={r.score ?? ''}>
                                {t('jalons.score', { nom: r.nom, pct: formatPercent(r.score), pts: formatPointsRatio(r.pointFait, r.pointPotentiel) })}
                              </span>{' '}
                              {droits.peut('jalons.exportPack') && <JalonPack jalonId={j.id} referentialId={r.referentialId} />}
                            </li>
                          ))}
                        </ul>
                      </td>
                      <td>
                        <a data-testid={`jalon-compare-now-${j.id}`} href={formatHash({ page: 'comparaison', a: String(j.id), b: 'maintenant', referentialId: null, tout: false })}>
                          {t('jalons.compareNow')}
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
 * export of a language), in the interface's language, then offers the download (browser mode, `/exports/<fileName>`) or shows where it was written.
 */
function JalonPack(props: { jalonId: number; referentialId: string }) {
  const trpc = useTRPC();
  const { t, lang } = useT();
  const exp = useMutation(trpc.jalons.exportPack.mutationOptions());
  const id = `jalon-${props.jalonId}-pack-${props.referentialId}`;
  if (exp.data) {
    return isBrowserMode() ? (
      <a data-testid={`${id}-download`} href={`/exports/${encodeURIComponent(exp.data.fileName)}`} download={exp.data.fileName}>
        {t('jalons.download', { name: exp.data.fileName })}
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
        title={t('jalons.packTitle')}
        // The pack in the interface's language (issue 8 item 2), as the Export screen does.
        onClick={() => exp.mutate({ id: props.jalonId, referentialId: props.referentialId, lang })}
      >
        {exp.isPending ? t('jalons.packRunning') : t('jalons.pack')}
      </button>
      <InlineError error={exp.error} testId={`${id}-error`} />
    </>
  );
}
