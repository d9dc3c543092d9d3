/**
 * The two languages of the app (issue 8 item 2: French first, English second) and the number / percentage / date
 * conventions of each, shared by the renderer's screens and the core's exports (PDF report, XLSX score sheet).
 *
 * French (`fr-FR`, the reference): decimal comma, U+202F narrow no-break space between thousands and before `%`,
 * dates `30/11/2026` — `74,9 %`, `1 470`. English (`en-GB`): decimal point, comma between thousands, `%` glued
 * to the number, dates with the month written out so that 03/05 is never read the American way — `74.9%`,
 * `1,470`, `30 Nov 2026`.
 * Percentages are truncated to tenths, never rounded up (DOMAIN.md "Rules every engine keeps": a score below a
 * threshold is never shown as reaching it).
 */

/** A language of the interface and of the exports. */
export type Lang = 'fr' | 'en';

/** The languages in the order the switch shows them, French first. */
export const LANGS: readonly Lang[] = ['fr', 'en'];

/** Whether `value` is a supported language code (`fr`, `en`). */
export function isLang(value: unknown): value is Lang {
  return value === 'fr' || value === 'en';
}

const NNBSP = '\u202f';
const TAG: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

const cache = new Map<string, Intl.NumberFormat>();
function nf(lang: Lang, min: number, max: number): Intl.NumberFormat {
  const key = `${lang}/${min}/${max}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(TAG[lang], { minimumFractionDigits: min, maximumFractionDigits: max });
    cache.set(key, f);
  }
  return f;
}

/** Truncates a fraction 0..1 to tenths of a percent: 0.7499 → 74.9 (a tiny epsilon absorbs float noise: 0.749 → 74.9). */
export function truncatePercent(fraction: number): number {
  return Math.floor(fraction * 1000 + 1e-6) / 10;
}

/** A number with up to `maxDecimals` decimals (default 3) in `lang`'s conventions: fr 1470.5 → `1 470,5`, en → `1,470.5`. */
export function formatNumberIn(lang: Lang, value: number, maxDecimals = 3): string {
  return nf(lang, 0, maxDecimals).format(value);
}

/** A count as an integer: fr 1470 → `1 470` (U+202F), en → `1,470`; non-finite → `—`. */
export function formatCountIn(lang: Lang, value: number): string {
  return Number.isFinite(value) ? nf(lang, 0, 0).format(value) : '—';
}

/** A number with exactly one decimal: fr 5 → `5,0`, en → `5.0`. */
export function formatOneDecimalIn(lang: Lang, value: number): string {
  return nf(lang, 1, 1).format(value);
}

/**
 * A fraction 0..1 as a percentage with one decimal, truncated: fr 0.7493 → `74,9 %` (U+202F before `%`),
 * en → `74.9%`. null / NaN → null (the caller writes its own « non calculable »).
 */
export function formatPercentIn(lang: Lang, fraction: number | null | undefined): string | null {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return null;
  const n = formatOneDecimalIn(lang, truncatePercent(fraction));
  return lang === 'fr' ? `${n}${NNBSP}%` : `${n}%`;
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The date part of an ISO date(-time), without any time-zone shift: fr `2026-11-30` → `30/11/2026`,
 * en → `30 Nov 2026`. Text that does not start with `YYYY-MM-DD` is returned unchanged.
 */
export function formatDateIn(lang: Lang, iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  if (lang === 'fr') return `${d}/${mo}/${y}`;
  const month = MONTHS_EN[Number(mo) - 1];
  return month ? `${Number(d)} ${month} ${y}` : iso;
}

/**
 * A `Date` as local date and time: fr `30/11/2026 14:05`, en `30 Nov 2026 14:05` (24-hour clock in both).
 * `utc` reads the UTC fields instead of the local ones (exports: the same file on every machine).
 */
export function formatDateTimeIn(lang: Lang, d: Date, utc = false): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const [y, mo, day, h, mi] = utc
    ? [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()]
    : [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes()];
  return `${formatDateIn(lang, `${y}-${pad(mo)}-${pad(day)}`)} ${pad(h)}:${pad(mi)}`;
}

/** A long date for a report's title page, in UTC: fr `15 mars 2026`, en `15 March 2026`. */
export function formatLongDateIn(lang: Lang, d: Date): string {
  return new Intl.DateTimeFormat(TAG[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}
