/**
 * One referential's card on the Tableau de bord: global score (% and "fait / potentiel pts", with the points out of
 * the potentiel), the score seuil reached (not a label: a demande also needs 100 % complétude and the per-mesure
 * criteria, tete-referentials.md §3) and the next one with the gap on the potentiel, complétude, the per-axe
 * table, and the referential's avertissement. Presentational: takes the static referential and the core's
 * ScoreResult, computes nothing but the gap (lib/niveau.ts); every % is ratioFait (shared/scoring/ratios.ts).
 * RGESN (weighted) speaks its own words: conforme / non conforme / non évalué, its % on the evaluated weights, and
 * no niveau block (it has no niveaux).
 */

/**
 * The line under the headline %: "fait / potentiel pts" (tete, points), or for the weighted model the weights that
 * make its %: « 1,5 pts conformes sur 1,5 évalués (100,25 au total) » (plural above 1, lib/format.ts ptsUnit).
 */
export function scorePointsLine(model: ScoringModel, root: Pick<RootScore, 'pointFait' | 'pointPasFait' | 'pointPotentiel' | 'pointReferentiel'>): string {
  if (model !== 'weighted') return formatPointsRatio(root.pointFait, root.pointPotentiel);
  const evaluated = Math.round((root.pointFait + root.pointPasFait) * 1000) / 1000;
  const s = (n: number) => (ptsUnit(n) === 'pts' ? 's' : '');
  return `${formatPts(root.pointFait)} conforme${s(root.pointFait)} sur ${formatPoints(evaluated)} évalué${s(evaluated)} (${formatPoints(root.pointReferentiel)} au total)`;
}

/** The % of an axe row: ratioFait, « non concerné » / « non applicable », « non évalué » (RGESN, nothing evaluated). */
export function axePct(model: ScoringModel, s: NodeScore): string {
  if (!s.concerne) return model === 'weighted' ? 'non applicable' : 'non concerné';
  return formatPercent(ratioFait(model, s), model === 'weighted' ? 'non évalué' : 'non calculable');
}
import type { NodeScore, Referential, RootScore, ScoreResult, ScoringModel } from '../../../shared/domain';
import { ratioFait } from '../../../shared/scoring/ratios';
import { formatCount, formatPercent, formatPoints, formatPointsRatio, formatPts, ptsUnit } from '../lib/format';
import { niveauProgress, pointsHorsPotentiel } from '../lib/niveau';
import { levelLabel } from '../lib/statuts';
import { indexTree, axesOf } from '../lib/tree';
import { ScoreBar } from './ScoreBar';

export interface ScoreCardProps {
  referential: Referential;
  score: ScoreResult;
  /** Opens the referential's tree (link target). */
  treeHref: string;
  /** Opens its Candidature checklist (link shown under the niveau; only for referentials with niveaux). */
  candidatureHref?: string;
}

