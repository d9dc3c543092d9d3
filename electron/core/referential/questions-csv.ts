/**
 * Importer of the personnalisation questions of the TETE platform (tete-referentials.md §1.5 "CSVs for
 * personnalisation questions", §2.5): `import-personnalisation-questions.csv`, `-choices.csv`, `-thematiques.csv`
 * (and `-competences.csv`, read for the competence names only). Files are recognised by their header, whatever
 * their names. Every error names the file, the row and the cell.
 */
import { isUserError, UserError, type Bilingual } from '../../../shared/errors';
import { parseFormula, questionsOf } from '../../../shared/formula';
import type { Question, QuestionType, Thematique } from '../../../shared/personnalisation';
import { cellText, columnLetter, locateColumns, readCsvTable, type CsvRow, type CsvTable } from './csv';
import { csvHeader } from './index';
import type { SourceFile } from './source';

/** What the four CSVs hold: the questions (with their options) and the thématiques, in the files' order. */
export interface QuestionsImport {
  questions: Question[];
  thematiques: Thematique[];
}

type QuestionsFileKind = 'questions' | 'choix' | 'thematiques' | 'competences';

/**
 * Recognises one of the four question CSVs by its header, or null for any other file:
 * `id, competenceCode, formulation, …, type, thematiqueId` → questions; `id, questionId, …` → choix;
 * exactly `id, nom` → thématiques; `competenceCode, intitule` → compétences.
 */
export function questionsFileKind(file: SourceFile): QuestionsFileKind | null {
  const header = csvHeader(file.text);
  if (header.includes('id') && header.includes('formulation') && header.includes('type') && header.includes('thematiqueid')) return 'questions';
  if (header.includes('id') && header.includes('questionid') && header.includes('formulation')) return 'choix';
  if (header.length === 2 && header[0] === 'id' && header[1] === 'nom') return 'thematiques';
  if (header.includes('competencecode') && header.includes('intitule')) return 'competences';
  return null;
}

const TYPES: readonly QuestionType[] = ['binaire', 'choix', 'proportion'];
/** Invisible characters seen at the end of real cells (`Aménager son territoire\u200b`). */
const clean = (s: string): string => s.replace(/\u200b|\u200c|\u200d|\ufeff/g, '').trim();
const ID = /^[A-Za-z][A-Za-z0-9_]*$/;

function fail(table: CsvTable, row: CsvRow, col: number, column: string, reason: Bilingual): never {
  const cell = `${columnLetter(col)}${row.row}`;
  throw new UserError(
    'REFERENTIAL_INVALID',
    {
      fr: `Fichier « ${table.file} », ligne ${row.row}, cellule ${cell} (colonne « ${column} ») : ${reason.fr}.`,
      en: `File “${table.file}”, row ${row.row}, cell ${cell} (column “${column}”): ${reason.en}.`,
    },
    { file: table.file, row: row.row, cell, column },
  );
}

function ordre(table: CsvTable, row: CsvRow, col: number): number | null {
  const text = cellText(row, col);
  if (text === '') return null;
  if (!/^\d+$/.test(text)) fail(table, row, col, 'ordonnancement', { fr: `« ${text} » n'est pas un nombre entier`, en: `“${text}” is not a whole number` });
  return Number(text);
}

function checkId(table: CsvTable, row: CsvRow, col: number, column: string, seen: Set<string>): string {
  const id = clean(cellText(row, col));
  if (id === '') fail(table, row, col, column, { fr: 'identifiant vide', en: 'empty id' });
  if (!ID.test(id)) fail(table, row, col, column, { fr: `identifiant « ${id} » invalide (lettres, chiffres et _ seulement)`, en: `invalid id “${id}” (letters, digits and _ only)` });
  if (seen.has(id)) fail(table, row, col, column, { fr: `identifiant « ${id} » en double`, en: `duplicate id “${id}”` });
  seen.add(id);
  return id;
}

/**
 * Reads the question CSVs (any order; the questions file is required, the others optional).
 * Checks: known type (binaire, choix, proportion); unique ids; a known thématique when the thématiques file is
 * given; `typesCollectivitesConcernees` among commune / epci; a visibility formula that parses (§2.6); every
 * option attached to a known `choix` question; every `choix` question with at least two options.
 * @throws UserError REFERENTIAL_INVALID naming the file, row and cell; FORMAT_UNKNOWN for a file that is none of
 *   the four, or when no questions file is given.
 */
