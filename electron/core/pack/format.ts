/**
 * French labels and number/date formatting shared by the pack's PDF, XLSX and CSV.
 * Statut labels: tete-referentials.md §7, column M.
 */
import type { DisplayStatut, Niveau, NodeScore, RootScore, ScoringModel } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import { ratioBase, ratioBaseKind, ratioFait } from '../../../shared/scoring/ratios';
import { ratiosOf } from '../../../shared/scoring/tete';

/** Column-M labels of the national export (§7), plus the RGESN/RGAA statuts; `non_renseignable` is blank. */
export const STATUT_LABELS: Record<DisplayStatut, string> = {
  non_renseigne: 'Non renseigné',
  fait: 'Fait',
  pas_fait: 'Pas fait',
  programme: 'Programmé',
  detaille: 'Détaillé au %',
  detaille_a_la_tache: 'Détaillé à la tâche',
  non_concerne: 'Non concerné',
  conforme: 'Conforme',
  non_conforme: 'Non conforme',
  non_applicable: 'Non applicable',
  non_renseignable: '',
};

/** `part / whole` as a fraction 0..1, or null when `whole` is 0 (never NaN: DOMAIN.md "Rules every engine keeps"). */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Points for people: `312,5` (≤ 3 decimals, decimal comma, narrow no-break space as thousands separator). */
export function pointsFr(n: number): string {
  return new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 3 }).format(n);
}

/**
 * A fraction 0..1 truncated (never rounded up) to tenths of a percent, 0.64999 → 0.649: what the grid stores,
 * so that Excel's `0.0%` shows exactly what the screen and the CLI show (DOMAIN.md "a score below a threshold is
 * never displayed as reaching it"). null stays null.
 */
export function truncatedFraction(fraction: number | null): number | null {
  if (fraction === null || !Number.isFinite(fraction)) return null;
  return Math.floor(fraction * 1000 + 1e-9) / 1000;
}

/** The three shares of a node as fractions 0..1 (null when not computable), for the grid's % columns. */
export interface Shares {
  fait: number | null;
  programme: number | null;
  pasFait: number | null;
}

/**
 * The % fait / programmé / pas fait of a node for its model, with `fait` = `ratioFait` (shared/scoring/ratios.ts,
 * the one headline ratio of the screen and the CLI): tete/points over the potentiel (TETE leaf-count fallback at 0
 * potentiel, tete-referentials.md §2.2); weighted (RGESN) and rate (RGAA) over what is evaluated (conforme + non
 * conforme), so conforme + non conforme = 100 %; progress (guide NR) over what is renseigné (fait + programmé + pas
 * fait), the three summing to 100 % (DOMAIN.md; shared/scoring/ratios.ts `ratioBase`).
 */
export function sharesOf(model: ScoringModel, s: NodeScore): Shares {
  const fait = ratioFait(model, s);
  if (ratioBaseKind(model) === 'evalues') {
    const base = ratioBase(model, s);
    return base > 0 ? { fait, programme: s.pointProgramme / base, pasFait: s.pointPasFait / base } : { fait: null, programme: null, pasFait: null };
  }
  if (fait === null) return { fait: null, programme: null, pasFait: null };
  const r = ratiosOf(s);
  return { fait, programme: r.programme, pasFait: r.pasFait };
}

/**
 * The headline share of a node as the screen and the CLI show it: `ratioFait` as a percentage, else `non concerné`
 * (tete/points at 0 potentiel) or `non calculable` (weighted, rate, progress: nothing applicable evaluated yet).
 */
export function shareFr(model: ScoringModel, s: NodeScore): string {
  const r = ratioFait(model, s);
  if (r !== null) return percentFr(r);
  return ratioBaseKind(model) === 'evalues' ? 'non calculable' : 'non concerné';
}

