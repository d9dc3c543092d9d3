/**
 * The filters of the Référentiel tree (statut, pilote, service, échéance, modifié depuis un jalon, preuves manquantes), beside the search
 * box. Controlled: the values live in the address (lib/treeFilters.ts), `onChange` gives the next filters.
 * Pilotes and services offered are those assigned somewhere in this referential (`nodes.overview`).
 */
import { useT } from '../i18n';
import type { Referential } from '../../../shared/domain';
import { STATUTS_BY_MODEL, statutLabel } from '../lib/statuts';
import { ECHEANCE_LABELS, hasNodeFilters, type EcheanceFilter, type TreeFilters } from '../lib/treeFilters';
import type { NodeOverview } from './NodeTree';

export interface TreeFilterBarProps {
  referential: Pick<Referential, 'model' | 'id'>;
  /** The jalons that froze this referential (jalons.list), for « Modifié depuis le jalon ». */
  jalons?: ReadonlyArray<{ id: number; nom: string; at: string }>;
  filters: TreeFilters;
  overview: Record<string, NodeOverview>;
  onChange(next: TreeFilters): void;
}

/** Sorted distinct names (French collation). */
function names(lists: Iterable<string[]>): string[] {
  const set = new Set<string>();
  for (const l of lists) for (const n of l) set.add(n);
  return [...set].sort((a, b) => a.localeCompare(b, 'fr'));
}

export function TreeFilterBar({ referential, filters, overview, onChange, jalons = [] }: TreeFilterBarProps) {
  const { t } = useT();
  const values = Object.values(overview);
  const pilotes = names(values.map((o) => o.pilotes));
  const services = names(values.map((o) => o.services));
  const set = <K extends keyof TreeFilters>(key: K, value: TreeFilters[K] | '') => onChange({ ...filters, [key]: value === '' ? undefined : value });
  // A name in the address that is no longer assigned stays selectable, so the select shows what filters.
  const withCurrent = (list: string[], current: string | undefined) => (current !== undefined && !list.includes(current) ? [current, ...list] : list);

  return (
    <fieldset className="tree-filters" data-testid="tree-filters">
      <legend className="visually-hidden">{t('treeFilters.legend')}</legend>
      <label className="field-inline">
        <span>{t('scoreBlock.statut')}</span>
        <select data-testid="filter-statut" value={filters.statut ?? ''} onChange={(e) => set('statut', e.target.value)}>
          <option value="">{t('treeFilters.all')}</option>
          {STATUTS_BY_MODEL[referential.model].map((s) => (
            <option key={s} value={s}>
              {statutLabel(s, referential.model)}
            </option>
          ))}
        </select>
      </label>
      <label className="field-inline">
        <span>{t('treeFilters.pilote')}</span>
        <select data-testid="filter-pilote" value={filters.pilote ?? ''} onChange={(e) => set('pilote', e.target.value)}>
          <option value="">{t('treeFilters.all')}</option>
          {withCurrent(pilotes, filters.pilote).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <label className="field-inline">
        <span>{t('treeFilters.service')}</span>
        <select data-testid="filter-service" value={filters.service ?? ''} onChange={(e) => set('service', e.target.value)}>
          <option value="">{t('treeFilters.all')}</option>
          {withCurrent(services, filters.service).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <label className="field-inline">
        <span>{t('pilotes.echeance')}</span>
        <select data-testid="filter-echeance" value={filters.echeance ?? ''} onChange={(e) => set('echeance', e.target.value as EcheanceFilter | '')}>
          <option value="">{t('treeFilters.allF')}</option>
          {(Object.keys(ECHEANCE_LABELS) as EcheanceFilter[]).map((k) => (
            <option key={k} value={k}>
              {t(`treeFilters.echeance_${k}`)}
            </option>
          ))}
        </select>
      </label>
      {(jalons.length > 0 || filters.jalon !== undefined) && (
        <label className="field-inline">
          <span>{t('treeFilters.since')}</span>
          <select data-testid="filter-jalon" value={filters.jalon ?? ''} onChange={(e) => set('jalon', e.target.value)}>
            <option value="">—</option>
            {filters.jalon !== undefined && !jalons.some((j) => String(j.id) === filters.jalon) && <option value={filters.jalon}>{t('treeFilters.jalonN', { n: filters.jalon })}</option>}
            {jalons.map((j) => (
              <option key={j.id} value={String(j.id)}>
                {t('treeFilters.jalon', { nom: j.nom, date: `${j.at.slice(8, 10)}/${j.at.slice(5, 7)}/${j.at.slice(0, 4)}` })}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field-inline checkbox">
        <input type="checkbox" data-testid="filter-sans-preuve" checked={filters.sansPreuve === true} onChange={(e) => set('sansPreuve', e.target.checked ? true : '')} />
        <span>{t('treeFilters.sansPreuve')}</span>
      </label>
      {hasNodeFilters(filters) && (
        <button type="button" className="secondary" data-testid="filter-reset" onClick={() => onChange(filters.q ? { q: filters.q } : {})}>
          {t('treeFilters.reset')}
        </button>
      )}
    </fieldset>
  );
}
