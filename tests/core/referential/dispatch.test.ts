import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IMPORT_FORMATS } from '../../../electron/cli/args';
import { csvHeader, detectFileKind, idFromFileName, importReferentialFiles, REFERENTIAL_FORMATS, renameReferential } from '../../../electron/core/referential';
import { DATA, describeWithSharedData } from '../../helpers/shared-data';
import { tempDir, toyTete } from '../helpers/context';
import { ECI_CSV } from '../helpers/csv';
import { userError } from '../../helpers/errors';

const tmp = tempDir('label-audit-dispatch-');
afterAll(() => tmp.cleanup());

const GRID_CSV = 'identifiant;intitule;points\n1;Stratégie;300\n1.1;Gouvernance;100\n1.2;Feuille de route;200\n2;Achats;700\n2.1;Clauses;700\n';

describe('format detection', () => {
  it('recognises TETE structure and preuves CSVs, grid CSV, RGESN and grid JSON', () => {
    expect(detectFileKind({ name: 'x.csv', text: ECI_CSV })).toBe('tete-structure');
    expect(detectFileKind({ name: 'p.CSV', text: '\uFEFFid,nom,actions,description\r\na,b,c,d' })).toBe('tete-preuves');
    expect(detectFileKind({ name: 'referentiel-te-structure.csv', text: 'Coremeasure,Identifiant,Nom,Points\n' })).toBe('tete-structure');
    expect(detectFileKind({ name: 'grille.csv', text: GRID_CSV })).toBe('grid-csv');
    expect(detectFileKind({ name: 'r.json', text: '[{"numero":"1.1","priorite":"Prioritaire"}]' })).toBe('rgesn-json');
    expect(detectFileKind({ name: 'g.json', text: '{"model":"points","themes":[]}' })).toBe('grid-json');
    expect(csvHeader('"Identifiant";"Nom"\n')).toEqual(['identifiant', 'nom']);
  });

  it('recognises the RGAA JSON (topics), the guide JSON (thematiques) and the guide CSV export (Id, Titre, Thématique, Priorité, Difficulté)', () => {
    expect(detectFileKind({ name: 'criteres.json', text: '{"wcag":{"version":2.1},"topics":[]}' })).toBe('rgaa-json');
    expect(detectFileKind({ name: 'guide.json', text: '{"version":"v1","thematiques":[]}' })).toBe('gbp-json');
    expect(detectFileKind({ name: 'guide.csv', text: '"Id","Titre","Thématique","Priorité","Difficulté","Url",\n' })).toBe('gbp-csv');
    expect(detectFileKind({ name: 'guide.csv', text: 'Id;Titre;Thematique;Priorite;Difficulte\n' })).toBe('gbp-csv');
    // A grid CSV with only some of those columns stays a grid.
    expect(detectFileKind({ name: 'g.csv', text: 'identifiant,titre,points\n' })).toBe('grid-csv');
    expect(() => detectFileKind({ name: 'x.json', text: '{"topics":"Images"}' })).toThrow(/ni le RGAA \(topics\), ni le guide de bonnes pratiques \(thematiques\)/);
  });

  it('the CLI --format accepts exactly the formats of the core', () => {
    expect([...IMPORT_FORMATS].sort()).toEqual([...REFERENTIAL_FORMATS].sort());
  });

  it('unknown shapes: FORMAT_UNKNOWN or REFERENTIAL_INVALID naming the file', () => {
    expect(() => detectFileKind({ name: 'a.xlsx', text: '' })).toThrow("Le fichier a.xlsx n'est ni un .csv ni un .json : format de référentiel inconnu.");
    expect(userError(() => detectFileKind({ name: 'a.xlsx', text: '' })).en).toBe('The file a.xlsx is neither a .csv nor a .json: unknown referential format.');
    expect(userError(() => detectFileKind({ name: 'b.json', text: '{oops' })).en).toMatch(/^b\.json is not valid JSON \(line 1, column 2, position 1\): /);
    expect(() => detectFileKind({ name: 'a.json', text: '{"x":1}' })).toThrow(/a\.json n'a pas une forme connue/);
    expect(() => detectFileKind({ name: 'b.json', text: '{oops' })).toThrow(/b\.json n'est pas un JSON valide/);
  });
});

describe('importReferentialFiles', () => {
  it('reads paths (UTF-8 with BOM), takes the id from the file name, or from opts.id', () => {
    const p = join(tmp.dir, 'referentiel-eci-structure.csv');
    writeFileSync(p, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ECI_CSV)]));
    const ref = importReferentialFiles([p]);
    expect([ref.id, ref.model, ref.nodes.length, ref.nodes[0]!.pointReferentiel]).toEqual(['eci', 'tete', 12, 100]);
    expect(importReferentialFiles([p], { id: 'eci-2026' }).nodes[1]!.id).toBe('eci-2026_1');
  });

  it('grid CSV: id from the file name', () => {
    const ref = importReferentialFiles([{ name: 'Grille Label NR 2024.csv', text: GRID_CSV }]);
    expect([ref.id, ref.model, ref.nodes[0]!.pointReferentiel]).toEqual(['grille-label-nr-2024', 'points', 1000]);
  });

  it('bad combinations and ids → INPUT_INVALID; missing path → FILE_NOT_FOUND; not UTF-8 → FILE_UNREADABLE', () => {
    expect(() => importReferentialFiles([])).toThrow('Aucun fichier de référentiel fourni.');
    expect(() => importReferentialFiles([{ name: 'a.csv', text: GRID_CSV }, { name: 'b.csv', text: GRID_CSV }])).toThrow(/un seul fichier ; reçu : a\.csv, b\.csv/);
    expect(() => importReferentialFiles([{ name: 'p.csv', text: 'id,nom,actions,description\n' }])).toThrow(/fichier de structure/);
    expect(() => importReferentialFiles([{ name: 'a.csv', text: GRID_CSV }], { id: 'Bad Id' })).toThrow(/« Bad Id » est invalide/);
    const missing = join(tmp.dir, 'nope.csv');
    expect(() => importReferentialFiles([missing])).toThrow(`Le fichier ${missing} est introuvable.`);
    const latin1 = join(tmp.dir, 'latin1.csv');
    writeFileSync(latin1, Buffer.from('identifiant;intitule;points\n1;Stratégie;10\n', 'latin1'));
    expect(() => importReferentialFiles([latin1])).toThrow(`Le fichier ${latin1} n'est pas encodé en UTF-8 : enregistrez-le en UTF-8 puis réessayez.`);
  });

  it('idFromFileName and renameReferential', () => {
    expect(idFromFileName('/x/Référentiel Économie 2.csv')).toBe('referentiel-economie-2');
    expect(idFromFileName('2024.csv')).toBe('ref-2024');
    const r = renameReferential(toyTete('eci'), 'eci2');
    expect(r.nodes.slice(0, 3).map((n) => [n.id, n.parentId])).toEqual([
      ['eci2', null],
      ['eci2_1', 'eci2'],
      ['eci2_1.1', 'eci2_1'],
    ]);
    expect(r.preuvesAttendues[0]!.nodeIds).toEqual(['eci2_1.1', 'eci2_2.1']);
  });
});