/** `n` and its noun, singular up to 1 as French writes counts: (0, 'conforme') → `0 conforme`, (2, …) → `2 conformes`. */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${countFr(n)} ${Math.abs(n) > 1 ? plural : singular}`;
}

/**
 * The leaf counts of a node in its model's words, from the engine's leaf counts (each critère / pratique counts 1,
 * whatever its weight): rate (RGAA) `52 conformes · 53 non conformes · 0 non évalué · 1 non applicable`; progress
 * (guide NR) `8 faites · 0 programmée · 8 pas faites · 36 non renseignées · 7 non concernées`. Other models: null.
 */
export function leafCountsFr(model: ScoringModel, s: NodeScore): string | null {
  const nonRenseigne = Math.round(s.totalTachesCount - s.completedTachesCount);
  const [fait, programme, pasFait, nc] = [s.faitTachesAvancement, s.programmeTachesAvancement, s.pasFaitTachesAvancement, s.pasConcerneTachesAvancement].map(Math.round) as [number, number, number, number];
  if (model === 'rate') {
    return [countOf(fait, 'conforme'), countOf(pasFait, 'non conforme', 'non conformes'), countOf(nonRenseigne, 'non évalué'), countOf(nc, 'non applicable')].join(' · ');
  }
  if (model === 'progress') {
    return [countOf(fait, 'faite'), countOf(programme, 'programmée'), countOf(pasFait, 'pas faite', 'pas faites'), countOf(nonRenseigne, 'non renseignée'), countOf(nc, 'non concernée')].join(' · ');
  }
  return null;
}

/** A count for people, with the narrow no-break space between thousands: 1111 → `1 111`. */
export function countFr(n: number): string {
  return new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 }).format(n);
}

/** An ISO date (`2027-03-15`, or a date-time: its date part) as French people write it: `15/03/2027`; other text as is. */
export function dateShortFr(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/**
 * A fraction 0..1 as a percentage for people, `65,1 %`, or `non calculable` when null.
 * Truncated (not rounded) to one decimal so that 64,99 % is never shown as 65,0 % next to a 65 % threshold
 * (DOMAIN.md: "a score below a threshold is never displayed as reaching it").
 */
export function percentFr(fraction: number | null): string {
  if (fraction === null || !Number.isFinite(fraction)) return 'non calculable';
  const tenths = Math.floor(fraction * 1000 + 1e-9) / 10;
  return `${new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(tenths)} %`;
}

/**
 * Parses the jalon date (ISO 8601, date or date-time).
 * @throws UserError INPUT_INVALID naming the value when it is not a valid ISO date.
 */
export function parseJalonDate(iso: string): Date {
  const d = /^\d{4}-\d{2}-\d{2}/.test(iso) ? new Date(iso) : new Date(NaN);
  if (Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1980 || d.getUTCFullYear() > 2107) {
    throw new UserError(
      'INPUT_INVALID',
      { fr: `La date du jalon « ${iso} » n'est pas une date ISO 8601 valide (entre 1980 et 2107).`, en: `The milestone date “${iso}” is not a valid ISO 8601 date (between 1980 and 2107).` },
      { field: 'jalon.date' },
    );
  }
  return d;
}

