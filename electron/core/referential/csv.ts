/**
 * Reading spreadsheet exports (CSV) for the referential importers: rows keep the number a spreadsheet shows
 * (header = row 1), columns are found by a normalised name, decimals accept a comma (`0,5`).
 * Errors are `UserError`s naming the file, the row and the cell (STYLE.md).
 */
import { parse as parseStream } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { UserError, type Bilingual, type UserErrorCode } from '../../../shared/errors';
import type { SourceFile } from './source';

/** One data row: its cells and its row number as a spreadsheet shows it (header = 1, first data row = 2). */
export interface CsvRow {
  row: number;
  cells: string[];
}

/** A parsed CSV table: the file, its header (as written) and its non-empty data rows. */
export interface CsvTable {
  file: string;
  header: string[];
  rows: CsvRow[];
}

/**
 * Normalises a column name for matching: lower case, accents and every non-alphanumeric character removed
 * (`Identifiant` → `identifiant`, `perimetreEvaluation` → `perimetreevaluation`, `Réglementation` → `reglementation`).
 */
export function normaliseColumnName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Spreadsheet letter of a 0-based column index: 0 → `A`, 25 → `Z`, 26 → `AA`. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** csv-parse's error (English, with a code) as a reason in both languages: `guillemet non fermé (…)` / `unclosed quote (…)`. */
export function csvParseReason(e: unknown): Bilingual {
  const code = (e as { code?: string }).code;
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return { fr: 'guillemet non fermé (un texte entre guillemets n\'est jamais refermé)', en: 'unclosed quote (a quoted text is never closed)' };
    case 'CSV_INVALID_CLOSING_QUOTE':
      return { fr: 'guillemet mal placé (un guillemet fermant est suivi d\'autres caractères)', en: 'misplaced quote (a closing quote is followed by other characters)' };
    case 'CSV_MAX_RECORD_SIZE':
      return { fr: 'ligne trop longue', en: 'line too long' };
    case 'CSV_INVALID_ARGUMENT':
    case 'CSV_INVALID_OPTION_BOM':
      return { fr: 'contenu inattendu', en: 'unexpected content' };
    default: {
      const detail = code ?? (e as Error).message;
      return { fr: `format incorrect (${detail})`, en: `incorrect format (${detail})` };
    }
  }
}

/** C0/C1 control characters and NUL, but tab, CR and LF (which a cell may hold). */
export const isControlCharacter = (cp: number): boolean => (cp < 0x20 && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d) || (cp >= 0x7f && cp <= 0x9f);

/**
 * Refuses a cell holding a NUL or another control character (a binary file read as text, a corrupt export): they
 * would be invisible in every name shown. Throws UserError(code) naming the file, the row and the cell (`B7`).
 */
export function checkControlCharacters(file: string, cells: readonly string[], row: number, code: UserErrorCode = 'REFERENTIAL_INVALID'): void {
  cells.forEach((text, i) => {
    for (const ch of text) {
      const cp = ch.codePointAt(0) as number;
      if (!isControlCharacter(cp)) continue;
      const cell = `${columnLetter(i)}${row}`;
      const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
      throw new UserError(
        code,
        {
          fr: `Fichier « ${file} », ligne ${row}, cellule ${cell} : caractère de contrôle ${hex} interdit (fichier binaire ou export abîmé ?).`,
          en: `File “${file}”, row ${row}, cell ${cell}: control character ${hex} not allowed (a binary file or a damaged export?).`,
        },
        {
        file,
        row,
        cell,
      });
    }
  });
}

/**
 * csv-parse options of every referential CSV read by `readCsvTable` (and pre-parsed by `parseCsvRecordsAsync`).
 * Every line ending ends a record, whatever the first line used: csv-parse would otherwise keep the first one it
 * meets, and a line typed with `\n` into a `\r\n` file (the platform's exports) would silently join the next row.
 */
const CSV_OPTIONS = { bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, record_delimiter: ['\r\n', '\n', '\r'] };

/**
 * The column separator of a CSV text, read from its header line: `;` when the header holds more semicolons than
 * commas outside double quotes (French Excel's « CSV (séparateur : point-virgule) »), else `,` (RFC 4180, the
 * platform's exports); on a tie (one column) `tie` (`,` by default; the grid importer, whose files come from French
 * spreadsheets, passes `;`). Only the first record is read (a quoted header cell may span lines); a BOM is skipped.
 */
export function detectCsvDelimiter(text: string, tie: ',' | ';' = ','): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted; // a doubled quote `""` toggles twice: still inside
    else if (quoted) continue;
    else if (ch === '\n' || ch === '\r') break;
    else if (ch === ',') commas++;
    else if (ch === ';') semicolons++;
  }
  return semicolons === commas ? tie : semicolons > commas ? ';' : ',';
}

