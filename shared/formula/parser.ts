/**
 * Parser of the personnalisation formula language (tete-referentials.md §2.6), recursive descent over the tokens
 * of `lexer.ts`:
 *
 *   statement  := 'si' expression 'alors' statement ['sinon' statement] | expression
 *   expression := and ('ou' and)*
 *   and        := comparison ('et' comparison)*
 *   comparison := sum [('=' | '<' | '>' | '<=' | '>=') sum]      (one comparison per operand pair)
 *   sum        := product (('+' | '-') product)*
 *   product    := unary (('*' | '/') unary)*
 *   unary      := '-' unary | primary
 *   primary    := number | VRAI | OUI | FAUX | NON | identifier | call | '(' statement ')'
 *   call       := min(e, e) | max(e, e) | identite(champ, valeur) | reponse(q [, valeur]) | score(node)
 *                 | val(ind) | opt_val(ind) | limite(ind) | cible(ind)      (ind: raw text, `-` allowed)
 *
 * `sinon` binds to the nearest `si`, so `sinon si …` chains are nested ifs. Function names and `identite` fields
 * are case- and accent-insensitive; an identifier is a call only when `(` follows it.
 */
import type { ChampIdentite, Formula, Litteral, Operateur } from './ast';
import type { Bilingual } from '../errors';
import { FormulaError, type FormulaOrigin } from './errors';
import { tokenize, type Keyword, type Token } from './lexer';

/** Population tags of §2.5 (cumulative). */
export const POPULATION_TAGS = [
  'moins_de_3000',
  'moins_de_5000',
  'moins_de_10000',
  'moins_de_20000',
  'moins_de_50000',
  'moins_de_100000',
  'plus_de_3000',
  'plus_de_20000',
  'plus_de_50000',
  'plus_de_100000',
  'plus_de_300000',
  'plus_de_800000',
] as const;

const NON_ASCII = /[\u0080-\uffff]/;

/** Canonical values `identite(champ, …)` accepts, by folded (lower-case, unaccented) spelling. */
const IDENTITE_VALEURS: Record<Exclude<ChampIdentite, 'dans_aire_urbaine'>, ReadonlyMap<string, string>> = {
  type: canonical(['commune', 'EPCI', 'syndicat']),
  soustype: canonical(['epci_a_fiscalite_propre', 'syndicat', 'pole']),
  population: canonical(POPULATION_TAGS),
  localisation: canonical(['DOM', 'Metropole']),
};
const CHAMPS: readonly ChampIdentite[] = ['type', 'soustype', 'population', 'localisation', 'dans_aire_urbaine'];
const FONCTIONS = ['min', 'max', 'identite', 'reponse', 'score', 'val', 'opt_val', 'limite', 'cible'] as const;
const INDICATEUR_FONCTIONS: ReadonlySet<string> = new Set(['val', 'opt_val', 'limite', 'cible']);
/** An indicator id, hyphens allowed (`cae_49.f-hab`). */
const INDICATEUR_ID = /^[\p{L}_][\p{L}\p{N}_.-]*$/u;
type Fonction = (typeof FONCTIONS)[number];
/** Fewest and most arguments of each function. */
const ARITY: Record<Fonction, [number, number]> = { min: [2, 2], max: [2, 2], identite: [2, 2], reponse: [1, 2], score: [1, 1], val: [1, 1], opt_val: [1, 1], limite: [1, 1], cible: [1, 1] };

function canonical(values: readonly string[]): ReadonlyMap<string, string> {
  return new Map(values.map((v) => [fold(v), v]));
}

/** Lower-case without accents: `Identité` → `identite`. */
function fold(s: string): string {
  return NON_ASCII.test(s) ? s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase() : s.toLowerCase();
}

