/**
 * Formatting of scores, counts and dates for the screens, in the chosen language (shared/locale.ts; French by
 * default: DOMAIN.md "Rules every engine keeps", TESTIDS.md "Number formats").
 * Percentages are truncated, never rounded up, so a score below a threshold is never shown as reaching it
 * (34,96 % shows "34,9 %", not "35,0 %"). Points keep their 3 decimals (exact to 3 decimals, no re-rounding).
 * French separators are those of `Intl.NumberFormat('fr-FR')`: decimal comma, U+202F narrow no-break space before
 * `%` and between thousands; English: `74.9%`, `1,470`, `30 Nov 2026`.
 * The language is module state set by the i18n setup (`setFormatLang`, renderer/src/i18n), so that every screen
 * follows the switch without threading a parameter through each component.
 */
import { formatCountIn, formatDateIn, formatDateTimeIn, formatNumberIn, formatOneDecimalIn, formatPercentIn, type Lang } from '../../../shared/locale';

let lang: Lang = 'fr';

/** Sets the language of every formatter below (called by renderer/src/i18n when the user switches). */
export function setFormatLang(next: Lang): void {
  lang = next;
}

/** The language the formatters currently use. */
export function formatLang(): Lang {
  return lang;
}

/** Truncates a fraction 0..1 to tenths of a percent: 0.7499 → 74.9 (a tiny epsilon absorbs float noise: 0.749 → 74.9). */
export { truncatePercent } from '../../../shared/locale';

/**
 * A fraction 0..1 as a French percentage with one decimal, truncated: 0.7493 → "74,9 %".
 * `null`/NaN (e.g. 0 potentiel) → the `empty` text (default "non calculable").
 */
export function formatPercent(fraction: number | null | undefined, empty = lang === 'fr' ? 'non calculable' : 'not computable'): string {
  return formatPercentIn(lang, fraction) ?? empty;
}

/** Points with up to 3 decimals, French separators: 12.5 → "12,5", 1000 → "1 000". */
export function formatPoints(value: number): string {
  return formatNumberIn(lang, value, 3);
}

/**
 * A count (critères, éléments, entrées, lignes) as a French integer with U+202F between thousands:
 * 1111 → "1 111", 16 → "16". The one formatter for counts on every screen (TESTIDS.md "Number formats").
 * Non-finite input → "—".
 */
export function formatCount(value: number): string {
  return formatCountIn(lang, value);
}

/**
 * The unit after a number of points: singular up to 1, plural above (« 0 pt », « 1 pt », « 1,5 pts », « 35 pts »), as
 * the project writes its figures (« 1,5 pts conformes »). The one plural rule of the screens for points.
 */
export function ptsUnit(value: number): 'pt' | 'pts' {
  return Math.abs(value) > 1 ? 'pts' : 'pt';
}

/** Points and their unit: 1 → "1 pt", 0.6 → "0,6 pt", 1.5 → "1,5 pts", 1000 → "1 000 pts". */
export function formatPts(value: number): string {
  return `${formatPoints(value)} ${ptsUnit(value)}`;
}

/** "fait / potentiel pts", the unit agreeing with the potentiel: (37.45, 500) → "37,45 / 500 pts"; (0, 1) → "0 / 1 pt". */
export function formatPointsRatio(fait: number, potentiel: number): string {
  return `${formatPoints(fait)} / ${formatPts(potentiel)}`;
}

/**
 * A byte count in French units (1 ko = 1 024 octets): 1 → "1 octet", 89 → "89 octets", 1536 → "1,5 ko",
 * 5_242_880 → "5,0 Mo". Below 1 ko the word is written out, as the CLI does.
 */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  if (bytes < 1024) return lang === 'fr' ? `${formatCountIn(lang, bytes)} octet${bytes >= 2 ? 's' : ''}` : `${formatCountIn(lang, bytes)} byte${bytes === 1 ? '' : 's'}`;
  const units = lang === 'fr' ? ['ko', 'Mo', 'Go', 'To'] : ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${formatOneDecimalIn(lang, Math.round(v * 10) / 10)}${lang === 'fr' ? '\u202f' : ' '}${units[i]}`;
}

/** An ISO date(-time) as a French date: "2026-03-05T10:00:00Z" → "05/03/2026"; invalid → the input unchanged. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return formatDateIn(lang, iso);
}

/** An ISO date-time as French local date and time: "05/03/2026 11:00" (local time zone). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return formatDateTimeIn(lang, d);
}

/** Share of `part` in `whole` as a fraction, or null when `whole` is 0 (never NaN). */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/**
 * A URL as a person reads it: percent-escapes decoded (`d%C3%A9lib%C3%A9ration` → `délibération`) with
 * `decodeURI`, which keeps reserved characters (`%2F`, `%3F`…) escaped. A malformed escape leaves the text as is.
 * For display only: the `href` keeps the stored URL.
 */
export function displayUrl(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}
