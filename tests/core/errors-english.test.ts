/**
 * The English sentence of errors whose files have no error test of their own to extend (issue 8 item 2, part 1):
 * questions CSV, file decoding and dispatch, situation files, exchange sheets, personnalisation answers. Each names
 * the same file, row, cell, key and value as its French twin.
 */
import { describe, expect, it } from 'vitest';
import { decodeUtf8, readSourceBytes } from '../../electron/core/referential/decode';
import { importReferentialFiles } from '../../electron/core/referential';
import { parseQuestionsCsv } from '../../electron/core/referential/questions-csv';
import { readSheetTable } from '../../electron/core/exchange/sheet';
import { parseSituation } from '../../electron/core/situation';
import { checkReponse, type Question } from '../../shared/personnalisation';
import { userError, userErrorAsync } from '../helpers/errors';
import { toyTete } from './helpers/context';

const QUESTIONS_HEADER = 'id,formulation,type,thematiqueId';

describe('questions CSV (questions-csv.ts)', () => {
  it('names the file, row, cell and column in both languages', () => {
    const e = userError(() => parseQuestionsCsv([{ name: 'questions.csv', text: `${QUESTIONS_HEADER}\nq1,Compétence ?,binaire,t1\nq2,Part ?,pourcentage,t1\n` }]));
    expect(e.message).toBe('Fichier « questions.csv », ligne 3, cellule C3 (colonne « type ») : type « pourcentage » inconnu (binaire, choix ou proportion).');
    expect(e.en).toBe('File “questions.csv”, row 3, cell C3 (column “type”): unknown type “pourcentage” (binaire, choix or proportion).');
    expect(e.location).toEqual({ file: 'questions.csv', row: 3, cell: 'C3', column: 'type' });
  });

  it('a choice question without two options', () => {
    const e = userError(() => parseQuestionsCsv([{ name: 'questions.csv', text: `${QUESTIONS_HEADER}\nq1,Mode ?,choix,t1\n` }]));
    expect(e.en).toBe('The choice question “q1” has 0 option(s): it needs at least two (the options file is missing).');
  });

  it('a file that is none of the four', () => {
    const e = userError(() => parseQuestionsCsv([{ name: 'autre.csv', text: 'a,b\n1,2\n' }]));
    expect(e.code).toBe('FORMAT_UNKNOWN');
    expect(e.en).toBe(
      'The file “autre.csv” is not a customisation questions file (expected headers: id, formulation, type, thematiqueId; or id, questionId, formulation; or id, nom).',
    );
  });
});

describe('decoding and dispatch (decode.ts, index.ts)', () => {
  it('UTF-16 and non-UTF-8 bytes name the file', () => {
    expect(userError(() => decodeUtf8('grille.csv', new Uint8Array([0xff, 0xfe, 0x41, 0x00]))).en).toBe(
      'The file grille.csv is encoded in UTF-16 (“Unicode Text”): save it as UTF-8 (“CSV UTF-8”) and try again.',
    );
    expect(userError(() => decodeUtf8('grille.csv', new Uint8Array([0x41, 0xe9, 0x42]))).en).toBe('The file grille.csv is not encoded in UTF-8: save it as UTF-8 and try again.');
    expect(userError(() => readSourceBytes('/nulle/part/grille.csv')).en).toBe('The file /nulle/part/grille.csv cannot be found.');
  });

  it('bad combinations and ids', () => {
    expect(userError(() => importReferentialFiles([])).en).toBe('No referential file given.');
    const two = [
      { name: 'a.json', text: '[{"numero":"1.1","priorite":"Prioritaire"}]' },
      { name: 'b.json', text: '[{"numero":"1.1","priorite":"Prioritaire"}]' },
    ];
    expect(userError(() => importReferentialFiles(two)).en).toBe('A referential in the rgesn-json format is imported from a single file; received: a.json, b.json.');
    expect(userError(() => importReferentialFiles([two[0]!], { id: '9lives' })).en).toBe('The referential id “9lives” is invalid: lowercase letters, digits and hyphens, starting with a letter.');
  });
});

describe('situation files (situation.ts)', () => {
  const ref = toyTete('eci');
  it('names the file and the key in both languages', () => {
    const e = userError(() => parseSituation({ name: 'cas.yaml', text: 'statuts:\n  eci_9.9: fait\n' }, ref));
    expect(e.message).toBe('Situation « cas.yaml », statuts.eci_9.9 : nœud inconnu du référentiel eci.');
    expect(e.en).toBe('Situation “cas.yaml”, statuts.eci_9.9: node unknown to the referential eci.');
    expect(userError(() => parseSituation({ name: 'cas.json', text: '{"identite": {"type": "region"}}' }, ref)).en).toBe(
      'Situation “cas.json”, identite.type: unknown “region” (commune or EPCI).',
    );
    expect(userError(() => parseSituation({ name: 'cas.json', text: '{\n"statuts": {,}\n}' }, ref)).en).toBe(
      'Situation “cas.json”: unreadable JSON at line 2 (a comma, quote or brace too many or missing).',
    );
  });
});

describe('exchange sheets (exchange/sheet.ts)', () => {
  it('a CSV without the header column and a damaged workbook name the file', async () => {
    const csv = await userErrorAsync(readSheetTable({ name: 'pilote.csv', bytes: new TextEncoder().encode('a;b\n1;2\n') }, 'identifiant'));
    expect(csv.en).toBe('The file pilote.csv has no header row with a column named “identifiant” in its first 30 rows.');
    const xlsx = await userErrorAsync(readSheetTable({ name: 'pilote.xlsx', bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]) }, 'identifiant'));
    expect(xlsx.en).toBe('The file pilote.xlsx is not a readable .xlsx workbook (corrupted or truncated archive).');
  });
});

describe('personnalisation answers (shared/personnalisation.ts)', () => {
  const question: Question = {
    id: 'dev_eco_2',
    type: 'proportion',
    formulation: 'Part ?',
    description: null,
    consignesJustification: null,
    thematiqueId: 't',
    ordonnancement: null,
    exprVisible: null,
    typesConcernes: [],
    competenceCode: null,
    choix: [],
  };
  it('names the question and the value received', () => {
    const e = userError(() => checkReponse(question, 1.5));
    expect(e.message).toBe('Réponse invalide à la question dev_eco_2 : une proportion entre 0 et 1 (0 % à 100 %) attendue (reçu 1.5).');
    expect(e.en).toBe('Invalid answer to question dev_eco_2: a proportion between 0 and 1 (0% to 100%) expected (received 1.5).');
  });
});
