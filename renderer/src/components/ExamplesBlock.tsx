/**
 * « Exemples » on the Tableau de bord: the example statuts shipped with the app (`examples.list`), first of all
 * Label Audit's own RGESN self-assessment, loaded into this workspace with one button (`examples.load`) once its
 * referential is imported; over statuts already entered, the server's refusal is shown with « Remplacer ».
 */
import { plural, tr } from '../i18n/tr';
import { useT } from '../i18n';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { shownError } from '../lib/errors';
import { formatCount } from '../lib/format';
import { formatHash } from '../router';
import { useTRPC } from '../trpc/client';

export function ExamplesBlock() {
  const trpc = useTRPC();
  const { t } = useT();
  const queryClient = useQueryClient();
  const examples = useQuery(trpc.examples.list.queryOptions());
  const refs = useQuery(trpc.referentials.list.queryOptions());
  const [done, setDone] = useState<string | null>(null);
  const load = useMutation(
    trpc.examples.load.mutationOptions({
      onSuccess: (r) => {
        setDone(tr(`examples.done_${plural(r.written)}`, { n: formatCount(r.written), id: r.referentialId }));
        void queryClient.invalidateQueries();
      },
    }),
  );
  if (!examples.data || examples.data.length === 0 || !refs.data) return null;
  const imported = new Set(refs.data.map((r) => r.id));
  const refused = load.error ? shownError(load.error).message : null;

  return (
    <section className="card no-print" data-testid="examples" aria-labelledby="examples-title">
      <h2 id="examples-title">{t('examples.title')}</h2>
      <ul className="plain">
        {examples.data.map((e) => (
          <li key={e.id} data-testid={`example-${e.id}`}>
            <p>
              <strong>{e.titre}</strong> — {e.description}
            </p>
            {imported.has(e.referentialId) ? (
              <p className="field-row">
                <button type="button" className="secondary" data-testid={`example-load-${e.id}`} disabled={load.isPending} onClick={() => load.mutate({ id: e.id })}>
                  {t('examples.load', { n: formatCount(e.statuts) })}
                </button>
                {load.error && /remplacerait/.test(load.error.message) && (
                  <button type="button" data-testid={`example-replace-${e.id}`} disabled={load.isPending} onClick={() => load.mutate({ id: e.id, remplacer: true })}>
                    {t('examples.replace')}
                  </button>
                )}
              </p>
            ) : (
              <p className="muted small">
                {t('examples.importFirst', { id: e.referentialId })} (<a href={formatHash({ page: 'referentiel', referentialId: null, nodeId: null })}>{t('examples.referentielScreen')}</a>).
              </p>
            )}
          </li>
        ))}
      </ul>
      {refused && (
        <p className="error" role="alert" data-testid="example-error">
          {refused}
        </p>
      )}
      {done && !refused && (
        <p role="status" data-testid="example-done">
          {done}
        </p>
      )}
    </section>
  );
}
