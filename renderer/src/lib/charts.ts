/**
 * What the dashboard charts show (issue 8 item 3), as plain data: the per-axe % with the label's seuils, the
 * complétude rings, and their text alternatives. Pure (no chart.js here: components/Chart.tsx draws). Every % is
 * ratioFait (shared/scoring/ratios.ts) truncated to one decimal like every other figure (lib/format.ts), so a bar
 * never reaches a seuil line the score has not reached (DOMAIN.md: a score below a threshold is never displayed
 * as reaching it). Seuils come from the referential (`Referential.niveaux`), never from code.
 */
import { tr } from '../i18n/tr';
import type { Niveau, NodeScore, ReferentialNode, RootScore, ScoringModel } from '../../../shared/domain';
import { ratioFait } from '../../../shared/scoring/ratios';
import { formatCount, formatPercent } from './format';

/** A fraction 0..1 as a chart value in %, truncated to one decimal (74.99 % → 74.9); null stays null. */
export function chartPercent(fraction: number | null): number | null {
  if (fraction === null || !Number.isFinite(fraction)) return null;
  return Math.floor(fraction * 1000 + 1e-6) / 10;
}

/** One bar of the per-axe chart. */
export interface AxeBar {
  id: string;
  /** "1 Planification territoriale" (identifiant and nom). */
  label: string;
  /** % fait 0..100 truncated, null when not computable or not concerned (no bar). */
  value: number | null;
  /** The cell's words: "74,9 %", "non concerné"… */
  text: string;
}

/** One seuil line: "2 étoiles" at 35 (%). */
export interface SeuilLine {
  nom: string;
  /** 0..100 */
  value: number;
}

/** Bars of the axes (depth-1 nodes in order) from the core's scores; axes without a score are left out. */
export function axeBars(model: ScoringModel, axes: readonly ReferentialNode[], scores: Record<string, NodeScore>, horsChamp: string, rienEvalue: string): AxeBar[] {
  const out: AxeBar[] = [];
  for (const axe of axes) {
    const s = scores[axe.id];
    if (!s) continue;
    const f = s.concerne ? ratioFait(model, s) : null;
    out.push({ id: axe.id, label: `${axe.identifiant} ${axe.nom}`, value: chartPercent(f), text: s.concerne ? formatPercent(f, rienEvalue) : horsChamp });
  }
  return out;
}

/** The seuil lines of the referential's niveaux with a seuil above 0 (a 0 % niveau is no line), in %. */
export function seuilLines(niveaux: readonly Niveau[]): SeuilLine[] {
  return niveaux.filter((n) => n.seuil > 0).map((n) => ({ nom: n.nom, value: Math.round(n.seuil * 1000) / 10 }));
}

/**
 * The text alternative of the per-axe chart: « Score par axe : 1 Planification territoriale 12,3 % ; 2 … .
 * Seuils : 1 étoile 0 %, 2 étoiles 35,0 % … » (screen readers read this instead of the canvas).
 */
export function axeChartDescription(levelWord: string, bars: readonly AxeBar[], seuils: readonly SeuilLine[]): string {
  const parts = bars.map((b) => `${b.label} ${b.text}`).join(tr('charts.sep'));
  return tr('charts.axesDescription', { level: levelWord, parts, seuils: seuilsSentence(seuils) });
}

/** One complétude ring: renseignés over total. */
export interface Ring {
  id: string;
  label: string;
  done: number;
  total: number;
  /** done / total truncated to one decimal in %, null when total is 0. */
  value: number | null;
  /** "Complétude 45,2 % : 16 / 1 111 critères renseignés" */
  description: string;
}

/** The complétude ring of the whole referential then one per axe (completedTachesCount / totalTachesCount). */
export function completudeRings(root: RootScore, axes: readonly ReferentialNode[], scores: Record<string, NodeScore>, renseignes: string): Ring[] {
  const ring = (id: string, label: string, done: number, total: number): Ring => {
    const f = total > 0 ? done / total : null;
    return { id, label, done, total, value: chartPercent(f), description: tr('charts.ringDescription', { label, pct: formatPercent(f, tr('common.notComputable')), done: formatCount(done), total: formatCount(total), renseignes }) };
  };
  const out = [ring('root', tr('charts.ensemble'), root.completedTachesCount, root.totalTachesCount)];
  for (const axe of axes) {
    const s = scores[axe.id];
    if (s) out.push(ring(axe.id, `${axe.identifiant} ${axe.nom}`, s.completedTachesCount, s.totalTachesCount));
  }
  return out;
}

/** One point of the progression chart: a jalon (or « Aujourd'hui ») and its score in % (truncated; null: not computable). */
export interface ProgressionPoint {
  label: string;
  value: number | null;
}

/** What the progression needs of a jalon (jalons.list: `JalonSummary`). */
export interface JalonForChart {
  nom: string;
  at: string;
  referentiels: ReadonlyArray<{ referentialId: string; score: number | null }>;
}

/**
 * The score of `referentialId` across the jalons that froze it, oldest first, then today's: [] when no jalon holds
 * it (no chart then). Labels « Pré-audit (12/03/2026) ».
 */
export function progressionPoints(jalons: readonly JalonForChart[], referentialId: string, current: number | null): ProgressionPoint[] {
  const dated = jalons
    .map((j) => ({ j, r: j.referentiels.find((r) => r.referentialId === referentialId) }))
    .filter((x): x is { j: JalonForChart; r: { referentialId: string; score: number | null } } => x.r !== undefined)
    .sort((x, y) => x.j.at.localeCompare(y.j.at));
  if (dated.length === 0) return [];
  const day = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
  return [...dated.map(({ j, r }) => ({ label: `${j.nom} (${day(j.at)})`, value: chartPercent(r.score) })), { label: tr('charts.today'), value: chartPercent(current) }];
}

/** The text alternative of the progression chart: « Progression du score : Pré-audit (12/03/2026) 25,0 % ; Aujourd’hui 30,1 %. » */
export function progressionDescription(points: readonly ProgressionPoint[], seuils: readonly SeuilLine[]): string {
  const parts = points.map((p) => `${p.label} ${p.value === null ? tr('common.notComputable') : formatPercent(p.value / 100)}`).join(tr('charts.sep'));
  return tr('charts.progressionDescription', { parts, seuils: seuilsSentence(seuils) });
}

/** « Seuils : 2 étoiles 35,0 %, … . » with a leading space, or '' when the referential has no seuil. */
function seuilsSentence(seuils: readonly SeuilLine[]): string {
  if (seuils.length === 0) return '';
  return tr('charts.seuils', { list: seuils.map((l) => `${l.nom} ${formatPercent(l.value / 100)}`).join(', ') });
}
