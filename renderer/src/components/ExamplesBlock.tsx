/**
 * « Exemples » on the Tableau de bord: the example statuts shipped with the app (`examples.list`), first of all
 * Label Audit's own RGESN self-assessment, loaded into this workspace with one button (`examples.load`) once its
 * referential is imported; over statuts already entered, the server's refusal is shown with « Remplacer ».
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { shownError } from '../lib/errors';
import { formatCount } from '../lib/format';
import { formatHash } from '../router';
import { useTRPC } from '../trpc/client';

export function ExamplesBlock() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const examples = useQuery(trpc.examples.list.queryOptions());
  const refs = useQuery(trpc.referentials.list.queryOptions());
  const [done, setDone] = useState<string | null>(null);
  const load = useMutation(
    trpc.examples.load.mutationOptions({
      onSuccess: (r) => {
        setDone(`Exemple chargé : ${formatCount(r.written)} statut${r.written > 1 ? 's' : ''} écrit${r.written > 1 ? 's' : ''} dans ${r.referentialId}.`);
        void queryClient.invalidateQueries();
      },
    }),
  );
  if (!examples.data || examples.data.length === 0 || !refs.data) return null;
  const imported = new Set(refs.data.map((r) => r.id));
  const refused = load.error ? shownError(load.error).message : null;

  return (
    <section className="card no-print" data-testid="examples" aria-labelledby="examples-title">
      <h2 id="examples-title">Exemples</h2>
      <ul className="plain">
        {examples.data.map((e) => (
          <li key={e.id} data-testid={`example-${e.id}`}>
            <p>
              <strong>{e.titre}</strong> — {e.description}
            </p>
            {imported.has(e.referentialId) ? (
              <p className="field-row">
                <button type="button" className="secondary" data-testid={`example-load-${e.id}`} disabled={load.isPending} onClick={() => load.mutate({ id: e.id })}>
                  Charger l'exemple ({formatCount(e.statuts)} critères)
                </button>
                {refused && /remplacerait/.test(refused) && (
                  <button type="button" data-testid={`example-replace-${e.id}`} disabled={load.isPending} onClick={() => load.mutate({ id: e.id, remplacer: true })}>
                    Remplacer les statuts saisis
                  </button>
                )}
              </p>
            ) : (
              <p className="muted small">
                Importez d'abord le référentiel {e.referentialId} (<a href={formatHash({ page: 'referentiel', referentialId: null, nodeId: null })}>écran Référentiel</a>).
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
