/**
 * Reading referential source files from disk or from bytes sent by the renderer: text formats are UTF-8 with or
 * without BOM; a workbook (`.xlsx`) stays as bytes.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { UserError } from '../../../shared/errors';
import type { SourceFile } from './source';

/** A source file not yet decoded: its name (basename or path, for messages and id detection) and its bytes. */
export interface BinarySourceFile {
  name: string;
  bytes: Uint8Array;
}

/**
 * Decodes `bytes` as UTF-8 (a leading BOM is dropped). Throws UserError FILE_UNREADABLE naming `name` when the
 * bytes are UTF-16 (its BOM) or not valid UTF-8.
 */
export function decodeUtf8(name: string, bytes: Uint8Array): string {
  // Excel's « Texte Unicode » and Notepad's « Unicode » save UTF-16 with a BOM: name it, so the user knows what to change.
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new UserError(
      'FILE_UNREADABLE',
      {
        fr: `Le fichier ${name} est encodé en UTF-16 (« Texte Unicode ») : enregistrez-le en UTF-8 (« CSV UTF-8 ») puis réessayez.`,
        en: `The file ${name} is encoded in UTF-16 (“Unicode Text”): save it as UTF-8 (“CSV UTF-8”) and try again.`,
      },
      { file: name },
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new UserError(
      'FILE_UNREADABLE',
      { fr: `Le fichier ${name} n'est pas encodé en UTF-8 : enregistrez-le en UTF-8 puis réessayez.`, en: `The file ${name} is not encoded in UTF-8: save it as UTF-8 and try again.` },
      { file: name },
    );
  }
}

/**
 * The bytes of the file at `path`.
 * Throws UserError FILE_NOT_FOUND (absent) or FILE_UNREADABLE (a folder, no permission), naming the path.
 */
export function readSourceBytes(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError('FILE_NOT_FOUND', { fr: `Le fichier ${path} est introuvable.`, en: `The file ${path} cannot be found.` }, { path });
    const detail = code ?? (e as Error).message;
    throw new UserError('FILE_UNREADABLE', { fr: `Le fichier ${path} n'a pas pu être lu (${detail}).`, en: `The file ${path} could not be read (${detail}).` }, { path });
  }
}

/**
 * Reads the file at `path` as a SourceFile named by its base name.
 * Throws UserError FILE_NOT_FOUND (absent) or FILE_UNREADABLE (a folder, no permission, not UTF-8), naming the path.
 */
export function readSourceFile(path: string): SourceFile {
  return { name: basename(path), text: decodeUtf8(path, readSourceBytes(path)) };
}

/** True when `bytes` start with a ZIP local file header (`PK\x03\x04`), as every .xlsx (and .ods, .docx) does. */
export function isZipBytes(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}
