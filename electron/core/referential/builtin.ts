/**
 * Referentials shipped with the app (ARCHITECTURE.md, `referential/`): the project's own Label NR working grid
 * for collectivités (DOMAIN.md: the official grid is not public).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Referential } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import { parseGridJson } from './grid';

/**
 * Absolute path of the repository's `referential/` folder, resolved from this file
 * (`electron/core/referential/builtin.ts` → `../../../referential/`). A packaged app, whose code is bundled
 * elsewhere, passes its own folder (e.g. the resources path) to `loadBuiltinLabelNr`.
 */
export const BUILTIN_REFERENTIALS_DIR = fileURLToPath(new URL('../../../referential/', import.meta.url));

/** File name of the Label NR working grid inside BUILTIN_REFERENTIALS_DIR. */
export const LABEL_NR_FILE = 'label-nr-collectivites.json';

/**
 * Loads the built-in Label NR working grid (`label-nr`, version `grille-travail-2026.1`, 1 000 points,
 * niveaux 1 and 2 at 0.3 and 0.5 of the potentiel, as written in the file).
 * @param dir folder holding `label-nr-collectivites.json` (default BUILTIN_REFERENTIALS_DIR).
 * @throws UserError FILE_NOT_FOUND naming the path when the file is absent; REFERENTIAL_INVALID from
 *   `parseGridJson` when it is malformed.
 */
export function loadBuiltinLabelNr(dir: string = BUILTIN_REFERENTIALS_DIR): Referential {
  const path = join(dir, LABEL_NR_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UserError('FILE_NOT_FOUND', { fr: `La grille Label NR intégrée est introuvable : ${path}.`, en: `The built-in Label NR grid cannot be found: ${path}.` }, { file: path, path });
  }
  return parseGridJson({ name: LABEL_NR_FILE, text: text.replace(/^\uFEFF/, '') });
}