/** `CSV_OPTIONS` with the separator of `text` (`detectCsvDelimiter`). */
const csvOptionsFor = (text: string) => ({ ...CSV_OPTIONS, delimiter: detectCsvDelimiter(text) });

/** A csv-parse failure as the French UserError naming the file and, when known, the text line. */
function csvReadError(name: string, e: unknown, code: UserErrorCode): UserError {
  const line = (e as { lines?: number }).lines;
  const where = typeof line === 'number' ? ` vers la ligne ${line} du texte` : '';
  const whereEn = typeof line === 'number' ? ` near line ${line} of the text` : '';
  const reason = csvParseReason(e);
  return new UserError(code, { fr: `Le fichier « ${name} » n'est pas un CSV lisible${where} : ${reason.fr}.`, en: `The file “${name}” is not a readable CSV${whereEn}: ${reason.en}.` }, {
    file: name,
    ...(typeof line === 'number' ? { row: line } : {}),
  });
}

/** Characters handed to the parser between two turns of the event loop (about 1 ms of parsing each). */
const CSV_CHUNK_CHARS = 32 * 1024;

/**
 * The CSV records of `file` exactly as `readCsvTable` parses them, parsed in chunks of about 32 K characters cut
 * after a line break, with a turn of the event loop between chunks so that a cancel can arrive during a large file
 * (the référentiel import with progress). `onProgress(chars, totalChars, records)` follows each chunk and the end; the result
 * goes in `SourceFile.records`, which `readCsvTable` then uses instead of parsing again.
 * @throws the reason of `signal` once it is aborted (checked between chunks); UserError(code, default
 *   REFERENTIAL_INVALID) naming the file and the text line when the quoting is broken, as `readCsvTable`.
 */
export async function parseCsvRecordsAsync(
  file: SourceFile,
  opts: { signal?: AbortSignal; onProgress?: (chars: number, totalChars: number, records: number) => void; code?: UserErrorCode } = {},
): Promise<string[][]> {
  const records: string[][] = [];
  const failure: { error: unknown } = { error: null };
  const parser = parseStream(csvOptionsFor(file.text));
  parser.on('data', (r: string[]) => records.push(r));
  const ended = new Promise<void>((resolve) => {
    parser.on('end', resolve);
    parser.on('error', (e) => {
      failure.error ??= e;
      resolve();
    });
  });
  const text = file.text;
  try {
    for (let start = 0; start < text.length && failure.error === null; ) {
      // Cut after a line break: a chunk never ends inside a character (the stream encodes each chunk as UTF-8).
      const cut = text.indexOf('\n', start + CSV_CHUNK_CHARS);
      const end = cut === -1 ? text.length : cut + 1;
      parser.write(text.slice(start, end));
      start = end;
      await nextTurn();
      opts.onProgress?.(start, text.length, records.length);
      if (opts.signal?.aborted) throw opts.signal.reason;
    }
  } catch (e) {
    parser.destroy();
    throw e;
  }
  if (failure.error === null) parser.end();
  await ended;
  if (failure.error !== null) throw csvReadError(file.name, failure.error, opts.code ?? 'REFERENTIAL_INVALID');
  // The last record (a file without a final line break) comes out only at the end.
  opts.onProgress?.(text.length, text.length, records.length);
  return records;
}

/**
 * Parses a CSV file (comma or semicolon separated as `detectCsvDelimiter` reads the header, RFC 4180 quotes,
 * multi-line quoted fields, optional BOM).
 * Rows whose cells are all blank are dropped but still counted, so row numbers match the spreadsheet (one row per
 * record, whatever the line breaks inside quoted cells); `\r\n` inside cells becomes `\n`.
 * `options.code` defaults to 'REFERENTIAL_INVALID'; `options.allowNoRows` accepts a header without data rows;
 * `options.fullRows` refuses a data row with fewer cells than the header (a line cut short, a missing separator:
 * its missing cells would silently read as empty).
 * @throws UserError(code) when the file is empty (no header, or no data row unless allowed), the quoting is broken,
 *   or (`fullRows`) a row is short: « Fichier « x.csv », ligne 4 : 2 colonnes au lieu de 21 … », naming the row
 *   and the first missing cell.
 */
