/**
 * One referential's card on the Tableau de bord: global score (% and "fait / potentiel pts", with the points out of
 * the potentiel), the score seuil reached (not a label: a demande also needs 100 % complétude and the per-mesure
 * criteria, tete-referentials.md §3) and the next one with the gap on the potentiel, complétude, the per-axe
 * table, and the referential's avertissement. Presentational: takes the static referential and the core's
 * ScoreResult, computes nothing but the gap (lib/niveau.ts); every % is ratioFait (shared/scoring/ratios.ts).
 * RGESN (weighted) speaks its own words: conforme / non conforme / non évalué, its % on the evaluated weights, and
 * no niveau block (it has no niveaux). The RGAA (rate) counts critères: its % is the taux de conformité and its
 * niveau block the state of a declaration (« Conformité RGAA »); the guide NR (progress) counts pratiques faites of
 * the renseignées, without niveaux (lib/figures.ts for the words of each model).
 */

/**
 * The line under the headline %: "fait / potentiel pts" (tete, points), or for the weighted model the weights that
 * make its %: « 1,5 pts conformes sur 1,5 évalués (100,25 au total) » (plural above 1, lib/format.ts ptsUnit); for
 * the RGAA the critères « 52 conformes sur 105 évalués (106 critères) »; for the guide NR the pratiques « 8 faites
 * sur 16 renseignées (59 pratiques) ».
 */
export function scorePointsLine(
  model: ScoringModel,
  root: Pick<RootScore, 'pointFait' | 'pointPasFait' | 'pointPotentiel' | 'pointReferentiel'> & Partial<Pick<RootScore, 'pointProgramme'>>,
): string {
  if (model === 'rate' || model === 'progress') {
    const base = ratioBase(model, { pointProgramme: 0, ...root });
    const line = (part: string, n: number) => trPlural(`scoreCard.${model}${part}`, n, { n: formatCount(n) });
    return `${line('Fait', root.pointFait)} ${line('Base', base)} (${line('Total', root.pointReferentiel)})`;
  }
  if (model !== 'weighted') return formatPointsRatio(root.pointFait, root.pointPotentiel);
  const evaluated = Math.round((root.pointFait + root.pointPasFait) * 1000) / 1000;
  const byUnit = (n: number) => (ptsUnit(n) === 'pts' ? 'other' : 'one');
  return tr('scoreCard.weightedLine', {
    fait: tr(`scoreCard.weightedFait_${byUnit(root.pointFait)}`, { n: formatPts(root.pointFait) }),
    base: tr(`scoreCard.weightedBase_${byUnit(evaluated)}`, { n: formatPoints(evaluated) }),
    total: formatPoints(root.pointReferentiel),
  });
}

/**
 * The % of an axe row: ratioFait, « non concerné » / « non applicable », « non évalué » (RGESN, RGAA: nothing
 * evaluated) or « non renseigné » (guide NR).
 */
export function axePct(model: ScoringModel, s: NodeScore): string {
  const words = modelFigures(model);
  if (!s.concerne) return words.horsChamp;
  return formatPercent(ratioFait(model, s), words.rienEvalue);
}

