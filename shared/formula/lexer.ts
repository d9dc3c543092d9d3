/**
 * Lexer of the personnalisation formula language (tete-referentials.md §2.6). Keywords are matched on whole words
 * and case-insensitively (`Si`, `OUI`), so `ouverture` or `sinon_x` stay identifiers — unlike the platform's lexer,
 * which matches them by prefix (§2.6 "Lexer pitfall").
 */
import { FormulaError, type FormulaOrigin } from './errors';

/** Reserved words, lower-cased. */
export type Keyword = 'si' | 'alors' | 'sinon' | 'et' | 'ou' | 'vrai' | 'oui' | 'faux' | 'non';

const KEYWORDS: ReadonlySet<string> = new Set<Keyword>(['si', 'alors', 'sinon', 'et', 'ou', 'vrai', 'oui', 'faux', 'non']);

/** Punctuation and operators. */
export type Ponctuation = '(' | ')' | ',' | '+' | '-' | '*' | '/' | '=' | '<' | '>' | '<=' | '>=';

/** One token; `offset` is its 0-based position in the formula. */
export type Token =
  | { kind: 'nombre'; text: string; offset: number; value: number }
  | { kind: 'identifiant'; text: string; offset: number }
  | { kind: 'mot'; text: string; offset: number; keyword: Keyword }
  | { kind: 'symbole'; text: Ponctuation; offset: number }
  | { kind: 'fin'; text: ''; offset: number };

// Identifiers: a letter or `_`, then letters, digits, `_` and `.` (node ids `cae_1.2.3`, choice ids `voirie_1_b`).
const IDENT_START = /[\p{L}_]/u;
const IDENT_PART = /[\p{L}\p{N}_.]/u;
const DIGIT = /[0-9]/;

/**
 * Splits `formule` into tokens, ending with one `fin` token. Whitespace (spaces, tabs, line breaks, non-breaking
 * spaces) separates tokens. Numbers are digits with an optional dot and digits (`0.75`, `12`).
 * @throws FormulaError for a character outside the language or a number ending with a dot (`1.`).
 */
export function tokenize(formule: string, origin: FormulaOrigin = {}): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = formule.length;
  while (i < n) {
    const ch = formule[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (DIGIT.test(ch)) {
      while (i < n && DIGIT.test(formule[i]!)) i++;
      if (formule[i] === '.') {
        i++;
        if (!DIGIT.test(formule[i] ?? '')) throw new FormulaError(
            formule,
            start,
            { fr: `nombre mal formé « ${formule.slice(start, i)} » (attendu : chiffres, par exemple 0.75)`, en: `malformed number “${formule.slice(start, i)}” (expected: digits, for example 0.75)` },
            origin,
          );
        while (i < n && DIGIT.test(formule[i]!)) i++;
      }
      if (i < n && IDENT_START.test(formule[i]!)) {
        while (i < n && IDENT_PART.test(formule[i]!)) i++;
        throw new FormulaError(formule, start, { fr: `nombre mal formé « ${formule.slice(start, i)} »`, en: `malformed number “${formule.slice(start, i)}”` }, origin);
      }
      const text = formule.slice(start, i);
      tokens.push({ kind: 'nombre', text, offset: start, value: Number(text) });
      continue;
    }
    if (IDENT_START.test(ch)) {
      while (i < n && IDENT_PART.test(formule[i]!)) i++;
      const text = formule.slice(start, i);
      const lower = text.toLowerCase();
      if (KEYWORDS.has(lower)) tokens.push({ kind: 'mot', text, offset: start, keyword: lower as Keyword });
      else tokens.push({ kind: 'identifiant', text, offset: start });
      continue;
    }
    if ((ch === '<' || ch === '>') && formule[i + 1] === '=') {
      tokens.push({ kind: 'symbole', text: ch === '<' ? '<=' : '>=', offset: start });
      i += 2;
      continue;
    }
    if ('(),+-*/=<>'.includes(ch)) {
      tokens.push({ kind: 'symbole', text: ch as Ponctuation, offset: start });
      i++;
      continue;
    }
    throw new FormulaError(formule, start, { fr: `caractère « ${ch} » inattendu`, en: `unexpected character “${ch}”` }, origin);
  }
  tokens.push({ kind: 'fin', text: '', offset: n });
  return tokens;
}
