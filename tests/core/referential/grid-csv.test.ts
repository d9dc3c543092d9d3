import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGridCsv } from '../../../electron/core/referential/grid';
import { userError } from '../../helpers/errors';

const FIXTURES = join(import.meta.dirname, '../../fixtures/grid');
const fixture = (name: string) => ({ name, text: readFileSync(join(FIXTURES, name), 'utf8') });
const csv = (text: string, name = 'grille.csv') => ({ name, text });
const HEADER = 'identifiant;intitule;points;description;preuves_attendues\n';

describe('parseGridCsv', () => {
  it('reads a ";" export with decimal commas, multi-line preuves, an empty thème total and a Total row', () => {
    const ref = parseGridCsv(fixture('grille-officielle.csv'), 'label-nr-officiel');
    expect(ref).toMatchObject({ id: 'label-nr-officiel', version: 'grille-officielle', nom: 'label-nr-officiel', model: 'points', actionLevel: 2, niveaux: [] });
    expect(ref.nodes.map((n) => [n.id, n.type, n.pointReferentiel, n.points])).toEqual([
      ['label-nr-officiel', 'referentiel', 50, 50],
      ['label-nr-officiel_1', 'theme', 20, null],
      ['label-nr-officiel_1.1', 'critere', 12.5, 12.5],
      ['label-nr-officiel_1.2', 'critere', 7.5, 7.5],
      ['label-nr-officiel_2', 'theme', 30, 30],
      ['label-nr-officiel_2.1', 'critere', 30, 30],
    ]);
    expect(ref.nodes[1]?.description).toBe('Thème de gouvernance');
    expect(ref.preuvesAttendues.map((p) => [p.id, p.nodeIds])).toEqual([
      ['comptes_rendus', ['label-nr-officiel_1.2']],
      ['deliberation_nr', ['label-nr-officiel_1.1', 'label-nr-officiel_2.1']],
      ['lettre_de_mission', ['label-nr-officiel_1.2']],
      ['strategie_nr', ['label-nr-officiel_1.1']],
    ]);
  });

  it('detects "," as separator and accepts headers with accents, capitals and spaces', () => {
    const ref = parseGridCsv(fixture('grille-virgule.csv'), 'nr', { version: 'v2', nom: 'Grille NR', niveaux: [{ rang: 1, nom: 'Niveau 1', seuil: 0.3 }] });
    expect(ref.nodes.map((n) => [n.identifiant, n.pointReferentiel])).toEqual([
      ['', 20],
      ['1', 20],
      ['1.1', 12.5],
      ['1.2', 7.5],
    ]);
    expect(ref).toMatchObject({ version: 'v2', nom: 'Grille NR', niveaux: [{ rang: 1, nom: 'Niveau 1', seuil: 0.3 }] });
  });

  it('reads a Total row with an empty identifiant and checks it', () => {
    expect(parseGridCsv(csv(`${HEADER}1;T;;;\n1.1;C;5;;\n;Total général;5;;\n`), 'g').nodes[0]?.points).toBe(5);
    expect(() => parseGridCsv(csv(`${HEADER}1;T;;;\n1.1;C;5;;\n;Total;6;;\n`), 'g')).toThrow('grille.csv : le total déclaré est de 6 points mais les critères en totalisent 5.');
  });

  it('orders critères naturally (1.10 after 1.9)', () => {
    const ref = parseGridCsv(csv(`${HEADER}1;T;;;\n1.10;Dix;1;;\n1.9;Neuf;2;;\n`), 'g');
    expect(ref.nodes.map((n) => [n.identifiant, n.ordre])).toEqual([
      ['', 0],
      ['1', 0],
      ['1.9', 0],
      ['1.10', 1],
    ]);
  });

  it.each([
    ['a missing column', 'identifiant;intitule;description\n1;T;\n', 'grille.csv, ligne 1 : la colonne « points » est absente (colonnes attendues : identifiant;intitule;points;description;preuves_attendues).', { row: 1, column: 'points' }],
    ['non-numeric points', `${HEADER}1;T;;;\n1.1;C;dix;;\n`, 'grille.csv, ligne 3, colonne « points » : « dix » n\'est pas un nombre de points.', { row: 3, column: 'points' }],
    ['negative points', `${HEADER}1;T;;;\n1.1;C;-5;;\n`, 'grille.csv, ligne 3, colonne « points » : « -5 » n\'est pas un nombre de points.', { row: 3, column: 'points' }],
    ['missing points on a critère', `${HEADER}1;T;;;\n1.1;C;;;\n`, 'grille.csv, ligne 3, colonne « points » : points manquants pour le critère 1.1.', { row: 3, column: 'points' }],
    ['a duplicate critère', `${HEADER}1;T;;;\n1.1;C;5;;\n1.1;D;5;;\n`, 'grille.csv, ligne 4 : l\'identifiant 1.1 est en double (déjà utilisé : grille.csv, ligne 3).', { row: 4 }],
    ['a duplicate thème', `${HEADER}1;T;;;\n1;U;;;\n`, 'grille.csv, ligne 3, colonne « identifiant » : le thème 1 est en double (grille.csv, ligne 2).', { row: 3, column: 'identifiant' }],
    ['an orphan critère', `${HEADER}1;T;;;\n1.1;C;5;;\n2.1;D;5;;\n`, 'grille.csv, ligne 4 : le critère 2.1 n\'a pas de thème 2 (ligne de thème absente).', { row: 4, column: 'identifiant' }],
    ['a thème whose points disagree', `${HEADER}1;T;20;;\n1.1;C;5;;\n1.2;D;5;;\n`, 'grille.csv, ligne 2 : le thème 1 déclare 20 points mais ses critères en totalisent 10.', { row: 2, nodeId: 'g_1' }],
    ['a total that disagrees', `${HEADER}1;T;;;\n1.1;C;5;;\nTOTAL;;1000;;\n`, 'grille.csv : le total déclaré est de 1000 points mais les critères en totalisent 5.', { field: 'total' }],
    ['a malformed identifiant', `${HEADER}1;T;;;\n1.1.a;C;5;;\n`, 'grille.csv, ligne 3, colonne « identifiant » : « 1.1.a » n\'est ni un thème (« 1 ») ni un critère (« 1.2 »).', { row: 3 }],
    ['an empty identifiant', `${HEADER}1;T;;;\n;C;5;;\n`, 'grille.csv, ligne 3, colonne « identifiant » : identifiant vide.', { row: 3 }],
    ['an empty intitulé', `${HEADER}1;T;;;\n1.1;;5;;\n`, 'grille.csv, ligne 3, colonne « intitule » : intitulé vide pour 1.1.', { row: 3, column: 'intitule' }],
    ['a thème without critère', `${HEADER}1;T;;;\n1.1;C;5;;\n2;U;;;\n`, 'grille.csv, ligne 4 : le thème 2 n\'a aucun critère.', { row: 4 }],
    ['a header without data', HEADER, 'grille.csv : le fichier ne contient aucune ligne de données.', {}],
  ])('rejects %s, naming the file, row and column', (_case, text, message, location) => {
    const e = userError(() => parseGridCsv(csv(text), 'g'));
    expect(e.code).toBe('REFERENTIAL_INVALID');
    expect(e.message).toBe(message);
    expect(e.location).toMatchObject({ file: 'grille.csv', ...location });
  });

  it('says the same in English, naming the file, row and column', () => {
    expect(userError(() => parseGridCsv(csv(`${HEADER}1;T;;;\n1.1;C;dix;;\n`), 'g')).en).toBe('grille.csv, row 3, column “points”: “dix” is not a number of points.');
    expect(userError(() => parseGridCsv(csv(`${HEADER}1;T;;;\n1.1;C;5;;\n1.1;D;5;;\n`), 'g')).en).toBe('grille.csv, row 4: identifiant 1.1 is duplicated (already used: grille.csv, row 3).');
    expect(userError(() => parseGridCsv(csv('identifiant;intitule;description\n1;T;\n'), 'g')).en).toBe(
      'grille.csv, row 1: the “points” column is missing (expected columns: identifiant;intitule;points;description;preuves_attendues).',
    );
    expect(userError(() => parseGridCsv(csv(`${HEADER}1;T;;;\n1.1;C;5;;\nTOTAL;;1000;;\n`), 'g')).en).toBe('grille.csv: the declared total is 1000 points but the criteria total 5.');
  });

  it('rejects an unreadable CSV (unclosed quote) naming the line', () => {
    const e = userError(() => parseGridCsv(csv(`${HEADER}1;T;;;\n1.1;"C;5;;\n`), 'g'));
    expect(e.message).toMatch(/^grille\.csv, ligne \d+ : CSV illisible/);
  });

  it('keeps spreadsheet row numbers when blank rows sit in the middle', () => {
    const e = userError(() => parseGridCsv(csv(`${HEADER}1;T;;;\n;;;;\n1.1;C;x;;\n`), 'g'));
    expect(e.location.row).toBe(4);
  });
});