/** The line of points (or critères, pratiques) out of the potentiel: non concernés, non applicables, personnalisation. */
function horsPotentielLine(model: ScoringModel, root: RootScore, horsPotentiel: number): string {
  const byUnit = ptsUnit(horsPotentiel) === 'pts' ? 'other' : 'one';
  switch (model) {
    case 'tete':
      return tr('scoreCard.horsTete', { pot: formatPoints(root.pointPotentiel), ref: formatPts(root.pointReferentiel) });
    case 'weighted':
      return tr(`scoreCard.horsWeighted_${byUnit}`, { n: formatPts(horsPotentiel) });
    case 'rate':
      return trPlural('scoreCard.horsRate', horsPotentiel, { n: formatCount(horsPotentiel) });
    case 'progress':
      return trPlural('scoreCard.horsProgress', horsPotentiel, { n: formatCount(horsPotentiel) });
    default:
      return tr(`scoreCard.horsPoints_${byUnit}`, { n: formatPts(horsPotentiel), ref: formatPoints(root.pointReferentiel) });
  }
}
import type { NodeScore, Referential, RootScore, ScoreResult, ScoringModel } from '../../../shared/domain';
import { ratioBase, ratioFait, speaksConformite } from '../../../shared/scoring/ratios';
import { modelFigures } from '../lib/figures';
import { formatCount, formatPercent, formatPoints, formatPointsRatio, formatPts, ptsUnit } from '../lib/format';
import { niveauProgress, pointsHorsPotentiel } from '../lib/niveau';
import { levelLabel } from '../lib/statuts';
import { indexTree, axesOf } from '../lib/tree';
import { ScoreBar } from './ScoreBar';
import { ScoreCharts } from './ScoreCharts';
import type { ProgressionPoint } from '../lib/charts';
import { plural, tr } from '../i18n/tr';
import { useT } from '../i18n';

/** `key_one` / `key_other` by the plural rule of the current language (i18n/tr.ts `plural`), filled from `values`. */
function trPlural(key: string, n: number, values: Record<string, unknown>): string {
  return tr(`${key}_${plural(n)}`, values);
}

export interface ScoreCardProps {
  referential: Referential;
  score: ScoreResult;
  /** Opens the referential's tree (link target). */
  treeHref: string;
  /** Opens its Candidature checklist (link shown under the niveau; only for referentials with niveaux). */
  candidatureHref?: string;
  /** Score across the jalons that froze this referential, then today (lib/charts.ts `progressionPoints`); [] = no chart. */
  progression?: ProgressionPoint[];
}

