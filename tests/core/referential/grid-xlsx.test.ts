import { describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { declaredInflatedBytes, MAX_XLSX_INFLATED_BYTES, parseGridXlsx } from '../../../electron/core/referential/grid-xlsx';
import { type Cells, goodWorkbook, workbook } from './grid-xlsx-fixture';
import { userErrorAsync } from '../../helpers/errors';

const HEADER: Cells = ['identifiant', 'intitule', 'points', 'description', 'preuves_attendues'];
const xlsx = async (rows: Cells[], sheet = 'Grille') => ({ name: 'grille.xlsx', bytes: await workbook({ [sheet]: rows }) });

describe('parseGridXlsx: the good workbook', () => {
  it('builds 2 thèmes and 5 critères in identifiant order, 100 points, from formulas, rich text, links and merged cells', async () => {
    const ref = await parseGridXlsx({ name: 'Grille NR 2025.xlsx', bytes: await goodWorkbook() }, 'nr-2025');
    expect(ref).toMatchObject({ id: 'nr-2025', version: 'Grille NR 2025', nom: 'nr-2025', model: 'points', actionLevel: 2, niveaux: [], avertissement: null });
    expect(ref.nodes.map((n) => [n.id, n.parentId, n.type, n.nom, n.points, n.pointReferentiel, n.ordre])).toEqual([
      ['nr-2025', null, 'referentiel', 'nr-2025', 100, 100, 0],
      ['nr-2025_1', 'nr-2025', 'theme', 'Stratégie et gouvernance', null, 30, 0],
      ['nr-2025_1.1', 'nr-2025_1', 'critere', 'Engagement de l’exécutif', 10, 10, 0],
      ['nr-2025_1.2', 'nr-2025_1', 'critere', 'Feuille de route', 20, 20, 1],
      ['nr-2025_2', 'nr-2025', 'theme', 'Achats et parc', 70, 70, 1],
      ['nr-2025_2.1', 'nr-2025_2', 'critere', 'Inventaire du parc', 25, 25, 0],
      ['nr-2025_2.2', 'nr-2025_2', 'critere', 'Clauses environnementales', 15, 15, 1],
      ['nr-2025_2.3', 'nr-2025_2', 'critere', 'Réemploi', 30, 30, 2],
    ]);
    const description = (id: string) => ref.nodes.find((n) => n.id === id)?.description;
    // E7:E8 merged: 2.2 (E7, master) and 2.1 (E8) both read « Achats responsables. ».
    expect([description('nr-2025_2.2'), description('nr-2025_2.1'), description('nr-2025_1'), description('nr-2025_2')]).toEqual([
      'Achats responsables.',
      'Achats responsables.',
      'Le cap fixé par les élus.',
      null,
    ]);
    expect(ref.preuvesAttendues.map((p) => [p.id, p.nom, p.nodeIds])).toEqual([
      ['convention_de_don', 'Convention de don', ['nr-2025_2.3']],
      ['deliberation_nr', 'Délibération NR', ['nr-2025_1.1']],
      ['inventaire', 'Inventaire', ['nr-2025_2.1', 'nr-2025_2.3']],
      ['plan_d_action', 'Plan d’action', ['nr-2025_1.1', 'nr-2025_1.2']],
    ]);
    expect(ref.nodes[0]!.meta).toEqual({ source: 'Grille NR 2025.xlsx', feuille: 'Grille' });
  });

  it('takes version, nom, niveaux and avertissement from the options', async () => {
    const niveaux = [
      { rang: 1, nom: 'Niveau 1', seuil: 0.3 },
      { rang: 2, nom: 'Niveau 2', seuil: 0.5 },
    ];
    const ref = await parseGridXlsx({ name: 'g.xlsx', bytes: await goodWorkbook() }, 'label-nr-officielle', { version: '2025', nom: 'Label NR', niveaux, avertissement: null });
    expect(ref).toMatchObject({ version: '2025', nom: 'Label NR', niveaux, avertissement: null });
  });

  it('picks the sheet named « Critères » over the first one, else the first sheet, or options.sheet', async () => {
    const rows: Cells[] = [HEADER, ['1', 'T', null], ['1.1', 'C', 7]];
    const other: Cells[] = [HEADER, ['1', 'T', null], ['1.1', 'C', 3]];
    const named = await workbook({ Lisez: [['rien']], Critères: rows });
    expect((await parseGridXlsx({ name: 'a.xlsx', bytes: named }, 'g')).nodes[0]!.pointReferentiel).toBe(7);
    const plain = await workbook({ Feuil1: other, Feuil2: rows });
    expect((await parseGridXlsx({ name: 'b.xlsx', bytes: plain }, 'g')).nodes[0]!.pointReferentiel).toBe(3);
    expect((await parseGridXlsx({ name: 'b.xlsx', bytes: plain }, 'g', { sheet: 'Feuil2' })).nodes[0]!.pointReferentiel).toBe(7);
  });

  it('reads numbers without float noise (=0.1+0.2 → 0.3), decimal-comma text, and ignores formulas in unknown columns', async () => {
    const ref = await parseGridXlsx(
      await xlsx([
        [...HEADER, 'Calcul'],
        ['1', 'T', null, null, null, { formula: 'Z99' }],
        ['1.1', 'C', { formula: '0.1+0.2', result: 0.30000000000000004 }, null, null, null],
        ['1.2', 'D', '2,5', null, null, null],
      ]),
      'g',
    );
    expect(ref.nodes.map((n) => n.pointReferentiel)).toEqual([2.8, 2.8, 0.3, 2.5]);
  });
});

describe('parseGridXlsx: errors name the file, the sheet and the cell', () => {
  it.each<[string, Cells[], string, Record<string, unknown>]>([
    [
      'a missing column',
      [['identifiant', 'intitule', 'description'], ['1', 'T', null]],
      'grille.xlsx, feuille "Grille", ligne 1 : la colonne « points » est absente (colonnes attendues : identifiant;intitule;points;description;preuves_attendues).',
      { row: 1, column: 'points' },
    ],
    [
      'a non-numeric points cell',
      [HEADER, ['1', 'T', null], ['1.1', 'C', 'dix']],
      'grille.xlsx, feuille "Grille", cellule C3 : « dix » n\'est pas un nombre de points.',
      { row: 3, cell: 'C3', column: 'points' },
    ],
    [
      'a formula without cached value',
      [HEADER, ['1', 'T', null], ['1.1', 'C', 5], ['1.2', 'D', null], ['1.3', 'E', null], ['1.4', 'F', null], ['1.5', 'G', { formula: 'C3*2' }]],
      'grille.xlsx, feuille "Grille", cellule C7 : formule sans valeur calculée (=C3*2). Ouvrez le classeur dans un tableur, enregistrez-le, puis réessayez.',
      { row: 7, cell: 'C7', column: 'points' },
    ],
    [
      'a formula whose cached result is an error',
      [HEADER, ['1', 'T', null], ['1.1', 'C', { formula: '1/0', result: { error: '#DIV/0!' } }]],
      'grille.xlsx, feuille "Grille", cellule C3 : « #DIV/0! » n\'est pas un nombre de points.',
      { cell: 'C3' },
    ],
    [
      'a duplicate identifiant',
      [HEADER, ['1', 'T', null], ['1.1', 'C', 5], ['1.1', 'D', 5]],
      'grille.xlsx, feuille "Grille", cellule A4 : l\'identifiant 1.1 est en double (déjà utilisé : grille.xlsx, feuille "Grille", cellule A3).',
      { row: 4, cell: 'A4' },
    ],
    [
      'a duplicate thème',
      [HEADER, ['1', 'T', null], [1, 'U', null]],
      'grille.xlsx, feuille "Grille", cellule A3 : le thème 1 est en double (grille.xlsx, feuille "Grille", cellule A2).',
      { row: 3, cell: 'A3', column: 'identifiant' },
    ],
    [
      'a missing critère points cell',
      [HEADER, ['1', 'T', null], ['1.1', 'C', null]],
      'grille.xlsx, feuille "Grille", cellule C3 : points manquants pour le critère 1.1.',
      { cell: 'C3' },
    ],
    [
      'an orphan critère',
      [HEADER, ['1', 'T', null], ['1.1', 'C', 5], ['2.1', 'D', 5]],
      'grille.xlsx, feuille "Grille", cellule A4 : le critère 2.1 n\'a pas de thème 2 (ligne de thème absente).',
      { row: 4, cell: 'A4' },
    ],
    [
      'a thème whose points disagree',
      [HEADER, ['1', 'T', 20], ['1.1', 'C', 5]],
      'grille.xlsx, feuille "Grille", cellule A2 : le thème 1 déclare 20 points mais ses critères en totalisent 5.',
      { row: 2, nodeId: 'g_1' },
    ],
    [
      'a Total that disagrees',
      [HEADER, ['1', 'T', null], ['1.1', 'C', 5], ['Total', null, { formula: 'SUM(C2:C3)', result: 6 }]],
      'grille.xlsx : le total déclaré est de 6 points mais les critères en totalisent 5.',
      { field: 'total' },
    ],
    ['a header without data', [HEADER], 'grille.xlsx, feuille "Grille", ligne 1 : aucune ligne de données sous l\'en-tête.', { row: 1 }],
    [
      'no header row',
      [['Grille'], ['1', 'T', 5]],
      'grille.xlsx, feuille "Grille" : aucune ligne d\'en-tête avec une colonne « identifiant » dans les 50 premières lignes (colonnes attendues : identifiant;intitule;points;description;preuves_attendues).',
      { column: 'identifiant' },
    ],
  ])('rejects %s', async (_case, rows, message, location) => {
    const e = await userErrorAsync(parseGridXlsx(await xlsx(rows), 'g'));
    expect(e.code).toBe('REFERENTIAL_INVALID');
    expect(e.message).toBe(message);
    expect(e.location).toMatchObject({ file: 'grille.xlsx', ...location });
  });

  it('rejects an unknown options.sheet, listing the sheets', async () => {
    const e = await userErrorAsync(parseGridXlsx({ name: 'g.xlsx', bytes: await goodWorkbook() }, 'g', { sheet: 'Grille 2024' }));
    expect(e.message).toBe('g.xlsx : la feuille "Grille 2024" est absente (feuilles : "Notes", "Grille").');
    expect(e.en).toBe('g.xlsx: the sheet "Grille 2024" is missing (sheets: "Notes", "Grille").');
  });

  it('says the same in English, naming the sheet and the cell (grid-xlsx.ts and the checks of grid.ts)', async () => {
    const duplicate = await userErrorAsync(parseGridXlsx(await xlsx([HEADER, ['1', 'T', null], [1, 'U', null]]), 'g'));
    expect(duplicate.en).toBe('grille.xlsx, sheet "Grille", cell A3: theme 1 is duplicated (grille.xlsx, sheet "Grille", cell A2).');
    const formula = await userErrorAsync(parseGridXlsx(await xlsx([HEADER, ['1', 'T', null], ['1.1', 'C', { formula: 'C2*2' }]]), 'g'));
    expect(formula.en).toBe(
      'grille.xlsx, sheet "Grille", cell C3: formula without a computed value (=C2*2). Open the workbook in a spreadsheet application, save it, then try again.',
    );
    const points = await userErrorAsync(parseGridXlsx(await xlsx([HEADER, ['1', 'T', null], ['1.1', 'C', 'dix']]), 'g'));
    expect(points.en).toBe('grille.xlsx, sheet "Grille", cell C3: “dix” is not a number of points.');
  });
});

describe('parseGridXlsx: files that are not a workbook → FILE_UNREADABLE naming the file', () => {
  const advice = 'Enregistrez-le au format « Classeur Excel (.xlsx) » puis réessayez.';
  const good = goodWorkbook();
  it.each<[string, () => Promise<Uint8Array>, string]>([
    ['random bytes', async () => new Uint8Array(Array.from({ length: 512 }, (_, i) => (i * 7919 + 13) % 256)), "ce n'est pas un classeur Excel (le contenu n'est pas une archive XLSX)"],
    ['a CSV renamed .xlsx', async () => new TextEncoder().encode('identifiant;intitule;points\n1;Stratégie;\n1.1;C;5\n'), "ce n'est pas un classeur Excel (le contenu n'est pas une archive XLSX)"],
    ['an empty file', async () => new Uint8Array(0), "ce n'est pas un classeur Excel (le contenu n'est pas une archive XLSX)"],
    ['a truncated workbook', async () => (await good).subarray(0, 2000), "l'archive XLSX est corrompue ou tronquée"],
    ['a workbook cut by one byte', async () => (await good).subarray(0, (await good).length - 1), "l'archive XLSX est corrompue ou tronquée"],
    ['an Excel 97-2003 file', async () => new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), "c'est un classeur Excel 97-2003 (.xls)"],
  ])('%s', async (_case, bytes, reason) => {
    const e = await userErrorAsync(parseGridXlsx({ name: 'grille.xlsx', bytes: await bytes() }, 'g'));
    expect(e.code).toBe('FILE_UNREADABLE');
    expect(e.message).toBe(`Le fichier grille.xlsx n'est pas un classeur .xlsx lisible : ${reason}. ${advice}`);
    expect(e.location).toEqual({ file: 'grille.xlsx' });
  });

  it('a zip holding no worksheet (a workbook without sheets)', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const empty = new Uint8Array(await new ExcelJS.Workbook().xlsx.writeBuffer());
    const e = await userErrorAsync(parseGridXlsx({ name: 'vide.xlsx', bytes: empty }, 'g'));
    expect(e.message).toBe(`Le fichier vide.xlsx n'est pas un classeur .xlsx lisible : le classeur ne contient aucune feuille de calcul. ${advice}`);
  });

  it('an OpenDocument spreadsheet (.ods) saved under .xlsx', async () => {
    const ods = await zip([['mimetype', Buffer.from('application/vnd.oasis.opendocument.spreadsheet')], ['content.xml', Buffer.from('<office:document-content/>')]], false);
    const e = await userErrorAsync(parseGridXlsx({ name: 'grille.xlsx', bytes: ods }, 'g'));
    expect(e.message).toBe(`Le fichier grille.xlsx n'est pas un classeur .xlsx lisible : c'est un classeur OpenDocument (.ods). ${advice}`);
    expect(e.en).toBe('The file grille.xlsx is not a readable .xlsx workbook: it is an OpenDocument spreadsheet (.ods). Save it as “Excel Workbook (.xlsx)” and try again.');
  });

  it('a zip bomb: refused from the sizes its directory declares, before inflating (cap 100 MB)', async () => {
    expect(MAX_XLSX_INFLATED_BYTES).toBe(104_857_600);
    const bomb = await zip([['xl/worksheets/sheet1.xml', Buffer.alloc(110 * 1024 * 1024, 0x20)]]);
    expect(bomb.length).toBeLessThan(200_000);
    expect(declaredInflatedBytes(bomb)).toBe(110 * 1024 * 1024);
    const rss = process.memoryUsage().rss;
    const e = await userErrorAsync(parseGridXlsx({ name: 'bombe.xlsx', bytes: bomb }, 'g'));
    expect(e.message).toBe(
      `Le fichier bombe.xlsx n'est pas un classeur .xlsx lisible : une fois décompressé, il occuperait 116 Mo, plus que les 104 Mo admis pour une grille. ${advice}`,
    );
    expect(process.memoryUsage().rss - rss).toBeLessThan(50 * 1024 * 1024);
  });

  it('the cap counts every entry: the good workbook passes at its own size, fails one byte below', async () => {
    const bytes = await good;
    const size = declaredInflatedBytes(bytes)!;
    expect(size).toBeGreaterThan(bytes.length);
    expect((await parseGridXlsx({ name: 'g.xlsx', bytes }, 'g', { maxInflatedBytes: size })).nodes).toHaveLength(8);
    expect((await userErrorAsync(parseGridXlsx({ name: 'g.xlsx', bytes }, 'g', { maxInflatedBytes: size - 1 }))).code).toBe('FILE_UNREADABLE');
    expect(declaredInflatedBytes(bytes.subarray(0, bytes.length - 30))).toBeNull();
  });
});

/** A zip of the given entries (deflated unless `compress` is false), as bytes. */
async function zip(entries: Array<[string, Buffer]>, compress = true): Promise<Uint8Array> {
  const z = new yazl.ZipFile();
  for (const [name, data] of entries) z.addBuffer(data, name, { compress, mtime: new Date(Date.UTC(2026, 0, 1)) });
  z.end();
  const chunks: Buffer[] = [];
  for await (const c of z.outputStream) chunks.push(c as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}
