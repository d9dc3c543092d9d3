/**
 * The app frame: a skip link, a header with the navigation (Tableau de bord, Référentiel, Personnalisation,
 * Candidature, Mes critères, Preuves, Jalons, Export, Partage) and the language and theme switches, the live region
 * that announces score updates, the sharing banner while sharing is on, and the current screen in `<main>`. Over the
 * shared link a pilote sees only their own screen (EspacePilotePage); other invited roles see the app without
 * « Partage », and every screen shows only the controls their role may use (lib/droits.tsx, from the core's access
 * table): the navigation leaves out the screens they cannot use (« Export » for a lecteur).
 */
import { useQuery } from '@tanstack/react-query';
import { HeaderSettings } from './components/HeaderSettings';
import { LiveRegion } from './components/LiveRegion';
import { PartageBanner } from './components/PartageBanner';
import { useT } from './i18n';
import { CandidaturePage } from './pages/CandidaturePage';
import { ComparaisonPage } from './pages/ComparaisonPage';
import { Dashboard } from './pages/Dashboard';
import { EspacePilotePage } from './pages/EspacePilotePage';
import { ExportPage } from './pages/ExportPage';
import { JalonsPage } from './pages/JalonsPage';
import { MesCriteresPage } from './pages/MesCriteresPage';
import { PartagePage } from './pages/PartagePage';
import { PersonnalisationPage } from './pages/PersonnalisationPage';
import { PreuvesPage } from './pages/PreuvesPage';
import { ReferentialPage } from './pages/ReferentialPage';
import { SauvegardesPage } from './pages/SauvegardesPage';
import { AuditPage } from './pages/AuditPage';
import { HistoriquePage } from './pages/HistoriquePage';
import { formatHash, useRoute, type Route } from './router';
import { useTRPC } from './trpc/client';
import { DroitsProvider, droitsDe } from './lib/droits';

/** The navigation; each label is `nav.<page>` in the catalogues (i18n/fr.ts). */
const NAV: Array<{ page: Route['page']; route: Route }> = [
  { page: 'dashboard', route: { page: 'dashboard' } },
  { page: 'referentiel', route: { page: 'referentiel', referentialId: null, nodeId: null } },
  { page: 'personnalisation', route: { page: 'personnalisation' } },
  { page: 'candidature', route: { page: 'candidature', referentialId: null } },
  { page: 'mes-criteres', route: { page: 'mes-criteres', ownerKey: null } },
  { page: 'preuves', route: { page: 'preuves' } },
  { page: 'jalons', route: { page: 'jalons' } },
  { page: 'export', route: { page: 'export', referentialId: null } },
  { page: 'audit', route: { page: 'audit', referentialId: null } },
  { page: 'historique', route: { page: 'historique', referentialId: null, nodeId: null } },
  { page: 'partage', route: { page: 'partage' } },
];

export function App() {
  const route = useRoute();
  const { t } = useT();
  const trpc = useTRPC();
  // Over the shared link, the core says who we are (partage.moi): a pilote gets their own screen only.
  const moi = useQuery(trpc.partage.moi.queryOptions(undefined, { staleTime: Infinity }));
  if (moi.isPending) return null;
  if (moi.data?.distant && moi.data.role === 'pilote' && moi.data.personId) {
    return (
      <>
        <a className="skip-link" href="#contenu">
          {t('app.skip')}
        </a>
        <header className="app-header">
          <span className="brand">Label Audit</span>
          <span data-testid="moi">
            {moi.data.nom} — {t(`roles.${moi.data.role}`)}
          </span>
          <HeaderSettings />
          <LiveRegion />
        </header>
        <main id="contenu" tabIndex={-1}>
          <DroitsProvider role="pilote" distant>
            <EspacePilotePage personId={moi.data.personId} nom={moi.data.nom} />
          </DroitsProvider>
        </main>
      </>
    );
  }
  const local = !moi.data?.distant;
  // An invited auditeur or lecteur sees who they are and what they may do; the core refuses anything else.
  const invite = !local && moi.data && moi.data.role !== 'referent' ? moi.data : null;
  const role = moi.data?.role ?? 'referent';
  const droits = droitsDe(role, !local);
  // A screen is in the navigation when its role may use it: « Partage » in the local app only; « Export » for who may
  // build or download the pack.
  const visible = (page: Route['page']) =>
    page === 'partage' ? local : page === 'export' ? droits.peut('pack.exportProgress', { type: 'subscription' }) || droits.peutPaquet : true;
  return (
    <>
      <a className="skip-link" href="#contenu">
        {t('app.skip')}
      </a>
      <header className="app-header">
        <span className="brand">Label Audit</span>
        <nav aria-label={t('app.navLabel')}>
          <ul>
            {NAV.filter((n) => visible(n.page)).map((n) => (
              <li key={n.page}>
                <a href={formatHash(n.route)} data-testid={`nav-${n.page}`} aria-current={route.page === n.page ? 'page' : undefined}>
                  {t(`nav.${n.page}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {invite && (
          <span data-testid="moi">
            {invite.nom} — {t(`roles.${invite.role}`)}
          </span>
        )}
        <HeaderSettings />
        <LiveRegion />
      </header>
      {local && <PartageBanner />}
      <main id="contenu" tabIndex={-1}>
        {/* Inside <main>: every piece of content belongs to a landmark (axe `region`). */}
        {invite && (
          <p className="role-notice" role="note" data-testid="role-notice">
            {invite.role === 'auditeur' ? t('app.roleNoticeAuditeur') : t('app.roleNoticeLecture')}
          </p>
        )}
        <DroitsProvider role={role} distant={!local}>
          {route.page === 'dashboard' && <Dashboard />}
          {route.page === 'referentiel' && <ReferentialPage referentialId={route.referentialId} nodeId={route.nodeId} filters={route.filters} />}
          {route.page === 'export' && visible('export') && <ExportPage referentialId={route.referentialId} />}
          {route.page === 'personnalisation' && <PersonnalisationPage />}
          {route.page === 'candidature' && <CandidaturePage referentialId={route.referentialId} />}
          {route.page === 'mes-criteres' && <MesCriteresPage ownerKey={route.ownerKey} />}
          {route.page === 'sauvegardes' && droits.peut('backups.restore') && <SauvegardesPage />}
          {route.page === 'preuves' && <PreuvesPage />}
          {route.page === 'partage' && local && <PartagePage />}
          {route.page === 'audit' && <AuditPage referentialId={route.referentialId} />}
          {route.page === 'historique' && <HistoriquePage referentialId={route.referentialId} nodeId={route.nodeId} />}
          {route.page === 'jalons' && <JalonsPage />}
          {route.page === 'comparaison' && <ComparaisonPage route={route} />}
        </DroitsProvider>
      </main>
    </>
  );
}
