/**
 * The Détaillé split as the user types it in the panel: three percentages fait / programmé / pas fait, with a
 * decimal comma or dot (« 33,3 »). Checked here, before anything is sent, by the server's own rule
 * (shared/statut.ts `checkDetail`: fractions whose integer tenths of a percent sum to 1 000), with a message that
 * speaks in % parts (« Les trois parts font 90 % : il manque 10 % ») rather than in fractions. The words and figures
 * follow the interface's language (catalogue keys `detail.*`, lib/format.ts `formatLang`; issue 8 item 2).
 */
import type { Detail } from '../../../shared/domain';
import { formatNumberIn } from '../../../shared/locale';
import { checkDetail } from '../../../shared/statut';
import { tr } from '../i18n/tr';
import { formatLang } from './format';

/** A détaillé split as typed: percentages 0..100 as strings (fait, programmé, pas fait). */
export type DetailPercents = [string, string, string];

const NNBSP = '\u202f';
const PARTS = ['partFait', 'partProgramme', 'partPasFait'] as const;

/** The name of part `i` (0 fait, 1 programmé, 2 pas fait) in the current language. */
const part = (i: number) => tr(`detail.${PARTS[i]}`);

/** A number of tenths of a percent in the current language: 905 → fr "90,5 %", en "90.5%". */
function pct(tenths: number): string {
  const lang = formatLang();
  const n = formatNumberIn(lang, tenths / 10, 1);
  return lang === 'en' ? `${n}%` : `${n}${NNBSP}%`;
}

/**
 * One typed percentage in integer tenths of a percent: "33,3" and "33.3" → 333, "50 %" → 500, "" → 0.
 * @returns null when it is not a number between 0 and 100.
 */
export function parsePercentTenths(text: string): number | null {
  const raw = text.trim().replace(/\s*%$/, '').replace(',', '.');
  if (raw === '') return 0;
  if (!/^\d+(\.\d*)?$|^\.\d+$/.test(raw)) return null;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || n > 100) return null;
  return Math.round(n * 10);
}

/**
 * The live total of the three inputs, in tenths of a percent, and its text in the current language: "Total : 90 %
 * (il manque 10 %)", "Total : 100 %", "Total : 110 % (10 % de trop)" (en "Total: 90% (10% missing)"). `tenths` is
 * null while a part is not a number between 0 and 100, and the text names that part with the words `parseDetail`
 * uses on save (« Total : la part « fait » doit être un nombre entre 0 et 100 »).
 */
export function detailTotal(values: DetailPercents): { tenths: number | null; text: string } {
  const parts = values.map(parsePercentTenths);
  const bad = parts.findIndex((p) => p === null);
  if (bad >= 0) return { tenths: null, text: tr('detail.totalBad', { part: part(bad) }) };
  const tenths = (parts as number[]).reduce((a, b) => a + b, 0);
  const total = pct(tenths);
  if (tenths < 1000) return { tenths, text: tr('detail.totalMissing', { total, gap: pct(1000 - tenths) }) };
  if (tenths > 1000) return { tenths, text: tr('detail.totalExcess', { total, gap: pct(tenths - 1000) }) };
  return { tenths, text: tr('detail.total', { total }) };
}

/**
 * Checks and converts a typed split into fractions `[fait, programme, pasFait]` with the server's rule
 * (`checkDetail`, shared/statut.ts; tete-referentials.md §2.1 détaillé). Decimal comma or dot; an empty part is 0.
 * @param nodeId the node, for `checkDetail`
 * @returns `{ ok: true, detail }` (fractions from integer tenths, so 33,3 % is exactly 0.333) or `{ ok: false,
 *   message }` in the current language: « La part « programmé » doit être un nombre entre 0 et 100 (saisi : « abc »). »,
 *   « Les trois parts font 90 % : il manque 10 %. », « Les trois parts font 110 % : 10 % de trop. » (en "The three
 *   parts add up to 90%: 10% missing.").
 */
export function parseDetail(nodeId: string, values: DetailPercents): { ok: true; detail: Detail } | { ok: false; message: string } {
  const tenths: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = parsePercentTenths(values[i] ?? '');
    if (t === null) return { ok: false, message: tr('detail.partBad', { part: part(i), value: values[i] }) };
    tenths.push(t);
  }
  const detail: Detail = [tenths[0]! / 1000, tenths[1]! / 1000, tenths[2]! / 1000];
  try {
    return { ok: true, detail: checkDetail(nodeId, detail) };
  } catch {
    const sum = tenths.reduce((a, b) => a + b, 0);
    return {
      ok: false,
      message: tr(sum < 1000 ? 'detail.sumMissing' : 'detail.sumExcess', { total: pct(sum), gap: pct(Math.abs(sum - 1000)) }),
    };
  }
}

/**
 * A stored split (fractions) in the inputs, in the current language's decimal mark: [0.7, 0.2, 0.1] → ["70", "20",
 * "10"], 0.333 → fr "33,3", en "33.3" (both read back by `parsePercentTenths`).
 */
export function detailToPercents(detail: readonly number[] | null | undefined): DetailPercents {
  if (!detail || detail.length !== 3) return ['', '', ''];
  const f = (x: number | undefined) => formatNumberIn(formatLang(), Math.round((x ?? 0) * 1000) / 10, 1);
  return [f(detail[0]), f(detail[1]), f(detail[2])];
}
