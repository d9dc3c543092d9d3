/**
 * Filters of the Référentiel tree (issue 8 item 4): the search text and filters on statut, pilote, service,
 * échéance and missing preuves, kept in the address (`#/referentiel/cae?q=mobilite&statut=fait`) so that a
 * reload or a shared link shows the same rows. Pure: parsing / formatting the query string and the node predicate.
 */
import type { DisplayStatut, NodeScore, ReferentialNode, ScoringModel } from '../../../shared/domain';
import { acceptsStatut, shownStatut } from './statuts';

/** Échéance filter: past (before today), within 30 days from today, or any échéance set. */
export type EcheanceFilter = 'depassee' | 'proche' | 'definie';

/** The tree's search and filters; absent = no filter. Values are what the address carries. */
export interface TreeFilters {
  /** Search text: an identifiant or words of the title (lib/tree.ts `nodeMatches`). */
  q?: string;
  /** A display statut key (`fait`, `non_renseigne`…); `non_renseigne` = nothing entered. */
  statut?: string;
  /** A pilote's name as `nodes.overview` gives it. */
  pilote?: string;
  /** A service's name as `nodes.overview` gives it. */
  service?: string;
  echeance?: EcheanceFilter;
  /** Only criteria whose statut claims something (fait, programmé, détaillé, conforme) with no preuve on them or above. */
  sansPreuve?: boolean;
  /** Only nodes whose score or statut changed since this jalon (id), when jalons exist. */
  jalon?: string;
}

const ECHEANCES: readonly EcheanceFilter[] = ['depassee', 'proche', 'definie'];
const KEYS = ['q', 'statut', 'pilote', 'service', 'echeance', 'sansPreuve', 'jalon'] as const;

/** French labels of the échéance filter, in menu order. */
export const ECHEANCE_LABELS: Record<EcheanceFilter, string> = {
  depassee: 'Dépassée',
  proche: 'Dans les 30 jours',
  definie: 'Fixée',
};

/**
 * Reads filters from a query string (`q=…&statut=fait`, with or without the leading `?`). Unknown keys, empty
 * values and an unknown échéance value are ignored (an old or hand-edited link still opens the tree).
 */
export function parseFilters(search: string): TreeFilters {
  const p = new URLSearchParams(search.replace(/^\?/, ''));
  const out: TreeFilters = {};
  const str = (k: 'q' | 'statut' | 'pilote' | 'service' | 'jalon') => {
    const v = p.get(k);
    if (v !== null && v.trim() !== '') out[k] = v;
  };
  str('q');
  str('statut');
  str('pilote');
  str('service');
  str('jalon');
  const e = p.get('echeance');
  if (e !== null && (ECHEANCES as readonly string[]).includes(e)) out.echeance = e as EcheanceFilter;
  if (p.get('sansPreuve') === '1') out.sansPreuve = true;
  return out;
}

/** The query string of `filters` without `?` (`''` when none), keys in a fixed order: inverse of `parseFilters`. */
export function formatFilters(filters: TreeFilters | undefined): string {
  if (!filters) return '';
  const p = new URLSearchParams();
  for (const k of KEYS) {
    const v = filters[k];
    if (v === undefined || v === '' || v === false) continue;
    p.set(k, v === true ? '1' : v);
  }
  return p.toString();
}

/** Whether any filter other than the search text is set. */
export function hasNodeFilters(f: TreeFilters): boolean {
  return f.statut !== undefined || f.pilote !== undefined || f.service !== undefined || f.echeance !== undefined || f.sansPreuve === true || f.jalon !== undefined;
}

/** What the node predicate needs to know of the workspace. */
export interface FilterFacts {
  model: ScoringModel;
  actionLevel: number;
  scores: Record<string, NodeScore>;
  overview: Record<string, { pilotes: string[]; services: string[]; echeance: string | null; preuves: number }>;
  byId: Map<string, ReferentialNode>;
  hasChildren(nodeId: string): boolean;
  /** Today as `YYYY-MM-DD` (local date). */
  today: string;
  /** Node ids changed since the chosen jalon; undefined when unknown (the filter then keeps nothing). */
  changedSinceJalon?: ReadonlySet<string>;
}

const CLAIMS: ReadonlySet<DisplayStatut> = new Set<DisplayStatut>(['fait', 'programme', 'detaille', 'conforme']);

/** `YYYY-MM-DD` plus `days` days (UTC arithmetic on the calendar date). */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Whether `node` passes the filters other than the search text (the search is lib/tree.ts `nodeMatches`).
 * statut: the display statut shown in the tree (`non_renseigne` = a node taking a statut with nothing entered);
 * pilote / service / échéance: the node's own assignment; sansPreuve: a claiming statut and no preuve on the node
 * nor on any ancestor (TETE preuves are often attached to the mesure).
 */
export function nodePassesFilters(node: ReferentialNode, f: TreeFilters, facts: FilterFacts): boolean {
  const o = facts.overview[node.id];
  if (f.pilote !== undefined && !(o?.pilotes.includes(f.pilote) ?? false)) return false;
  if (f.service !== undefined && !(o?.services.includes(f.service) ?? false)) return false;
  if (f.echeance !== undefined) {
    const e = o?.echeance ?? null;
    if (e === null) return false;
    if (f.echeance === 'depassee' && !(e < facts.today)) return false;
    if (f.echeance === 'proche' && !(e >= facts.today && e <= addDays(facts.today, 30))) return false;
  }
  if (f.statut !== undefined || f.sansPreuve) {
    const s = facts.scores[node.id];
    if (!s) return false;
    const shown = shownStatut(node, s, facts.model, facts.actionLevel, facts.hasChildren(node.id));
    if (f.statut !== undefined) {
      if (shown === undefined) return false;
      if ((shown ?? 'non_renseigne') !== f.statut) return false;
    }
    if (f.sansPreuve) {
      if (!acceptsStatut(node, facts.model, facts.actionLevel, facts.hasChildren(node.id))) return false;
      if (shown === undefined || shown === null || !CLAIMS.has(shown)) return false;
      for (let cur: ReferentialNode | undefined = node; cur; cur = cur.parentId === null ? undefined : facts.byId.get(cur.parentId)) {
        if ((facts.overview[cur.id]?.preuves ?? 0) > 0) return false;
      }
    }
  }
  if (f.jalon !== undefined && !(facts.changedSinceJalon?.has(node.id) ?? false)) return false;
  return true;
}

/** Today's local date as `YYYY-MM-DD`. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
