/**
 * What the user sees when the app cannot start (issue 9: "a clear dialog names the cause instead of a blank
 * window"). Electron-free: main.ts passes the result to `dialog.showErrorBox(title, message)`.
 */
import { isUserError } from '../../shared/errors';
import type { NativeLoadFailure } from '../core/db/native';

/** Title and text of an error box. */
export interface ErrorBox {
  title: string;
  message: string;
}

const TITLE = 'Label Audit ne peut pas démarrer';

/** The box for a native SQLite module that does not load (its cause and file, see core/db/native.ts). */
export function sqliteFailureBox(failure: NativeLoadFailure): ErrorBox {
  return { title: failure.title, message: failure.message };
}

/**
 * The box for anything thrown while starting: a UserError (data folder unreadable, database from a newer version,
 * invalid data-dir.json…) shows its French message as it is; anything else is named an internal error with its
 * message, never a stack.
 */
export function startupErrorBox(e: unknown): ErrorBox {
  if (isUserError(e)) return { title: TITLE, message: e.message };
  const message = e instanceof Error ? e.message : String(e);
  return { title: TITLE, message: `Erreur interne au démarrage : ${message.split(/\r?\n/)[0] ?? message}` };
}
