/**
 * Référentiel screen: choose a referential, search by identifiant or title, walk the tree; clicking a row opens
 * the criterion panel beside it (the node id is in the hash, so a panel can be linked and survives reloads; an
 * unknown id says so, with a link back). Enter on a row opens the fiche with the focus on its title; closing it
 * (×, Escape) gives the focus back to that row.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Referential, ReferentialNode } from '../../../shared/domain';
import { CriterionPanel } from '../components/CriterionPanel';
import { ImportForm } from '../components/ImportForm';
import { useDroits } from '../lib/droits';
import { NodeTree } from '../components/NodeTree';
import { QueryState } from '../components/QueryState';
import { shownError } from '../lib/errors';
import { formatCount } from '../lib/format';
import { ancestorsOf, expandableIds, indexTree, visibleRows } from '../lib/tree';
import { hasNodeFilters, localToday, nodePassesFilters, type TreeFilters } from '../lib/treeFilters';
import { formatHash, navigate, replaceRoute } from '../router';
import { TreeFilterBar } from '../components/TreeFilterBar';
import { useTRPC } from '../trpc/client';
import { plural, tr } from '../i18n/tr';
import { ReferentialSelect } from '../components/ReferentialSelect';

export function ReferentialPage(props: { referentialId: string | null; nodeId: string | null; filters?: TreeFilters }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.referentials.list.queryOptions());
  const droits = useDroits();
  const referentialId = props.referentialId ?? list.data?.[0]?.id ?? null;

  return (
    <div className="page page-wide">
      <div className="toolbar">
        <h1>{tr('referential.title')}</h1>
        <ReferentialSelect
          label={tr('referential.select')}
          testId="referential-select"
          value={referentialId}
          referentials={list.data ?? []}
          onSelect={(id) => navigate({ page: 'referentiel', referentialId: id, nodeId: null })}
        />
      </div>
      {droits.peut('referentials.import') && <ImportForm />}
      {list.error ? (
        <QueryState query={list} what={tr('common.referentialList')}>
          {() => null}
        </QueryState>
      ) : referentialId === null ? (
        <p className="muted">{list.data ? tr('common.noReferential') : tr('common.loading')}</p>
      ) : (
        <ReferentialView key={referentialId} referentialId={referentialId} nodeId={props.nodeId} filters={props.filters ?? NO_FILTERS} />
      )}
    </div>
  );
}

const NO_FILTERS: TreeFilters = {};

function ReferentialView({ referentialId, nodeId, filters }: { referentialId: string; nodeId: string | null; filters: TreeFilters }) {
  const trpc = useTRPC();
  const referential = useQuery({ ...trpc.referentials.get.queryOptions({ referentialId }), staleTime: Infinity });
  return (
    <QueryState query={referential} what={tr('referential.what', { id: referentialId })}>
      {(r) => <TreeAndPanel referential={r} nodeId={nodeId} filters={filters} />}
    </QueryState>
  );
}

function TreeAndPanel({ referential, nodeId, filters }: { referential: Referential; nodeId: string | null; filters: TreeFilters }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const referentialId = referential.id;
  const score = useQuery(trpc.scores.get.queryOptions({ referentialId }));
  const overview = useQuery(trpc.nodes.overview.queryOptions({ referentialId }));
  const jalons = useQuery(trpc.jalons.list.queryOptions());
  const jalonsOfRef = (jalons.data ?? []).filter((j) => j.referentiels.some((r) => r.referentialId === referentialId));
  // « Modifié depuis le jalon »: the nodes whose figures or statut differ between that jalon and now (jalons.compare).
  const jalonId = filters.jalon !== undefined && /^\d+$/.test(filters.jalon) ? Number(filters.jalon) : null;
  const changes = useQuery({
    ...trpc.jalons.compare.queryOptions({ a: jalonId ?? 1, b: 'maintenant', referentialId, seulementChanges: true }),
    enabled: jalonId !== null && jalonId >= 1,
  });
  const changedSinceJalon = useMemo(
    () => (changes.data ? new Set(changes.data.lignes.filter((l) => l.nodeId !== '' && l.changes.length > 0).map((l) => l.nodeId)) : undefined),
    [changes.data],
  );
  const index = useMemo(() => indexTree(referential), [referential]);
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());
  const query = filters.q ?? '';
  // Nodes folded by the user during the current search (a search opens every branch that leads to a match).
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set());
  const filtering = hasNodeFilters(filters);
  const searching = query.trim() !== '' || filtering;
  const setFilters = (next: TreeFilters) => {
    setCollapsed(new Set());
    replaceRoute({ page: 'referentiel', referentialId, nodeId, filters: next });
  };
  // Focus: on the fiche's title when opened with the keyboard; back on the row when the fiche closes.
  const [focusTitleOf, setFocusTitleOf] = useState<string | null>(null);
  const returnFocusTo = useRef<string | null>(null);

  // Opening a node from a link (dashboard axe, reload) expands the path to it.
  useEffect(() => {
    if (nodeId === null || !index.byId.has(nodeId)) return;
    setExpanded((prev) => {
      const path = ancestorsOf(index, nodeId).slice(1);
      if (path.every((id) => prev.has(id))) return prev;
      return new Set([...prev, ...path]);
    });
  }, [nodeId, index]);

  const filter = useMemo(() => {
    if (!filtering) return undefined;
    const facts = {
      model: referential.model,
      actionLevel: referential.actionLevel,
      scores: score.data?.nodes ?? {},
      overview: overview.data ?? {},
      byId: index.byId,
      hasChildren: (id: string) => (index.children.get(id)?.length ?? 0) > 0,
      today: localToday(),
      changedSinceJalon,
    };
    return (node: ReferentialNode) => nodePassesFilters(node, filters, facts);
  }, [filtering, filters, referential, score.data, overview.data, index, changedSinceJalon]);
  const rows = useMemo(() => visibleRows(index, expanded, query, collapsed, filter), [index, expanded, query, collapsed, filter]);
  const selected = nodeId !== null ? (index.byId.get(nodeId) ?? null) : null;
  const unknownNode = nodeId !== null && selected === null;

  useEffect(() => {
    if (selected !== null || returnFocusTo.current === null) return;
    const row = document.querySelector<HTMLElement>(`[data-testid="node-${CSS.escape(returnFocusTo.current)}"]`);
    returnFocusTo.current = null;
    row?.focus();
  }, [selected]);

  const toggle = (id: string) => {
    const flip = (prev: Set<string>) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    };
    if (searching) setCollapsed(flip);
    else setExpanded(flip);
  };
  const open = (id: string, how: 'keyboard' | 'pointer') => {
    // Ask for the fiche's detail now, not after the panel has rendered: the answer arrives while React draws it.
    void queryClient.prefetchQuery(trpc.nodes.detail.queryOptions({ referentialId, nodeId: id }));
    setFocusTitleOf(how === 'keyboard' ? id : null);
    navigate({ page: 'referentiel', referentialId, nodeId: id, filters });
  };
  const close = () => {
    if (selected) returnFocusTo.current = selected.id;
    navigate({ page: 'referentiel', referentialId, nodeId: null, filters });
  };

  return (
    <>
      {referential.avertissement && (
        <p className="avertissement" role="note">
          {referential.avertissement}
        </p>
      )}
      {unknownNode && (
        <p className="error" role="alert" data-testid="node-unknown">
          {tr('referential.unknownNode', { nodeId, nom: referential.nom, version: referential.version })}{' '}
          <a href={formatHash({ page: 'referentiel', referentialId, nodeId: null })}>{tr('referential.back')}</a>
        </p>
      )}
      <div className="split">
        <div className="split-main">
          <div className="toolbar">
            <label className="field-inline grow">
              <span>{tr('referential.search')}</span>
              <input
                type="search"
                data-testid="tree-search"
                placeholder={tr('referential.searchPlaceholder')}
                aria-describedby="tree-search-help"
                value={query}
                onChange={(e) => setFilters({ ...filters, q: e.target.value === '' ? undefined : e.target.value })}
              />
            </label>
            <button type="button" className="secondary" data-testid="tree-expand-all" onClick={() => (searching ? setCollapsed(new Set()) : setExpanded(new Set(expandableIds(index))))}>
              {tr('referential.expandAll')}
            </button>
            <button
              type="button"
              className="secondary"
              data-testid="tree-collapse-all"
              onClick={() => (searching ? setCollapsed(new Set(expandableIds(index))) : setExpanded(new Set()))}
            >
              {tr('referential.collapseAll')}
            </button>
          </div>
          <TreeFilterBar referential={referential} filters={filters} overview={overview.data ?? {}} onChange={setFilters} jalons={jalonsOfRef} />
          {filters.jalon !== undefined && changes.error && (
            <p className="error" role="alert" data-testid="filter-jalon-error">
              {shownError(changes.error).message}
            </p>
          )}
          <p id="tree-search-help" className="visually-hidden">
            {tr('referential.searchHelp')}
          </p>
          {searching && (
            <p className="muted" data-testid="tree-search-count" aria-live="polite">
              {tr(`referential.rows_${plural(rows.length)}`, { n: formatCount(rows.length) })}
            </p>
          )}
          <NodeTree
            rows={rows}
            model={referential.model}
            actionLevel={referential.actionLevel}
            scores={score.data?.nodes ?? {}}
            overview={overview.data ?? {}}
            selectedId={nodeId}
            compact={selected !== null}
            onToggle={toggle}
            onSelect={open}
          />
        </div>
        {selected && (
          <CriterionPanel
            key={selected.id}
            referential={referential}
            index={index}
            node={selected}
            score={score.data?.nodes[selected.id] ?? null}
            scores={score.data?.nodes}
            focusTitle={focusTitleOf === selected.id}
            onClose={close}
          />
        )}
      </div>
    </>
  );
}
