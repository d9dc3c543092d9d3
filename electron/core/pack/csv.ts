/**
 * CSV writing for the pack (grille.csv, liens.csv): UTF-8 with BOM, `;` separator, CRLF, the decimal mark of the
 * pack's language (comma in French, point in English: issue 8 item 2), formula-looking cells neutralised (DOMAIN.md
 * "The audit pack"; tete-referentials.md §4.6 "cells that could be read as formulas are neutralised").
 */
import type { Lang } from '../../../shared/locale';

/** A cell value: text, number (written with the language's decimal mark), or empty. */
export type CsvValue = string | number | null | undefined;

/** First characters that make a spreadsheet read a cell as a formula (or inject one through a DDE/tab trick). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Number in French CSV form: decimal comma, no thousands separator, at most `decimals` decimals, no trailing
 * zeros (`12.5` → `12,5`, `-0.0004` → `0`). NaN/Infinity → empty (never written as text).
 */
export function formatNumberFr(n: number, decimals = 3): string {
  return formatNumberCsv(n, 'fr', decimals);
}

/**
 * Number in the CSV form of `lang`: as `formatNumberFr` in French (`12,5`); in English a decimal point (`12.5`),
 * no thousands separator either, so that a spreadsheet in English reads it as a number.
 */
export function formatNumberCsv(n: number, lang: Lang, decimals = 3): string {
  if (!Number.isFinite(n)) return '';
  const fixed = n.toFixed(decimals);
  const trimmed = fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
  const clean = trimmed === '-0' ? '0' : trimmed;
  return lang === 'en' ? clean : clean.replace('.', ',');
}

/**
 * Text of one cell: a text starting with `= + - @`, tab or CR gets a leading `'` so no spreadsheet evaluates it
 * (a number written by us is never neutralised: `-2,5` stays a number).
 */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Quotes a cell when it holds `;`, `"`, CR or LF (RFC 4180 quoting, `"` doubled). */
function quote(text: string): string {
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One cell as written in the file, numbers with `lang`'s decimal mark (French by default). */
export function csvCell(value: CsvValue, lang: Lang = 'fr'): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumberCsv(value, lang);
  return quote(neutralise(value));
}

/**
 * A whole CSV file as bytes: BOM + rows joined by `;`, each line ended by CRLF; numbers in `lang`'s form (French by
 * default: the French bytes never change).
 * Shape: `rows[i][j]` is the cell of row i, column j (ragged rows allowed).
 */
export function toCsv(rows: readonly (readonly CsvValue[])[], lang: Lang = 'fr'): Buffer {
  const text = rows.map((r) => r.map((v) => csvCell(v, lang)).join(';') + '\r\n').join('');
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}
