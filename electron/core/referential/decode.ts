/**
 * Reading referential source files from disk or from bytes sent by the renderer: UTF-8 with or without BOM.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { UserError } from '../../../shared/errors';
import type { SourceFile } from './source';

/**
 * Decodes `bytes` as UTF-8 (a leading BOM is dropped). Throws UserError FILE_UNREADABLE naming `name` when the
 * bytes are not valid UTF-8.
 */
export function decodeUtf8(name: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new UserError('FILE_UNREADABLE', `Le fichier ${name} n'est pas encodé en UTF-8 : enregistrez-le en UTF-8 puis réessayez.`, { file: name });
  }
}

/**
 * Reads the file at `path` as a SourceFile named by its base name.
 * Throws UserError FILE_NOT_FOUND (absent) or FILE_UNREADABLE (a folder, no permission, not UTF-8), naming the path.
 */
export function readSourceFile(path: string): SourceFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError('FILE_NOT_FOUND', `Le fichier ${path} est introuvable.`, { path });
    throw new UserError('FILE_UNREADABLE', `Le fichier ${path} n'a pas pu être lu (${code ?? (e as Error).message}).`, { path });
  }
  return { name: basename(path), text: decodeUtf8(path, bytes) };
}
