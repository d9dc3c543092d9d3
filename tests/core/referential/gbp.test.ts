import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGbpJson } from '../../../electron/core/referential/gbp';
import { isGbpCsvHeader, parseGbpCsv, readExportRecords } from '../../../electron/core/referential/gbp-csv';
import { userError } from '../../helpers/errors';
import { DATA, describeWithSharedData } from '../../helpers/shared-data';

type Obj = Record<string, unknown>;
function pratique(id: string, overrides: Obj = {}): Obj {
  return { id, titre: `Pratique ${id}`, priorite: 'Prioritaire', difficulte: 'Moyenne', pilotes: ['Direction générale'], indicateurs: ['Oui / non'],
    url: `https://ecoresponsable.numerique.gouv.fr/${id}/`, ...overrides };
}
function famille(id: string, titre: string, bonnesPratiques: unknown[], overrides: Obj = {}): Obj {
  return { id, titre, description: `<p>${titre}</p>`, bonnesPratiques, ...overrides };
}
const json = (data: unknown, name = 'guide.json') => ({ name, text: typeof data === 'string' ? data : JSON.stringify(data) });
const SMALL = {
  title: 'Guide de bonnes pratiques numérique responsable pour les organisations',
  version: 'v1',
  updated_at: '2023-06-01',
  thematiques: [
    famille('g.', 'Services numériques', [pratique('g.10'), pratique('g.9', { priorite: 'Aller plus loin', difficulte: 'Difficile', pilotes: [], indicateurs: [] })]),
    famille('a.', 'Stratégie et gouvernance', [pratique('a.1', { pilotes: ['Direction générale', 'Délégué NR'], indicateurs: ['Plan validé : oui / non', 'Fréquence des comités'] })]),
  ],
};

