/**
 * The expandable tree of a referential (axe › sous-axe › mesure › sous-action › tâche): one row per visible node
 * with identifiant, nom, display statut, points fait / potentiel, % fait, complétude, pilotes, échéance and the
 * count of preuves. Presentational: rows come from lib/tree.ts `visibleRows`.
 */
import type { KeyboardEvent } from 'react';
import type { NodeScore, ScoringModel } from '../../../shared/domain';
import { formatCount, formatDate, formatPercent, formatPoints, ratio } from '../lib/format';
import { shownStatut } from '../lib/statuts';
import type { TreeRow } from '../lib/tree';
import { StatutBadge } from './StatutBadge';

/** Per-node facts of `nodes.overview`. */
export interface NodeOverview {
  pilotes: string[];
  services: string[];
  echeance: string | null;
  preuves: number;
}

export interface NodeTreeProps {
  rows: TreeRow[];
  model: ScoringModel;
  /** Referential.actionLevel: which nodes take a statut (lib/statuts.ts `acceptsStatut`). */
  actionLevel: number;
  scores: Record<string, NodeScore>;
  overview: Record<string, NodeOverview>;
  selectedId: string | null;
  /** While the criterion panel is open: the Complétude column (shown in the panel) gives its room to the titles. */
  compact?: boolean;
  onToggle(nodeId: string): void;
  onSelect(nodeId: string): void;
}

export function NodeTree(props: NodeTreeProps) {
  const onKey = (e: KeyboardEvent<HTMLTableRowElement>, row: TreeRow) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      props.onSelect(row.node.id);
    } else if (e.key === 'ArrowRight' && row.hasChildren && !row.expanded) {
      props.onToggle(row.node.id);
    } else if (e.key === 'ArrowLeft' && row.expanded) {
      props.onToggle(row.node.id);
    }
  };

  return (
    <table className="tree" data-testid="node-tree">
      {/* Fixed widths for the figures, the rest to the title (table-layout: fixed in styles.css). */}
      <colgroup>
        <col />
        <col className="col-statut" />
        <col className="col-points" />
        <col className="col-pct" />
        {!props.compact && <col className="col-completude" />}
        <col className="col-people" />
        <col className="col-preuves" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">Critère</th>
          <th scope="col">Statut</th>
          <th scope="col" className="num" title="Points fait / potentiel">
            Points
          </th>
          <th scope="col" className="num">
            % fait
          </th>
          {!props.compact && (
            <th scope="col" className="num" title="Part des tâches (critères) renseignées">
              Complétude
            </th>
          )}
          <th scope="col" className="nowrap">
            Pilotes · échéance
          </th>
          <th scope="col" className="num">
            Preuves
          </th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => {
          const { node } = row;
          const s = props.scores[node.id];
          const o = props.overview[node.id];
          const selected = node.id === props.selectedId;
          const badge = s ? shownStatut(node, s, props.model, props.actionLevel, row.hasChildren) : undefined;
          return (
            <tr
              key={node.id}
              data-testid={`node-${node.id}`}
              data-depth={node.depth}
              className={selected ? 'selected' : undefined}
              aria-selected={selected}
              tabIndex={0}
              onClick={() => props.onSelect(node.id)}
              onKeyDown={(e) => onKey(e, row)}
            >
              <td className="tree-title" style={{ paddingLeft: `${0.25 + row.level * 0.9}rem` }}>
                {row.hasChildren ? (
                  <button
                    type="button"
                    className="toggle"
                    data-testid={`node-toggle-${node.id}`}
                    aria-expanded={row.expanded}
                    aria-label={`${row.expanded ? 'Replier' : 'Déplier'} ${node.identifiant}`}
                    onClick={(e) => {
                      e.stopPropagation();
                      props.onToggle(node.id);
                    }}
                  >
                    {row.expanded ? '▾' : '▸'}
                  </button>
                ) : (
                  <span className="toggle-spacer" />
                )}
                <span className="ident">{node.identifiant}</span>{' '}
                {/* Emphasis by place in the visible tree, not by depth: a Label NR critère (depth 2) is a leaf, not a sous-axe. */}
                <span className={row.hasChildren && row.level < 2 ? `nom nom-level-${row.level}` : 'nom'}>{node.nom}</span>
              </td>
              <td>{badge !== undefined && <StatutBadge statut={badge} model={props.model} testId={`node-statut-${node.id}`} />}</td>
              <td className="num" data-testid={`node-points-${node.id}`}>
                {s ? `${formatPoints(s.pointFait)} / ${formatPoints(s.pointPotentiel)}` : '—'}
              </td>
              <td className={s && !s.concerne ? 'num non-concerne' : 'num'} data-testid={`node-pct-${node.id}`}>
                {s ? (s.concerne ? formatPercent(pctFait(s), '—') : 'non concerné') : '—'}
              </td>
              {!props.compact && <td className="num">{s ? formatPercent(ratio(s.completedTachesCount, s.totalTachesCount), '—') : '—'}</td>}
              <td className="small people">
                {o && o.pilotes.length > 0 && <span className="block">{o.pilotes.join(', ')}</span>}
                {o?.echeance && <span className="block muted">échéance {formatDate(o.echeance)}</span>}
              </td>
              <td className="num">{o && o.preuves > 0 ? formatCount(o.preuves) : ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * % fait of a node: pointFait / pointPotentiel, or for a 0-point node the leaf-count ratio
 * faitTachesAvancement / totalTachesCount (tete-referentials.md §2.2), so `.0` regulatory nodes show progress.
 */
export function pctFait(s: NodeScore): number | null {
  if (s.pointPotentiel > 0) return s.pointFait / s.pointPotentiel;
  return ratio(s.faitTachesAvancement, s.totalTachesCount);
}
