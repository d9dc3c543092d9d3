/**
 * A small hash router (the app needs three screens, and hash changes never navigate, which the Electron shell
 * forbids). Routes:
 *   `#/`                                   Tableau de bord
 *   `#/referentiel/<referentialId>`        Référentiel (tree)
 *   `#/referentiel/<referentialId>/<nodeId>` the same with a criterion panel open
 *   `#/export` or `#/export/<referentialId>`  Export
 *   `#/personnalisation`                    Personnalisation (identity and competence questions)
 *   `#/candidature` or `#/candidature/<referentialId>`  Candidature (readiness checklist for a label)
 *   `#/mes-criteres` or `#/mes-criteres/<personId>` (or `service:<serviceId>`)  Mes critères of a pilote or service
 *   `#/sauvegardes`                        Sauvegardes (backups and restore)
 *   `#/preuves`                             Preuves (the library and « À compléter »)
 *   `#/partage`                             Partage (sharing on the local network, invitations)
 *   `#/audit` or `#/audit/<referentialId>`  Audit (the cycle, the auditor's workspace, the decision)
 *   `#/historique` or `#/historique/<referentialId>/<nodeId>`  Historique (the whole file's timeline, filterable)
 *   `#/jalons`                              Jalons (the list, and taking one)
 *   `#/comparaison?a=<id>&b=<id|maintenant>[&ref=<referentialId>][&tout=1]`  Comparison of two states
 * The Référentiel routes take the tree's search and filters as a query string after the path
 * (`#/referentiel/cae?q=mobilite&statut=fait`, lib/treeFilters.ts), so they survive a reload.
 */
import { useEffect, useState } from 'react';
import { formatFilters, parseFilters, type TreeFilters } from './lib/treeFilters';

export type Route =
  | { page: 'dashboard' }
  | { page: 'referentiel'; referentialId: string | null; nodeId: string | null; filters?: TreeFilters }
  | { page: 'export'; referentialId: string | null }
  | { page: 'personnalisation' }
  | { page: 'candidature'; referentialId: string | null }
  | { page: 'mes-criteres'; ownerKey: string | null }
  | { page: 'sauvegardes' }
  | { page: 'preuves' }
  | { page: 'partage' }
  | { page: 'audit'; referentialId: string | null }
  | { page: 'historique'; referentialId: string | null; nodeId: string | null }
  | { page: 'jalons' }
  | { page: 'comparaison'; a: string | null; b: string | null; referentialId: string | null; tout: boolean };

/** Parses a location hash (`#/referentiel/cae/cae_1.1.1`); anything unknown is the dashboard. */
export function parseHash(hash: string): Route {
  const q = hash.indexOf('?');
  const search = q >= 0 ? hash.slice(q + 1) : '';
  const parts = (q >= 0 ? hash.slice(0, q) : hash)
    .replace(/^#\/?/, '')
    .split('/')
    .filter((p) => p !== '')
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  const [page, a, b] = parts;
  if (page === 'referentiel') {
    const filters = parseFilters(search);
    return { page: 'referentiel', referentialId: a ?? null, nodeId: b ?? null, ...(Object.keys(filters).length > 0 ? { filters } : {}) };
  }
  if (page === 'export') return { page: 'export', referentialId: a ?? null };
  if (page === 'personnalisation') return { page: 'personnalisation' };
  if (page === 'candidature') return { page: 'candidature', referentialId: a ?? null };
  if (page === 'mes-criteres') return { page: 'mes-criteres', ownerKey: a ?? null };
  if (page === 'sauvegardes') return { page: 'sauvegardes' };
  if (page === 'preuves') return { page: 'preuves' };
  if (page === 'partage') return { page: 'partage' };
  if (page === 'audit') return { page: 'audit', referentialId: a ?? null };
  if (page === 'historique') return { page: 'historique', referentialId: a ?? null, nodeId: b ?? null };
  if (page === 'jalons') return { page: 'jalons' };
  if (page === 'comparaison') {
    const q = new URLSearchParams(search);
    return { page: 'comparaison', a: q.get('a'), b: q.get('b'), referentialId: q.get('ref'), tout: q.get('tout') === '1' };
  }
  return { page: 'dashboard' };
}

/** The hash of a route: inverse of `parseHash`. */
export function formatHash(route: Route): string {
  const enc = encodeURIComponent;
  switch (route.page) {
    case 'dashboard':
      return '#/';
    case 'referentiel': {
      const qs = formatFilters(route.filters);
      return `#/referentiel${route.referentialId ? `/${enc(route.referentialId)}` : ''}${route.referentialId && route.nodeId ? `/${enc(route.nodeId)}` : ''}${qs ? `?${qs}` : ''}`;
    }
    case 'export':
      return `#/export${route.referentialId ? `/${enc(route.referentialId)}` : ''}`;
    case 'personnalisation':
      return '#/personnalisation';
    case 'candidature':
      return `#/candidature${route.referentialId ? `/${enc(route.referentialId)}` : ''}`;
    case 'mes-criteres':
      return `#/mes-criteres${route.ownerKey ? `/${enc(route.ownerKey)}` : ''}`;
    case 'sauvegardes':
      return '#/sauvegardes';
    case 'preuves':
      return '#/preuves';
    case 'partage':
      return '#/partage';
    case 'audit':
      return `#/audit${route.referentialId ? `/${enc(route.referentialId)}` : ''}`;
    case 'historique':
      return `#/historique${route.referentialId ? `/${enc(route.referentialId)}` : ''}${route.referentialId && route.nodeId ? `/${enc(route.nodeId)}` : ''}`;
    case 'jalons':
      return '#/jalons';
    case 'comparaison': {
      const q = new URLSearchParams();
      if (route.a) q.set('a', route.a);
      if (route.b) q.set('b', route.b);
      if (route.referentialId) q.set('ref', route.referentialId);
      if (route.tout) q.set('tout', '1');
      const qs = q.toString();
      return `#/comparaison${qs ? `?${qs}` : ''}`;
    }
  }
}

/** Goes to `route` (adds a history entry). */
export function navigate(route: Route): void {
  window.location.hash = formatHash(route);
}

/**
 * Replaces the current route without a new history entry (typing in the search box must not fill the Back
 * button's history), then tells `useRoute` listeners (replaceState fires no `hashchange`).
 */
export function replaceRoute(route: Route): void {
  const hash = formatHash(route);
  if (hash === window.location.hash) return;
  window.history.replaceState(window.history.state, '', hash);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

/** The current route, updated on `hashchange`. */
export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
