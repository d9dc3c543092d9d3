/**
 * Reading user-picked files for upload (`preuves.addFile` takes base64; ARCHITECTURE.md: file bytes end in the
 * main process, the renderer only forwards them).
 */
import { tr } from '../i18n/tr';

/**
 * A message about one file, its name first, in the interface's language: fr « « faux.xlsx » : Le fichier… »,
 * en "“faux.xlsx”: The file…" (issue 8 item 2: the upload errors of several files name each file).
 */
export function fileMessage(fileName: string, message: string): string {
  return tr('common.fileMessage', { name: fileName, message });
}

/** Base64 of raw bytes, in chunks (no call-stack overflow on large files). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

/** Base64 of a `File` / `Blob` content. */
export async function fileToBase64(file: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await file.arrayBuffer()));
}

/** Whether a string is an http(s) URL (the server refuses anything else with PREUVE_INVALID). */
export function isHttpUrl(text: string): boolean {
  try {
    const u = new URL(text.trim());
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
