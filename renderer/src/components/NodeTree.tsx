/**
 * The expandable tree of a referential (axe › sous-axe › mesure › sous-action › tâche): one row per visible node
 * with identifiant, nom, display statut, points, % fait (ratioFait of shared/scoring/ratios.ts, the same rule as
 * every other screen and export), complétude, pilotes, échéance and the count of preuves. While the fiche is open
 * (`compact`), the secondary columns (complétude, pilotes · échéance, preuves: the fiche shows them) give their
 * room to the titles. Presentational: rows come from lib/tree.ts `visibleRows`.
 * Keyboard: Enter / Space opens the fiche (focus goes to its title), → / ← unfold / fold (Escape: CriterionPanel).
 */
import type { KeyboardEvent } from 'react';
import type { NodeScore, ScoringModel } from '../../../shared/domain';
import { modelFigures, pctCell, pointsCell } from '../lib/figures';
import { formatCount, formatDate, formatPercent, ratio } from '../lib/format';
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
  /** While the criterion panel is open: only Critère, Statut, Points and % fait (the panel shows the rest). */
  compact?: boolean;
  onToggle(nodeId: string): void;
  /** `keyboard` when opened with Enter / Space (the fiche then takes the focus). */
  onSelect(nodeId: string, how: 'keyboard' | 'pointer'): void;
}

export function NodeTree(props: NodeTreeProps) {
  const { model, compact } = props;
  const words = modelFigures(model);
  const onKey = (e: KeyboardEvent<HTMLTableRowElement>, row: TreeRow) => {
    if (e.target !== e.currentTarget) return; // keys on the ▾ button are the button's
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      props.onSelect(row.node.id, 'keyboard');
    } else if (e.key === 'ArrowRight' && row.hasChildren && !row.expanded) {
      props.onToggle(row.node.id);
    } else if (e.key === 'ArrowLeft' && row.expanded) {
      props.onToggle(row.node.id);
    }
  };

  return (
    <table className={compact ? 'tree compact' : 'tree'} data-testid="node-tree">
      {/* Fixed widths for the figures, the rest to the title (table-layout: fixed in styles/referential.css). */}
      <colgroup>
        <col />
        <col className="col-statut" />
        <col className="col-points" />
        <col className="col-pct" />
        {!compact && <col className="col-completude" />}
        {!compact && <col className="col-people" />}
        {!compact && <col className="col-preuves" />}
      </colgroup>
      <thead>
        <tr>
          <th scope="col">Critère</th>
          <th scope="col">Statut</th>
          <th scope="col" className="num" title={words.pointsTitle}>
            {words.pointsHeader}
          </th>
          <th scope="col" className="num" title={words.pctTitle}>
            {words.pctHeader}
          </th>
          {!compact && (
            <th scope="col" className="num" title="Part des tâches (critères) renseignées">
              Complétude
            </th>
          )}
          {!compact && (
            <th scope="col" className="nowrap">
              Pilotes · échéance
            </th>
          )}
          {!compact && (
            <th scope="col" className="num">
              Preuves
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => {
          const { node } = row;
          const s = props.scores[node.id];
          const o = props.overview[node.id];
          const selected = node.id === props.selectedId;
          const badge = s ? shownStatut(node, s, model, props.actionLevel, row.hasChildren) : undefined;
          return (
            <tr
              key={node.id}
              data-testid={`node-${node.id}`}
              data-depth={node.depth}
              className={selected ? 'selected' : undefined}
              aria-selected={selected}
              tabIndex={0}
              onClick={() => props.onSelect(node.id, 'pointer')}
              onKeyDown={(e) => onKey(e, row)}
            >
              <td className="tree-title" style={{ paddingLeft: `${0.25 + row.level * (compact ? 0.7 : 0.9)}rem` }}>
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
              <td>{badge !== undefined && <StatutBadge statut={badge} model={model} testId={`node-statut-${node.id}`} />}</td>
              <td className="num" data-testid={`node-points-${node.id}`}>
                {s ? pointsCell(model, s) : '—'}
              </td>
              <td className={s && !s.concerne ? 'num non-concerne' : 'num'} data-testid={`node-pct-${node.id}`}>
                {s ? pctCell(model, s) : '—'}
              </td>
              {!compact && <td className="num">{s ? formatPercent(ratio(s.completedTachesCount, s.totalTachesCount), '—') : '—'}</td>}
              {!compact && (
                <td className="small people">
                  {o && o.pilotes.length > 0 && <span className="block">{o.pilotes.join(', ')}</span>}
                  {o?.echeance && <span className="block muted">échéance {formatDate(o.echeance)}</span>}
                </td>
              )}
              {!compact && <td className="num">{o && o.preuves > 0 ? formatCount(o.preuves) : ''}</td>}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
