/**
 * The Détaillé split as the user types it in the panel: three percentages fait / programmé / pas fait, with a
 * decimal comma or dot (« 33,3 »). Checked here, before anything is sent, by the server's own rule
 * (shared/statut.ts `checkDetail`: fractions whose integer tenths of a percent sum to 1 000), with a message that
 * speaks in % parts (« Les trois parts font 90 % : il manque 10 % ») rather than in fractions.
 */
import type { Detail } from '../../../shared/domain';
import { checkDetail } from '../../../shared/statut';

/** A détaillé split as typed: percentages 0..100 as strings (fait, programmé, pas fait). */
export type DetailPercents = [string, string, string];

const NNBSP = '\u202f';
const PARTS = ['fait', 'programmé', 'pas fait'] as const;
const tenthFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** A number of tenths of a percent in French: 905 → "90,5 %". */
function pct(tenths: number): string {
  return `${tenthFormat.format(tenths / 10)}${NNBSP}%`;
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
 * The live total of the three inputs, in tenths of a percent, and its French text: "Total : 90 % (il manque 10 %)",
 * "Total : 100 %", "Total : 110 % (10 % de trop)". `tenths` is null (and the text says which part) while a part is
 * not a number.
 */
export function detailTotal(values: DetailPercents): { tenths: number | null; text: string } {
  const parts = values.map(parsePercentTenths);
  const bad = parts.findIndex((p) => p === null);
  if (bad >= 0) return { tenths: null, text: `Total : la part « ${PARTS[bad]} » n'est pas un nombre` };
  const tenths = (parts as number[]).reduce((a, b) => a + b, 0);
  const gap = tenths < 1000 ? ` (il manque ${pct(1000 - tenths)})` : tenths > 1000 ? ` (${pct(tenths - 1000)} de trop)` : '';
  return { tenths, text: `Total : ${pct(tenths)}${gap}` };
}

/**
 * Checks and converts a typed split into fractions `[fait, programme, pasFait]` with the server's rule
 * (`checkDetail`, shared/statut.ts; tete-referentials.md §2.1 détaillé). Decimal comma or dot; an empty part is 0.
 * @param nodeId the node, for `checkDetail`
 * @returns `{ ok: true, detail }` (fractions from integer tenths, so 33,3 % is exactly 0.333) or `{ ok: false,
 *   message }`: « La part « programmé » doit être un nombre entre 0 et 100 (saisi : « abc »). », « Les trois parts
 *   font 90 % : il manque 10 %. », « Les trois parts font 110 % : 10 % de trop. »
 */
export function parseDetail(nodeId: string, values: DetailPercents): { ok: true; detail: Detail } | { ok: false; message: string } {
  const tenths: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = parsePercentTenths(values[i] ?? '');
    if (t === null) return { ok: false, message: `La part « ${PARTS[i]} » doit être un nombre entre 0 et 100 (saisi : « ${values[i]} »).` };
    tenths.push(t);
  }
  const detail: Detail = [tenths[0]! / 1000, tenths[1]! / 1000, tenths[2]! / 1000];
  try {
    return { ok: true, detail: checkDetail(nodeId, detail) };
  } catch {
    const sum = tenths.reduce((a, b) => a + b, 0);
    return {
      ok: false,
      message: sum < 1000 ? `Les trois parts font ${pct(sum)} : il manque ${pct(1000 - sum)}.` : `Les trois parts font ${pct(sum)} : ${pct(sum - 1000)} de trop.`,
    };
  }
}

/** A stored split (fractions) in the inputs, French decimal comma: [0.7, 0.2, 0.1] → ["70", "20", "10"], 0.333 → "33,3". */
export function detailToPercents(detail: readonly number[] | null | undefined): DetailPercents {
  if (!detail || detail.length !== 3) return ['', '', ''];
  const f = (x: number | undefined) => tenthFormat.format(Math.round((x ?? 0) * 1000) / 10);
  return [f(detail[0]), f(detail[1]), f(detail[2])];
}
