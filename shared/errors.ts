/**
 * Errors as values with a code, a French message for the user and the place at fault (STYLE.md).
 * Thrown by importers, services and the CLI; shown as one line, never as a stack trace.
 */

/** Where a user error is: the file, row (1-based, as a spreadsheet shows it), cell, node or field at fault. */
export interface ErrorLocation {
  file?: string;
  row?: number;
  cell?: string;
  column?: string;
  nodeId?: string;
  field?: string;
  path?: string;
}

/** Stable codes the UI, the CLI and tests can match on. */
export type UserErrorCode =
  | 'REFERENTIAL_INVALID'
  | 'REFERENTIAL_UNKNOWN'
  | 'FILE_UNREADABLE'
  | 'FILE_NOT_FOUND'
  | 'FORMAT_UNKNOWN'
  | 'NODE_UNKNOWN'
  | 'STATUT_INVALID'
  | 'DETAIL_INVALID'
  | 'INPUT_INVALID'
  | 'PREUVE_INVALID'
  | 'PACK_INVALID'
  | 'PACK_INCOMPLETE'
  | 'EXPORT_CANCELLED'
  | 'DB_FROM_FUTURE'
  | 'BACKUP_INVALID'
  | 'NOT_FOUND'
  /** The caller's role does not allow this action (sharing, issue 5 item 4); the message names role and action. */
  | 'FORBIDDEN'
  /** A write based on a stale version of a node (another person changed it meanwhile); nothing was written. */
  | 'CONFLICT'
  /** An invitation token that is malformed, unknown, expired or revoked (sharing: answered with a 401 page). */
  | 'INVITATION_INVALID'
  /** A write refused while the audit of the referential is open (audit-lock.ts). */
  | 'AUDIT_OUVERT'
  /** A step of the audit cycle asked at the wrong time (audit.ts). */
  | 'AUDIT_ETAPE'
  /** A backup cancelled by the user before it was complete (nothing was written). */
  | 'BACKUP_CANCELLED'
  /** A référentiel import cancelled by the user before its store began (nothing was written). */
  | 'IMPORT_CANCELLED';

/**
 * The values named in a message besides the location, for callers that match on them: e.g. `{ what: 'preuve',
 * id: 'p-12' }` for « La preuve « p-12 » n'existe pas ». The sentences themselves are the error's `fr` and `en`.
 */
export type ErrorParams = Record<string, string | number>;

/**
 * One sentence in both languages of the app (issue 8 item 2: every message and error in the chosen language):
 * `fr` is the reference, `en` its translation, both complete sentences naming the same place and values.
 */
export interface Bilingual {
  fr: string;
  en: string;
}

/**
 * A user-facing error: `message` is a complete French sentence that already names the location, `en` the same
 * sentence in English (null only for an error built from a French string, as the French-only CLI may; English
 * screens then show the French); `params` (optional) carries the values named in it.
 * Built as `new UserError(code, { fr: '…', en: '…' }, location)`.
 */
export class UserError extends Error {
  readonly code: UserErrorCode;
  readonly location: ErrorLocation;
  readonly params: ErrorParams;
  readonly en: string | null;
  constructor(code: UserErrorCode, message: string | Bilingual, location: ErrorLocation = {}, params: ErrorParams = {}) {
    super(typeof message === 'string' ? message : message.fr);
    this.name = 'UserError';
    this.code = code;
    this.location = location;
    this.params = params;
    this.en = typeof message === 'string' ? null : message.en;
  }

  /** The message in `lang` (English falls back to the French reference when there is no translation). */
  messageIn(lang: 'fr' | 'en'): string {
    return lang === 'en' && this.en !== null ? this.en : this.message;
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'UserError');
}
