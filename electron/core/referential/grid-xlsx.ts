/**
 * Importer of a points grid (Label NR) from an Excel workbook (`--format grid-xlsx`): the official grid is handed
 * to candidates as a spreadsheet (DOMAIN.md "Referentials to support", Label NR). The sheet is read into the same
 * row list as a CSV export (`GridTable`) and goes through the same checks (`gridFromTable` in grid.ts); only the
 * places change: « feuille "Grille", cellule C7 » instead of « ligne 7, colonne « points » ».
 */
import ExcelJS from 'exceljs';
import type { Referential } from '../../../shared/domain';
import { UserError, type Bilingual } from '../../../shared/errors';
import { type BinarySourceFile, isZipBytes } from './decode';
import { columnKey, GRID_COLUMNS, gridFromTable, type GridColumn, type GridPlace, type GridSheetOptions, type GridTable } from './grid';

/** Options of `parseGridXlsx`: those of the CSV importer, the sheet to read (default: see `pickSheet`) and the
 * most the archive may hold once inflated (bytes, default `MAX_XLSX_INFLATED_BYTES`). */
export interface GridXlsxOptions extends GridSheetOptions {
  sheet?: string;
  maxInflatedBytes?: number;
}

/**
 * Most bytes a grid workbook may inflate to (sum of its entries' declared sizes): 100 MB. A 10 000-critère grid
 * is 0.3 MB zipped and a few MB inflated; the cap keeps a zip bomb from exhausting the app's memory.
 */
export const MAX_XLSX_INFLATED_BYTES = 100 * 1024 * 1024;

/**
 * Sum of the uncompressed sizes the ZIP central directory declares (bytes), or null when the directory cannot be
 * found or uses Zip64 (sizes 0xFFFFFFFF) — both far from a spreadsheet grid; exceljs then reports the damage.
 */
export function declaredInflatedBytes(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: 22 bytes + a comment of at most 65 535 bytes, at the end of the file.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null;
    const size = view.getUint32(at + 24, true);
    if (size === 0xffffffff) return null;
    total += size;
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return total;
}

/** How many rows from the top are searched for the header row (titles and notes may sit above it). */
const HEADER_SEARCH_ROWS = 50;

type CellValue = ExcelJS.CellValue;

/** Thrown by `valueText` for a formula cell saved without its computed value; turned into a UserError by the caller. */
class NoCachedValue extends Error {
  constructor(readonly formula: string) {
    super(formula);
  }
}

/** Number as the sheet shows it, without binary noise (`0.1 + 0.2` → `0.3`): 15 significant digits, like Excel. */
function numberText(n: number): string {
  return String(Number(n.toPrecision(15)));
}

/**
 * The text of a cell value: numbers (15 significant digits), strings, rich text (runs joined), hyperlinks (their
 * text), dates (`AAAA-MM-JJ`), booleans (VRAI/FAUX), error values (`#REF!`), formulas → their cached result.
 * @throws NoCachedValue for a formula without a cached result (a file written by a tool that does not compute).
 */
function valueText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'VRAI' : 'FAUX';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) return valueText(value.text as CellValue);
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: CellValue }).result;
    if (result === undefined) throw new NoCachedValue(('formula' in value ? value.formula : value.sharedFormula) ?? '');
    return valueText(result);
  }
  if ('error' in value) return String(value.error);
  return '';
}

/**
 * The cell's text. A cell merged with others reads its master cell when the master is on another row (a
 * description merged over several critères); a slave on the master's own row is empty, so a title merged
 * across B:E does not fill the points column too.
 */
function cellText(cell: ExcelJS.Cell): string {
  if (cell.isMerged && cell.master.address !== cell.address && cell.master.row === cell.row) return '';
  return valueText(cell.value).trim();
}

/** The header cells' text, lenient: a formula without cached value is just not a column name. */
function headerText(cell: ExcelJS.Cell): string {
  try {
    return cellText(cell);
  } catch {
    return '';
  }
}

