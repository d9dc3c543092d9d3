/**
 * Référentiel screen: choose a referential, search by identifiant or title, walk the tree; clicking a row opens
 * the criterion panel beside it (the node id is in the hash, so a panel can be linked and survives reloads).
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { Referential } from '../../../shared/domain';
import { CriterionPanel } from '../components/CriterionPanel';
import { ImportForm } from '../components/ImportForm';
import { NodeTree } from '../components/NodeTree';
import { QueryState } from '../components/QueryState';
import { formatCount } from '../lib/format';
import { ancestorsOf, indexTree, visibleRows } from '../lib/tree';
import { navigate } from '../router';
import { useTRPC } from '../trpc/client';

export function ReferentialPage(props: { referentialId: string | null; nodeId: string | null }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.referentials.list.queryOptions());
  const referentialId = props.referentialId ?? list.data?.[0]?.id ?? null;

  return (
    <div className="page page-wide">
      <div className="toolbar">
        <h1>Référentiel</h1>
        <label className="field-inline">
          <span>Référentiel</span>
          <select
            data-testid="referential-select"
            value={referentialId ?? ''}
            onChange={(e) => navigate({ page: 'referentiel', referentialId: e.target.value, nodeId: null })}
          >
            {(list.data ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {r.nom} ({r.version})
              </option>
            ))}
          </select>
        </label>
      </div>
      <ImportForm />
      {list.error ? (
        <QueryState query={list} what="la liste des référentiels">
          {() => null}
        </QueryState>
      ) : referentialId === null ? (
        <p className="muted">{list.data ? "Aucun référentiel importé pour l'instant." : 'Chargement…'}</p>
      ) : (
        <ReferentialView key={referentialId} referentialId={referentialId} nodeId={props.nodeId} />
      )}
    </div>
  );
}

function ReferentialView({ referentialId, nodeId }: { referentialId: string; nodeId: string | null }) {
  const trpc = useTRPC();
  const referential = useQuery({ ...trpc.referentials.get.queryOptions({ referentialId }), staleTime: Infinity });
  return (
    <QueryState query={referential} what={`le référentiel ${referentialId}`}>
      {(r) => <TreeAndPanel referential={r} nodeId={nodeId} />}
    </QueryState>
  );
}

function TreeAndPanel({ referential, nodeId }: { referential: Referential; nodeId: string | null }) {
  const trpc = useTRPC();
  const referentialId = referential.id;
  const score = useQuery(trpc.scores.get.queryOptions({ referentialId }));
  const overview = useQuery(trpc.nodes.overview.queryOptions({ referentialId }));
  const index = useMemo(() => indexTree(referential), [referential]);
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());
  const [query, setQuery] = useState('');

  // Opening a node from a link (dashboard axe, reload) expands the path to it.
  useEffect(() => {
    if (nodeId === null || !index.byId.has(nodeId)) return;
    setExpanded((prev) => {
      const path = ancestorsOf(index, nodeId).slice(1);
      if (path.every((id) => prev.has(id))) return prev;
      return new Set([...prev, ...path]);
    });
  }, [nodeId, index]);

  const rows = useMemo(() => visibleRows(index, expanded, query), [index, expanded, query]);
  const selected = nodeId !== null ? (index.byId.get(nodeId) ?? null) : null;

  const toggle = (id: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <>
      {referential.avertissement && (
        <p className="avertissement" role="note">
          {referential.avertissement}
        </p>
      )}
      <div className="split">
        <div className="split-main">
          <div className="toolbar">
            <label className="field-inline grow">
              <span>Rechercher</span>
              <input
                type="search"
                data-testid="tree-search"
                placeholder="Identifiant (1.2.3) ou mots du titre"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
              />
            </label>
            <button type="button" className="secondary" onClick={() => setExpanded(new Set())}>
              Tout replier
            </button>
          </div>
          {query.trim() !== '' && (
            <p className="muted" data-testid="tree-search-count" aria-live="polite">
              {formatCount(rows.length)} ligne{rows.length > 1 ? 's' : ''} affichée{rows.length > 1 ? 's' : ''}
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
            onSelect={(id) => navigate({ page: 'referentiel', referentialId, nodeId: id })}
          />
        </div>
        {selected && (
          <CriterionPanel
            key={selected.id}
            referential={referential}
            index={index}
            node={selected}
            score={score.data?.nodes[selected.id] ?? null}
            onClose={() => navigate({ page: 'referentiel', referentialId, nodeId: null })}
          />
        )}
      </div>
    </>
  );
}
