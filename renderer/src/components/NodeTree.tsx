/**
 * The expandable tree of a referential (axe › sous-axe › mesure › sous-action › tâche): one row per visible node
 * with identifiant, nom, display statut, points, % fait (ratioFait of shared/scoring/ratios.ts, the same rule as
 * every other screen and export), complétude, pilotes, échéance and the count of preuves. While the fiche is open
 * (`compact`), the secondary columns (complétude, pilotes · échéance, preuves: the fiche shows them) give their
 * room to the titles. Presentational: rows come from lib/tree.ts `visibleRows`.
 * Keyboard: Enter / Space opens the fiche (focus goes to its title), → / ← unfold / fold, ↓ / ↑ next / previous
 * row (Escape: CriterionPanel).
 * Quick at scale (issue 8 item 4): above VIRTUAL_MIN_ROWS rows (the CAE tree unfolded is 1 470), only the rows in
 * and near the window are in the DOM (@tanstack/react-virtual, window scrolling, spacer rows above and below);
 * `aria-rowcount` / `aria-rowindex` give the real size and place, `data-row-count` the count for the tests.
 */
import { useT } from '../i18n';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { NodeScore, ScoringModel } from '../../../shared/domain';
import { modelFigures, pctCell, pointsCell } from '../lib/figures';
import { formatCount, formatDate, formatPercent, formatPoints, ratio } from '../lib/format';
import { personnalisationOf } from '../lib/score-rules';
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

/** Trees with more visible rows than this are virtualised; smaller ones render every row (simpler DOM, print). */
export const VIRTUAL_MIN_ROWS = 150;
/** Estimated row height in px before measuring (one line of title). */
const ROW_ESTIMATE = 34;

