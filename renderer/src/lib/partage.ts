/**
 * Words and checks of the Partage screen kept out of the component so they can be tested: the port typed by the
 * user, checked before anything is sent (the server's zod rule `partage.demarrer`: an integer 0..65535), with a
 * message of its own in the interface's language rather than zod's raw « Invalid input: expected number ».
 */
import { tr } from '../i18n/tr';

/**
 * The port typed in the Partage form: "8787" → `{ ok: true, port: 8787 }`, "0" → 0 (any free port).
 * @returns `{ ok: false, message }` for anything else (empty, "abc", "-1", "8787.5", "70000"), naming what was typed:
 *   « Le port doit être un nombre entier entre 0 et 65535 (0 : un port libre) ; saisi : « abc ». »
 */
export function parsePort(text: string): { ok: true; port: number } | { ok: false; message: string } {
  const raw = text.trim();
  const port = /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
  if (Number.isInteger(port) && port >= 0 && port <= 65535) return { ok: true, port };
  return { ok: false, message: tr('partage.portInvalid', { value: text }) };
}

/** How an address is named in the host list: the loopback in words (« boucle locale » / "loopback"), others by interface. */
export function interfaceLabel(a: { interface: string; adresse: string }): string {
  return a.adresse === '127.0.0.1' ? tr('partage.loopback') : a.interface;
}
