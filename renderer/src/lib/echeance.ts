/**
 * The échéance (deadline) of a node as the panel edits it: what to do when the user leaves the date field
 * (blur) or presses Enter. A date input fires a change on every keystroke (typing the year 2026 goes through
 * 0002, 0020, 0202), so nothing is saved while typing: only a complete, valid date with a year between
 * ECHEANCE_MIN_YEAR and ECHEANCE_MAX_YEAR that differs from the stored one (API contract `nodes.setEcheance`:
 * YYYY-MM-DD or null).
 */
import { tr } from '../i18n/tr';
import { formatDate } from './format';

/** Years an échéance may take (a labelling plan runs a few years; 0006 is a typing slip, not a deadline). */
export const ECHEANCE_MIN_YEAR = 2000;
export const ECHEANCE_MAX_YEAR = 2100;

/** Outcome of `commitEcheance`: save `value` (null = clear), do nothing, or show `message` (in the interface language). */
export type EcheanceCommit = { kind: 'save'; value: string | null } | { kind: 'none' } | { kind: 'error'; message: string };

/**
 * Decides what leaving the échéance field does.
 * @param value the input's value: `YYYY-MM-DD`, or `''` when empty or incomplete
 * @param incomplete the input's `validity.badInput`: true when the user typed part of a date (the value is then `''`)
 * @param stored the stored échéance (`YYYY-MM-DD`) or null
 * @returns `save` with the date (or null to clear a stored one), `none` when nothing changed, `error` with a French
 *   message naming what is wrong (incomplete date, impossible day, year out of 2000–2100).
 */
export function commitEcheance(value: string, incomplete: boolean, stored: string | null): EcheanceCommit {
  if (incomplete) {
    return { kind: 'error', message: tr('echeance.incomplete') };
  }
  const v = value.trim();
  if (v === '') return stored === null ? { kind: 'none' } : { kind: 'save', value: null };
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return { kind: 'error', message: tr('echeance.notADate', { v }) };
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < ECHEANCE_MIN_YEAR || year > ECHEANCE_MAX_YEAR) {
    return {
      kind: 'error',
      message: tr('echeance.year', { year: m[1], min: ECHEANCE_MIN_YEAR, max: ECHEANCE_MAX_YEAR, date: formatDate(v) }),
    };
  }
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    return { kind: 'error', message: tr('echeance.noSuchDay', { date: formatDate(v) }) };
  }
  return v === stored ? { kind: 'none' } : { kind: 'save', value: v };
}