export function ScoreCard({ referential, score, treeHref, candidatureHref, progression }: ScoreCardProps) {
  const { t } = useT();
  const id = referential.id;
  const root = score.root;
  // One base for the %, the "fait / potentiel" line and the gap: the potentiel (shared/domain.ts Niveau.seuil).
  const model = referential.model;
  const words = modelFigures(model);
  const progress = niveauProgress(root, referential.niveaux, model);
  const horsPotentiel = pointsHorsPotentiel(root);
  const axes = axesOf(indexTree(referential));
  // The columns after Potentiel, in the model's words (RGESN and RGAA have no « programmé »).
  const columns: Array<[string, (s: NodeScore) => number]> = speaksConformite(model)
    ? [
        [t('statut.conforme'), (s) => s.pointFait],
        [t('statut.non_conforme'), (s) => s.pointPasFait],
        [t('statut.non_evalue'), (s) => s.pointNonRenseigne],
      ]
    : [
        [t('statut.fait'), (s) => s.pointFait],
        [t('statut.programme'), (s) => s.pointProgramme],
        [t('statut.pas_fait'), (s) => s.pointPasFait],
      ];
  const rate = model === 'rate';

  return (
    <section className="card" data-testid={`referential-card-${id}`} aria-labelledby={`card-title-${id}`}>
      <header className="card-header">
        <h2 id={`card-title-${id}`}>
          <a href={treeHref}>{referential.nom}</a>
        </h2>
        <span className="muted">{t('scoreCard.version', { v: referential.version })}</span>
      </header>

      {referential.avertissement && (
        <p className="avertissement" role="note" data-testid={`avertissement-${id}`}>
          {referential.avertissement}
        </p>
      )}

      <div className="headline">
        <div className="figure">
          <span className="figure-label">{t('scoreCard.scoreGlobal')}</span>
          <span className="figure-value" data-testid={`score-global-${id}`} data-value={root.score ?? ''}>
            {formatPercent(root.score)}
          </span>
          <span className="figure-sub" data-testid={`score-points-${id}`}>
            {scorePointsLine(model, root)}
          </span>
          {horsPotentiel > 0 && (
            <span className="figure-sub" data-testid={`score-hors-potentiel-${id}`} data-value={horsPotentiel}>
              {horsPotentielLine(model, root, horsPotentiel)}
            </span>
          )}
        </div>
        {referential.niveaux.length > 0 && (
          <div className="figure">
            <span className="figure-label">{rate ? t('scoreCard.conformiteRgaa') : t('scoreCard.seuilAtteint')}</span>
            <span className="figure-value" data-testid={`niveau-${id}`} data-rang={progress.atteint?.rang ?? 0}>
              {progress.atteint?.nom ?? t('common.none')}
            </span>
            {progress.suivant && (
              <span className="figure-sub" data-testid={`niveau-suivant-${id}`}>
                {rate
                  ? trPlural('scoreCard.nextRate', progress.suivant.manquePoints, { nom: progress.suivant.niveau.nom, seuil: formatPercent(progress.suivant.niveau.seuil), n: formatCount(progress.suivant.manquePoints) })
                  : t('scoreCard.next', { nom: progress.suivant.niveau.nom, seuil: formatPercent(progress.suivant.niveau.seuil), pts: formatPts(progress.suivant.manquePoints) })}
              </span>
            )}
            {progress.atteint && root.completude < 1 && (
              <span className="figure-note" data-testid={`niveau-note-${id}`}>
                {referential.model === 'tete'
                  ? t('scoreCard.noteTete')
                  : rate
                    ? t('scoreCard.noteRate')
                    : t('scoreCard.noteGrille')}
              </span>
            )}
            {candidatureHref && (
              <a className="figure-link" href={candidatureHref} data-testid={`candidature-link-${id}`}>
                {t('scoreCard.candidature')}
              </a>
            )}
          </div>
        )}
        <div className="figure">
          <span className="figure-label">{t('scoreBlock.completude')}</span>
          <span className="figure-value" data-testid={`completude-${id}`} data-value={root.completude}>
            {formatPercent(root.completude)}
          </span>
          <span className="figure-sub" data-testid={`completude-count-${id}`}>
            {formatCount(root.completedTachesCount)} / {formatCount(root.totalTachesCount)} {words.renseignes}
          </span>
        </div>
      </div>

      <ScoreCharts referential={referential} score={score} progression={progression} />

      <table className="axes" data-testid={`axes-${id}`}>
        <caption className="visually-hidden">{t('scoreCard.axesCaption', { level: levelLabel(referential.hierarchie[1]) || t('level.axe') })}</caption>
        <thead>
          <tr>
            <th scope="col">{capitalize(levelLabel(referential.hierarchie[1]) || t('level.axe'))}</th>
            <th scope="col" className="num">{words.counts ? t('scoreCard.applicables') : t('scoreCard.potentiel')}</th>
            {columns.map(([label]) => (
              <th key={label} scope="col" className="num">
                {label}
              </th>
            ))}
            <th scope="col" className="num">{words.pctLabel}</th>
            <th scope="col"><span className="visually-hidden">{t('scoreCard.repartition')}</span></th>
          </tr>
        </thead>
        <tbody>
          {axes.map((axe) => {
            const s = score.nodes[axe.id];
            if (!s) return null;
            return (
              <tr key={axe.id} data-testid={`axe-row-${axe.id}`}>
                <th scope="row">
                  <a href={`${treeHref}/${encodeURIComponent(axe.id)}`}>
                    <span className="ident">{axe.identifiant}</span> {axe.nom}
                  </a>
                </th>
                <td className="num">{words.counts ? formatCount(s.pointPotentiel) : formatPoints(s.pointPotentiel)}</td>
                {columns.map(([label, value]) => (
                  <td key={label} className="num">
                    {words.counts ? formatCount(value(s)) : formatPoints(value(s))}
                  </td>
                ))}
                <td className="num" data-testid={`axe-pct-${axe.id}`}>
                  {axePct(model, s)}
                </td>
                <td className="bar-cell">
                  <ScoreBar score={s} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
