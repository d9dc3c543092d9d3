/**
 * Errors shown to the user (STYLE.md: errors are values with a French message, never a stack trace).
 * The router's errorFormatter puts `{ code, message, en, location }` in `error.data.userError`; zod failures come
 * as BAD_REQUEST without it, and transport failures as plain errors.
 */
import type { ErrorLocation, ErrorParams, UserErrorCode } from '../../../shared/errors';
import { formatLang } from './format';
import { tr } from '../i18n/tr';

/** What the UI displays for a failed call. */
export interface ShownError {
  message: string;
  code: UserErrorCode | null;
  location: ErrorLocation | null;
}

interface ErrorData {
  code?: string;
  userError?: { code: UserErrorCode; message: string; location?: ErrorLocation; params?: ErrorParams; en?: string | null } | null;
}

/** What browsers and Node say when a request cannot reach the server (Chromium, Firefox, Safari, Node's fetch). */
const NETWORK_FAILURE = /failed to fetch|fetch failed|networkerror|load failed|network request failed|econnrefused|econnreset|socket hang up/i;

/** The message shown when the app's own server (browser mode) or main process cannot be reached (French reference). */
export const SERVER_UNREACHABLE =
  "Le serveur de l'application ne répond pas (connexion refusée ou interrompue). Vérifiez que Label Audit est toujours lancé, puis réessayez.";

/**
 * The core's message in the current language: the French sentence; in English the core's own English sentence
 * (`en`, shared/errors.ts `Bilingual`: every UserError of the core carries one), else the French reference.
 */
function localised(ue: { message: string; en?: string | null }): string {
  if (formatLang() === 'en' && typeof ue.en === 'string' && ue.en !== '') return ue.en;
  return ue.message;
}

/**
 * Whether `error` is a transport failure: a `TypeError` from fetch, or a tRPC client error caused by one (its
 * `cause` chain is followed), recognised by the browsers' wording (« Failed to fetch », « NetworkError… »).
 */
export function isNetworkFailure(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (typeof e !== 'object') return false;
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && NETWORK_FAILURE.test(message)) return true;
  }
  return false;
}

/**
 * The message, in the current language, of any error thrown by a tRPC call: the UserError's own message when there is one,
 * "Saisie invalide…" for an input refused by validation, « Le serveur de l'application ne répond pas (…) » for a
 * transport failure (never the browser's « Failed to fetch »), else a generic sentence with the raw message.
 */
export function shownError(error: unknown): ShownError {
  const data = (typeof error === 'object' && error !== null ? (error as { data?: ErrorData }).data : undefined) ?? undefined;
  const ue = data?.userError;
  if (ue && typeof ue.message === 'string') return { message: localised(ue), code: ue.code, location: ue.location ?? null };
  if (data?.code === 'BAD_REQUEST') return { message: tr('errors.inputInvalid'), code: 'INPUT_INVALID', location: null };
  if (!data && isNetworkFailure(error)) return { message: tr('errors.serverUnreachable'), code: null, location: null };
  const raw = error instanceof Error ? error.message : String(error);
  return { message: tr('errors.failed', { message: raw }), code: null, location: null };
}