describeWithSharedData('real files (tete-referentials.md §8; DOMAIN.md)', () => {
  it('CAE structure + preuves in either order; ECi; RGESN', () => {
    const cae = importReferentialFiles([DATA.caePreuves, DATA.caeStructure]);
    expect([cae.id, cae.nodes.length - 1, cae.nodes[0]!.pointReferentiel, cae.preuvesAttendues.length]).toEqual(['cae', 1470, 500, 130]);
    const eci = importReferentialFiles([DATA.eciStructure, DATA.eciPreuves]);
    expect([eci.id, eci.nodes.length - 1, eci.nodes[0]!.pointReferentiel, eci.preuvesAttendues.length]).toEqual(['eci', 367, 500, 176]);
    const rgesn = importReferentialFiles([DATA.rgesn]);
    expect([rgesn.id, rgesn.model]).toEqual(['rgesn', 'weighted']);
    expect(rgesn.nodes.filter((n) => n.depth === 2)).toHaveLength(78);
  });

  it('RGAA 4.1.2 and the guide (JSON, CSV) by detection, with their own ids, or forced with --format and an id', () => {
    const rgaa = importReferentialFiles([DATA.rgaa]);
    expect([rgaa.id, rgaa.model, rgaa.version, rgaa.nodes.filter((n) => n.depth === 1).length, rgaa.nodes.filter((n) => n.depth === 2).length]).toEqual(['rgaa', 'rate', '4.1.2', 13, 106]);
    const guide = importReferentialFiles([DATA.guideNr]);
    expect([guide.id, guide.model, guide.nodes.filter((n) => n.depth === 1).length, guide.nodes.filter((n) => n.depth === 2).length]).toEqual(['gbp-nr', 'progress', 9, 59]);
    const guideCsv = importReferentialFiles([DATA.guideNr.replace(/\.json$/, '.csv')]);
    expect([guideCsv.id, guideCsv.model, guideCsv.nodes.length]).toEqual(['gbp-nr', 'progress', 69]);
    const forced = importReferentialFiles([DATA.rgaa], { format: 'rgaa-json', id: 'rgaa-2025' });
    expect(forced.nodes[1]?.id).toBe('rgaa-2025_1');
    expect(() => importReferentialFiles([DATA.rgaa], { format: 'gbp-json' })).toThrow(/criteres\.json : un objet \{ "thematiques": \[\.\.\.\] \} \(les familles du guide\) est attendu/);
  });
});
