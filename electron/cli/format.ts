/**
 * Output of the `label-audit` command line: the JSON shapes the labelling body's scripts rely on, and the human
 * French text. Pure functions (no I/O).
 */
import { round3, type NodeScore, type Referential, type ScoreResult } from '../../shared/domain';
import { ratioBaseKind, ratioFait, speaksConformite } from '../../shared/scoring/ratios';
import { LABEL_REMINDER, leafCountsFr, RATE_REMINDER, scoreLineFr, showsNiveau } from '../core/pack/format';

/** The six point fields of a node in `score --json`, in points, 3 decimals. */
export interface CliNodePoints {
  pointReferentiel: number;
  pointPotentiel: number;
  pointFait: number;
  pointProgramme: number;
  pointPasFait: number;
  pointNonRenseigne: number;
}

/**
 * A node in `score --json`: the points plus its display statut (null where no statut can be entered), its
 * personnalisation (`desactive`; `pointPotentielPerso` in points where a reduction applies, else null) and its leaf
 * counts (the `…TachesAvancement` fields are leaf-weighted counts, tete-referentials.md §2.2).
 */
export interface CliNodeScore extends CliNodePoints {
  statut: string | null;
  concerne: boolean;
  desactive: boolean;
  pointPotentielPerso: number | null;
  totalTachesCount: number;
  completedTachesCount: number;
  faitTachesAvancement: number;
  programmeTachesAvancement: number;
  pasFaitTachesAvancement: number;
  pasConcerneTachesAvancement: number;
}

/**
 * The document `label-audit score REF --json` prints (the CLI contract):
 * `score` and `completude` are fractions 0..1 (`score` null when not computable, e.g. potentiel 0);
 * `niveau` is the nom of the highest étoiles/niveau reached, or null.
 */
export interface CliScore {
  referential: { id: string; version: string };
  root: CliNodeScore & { score: number | null; completude: number; niveau: string | null };
  nodes: Record<string, CliNodeScore>;
}

function points(s: NodeScore): CliNodePoints {
  return {
    pointReferentiel: round3(s.pointReferentiel),
    pointPotentiel: round3(s.pointPotentiel),
    pointFait: round3(s.pointFait),
    pointProgramme: round3(s.pointProgramme),
    pointPasFait: round3(s.pointPasFait),
    pointNonRenseigne: round3(s.pointNonRenseigne),
  };
}

/** Maps an engine ScoreResult to the CLI's `score --json` shape (CliScore). */
export function toCliScore(result: ScoreResult): CliScore {
  const nodes: Record<string, CliNodeScore> = {};
  for (const [id, s] of Object.entries(result.nodes)) nodes[id] = cliNode(s);
  return {
    referential: { id: result.referential.id, version: result.referential.version },
    root: {
      ...cliNode(result.root),
      score: result.root.score,
      completude: result.root.completude,
      niveau: result.root.niveau?.nom ?? null,
    },
    nodes,
  };
}

function cliNode(s: NodeScore): CliNodeScore {
  return {
    ...points(s),
    statut: s.statut,
    concerne: s.concerne,
    desactive: s.desactive,
    pointPotentielPerso: s.pointPotentielPerso === null ? null : round3(s.pointPotentielPerso),
    totalTachesCount: s.totalTachesCount,
    completedTachesCount: s.completedTachesCount,
    faitTachesAvancement: round3(s.faitTachesAvancement),
    programmeTachesAvancement: round3(s.programmeTachesAvancement),
    pasFaitTachesAvancement: round3(s.pasFaitTachesAvancement),
    pasConcerneTachesAvancement: round3(s.pasConcerneTachesAvancement),
  };
}

/** Points in French notation, up to 3 decimals, no grouping: 61.5 → "61,5". */
export function formatPoints(x: number): string {
  return round3(x).toLocaleString('fr-FR', { maximumFractionDigits: 3, useGrouping: false });
}

/** A fraction 0..1 as a French percentage with one decimal: 0.123 → "12,3 %"; null → "non calculable". */
export function formatPercent(fraction: number | null): string {
  if (fraction === null || !Number.isFinite(fraction)) return 'non calculable';
  // Truncate (never round up) so a score just under a threshold is never shown as reaching it (DOMAIN.md).
  const tenths = Math.floor(fraction * 1000 + 1e-9) / 10;
  return `${tenths.toLocaleString('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false })} %`;
}

/** Bytes in a human French form: 1536 → "1,5 Ko". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} octets`;
  const units = ['Ko', 'Mo', 'Go'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toLocaleString('fr-FR', { maximumFractionDigits: 1, useGrouping: false })} ${units[unit]}`;
}

/** One line of points for a node: "fait 12,5 · programmé 3 · pas fait 0 · non renseigné 20 / potentiel 35,5 points". */
export function formatNodePoints(s: CliNodePoints): string {
  return (
    `fait ${formatPoints(s.pointFait)} · programmé ${formatPoints(s.pointProgramme)} · pas fait ${formatPoints(s.pointPasFait)}` +
    ` · non renseigné ${formatPoints(s.pointNonRenseigne)} / potentiel ${formatPoints(s.pointPotentiel)} points`
  );
}