export function parseQuestionsCsv(files: readonly SourceFile[]): QuestionsImport {
  const byKind = new Map<QuestionsFileKind, SourceFile>();
  for (const file of files) {
    const kind = questionsFileKind(file);
    if (kind === null) {
      throw new UserError(
        'FORMAT_UNKNOWN',
        {
          fr: `Le fichier « ${file.name} » n'est pas un fichier de questions de personnalisation (en-têtes attendus : id, formulation, type, thematiqueId ; ou id, questionId, formulation ; ou id, nom).`,
          en: `The file “${file.name}” is not a customisation questions file (expected headers: id, formulation, type, thematiqueId; or id, questionId, formulation; or id, nom).`,
        },
        { file: file.name },
      );
    }
    const twin = byKind.get(kind);
    if (twin) {
      throw new UserError(
        'INPUT_INVALID',
        { fr: `Deux fichiers de ${kind} donnés : « ${twin.name} » et « ${file.name} ».`, en: `Two ${kind} files given: “${twin.name}” and “${file.name}”.` },
        { file: file.name },
      );
    }
    byKind.set(kind, file);
  }
  const questionsFile = byKind.get('questions');
  if (!questionsFile) {
    throw new UserError(
      'FORMAT_UNKNOWN',
      { fr: 'Le fichier des questions (colonnes id, formulation, type, thematiqueId) manque.', en: 'The questions file (columns id, formulation, type, thematiqueId) is missing.' },
      {},
    );
  }

  const thematiques: Thematique[] = [];
  const thematiqueFile = byKind.get('thematiques');
  if (thematiqueFile) {
    const table = readCsvTable(thematiqueFile);
    const col = locateColumns(table, { id: 'id', nom: 'nom' }, ['id', 'nom']);
    const seen = new Set<string>();
    for (const row of table.rows) {
      const id = checkId(table, row, col.id, 'id', seen);
      const nom = clean(cellText(row, col.nom));
      if (nom === '') fail(table, row, col.nom, 'nom', { fr: 'nom vide', en: 'empty name' });
      thematiques.push({ id, nom });
    }
  }
  const thematiqueIds = new Set(thematiques.map((t) => t.id));

  const table = readCsvTable(questionsFile);
  const col = locateColumns(
    table,
    {
      id: 'id',
      competenceCode: 'competenceCode',
      formulation: 'formulation',
      consignes: 'consignesJustification',
      type: 'type',
      thematiqueId: 'thematiqueId',
      ordonnancement: 'ordonnancement',
      exprVisible: 'exprVisible',
      types: 'typesCollectivitesConcernees',
      description: 'description',
    },
    ['id', 'formulation', 'type', 'thematiqueId'],
  );
  const seen = new Set<string>();
  const questions: Question[] = [];
  for (const row of table.rows) {
    const id = checkId(table, row, col.id, 'id', seen);
    const type = cellText(row, col.type) as QuestionType;
    if (!TYPES.includes(type)) fail(table, row, col.type, 'type', { fr: `type « ${type} » inconnu (binaire, choix ou proportion)`, en: `unknown type “${type}” (binaire, choix or proportion)` });
    const formulation = clean(cellText(row, col.formulation));
    if (formulation === '') fail(table, row, col.formulation, 'formulation', { fr: 'question sans formulation', en: 'question without a wording' });
    const thematiqueId = clean(cellText(row, col.thematiqueId));
    if (thematiqueId === '') fail(table, row, col.thematiqueId, 'thematiqueId', { fr: 'thématique vide', en: 'empty topic' });
    if (thematiqueFile && !thematiqueIds.has(thematiqueId)) {
      fail(table, row, col.thematiqueId, 'thematiqueId', {
        fr: `thématique « ${thematiqueId} » absente de « ${thematiqueFile.name} »`,
        en: `topic “${thematiqueId}” is not in “${thematiqueFile.name}”`,
      });
    }
    const exprVisible = cellText(row, col.exprVisible) || null;
    if (exprVisible !== null) {
      try {
        parseFormula(exprVisible);
      } catch (e) {
        // A FormulaError carries its English sentence when it has one (else its French one).
        const why = { fr: (e as Error).message, en: isUserError(e) ? e.messageIn('en') : (e as Error).message };
        fail(table, row, col.exprVisible, 'exprVisible', { fr: `condition d'affichage invalide : ${why.fr}`, en: `invalid display condition: ${why.en}` });
      }
    }
    const typesText = cellText(row, col.types);
    const typesConcernes: ('commune' | 'EPCI')[] = [];
    for (const t of typesText.split(/[,;|]/).map((s) => s.trim().toLowerCase()).filter((s) => s !== '')) {
      if (t === 'commune') typesConcernes.push('commune');
      else if (t === 'epci') typesConcernes.push('EPCI');
      else fail(table, row, col.types, 'typesCollectivitesConcernees', { fr: `type de collectivité « ${t} » inconnu (commune ou epci)`, en: `unknown type of local authority “${t}” (commune or epci)` });
    }
    questions.push({
      id,
      type,
      formulation,
      description: cellText(row, col.description) || null,
      consignesJustification: cellText(row, col.consignes) || null,
      thematiqueId,
      ordonnancement: ordre(table, row, col.ordonnancement),
      exprVisible,
      typesConcernes,
      competenceCode: cellText(row, col.competenceCode) || null,
      choix: [],
    });
  }

  const byId = new Map(questions.map((q) => [q.id, q]));
  // A visibility condition must read questions of the same pool (§2.5): otherwise the question is never shown.
  for (const [i, q] of questions.entries()) {
    if (q.exprVisible === null) continue;
    const unknown = questionsOf(parseFormula(q.exprVisible)).filter((id) => !byId.has(id));
    const row = table.rows[i]!;
    if (unknown.length > 0) {
      const list = unknown.join(', ');
      fail(table, row, col.exprVisible, 'exprVisible', { fr: `la condition d'affichage lit une question inconnue (${list})`, en: `the display condition reads an unknown question (${list})` });
    }
  }
  const choixFile = byKind.get('choix');
  if (choixFile) {
    const ct = readCsvTable(choixFile);
    const cc = locateColumns(ct, { id: 'id', questionId: 'questionId', ordonnancement: 'ordonnancement', formulation: 'formulation' }, ['id', 'questionId', 'formulation']);
    const seenChoix = new Set<string>();
    for (const row of ct.rows) {
      const id = checkId(ct, row, cc.id, 'id', seenChoix);
      const qid = clean(cellText(row, cc.questionId));
      const q = byId.get(qid);
      if (!q) fail(ct, row, cc.questionId, 'questionId', { fr: `question « ${qid} » absente de « ${questionsFile.name} »`, en: `question “${qid}” is not in “${questionsFile.name}”` });
      if (q.type !== 'choix') {
        fail(ct, row, cc.questionId, 'questionId', { fr: `la question « ${qid} » est de type ${q.type}, elle n'a pas d'options`, en: `question “${qid}” is of type ${q.type}: it has no options` });
      }
      const formulation = clean(cellText(row, cc.formulation));
      if (formulation === '') fail(ct, row, cc.formulation, 'formulation', { fr: 'option sans formulation', en: 'option without a wording' });
      q.choix.push({ id, formulation, ordonnancement: ordre(ct, row, cc.ordonnancement) });
    }
  }
  for (const q of questions) {
    if (q.type === 'choix' && q.choix.length < 2) {
      throw new UserError(
        'REFERENTIAL_INVALID',
        {
          fr: `La question à choix « ${q.id} » a ${q.choix.length} option(s) : il en faut au moins deux${choixFile ? ` dans « ${choixFile.name} »` : ' (fichier des options manquant)'}.`,
          en: `The choice question “${q.id}” has ${q.choix.length} option(s): it needs at least two${choixFile ? ` in “${choixFile.name}”` : ' (the options file is missing)'}.`,
        },
        { file: choixFile?.name ?? questionsFile.name, field: q.id },
      );
    }
  }
  return { questions, thematiques };
}
