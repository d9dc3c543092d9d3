/**
 * The charts of a referential's card on the Tableau de bord (issue 8 item 3): % fait per axe as horizontal bars
 * with the label's seuils drawn as lines (étoiles, niveaux: `Referential.niveaux`), and the complétude rings
 * (the whole referential, then each axe). Each canvas carries its text alternative; the card's per-axe table says
 * the same figures in full. Figures and words come from lib/charts.ts.
 */
import { useT } from '../i18n';
import type { ChartConfiguration } from 'chart.js';
import type { Referential, ScoreResult } from '../../../shared/domain';
import { axeBars, axeChartDescription, completudeRings, progressionDescription, seuilLines, type ProgressionPoint, type Ring } from '../lib/charts';
import { modelFigures } from '../lib/figures';
import { formatPercent } from '../lib/format';
import { levelLabel } from '../lib/statuts';
import { axesOf, indexTree } from '../lib/tree';
import { ChartCanvas, cssVar, seuilPlugin } from './Chart';

export function ScoreCharts({ referential, score, progression = [] }: { referential: Referential; score: ScoreResult; progression?: ProgressionPoint[] }) {
  const { t, lang } = useT();
  // French writes « 40 % » (narrow no-break space), English « 40% » (shared/locale.ts).
  const pctSpace = lang === 'fr' ? '\u202f' : '';
  const id = referential.id;
  const words = modelFigures(referential.model);
  const axes = axesOf(indexTree(referential));
  const bars = axeBars(referential.model, axes, score.nodes, words.horsChamp, words.rienEvalue);
  const seuils = seuilLines(referential.niveaux);
  const levelWord = levelLabel(referential.hierarchie[1]) || t('level.axe');
  const rings = completudeRings(score.root, axes, score.nodes, words.renseignes);
  const barsKey = JSON.stringify([bars.map((b) => b.value), seuils, lang]);

  const barConfig = (): ChartConfiguration<'bar'> => ({
    type: 'bar',
    data: {
      labels: bars.map((b) => (b.label.length > 42 ? `${b.label.slice(0, 40)}…` : b.label)),
      datasets: [{ data: bars.map((b) => b.value), backgroundColor: cssVar('--fait', '#2e7d4f'), borderWidth: 0, barPercentage: 0.8 }],
    },
    options: {
      indexAxis: 'y',
      maintainAspectRatio: false,
      layout: { padding: { top: seuils.length > 0 ? 30 : 0, right: 24 } },
      scales: {
        x: { min: 0, max: 100, ticks: { callback: (v) => `${v}${pctSpace}%`, color: cssVar('--muted', '#55606a') }, grid: { color: cssVar('--border', '#d5d8d2') } },
        y: { ticks: { color: cssVar('--text', '#1d2125'), font: { size: 11 } }, grid: { display: false } },
      },
      plugins: { legend: { display: false }, tooltip: { enabled: false } },
    },
    plugins: [seuilPlugin<'bar'>(seuils, cssVar('--accent', '#1f5f8b'))],
  });
  const lineConfig = (): ChartConfiguration<'line'> => ({
    type: 'line',
    data: {
      labels: progression.map((p) => p.label),
      datasets: [{ data: progression.map((p) => p.value), borderColor: cssVar('--fait', '#2e7d4f'), backgroundColor: cssVar('--fait', '#2e7d4f'), pointRadius: 4, spanGaps: false }],
    },
    options: {
      maintainAspectRatio: false,
      scales: {
        y: { min: 0, max: 100, ticks: { callback: (v) => `${v}${pctSpace}%`, color: cssVar('--muted', '#55606a') }, grid: { color: cssVar('--border', '#d5d8d2') } },
        x: { ticks: { color: cssVar('--text', '#1d2125'), font: { size: 11 } }, grid: { display: false } },
      },
      plugins: { legend: { display: false }, tooltip: { enabled: false } },
    },
    plugins: [seuilPlugin<'line'>(seuils, cssVar('--accent', '#1f5f8b'), 'y')],
  });

  return (
    <div className="score-charts" data-testid={`charts-${id}`}>
      <figure className="chart-figure">
        <figcaption>
          {t(seuils.length > 0 ? 'charts.axesCaptionSeuils' : 'charts.axesCaption', { pct: words.pctLabel, level: levelWord })}
        </figcaption>
        <ChartCanvas
          config={barConfig}
          dataKey={barsKey}
          description={axeChartDescription(levelWord, bars, seuils)}
          height={Math.max(120, 34 * bars.length + 40)}
          testId={`chart-axes-${id}`}
        />
      </figure>
      <figure className="chart-figure">
        <figcaption>{t('scoreBlock.completude')}</figcaption>
        <ul className="rings" data-testid={`rings-${id}`}>
          {rings.map((r) => (
            <li key={r.id}>
              <CompletudeRing ring={r} testId={`ring-${id}-${r.id}`} />
            </li>
          ))}
        </ul>
      </figure>
      {progression.length > 0 && (
        <figure className="chart-figure chart-wide">
          <figcaption>{t('charts.progressionCaption')}</figcaption>
          <ChartCanvas
            config={lineConfig}
            dataKey={JSON.stringify([progression, seuils, lang])}
            description={progressionDescription(progression, seuils)}
            height={200}
            testId={`chart-progression-${id}`}
          />
        </figure>
      )}
    </div>
  );
}

function CompletudeRing({ ring, testId }: { ring: Ring; testId: string }) {
  const config = (): ChartConfiguration<'doughnut'> => ({
    type: 'doughnut',
    data: {
      datasets: [
        {
          data: [ring.done, Math.max(0, ring.total - ring.done)],
          backgroundColor: [cssVar('--accent', '#1f5f8b'), cssVar('--surface-alt', '#f0f1ec')],
          borderWidth: 0,
        },
      ],
    },
    options: { cutout: '72%', maintainAspectRatio: false, plugins: { legend: { display: false }, tooltip: { enabled: false } } },
  });
  return (
    <div className="ring" title={ring.description}>
      <ChartCanvas config={config} dataKey={`${ring.done}/${ring.total}`} description={ring.description} height={64} width={64} testId={testId} className="ring-chart" />
      <span className="ring-value" data-testid={`${testId}-value`} data-value={ring.value ?? ''}>
        {formatPercent(ring.value === null ? null : ring.value / 100, '—')}
      </span>
      <span className="ring-label">{ring.label}</span>
    </div>
  );
}
