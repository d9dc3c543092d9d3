/**
 * The score block of the criterion panel (TESTIDS.md "Criterion panel": panel-score, panel-statut, panel-points,
 * panel-pct, panel-completude, panel-breakdown). Presentational: the node's NodeScore from the core, its % by
 * ratioFait (shared/scoring/ratios.ts, the rule of every screen and export).
 */
import type { DisplayStatut, NodeScore, ScoringModel } from '../../../shared/domain';
import { formatCount, formatPercent, formatPoints, formatPts, ratio } from '../lib/format';
import { pctCell } from '../lib/figures';
import { ScoreBar } from './ScoreBar';
import { StatutBadge } from './StatutBadge';

/** The breakdown rows of a model: [test id suffix, label, points]. RGESN has no « programmé ». */
function parts(score: NodeScore, model: ScoringModel): Array<[string, string, number]> {
  if (model === 'weighted') {
    return [
      ['fait', 'Conforme', score.pointFait],
      ['pas-fait', 'Non conforme', score.pointPasFait],
      ['non-renseigne', 'Non évalué', score.pointNonRenseigne],
    ];
  }
  return [
    ['fait', 'Fait', score.pointFait],
    ['programme', 'Programmé', score.pointProgramme],
    ['pas-fait', 'Pas fait', score.pointPasFait],
    ['non-renseigne', 'Non renseigné', score.pointNonRenseigne],
  ];
}

/**
 * The node's figures: its statut badge when it has one (`badge` from lib/statuts.ts `shownStatut`; `undefined` =
 * none, as on a mesure), points fait / potentiel (RGESN: weights conformes / évalués, the base of its %), % fait,
 * complétude (fraction in `data-value`) and, when `breakdown`, how its potentiel splits into fait / programmé /
 * pas fait / non renseigné (points, 3 decimals) with the count of critères renseignés. A non-concerné node shows
 * no breakdown (0 potentiel).
 */
export function NodeScoreBlock(props: { score: NodeScore; badge: DisplayStatut | null | undefined; model: ScoringModel; breakdown: boolean }) {
  const { score, badge, model } = props;
  const weighted = model === 'weighted';
  const evaluated = score.pointFait + score.pointPasFait;
  return (
    <div className="panel-score" data-testid="panel-score">
      <dl className="panel-figures">
        {badge !== undefined && (
          <div>
            <dt>Statut</dt>
            <dd>
              <StatutBadge statut={badge} model={model} testId="panel-statut" />
            </dd>
          </div>
        )}
        <div>
          <dt>{weighted ? 'Poids conformes / évalués' : 'Points fait / potentiel'}</dt>
          <dd data-testid="panel-points">
            {weighted ? `${formatPoints(score.pointFait)} / ${formatPts(evaluated)}` : `${formatPoints(score.pointFait)} / ${formatPts(score.pointPotentiel)}`}
          </dd>
        </div>
        <div>
          <dt>{weighted ? '% conforme' : '% fait'}</dt>
          <dd data-testid="panel-pct">{pctCell(model, score)}</dd>
        </div>
        <div>
          <dt>Complétude</dt>
          <dd data-testid="panel-completude" data-value={ratio(score.completedTachesCount, score.totalTachesCount) ?? ''}>
            {formatPercent(ratio(score.completedTachesCount, score.totalTachesCount), '—')}
          </dd>
        </div>
      </dl>
      {props.breakdown && score.concerne && (
        <div className="panel-breakdown" data-testid="panel-breakdown">
          <ScoreBar score={score} />
          <dl>
            {parts(score, model).map(([key, label, value]) => (
              <div key={key}>
                <dt>
                  <span className={`swatch swatch-${key}`} aria-hidden="true" />
                  {label}
                </dt>
                <dd data-testid={`panel-${key}`}>{formatPts(value)}</dd>
              </div>
            ))}
          </dl>
          <p className="muted small">
            {formatCount(score.completedTachesCount)} / {formatCount(score.totalTachesCount)} critères renseignés
          </p>
        </div>
      )}
    </div>
  );
}
