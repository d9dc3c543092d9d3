/** The app frame: a header with the navigation (Tableau de bord, Référentiel, Personnalisation, Candidature, Preuves, Jalons, Export) and the current screen. */
import { CandidaturePage } from './pages/CandidaturePage';
import { ComparaisonPage } from './pages/ComparaisonPage';
import { Dashboard } from './pages/Dashboard';
import { ExportPage } from './pages/ExportPage';
import { JalonsPage } from './pages/JalonsPage';
import { MesCriteresPage } from './pages/MesCriteresPage';
import { PersonnalisationPage } from './pages/PersonnalisationPage';
import { PreuvesPage } from './pages/PreuvesPage';
import { ReferentialPage } from './pages/ReferentialPage';
import { SauvegardesPage } from './pages/SauvegardesPage';
import { formatHash, useRoute, type Route } from './router';

const NAV: Array<{ page: Route['page']; label: string; route: Route }> = [
  { page: 'dashboard', label: 'Tableau de bord', route: { page: 'dashboard' } },
  { page: 'referentiel', label: 'Référentiel', route: { page: 'referentiel', referentialId: null, nodeId: null } },
  { page: 'personnalisation', label: 'Personnalisation', route: { page: 'personnalisation' } },
  { page: 'candidature', label: 'Candidature', route: { page: 'candidature', referentialId: null } },
  { page: 'mes-criteres', label: 'Mes critères', route: { page: 'mes-criteres', ownerKey: null } },
  { page: 'preuves', label: 'Preuves', route: { page: 'preuves' } },
  { page: 'jalons', label: 'Jalons', route: { page: 'jalons' } },
  { page: 'export', label: 'Export', route: { page: 'export', referentialId: null } },
];

export function App() {
  const route = useRoute();
  return (
    <>
      <a className="skip-link" href="#contenu">
        Aller au contenu
      </a>
      <header className="app-header">
        <span className="brand">Label Audit</span>
        <nav aria-label="Navigation principale">
          <ul>
            {NAV.map((n) => (
              <li key={n.page}>
                <a href={formatHash(n.route)} data-testid={`nav-${n.page}`} aria-current={route.page === n.page ? 'page' : undefined}>
                  {n.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="contenu" tabIndex={-1}>
        {route.page === 'dashboard' && <Dashboard />}
        {route.page === 'referentiel' && <ReferentialPage referentialId={route.referentialId} nodeId={route.nodeId} filters={route.filters} />}
        {route.page === 'export' && <ExportPage referentialId={route.referentialId} />}
        {route.page === 'personnalisation' && <PersonnalisationPage />}
        {route.page === 'candidature' && <CandidaturePage referentialId={route.referentialId} />}
        {route.page === 'mes-criteres' && <MesCriteresPage ownerKey={route.ownerKey} />}
        {route.page === 'sauvegardes' && <SauvegardesPage />}
        {route.page === 'preuves' && <PreuvesPage />}
        {route.page === 'jalons' && <JalonsPage />}
        {route.page === 'comparaison' && <ComparaisonPage route={route} />}
      </main>
    </>
  );
}
