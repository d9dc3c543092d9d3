/**
 * French formatting of scores for the screens (DOMAIN.md "Rules every engine keeps").
 * Percentages are truncated, never rounded up, so a score below a threshold is never shown as reaching it
 * (34,96 % shows "34,9 %", not "35,0 %"). Points keep their 3 decimals (exact to 3 decimals, no re-rounding).
 * Separators are those of `Intl.NumberFormat('fr-FR')`: decimal comma, U+202F narrow no-break space before `%`
 * and between thousands.
 */

const NNBSP = '\u202f';

const points = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 0, maximumFractionDigits: 3 });
const oneDecimal = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });

/** Truncates a fraction 0..1 to tenths of a percent: 0.7499 → 74.9 (a tiny epsilon absorbs float noise: 0.749 → 74.9). */
export function truncatePercent(fraction: number): number {
  return Math.floor(fraction * 1000 + 1e-6) / 10;
}

/**
 * A fraction 0..1 as a French percentage with one decimal, truncated: 0.7493 → "74,9 %".
 * `null`/NaN (e.g. 0 potentiel) → the `empty` text (default "non calculable").
 */
export function formatPercent(fraction: number | null | undefined, empty = 'non calculable'): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return empty;
  return `${oneDecimal.format(truncatePercent(fraction))}${NNBSP}%`;
}

/** Points with up to 3 decimals, French separators: 12.5 → "12,5", 1000 → "1 000". */
export function formatPoints(value: number): string {
  return points.format(value);
}

/**
 * A count (critères, éléments, entrées, lignes) as a French integer with U+202F between thousands:
 * 1111 → "1 111", 16 → "16". The one formatter for counts on every screen (TESTIDS.md "Number formats").
 * Non-finite input → "—".
 */
export function formatCount(value: number): string {
  return Number.isFinite(value) ? integer.format(value) : '—';
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
  if (bytes < 1024) return `${integer.format(bytes)} octet${bytes >= 2 ? 's' : ''}`;
  const units = ['ko', 'Mo', 'Go', 'To'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${oneDecimal.format(Math.round(v * 10) / 10)}${NNBSP}${units[i]}`;
}

/** An ISO date(-time) as a French date: "2026-03-05T10:00:00Z" → "05/03/2026"; invalid → the input unchanged. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${m[3]}/${m[2]}/${m[1]}`;
}

/** An ISO date-time as French local date and time: "05/03/2026 11:00" (local time zone). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
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
