/**
 * Parser and lexer of the formula language (tete-referentials.md §2.6): whole-word keywords, precedence seen in
 * the tree, and every syntax error with its exact French message (position and origin).
 */
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../shared/errors';
import { FormulaError, parseFormula, parseRegle, tokenize, type FormulaOrigin } from '../../../shared/formula';

describe('lexer', () => {
  it('matches keywords on whole words, case-insensitively', () => {
    const kinds = tokenize('Si ouverture OU sinon_x ALORS non_1 sinon NON etat et').map((t) => `${t.kind}:${t.text}`);
    expect(kinds).toEqual([
      'mot:Si',
      'identifiant:ouverture',
      'mot:OU',
      'identifiant:sinon_x',
      'mot:ALORS',
      'identifiant:non_1',
      'mot:sinon',
      'mot:NON',
      'identifiant:etat',
      'mot:et',
      'fin:',
    ]);
  });

  it('reads node ids with dots, decimals with a dot, two-character comparisons, and every kind of space', () => {
    const tokens = tokenize('score(cae_1.2.3)\u00a0>=\t0.75\r\n<= 2/12');
    expect(tokens.map((t) => t.text)).toEqual(['score', '(', 'cae_1.2.3', ')', '>=', '0.75', '<=', '2', '/', '12', '']);
    expect(tokens[5]).toMatchObject({ kind: 'nombre', value: 0.75, offset: 20 });
  });
});

describe('parser — tree shape', () => {
  it('et binds tighter than ou, comparison tighter than et, * tighter than +', () => {
    expect(parseFormula('a ou b et c')).toMatchObject({ op: 'ou', right: { op: 'et' } });
    expect(parseFormula('1 < 2 et 3 > 4')).toMatchObject({ op: 'et', left: { op: '<' }, right: { op: '>' } });
    expect(parseFormula('1 + 2 * 3 = 7')).toMatchObject({ op: '=', left: { op: '+', right: { op: '*' } } });
  });

  it('sinon binds to the nearest si: « sinon si » chains are nested ifs', () => {
    const f = parseFormula('si a alors 1 sinon si b alors 2 sinon 3');
    expect(f).toMatchObject({ kind: 'si', sinon: { kind: 'si', alors: { value: 2 }, sinon: { value: 3 } } });
    expect(parseFormula('si a alors si b alors 1 sinon 2')).toMatchObject({ kind: 'si', sinon: null, alors: { kind: 'si', sinon: { value: 2 } } });
  });

  it('checks calls at parse time: identite values canonical, legacy identite(type, syndicat) read as the soustype', () => {
    expect(parseFormula('IDENTITE(Type, epci)')).toMatchObject({ kind: 'identite', champ: 'type', valeur: 'EPCI' });
    expect(parseFormula('identite(type, syndicat)')).toMatchObject({ kind: 'identite', champ: 'soustype', valeur: 'syndicat' });
    expect(parseFormula('identite(localisation,metropole)')).toMatchObject({ champ: 'localisation', valeur: 'Metropole' });
    expect(parseFormula('identite(dans_aire_urbaine, OUI)')).toMatchObject({ champ: 'dans_aire_urbaine', valeur: true });
    expect(parseFormula('reponse\n(trafic, NON)')).toMatchObject({ kind: 'reponse', question: 'trafic', valeur: false });
    expect(parseFormula('reponse(EP_2)')).toMatchObject({ kind: 'reponse', question: 'EP_2', valeur: null });
    expect(parseFormula('val(cae_49.f-hab) - limite(cae_49.f-hab)')).toMatchObject({ op: '-', left: { kind: 'indicateur', fonction: 'val', indicateur: 'cae_49.f-hab' } });
    // A function name not followed by « ( » is a plain identifier; `limite-val` is a subtraction.
    expect(parseFormula('limite-val')).toMatchObject({ op: '-', left: { value: 'limite' }, right: { value: 'val' } });
  });
});

const CAE_335: FormulaOrigin = { nodeId: 'cae_3.3.5', regle: 'reduction' };