/**
 * Parses one formula into its syntax tree.
 * @param origin names the formula in messages (node and rule, or question).
 * @throws FormulaError (code REFERENTIAL_INVALID) naming the column (and line when the formula has several) for an
 *   empty formula, an unknown character, a malformed number, a missing « alors », « ) » or « , », a misplaced
 *   keyword, a second comparison without parentheses, an unknown function, a wrong number of arguments, an
 *   unknown `identite` field or value, a non-literal argument where an identifier or value is required, and text
 *   left after a complete formula.
 */
export function parseFormula(formule: string, origin: FormulaOrigin = {}): Formula {
  return new Parser(formule, origin).parseAll();
}

class Parser {
  private readonly tokens: Token[];
  private pos = 0;

  constructor(
    private readonly formule: string,
    private readonly origin: FormulaOrigin,
  ) {
    this.tokens = tokenize(formule, origin);
  }

  parseAll(): Formula {
    if (this.peek().kind === 'fin') throw this.error(this.peek(), { fr: 'formule vide', en: 'empty formula' });
    const f = this.statement();
    const t = this.peek();
    if (t.kind !== 'fin') throw this.error(t, t.kind === 'mot' && t.keyword === 'sinon' ? { fr: '« sinon » sans « si … alors »', en: '“sinon” without “si … alors”' } : { fr: 'fin de formule attendue', en: 'end of formula expected' });
    return f;
  }

  private peek(): Token {
    return this.tokens[this.pos]!;
  }

  private next(): Token {
    const t = this.tokens[this.pos]!;
    if (t.kind !== 'fin') this.pos++;
    return t;
  }

  private isKeyword(t: Token, k: Keyword): boolean {
    return t.kind === 'mot' && t.keyword === k;
  }

  private isSymbol(t: Token, s: string): boolean {
    return t.kind === 'symbole' && t.text === s;
  }

  private error(t: Token, detail: Bilingual): FormulaError {
    return new FormulaError(this.formule, t.offset, detail, this.origin);
  }

  private expectKeyword(k: Keyword): void {
    const t = this.next();
    if (!this.isKeyword(t, k)) throw this.error(t, { fr: `« ${k} » attendu`, en: `“${k}” expected` });
  }

  private expectSymbol(s: string): void {
    const t = this.peek();
    if (!this.isSymbol(t, s)) throw this.error(t, { fr: `« ${s} » attendu`, en: `“${s}” expected` });
    this.next();
  }

  private statement(): Formula {
    const t = this.peek();
    if (!this.isKeyword(t, 'si')) return this.expression();
    this.next();
    const condition = this.expression();
    this.expectKeyword('alors');
    const alors = this.statement();
    let sinon: Formula | null = null;
    if (this.isKeyword(this.peek(), 'sinon')) {
      this.next();
      sinon = this.statement();
    }
    return { kind: 'si', offset: t.offset, condition, alors, sinon };
  }

  private expression(): Formula {
    let left = this.and();
    while (this.isKeyword(this.peek(), 'ou')) {
      const t = this.next();
      left = { kind: 'binaire', offset: t.offset, op: 'ou', left, right: this.and() };
    }
    return left;
  }

  private and(): Formula {
    let left = this.comparison();
    while (this.isKeyword(this.peek(), 'et')) {
      const t = this.next();
      left = { kind: 'binaire', offset: t.offset, op: 'et', left, right: this.comparison() };
    }
    return left;
  }

  private comparison(): Formula {
    const left = this.sum();
    const t = this.peek();
    if (!isComparison(t)) return left;
    this.next();
    const right = this.sum();
    const again = this.peek();
    if (isComparison(again)) throw this.error(again, { fr: 'une seule comparaison à la suite : mettre des parenthèses', en: 'only one comparison in a row: add parentheses' });
    return { kind: 'binaire', offset: t.offset, op: t.text as Operateur, left, right };
  }

  private sum(): Formula {
    let left = this.product();
    for (let t = this.peek(); this.isSymbol(t, '+') || this.isSymbol(t, '-'); t = this.peek()) {
      this.next();
      left = { kind: 'binaire', offset: t.offset, op: t.text as Operateur, left, right: this.product() };
    }
    return left;
  }

