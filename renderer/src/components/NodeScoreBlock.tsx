/**
 * The score block of the criterion panel (TESTIDS.md "Criterion panel": panel-score, panel-statut, panel-points,
 * panel-pct, panel-completude, panel-breakdown). Presentational: the node's NodeScore from the core, its % by
 * ratioFait (shared/scoring/ratios.ts, the rule of every screen and export).
 */
import type { DisplayStatut, NodeScore, ScoringModel } from '../../../shared/domain';
import { ratioBase, ratioBaseKind } from '../../../shared/scoring/ratios';
import { formatCount, formatPercent, formatPoints, ratio } from '../lib/format';
import { breakdownParts, formatFigure, modelFigures, pctCell } from '../lib/figures';
import { ScoreBar } from './ScoreBar';
import { StatutBadge } from './StatutBadge';
import { tr } from '../i18n/tr';

/**
 * The node's figures: its statut badge when it has one (`badge` from lib/statuts.ts `shownStatut`; `undefined` =
 * none, as on a mesure), points fait / potentiel (RGESN: weights conformes / évalués, RGAA: critères conformes /
 * évalués, guide NR: pratiques faites / renseignées — the base of the %, lib/figures.ts), % fait,
 * complétude (fraction in `data-value`) and, when `breakdown`, how its potentiel splits into fait / programmé /
 * pas fait / non renseigné (points, 3 decimals) with the count of critères renseignés. A non-concerné node shows
 * no breakdown (0 potentiel).
 */
export function NodeScoreBlock(props: { score: NodeScore; badge: DisplayStatut | null | undefined; model: ScoringModel; breakdown: boolean }) {
  const { score, badge, model } = props;
  const words = modelFigures(model);
  // fait over the base of the % (lib/figures.ts): « 0,3 / 0,6 pt », weights « 1,5 / 3 pts », counts « 2 / 3 ».
  const base = ratioBaseKind(model) === 'evalues' ? ratioBase(model, score) : score.pointPotentiel;
  return (
    <div className="panel-score" data-testid="panel-score">
      <dl className="panel-figures">
        {badge !== undefined && (
          <div>
            <dt>{tr('scoreBlock.statut')}</dt>
            <dd>
              <StatutBadge statut={badge} model={model} testId="panel-statut" />
            </dd>
          </div>
        )}
        <div>
          <dt>{words.pointsLabel}</dt>
          <dd data-testid="panel-points">{`${formatPoints(score.pointFait)} / ${formatFigure(model, base)}`}</dd>
        </div>
        <div>
          <dt>{words.pctLabel}</dt>
          <dd data-testid="panel-pct">{pctCell(model, score)}</dd>
        </div>
        <div>
          <dt>{tr('scoreBlock.completude')}</dt>
          <dd data-testid="panel-completude" data-value={ratio(score.completedTachesCount, score.totalTachesCount) ?? ''}>
            {formatPercent(ratio(score.completedTachesCount, score.totalTachesCount), '—')}
          </dd>
        </div>
      </dl>
      {model === 'tete' && (score.desactive || (score.pointPotentielPerso !== null && score.pointPotentielPerso !== score.pointReferentiel)) && (
        <p className="small muted" data-testid="panel-personnalisation">
          {score.desactive
            ? tr('scoreBlock.desactive')
            : tr('scoreBlock.perso', { perso: formatPoints(score.pointPotentielPerso!), ref: formatPoints(score.pointReferentiel) })}{' '}
          <a href="#/personnalisation">{tr('scoreBlock.seePerso')}</a>
        </p>
      )}
      {props.breakdown && score.concerne && (
        <div className="panel-breakdown" data-testid="panel-breakdown">
          <ScoreBar score={score} />
          <dl>
            {breakdownParts(model, score).map(([key, label, value]) => (
              <div key={key}>
                <dt>
                  <span className={`swatch swatch-${key}`} aria-hidden="true" />
                  {label}
                </dt>
                <dd data-testid={`panel-${key}`}>{formatFigure(model, value)}</dd>
              </div>
            ))}
          </dl>
          <p className="muted small">
            {formatCount(score.completedTachesCount)} / {formatCount(score.totalTachesCount)} {words.renseignes}
          </p>
        </div>
      )}
    </div>
  );
}
