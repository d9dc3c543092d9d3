/**
 * Every bad input of the TETE importer gives a UserError('REFERENTIAL_INVALID') whose French message names the
 * file, the row (as a spreadsheet shows it, header = 1) and the column or cell at fault (STYLE.md).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTeteCsv } from '../../../electron/core/referential/tete-csv';
import { isUserError, type UserError } from '../../../shared/errors';
import { reglesOf } from '../../../shared/formula';

const FIXTURES = join(import.meta.dirname, '../../fixtures/tete');
const HEADER = 'identifiant,nom,description,points,pourcentage,categorie';
const STRUCT = 'referentiel-cae-structure.csv';

function errorOf(fn: () => unknown): UserError {
  try {
    fn();
  } catch (e) {
    if (isUserError(e)) return e;
    throw e;
  }
  throw new Error('aucune erreur levée');
}
const structureError = (text: string, name = STRUCT, extra: { id?: string } = {}) => errorOf(() => parseTeteCsv({ structure: { name, text }, ...extra }));
const lines = (...rows: string[]) => rows.join('\n');

describe('parseTeteCsv — structure errors', () => {
  it('empty file', () => {
    const e = structureError('');
    expect(e.code).toBe('REFERENTIAL_INVALID');
    expect(e.message).toBe(`Le fichier « ${STRUCT} » est vide : il n'a pas de ligne d'en-tête.`);
    expect(e.en).toBe(`The file “${STRUCT}” is empty: it has no header row.`);
  });

  it('header without any data row (blank lines only)', () => {
    const e = structureError(lines(HEADER, '', ',,,,,'));
    expect(e.message).toBe(`Le fichier « ${STRUCT} » est vide : aucune ligne de données sous l'en-tête.`);
    expect(e.location).toEqual({ file: STRUCT, row: 2 });
  });

  it('missing required column, named', () => {
    const e = structureError(lines('identifiant,nom,points,categorie', '1,A,5,'));
    expect(e.message).toBe(`Le fichier « ${STRUCT} » n'a pas de colonne « pourcentage » (obligatoire) dans sa ligne d'en-tête.`);
    expect(e.en).toBe(`The file “${STRUCT}” has no “pourcentage” column (required) in its header row.`);
    expect(e.location).toMatchObject({ row: 1, column: 'pourcentage' });
    expect(structureError(lines('Identifiant,Nom', '1,A'), 'referentiel-te-structure.csv').message).toContain('« points »');
  });

  it('percentages of siblings not summing to 100: names the parent, its row and the sum', () => {
    const e = structureError(lines(HEADER, '1,Axe,,,,', '1.1,Mesure,,10,,', '1.1.1,A,,,"42,5",', '1.1.2,B,,,50,'));
    expect(e.message).toBe(`Fichier « ${STRUCT} » : les pourcentages des enfants de « 1.1 » (ligne 3) totalisent 92,5 % au lieu de 100 % (colonne « pourcentage »).`);
    expect(e.en).toBe(`File “${STRUCT}”: the percentages of the children of “1.1” (row 3) total 92.5% instead of 100% (column “pourcentage”).`);
    expect(e.location).toMatchObject({ row: 3, nodeId: 'cae_1.1', column: 'pourcentage' });
  });

  it('duplicate identifiant: both rows', () => {
    const e = structureError(lines(HEADER, '1,A,,5,,', '1.1,B,,,,', '1.1,C,,,,'));
    expect(e.message).toBe(`Fichier « ${STRUCT} », ligne 4, cellule A4 (colonne « identifiant ») : l'identifiant « 1.1 » apparaît deux fois (lignes 3 et 4).`);
    expect(e.en).toBe(`File “${STRUCT}”, row 4, cell A4 (column “identifiant”): the identifiant “1.1” appears twice (rows 3 and 4).`);
    expect(e.location).toMatchObject({ row: 4, cell: 'A4' });
  });

  it('orphan: parent absent', () => {
    const e = structureError(lines(HEADER, '1,A,,5,,', '1.2.1,B,,,,'));
    expect(e.message).toBe(`Fichier « ${STRUCT} », ligne 3, cellule A3 (colonne « identifiant ») : le parent « 1.2 » de « 1.2.1 » est absent du fichier.`);
  });

  it.each([
    ['1..2', 'mal formé'],
    ['a.1', 'mal formé'],
    ['1.2 bis', 'mal formé'],
    ['1.A', 'mal formé'],
  ])('malformed identifiant %s', (identifiant, what) => {
    const e = structureError(lines(HEADER, '1,A,,5,,', `${identifiant},B,,,,`));
    expect(e.message).toBe(
      `Fichier « ${STRUCT} », ligne 3, cellule A3 (colonne « identifiant ») : l'identifiant « ${identifiant} » est ${what} (attendu : chiffres séparés par des points, par exemple 1.2.3).`,
    );
  });

  it('empty identifiant', () => {
    expect(structureError(lines(HEADER, '1,A,,5,,', ',B,,,,')).message).toBe(`Fichier « ${STRUCT} », ligne 3, cellule A3 (colonne « identifiant ») : l'identifiant est vide.`);
  });

  it('identifiant deeper than the hierarchie', () => {
    const e = structureError(lines(HEADER, '1,A,,,,', '1.1,B,,,,', '1.1.1,C,,6,,', '1.1.1.1,D,,,,', '1.1.1.1.1,E,,,,', '1.1.1.1.1.1,F,,,,'));
    expect(e.message).toContain('ligne 7, cellule A7');
    expect(e.message).toContain("l'identifiant « 1.1.1.1.1.1 » a 6 niveaux, plus que les 5 de la hiérarchie (axe › sous-axe › action › sous-action › tache)");
  });

  it.each([
    ['points', '1,A,,douze,,', 'D2', 'douze'],
    ['pourcentage', '1,A,,,30%,', 'E2', '30%'],
    ['points', '1,A,,-3,,', 'D2', '-3'],
  ])('non-numeric %s cell', (column, row, cell, text) => {
    const e = structureError(lines(HEADER, row));
    expect(e.message).toBe(`Fichier « ${STRUCT} », ligne 2, cellule ${cell} (colonne « ${column} ») : « ${text} » n'est pas un nombre positif (exemples acceptés : 12, 0,5).`);
    expect(e.en).toBe(`File “${STRUCT}”, row 2, cell ${cell} (column “${column}”): “${text}” is not a positive number (accepted examples: 12, 0.5, 0,5).`);
    expect(e.location).toEqual({ file: STRUCT, row: 2, cell, column });
  });

  it('row numbers count records, not text lines (multi-line quoted cells)', () => {
    const e = structureError(lines(HEADER, '1,A,"ligne 1', 'ligne 2', 'ligne 3",5,,', '1.1,B,,x,,'));
    expect(e.location).toMatchObject({ row: 3, cell: 'D3' });
  });

  it('broken quoting', () => {
    const e = structureError(lines(HEADER, '1,A,"jamais fermé,5,,'));
    expect(e.code).toBe('REFERENTIAL_INVALID');
    expect(e.message).toMatch(new RegExp(`^Le fichier « ${STRUCT} » n'est pas un CSV lisible`));
  });

  it('TE sous-action without points', () => {
    const e = structureError(lines('Identifiant,Nom,Points', '1,A,', '1.1,B,', '1.1.1,C,', '1.1.1.1,D,'), 'referentiel-te-structure.csv');
    expect(e.message).toBe(
      'Fichier « referentiel-te-structure.csv », ligne 5, cellule C5 (colonne « points ») : la sous-action « 1.1.1.1 » n\'a pas de points (obligatoires pour le référentiel TE).',
    );
  });

  it('file name without a referential id, and an invalid explicit id', () => {
    expect(structureError(lines(HEADER, '1,A,,5,,'), 'structure.csv').message).toBe(
      "Impossible de savoir quel référentiel contient le fichier « structure.csv » : son nom ne contient ni « cae », ni « eci », ni « te » ; indiquez-le dans le champ « Identifiant » du formulaire d'import.",
    );
    expect(structureError(lines(HEADER, '1,A,,5,,'), 'x.csv', { id: 'Mon Réf' }).message).toContain('« Mon Réf » invalide');
  });
});

describe('parseTeteCsv — preuves errors (tests/fixtures/tete)', () => {
  const structure = { name: STRUCT, text: lines(HEADER, '1,A,,,,', '1.1,B,,,,', '1.1.1,C,,4,,', '1.1.1.1,D,,,,', '1.1.1.2,E,,,,') };
  const preuvesError = (fixture: string) => errorOf(() => parseTeteCsv({ structure, preuves: { name: fixture, text: readFileSync(join(FIXTURES, fixture), 'utf8') } }));

  it('reads a good file', () => {
    const r = parseTeteCsv({ structure, preuves: { name: 'ok.csv', text: 'id,nom,actions,description\nd1,Délibération,"cae_1.1.1.1, cae_1.1.1.2",\n' } });
    expect(r.preuvesAttendues).toEqual([{ id: 'd1', nom: 'Délibération', description: null, nodeIds: ['cae_1.1.1.1', 'cae_1.1.1.2'] }]);
  });

  it('unknown node id in actions: row and cell', () => {
    const e = preuvesError('preuves-action-inconnue.csv');
    expect(e.message).toBe(
      'Fichier « preuves-action-inconnue.csv », ligne 3, cellule C3 (colonne « actions ») : la preuve « rapport » vise « cae_9.9.9.9 », qui n\'existe pas dans le référentiel.',
    );
    expect(e.location).toMatchObject({ row: 3, cell: 'C3', nodeId: 'cae_9.9.9.9' });
  });

  it('duplicate preuve id: both rows', () => {
    const e = preuvesError('preuves-doublon.csv');
    expect(e.message).toBe('Fichier « preuves-doublon.csv » : la preuve « deliberation » est définie deux fois (lignes 2 et 4, colonne « id »).');
    expect(e.en).toBe('File “preuves-doublon.csv”: the evidence “deliberation” is defined twice (rows 2 and 4, column “id”).');
  });

  it('missing actions column', () => {
    expect(preuvesError('preuves-sans-actions.csv').message).toBe(
      "Le fichier « preuves-sans-actions.csv » n'a pas de colonne « actions » (obligatoire) dans sa ligne d'en-tête.",
    );
  });

  it('empty nom', () => {
    expect(preuvesError('preuves-nom-vide.csv').message).toBe('Fichier « preuves-nom-vide.csv », ligne 2, cellule B2 : la colonne « nom » est vide.');
  });
});

describe('parseTeteCsv — personnalisation formulas checked at import (tete-referentials.md §1.5, §2.6)', () => {
  const RULES_HEADER = 'identifiant,nom,points,pourcentage,desactivation,reduction,score';
  const quoted = (formula: string) => (formula === '' ? '' : `"${formula}"`);
  /** A small CAE-like tree whose sous-action 1.1.1 (row 4) carries the given rules. */
  const withRules = (desactivation: string, reduction: string, score: string) =>
    lines(RULES_HEADER, '1,Axe,,,,,', '1.1,Mesure,10,,,,', `1.1.1,A,,50,${quoted(desactivation)},${quoted(reduction)},${quoted(score)}`, '1.1.2,B,,50,,,');
  const formulaError = (desactivation: string, reduction: string, score: string) => structureError(withRules(desactivation, reduction, score));

  it('valid rules import, parsed once and kept on the referential', () => {
    const r = parseTeteCsv({ structure: { name: STRUCT, text: withRules('identite(type, EPCI)', 'si reponse(AOM_1, OUI) alors 0.5', 'min(score(cae_1.1), score(cae_1.1.1))') } });
    expect(reglesOf(r).list.map((x) => [x.nodeId, x.type])).toEqual([
      ['cae_1.1.1', 'desactivation'],
      ['cae_1.1.1', 'reduction'],
      ['cae_1.1.1', 'score'],
    ]);
  });

  it('réduction without « alors »: row, cell, node, rule type and column in the formula', () => {
    const e = formulaError('', 'si identite(type, EPCI) 0.5', '');
    expect(e.message).toBe(`Fichier « ${STRUCT} », ligne 4, cellule F4 (colonne « reduction ») : formule de cae_1.1.1 (réduction), colonne 25 : « alors » attendu.`);
    expect(e.location).toEqual({ file: STRUCT, row: 4, cell: 'F4', column: 'reduction', nodeId: 'cae_1.1.1', field: 'regle.reduction' });
  });

  it('désactivation calling an unknown function', () => {
    expect(formulaError('identit(type, EPCI)', '', '').message).toBe(
      `Fichier « ${STRUCT} », ligne 4, cellule E4 (colonne « desactivation ») : formule de cae_1.1.1 (désactivation), colonne 1 : fonction « identit » inconnue (connues : min, max, identite, reponse, score, val, opt_val, limite, cible).`,
    );
  });

  it('score rule reading an unknown node', () => {
    const e = formulaError('', '', 'min(score(cae_9.9), score(cae_1.1))');
    expect(e.message).toBe(`Fichier « ${STRUCT} », ligne 4, cellule G4 (colonne « score ») : formule de cae_1.1.1 (score), colonne 5 : nœud « cae_9.9 » inconnu dans ce référentiel.`);
    expect(e.location).toMatchObject({ cell: 'G4', field: 'regle.score' });
  });

  it('score(…) outside a score rule', () => {
    expect(formulaError('score(cae_1.1) > 0', '', '').message).toBe(
      `Fichier « ${STRUCT} », ligne 4, cellule E4 (colonne « desactivation ») : formule de cae_1.1.1 (désactivation), colonne 1 : « score » n'est permis que dans une règle de score.`,
    );
  });

  it('a formula on two lines of its cell: line and column in the formula', () => {
    expect(formulaError('', 'si identite(type, EPCI)\nalors 0.5 sinon', '').message).toBe(
      `Fichier « ${STRUCT} », ligne 4, cellule F4 (colonne « reduction ») : formule de cae_1.1.1 (réduction), ligne 2, colonne 16 : expression attendue en fin de formule.`,
    );
  });
});
