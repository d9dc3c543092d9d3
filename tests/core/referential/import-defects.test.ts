/**
 * Référentiel import defects found by a tester (impfix brief): a CSV row with missing columns, a semicolon CSV
 * (French Excel), a renamed CAE file. Each bad input gives a UserError naming the file, the row and the cell;
 * good inputs give the same referential as the platform's files. Real files: tete-referentials.md §1.5 samples.
 */
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { csvHeader, importReferentialFiles } from '../../../electron/core/referential';
import { detectCsvDelimiter, readCsvTable } from '../../../electron/core/referential/csv';
import { parseGbpCsv } from '../../../electron/core/referential/gbp-csv';
import { parseGridCsv } from '../../../electron/core/referential/grid';
import { parseQuestionsCsv } from '../../../electron/core/referential/questions-csv';
import { parseTeteCsv, teteIdFromFileName, teteIdTokens } from '../../../electron/core/referential/tete-csv';
import { userError } from '../../helpers/errors';
import { DATA, describeWithSharedData } from '../../helpers/shared-data';

const read = (path: string) => readFileSync(path, 'utf8');
const STRUCT = 'referentiel-cae-structure.csv';

const errorOf = userError;

/** The text re-written with `;` between cells; a cell holding `;`, a quote or a line break is quoted (`""` for `"`). */
function toSemicolons(text: string): string {
  const records = parse(text, { bom: true, relax_column_count: true }) as string[][];
  const cell = (c: string) => (/[;"\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return records.map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
}

describe('detectCsvDelimiter: the header line, outside quotes', () => {
  it.each([
    ['identifiant,nom,points\n1;2;3', ','],
    ['identifiant;nom;points\n1,A,2', ';'],
    ['"nom, complet";"a";"b"\n', ';'], // the comma is inside quotes
    ['"a;b",c,d\n', ','],
    ['\uFEFFidentifiant;nom\n', ';'],
    ['"en-tête\nsur deux lignes";x;y\n', ';'], // a quoted line break does not end the header
    ['seule\n', ','],
  ])('%j → %s', (text, sep) => expect(detectCsvDelimiter(text)).toBe(sep));

  it('a one-column header gives the tie value (the grid importer asks for `;`)', () => {
    expect(detectCsvDelimiter('titre\n', ';')).toBe(';');
  });

  it('readCsvTable and csvHeader read a semicolon file', () => {
    const table = readCsvTable({ name: 'x.csv', text: 'identifiant;nom;points\n1;"Axe; un";3\n' });
    expect(table.header).toEqual(['identifiant', 'nom', 'points']);
    expect(table.rows).toEqual([{ row: 2, cells: ['1', 'Axe; un', '3'] }]);
    expect(csvHeader('Identifiant;"Nom, long";Points\n')).toEqual(['identifiant', 'nom, long', 'points']);
  });
});

describe('a row shorter than the header', () => {
  const HEADER = 'identifiant,nom,description,points,pourcentage,categorie';
  it('is refused with the file, the row, the column count and the first missing cell', () => {
    const text = [HEADER, '1,A,,,,', '1.1,B,,,,', '1.1.1,C,,4,,', '1.1.9,Court', '1.1.1.1,D,,,,'].join('\n');
    const e = errorOf(() => parseTeteCsv({ structure: { name: STRUCT, text } }));
    expect(e.code).toBe('REFERENTIAL_INVALID');
    expect(e.message).toBe(
      `Fichier « ${STRUCT} », ligne 5 : 2 colonnes au lieu de 6 (l'en-tête en a 6) ; la ligne s'arrête avant la cellule C5 (colonne « description »). Complétez la ligne ou vérifiez ses séparateurs et ses guillemets.`,
    );
    expect(e.en).toBe(
      `File “${STRUCT}”, row 5: 2 columns instead of 6 (the header has 6); the row stops before cell C5 (column “description”). Complete the row or check its separators and quotes.`,
    );
    expect(e.location).toEqual({ file: STRUCT, row: 5, cell: 'C5', column: 'description' });
  });

  it('in the preuves CSV too', () => {
    const structure = { name: STRUCT, text: [HEADER, '1,A,,,,', '1.1,B,,,,', '1.1.1,C,,4,,', '1.1.1.1,D,,,,'].join('\n') };
    const preuves = { name: 'referentiel-cae-preuves.csv', text: 'id,nom,actions,description\nrapport,Rapport\n' };
    const e = errorOf(() => parseTeteCsv({ structure, preuves }));
    expect(e.message).toContain('Fichier « referentiel-cae-preuves.csv », ligne 2 : 2 colonnes au lieu de 4');
    expect(e.location).toMatchObject({ row: 2, cell: 'C2', column: 'actions' });
  });

  it('blank lines (a trailing empty line, `,,,`) are still skipped, not refused', () => {
    const text = [HEADER, '1,A,,,,', '', '1.1,B,,,,', '1.1.1,C,,4,,', '1.1.1.1,D,,,,', ''].join('\n');
    expect(parseTeteCsv({ structure: { name: STRUCT, text } }).nodes).toHaveLength(5);
  });
});

describeWithSharedData('real TETE files', () => {
  it('every row of the real CAE, ECi and TE structures and preuves has the header\'s cell count (the rule refuses none)', () => {
    for (const path of [DATA.caeStructure, DATA.caePreuves, DATA.eciStructure, DATA.eciPreuves, DATA.teStructure]) {
      const table = readCsvTable({ name: path, text: read(path) }, { fullRows: true, allowNoRows: true });
      expect(table.rows.every((r) => r.cells.length === table.header.length), path).toBe(true);
    }
  });

  it('the CAE structure with `1.1.9,Court` inserted after line 3: « ligne 4 : 2 colonnes au lieu de 21 »', () => {
    const lines = read(DATA.caeStructure).split('\n');
    lines.splice(3, 0, '1.1.9,Court\r'); // the file's lines end with \r\n
    const e = errorOf(() =>
      importReferentialFiles([
        { name: STRUCT, text: lines.join('\n') },
        { name: 'referentiel-cae-preuves.csv', text: read(DATA.caePreuves) },
      ]),
    );
    expect(e.message).toMatch(/^Fichier « referentiel-cae-structure\.csv », ligne 4 : 2 colonnes au lieu de 21 \(l'en-tête en a 21\) ; la ligne s'arrête avant la cellule C4 \(colonne « description »\)/);
  });

  it('the same line typed with a bare `\\n` in the `\\r\\n` file is refused the same way (it does not join the next row)', () => {
    const lines = read(DATA.caeStructure).split('\r\n');
    lines.splice(3, 0, '1.1.9,Court\n1.1.8,Autre');
    const e = errorOf(() => importReferentialFiles([{ name: STRUCT, text: lines.join('\r\n') }]));
    expect(e.message).toMatch(/^Fichier « referentiel-cae-structure\.csv », ligne 4 : 2 colonnes au lieu de 21 /);
  });

  it('the CAE files converted to `;` give the same referential as the comma files', () => {
    const comma = importReferentialFiles([
      { name: STRUCT, text: read(DATA.caeStructure) },
      { name: 'referentiel-cae-preuves.csv', text: read(DATA.caePreuves) },
    ]);
    const semi = { name: STRUCT, text: toSemicolons(read(DATA.caeStructure)) };
    expect(semi.text.split('\n', 1)[0]).toMatch(/^identifiant;nom;description;/);
    expect(semi.text).toContain('"'); // some cells hold a `;` and are quoted
    const semicolon = importReferentialFiles([semi, { name: 'referentiel-cae-preuves.csv', text: toSemicolons(read(DATA.caePreuves)) }]);
    expect(semicolon.nodes).toHaveLength(1471);
    expect(semicolon.preuvesAttendues).toHaveLength(comma.preuvesAttendues!.length);
    expect(semicolon).toEqual(comma);
  });

  it('the ECi and TE structures converted to `;` too', () => {
    for (const [path, name] of [[DATA.eciStructure, 'referentiel-eci-structure.csv'], [DATA.teStructure, 'referentiel-te-structure.csv']] as const) {
      expect(importReferentialFiles([{ name, text: toSemicolons(read(path)) }])).toEqual(importReferentialFiles([{ name, text: read(path) }]));
    }
  });

  it('the four personnalisation question CSVs converted to `;` give the same questions', () => {
    const files = DATA.questionsCsv.map((path) => ({ name: path.split('/').pop()!, text: read(path) }));
    const semi = files.map((f) => ({ name: f.name, text: toSemicolons(f.text) }));
    expect(semi[0]!.text.split('\n', 1)[0]).toContain(';');
    expect(parseQuestionsCsv(semi)).toEqual(parseQuestionsCsv(files));
  });

  it('a renamed CAE file `réf:CAE été 2026.csv` is the cae referential (with its preuves renamed too)', () => {
    const ref = importReferentialFiles([
      { name: 'réf:CAE été 2026.csv', text: read(DATA.caeStructure) },
      { name: 'preuves été.csv', text: read(DATA.caePreuves) },
    ]);
    expect(ref.id).toBe('cae');
    expect(ref.nodes).toHaveLength(1471);
    expect(ref.nodes.find((n) => n.identifiant === '3.3.5')!.meta['regle.score']).toBe('min(score(cae_1.2.3), score(cae_3.3.5))');
  });

  it('a CAE file named without any referential word takes the prefix its formulas use', () => {
    expect(importReferentialFiles([{ name: 'export du 12 mars.csv', text: read(DATA.caeStructure) }]).id).toBe('cae');
    // A misleading name loses against the content: the formulas read cae_ nodes.
    expect(importReferentialFiles([{ name: 'referentiel-eci-structure.csv', text: read(DATA.caeStructure) }]).id).toBe('cae');
  });
});

describe('teteIdFromFileName: cae / eci / te as a word', () => {
  it.each([
    ['réf:CAE été 2026.csv', 'cae'],
    ['Référentiel ECI (copie).csv', 'eci'],
    ['TE-2026.csv', 'te'],
    ['été 2026.csv', null], // « été » folds to « ete », not « te »
    ['caecilia.csv', null],
    ['cae et eci.csv', null], // two referentials named: ambiguous
  ])('%s → %s', (name, id) => expect(teteIdFromFileName(name)).toBe(id));

  it('teteIdTokens lists each word once, in order', () => {
    expect(teteIdTokens('CAE-eci_cae.csv')).toEqual(['cae', 'eci']);
  });
});

describe('a TETE id that cannot be told asks for the « Identifiant » field', () => {
  const HEADER = 'identifiant,nom,description,points,pourcentage,score';
  const rows = ['1,A,,,,', '1.1,B,,,,', '1.1.1,C,,4,,', '1.1.1.1,D,,,,'];

  it('a name naming two referentials', () => {
    const e = errorOf(() => parseTeteCsv({ structure: { name: 'cae ou eci.csv', text: [HEADER, ...rows].join('\n') }, fallbackId: 'x' }));
    expect(e.message).toBe(
      "Impossible de savoir quel référentiel contient le fichier « cae ou eci.csv » : son nom contient à la fois « cae » et « eci » ; indiquez-le dans le champ « Identifiant » du formulaire d'import.",
    );
    expect(e.location).toEqual({ file: 'cae ou eci.csv', field: 'id' });
  });

  it('formulas and preuves naming two prefixes', () => {
    const structure = { name: 'referentiel-cae-structure.csv', text: [HEADER, ...rows.slice(0, 3), '1.1.1.1,D,,,,score(cae_1.1.1)'].join('\n') };
    const preuves = { name: 'preuves.csv', text: 'id,nom,actions,description\nrapport,Rapport,eci_1.1.1.1,\n' };
    const e = errorOf(() => parseTeteCsv({ structure, preuves }));
    expect(e.message).toBe(
      "Impossible de savoir quel référentiel contiennent les fichiers « referentiel-cae-structure.csv » et « preuves.csv » : leurs formules et leurs preuves désignent des nœuds de plusieurs référentiels (cae, eci) ; indiquez-le dans le champ « Identifiant » du formulaire d'import (cae, eci ou te).",
    );
  });

  it('the id the user gives wins', () => {
    const ref = parseTeteCsv({ structure: { name: 'cae ou eci.csv', text: [HEADER, ...rows].join('\n') }, id: 'eci' });
    expect(ref.id).toBe('eci');
  });
});

describe('semicolon CSV in the other CSV importers', () => {
  it('grid CSV: `;` with a quoted `;` in a cell', () => {
    const text = 'identifiant;intitule;points\n1;"Axe; un";\n1.1;Critère;2\n';
    const ref = parseGridCsv({ name: 'grille.csv', text }, 'grille');
    expect(ref.nodes.map((n) => n.nom)).toContain('Axe; un');
  });

  it('good-practice guide CSV: the same guide with `;` as with `,`', () => {
    const header = ['Id', 'Titre', 'Thématique', 'Priorité', 'Difficulté'];
    const row = ['a.1', 'Réduire', 'Stratégie', 'Prioritaire', 'Facile'];
    const comma = parseGbpCsv({ name: 'guide.csv', text: `${header.join(',')}\n${row.join(',')}\n` });
    const semi = parseGbpCsv({ name: 'guide.csv', text: `${header.join(';')}\n${row.join(';')}\n` });
    expect(semi).toEqual(comma);
  });
});