export function readCsvTable(file: SourceFile, options: { code?: UserErrorCode; allowNoRows?: boolean; fullRows?: boolean } = {}): CsvTable {
  const code = options.code ?? 'REFERENTIAL_INVALID';
  let records: string[][];
  if (file.records !== undefined) records = file.records;
  else {
    try {
      records = parse(file.text, csvOptionsFor(file.text));
    } catch (e) {
      throw csvReadError(file.name, e, code);
    }
  }
  const [header, ...data] = records;
  if (!header || header.every((c) => c.trim() === '')) {
    throw new UserError(code, { fr: `Le fichier « ${file.name} » est vide : il n'a pas de ligne d'en-tête.`, en: `The file “${file.name}” is empty: it has no header row.` }, { file: file.name });
  }
  checkControlCharacters(file.name, header, 1, code);
  data.forEach((cells, i) => checkControlCharacters(file.name, cells, i + 2, code));
  const rows: CsvRow[] = [];
  data.forEach((cells, i) => {
    // Line breaks inside quoted cells are normalised to \n (Windows exports write \r\n).
    if (cells.some((c) => c.trim() !== '')) rows.push({ row: i + 2, cells: cells.map((c) => c.replace(/\r\n?/g, '\n')) });
  });
  if (options.fullRows) {
    const width = header.length;
    const short = rows.find((r) => r.cells.length < width);
    if (short !== undefined) {
      const n = short.cells.length;
      const cell = `${columnLetter(n)}${short.row}`;
      const column = header[n]!.trim();
      throw new UserError(
        code,
        {
          fr: `Fichier « ${file.name} », ligne ${short.row} : ${n} colonne${n > 1 ? 's' : ''} au lieu de ${width} (l'en-tête en a ${width}) ; la ligne s'arrête avant la cellule ${cell} (colonne « ${column} »). Complétez la ligne ou vérifiez ses séparateurs et ses guillemets.`,
          en: `File “${file.name}”, row ${short.row}: ${n} column${n > 1 ? 's' : ''} instead of ${width} (the header has ${width}); the row stops before cell ${cell} (column “${column}”). Complete the row or check its separators and quotes.`,
        },
        { file: file.name, row: short.row, cell, column },
      );
    }
  }
  if (rows.length === 0 && !options.allowNoRows) {
    throw new UserError(
      code,
      { fr: `Le fichier « ${file.name} » est vide : aucune ligne de données sous l'en-tête.`, en: `The file “${file.name}” is empty: no data row under the header.` },
      { file: file.name, row: 2 },
    );
  }
  return { file: file.name, header: header.map((h) => h.trim()), rows };
}

/**
 * Finds columns by normalised name. Returns, for each wanted key, the 0-based index or -1 when absent.
 * @throws UserError(code) naming the file and the first missing column among `required`.
 */
export function locateColumns<K extends string>(
  table: CsvTable,
  wanted: Record<K, string>,
  required: readonly NoInfer<K>[],
  code: UserErrorCode = 'REFERENTIAL_INVALID',
): Record<K, number> {
  const index = new Map<string, number>();
  table.header.forEach((h, i) => {
    const key = normaliseColumnName(h);
    if (!index.has(key)) index.set(key, i);
  });
  const out = {} as Record<K, number>;
  for (const key of Object.keys(wanted) as K[]) {
    out[key] = index.get(normaliseColumnName(wanted[key])) ?? -1;
  }
  for (const key of required) {
    if (out[key] === -1) {
      throw new UserError(
        code,
        {
          fr: `Le fichier « ${table.file} » n'a pas de colonne « ${wanted[key]} » (obligatoire) dans sa ligne d'en-tête.`,
          en: `The file “${table.file}” has no “${wanted[key]}” column (required) in its header row.`,
        },
        {
        file: table.file,
        row: 1,
        column: wanted[key],
      });
    }
  }
  return out;
}

/** Trimmed cell text, '' when the column is absent (index -1) or the row is short. */
export function cellText(row: CsvRow, index: number): string {
  if (index < 0) return '';
  return (row.cells[index] ?? '').trim();
}

/**
 * Reads a non-negative decimal cell, accepting a comma or a dot as decimal separator (`0,5`, `3,00`, `12`).
 * Returns null for an empty cell.
 * @throws UserError(code) naming the file, the row, the cell (`G12`) and the column when the text is not a number.
 */
export function cellDecimal(table: CsvTable, row: CsvRow, index: number, column: string, code: UserErrorCode = 'REFERENTIAL_INVALID'): number | null {
  const text = cellText(row, index);
  if (text === '') return null;
  const normalised = text.replace(/\s+/g, '').replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(normalised) && !/^\.\d+$/.test(normalised)) {
    const cell = `${columnLetter(index)}${row.row}`;
    throw new UserError(
      code,
      {
        fr: `Fichier « ${table.file} », ligne ${row.row}, cellule ${cell} (colonne « ${column} ») : « ${text} » n'est pas un nombre positif (exemples acceptés : 12, 0,5).`,
        en: `File “${table.file}”, row ${row.row}, cell ${cell} (column “${column}”): “${text}” is not a positive number (accepted examples: 12, 0.5, 0,5).`,
      },
      { file: table.file, row: row.row, cell, column },
    );
  }
  return Number(normalised);
}
