/**
 * Syntax errors of the personnalisation formula language (tete-referentials.md §2.6), as user errors that name
 * the formula (node and rule, or question) and the place in it, in French and English (issue 8 item 2): « Formule de
 * cae_3.3.5 (réduction), colonne 17 : « alors » attendu » / "Formula of cae_3.3.5 (reduction), column 17: “alors”
 * expected". The language's keywords (si, alors, OUI…) stay as written in both. Pure TS.
 */
import { UserError, type Bilingual } from '../errors';

/** The three personnalisation rule types of a node (tete-referentials.md §1.3, §2.5). */
export type RegleType = 'desactivation' | 'reduction' | 'score';

/** French label of a rule type, as shown in messages: désactivation, réduction, score. */
export const REGLE_LABEL: Record<RegleType, string> = { desactivation: 'désactivation', reduction: 'réduction', score: 'score' };

/** English label of a rule type: disabling, reduction, score. */
export const REGLE_LABEL_EN: Record<RegleType, string> = { desactivation: 'disabling', reduction: 'reduction', score: 'score' };

/**
 * Where a formula comes from, for messages: a node's rule (`nodeId` + `regle`), a question's visibility formula
 * (`questionId`), or nothing (a formula typed by hand).
 */
export interface FormulaOrigin {
  nodeId?: string;
  regle?: RegleType;
  questionId?: string;
}

/**
 * A formula that does not parse or refers to something unknown. `code` is REFERENTIAL_INVALID (formulas come with
 * a referential or its questions); `offset` is the 0-based character offset in the formula, `line` and `column`
 * are 1-based. The message is « Formule de <node> (<règle>), colonne C : <what> », with « ligne L, colonne C »
 * when the formula spans several lines; its English (`en`, `messageIn('en')`) is "Formula of <node> (<rule>),
 * column C: <what>". `detail` is given in both languages (a plain string is French only: English then shows it).
 */
export class FormulaError extends UserError {
  /** Where the formula comes from (node and rule type, or question), as given to the parser. */
  readonly origin: FormulaOrigin;
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  /** What is wrong, in French (the reference); `detailEn` in English. */
  readonly detail: string;
  readonly detailEn: string;
  constructor(formule: string, offset: number, detail: string | Bilingual, origin: FormulaOrigin = {}) {
    const { line, column } = lineColumn(formule, offset);
    const d = typeof detail === 'string' ? { fr: detail, en: detail } : detail;
    const multi = formule.includes('\n');
    const where = multi ? `ligne ${line}, colonne ${column}` : `colonne ${column}`;
    const whereEn = multi ? `line ${line}, column ${column}` : `column ${column}`;
    super(
      'REFERENTIAL_INVALID',
      { fr: `${describeOrigin(origin)}, ${where} : ${d.fr}`, en: `${describeOriginEn(origin)}, ${whereEn}: ${d.en}` },
      {
        ...(origin.nodeId !== undefined ? { nodeId: origin.nodeId } : {}),
        ...(origin.regle !== undefined ? { field: `regle.${origin.regle}` } : {}),
        ...(origin.questionId !== undefined ? { field: `exprVisible`, path: origin.questionId } : {}),
      },
    );
    this.origin = origin;
    this.offset = offset;
    this.line = line;
    this.column = column;
    this.detail = d.fr;
    this.detailEn = d.en;
  }
}

/** « Formule de cae_3.3.5 (réduction) », « Formule de visibilité de la question EP_2 », or « Formule ». */
function describeOrigin(origin: FormulaOrigin): string {
  if (origin.questionId !== undefined) return `Formule de visibilité de la question ${origin.questionId}`;
  if (origin.nodeId !== undefined) return `Formule de ${origin.nodeId}${origin.regle ? ` (${REGLE_LABEL[origin.regle]})` : ''}`;
  return 'Formule';
}

/** "Formula of cae_3.3.5 (reduction)", "Visibility formula of question EP_2", or "Formula". */
function describeOriginEn(origin: FormulaOrigin): string {
  if (origin.questionId !== undefined) return `Visibility formula of question ${origin.questionId}`;
  if (origin.nodeId !== undefined) return `Formula of ${origin.nodeId}${origin.regle ? ` (${REGLE_LABEL_EN[origin.regle]})` : ''}`;
  return 'Formula';
}

/** 1-based line and column of a 0-based offset (`\r\n`, `\n` and `\r` end a line). */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}