describe('parser — syntax errors (exact messages)', () => {
  const cases: [string, FormulaOrigin, string][] = [
    ['si score(cae_1) 2', CAE_335, 'Formule de cae_3.3.5 (réduction), colonne 17 : « alors » attendu'],
    ['', {}, 'Formule, colonne 1 : formule vide'],
    ['   ', {}, 'Formule, colonne 4 : formule vide'],
    ['si VRAI alors', {}, 'Formule, colonne 14 : expression attendue en fin de formule'],
    ['1 + * 2', {}, 'Formule, colonne 5 : expression attendue avant « * »'],
    ['(1 + 2', {}, 'Formule, colonne 7 : « ) » attendu'],
    ['1 = 1 = 1', {}, 'Formule, colonne 7 : une seule comparaison à la suite : mettre des parenthèses'],
    ['1 2', {}, 'Formule, colonne 3 : fin de formule attendue'],
    ['sinon 2', {}, 'Formule, colonne 1 : expression attendue avant « sinon »'],
    ['1 sinon 2', {}, 'Formule, colonne 3 : « sinon » sans « si … alors »'],
    ['a et si b alors c', {}, 'Formule, colonne 6 : « si » inattendu ici : mettre la sous-formule entre parenthèses'],
    ['foo(1)', {}, 'Formule, colonne 1 : fonction « foo » inconnue (connues : min, max, identite, reponse, score, val, opt_val, limite, cible)'],
    ['min(1)', {}, 'Formule, colonne 1 : « min » attend 2 arguments, 1 donné'],
    ['max(1, 2, 3)', {}, 'Formule, colonne 1 : « max » attend 2 arguments, 3 donnés'],
    ['reponse()', {}, 'Formule, colonne 1 : « reponse » attend 1 ou 2 arguments, 0 donné'],
    ['min(1 2)', {}, 'Formule, colonne 7 : « , » ou « ) » attendu'],
    ['identite(taille, grande)', {}, "Formule, colonne 10 : champ d'identité « taille » inconnu (attendu : type, soustype, population, localisation, dans_aire_urbaine)"],
    ['identite(localisation, Corse)', {}, 'Formule, colonne 24 : valeur « Corse » inconnue pour localisation (attendu : DOM, Metropole)'],
    ['identite(type, mairie)', {}, 'Formule, colonne 16 : valeur « mairie » inconnue pour type (attendu : commune, EPCI, syndicat)'],
    ['identite(dans_aire_urbaine, 1)', {}, 'Formule, colonne 29 : OUI ou NON attendu pour dans_aire_urbaine'],
    ['identite(population, 3000)', {}, 'Formule, colonne 22 : valeur de population attendue'],
    ['reponse(1, OUI)', {}, 'Formule, colonne 9 : identifiant de question attendu'],
    ['reponse(q, 1 + 1)', {}, 'Formule, colonne 12 : une valeur attendue (identifiant, OUI, NON ou nombre)'],
    ['score(0.5)', {}, 'Formule, colonne 7 : identifiant de nœud attendu'],
    ['val(1 + 2)', {}, "Formule, colonne 5 : identifiant d'indicateur attendu"],
    ['2 # 3', {}, 'Formule, colonne 3 : caractère « # » inattendu'],
    ['1. + 2', {}, 'Formule, colonne 1 : nombre mal formé « 1. » (attendu : chiffres, par exemple 0.75)'],
    ['2x', {}, 'Formule, colonne 1 : nombre mal formé « 2x »'],
    ['si VRAI alors 1\nsinon si FAUX 2', {}, 'Formule, ligne 2, colonne 15 : « alors » attendu'],
    ['si reponse(EP_1, EP_1_a) alors', { questionId: 'EP_2' }, 'Formule de visibilité de la question EP_2, colonne 31 : expression attendue en fin de formule'],
    ['min(1,', { nodeId: 'eci_2.4' }, 'Formule de eci_2.4, colonne 7 : expression attendue en fin de formule'],
  ];
  it.each(cases)('%j', (text, origin, message) => {
    expect(() => parseFormula(text, origin)).toThrow(message);
    try {
      parseFormula(text, origin);
    } catch (e) {
      expect((e as Error).message).toBe(message);
    }
  });

  // Issue 8 item 2: the same errors in English (the language's keywords stay as written).
  const english: [string, FormulaOrigin, string][] = [
    ['si score(cae_1) 2', CAE_335, 'Formula of cae_3.3.5 (reduction), column 17: “alors” expected'],
    ['', {}, 'Formula, column 1: empty formula'],
    ['1 sinon 2', {}, 'Formula, column 3: “sinon” without “si … alors”'],
    ['max(1, 2, 3)', {}, 'Formula, column 1: “max” takes 2 arguments, 3 given'],
    ['reponse()', {}, 'Formula, column 1: “reponse” takes 1 or 2 arguments, 0 given'],
    ['identite(localisation, Corse)', {}, 'Formula, column 24: unknown value “Corse” for localisation (expected: DOM, Metropole)'],
    ['2 # 3', {}, 'Formula, column 3: unexpected character “#”'],
    ['1. + 2', {}, 'Formula, column 1: malformed number “1.” (expected: digits, for example 0.75)'],
    ['si VRAI alors 1\nsinon si FAUX 2', {}, 'Formula, line 2, column 15: “alors” expected'],
    ['si reponse(EP_1, EP_1_a) alors', { questionId: 'EP_2' }, 'Visibility formula of question EP_2, column 31: expression expected at the end of the formula'],
  ];
  it.each(english)('in English: %j', (text, origin, message) => {
    let error: unknown;
    try {
      parseFormula(text, origin);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FormulaError);
    expect((error as FormulaError).messageIn('en')).toBe(message);
    expect((error as FormulaError).en).toBe(message);
  });

  it('is a UserError REFERENTIAL_INVALID with the node, rule field, line and column', () => {
    let error: unknown;
    try {
      parseFormula('si VRAI alors 1\nsinon si FAUX 2', CAE_335);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FormulaError);
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({ code: 'REFERENTIAL_INVALID', location: { nodeId: 'cae_3.3.5', field: 'regle.reduction' }, line: 2, column: 15, offset: 30 });
  });

  it('parseRegle: score(…) only in a score rule, and only on a node of the referential', () => {
    expect(() => parseRegle('cae_3.3.5', 'reduction', 'max(score(cae_1.2.3), 0.5)')).toThrow(
      "Formule de cae_3.3.5 (réduction), colonne 5 : « score » n'est permis que dans une règle de score",
    );
    expect(() => parseRegle('cae_3.3.5', 'score', 'min(score(cae_9.9), score(cae_3.3.5))', new Set(['cae_3.3.5']))).toThrow(
      'Formule de cae_3.3.5 (score), colonne 5 : nœud « cae_9.9 » inconnu dans ce référentiel',
    );
    expect(parseRegle('cae_3.3.5', 'score', 'min(score(cae_3.3.5), 1)', new Set(['cae_3.3.5']))).toMatchObject({ kind: 'minmax' });
  });
});
