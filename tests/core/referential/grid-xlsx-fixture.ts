/**
 * Workbooks built in the tests with exceljs (written to a Buffer), for the grid-xlsx importer: the good grid
 * (2 thèmes, 5 critères, 100 points) and a helper to write any sheet.
 */
import ExcelJS from 'exceljs';

/** A row of cells as exceljs takes them (string, number, rich text, formula, hyperlink, null). */
export type Cells = ExcelJS.CellValue[];

/** Writes a workbook whose sheets are given as rows, then `edit` (merges…); returns its bytes. */
export async function workbook(sheets: Record<string, Cells[]>, edit?: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    rows.forEach((cells, i) => {
      cells.forEach((v, j) => {
        if (v !== null && v !== undefined) ws.getCell(i + 1, j + 1).value = v;
      });
    });
  }
  edit?.(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/**
 * The good grid, sheet « Grille » after a « Notes » sheet: a title in row 1, the header in row 3 (accents and
 * capitals; an extra « Commentaire » column between intitulé and points), rows in a shuffled order, and:
 * - C5 (critère 1.1) a formula `=4+6` with cached result 10;
 * - D7:D8 a description merged over critères 2.2 and 2.1 (both read it);
 * - B4:D4 the thème 1 title merged across intitulé, commentaire and points (the points slave reads empty);
 * - B6 rich text, B8 a hyperlink (their text), A-column identifiants typed as numbers (`1.2`) or text;
 * - a Total row (identifiant « Total », points 100).
 * Tree: thème 1 (Stratégie, 30 = 1.1 10 + 1.2 20), thème 2 (Achats, 70 = 2.1 25 + 2.2 15 + 2.3 30).
 */
export async function goodWorkbook(): Promise<Uint8Array> {
  return workbook(
    {
      Notes: [['Grille officielle — ne pas modifier']],
      Grille: [
        ['Label Numérique Responsable — grille 2025'],
        [],
        ['Identifiant', 'Intitulé', 'Commentaire', 'Points', 'Description', 'Preuves attendues'],
        ['1', 'Stratégie et gouvernance', null, null, 'Le cap fixé par les élus.', null],
        ['1.1', 'Engagement de l’exécutif', 'vu en réunion', { formula: '4+6', result: 10 }, 'Délibération adoptée.', 'Délibération NR|Plan d’action'],
        [1.2, { richText: [{ text: 'Feuille de ' }, { text: 'route', font: { bold: true } }] }, null, 20, 'Un plan daté.', 'Plan d’action'],
        ['2.2', 'Clauses environnementales', null, '15', 'Achats responsables.', null],
        ['2.1', { text: 'Inventaire du parc', hyperlink: 'https://example.org/inventaire' }, null, 25, null, 'Inventaire'],
        ['2', 'Achats et parc', null, 70, null, null],
        ['2.3', 'Réemploi', 'x', '30', 'Dons et reconditionnement.', 'Convention de don\nInventaire'],
        [],
        ['Total', null, null, { formula: 'SUM(D5:D10)', result: 100 }, null, null],
      ],
    },
    (wb) => {
      const ws = wb.getWorksheet('Grille')!;
      ws.mergeCells('E7:E8');
      ws.mergeCells('B4:D4');
    },
  );
}
