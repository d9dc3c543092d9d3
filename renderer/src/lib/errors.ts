/**
 * Errors shown to the user (STYLE.md: errors are values with a French message, never a stack trace).
 * The router's errorFormatter puts `{ code, message, location }` in `error.data.userError`; zod failures come
 * as BAD_REQUEST without it, and transport failures as plain errors.
 */
import type { ErrorLocation, UserErrorCode } from '../../../shared/errors';

/** What the UI displays for a failed call. */
export interface ShownError {
  message: string;
  code: UserErrorCode | null;
  location: ErrorLocation | null;
}

interface ErrorData {
  code?: string;
  userError?: { code: UserErrorCode; message: string; location?: ErrorLocation } | null;
}

/**
 * The French message of any error thrown by a tRPC call: the UserError's own message when there is one,
 * "Saisie invalide…" for an input refused by validation, else a generic sentence with the raw message.
 */
export function shownError(error: unknown): ShownError {
  const data = (typeof error === 'object' && error !== null ? (error as { data?: ErrorData }).data : undefined) ?? undefined;
  const ue = data?.userError;
  if (ue && typeof ue.message === 'string') return { message: ue.message, code: ue.code, location: ue.location ?? null };
  if (data?.code === 'BAD_REQUEST') return { message: 'Saisie invalide : vérifiez les valeurs saisies.', code: 'INPUT_INVALID', location: null };
  const raw = error instanceof Error ? error.message : String(error);
  return { message: `L'opération a échoué : ${raw}`, code: null, location: null };
}