/** The sheet named like « Grille » or « Critères » (accents and case ignored, prefix), else the first one. */
function pickSheet(wb: ExcelJS.Workbook, name: string, wanted: string | undefined): ExcelJS.Worksheet {
  const sheets = wb.worksheets; // in tab order
  if (wanted !== undefined) {
    const sheet = sheets.find((s) => s.name === wanted);
    if (!sheet) {
      const list = sheets.map((s) => `"${s.name}"`).join(', ');
      throw new UserError(
        'REFERENTIAL_INVALID',
        { fr: `${name} : la feuille "${wanted}" est absente (feuilles : ${list}).`, en: `${name}: the sheet "${wanted}" is missing (sheets: ${list}).` },
        { file: name, field: 'sheet' },
      );
    }
    return sheet;
  }
  const named = sheets.find((s) => /^(grille|criteres)/.test(columnKey(s.name)));
  return (named ?? sheets[0])!;
}

const ODS: Bilingual = { fr: "c'est un classeur OpenDocument (.ods)", en: 'it is an OpenDocument spreadsheet (.ods)' };
/** An OpenDocument spreadsheet: a zip whose first entry, `mimetype`, says so (ODF 1.2 §3.3). */
const isOds = (bytes: Uint8Array): boolean => Buffer.from(bytes.subarray(0, 100)).includes('opendocument.spreadsheet');

/** Why bytes that failed to load are not a workbook, in words the user can act on. */
function unreadableReason(bytes: Uint8Array): Bilingual {
  if (Buffer.from(bytes.subarray(0, 4)).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    return { fr: "c'est un classeur Excel 97-2003 (.xls)", en: 'it is an Excel 97-2003 workbook (.xls)' };
  }
  if (isOds(bytes)) return ODS;
  if (!isZipBytes(bytes)) return { fr: 'ce n\'est pas un classeur Excel (le contenu n\'est pas une archive XLSX)', en: 'it is not an Excel workbook (the content is not an XLSX archive)' };
  return { fr: 'l\'archive XLSX est corrompue ou tronquée', en: 'the XLSX archive is corrupted or truncated' };
}

function unreadable(name: string, reason: Bilingual): UserError {
  return new UserError(
    'FILE_UNREADABLE',
    {
      fr: `Le fichier ${name} n'est pas un classeur .xlsx lisible : ${reason.fr}. Enregistrez-le au format « Classeur Excel (.xlsx) » puis réessayez.`,
      en: `The file ${name} is not a readable .xlsx workbook: ${reason.en}. Save it as “Excel Workbook (.xlsx)” and try again.`,
    },
    { file: name },
  );
}

/**
 * Parses a grid workbook into the same tree as `parseGridCsv` (ids `<id>_<thème>`, `<id>_<thème>.<critère>`,
 * points exact to 3 decimals, model `points`, hierarchie référentiel › thème › critère).
 * Sheet: `options.sheet`, else the first one named like « Grille » / « Critères », else the first sheet.
 * Header: the first row (among the first 50) with a cell `identifiant` (accents, case ignored); columns as the
 * CSV: `identifiant`, `intitule`, `points` required, `description`, `preuves_attendues` optional, any order,
 * others ignored. Cells: numbers, strings, rich text, hyperlinks (their text), formulas (their cached result),
 * merged cells (their master cell when it is on another row). Rows: thème `1`, critère `1.2`, `Total`.
 * Note: an identifiant typed as a number loses trailing zeros (`1.10` → `1.1`): type it as text.
 * `options`: version (default: file name without extension), nom (default: id), niveaux (default: none),
 * avertissement (default: null) — an official spreadsheet carries no thresholds (the dispatcher supplies them).
 * @throws UserError FILE_UNREADABLE naming the file: not an xlsx (random bytes, a CSV renamed, .xls, .ods),
 *   truncated or corrupted archive, a zip holding no worksheet.
 * @throws UserError REFERENTIAL_INVALID naming the file, the sheet and the cell (`cellule C7`) or row: no header
 *   row, a formula without cached value (« formule sans valeur calculée »), an unknown `options.sheet`, and every
 *   check of `gridFromTable` (missing column, non-numeric points, duplicate identifiant, sums…).
 */