export function ScoreCard({ referential, score, treeHref, candidatureHref }: ScoreCardProps) {
  const id = referential.id;
  const root = score.root;
  // One base for the %, the "fait / potentiel" line and the gap: the potentiel (shared/domain.ts Niveau.seuil).
  const progress = niveauProgress(root, referential.niveaux);
  const horsPotentiel = pointsHorsPotentiel(root);
  const axes = axesOf(indexTree(referential));
  const model = referential.model;
  // The columns after Potentiel, in the model's words (RGESN has no « programmé »).
  const columns: Array<[string, (s: NodeScore) => number]> =
    model === 'weighted'
      ? [
          ['Conforme', (s) => s.pointFait],
          ['Non conforme', (s) => s.pointPasFait],
          ['Non évalué', (s) => s.pointNonRenseigne],
        ]
      : [
          ['Fait', (s) => s.pointFait],
          ['Programmé', (s) => s.pointProgramme],
          ['Pas fait', (s) => s.pointPasFait],
        ];

  return (
    <section className="card" data-testid={`referential-card-${id}`} aria-labelledby={`card-title-${id}`}>
      <header className="card-header">
        <h2 id={`card-title-${id}`}>
          <a href={treeHref}>{referential.nom}</a>
        </h2>
        <span className="muted">version {referential.version}</span>
      </header>

      {referential.avertissement && (
        <p className="avertissement" role="note" data-testid={`avertissement-${id}`}>
          {referential.avertissement}
        </p>
      )}

      <div className="headline">
        <div className="figure">
          <span className="figure-label">Score global</span>
          <span className="figure-value" data-testid={`score-global-${id}`} data-value={root.score ?? ''}>
            {formatPercent(root.score)}
          </span>
          <span className="figure-sub" data-testid={`score-points-${id}`}>
            {scorePointsLine(model, root)}
          </span>
          {horsPotentiel > 0 && (
            <span className="figure-sub" data-testid={`score-hors-potentiel-${id}`} data-value={horsPotentiel}>
              {model === 'tete'
                ? `potentiel personnalisé : ${formatPoints(root.pointPotentiel)} sur ${formatPts(root.pointReferentiel)}`
                : model === 'weighted'
                  ? `${formatPts(horsPotentiel)} non applicable${ptsUnit(horsPotentiel) === 'pts' ? 's' : ''}`
                  : `${formatPts(horsPotentiel)} non concerné${ptsUnit(horsPotentiel) === 'pts' ? 's' : ''} (sur ${formatPoints(root.pointReferentiel)})`}
            </span>
          )}
        </div>
        {referential.niveaux.length > 0 && (
          <div className="figure">
            <span className="figure-label">Seuil de score atteint</span>
            <span className="figure-value" data-testid={`niveau-${id}`} data-rang={progress.atteint?.rang ?? 0}>
              {progress.atteint?.nom ?? 'aucun'}
            </span>
            {progress.suivant && (
              <span className="figure-sub" data-testid={`niveau-suivant-${id}`}>
                {`Prochain : ${progress.suivant.niveau.nom} à ${formatPercent(progress.suivant.niveau.seuil)}, il manque ${formatPts(progress.suivant.manquePoints)}`}
              </span>
            )}
            {progress.atteint && root.completude < 1 && (
              <span className="figure-note" data-testid={`niveau-note-${id}`}>
                {referential.model === 'tete'
                  ? 'Une demande exige aussi 100\u202f% de complétude et les critères par mesure.'
                  : 'Une demande exige aussi 100\u202f% de complétude et les prérequis de la grille.'}
              </span>
            )}
            {candidatureHref && (
              <a className="figure-link" href={candidatureHref} data-testid={`candidature-link-${id}`}>
                Préparer la candidature
              </a>
            )}
          </div>
        )}
        <div className="figure">
          <span className="figure-label">Complétude</span>
          <span className="figure-value" data-testid={`completude-${id}`} data-value={root.completude}>
            {formatPercent(root.completude)}
          </span>
          <span className="figure-sub" data-testid={`completude-count-${id}`}>
            {formatCount(root.completedTachesCount)} / {formatCount(root.totalTachesCount)} critères renseignés
          </span>
        </div>
      </div>

      <table className="axes" data-testid={`axes-${id}`}>
        <caption className="visually-hidden">Score par {levelLabel(referential.hierarchie[1]) || 'axe'}</caption>
        <thead>
          <tr>
            <th scope="col">{capitalize(levelLabel(referential.hierarchie[1]) || 'axe')}</th>
            <th scope="col" className="num">Potentiel</th>
            {columns.map(([label]) => (
              <th key={label} scope="col" className="num">
                {label}
              </th>
            ))}
            <th scope="col" className="num">{model === 'weighted' ? '% conforme' : '% fait'}</th>
            <th scope="col"><span className="visually-hidden">Répartition</span></th>
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
                <td className="num">{formatPoints(s.pointPotentiel)}</td>
                {columns.map(([label, value]) => (
                  <td key={label} className="num">
                    {formatPoints(value(s))}
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
