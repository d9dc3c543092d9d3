/**
 * zod's validation issues (English) as French reasons, for the one-line errors of the API and the CLI
 * (lead's decision M on the CLI/core tester's report: « texte trop long (plus de 20 000 caractères) »).
 * Shapes: zod 4 issues (`code`, `origin`, `maximum` / `minimum`, `expected`, `values`, `message`).
 */

/** The fields of a zod 4 issue this module reads (all optional: a foreign object is handled too). */
export interface ZodIssueLike {
  code?: string;
  origin?: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
  expected?: string;
  values?: readonly unknown[];
  message?: string;
  input?: unknown;
}

const count = (n: number | bigint | undefined): string => new Intl.NumberFormat('fr-FR').format(Number(n ?? 0));

const TYPES: Record<string, string> = {
  string: 'un texte',
  number: 'un nombre',
  boolean: 'vrai ou faux',
  array: 'une liste',
  object: 'un objet',
  tuple: 'une liste',
};

/**
 * One issue as a French reason, e.g. `texte trop long (plus de 20 000 caractères)`, `valeur absente`,
 * `valeur attendue parmi : fait, programme`. A custom message we wrote (French) is kept; an issue we do not know
 * gives `format incorrect`.
 */
export function zodIssueFr(issue: ZodIssueLike): string {
  switch (issue.code) {
    case 'too_big':
      if (issue.origin === 'string') return `texte trop long (plus de ${count(issue.maximum)} caractères)`;
      if (issue.origin === 'array') return `trop d'éléments (au plus ${count(issue.maximum)})`;
      return `valeur trop grande (au plus ${count(issue.maximum)})`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'texte vide' : `texte trop court (au moins ${count(issue.minimum)} caractères)`;
      if (issue.origin === 'array') return `trop peu d'éléments (au moins ${count(issue.minimum)})`;
      return `valeur trop petite (au moins ${count(issue.minimum)})`;
    case 'invalid_type':
      if (/received undefined/.test(issue.message ?? '')) return 'valeur absente';
      return `${TYPES[issue.expected ?? ''] ?? 'une autre valeur'} attendu`;
    case 'invalid_value':
      return `valeur attendue parmi : ${(issue.values ?? []).map(String).join(', ')}`;
    case 'invalid_format':
      return issue.message && !/^Invalid /.test(issue.message) ? issue.message : 'format incorrect';
    default:
      if (issue.code === undefined && issue.message) return issue.message;
      return 'format incorrect';
  }
}
