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
  | 'BACKUP_CANCELLED';

/**
 * The values a translated message needs besides the location (issue 8 item 2): e.g. `{ id: 'p-12' }` for « La
 * preuve « p-12 » n'existe pas ». The renderer's error catalogue (renderer/src/i18n, `errors.<code>`) builds the
 * English sentence from the code, these params and the location; the French `message` stays the reference.
 */
export type ErrorParams = Record<string, string | number>;

/**
 * A user-facing error: `message` is a complete French sentence that already names the location; `params` (optional)
 * carries the values named in it, for a translation by code.
 */
export class UserError extends Error {
  readonly code: UserErrorCode;
  readonly location: ErrorLocation;
  readonly params: ErrorParams;
  constructor(code: UserErrorCode, message: string, location: ErrorLocation = {}, params: ErrorParams = {}) {
    super(message);
    this.name = 'UserError';
    this.code = code;
    this.location = location;
    this.params = params;
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'UserError');
}