  private product(): Formula {
    let left = this.unary();
    for (let t = this.peek(); this.isSymbol(t, '*') || this.isSymbol(t, '/'); t = this.peek()) {
      this.next();
      left = { kind: 'binaire', offset: t.offset, op: t.text as Operateur, left, right: this.unary() };
    }
    return left;
  }

  private unary(): Formula {
    const t = this.peek();
    if (this.isSymbol(t, '-')) {
      this.next();
      return { kind: 'oppose', offset: t.offset, operand: this.unary() };
    }
    return this.primary();
  }

  private primary(): Formula {
    const t = this.next();
    switch (t.kind) {
      case 'nombre':
        return { kind: 'litteral', offset: t.offset, value: t.value };
      case 'mot':
        if (t.keyword === 'vrai' || t.keyword === 'oui') return { kind: 'litteral', offset: t.offset, value: true };
        if (t.keyword === 'faux' || t.keyword === 'non') return { kind: 'litteral', offset: t.offset, value: false };
        if (t.keyword === 'si') throw this.error(t, { fr: '« si » inattendu ici : mettre la sous-formule entre parenthèses', en: '“si” unexpected here: put the sub-formula in parentheses' });
        throw this.error(t, { fr: `expression attendue avant « ${t.text} »`, en: `expression expected before “${t.text}”` });
      case 'identifiant':
        if (this.isSymbol(this.peek(), '(')) return this.call(t);
        return { kind: 'litteral', offset: t.offset, value: t.text };
      case 'symbole':
        if (t.text === '(') {
          const inner = this.statement();
          this.expectSymbol(')');
          return inner;
        }
        throw this.error(t, { fr: `expression attendue avant « ${t.text} »`, en: `expression expected before “${t.text}”` });
      case 'fin':
        throw this.error(t, { fr: 'expression attendue en fin de formule', en: 'expression expected at the end of the formula' });
    }
  }

  /** A call: `name` is the identifier before `(`. */
  private call(name: Token): Formula {
    const fonction = fold(name.text) as Fonction;
    if (!FONCTIONS.includes(fonction)) throw this.error(name, { fr: `fonction « ${name.text} » inconnue (connues : ${FONCTIONS.join(', ')})`, en: `unknown function “${name.text}” (known: ${FONCTIONS.join(', ')})` });
    this.expectSymbol('(');
    if (INDICATEUR_FONCTIONS.has(fonction)) return this.indicateur(name, fonction as 'val' | 'opt_val' | 'limite' | 'cible');
    const args: { formula: Formula; token: Token }[] = [];
    if (!this.isSymbol(this.peek(), ')')) {
      for (;;) {
        const token = this.peek();
        args.push({ formula: this.statement(), token });
        const after = this.peek();
        if (this.isSymbol(after, ')')) break;
        if (!this.isSymbol(after, ',')) throw this.error(after, { fr: '« , » ou « ) » attendu', en: '“,” or “)” expected' });
        this.next();
      }
    }
    this.expectSymbol(')');
    const [lo, hi] = ARITY[fonction];
    if (args.length < lo || args.length > hi) {
      const expected = lo === hi ? `${lo}` : `${lo} ou ${hi}`;
      const expectedEn = lo === hi ? `${lo}` : `${lo} or ${hi}`;
      throw this.error(name, {
        fr: `« ${fonction} » attend ${expected} argument${hi > 1 ? 's' : ''}, ${args.length} donné${args.length > 1 ? 's' : ''}`,
        en: `“${fonction}” takes ${expectedEn} argument${hi > 1 ? 's' : ''}, ${args.length} given`,
      });
    }
    const offset = name.offset;
    switch (fonction) {
      case 'min':
      case 'max':
        return { kind: 'minmax', offset, fonction, args: [args[0]!.formula, args[1]!.formula] };
      case 'identite':
        return this.identite(offset, args[0]!, args[1]!);
      case 'reponse':
        return { kind: 'reponse', offset, question: this.identifier(args[0]!, { fr: 'identifiant de question attendu', en: 'question identifier expected' }), valeur: args[1] ? this.literal(args[1]) : null };
      case 'score':
        return { kind: 'score', offset, nodeId: this.identifier(args[0]!, { fr: 'identifiant de nœud attendu', en: 'node identifier expected' }) };
      default:
        throw this.error(name, { fr: `fonction « ${fonction} » inconnue`, en: `unknown function “${fonction}”` });
    }
  }

