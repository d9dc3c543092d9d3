/**
 * French labels and number/date formatting shared by the pack's PDF, XLSX and CSV.
 * Statut labels: tete-referentials.md §7, column M.
 */
import type { DisplayStatut, Niveau, RootScore } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';

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

/** Headline of the level reached: `3 étoiles`, or `Aucun niveau atteint`. */
export function niveauFr(niveau: Niveau | null): string {
  return niveau ? niveau.nom : 'Aucun niveau atteint';
}

/** One line summary of the global score: `312,5 / 480 points (65,1 %)`. */
export function scoreLineFr(root: RootScore): string {
  return `${pointsFr(root.pointFait)} / ${pointsFr(root.pointPotentiel)} points (${percentFr(root.score)})`;
}
