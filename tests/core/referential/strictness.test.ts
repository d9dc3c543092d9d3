/**
 * Importer strictness (lead's decision M on the CLI/core tester's report): library messages in French naming the
 * file, a TETE structure without any points refused, control characters in cells refused naming the cell; and the
 * API's zod messages in French.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zodIssueFr } from '../../../electron/core/api/zod-fr';
import { parseGridCsv } from '../../../electron/core/referential/grid';
import { parseTeteCsv } from '../../../electron/core/referential/tete-csv';
import { isUserError, type UserError } from '../../../shared/errors';

function errorOf(fn: () => unknown): UserError {
  try {
    fn();
  } catch (e) {
    if (isUserError(e)) return e;
    throw e;
  }
  throw new Error('aucune erreur levée');
}
const STRUCT = 'referentiel-cae-structure.csv';
const tete = (text: string) => errorOf(() => parseTeteCsv({ structure: { name: STRUCT, text } }));

describe('TETE CSV', () => {
  it('refuses a structure whose points column is empty everywhere', () => {
    const e = tete(['identifiant,nom,points,pourcentage', '1,Axe,,', '1.1,Mesure,,', '1.1.1,Sous-action,,'].join('\n'));
    expect([e.code, e.message, e.location]).toEqual([
      'REFERENTIAL_INVALID',
      `Fichier « ${STRUCT} » : aucune ligne n'a de points (colonne « points » vide partout) ; un référentiel TETE donne au moins les points de ses mesures.`,
      { file: STRUCT, column: 'points' },
    ]);
  });

  it('says « guillemet non fermé » in French, naming the file', () => {
    const e = tete(['identifiant,nom,points,pourcentage', '1,"Axe sans fin,10,', '1.1,Mesure,10,'].join('\n'));
    expect(e.message).toMatch(new RegExp(`^Le fichier « ${STRUCT} » n'est pas un CSV lisible vers la ligne \\d+ du texte : guillemet non fermé \\(un texte entre guillemets n'est jamais refermé\\)\\.$`));
  });

  it('refuses a NUL in a name, naming the row and the cell', () => {
    const e = tete(['identifiant,nom,points,pourcentage', '1,Axe,10,', '1.1,Mes\u0000ure,10,'].join('\n'));
    expect([e.message, e.location]).toEqual([
      `Fichier « ${STRUCT} », ligne 3, cellule B3 : caractère de contrôle U+0000 interdit (fichier binaire ou export abîmé ?).`,
      { file: STRUCT, row: 3, cell: 'B3' },
    ]);
    expect(e.en).toBe(`File “${STRUCT}”, row 3, cell B3: control character U+0000 not allowed (a binary file or a damaged export?).`);
  });
});

describe('grid CSV / XLSX', () => {
  const HEADER = 'identifiant;intitule;points;description;preuves_attendues\n';
  it('refuses a control character in a cell of a CSV grid, naming the row and the column', () => {
    const e = errorOf(() => parseGridCsv({ name: 'grille.csv', text: `${HEADER}1;Thème;;;\n1.1;Crit\u0007ère;5;;\n` }, 'g'));
    expect(e.message).toBe('grille.csv, ligne 3, colonne « intitule » : caractère de contrôle U+0007 interdit (fichier binaire ou export abîmé ?).');
    expect(e.en).toBe('grille.csv, row 3, column “intitule”: control character U+0007 not allowed (a binary file or a damaged export?).');
    expect(e.location).toMatchObject({ file: 'grille.csv', row: 3, column: 'intitule' });
  });

  it('says « guillemet non fermé » for a CSV grid', () => {
    const e = errorOf(() => parseGridCsv({ name: 'grille.csv', text: `${HEADER}1;"Thème;;;\n` }, 'g'));
    expect(e.message).toMatch(/^grille\.csv(, ligne \d+)? : CSV illisible \(guillemet non fermé \(un texte entre guillemets n'est jamais refermé\)\)\.$/);
  });

  // An XLSX cell cannot carry such characters (XML 1.0 forbids them), so only the text formats need the check.
});

describe('zod issues in French (API and CLI one-line errors)', () => {
  const issue = (schema: z.ZodType, value: unknown) => zodIssueFr(schema.safeParse(value).error!.issues[0]!);
  it.each([
    ['max length', z.string().max(20_000), 'x'.repeat(20_001), 'texte trop long (plus de 20\u202f000 caractères)'],
    ['min length', z.string().min(1), '', 'texte vide'],
    ['max number', z.number().max(1), 2, 'valeur trop grande (au plus 1)'],
    ['missing field', z.object({ a: z.string() }), {}, 'valeur absente'],
    ['wrong type', z.string(), 3, 'un texte attendu'],
    ['enum', z.enum(['fait', 'programme']), 'termine', 'valeur attendue parmi : fait, programme'],
    ['custom regex', z.string().regex(/^\d{4}$/, 'date attendue au format AAAA-MM-JJ'), 'x', 'date attendue au format AAAA-MM-JJ'],
    ['regex', z.string().regex(/^\d{4}$/), 'x', 'format incorrect'],
    ['tuple', z.tuple([z.number(), z.number(), z.number()]), [1], "trop peu d'éléments (au moins 3)"],
  ] as [string, z.ZodType, unknown, string][])('%s → %j', (_label, schema, value, fr) => {
    expect(issue(schema, value)).toBe(fr);
  });
});
