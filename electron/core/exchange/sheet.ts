/**
 * Reading one table from a workbook (.xlsx) or a CSV for the pilote round trip: the header row is found by a column
 * name (title rows may sit above it), columns by normalised name in any order (extra columns ignored), rows keep the
 * number the spreadsheet shows, and each cell keeps its address (`D7`) for messages. XLSX cells: numbers, texts,
 * rich text, hyperlinks, dates, formulas (their cached value; none is an error naming the cell), merged cells (the
 * master's value). CSV: UTF-8 with or without BOM or Windows-1252, `;`, `,` or tab separated.
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { UserError } from '../../../shared/errors';
import { isZipBytes } from '../referential/decode';
import { columnLetter, csvParseReason, normaliseColumnName } from '../referential/csv';
import { csvDelimiter, decodeCsvBytes, type RawValue } from './cells';

/** One cell: its value, or `error` when it cannot be read (a formula without cached value). */
export interface SheetCell {
  address: string;
  value: RawValue;
  /** Why the cell cannot be read (French), and `errorEn` in English. */
  error?: string;
  errorEn?: string;
}

/** A data row: its number as the spreadsheet shows it and its cells by column key. */
export interface SheetRow {
  row: number;
  cells: Map<string, SheetCell>;
}

/** A read table. `sheet` is the worksheet's name (the file name for a CSV); `top` the texts of the rows above the header. */
export interface SheetTable {
  kind: 'xlsx' | 'csv';
  file: string;
  sheet: string;
  headerRow: number;
  columns: Map<string, number>;
  rows: SheetRow[];
  top: string[];
  date1904: boolean;
  /** The workbook, for hidden sheets (XLSX only). */
  workbook?: ExcelJS.Workbook;
}

const HEADER_SEARCH_ROWS = 30;

/** A formula cell saved without its computed value (a file written by a tool that does not compute). */
class NoCachedValue extends Error {}

function rawOf(value: ExcelJS.CellValue): RawValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || value instanceof Date) return value;
  if (typeof value === 'boolean') return value ? 'VRAI' : 'FAUX';
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) return rawOf(value.text as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    if (result === undefined) throw new NoCachedValue(('formula' in value ? value.formula : value.sharedFormula) ?? '');
    return rawOf(result);
  }
  if ('error' in value) return String(value.error);
  return null;
}

function textOf(v: RawValue): string {
  return v === null ? '' : v instanceof Date ? v.toISOString() : String(v).trim();
}

/** The first sheet (in tab order) whose first rows hold a cell named `headerKey`. */
async function readXlsx(name: string, bytes: Uint8Array, headerKey: string): Promise<SheetTable> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw new UserError(
      'FILE_UNREADABLE',
      { fr: `Le fichier ${name} n'est pas un classeur .xlsx lisible (archive corrompue ou tronquée).`, en: `The file ${name} is not a readable .xlsx workbook (corrupted or truncated archive).` },
      { file: name },
    );
  }
  const date1904 = Boolean((wb.properties as { date1904?: boolean }).date1904);
  for (const ws of wb.worksheets) {
    if (ws.state !== 'visible') continue;
    const top: string[] = [];
    for (let r = 1; r <= Math.min(ws.rowCount, HEADER_SEARCH_ROWS); r++) {
      const columns = new Map<string, number>();
      const texts: string[] = [];
      ws.getRow(r).eachCell((cell, col) => {
        let text: string;
        try {
          text = textOf(rawOf(cell.value));
        } catch {
          text = ''; // a formula without value is no column name
        }
        texts.push(text);
        const key = normaliseColumnName(text);
        if (key !== '' && !columns.has(key)) columns.set(key, col);
      });
      if (!columns.has(headerKey)) {
        top.push(texts.join(' '));
        continue;
      }
      const rows: SheetRow[] = [];
      for (let rr = r + 1; rr <= ws.rowCount; rr++) {
        const cells = new Map<string, SheetCell>();
        let any = false;
        for (const [key, col] of columns) {
          const cell = ws.getCell(rr, col);
          // A merged cell reads its master (exceljs gives slaves the master's value); the address stays the cell's own.
          try {
            const value = rawOf(cell.value);
            if (textOf(value) !== '') any = true;
            cells.set(key, { address: cell.address, value: typeof value === 'string' && value.trim() === '' ? null : value });
          } catch (e) {
            if (!(e instanceof NoCachedValue)) throw e;
            any = true;
            cells.set(key, {
              address: cell.address,
              value: null,
              error: `formule sans valeur calculée (=${e.message}) : ouvrez le classeur dans un tableur, enregistrez-le, puis réessayez`,
              errorEn: `formula without a computed value (=${e.message}): open the workbook in a spreadsheet, save it, then try again`,
            });
          }
        }
        if (any) rows.push({ row: rr, cells });
      }
      return { kind: 'xlsx', file: name, sheet: ws.name, headerRow: r, columns, rows, top, date1904, workbook: wb };
    }
  }
  throw new UserError(
    'INPUT_INVALID',
    {
      fr: `Le classeur ${name} n'a aucune feuille avec une colonne « ${headerKey} » dans ses ${HEADER_SEARCH_ROWS} premières lignes.`,
      en: `The workbook ${name} has no sheet with a column named “${headerKey}” in its first ${HEADER_SEARCH_ROWS} rows.`,
    },
    { file: name, column: headerKey },
  );
}