/**
 * Human text of `label-audit score`: the root summary (score, seuil de score reached, complétude, points) then one line per axe
 * (depth-1 node, in the referential's order) with its points and its share fait of its potentiel.
 * The rate (RGAA) and progress (guide NR) models speak in critères / pratiques counted one by one (`countsText`).
 */
export function formatScoreText(referential: Referential, result: ScoreResult): string {
  if (referential.model === 'rate' || referential.model === 'progress') return countsText(referential, result);
  const root = toCliScore(result).root;
  const lines = [
    `${referential.nom} (${referential.id}, version ${referential.version})`,
    // A score threshold is not a label: a request also needs 100 % complétude and the per-mesure prerequisites
    // (tete-referentials.md §3), so the text says "seuil de score" and recalls the complétude rule.
    !showsNiveau(referential)
      ? `Score : ${formatPercent(root.score)}`
      : `Score : ${formatPercent(root.score)} — seuil de score atteint : ${root.niveau ?? 'aucun'}`,
    `Complétude : ${formatPercent(root.completude)}${showsNiveau(referential) && root.completude < 1 ? ` (${LABEL_REMINDER})` : ''}`,
    `Points : ${formatNodePoints(root)}`,
  ];
  const axes = referential.nodes.filter((n) => n.depth === 1);
  if (axes.length > 0) lines.push('');
  for (const axe of axes) {
    const s = result.nodes[axe.id];
    if (!s) continue;
    lines.push(`${levelLabel(axe.type)} ${axe.identifiant} ${axe.nom} : ${axeShare(referential.model, s)} — ${formatNodePoints(s)}`);
  }
  return lines.join('\n');
}

/**
 * `label-audit score` for the rate (RGAA) and progress (guide NR) models: the headline with its base
 * (`scoreLineFr`, as in the PDF), the conformity state reached (RGAA: « Non conforme », « Partiellement conforme »,
 * « Totalement conforme », judged on the exact fraction), complétude, the counts, then one line per thématique /
 * famille: « Thématique 1 Images : 66,6 % — 2 conformes · 1 non conforme · 6 non évalués · 0 non applicable ».
 */
function countsText(referential: Referential, result: ScoreResult): string {
  const { root } = result;
  const line = scoreLineFr(referential.model, root);
  const lines = [
    `${referential.nom} (${referential.id}, version ${referential.version})`,
    `${line.label} : ${line.value}`,
    ...(showsNiveau(referential)
      ? [
          `${referential.model === 'rate' ? 'Conformité RGAA' : 'Niveau atteint'} : ${root.niveau?.nom ?? 'aucune (rien d’évalué)'}` +
            (root.niveau && root.completude < 1 && referential.model === 'rate' ? ` (${RATE_REMINDER})` : ''),
        ]
      : []),
    `Complétude : ${formatPercent(root.completude)}`,
    `${referential.model === 'rate' ? 'Critères' : 'Pratiques'} : ${leafCountsFr(referential.model, root) ?? ''}`,
  ];
  const axes = referential.nodes.filter((n) => n.depth === 1);
  if (axes.length > 0) lines.push('');
  for (const axe of axes) {
    const s = result.nodes[axe.id];
    if (!s) continue;
    lines.push(`${levelLabel(axe.type)} ${axe.identifiant} ${axe.nom} : ${axeShare(referential.model, s)} — ${leafCountsFr(referential.model, s) ?? ''}`);
  }
  return lines.join('\n');
}

/**
 * The share shown for one axe, following its model's headline ratio (DOMAIN.md "Referentials to support"):
 * tete / points: fait ÷ potentiel ("non concerné" at 0 potentiel); weighted (RGESN), rate (RGAA), progress
 * (guide NR): fait ÷ what is evaluated, "non calculable" while nothing applicable is evaluated ("non applicable" /
 * "non concerné" for a whole thématique out of scope, rate and progress).
 */
function axeShare(model: Referential['model'], s: NodeScore): string {
  const ratio = ratioFait(model, s);
  if (ratio !== null) return formatPercent(ratio);
  if (ratioBaseKind(model) === 'potentiel') return 'non concerné';
  if (model !== 'weighted' && !s.concerne) return speaksConformite(model) ? 'non applicable' : 'non concerné';
  return 'non calculable';
}

/** French label of a hierarchy level name as stored (`theme` → "Thème"), capitalised. */
const LEVEL_LABELS: Record<string, string> = {
  axe: 'Axe',
  'sous-axe': 'Sous-axe',
  action: 'Mesure',
  theme: 'Thème',
  thematique: 'Thématique',
  critere: 'Critère',
  famille: 'Famille',
  pratique: 'Pratique',
};

function levelLabel(type: string): string {
  return LEVEL_LABELS[type] ?? type.charAt(0).toUpperCase() + type.slice(1);
}
