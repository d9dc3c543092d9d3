/**
 * Every UserError of the core's services is written in both languages (issue 8 item 2: "every message, error and
 * export in the chosen language"; shared/errors.ts `Bilingual`), part 2: electron/core/services/*.ts,
 * electron/core/core.ts, electron/core/job-events.ts and electron/core/storage-errors.ts (which the services'
 * transactions rethrow storage failures as); part 1 covers the importers, backup, pack, partage, shared….
 * The sources are parsed with the TypeScript compiler, so a call written over several lines, or a message built in
 * a helper, is read as the compiler reads it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const SERVICES = join('electron', 'core', 'services');
const FILES = [
  ...readdirSync(join(ROOT, SERVICES))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(SERVICES, f)),
  join('electron', 'core', 'core.ts'),
  join('electron', 'core', 'job-events.ts'),
  // Not a service, but what services/context.ts `inTransaction` and core.ts rethrow a storage failure as.
  join('electron', 'core', 'storage-errors.ts'),
].sort();

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
}

function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  node.forEachChild((c) => walk(c, visit));
}

const propName = (p: ts.ObjectLiteralElementLike): string | null =>
  (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : null;

/** Whether `e` is `{ fr: …, en: … }`, or a `cond ? {…} : {…}` / parenthesised form of it. */
function isBilingualLiteral(e: ts.Expression): boolean {
  if (ts.isParenthesizedExpression(e)) return isBilingualLiteral(e.expression);
  if (ts.isConditionalExpression(e)) return isBilingualLiteral(e.whenTrue) && isBilingualLiteral(e.whenFalse);
  if (!ts.isObjectLiteralExpression(e)) return false;
  const names = e.properties.map(propName);
  return names.includes('fr') && names.includes('en');
}

/** `file:line` of a node. */
const where = (sf: ts.SourceFile, n: ts.Node) => `${sf.fileName}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;

/** The literal text of a string or template (the `${…}` parts left out: they are code, not words). */
function literalText(e: ts.Expression): string {
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
  if (ts.isTemplateExpression(e)) return [e.head.text, ...e.templateSpans.map((s) => s.literal.text)].join('…');
  if (ts.isParenthesizedExpression(e)) return literalText(e.expression);
  if (ts.isConditionalExpression(e)) return `${literalText(e.whenTrue)}…${literalText(e.whenFalse)}`;
  if (ts.isBinaryExpression(e)) return `${literalText(e.left)}…${literalText(e.right)}`;
  return '';
}

/** Every string or template nested in `e`, templates' inner `${…}` included (a nested template is English too). */
function allLiteralTexts(e: ts.Node): string[] {
  const out: string[] = [];
  walk(e, (n) => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateExpression(n)) out.push(literalText(n as ts.Expression));
  });
  return out;
}

describe('UserErrors of the services in both languages (errors-bilingual part 2)', () => {
  it('scans the files it is meant to (services, core.ts, job-events.ts)', () => {
    expect(FILES).toContain(join(SERVICES, 'statuts.ts'));
    expect(FILES).toContain(join(SERVICES, 'audit.ts'));
    expect(FILES.length).toBeGreaterThan(25);
  });

  it('every `new UserError(` is given `{ fr, en }`, never a plain string', () => {
    const plain: string[] = [];
    let calls = 0;
    for (const file of FILES) {
      const sf = parse(file);
      walk(sf, (n) => {
        if (!ts.isNewExpression(n) || !ts.isIdentifier(n.expression) || n.expression.text !== 'UserError') return;
        calls++;
        const message = n.arguments?.[1];
        if (!message || !isBilingualLiteral(message)) plain.push(`${where(sf, n)}: ${n.getText(sf).slice(0, 120)}`);
      });
    }
    expect(plain).toEqual([]);
    // ≈ 115 sites when written; a sharp drop would mean the scan stopped seeing them.
    expect(calls).toBeGreaterThan(100);
  });

  it('the scan itself catches a plain string written over several lines', () => {
    const sf = ts.createSourceFile(
      'x.ts',
      "throw new UserError(\n  'INPUT_INVALID',\n  `Le nom ${x}\n est vide.`,\n  { field: 'nom' },\n);\nthrow new UserError('X', { fr: 'a', en: 'b' });",
      ts.ScriptTarget.Latest,
      true,
    );
    const found: boolean[] = [];
    walk(sf, (n) => {
      if (ts.isNewExpression(n) && n.arguments?.[1]) found.push(isBilingualLiteral(n.arguments[1]));
    });
    expect(found).toEqual([false, true]);
  });

  it('no English sentence (`en:` of a `{ fr, en }`) contains the French quotes « »', () => {
    const bad: string[] = [];
    let sentences = 0;
    for (const file of FILES) {
      const sf = parse(file);
      walk(sf, (n) => {
        if (!ts.isObjectLiteralExpression(n) || !isBilingualLiteral(n)) return;
        for (const p of n.properties) {
          if (propName(p) !== 'en' || !ts.isPropertyAssignment(p)) continue;
          sentences++;
          for (const text of allLiteralTexts(p.initializer)) if (/[«»]/.test(text)) bad.push(`${where(sf, p)}: ${text.slice(0, 100)}`);
        }
      });
    }
    expect(bad).toEqual([]);
    expect(sentences).toBeGreaterThan(100);
  });
});
