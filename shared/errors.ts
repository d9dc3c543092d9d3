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
  | 'BACKUP_CANCELLED'
  | 'NOT_FOUND';

/** A user-facing error: `message` is a complete French sentence that already names the location. */
export class UserError extends Error {
  readonly code: UserErrorCode;
  readonly location: ErrorLocation;
  constructor(code: UserErrorCode, message: string, location: ErrorLocation = {}) {
    super(message);
    this.name = 'UserError';
    this.code = code;
    this.location = location;
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'UserError');
}