describe('parseGbpJson on small inputs', () => {
  const ref = parseGbpJson(json(SMALL));

  it('builds familles (letters) and pratiques in natural order, each pratique counting 1, model progress', () => {
    expect(ref).toMatchObject({ id: 'gbp-nr', version: 'v1', model: 'progress', actionLevel: 2, niveaux: [], redistribution: false,
      nom: 'Guide de bonnes pratiques numérique responsable pour les organisations', hierarchie: ['referentiel', 'famille', 'pratique'] });
    expect(ref.nodes.map((n) => [n.id, n.parentId, n.type, n.identifiant, n.pointReferentiel, n.ordre])).toEqual([
      ['gbp-nr', null, 'referentiel', '', 3, 0],
      ['gbp-nr_a', 'gbp-nr', 'famille', 'a', 1, 0],
      ['gbp-nr_a.1', 'gbp-nr_a', 'pratique', 'a.1', 1, 0],
      ['gbp-nr_g', 'gbp-nr', 'famille', 'g', 2, 1],
      ['gbp-nr_g.9', 'gbp-nr_g', 'pratique', 'g.9', 1, 0],
      ['gbp-nr_g.10', 'gbp-nr_g', 'pratique', 'g.10', 1, 1],
    ]);
    expect(ref.nodes[0]).toMatchObject({ nom: SMALL.title, meta: { source: 'guide.json', miseAJour: '2023-06-01' } });
    expect(ref.nodes[1]).toMatchObject({ nom: 'Stratégie et gouvernance', description: '<p>Stratégie et gouvernance</p>' });
  });

  it('keeps priorité, difficulté, pilotes and url in meta; indicateurs and pilotes in the description; the page in ressources', () => {
    expect(ref.nodes.find((n) => n.id === 'gbp-nr_a.1')).toMatchObject({
      nom: 'Pratique a.1',
      description: '**Exemples d’indicateurs**\n\n- Plan validé : oui / non\n- Fréquence des comités\n\n**Exemples de pilotes** : Direction générale, Délégué NR',
      ressources: 'https://ecoresponsable.numerique.gouv.fr/a.1/',
      meta: { famille: 'Stratégie et gouvernance', priorite: 'Prioritaire', difficulte: 'Moyenne', pilotes: 'Direction générale, Délégué NR', url: 'https://ecoresponsable.numerique.gouv.fr/a.1/' },
    });
    expect(ref.nodes.find((n) => n.id === 'gbp-nr_g.9')).toMatchObject({ description: null, meta: { famille: 'Services numériques', priorite: 'Aller plus loin', difficulte: 'Difficile' } });
    expect(ref.nodes.find((n) => n.id === 'gbp-nr_g.9')?.meta.pilotes).toBeUndefined();
  });

  it('uses the id given', () => {
    expect(parseGbpJson(json(SMALL), 'guide-nr').nodes.map((n) => n.id).slice(0, 3)).toEqual(['guide-nr', 'guide-nr_a', 'guide-nr_a.1']);
  });

  const withFamille = (f: unknown) => ({ thematiques: [famille('a.', 'Stratégie', [pratique('a.1')]), f] });
  const withPratique = (...p: unknown[]) => ({ thematiques: [famille('a.', 'Stratégie', [pratique('a.1'), ...p])] });
  it.each([
    ['truncated JSON', JSON.stringify(SMALL).slice(0, 80), /^guide\.json n'est pas un JSON valide \(ligne 1, colonne \d+/, undefined],
    ['no thematiques', { title: 'x' }, /^guide\.json : un objet \{ "thematiques": \[\.\.\.\] \} \(les familles du guide\) est attendu à la racine du JSON\.$/, 'thematiques'],
    ['an empty thematiques list', { thematiques: [] }, /^guide\.json : la liste « thematiques » est vide\.$/, 'thematiques'],
    ['a famille without id', withFamille({ titre: 'Achats', bonnesPratiques: [pratique('b.1')] }), /^guide\.json, famille n° 2 \(thematiques\[1\]\) : le champ « id » est absent\.$/, 'thematiques[1].id'],
    ['a famille id « b.1 »', withFamille(famille('b.1', 'Achats', [pratique('b.1')])), /^guide\.json, famille n° 2 \(thematiques\[1\]\) : l'identifiant de famille « b\.1 » n'a pas la forme « a\. »\.$/, 'thematiques[1].id'],
    ['a famille without pratiques', withFamille(famille('b.', 'Achats', [])), /^guide\.json, famille b \(thematiques\[1\]\) : le champ « bonnesPratiques » doit être une liste non vide de pratiques\.$/, 'thematiques[1].bonnesPratiques'],
    ['a duplicate famille', withFamille(famille('a.', 'Achats', [pratique('a.2')])), /^guide\.json, famille a \(thematiques\[1\]\) : la famille a est en double \(déjà guide\.json, famille a \(thematiques\[0\]\)\)\.$/, 'thematiques[1]'],
    ['one thématique under two letters', withFamille(famille('b.', 'Stratégie', [pratique('b.1')])), /^guide\.json, famille b \(thematiques\[1\]\) : la thématique « Stratégie » porte deux lettres \(a et b\)\.$/, 'thematiques[1]'],
    ['a pratique without id', withPratique({ titre: 'Sans id', priorite: 'Prioritaire', difficulte: 'Facile' }), /^guide\.json, famille a, pratique n° 2 \(thematiques\[0\]\.bonnesPratiques\[1\]\) : le champ « id » est absent\.$/, 'thematiques[0].bonnesPratiques[1].id'],
    ['a pratique id « a1 »', withPratique(pratique('a1')), /^guide\.json, famille a, pratique n° 2 \(.*\) : l'identifiant « a1 » n'a pas la forme « a\.1 »\.$/, 'thematiques[0].bonnesPratiques[1].id'],
    ['a pratique of an unknown famille (b.2 under a)', withPratique(pratique('b.2')), /^guide\.json, pratique b\.2 \(thematiques\[0\]\.bonnesPratiques\[1\]\) : la pratique b\.2 n'appartient pas à la famille a \(« Stratégie »\) : son identifiant doit commencer par « a\. »\.$/, 'thematiques[0].bonnesPratiques[1]'],
    ['a duplicate pratique', withPratique(pratique('a.1')), /^guide\.json, pratique a\.1 \(thematiques\[0\]\.bonnesPratiques\[1\]\) : la pratique a\.1 est en double \(déjà guide\.json, pratique a\.1 \(thematiques\[0\]\.bonnesPratiques\[0\]\)\)\.$/, 'thematiques[0].bonnesPratiques[1]'],
    ['a pratique without priorité', withPratique(pratique('a.2', { priorite: undefined })), /^guide\.json, pratique a\.2 \(.*\) : le champ « priorite » est absent\.$/, 'thematiques[0].bonnesPratiques[1].priorite'],
    ['a blank titre', withPratique(pratique('a.2', { titre: '  ' })), /^guide\.json, pratique a\.2 \(.*\) : le champ « titre » doit être un texte non vide\.$/, 'thematiques[0].bonnesPratiques[1].titre'],
    ['pilotes that are not a list of texts', withPratique(pratique('a.2', { pilotes: 'DSI' })), /^guide\.json, pratique a\.2 \(.*\) : le champ « pilotes » doit être une liste de textes\.$/, 'thematiques[0].bonnesPratiques[1].pilotes'],
  ])('rejects %s with a message naming the place', (_case, data, message, path) => {
    const e = userError(() => parseGbpJson(json(data)));
    expect(e.code).toBe('REFERENTIAL_INVALID');
    expect(e.message).toMatch(message);
    expect(e.location.file).toBe('guide.json');
    if (path !== undefined) expect(e.location.path).toBe(path);
  });

  it('says the same in English, naming the famille or pratique and its path', () => {
    expect(userError(() => parseGbpJson(json(withPratique(pratique('b.2'))))).en).toBe(
      'guide.json, practice b.2 (thematiques[0].bonnesPratiques[1]): practice b.2 does not belong to family a (“Stratégie”): its identifiant must start with “a.”.',
    );
    expect(userError(() => parseGbpJson(json(withPratique(pratique('a.2', { priorite: undefined }))))).en).toBe(
      'guide.json, practice a.2 (thematiques[0].bonnesPratiques[1]): the field “priorite” is missing.',
    );
  });
});

const HEADER = '"Id","Titre","Thématique","Priorité","Difficulté","Exemples pilotes","Exemples indicateurs","Url",\n';
const row = (id: string, thematique: string, extra = '["DSI","Achats"],["Oui / non"],"https://x.fr/"') => `"${id}","Pratique ${id}","${thematique}","Prioritaire","Facile",${extra},\n`;
const csv = (text: string, name = 'guide-export-version-v1.csv') => ({ name, text });

describe('parseGbpCsv (the export: JSON arrays in unquoted cells, a trailing comma)', () => {
  it('reads quoted cells ("" for a quote), JSON arrays with commas inside, plain cells, CRLF and a BOM', () => {
    const records = readExportRecords(csv('\uFEFF"a ""b"", c",["x, y","z"],plain,\r\n"multi\nline",[],\n'));
    expect(records).toEqual([
      { line: 1, cells: ['a "b", c', ['x, y', 'z'], 'plain', ''] },
      { line: 2, cells: ['multi\nline', [], ''] },
    ]);
    expect(isGbpCsvHeader(['id', 'titre', 'thématique', 'priorité', 'difficulté', ''])).toBe(true);
    expect(isGbpCsvHeader(['identifiant', 'intitule', 'points'])).toBe(false);
  });

  it('builds the same tree as the JSON: familles from the Id letter, named by their Thématique; version from the file name', () => {
    const ref = parseGbpCsv(csv(HEADER + row('b.1', 'Sensibilisation') + row('a.2', 'Stratégie') + row('a.1', 'Stratégie', '[],[],""')));
    expect(ref).toMatchObject({ id: 'gbp-nr', version: 'v1', model: 'progress' });
    expect(ref.nodes.map((n) => [n.id, n.nom, n.pointReferentiel])).toEqual([
      ['gbp-nr', 'Guide de bonnes pratiques numérique responsable pour les organisations', 3],
      ['gbp-nr_a', 'Stratégie', 2],
      ['gbp-nr_a.1', 'Pratique a.1', 1],
      ['gbp-nr_a.2', 'Pratique a.2', 1],
      ['gbp-nr_b', 'Sensibilisation', 1],
      ['gbp-nr_b.1', 'Pratique b.1', 1],
    ]);
    expect(ref.nodes.find((n) => n.id === 'gbp-nr_b.1')).toMatchObject({ ressources: 'https://x.fr/', meta: { pilotes: 'DSI, Achats', priorite: 'Prioritaire', difficulte: 'Facile' } });
    expect(ref.nodes.find((n) => n.id === 'gbp-nr_a.1')).toMatchObject({ ressources: null, description: null });
  });

  it.each([
    ['a quote never closed', HEADER + '"a.1","Pratique sans fin,\n', /^Le fichier « g\.csv » n'est pas un CSV lisible, ligne 2 : guillemet non fermé/, { row: 2 }],
    ['a JSON list never closed', HEADER + '"a.1","P","S","Prioritaire","Facile",["DSI",\n', /^Le fichier « g\.csv » n'est pas un CSV lisible, ligne 2 : liste JSON non fermée \(« \] » manquant\)\.$/, { row: 2 }],
    ['a broken JSON list', HEADER + '"a.1","P","S","Prioritaire","Facile",["DSI" "RH"],\n', /^Le fichier « g\.csv » n'est pas un CSV lisible, ligne 2 : liste JSON invalide/, { row: 2 }],
    ['a list of numbers', HEADER + '"a.1","P","S","Prioritaire","Facile",[1,2],\n', /ligne 2 : une liste JSON de textes est attendue\.$/, { row: 2 }],
    ['text after a closing quote', HEADER + '"a.1"x,"P"\n', /ligne 2 : caractère inattendu « x » après la cellule A \(une virgule était attendue\)\.$/, { row: 2 }],
    ['an empty file', '', /^Le fichier « g\.csv » est vide : il n'a pas de ligne d'en-tête\.$/, {}],
    ['a header only', HEADER, /^Le fichier « g\.csv » est vide : aucune pratique sous l'en-tête\.$/, { row: 2 }],
    ['no Difficulté column', '"Id","Titre","Thématique","Priorité"\n"a.1","P","S","Prioritaire"\n', /^Le fichier « g\.csv » n'a pas de colonne « Difficulté » \(obligatoire\) dans sa ligne d'en-tête\.$/, { row: 1, column: 'Difficulté' }],
    ['a row without Id', HEADER + row('a.1', 'S') + row('', 'S'), /^Fichier « g\.csv », ligne 3, cellule A3 : la colonne « Id » est vide\.$/, { row: 3, cell: 'A3' }],
    ['an Id « 1.1 »', HEADER + row('1.1', 'S'), /^Fichier « g\.csv », ligne 2, cellule A2 : l'identifiant « 1\.1 » n'a pas la forme « a\.1 »\.$/, { row: 2, cell: 'A2' }],
    ['an unknown thématique for its letter', HEADER + row('a.1', 'Stratégie') + row('a.2', 'Achats'), /^Fichier « g\.csv », ligne 3, pratique a\.2, cellule C3 : la thématique « Achats » ne correspond pas à « Stratégie » des autres pratiques a\.x\.$/, { row: 3, cell: 'C3' }],
    ['one thématique under two letters', HEADER + row('a.1', 'Stratégie') + row('b.1', 'Stratégie'), /^Fichier « g\.csv », ligne 3, pratique b\.1 : la thématique « Stratégie » porte deux lettres \(a et b\)\.$/, { row: 3 }],
    ['a duplicate pratique', HEADER + row('a.1', 'S') + row('a.1', 'S'), /^Fichier « g\.csv », ligne 3, pratique a\.1 : la pratique a\.1 est en double \(déjà Fichier « g\.csv », ligne 2, pratique a\.1\)\.$/, { row: 3 }],
    ['a control character', HEADER + row('a.1', 'S\u0007'), /^Fichier « g\.csv », ligne 2, cellule C2 : caractère de contrôle U\+0007 interdit/, { row: 2, cell: 'C2' }],
  ])('rejects %s, naming the file and the row', (_case, text, message, location) => {
    const e = userError(() => parseGbpCsv(csv(text, 'g.csv')));
    expect(e.code).toBe('REFERENTIAL_INVALID');
    expect(e.message).toMatch(message);
    expect(e.location).toMatchObject({ file: 'g.csv', ...location });
  });

  it('says the same in English, naming the row and the cell', () => {
    expect(userError(() => parseGbpCsv(csv(HEADER + row('a.1', 'Stratégie') + row('a.2', 'Achats'), 'g.csv'))).en).toBe(
      'File “g.csv”, row 3, practice a.2, cell C3: the topic “Achats” does not match “Stratégie” of the other practices a.x.',
    );
    expect(userError(() => parseGbpCsv(csv(HEADER + row('a.1', 'S') + row('', 'S'), 'g.csv'))).en).toBe('File “g.csv”, row 3, cell A3: the “Id” column is empty.');
    expect(userError(() => parseGbpCsv(csv(HEADER + '"a.1"x,"P"\n', 'g.csv'))).en).toBe(
      'The file “g.csv” is not a readable CSV, line 2: unexpected character “x” after cell A (a comma was expected).',
    );
  });
});

describeWithSharedData('the real guide de bonnes pratiques NR v1 (JSON and CSV)', () => {
  const fromJson = parseGbpJson({ name: 'guide.json', text: readFileSync(DATA.guideNr, 'utf8') });
  const csvPath = DATA.guideNr.replace(/\.json$/, '.csv');
  const fromCsv = parseGbpCsv({ name: 'guide-bonnes-pratiques-numerique-responsable-export-version-v1.csv', text: readFileSync(csvPath, 'utf8') });

  it('59 pratiques in 9 familles a … i, a.1 … i.8', () => {
    for (const ref of [fromJson, fromCsv]) {
      const pratiques = ref.nodes.filter((n) => n.depth === 2);
      expect(pratiques).toHaveLength(59);
      expect(ref.nodes[0]?.pointReferentiel).toBe(59);
      expect(ref.nodes.filter((n) => n.depth === 1).map((n) => `${n.identifiant} ${n.nom} (${n.pointReferentiel})`)).toEqual([
        'a Stratégie et gouvernance (8)',
        'b Sensibilisation et formation (3)',
        'c Mesure et évaluation (3)',
        'd Réduction des achats (6)',
        'e Achat durable et responsable (5)',
        'f Phase d’usage, administration et paramétrages (8)',
        'g Services numériques (11)',
        'h Salle serveur et centre de données (7)',
        'i Fin d\'usage (8)',
      ]);
      expect([pratiques[0]?.identifiant, pratiques.at(-1)?.identifiant]).toEqual(['a.1', 'i.8']);
      const count = (k: string, v: string) => pratiques.filter((p) => p.meta[k] === v).length;
      expect([count('priorite', 'Prioritaire'), count('priorite', 'Recommandée'), count('priorite', 'Aller plus loin')]).toEqual([33, 20, 6]);
      expect([count('difficulte', 'Facile'), count('difficulte', 'Moyenne'), count('difficulte', 'Difficile')]).toEqual([12, 35, 12]);
    }
    expect(fromJson.version).toBe('v1');
    expect(fromCsv.version).toBe('v1');
  });

  it('the CSV gives the same pratiques as the JSON, word for word', () => {
    const pratiques = (ref: typeof fromJson) => ref.nodes.filter((n) => n.depth === 2);
    expect(pratiques(fromCsv)).toEqual(pratiques(fromJson));
    expect(fromJson.nodes.find((n) => n.id === 'gbp-nr_g.10')?.ordre).toBe(9);
  });
});
