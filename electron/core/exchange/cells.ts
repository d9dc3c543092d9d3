/**
 * What real spreadsheets put in a cell, read the same on every machine (issue 5 item 3): calendar days written as
 * Excel serials, as dates, as text (`15/03/2027`, with or without a time) — never shifted by the computer's time
 * zone —, shares written as fractions, percentages or with a decimal comma, and CSV bytes in UTF-8 (with or
 * without BOM) or in Windows-1252 as French Excel saves them.
 */
import { isIsoDate } from '../services/nodes';

/** A cell's value as read: text, a number, a date (exceljs gives a UTC instant), or empty. */
export type RawValue = string | number | Date | null;

/** Days between Excel's day 0 (1899-12-30 in the 1900 system, 1904-01-01 in the 1904 one) and 1970-01-01. */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
const DAY = 86_400_000;

const iso = (y: number, m: number, d: number): string => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The UTC calendar day of `ms` (an instant exceljs built from a serial, itself zone-free), YYYY-MM-DD. */
function utcDay(ms: number): string {
  const d = new Date(ms);
  return iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * The calendar day a cell means, YYYY-MM-DD, or null when empty; `reason` says why it is not a day (`reasonEn` in English).
 * - a number: an Excel serial (days since 1899-12-30, or 1904-01-01 when `date1904`), its fraction (the time) dropped;
 * - a Date: exceljs's reading of a date cell, built in UTC from the serial, so its UTC day is the day written;
 * - a text: `15/03/2027`, `15-03-2027`, `15.03.2027`, `15/03/27` (20xx), `2027-03-15`, each optionally followed by a
 *   time (`14:30`, `14:30:00`, `T14:30:00Z`) which is ignored: the day is the one written, whatever the zone.
 * Pure: the machine's time zone is never read.
 */
export function readDay(value: RawValue, date1904 = false): { day: string | null } | { reason: string; reasonEn: string } {
  if (value === null) return { day: null };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { reason: 'date invalide', reasonEn: 'invalid date' };
    // A second short of midnight rounds to the next day in Excel's display; keep the written day.
    return { day: utcDay(value.getTime() + 500) };
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 1 || value >= 2958466) {
      return { reason: `« ${String(value).replace('.', ',')} » n'est pas une date (numéro de série Excel hors limites)`, reasonEn: `“${String(value)}” is not a date (Excel serial number out of range)` };
    }
    return { day: utcDay((date1904 ? EPOCH_1904 : EPOCH_1900) + Math.floor(value + 1e-9) * DAY) };
  }
  const text = value.trim();
  if (text === '') return { day: null };
  const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:[ T]+\d{1,2}[:h]\d{2}(?::\d{2}(?:[.,]\d+)?)?)?$/i.exec(text);
  const isoText = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  let day: string | null = null;
  if (fr) {
    const year = fr[3]!.length === 2 ? 2000 + Number(fr[3]) : Number(fr[3]);
    day = iso(year, Number(fr[2]), Number(fr[1]));
  } else if (isoText) {
    day = iso(Number(isoText[1]), Number(isoText[2]), Number(isoText[3]));
  }
  if (day === null || !isIsoDate(day)) return { reason: `« ${text} » n'est pas une date (formats acceptés : 15/03/2027, 2027-03-15)`, reasonEn: `“${text}” is not a date (accepted formats: 15/03/2027, 2027-03-15)` };
  return { day };
}

/**
 * A share of a détaillé split as a fraction 0..1, or null when empty; `reason` says why it is not one (`reasonEn` in English).
 * Numbers up to 1 are fractions (a cell formatted « 50 % » holds 0.5); above 1, percentages (50 → 0.5). Texts:
 * `50 %`, `50%`, `33,3 %` (percentages), `0,5` or `0.5` (decimal comma or point, same rule as numbers).
 */
export function readShare(value: RawValue): { share: number | null } | { reason: string; reasonEn: string } {
  if (value === null) return { share: null };
  if (value instanceof Date) return { reason: 'une date n\'est pas une part', reasonEn: 'a date is not a share' };
  if (typeof value === 'number') return { share: value > 1 ? Math.round(value * 1e6) / 1e8 : value };
  const text = value.replace(/[\s\u00a0\u202f]/g, '');
  if (text === '') return { share: null };
  const m = /^(\d+(?:[.,]\d+)?)(%?)$/.exec(text);
  if (!m) return { reason: `« ${value.trim()} » n'est pas une part (exemples : 50 %, 0,5)`, reasonEn: `“${value.trim()}” is not a share (examples: 50%, 0.5)` };
  const n = Number(m[1]!.replace(',', '.'));
  // Percent texts are decimal: 33,3 % is 0.333 exactly, not 0.33299999999999996.
  return { share: m[2] === '%' || n > 1 ? Math.round(n * 1e6) / 1e8 : n };
}

/**
 * Windows-1252's bytes 0x80–0x9F (WHATWG Encoding, index-windows-1252); the other bytes are Latin-1. Written out
 * because Node 20's TextDecoder('windows-1252') decodes them as Latin-1 control characters (0x97 → U+0097, not « — »).
 */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Decodes Windows-1252 bytes. */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
  return out;
}

/** Text of CSV bytes: UTF-8 (a BOM is dropped), else Windows-1252 (French Excel's « CSV (séparateur : point-virgule) »). */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/** The separator of a CSV text: the most frequent of `;`, `,` and tab outside quotes in its first 10 lines (`;` on a tie). */
export function csvDelimiter(text: string): ';' | ',' | '\t' {
  const head = text.split(/\r?\n/).slice(0, 10).join('\n').replace(/"[^"]*"/g, '');
  const count = (c: string) => head.split(c).length - 1;
  const counts: Array<[';' | ',' | '\t', number]> = [
    [';', count(';')],
    [',', count(',')],
    ['\t', count('\t')],
  ];
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}
