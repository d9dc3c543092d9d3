/**
 * Every UserError of the importers, backups, storage, pack, sharing, shared rules and access checks is built with
 * both sentences (issue 8 item 2, « every message, error and export in the chosen language », part 1).
 *
 * The source of each file is read with the TypeScript compiler and its type checker, so that an error built
 * through a helper (`fail(row, message)`) is caught as surely as a direct `new UserError(code, '…')`: the second
 * argument of every `new UserError(…)` must not be of a string type (it must be a `Bilingual { fr, en }`), and
 * every English sentence written in these files (an `en:` property, or an argument given to a parameter named
 * `en`) must use English typography: “ ” rather than « », no space before « : ; ? ! ».
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');

/** The files of part 1 (electron/core/services/* is part 2; electron/cli/* stays French). */
const DIRS = ['electron/core/referential', 'electron/core/backup', 'electron/core/pack', 'electron/core/partage'];
const FILES = [
  'electron/core/data-dir.ts',
  'electron/core/db/open.ts',
  'electron/core/evidence/store.ts',
  'electron/core/exchange/sheet.ts',
  'electron/core/situation.ts',
  'electron/core/storage-errors.ts',
  'electron/web.ts',
  'shared/personnalisation.ts',
  'shared/readiness.ts',
  'shared/statut.ts',
  'electron/core/api/access.ts',
];

function part1Files(): string[] {
  const fromDirs = DIRS.flatMap((d) =>
    readdirSync(join(ROOT, d))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join(d, f)),
  );
  return [...fromDirs, ...FILES].map((f) => join(ROOT, f));
}

interface Finding {
  where: string;
  text: string;
}

/** `file:line` of `node`, relative to the repository. */
function at(sf: ts.SourceFile, node: ts.Node): string {
  return `${relative(ROOT, sf.fileName)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
}

/** True when `type` is a string, a string literal, a template literal type, or a union holding one. */
function isStringish(type: ts.Type): boolean {
  if (type.isUnion()) return type.types.some(isStringish);
  return (type.flags & ts.TypeFlags.StringLike) !== 0;
}

/** The literal text of an English sentence (template parts joined with `${…}`), or null when it is not a literal. */
function literalText(node: ts.Expression): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => `\${…}${s.literal.text}`)].join('');
  if (ts.isParenthesizedExpression(node)) return literalText(node.expression);
  if (ts.isConditionalExpression(node)) {
    const parts = [literalText(node.whenTrue), literalText(node.whenFalse)].filter((t): t is string => t !== null);
    return parts.length > 0 ? parts.join(' | ') : null;
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return `${literalText(node.left) ?? '${…}'}${literalText(node.right) ?? '${…}'}`;
  }
  return null;
}

/** French typography in an English sentence: guillemets, or a space before a colon, semicolon, ? or !. */
function frenchTypography(text: string): boolean {
  return /[«»]/.test(text) || /[\s\u00a0\u202f][:;?!](\s|$)/.test(text);
}

let plainErrors: Finding[] = [];
let englishSentences: Finding[] = [];
let userErrorCount = 0;

beforeAll(() => {
  const files = part1Files();
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    noUncheckedIndexedAccess: true,
    esModuleInterop: true,
    resolveJsonModule: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
    lib: ['lib.es2023.d.ts'],
  });
  const checker = program.getTypeChecker();
  plainErrors = [];
  englishSentences = [];
  userErrorCount = 0;
  for (const file of files) {
    const sf = program.getSourceFile(file);
    if (!sf) throw new Error(`${file} n'a pas été lu par le compilateur.`);
    const visit = (node: ts.Node): void => {
      if (ts.isNewExpression(node) && node.expression.getText(sf) === 'UserError') {
        userErrorCount++;
        const message = node.arguments?.[1];
        if (!message || isStringish(checker.getTypeAtLocation(message))) plainErrors.push({ where: at(sf, node), text: message?.getText(sf) ?? '(aucun message)' });
      }
      if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && node.name.text === 'en') {
        const text = literalText(node.initializer);
        if (text !== null) englishSentences.push({ where: at(sf, node), text });
      }
      if (ts.isCallExpression(node)) {
        const signature = checker.getResolvedSignature(node);
        signature?.getParameters().forEach((p, i) => {
          const arg = node.arguments[i];
          if (p.name !== 'en' || !arg) return;
          const text = literalText(arg);
          if (text !== null) englishSentences.push({ where: at(sf, arg), text });
        });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
}, 120_000);

describe('UserError in French and English (part 1: importers, backups, storage, pack, sharing, shared rules, access)', () => {
  it('scans the files of part 1 and finds their errors', () => {
    // ≈115 sites in the brief; the count guards against a scan that silently reads nothing.
    expect(userErrorCount).toBeGreaterThan(110);
    expect(englishSentences.length).toBeGreaterThan(200);
  });

  it('no `new UserError(…)` there is given a plain string: every one gets { fr, en }', () => {
    expect(plainErrors.map((f) => `${f.where} ${f.text.slice(0, 80)}`)).toEqual([]);
  });

  it('no English sentence uses French typography (« », a space before : ; ? !)', () => {
    expect(englishSentences.filter((s) => frenchTypography(s.text)).map((s) => `${s.where} ${s.text}`)).toEqual([]);
  });

  it('the checks catch what they are for', () => {
    expect(frenchTypography('The file « a.csv » is empty.')).toBe(true);
    expect(frenchTypography('File “a.csv”, row 3 : empty.')).toBe(true);
    expect(frenchTypography('File “a.csv”, row 3: empty; see cell C3?')).toBe(false);
  });
});