function readCsv(name: string, bytes: Uint8Array, headerKey: string): SheetTable {
  const { text } = decodeCsvBytes(bytes);
  let records: string[][];
  try {
    records = parse(text, { bom: true, delimiter: csvDelimiter(text), relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  } catch (e) {
    const reason = csvParseReason(e);
    throw new UserError('FILE_UNREADABLE', { fr: `Le fichier ${name} n'est pas un CSV lisible : ${reason.fr}.`, en: `The file ${name} is not a readable CSV: ${reason.en}.` }, { file: name });
  }
  const top: string[] = [];
  for (let i = 0; i < Math.min(records.length, HEADER_SEARCH_ROWS); i++) {
    const columns = new Map<string, number>();
    records[i]!.forEach((h, c) => {
      const key = normaliseColumnName(h);
      if (key !== '' && !columns.has(key)) columns.set(key, c + 1);
    });
    if (!columns.has(headerKey)) {
      top.push(records[i]!.join(' ').trim());
      continue;
    }
    const rows: SheetRow[] = [];
    for (let j = i + 1; j < records.length; j++) {
      const rec = records[j]!;
      if (rec.every((c) => c.trim() === '')) continue;
      const cells = new Map<string, SheetCell>();
      for (const [key, col] of columns) {
        const v = (rec[col - 1] ?? '').trim();
        cells.set(key, { address: `${columnLetter(col - 1)}${j + 1}`, value: v === '' ? null : v });
      }
      rows.push({ row: j + 1, cells });
    }
    return { kind: 'csv', file: name, sheet: name, headerRow: i + 1, columns, rows, top, date1904: false };
  }
  throw new UserError(
    'INPUT_INVALID',
    {
      fr: `Le fichier ${name} n'a pas de ligne d'en-tête avec une colonne « ${headerKey} » dans ses ${HEADER_SEARCH_ROWS} premières lignes.`,
      en: `The file ${name} has no header row with a column named “${headerKey}” in its first ${HEADER_SEARCH_ROWS} rows.`,
    },
    { file: name, column: headerKey },
  );
}

/**
 * Reads the table of `file` (an .xlsx by its bytes, else a CSV) whose header row holds a column named `headerKey`
 * (normalised: `Identifiant` → `identifiant`). Throws UserError FILE_UNREADABLE (damaged workbook, broken CSV quoting)
 * or INPUT_INVALID (no such header), naming the file.
 */
export async function readSheetTable(file: { name: string; bytes: Uint8Array }, headerKey: string): Promise<SheetTable> {
  return isZipBytes(file.bytes) ? readXlsx(file.name, file.bytes, headerKey) : readCsv(file.name, file.bytes, headerKey);
}
