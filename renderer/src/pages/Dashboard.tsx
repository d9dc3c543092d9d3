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
import { useDroits } from '../lib/droits';
import { tr, useT } from '../i18n';

export function Dashboard() {
  const trpc = useTRPC();
  const { t } = useT();
  const workspace = useQuery(trpc.workspace.get.queryOptions());
  const list = useQuery(trpc.referentials.list.queryOptions());
  // Backups, the first steps and the examples are the référent's (lib/droits.tsx).
  const droits = useDroits();

  return (
    <div className="page">
      <h1 data-testid="workspace-nom">{workspace.data?.nom ?? t('nav.dashboard')}</h1>
      {workspace.data && (
        <p className="muted">
          {t('nav.dashboard')} · {typeCollectiviteLabel(workspace.data.typeCollectivite)}
          {workspace.data.population !== null ? ` · ${t('dashboard.habitants', { n: formatCount(workspace.data.population) })}` : ''}
        </p>
      )}
      <p className="dashboard-actions no-print">
        {droits.peut('backups.create', { type: 'subscription' }) && (
          <a href={formatHash({ page: 'sauvegardes' })} data-testid="dashboard-sauvegardes">
            {t('dashboard.sauvegardes')}
          </a>
        )}
        <button type="button" className="secondary" data-testid="dashboard-print" onClick={() => window.print()}>
          {t('dashboard.print')}
        </button>
      </p>
      {droits.peut('workspace.update') && <FirstRunGuide />}
      <QueryState query={list} what={t('common.referentialList')}>
        {(refs) =>
          refs.length === 0 ? (
            <p>{t('common.noReferential')}</p>
          ) : (
            <div className="cards">
              {refs.map((r) => (
                <ReferentialCard key={r.id} referentialId={r.id} />
              ))}
            </div>
          )
        }
      </QueryState>
      {droits.peut('examples.load') && <ExamplesBlock />}
    </div>
  );
}

/** The workspace's type of collectivité in the interface language ('commune' → « Commune » / "Municipality"); an unknown value as is. */
function typeCollectiviteLabel(value: string): string {
  const key = `identityType.${value}`;
  const text = tr(key);
  return text === key ? value : text;
}

function ReferentialCard({ referentialId }: { referentialId: string }) {
  const trpc = useTRPC();
  const { t } = useT();
  const referential = useQuery({ ...trpc.referentials.get.queryOptions({ referentialId }), staleTime: Infinity });
  const score = useQuery(trpc.scores.get.queryOptions({ referentialId }));
  const jalons = useQuery(trpc.jalons.list.queryOptions());
  const error = referential.error ?? score.error;
  if (error) {
    return (
      <section className="card" data-testid={`referential-card-${referentialId}`}>
        <p className="error" role="alert">
          {t('dashboard.cardError', { id: referentialId, message: shownError(error).message })}
        </p>
      </section>
    );
  }
  if (!referential.data || !score.data) return <section className="card loading">{t('common.loadingOf', { what: referentialId })}</section>;
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
