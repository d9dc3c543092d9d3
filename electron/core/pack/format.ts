/**
 * French labels and number/date formatting shared by the pack's PDF, XLSX and CSV.
 * Statut labels: tete-referentials.md §7, column M.
 */
import type { DisplayStatut, Niveau, NodeScore, RootScore, ScoringModel } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import { ratioFait } from '../../../shared/scoring/ratios';
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
 * potentiel, tete-referentials.md §2.2); weighted (RGESN, DOMAIN.md) over the evaluated weights (conforme + non
 * conforme), so conforme + non conforme = 100 %.
 */
export function sharesOf(model: ScoringModel, s: NodeScore): Shares {
  const fait = ratioFait(model, s);
  if (model === 'weighted') {
    const evaluated = s.pointFait + s.pointPasFait;
    return evaluated > 0 ? { fait, programme: s.pointProgramme / evaluated, pasFait: s.pointPasFait / evaluated } : { fait: null, programme: null, pasFait: null };
  }
  if (fait === null) return { fait: null, programme: null, pasFait: null };
  const r = ratiosOf(s);
  return { fait, programme: r.programme, pasFait: r.pasFait };
}

/**
 * The headline share of a node as the screen and the CLI show it: `ratioFait` as a percentage, else `non concerné`
 * (tete/points at 0 potentiel) or `non calculable` (weighted, nothing applicable evaluated yet).
 */
export function shareFr(model: ScoringModel, s: NodeScore): string {
  const r = ratioFait(model, s);
  if (r !== null) return percentFr(r);
  return model === 'weighted' ? 'non calculable' : 'non concerné';
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
    throw new UserError('INPUT_INVALID', `La date du jalon « ${iso} » n'est pas une date ISO 8601 valide (entre 1980 et 2107).`, {
      field: 'jalon.date',
    });
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
 * (lead's decision H on the CLI/core tester's report; the total is the referential's weight, non applicable included).
 */
export function scoreLineFr(model: ScoringModel, root: RootScore): { label: string; value: string } {
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

/** Why a score threshold is not a label (tete-referentials.md §3), said wherever the seuil reached is shown. */
export const LABEL_REMINDER = 'une demande de labellisation exige aussi 100 % de complétude et les critères par mesure';