export function NodeTree(props: NodeTreeProps) {
  const { model, compact, rows } = props;
  const { t } = useT();
  const words = modelFigures(model);
  const tbodyRef = useRef<HTMLTableSectionElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  const virtual = rows.length > VIRTUAL_MIN_ROWS;
  useLayoutEffect(() => {
    if (!virtual) return; // a forced layout on every render costs ~10 ms: only where the window needs it
    const top = tbodyRef.current ? tbodyRef.current.getBoundingClientRect().top + window.scrollY : 0;
    if (Math.abs(top - scrollMargin) > 1) setScrollMargin(top);
  });
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 12,
    scrollMargin,
    enabled: virtual,
    getItemKey: (i) => rows[i]?.node.id ?? i,
  });
  // A node opened from the address (reload, link) may lie far below: bring its row into the window.
  const selectedIndex = props.selectedId === null ? -1 : rows.findIndex((r) => r.node.id === props.selectedId);
  useEffect(() => {
    if (virtual && selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
    // Only when the selection changes, not on every scroll (the virtualizer object is stable).
  }, [props.selectedId, virtual]);

  const focusRow = (index: number) => {
    const target = rows[index];
    if (!target) return;
    if (virtual) virtualizer.scrollToIndex(index, { align: 'auto' });
    // The row may be rendered only after the scroll: try now and on the next frames.
    const tryFocus = (left: number) => {
      const el = document.querySelector<HTMLElement>(`[data-testid="node-${CSS.escape(target.node.id)}"]`);
      if (el) el.focus();
      else if (left > 0) requestAnimationFrame(() => tryFocus(left - 1));
    };
    tryFocus(5);
  };

  const onKey = (e: KeyboardEvent<HTMLTableRowElement>, row: TreeRow, index: number) => {
    if (e.target !== e.currentTarget) return; // keys on the ▾ button are the button's
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      focusRow(index + (e.key === 'ArrowDown' ? 1 : -1));
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      props.onSelect(row.node.id, 'keyboard');
    } else if (e.key === 'ArrowRight' && row.hasChildren && !row.expanded) {
      props.onToggle(row.node.id);
    } else if (e.key === 'ArrowLeft' && row.expanded) {
      props.onToggle(row.node.id);
    }
  };

  const items = virtual ? virtualizer.getVirtualItems() : [];
  const shown = virtual ? items.map((v) => ({ row: rows[v.index]!, index: v.index })) : rows.map((row, index) => ({ row, index }));
  const paddingTop = virtual && items.length > 0 ? items[0]!.start - scrollMargin : 0;
  const paddingBottom = virtual && items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1]!.end - scrollMargin) : 0;
  const columns = compact ? 4 : 7;

  return (
    <table className={compact ? 'tree compact' : 'tree'} data-testid="node-tree" aria-rowcount={rows.length + 1} data-row-count={rows.length}>
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
          <th scope="col">{t('tree.critere')}</th>
          <th scope="col">{t('scoreBlock.statut')}</th>
          <th scope="col" className="num" title={words.pointsTitle}>
            {words.pointsHeader}
          </th>
          <th scope="col" className="num" title={words.pctTitle}>
            {words.pctHeader}
          </th>
          {!compact && (
            <th scope="col" className="num" title={t('tree.completudeTitle')}>
              {t('scoreBlock.completude')}
            </th>
          )}
          {!compact && (
            <th scope="col">
              {t('tree.pilotesEcheance')}
            </th>
          )}
          {!compact && (
            <th scope="col" className="num">
              {t('nav.preuves')}
            </th>
          )}
        </tr>
      </thead>
      <tbody ref={tbodyRef}>
        {virtual && paddingTop > 0 && (
          <tr aria-hidden="true" className="tree-spacer">
            <td colSpan={columns} style={{ height: paddingTop, padding: 0, border: 0 }} />
          </tr>
        )}
        {shown.map(({ row, index }) => {
          const { node } = row;
          const s = props.scores[node.id];
          const o = props.overview[node.id];
          const selected = node.id === props.selectedId;
          const badge = s ? shownStatut(node, s, model, props.actionLevel, row.hasChildren) : undefined;
          return (
            <tr
              key={node.id}
              ref={virtual ? virtualizer.measureElement : undefined}
              data-index={index}
              aria-rowindex={index + 2}
              data-testid={`node-${node.id}`}
              data-depth={node.depth}
              className={selected ? 'selected' : undefined}
              aria-selected={selected}
              tabIndex={0}
              onClick={() => props.onSelect(node.id, 'pointer')}
              onKeyDown={(e) => onKey(e, row, index)}
            >
              <td className="tree-title" style={{ paddingLeft: `${0.25 + row.level * (compact ? 0.7 : 0.9)}rem` }}>
                {row.hasChildren ? (
                  <button
                    type="button"
                    className="toggle"
                    data-testid={`node-toggle-${node.id}`}
                    aria-expanded={row.expanded}
                    aria-label={t(row.expanded ? 'tree.collapse' : 'tree.expand', { id: node.identifiant })}
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
                {s && <PersoMark model={model} score={s} testId={`node-perso-${node.id}`} />}
              </td>
              <td className={s && !s.concerne ? 'num non-concerne' : 'num'} data-testid={`node-pct-${node.id}`}>
                {s ? pctCell(model, s) : '—'}
              </td>
              {!compact && <td className="num">{s ? formatPercent(ratio(s.completedTachesCount, s.totalTachesCount), '—') : '—'}</td>}
              {!compact && (
                <td className="small people">
                  {o && o.pilotes.length > 0 && <span className="block">{o.pilotes.join(', ')}</span>}
                  {o?.echeance && <span className="block muted">{t('tree.echeance', { date: formatDate(o.echeance) })}</span>}
                </td>
              )}
              {!compact && <td className="num">{o && o.preuves > 0 ? formatCount(o.preuves) : ''}</td>}
            </tr>
          );
        })}
        {virtual && paddingBottom > 0 && (
          <tr aria-hidden="true" className="tree-spacer">
            <td colSpan={columns} style={{ height: paddingBottom, padding: 0, border: 0 }} />
          </tr>
        )}
      </tbody>
    </table>
  );
}

/**
 * « perso. » / « désactivé » after a TETE row's points when the personnalisation changed its potentiel (lib/score-rules.ts);
 * the whole sentence is its tooltip and, for screen readers, hidden text.
 */
function PersoMark(props: { model: ScoringModel; score: NodeScore; testId: string }) {
  const { t } = useT();
  const mark = personnalisationOf(props.model, props.score);
  if (mark === null) return null;
  const long = mark.kind === 'desactive' ? t('tree.desactiveLong') : t('tree.persoLong', { perso: formatPoints(mark.perso), ref: formatPoints(mark.ref) });
  return (
    <span className="perso-mark" title={long} data-testid={props.testId} data-kind={mark.kind}>
      {' '}
      <span aria-hidden="true">{mark.kind === 'desactive' ? t('tree.desactive') : t('tree.perso')}</span>
      <span className="visually-hidden">{long}</span>
    </span>
  );
}