/** `15 mars 2026` (UTC, so the same pack on every machine). */
export function dateFr(d: Date): string {
  return new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** The seuil de score reached: `3 étoiles`, or `aucun`. */
export function niveauFr(niveau: Niveau | null): string {
  return niveau ? niveau.nom : 'aucun';
}

/**
 * The global score line of the report, label and value, with the model's headline ratio:
 * tete/points `Score global` : `312,5 / 480 points (65,1 %)`; weighted (RGESN) `Score` :
 * `54,5 % des critères évalués (pondérés) — 1,5 pts conformes sur 2,75 évalués, 100,25 au total`
 * (lead's decision H on the CLI/core tester's report; the total is the referential's weight, non applicable included);
 * rate (RGAA) `Taux de conformité` : `49,5 % des critères applicables évalués — 52 conformes sur 105 (106 critères,
 * 1 non applicable)`; progress (guide NR) `Avancement` : `50,0 % des pratiques applicables renseignées — 8 faites sur
 * 16 (59 pratiques, 7 non concernées)`.
 */
export function scoreLineFr(model: ScoringModel, root: RootScore): { label: string; value: string } {
  if (model === 'rate' || model === 'progress') {
    const rate = model === 'rate';
    const base = Math.round(ratioBase(model, root));
    const fait = Math.round(root.faitTachesAvancement);
    const nc = Math.round(root.pasConcerneTachesAvancement);
    const total = rate ? countOf(root.totalTachesCount, 'critère') : countOf(root.totalTachesCount, 'pratique');
    const out = rate ? countOf(nc, 'non applicable') : countOf(nc, 'non concernée');
    const label = rate ? 'Taux de conformité' : 'Avancement';
    if (base === 0) return { label, value: `non calculable, ${rate ? 'aucun critère applicable évalué' : 'aucune pratique applicable renseignée'} (${total}, ${out})` };
    const what = rate ? 'des critères applicables évalués' : 'des pratiques applicables renseignées';
    const done = rate ? countOf(fait, 'conforme') : countOf(fait, 'faite');
    return { label, value: `${shareFr(model, root)} ${what} — ${done} sur ${countFr(base)} (${total}, ${out})` };
  }
  if (model === 'weighted') {
    const evaluated = root.pointFait + root.pointPasFait;
    return {
      label: 'Score',
      value: `${shareFr(model, root)} des critères évalués (pondérés) — ${pointsFr(root.pointFait)} pts conformes sur ${pointsFr(evaluated)} évalués, ${pointsFr(root.pointReferentiel)} au total`,
    };
  }
  return { label: 'Score global', value: `${pointsFr(root.pointFait)} / ${pointsFr(root.pointPotentiel)} points (${shareFr(model, root)})` };
}

/**
 * Whether a referential's niveaux (étoiles) are worth a line: it has some, and it is not TETE's `te` without
 * redistribution, which has no label yet (lead's decision C on the CLI/core tester's report).
 */
export function showsNiveau(ref: { id: string; niveaux: readonly unknown[]; redistribution: boolean }): boolean {
  return ref.niveaux.length > 0 && !(ref.id === 'te' && !ref.redistribution);
}

/**
 * How the niveau reached is introduced, per model, and what to recall beside it while the complétude is under
 * 100 %: « Seuil de score atteint » and LABEL_REMINDER for the labels (tete, points: a threshold is not a label,
 * tete-referentials.md §3); « Conformité RGAA » and RATE_REMINDER for the rate model, whose niveaux are the three
 * states of an accessibility declaration (DOMAIN.md), not a label.
 */
export function niveauHeading(model: ScoringModel): { label: string; reminder: string } {
  return model === 'rate' ? { label: 'Conformité RGAA', reminder: RATE_REMINDER } : { label: 'Seuil de score atteint', reminder: LABEL_REMINDER };
}

/** Why an RGAA state on part of the critères is not yet a declaration (DOMAIN.md: complétude is separate from score). */
export const RATE_REMINDER = 'calculée sur les seuls critères évalués : une déclaration d’accessibilité suppose tous les critères évalués';

/**
 * The size of a referential whose leaves count 1 each, in its unit: `106 critères` (rate), `59 pratiques`
 * (progress); null for the models counted in points (the caller writes its points).
 */
export function leafTotalFr(model: ScoringModel, points: number): string | null {
  if (model === 'rate') return countOf(points, 'critère');
  if (model === 'progress') return countOf(points, 'pratique');
  return null;
}

/** Why a score threshold is not a label (tete-referentials.md §3), said wherever the seuil reached is shown. */
export const LABEL_REMINDER = 'une demande de labellisation exige aussi 100 % de complétude et les critères par mesure';
