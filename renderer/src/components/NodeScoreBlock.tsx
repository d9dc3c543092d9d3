/**
 * The score block of the criterion panel (TESTIDS.md "Criterion panel": panel-score, panel-statut, panel-points,
 * panel-pct, panel-completude, panel-breakdown). Presentational: the node's NodeScore from the core.
 */
import type { DisplayStatut, NodeScore, ScoringModel } from '../../../shared/domain';
import { formatCount, formatPercent, formatPoints, ratio } from '../lib/format';
import { pctFait } from './NodeTree';
import { ScoreBar } from './ScoreBar';
import { StatutBadge } from './StatutBadge';

/**
 * The node's figures: its statut badge when it has one (`badge` from lib/statuts.ts `shownStatut`; `undefined` =
 * none, as on a mesure), points fait / potentiel, % fait, complétude (fraction in `data-value`) and, when
 * `breakdown`, how its potentiel splits into fait / programmé / pas fait / non renseigné (points, 3 decimals) with
 * the count of critères renseignés. A non-concerné node shows no breakdown (0 potentiel).
 */
export function NodeScoreBlock(props: { score: NodeScore; badge: DisplayStatut | null | undefined; model: ScoringModel; breakdown: boolean }) {
  const { score, badge, model } = props;
  const parts: Array<[string, string, number]> = [
    ['fait', 'Fait', score.pointFait],
    ['programme', 'Programmé', score.pointProgramme],
    ['pas-fait', 'Pas fait', score.pointPasFait],
    ['non-renseigne', model === 'weighted' ? 'Non évalué' : 'Non renseigné', score.pointNonRenseigne],
  ];
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
          <dt>Points fait / potentiel</dt>
          <dd data-testid="panel-points">
            {formatPoints(score.pointFait)} / {formatPoints(score.pointPotentiel)} pts
          </dd>
        </div>
        <div>
          <dt>% fait</dt>
          <dd data-testid="panel-pct">{score.concerne ? formatPercent(pctFait(score), '—') : 'non concerné'}</dd>
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
            {parts.map(([key, label, value]) => (
              <div key={key}>
                <dt>
                  <span className={`swatch swatch-${key}`} aria-hidden="true" />
                  {label}
                </dt>
                <dd data-testid={`panel-${key}`}>{formatPoints(value)} pts</dd>
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
