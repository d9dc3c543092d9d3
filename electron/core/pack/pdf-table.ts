/**
 * A minimal wrapped-text table for pdfkit: measured row heights, page breaks with the header repeated.
 * Used by the audit report (report-pdf.ts).
 */
import type PDFDocument from 'pdfkit';

type Doc = InstanceType<typeof PDFDocument>;

/** A column: title, width in points (1/72 inch), alignment. */
export interface TableColumn {
  title: string;
  width: number;
  align?: 'left' | 'right' | 'center';
}

/** Fonts the table switches between (names registered with `doc.registerFont`). */
export interface TableFonts {
  regular: string;
  bold: string;
}

const PAD = 3;
/** Longest text kept in one cell (characters): a cell never spans more than one page. */
const MAX_CELL_CHARS = 1200;

function cellText(t: string): string {
  return t.length > MAX_CELL_CHARS ? `${t.slice(0, MAX_CELL_CHARS - 1)}…` : t;
}

function rowHeight(doc: Doc, columns: readonly TableColumn[], cells: readonly string[]): number {
  let h = 0;
  columns.forEach((c, i) => {
    const t = cellText(cells[i] ?? '');
    if (t !== '') h = Math.max(h, doc.heightOfString(t, { width: c.width - 2 * PAD }));
  });
  return Math.max(h, doc.currentLineHeight()) + 2 * PAD;
}

function drawRow(doc: Doc, columns: readonly TableColumn[], cells: readonly string[], y: number, h: number, fill: string | null): void {
  let x = doc.page.margins.left;
  const total = columns.reduce((s, c) => s + c.width, 0);
  if (fill) doc.save().rect(x, y, total, h).fill(fill).restore();
  doc.save().lineWidth(0.4).strokeColor('#999999').rect(x, y, total, h).stroke().restore();
  columns.forEach((c, i) => {
    const t = cellText(cells[i] ?? '');
    if (t !== '') doc.text(t, x + PAD, y + PAD, { width: c.width - 2 * PAD, align: c.align ?? 'left', lineBreak: true });
    x += c.width;
  });
}

/**
 * Draws `rows` under `columns` from the current y, adding pages as needed (header repeated, bold).
 * Leaves `doc.y` below the table.
 */
export function drawTable(doc: Doc, columns: readonly TableColumn[], rows: readonly (readonly string[])[], fonts: TableFonts, fontSize = 8): void {
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const header = columns.map((c) => c.title);
  const drawHeader = () => {
    doc.font(fonts.bold).fontSize(fontSize);
    const h = rowHeight(doc, columns, header);
    drawRow(doc, columns, header, doc.y, h, '#E8E8E8');
    doc.y += h;
    doc.font(fonts.regular).fontSize(fontSize);
  };
  doc.font(fonts.bold).fontSize(fontSize);
  if (doc.y + rowHeight(doc, columns, header) * 2 > bottom()) doc.addPage();
  drawHeader();
  rows.forEach((cells, i) => {
    const h = rowHeight(doc, columns, cells);
    if (doc.y + h > bottom()) {
      doc.addPage();
      drawHeader();
    }
    const y = doc.y;
    drawRow(doc, columns, cells, y, h, i % 2 === 1 ? '#F7F7F7' : null);
    doc.y = y + h;
  });
  doc.x = doc.page.margins.left;
}