export async function parseGridXlsx(file: BinarySourceFile, id: string, options: GridXlsxOptions = {}): Promise<Referential> {
  const name = file.name;
  const max = options.maxInflatedBytes ?? MAX_XLSX_INFLATED_BYTES;
  const inflated = declaredInflatedBytes(file.bytes);
  if (inflated === null && isZipBytes(file.bytes)) throw unreadable(name, unreadableReason(file.bytes));
  if (inflated !== null && inflated > max) {
    const [size, limit] = [Math.ceil(inflated / 1e6), Math.floor(max / 1e6)];
    throw unreadable(name, {
      fr: `une fois décompressé, il occuperait ${size} Mo, plus que les ${limit} Mo admis pour une grille`,
      en: `once decompressed, it would take ${size} MB, more than the ${limit} MB allowed for a grid`,
    });
  }
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs accepts a Node Buffer; wrap without copying.
    await wb.xlsx.load(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw unreadable(name, unreadableReason(file.bytes));
  }
  if (wb.worksheets.length === 0) throw unreadable(name, isOds(file.bytes) ? ODS : { fr: 'le classeur ne contient aucune feuille de calcul', en: 'the workbook holds no worksheet' });
  const sheet = pickSheet(wb, name, options.sheet);
  const where = `${name}, feuille "${sheet.name}"`;
  const whereEn = `${name}, sheet "${sheet.name}"`;

  let headerRow = 0;
  const columnOf = new Map<GridColumn, number>();
  const headerKeys: string[] = [];
  for (let r = 1; r <= Math.min(sheet.rowCount, HEADER_SEARCH_ROWS) && headerRow === 0; r++) {
    const keys: string[] = [];
    sheet.getRow(r).eachCell((cell, col) => {
      keys[col] = columnKey(headerText(cell));
    });
    if (!keys.includes('identifiant')) continue;
    headerRow = r;
    keys.forEach((key, col) => {
      headerKeys.push(key);
      if ((GRID_COLUMNS as readonly string[]).includes(key) && !columnOf.has(key as GridColumn)) columnOf.set(key as GridColumn, col);
    });
  }
  if (headerRow === 0) {
    throw new UserError(
      'REFERENTIAL_INVALID',
      {
        fr: `${where} : aucune ligne d'en-tête avec une colonne « identifiant » dans les ${HEADER_SEARCH_ROWS} premières lignes (colonnes attendues : ${GRID_COLUMNS.join(';')}).`,
        en: `${whereEn}: no header row with an “identifiant” column in the first ${HEADER_SEARCH_ROWS} rows (expected columns: ${GRID_COLUMNS.join(';')}).`,
      },
      { file: name, column: 'identifiant' },
    );
  }

  const address = (row: number, column: GridColumn): string | undefined => {
    const col = columnOf.get(column);
    return col === undefined ? undefined : sheet.getCell(row, col).address;
  };
  const place = (row: number, column: GridColumn | null): GridPlace => {
    const cell = address(row, column ?? 'identifiant');
    const label = cell ? { fr: `${where}, cellule ${cell}`, en: `${whereEn}, cell ${cell}` } : { fr: `${where}, ligne ${row}`, en: `${whereEn}, row ${row}` };
    return { label, location: { file: name, row, ...(cell ? { cell } : {}), ...(column ? { column } : {}) } };
  };

  const rows: GridTable['rows'] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const cells: Partial<Record<GridColumn, string>> = {};
    for (const [key, col] of columnOf) {
      const cell = sheet.getCell(r, col);
      try {
        cells[key] = cellText(cell);
      } catch (e) {
        if (!(e instanceof NoCachedValue)) throw e;
        throw new UserError(
          'REFERENTIAL_INVALID',
          {
            fr: `${where}, cellule ${cell.address} : formule sans valeur calculée (=${e.formula}). Ouvrez le classeur dans un tableur, enregistrez-le, puis réessayez.`,
            en: `${whereEn}, cell ${cell.address}: formula without a computed value (=${e.formula}). Open the workbook in a spreadsheet application, save it, then try again.`,
          },
          { file: name, row: r, cell: cell.address, column: key },
        );
      }
    }
    if (Object.values(cells).some((v) => v !== '')) rows.push({ row: r, cells });
  }
  const header = { label: { fr: `${where}, ligne ${headerRow}`, en: `${whereEn}, row ${headerRow}` }, location: { file: name, row: headerRow }, columns: headerKeys };
  return gridFromTable({ file: name, header, rows, place, meta: { feuille: sheet.name } }, id, options);
}