  /** `val(ind)` and its siblings, after `(`: the indicator id is the raw text up to `)` (ids may contain `-`). */
  private indicateur(name: Token, fonction: 'val' | 'opt_val' | 'limite' | 'cible'): Formula {
    const first = this.peek();
    while (!this.isSymbol(this.peek(), ')') && this.peek().kind !== 'fin') this.next();
    const close = this.peek();
    const indicateur = this.formule.slice(first.offset, close.offset).trim();
    if (!INDICATEUR_ID.test(indicateur)) throw this.error(first, { fr: "identifiant d'indicateur attendu", en: 'indicator identifier expected' });
    this.expectSymbol(')');
    return { kind: 'indicateur', offset: name.offset, fonction, indicateur };
  }

  private identite(offset: number, champArg: { formula: Formula; token: Token }, valeurArg: { formula: Formula; token: Token }): Formula {
    const champText = this.identifier(champArg, { fr: "champ d'identité attendu", en: 'identity field expected' });
    const champ = fold(champText) as ChampIdentite;
    if (!CHAMPS.includes(champ)) throw this.error(champArg.token, { fr: `champ d'identité « ${champText} » inconnu (attendu : ${CHAMPS.join(', ')})`, en: `unknown identity field “${champText}” (expected: ${CHAMPS.join(', ')})` });
    const v = valeurArg.formula;
    if (champ === 'dans_aire_urbaine') {
      if (v.kind !== 'litteral' || typeof v.value !== 'boolean') throw this.error(valeurArg.token, { fr: 'OUI ou NON attendu pour dans_aire_urbaine', en: 'OUI or NON expected for dans_aire_urbaine' });
      return { kind: 'identite', offset, champ, valeur: v.value };
    }
    const text = this.identifier(valeurArg, { fr: `valeur de ${champ} attendue`, en: `value of ${champ} expected` });
    const valeur = IDENTITE_VALEURS[champ].get(fold(text));
    if (valeur === undefined) {
      throw this.error(valeurArg.token, {
        fr: `valeur « ${text} » inconnue pour ${champ} (attendu : ${[...IDENTITE_VALEURS[champ].values()].join(', ')})`,
        en: `unknown value “${text}” for ${champ} (expected: ${[...IDENTITE_VALEURS[champ].values()].join(', ')})`,
      });
    }
    // Legacy form still in the data: `identite(type, syndicat)` tests the soustype (§2.6).
    if (champ === 'type' && valeur === 'syndicat') return { kind: 'identite', offset, champ: 'soustype', valeur };
    return { kind: 'identite', offset, champ, valeur };
  }

  /** The text of an argument that must be a bare identifier; else `message` at the argument. */
  private identifier(arg: { formula: Formula; token: Token }, message: Bilingual): string {
    const f = arg.formula;
    if (f.kind === 'litteral' && typeof f.value === 'string') return f.value;
    throw this.error(arg.token, message);
  }

  /** The value of an argument that must be a literal (identifier, VRAI/OUI/FAUX/NON, number). */
  private literal(arg: { formula: Formula; token: Token }): Litteral {
    const f = arg.formula;
    if (f.kind === 'litteral') return f.value;
    throw this.error(arg.token, { fr: 'une valeur attendue (identifiant, OUI, NON ou nombre)', en: 'a value expected (identifier, OUI, NON or number)' });
  }
}

function isComparison(t: Token): boolean {
  return t.kind === 'symbole' && (t.text === '=' || t.text === '<' || t.text === '>' || t.text === '<=' || t.text === '>=');
}
