/**
 * The app frame: a header with the navigation (Tableau de bord, Référentiel, Personnalisation, Candidature, Preuves,
 * Jalons, Export, Partage), the sharing banner while sharing is on, and the current screen. Over the shared link a pilote
 * sees only their own screen (EspacePilotePage); other invited roles see the app without « Partage ».
 */
import { useQuery } from '@tanstack/react-query';
import { ROLE_LABELS } from '../../shared/roles';
import { PartageBanner } from './components/PartageBanner';
import { CandidaturePage } from './pages/CandidaturePage';
import { EspacePilotePage } from './pages/EspacePilotePage';
import { ComparaisonPage } from './pages/ComparaisonPage';
import { Dashboard } from './pages/Dashboard';
import { ExportPage } from './pages/ExportPage';
import { JalonsPage } from './pages/JalonsPage';
import { MesCriteresPage } from './pages/MesCriteresPage';
import { PersonnalisationPage } from './pages/PersonnalisationPage';
import { PreuvesPage } from './pages/PreuvesPage';
import { ReferentialPage } from './pages/ReferentialPage';
import { SauvegardesPage } from './pages/SauvegardesPage';
import { PartagePage } from './pages/PartagePage';
import { formatHash, useRoute, type Route } from './router';
import { useTRPC } from './trpc/client';

const NAV: Array<{ page: Route['page']; label: string; route: Route }> = [
  { page: 'dashboard', label: 'Tableau de bord', route: { page: 'dashboard' } },
  { page: 'referentiel', label: 'Référentiel', route: { page: 'referentiel', referentialId: null, nodeId: null } },
  { page: 'personnalisation', label: 'Personnalisation', route: { page: 'personnalisation' } },
  { page: 'candidature', label: 'Candidature', route: { page: 'candidature', referentialId: null } },
  { page: 'mes-criteres', label: 'Mes critères', route: { page: 'mes-criteres', ownerKey: null } },
  { page: 'preuves', label: 'Preuves', route: { page: 'preuves' } },
  { page: 'jalons', label: 'Jalons', route: { page: 'jalons' } },
  { page: 'export', label: 'Export', route: { page: 'export', referentialId: null } },
  { page: 'partage', label: 'Partage', route: { page: 'partage' } },
];

export function App() {
  const route = useRoute();
  const trpc = useTRPC();
  // Over the shared link, the core says who we are (partage.moi): a pilote gets their own screen only.
  const moi = useQuery(trpc.partage.moi.queryOptions(undefined, { staleTime: Infinity }));
  if (moi.isPending) return null;
  if (moi.data?.distant && moi.data.role === 'pilote' && moi.data.personId) {
    return (
      <>
        <header className="app-header">
          <span className="brand">Label Audit</span>
          <span data-testid="moi">
            {moi.data.nom} — {ROLE_LABELS[moi.data.role]}
          </span>
        </header>
        <main id="contenu" tabIndex={-1}>
          <EspacePilotePage personId={moi.data.personId} nom={moi.data.nom} />
        </main>
      </>
    );
  }
  const local = !moi.data?.distant;
  return (
    <>
      <a className="skip-link" href="#contenu">
        Aller au contenu
      </a>
      <header className="app-header">
        <span className="brand">Label Audit</span>
        <nav aria-label="Navigation principale">
          <ul>
            {NAV.filter((n) => local || n.page !== 'partage').map((n) => (
              <li key={n.page}>
                <a href={formatHash(n.route)} data-testid={`nav-${n.page}`} aria-current={route.page === n.page ? 'page' : undefined}>
                  {n.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      {local && <PartageBanner />}
      <main id="contenu" tabIndex={-1}>
        {route.page === 'dashboard' && <Dashboard />}
        {route.page === 'referentiel' && <ReferentialPage referentialId={route.referentialId} nodeId={route.nodeId} />}
        {route.page === 'export' && <ExportPage referentialId={route.referentialId} />}
        {route.page === 'personnalisation' && <PersonnalisationPage />}
        {route.page === 'candidature' && <CandidaturePage referentialId={route.referentialId} />}
        {route.page === 'mes-criteres' && <MesCriteresPage ownerKey={route.ownerKey} />}
        {route.page === 'sauvegardes' && <SauvegardesPage />}
        {route.page === 'preuves' && <PreuvesPage />}
        {route.page === 'partage' && local && <PartagePage />}
        {route.page === 'jalons' && <JalonsPage />}
        {route.page === 'comparaison' && <ComparaisonPage route={route} />}
      </main>
    </>
  );
}
