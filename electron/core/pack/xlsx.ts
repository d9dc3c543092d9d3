/**
 * grille.xlsx: the grid of `grid.ts` as an Excel workbook in the national layout (tete-referentials.md §7):
 * A1:B1 authority, row 3 export date, row 6 snapshot label merged over F–O, row 7 titles, row 8 Total,
 * one row per node with outline level = depth, axes and sous-axes coloured by axe number. Values, not formulas.
 */
import ExcelJS from 'exceljs';
import { GRID_COLUMNS, PERCENT_COLUMNS, POINT_COLUMNS, TITLE_ROW, type Grid } from './grid';
import { rezipWithDate } from './zip-utils';

/** Pale fills by axe number (1-based, cycling), for depth 1 (stronger) and depth 2 (lighter) rows (also the comparison sheet). */
export const AXE_COLOURS: [string, string][] = [
  ['FFB7D7F0', 'FFDCEBF7'],
  ['FFC6E5B3', 'FFE3F2DA'],
  ['FFF9D9A8', 'FFFCEBD3'],
  ['FFE3C4E8', 'FFF1E1F4'],
  ['FFF5B7B1', 'FFFADBD8'],
  ['FFB3E0DC', 'FFD9F0EE'],
];

/** Column widths A–S of the grid, in characters. */
export const WIDTHS = [12, 50, 50, 14, 11, 11, 11, 9, 11, 9, 11, 9, 18, 50, 12, 25, 25, 40, 12];

/**
 * Writes the workbook and returns its bytes. `date` (the jalon date) is the workbook's created/modified date
 * and every inner zip entry's mtime, so the same grid gives the same bytes. `sheet` names the worksheet (the pack's
 * language: words.ts `gridSheet`).
 */
export async function writeGridXlsx(grid: Grid, date: Date, title: string, sheet = 'Grille'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Label Audit';
  wb.lastModifiedBy = 'Label Audit';
  wb.created = date;
  wb.modified = date;
  wb.title = title;
  const ws = wb.addWorksheet(sheet, {
    properties: { outlineLevelRow: 0, defaultRowHeight: 15 },
    views: [{ state: 'frozen', xSplit: 2, ySplit: TITLE_ROW + 1 }],
  });
  ws.properties.outlineProperties = { summaryBelow: false, summaryRight: false };
  ws.columns = WIDTHS.map((width) => ({ width }));

  grid.header.forEach((values, i) => {
    const row = ws.getRow(i + 1);
    values.forEach((v, j) => {
      if (v !== null) row.getCell(j + 1).value = v;
    });
  });
  ws.mergeCells('A1:B1');
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.mergeCells(6, 6, 6, 15);
  ws.getCell(6, 6).alignment = { horizontal: 'center' };
  ws.getCell(6, 6).font = { bold: true };
  const titles = ws.getRow(TITLE_ROW);
  titles.font = { bold: true };
  titles.alignment = { wrapText: true, vertical: 'middle' };
  ws.autoFilter = { from: { row: TITLE_ROW, column: 1 }, to: { row: TITLE_ROW, column: GRID_COLUMNS.length } };

  grid.rows.forEach((r, i) => {
    const row = ws.getRow(TITLE_ROW + 1 + i);
    r.values.forEach((v, j) => {
      if (v === null) return;
      const cell = row.getCell(j + 1);
      cell.value = v;
      if (PERCENT_COLUMNS.has(j)) cell.numFmt = '0.0%';
      else if (POINT_COLUMNS.has(j)) cell.numFmt = '0.###';
    });
    row.outlineLevel = Math.min(r.depth, 7);
    if (r.depth === 0) row.font = { bold: true };
    if (r.axe !== null && r.depth >= 1 && r.depth <= 2) {
      const colours = AXE_COLOURS[(r.axe - 1) % AXE_COLOURS.length] ?? AXE_COLOURS[0];
      const argb = colours ? colours[r.depth - 1] : undefined;
      if (argb) row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb } };
      if (r.depth === 1) row.font = { bold: true };
    }
    const docs = row.getCell(18);
    if (typeof docs.value === 'string' && docs.value.includes('\n')) docs.alignment = { wrapText: true, vertical: 'top' };
  });

  const raw = Buffer.from(await wb.xlsx.writeBuffer());
  return rezipWithDate(raw, date);
}
