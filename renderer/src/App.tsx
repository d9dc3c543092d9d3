/**
 * The app frame: a skip link, a header with the navigation (Tableau de bord, Référentiel, Personnalisation,
 * Candidature, Mes critères, Preuves, Export) and the language and theme switches, the live region that announces
 * score updates, and the current screen in `<main>`.
 */
import { CandidaturePage } from './pages/CandidaturePage';
import { Dashboard } from './pages/Dashboard';
import { ExportPage } from './pages/ExportPage';
import { MesCriteresPage } from './pages/MesCriteresPage';
import { PersonnalisationPage } from './pages/PersonnalisationPage';
import { PreuvesPage } from './pages/PreuvesPage';
import { ReferentialPage } from './pages/ReferentialPage';
import { SauvegardesPage } from './pages/SauvegardesPage';
import { HeaderSettings } from './components/HeaderSettings';
import { LiveRegion } from './components/LiveRegion';
import { useT } from './i18n';
import { formatHash, useRoute, type Route } from './router';

/** The navigation; each label is `nav.<page>` in the catalogues (i18n/fr.ts). */
const NAV: Array<{ page: Route['page']; route: Route }> = [
  { page: 'dashboard', route: { page: 'dashboard' } },
  { page: 'referentiel', route: { page: 'referentiel', referentialId: null, nodeId: null } },
  { page: 'personnalisation', route: { page: 'personnalisation' } },
  { page: 'candidature', route: { page: 'candidature', referentialId: null } },
  { page: 'mes-criteres', route: { page: 'mes-criteres', ownerKey: null } },
  { page: 'preuves', route: { page: 'preuves' } },
  { page: 'export', route: { page: 'export', referentialId: null } },
];

export function App() {
  const route = useRoute();
  const { t } = useT();
  return (
    <>
      <a className="skip-link" href="#contenu">
        {t('app.skip')}
      </a>
      <header className="app-header">
        <span className="brand">Label Audit</span>
        <nav aria-label={t('app.navLabel')}>
          <ul>
            {NAV.map((n) => (
              <li key={n.page}>
                <a href={formatHash(n.route)} data-testid={`nav-${n.page}`} aria-current={route.page === n.page ? 'page' : undefined}>
                  {t(`nav.${n.page}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <HeaderSettings />
        <LiveRegion />
      </header>
      <main id="contenu" tabIndex={-1}>
        {route.page === 'dashboard' && <Dashboard />}
        {route.page === 'referentiel' && <ReferentialPage referentialId={route.referentialId} nodeId={route.nodeId} />}
        {route.page === 'export' && <ExportPage referentialId={route.referentialId} />}
        {route.page === 'personnalisation' && <PersonnalisationPage />}
        {route.page === 'candidature' && <CandidaturePage referentialId={route.referentialId} />}
        {route.page === 'mes-criteres' && <MesCriteresPage ownerKey={route.ownerKey} />}
        {route.page === 'sauvegardes' && <SauvegardesPage />}
        {route.page === 'preuves' && <PreuvesPage />}
      </main>
    </>
  );
}
