/** Tableau de bord: the workspace name, the link to the Sauvegardes screen, « Imprimer » (print CSS in styles/print.css), and one ScoreCard per imported referential. */
import { useQuery } from '@tanstack/react-query';
import { formatHash } from '../router';
import { ExamplesBlock } from '../components/ExamplesBlock';
import { FirstRunGuide } from '../components/FirstRunGuide';
import { ScoreCard } from '../components/ScoreCard';
import { QueryState } from '../components/QueryState';
import { shownError } from '../lib/errors';
import { progressionPoints } from '../lib/charts';
import { formatCount } from '../lib/format';
import { useTRPC } from '../trpc/client';

export function Dashboard() {
  const trpc = useTRPC();
  const workspace = useQuery(trpc.workspace.get.queryOptions());
  const list = useQuery(trpc.referentials.list.queryOptions());

  return (
    <div className="page">
      <h1 data-testid="workspace-nom">{workspace.data?.nom ?? 'Tableau de bord'}</h1>
      {workspace.data && (
        <p className="muted">
          Tableau de bord · {workspace.data.typeCollectivite}
          {workspace.data.population !== null ? ` · ${formatCount(workspace.data.population)} habitants` : ''}
        </p>
      )}
      <p className="dashboard-actions no-print">
        <a href={formatHash({ page: 'sauvegardes' })} data-testid="dashboard-sauvegardes">
          Sauvegardes et restauration
        </a>
        <button type="button" className="secondary" data-testid="dashboard-print" onClick={() => window.print()}>
          Imprimer le tableau de bord
        </button>
      </p>
      <FirstRunGuide />
      <QueryState query={list} what="la liste des référentiels">
        {(refs) =>
          refs.length === 0 ? (
            <p>Aucun référentiel importé pour l'instant.</p>
          ) : (
            <div className="cards">
              {refs.map((r) => (
                <ReferentialCard key={r.id} referentialId={r.id} />
              ))}
            </div>
          )
        }
      </QueryState>
      <ExamplesBlock />
    </div>
  );
}

function ReferentialCard({ referentialId }: { referentialId: string }) {
  const trpc = useTRPC();
  const referential = useQuery({ ...trpc.referentials.get.queryOptions({ referentialId }), staleTime: Infinity });
  const score = useQuery(trpc.scores.get.queryOptions({ referentialId }));
  const jalons = useQuery(trpc.jalons.list.queryOptions());
  const error = referential.error ?? score.error;
  if (error) {
    return (
      <section className="card" data-testid={`referential-card-${referentialId}`}>
        <p className="error" role="alert">
          Impossible de charger le référentiel {referentialId} : {shownError(error).message}
        </p>
      </section>
    );
  }
  if (!referential.data || !score.data) return <section className="card loading">Chargement de {referentialId}…</section>;
  return (
    <ScoreCard
      referential={referential.data}
      score={score.data}
      treeHref={formatHash({ page: 'referentiel', referentialId, nodeId: null })}
      candidatureHref={referential.data.niveaux.length > 0 ? formatHash({ page: 'candidature', referentialId }) : undefined}
      progression={progressionPoints(jalons.data ?? [], referentialId, score.data.root.score)}
    />
  );
}
