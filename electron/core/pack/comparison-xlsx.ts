/**
 * The comparison workbook (issue 6 item 2) in the national comparison layout (tete-referentials.md §7, "In
 * comparison and audit modes, a second block of columns F-O for snapshot 2 is inserted after O, and P-S shift to
 * Z-AC"): row 1 authority, row 3 export date, row 4 the two states, row 5 referential, row 6 each state's label
 * merged over its block (F–O, P–Y), row 7 titles, row 8 Total, one row per node (outline level = depth, axes and
 * sous-axes coloured). Cells of the second block that differ from the first are highlighted, and column AD
 * (« Évolution »: modifié / ajouté / retiré) lets Excel's filter keep only the changed rows. Values, not formulas.
 */
import ExcelJS from 'exceljs';
import { GRID_COLUMNS, PERCENT_COLUMNS, POINT_COLUMNS, TITLE_ROW, type GridRow, type GridValue } from './grid';
import { AXE_COLOURS, WIDTHS } from './xlsx';
import { rezipWithDate } from './zip-utils';

/** What the comparison sheet shows: the authority, the referential, each state's label and version, matched rows. */
export interface ComparisonSheet {
  workspace: string;
  referentialId: string;
  nom: string;
  a: { label: string; version: string };
  b: { label: string; version: string };
  /** Rows of the two national grids matched by node (null where the node is absent from that state). */
  rows: ReadonlyArray<{ a: GridRow | null; b: GridRow | null }>;
}

/** Fill of a changed cell of the second block (pale amber). */
export const CHANGED_FILL = 'FFFFE08A';
/** Title of the extra column AD. */
export const EVOLUTION_TITLE = 'Évolution';

/** 0-based grid columns of one state's block (F–O). */
const BLOCK = [5, 6, 7, 8, 9, 10, 11, 12, 13, 14];
/** 0-based grid columns after the block (P–S), written at Z–AC. */
const TAIL = [15, 16, 17, 18];
/** Compared grid columns (F–M): a change there marks the row « modifié ». */
const COMPARED = new Set([5, 6, 7, 8, 9, 10, 11, 12]);

/** Column titles of row 7 (A–AD). */
export const COMPARISON_COLUMNS: readonly string[] = [
  ...GRID_COLUMNS.slice(0, 5),
  ...BLOCK.map((i) => GRID_COLUMNS[i]!),
  ...BLOCK.map((i) => GRID_COLUMNS[i]!),
  ...TAIL.map((i) => GRID_COLUMNS[i]!),
  EVOLUTION_TITLE,
];

/** The 30 values A–AD of one matched row, and which of its 1-based columns changed. */
export function comparisonRow(a: GridRow | null, b: GridRow | null): { values: GridValue[]; changedColumns: number[]; evolution: string | null } {
  const main = (b ?? a)!;
  const blockOf = (r: GridRow | null) => BLOCK.map((i) => (r ? (r.values[i] ?? null) : null));
  const va = blockOf(a);
  const vb = blockOf(b);
  const changedColumns: number[] = [];
  let compared = false;
  BLOCK.forEach((gi, k) => {
    if (a && b && va[k] !== vb[k]) {
      changedColumns.push(16 + k);
      if (COMPARED.has(gi)) compared = true;
    }
  });
  const evolution = !a ? 'ajouté' : !b ? 'retiré' : compared ? 'modifié' : null;
  return { values: [...main.values.slice(0, 5), ...va, ...vb, ...TAIL.map((i) => main.values[i] ?? null), evolution], changedColumns, evolution };
}

/** Number format of a 0-based comparison column: % for H, J, L and R, T, V; points for E–G, I, K and P, Q, S, U. */
function numFmtOf(col: number): string | null {
  const grid = col < 15 ? col : col < 25 ? col - 10 : -1;
  if (PERCENT_COLUMNS.has(grid)) return '0.0%';
  if (POINT_COLUMNS.has(grid)) return '0.###';
  return null;
}

/**
 * Writes the comparison workbook and returns its bytes; `date` is the workbook's date and every inner zip entry's
 * mtime, so the same two states give the same bytes.
 */
export async function writeComparisonXlsx(g: ComparisonSheet, date: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Label Audit';
  wb.lastModifiedBy = 'Label Audit';
  wb.created = date;
  wb.modified = date;
  wb.title = `Comparaison ${g.a.label} / ${g.b.label}`;
  const ws = wb.addWorksheet('Comparaison', {
    properties: { outlineLevelRow: 0, defaultRowHeight: 15 },
    views: [{ state: 'frozen', xSplit: 2, ySplit: TITLE_ROW + 1 }],
  });
  ws.properties.outlineProperties = { summaryBelow: false, summaryRight: false };
  const w = (i: number) => WIDTHS[i] ?? 12;
  ws.columns = [...[0, 1, 2, 3, 4].map(w), ...BLOCK.map(w), ...BLOCK.map(w), ...TAIL.map(w), 12].map((width) => ({ width }));

  ws.getCell('A1').value = g.workspace;
  ws.mergeCells('A1:B1');
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.getRow(3).values = ["Date d'export", date.toISOString().slice(0, 10)];
  ws.getRow(4).values = ['Comparaison', `${g.a.label} → ${g.b.label}`];
  ws.getRow(5).values = ['Référentiel', `${g.nom} (${g.referentialId} ${g.a.version}${g.a.version === g.b.version ? '' : ` → ${g.b.version}`})`];
  ws.getCell(6, 6).value = g.a.label;
  ws.mergeCells(6, 6, 6, 15);
  ws.getCell(6, 16).value = g.b.label;
  ws.mergeCells(6, 16, 6, 25);
  for (const c of [6, 16]) {
    ws.getCell(6, c).alignment = { horizontal: 'center' };
    ws.getCell(6, c).font = { bold: true };
  }
  const titles = ws.getRow(TITLE_ROW);
  titles.values = [...COMPARISON_COLUMNS];
  titles.font = { bold: true };
  titles.alignment = { wrapText: true, vertical: 'middle' };
  ws.autoFilter = { from: { row: TITLE_ROW, column: 1 }, to: { row: TITLE_ROW, column: COMPARISON_COLUMNS.length } };

  g.rows.forEach((m, i) => {
    const row = ws.getRow(TITLE_ROW + 1 + i);
    const { values, changedColumns } = comparisonRow(m.a, m.b);
    values.forEach((v, j) => {
      if (v === null) return;
      const cell = row.getCell(j + 1);
      cell.value = v;
      const fmt = numFmtOf(j);
      if (fmt) cell.numFmt = fmt;
    });
    const main = (m.b ?? m.a)!;
    row.outlineLevel = Math.min(main.depth, 7);
    if (main.depth === 0) row.font = { bold: true };
    if (main.axe !== null && main.depth >= 1 && main.depth <= 2) {
      const argb = (AXE_COLOURS[(main.axe - 1) % AXE_COLOURS.length] ?? AXE_COLOURS[0])?.[main.depth - 1];
      if (argb) row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb } };
      if (main.depth === 1) row.font = { bold: true };
    }
    for (const c of changedColumns) {
      const cell = row.getCell(c);
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: CHANGED_FILL } };
      cell.font = { ...(cell.font ?? {}), bold: true };
    }
    const docs = row.getCell(28);
    if (typeof docs.value === 'string' && docs.value.includes('\n')) docs.alignment = { wrapText: true, vertical: 'top' };
  });

  const raw = Buffer.from(await wb.xlsx.writeBuffer());
  return rezipWithDate(raw, date);
}
