/**
 * One referential's card on the Tableau de bord: global score (% and "fait / potentiel pts", with the points out of
 * the potentiel), the score seuil reached (not a label: a demande also needs 100 % complétude and the per-mesure
 * criteria, tete-referentials.md §3) and the next one with the gap on the potentiel, complétude, the per-axe
 * table, and the referential's avertissement. Presentational: takes the static referential and the core's
 * ScoreResult, computes nothing but ratios and the gap (lib/niveau.ts).
 */
import type { Referential, ScoreResult } from '../../../shared/domain';
import { formatCount, formatPercent, formatPoints, formatPointsRatio, ratio } from '../lib/format';
import { niveauProgress, pointsHorsPotentiel } from '../lib/niveau';
import { levelLabel } from '../lib/statuts';
import { indexTree, axesOf } from '../lib/tree';
import { ScoreBar } from './ScoreBar';

export interface ScoreCardProps {
  referential: Referential;
  score: ScoreResult;
  /** Opens the referential's tree (link target). */
  treeHref: string;
}

export function ScoreCard({ referential, score, treeHref }: ScoreCardProps) {
  const id = referential.id;
  const root = score.root;
  // One base for the %, the "fait / potentiel" line and the gap: the potentiel (shared/domain.ts Niveau.seuil).
  const progress = niveauProgress(root, referential.niveaux);
  const horsPotentiel = pointsHorsPotentiel(root);
  const axes = axesOf(indexTree(referential));

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
            {formatPointsRatio(root.pointFait, root.pointPotentiel)}
          </span>
          {horsPotentiel > 0 && (
            <span className="figure-sub" data-testid={`score-hors-potentiel-${id}`} data-value={horsPotentiel}>
              {referential.model === 'tete'
                ? `potentiel personnalisé : ${formatPoints(root.pointPotentiel)} sur ${formatPoints(root.pointReferentiel)} pts`
                : `${formatPoints(horsPotentiel)} pts non concernés (sur ${formatPoints(root.pointReferentiel)})`}
            </span>
          )}
        </div>
        <div className="figure">
          <span className="figure-label">{referential.niveaux.length > 0 ? 'Seuil de score atteint' : 'Niveau'}</span>
          <span className="figure-value" data-testid={`niveau-${id}`} data-rang={progress.atteint?.rang ?? 0}>
            {referential.niveaux.length === 0 ? 'sans niveaux' : (progress.atteint?.nom ?? 'aucun')}
          </span>
          {progress.suivant && (
            <span className="figure-sub" data-testid={`niveau-suivant-${id}`}>
              {`Prochain : ${progress.suivant.niveau.nom} à ${formatPercent(progress.suivant.niveau.seuil)}, il manque ${formatPoints(progress.suivant.manquePoints)} pts`}
            </span>
          )}
          {progress.atteint && root.completude < 1 && (
            <span className="figure-note" data-testid={`niveau-note-${id}`}>
              {referential.model === 'tete'
                ? 'Une demande exige aussi 100\u202f% de complétude et les critères par mesure.'
                : 'Une demande exige aussi 100\u202f% de complétude et les prérequis de la grille.'}
            </span>
          )}
        </div>
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
            <th scope="col" className="num">Fait</th>
            <th scope="col" className="num">Programmé</th>
            <th scope="col" className="num">Pas fait</th>
            <th scope="col" className="num">% fait</th>
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
                <td className="num">{formatPoints(s.pointFait)}</td>
                <td className="num">{formatPoints(s.pointProgramme)}</td>
                <td className="num">{formatPoints(s.pointPasFait)}</td>
                <td className="num" data-testid={`axe-pct-${axe.id}`}>
                  {s.concerne ? formatPercent(ratio(s.pointFait, s.pointPotentiel)) : 'non concerné'}
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
