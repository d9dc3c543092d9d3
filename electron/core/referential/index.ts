/**
 * The referential import dispatcher: recognises the format of the given files, decodes them, picks the id and
 * hands them to the right importer (tete-csv.ts, rgesn-json.ts, grid.ts). Formats: tete-referentials.md §1.5
 * (TETE CSV structure + preuves), DOMAIN.md "Referentials to support" (RGESN JSON, generic grid JSON/CSV).
 */
import { extname } from 'node:path';
import type { Referential } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import { readSourceFile } from './decode';
import { parseGridCsv, parseGridJson } from './grid';
import { parseRgesnJson } from './rgesn-json';
import type { SourceFile } from './source';
import { parseTeteCsv, teteIdFromFileName } from './tete-csv';

export { decodeUtf8, readSourceFile } from './decode';

/** The import formats the app knows. */
export type ReferentialFormat = 'tete-csv' | 'rgesn-json' | 'grid-json' | 'grid-csv';
export const REFERENTIAL_FORMATS: readonly ReferentialFormat[] = ['tete-csv', 'rgesn-json', 'grid-json', 'grid-csv'];

/** Options of `importReferentialFiles`: force the format, and/or the referential id (`[a-z][a-z0-9-]*`). */
export interface ImportOptions {
  format?: ReferentialFormat;
  id?: string;
}

/** What one file looks like, from its name and first bytes. */
type FileKind = 'tete-structure' | 'tete-preuves' | 'grid-csv' | 'rgesn-json' | 'grid-json';

const ID_PATTERN = /^[a-z][a-z0-9-]*$/;

/** Lower-cased, unquoted column names of the first line of a CSV text (`,` or `;` separated). */
export function csvHeader(text: string): string[] {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const sep = first.includes(';') && !first.includes(',') ? ';' : ',';
  return first.split(sep).map((c) => c.trim().replace(/^"|"$/g, '').trim().toLowerCase());
}

/**
 * Recognises one file: `.csv` with `identifiant` + `pourcentage` columns (TE: `identifiant`, `nom`, `coremeasure`)
 * → TETE structure; header exactly
 * `id,nom,actions,description` → TETE preuves; any other `.csv` → generic grid; `.json` array of objects with
 * `numero` + `priorite` → RGESN; `.json` object with `model` and `nodes` or `themes` → grid JSON.
 * Throws UserError FORMAT_UNKNOWN (other extension or JSON shape) or REFERENTIAL_INVALID (JSON syntax), naming it.
 */
export function detectFileKind(file: SourceFile): FileKind {
  const ext = extname(file.name).toLowerCase();
  if (ext === '.csv') {
    const header = csvHeader(file.text);
    // TE (Climat Ressources) has no pourcentage column but a Coremeasure one (tete-referentials.md §1.5).
    if (header.includes('identifiant') && (header.includes('pourcentage') || (header.includes('nom') && header.includes('coremeasure')))) return 'tete-structure';
    if (header.join(',') === 'id,nom,actions,description') return 'tete-preuves';
    return 'grid-csv';
  }
  if (ext === '.json') {
    let data: unknown;
    try {
      data = JSON.parse(file.text);
    } catch (e) {
      throw new UserError('REFERENTIAL_INVALID', `Le fichier ${file.name} n'est pas un JSON valide (${(e as Error).message}).`, { file: file.name });
    }
    if (Array.isArray(data) && data.length > 0 && data.every((o) => typeof o === 'object' && o !== null && 'numero' in o && 'priorite' in o)) {
      return 'rgesn-json';
    }
    if (typeof data === 'object' && data !== null && !Array.isArray(data) && 'model' in data && ('nodes' in data || 'themes' in data)) {
      return 'grid-json';
    }
    throw new UserError(
      'FORMAT_UNKNOWN',
      `Le fichier ${file.name} n'a pas une forme connue : ni une liste de critères RGESN (numero, priorite), ni une grille (model, nodes ou themes).`,
      { file: file.name },
    );
  }
  throw new UserError('FORMAT_UNKNOWN', `Le fichier ${file.name} n'est ni un .csv ni un .json : format de référentiel inconnu.`, { file: file.name });
}

const KIND_FORMAT: Record<FileKind, ReferentialFormat> = {
  'tete-structure': 'tete-csv',
  'tete-preuves': 'tete-csv',
  'grid-csv': 'grid-csv',
  'rgesn-json': 'rgesn-json',
  'grid-json': 'grid-json',
};

/** An id from a file name: `Grille Label NR 2024.csv` → `grille-label-nr-2024`. */
export function idFromFileName(name: string): string {
  const base = name.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  const slug = base
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return /^[a-z]/.test(slug) ? slug : `ref-${slug || 'import'}`;
}

/**
 * Gives `ref` the id `id`: the root, every `<old>_…` node id, parent ids and preuve-attendue links are rewritten.
 * Used when the user forces an id on a file whose format carries its own.
 */
export function renameReferential(ref: Referential, id: string): Referential {
  if (ref.id === id) return ref;
  const map = (nodeId: string | null): string | null => {
    if (nodeId === null) return null;
    if (nodeId === ref.id) return id;
    return nodeId.startsWith(`${ref.id}_`) ? `${id}_${nodeId.slice(ref.id.length + 1)}` : nodeId;
  };
  return {
    ...ref,
    id,
    nodes: ref.nodes.map((n) => ({ ...n, id: map(n.id) as string, parentId: map(n.parentId) })),
    preuvesAttendues: ref.preuvesAttendues.map((p) => ({ ...p, nodeIds: p.nodeIds.map((n) => map(n) as string) })),
  };
}

function checkId(id: string): string {
  if (!ID_PATTERN.test(id)) {
    throw new UserError('INPUT_INVALID', `L'identifiant de référentiel « ${id} » est invalide : lettres minuscules, chiffres et tirets, en commençant par une lettre.`, {
      field: 'id',
    });
  }
  return id;
}

/**
 * Imports one referential from `inputs`: file paths (read and decoded here) or already decoded SourceFiles.
 * TETE: one structure CSV, optionally with its preuves CSV; other formats: exactly one file.
 * The id is `opts.id`, else derived from the file name (TETE: `referentiel-cae-structure.csv` → `cae`).
 * Throws UserError: FILE_NOT_FOUND / FILE_UNREADABLE (path), FORMAT_UNKNOWN, INPUT_INVALID (bad combination or id),
 * and whatever the importer throws (REFERENTIAL_INVALID naming file, row, column).
 */
export function importReferentialFiles(inputs: string[] | SourceFile[], opts: ImportOptions = {}): Referential {
  if (inputs.length === 0) throw new UserError('INPUT_INVALID', 'Aucun fichier de référentiel fourni.', { field: 'files' });
  const files: SourceFile[] = inputs.map((f) => (typeof f === 'string' ? readSourceFile(f) : f));
  const kinds = files.map((f) => ({ file: f, kind: detectFileKind(f) }));
  const id = opts.id === undefined ? undefined : checkId(opts.id);
  const names = files.map((f) => f.name).join(', ');

  const preuves = kinds.filter((k) => k.kind === 'tete-preuves');
  const structures = kinds.filter((k) => k.kind === 'tete-structure');
  const format = opts.format ?? KIND_FORMAT[(structures[0] ?? kinds[0])!.kind];

  if (format === 'tete-csv') {
    const structure = structures[0] ?? (opts.format === 'tete-csv' && kinds.length === 1 ? kinds[0] : undefined);
    if (!structure || structures.length > 1 || preuves.length > 1 || kinds.length !== 1 + preuves.length) {
      throw new UserError(
        'INPUT_INVALID',
        `Un référentiel TETE s'importe avec un fichier de structure (colonnes identifiant, pourcentage…) et au plus un fichier de preuves (id,nom,actions,description) ; reçu : ${names}.`,
        { file: names },
      );
    }
    const teteId = id ?? teteIdFromFileName(structure.file.name) ?? idFromFileName(structure.file.name);
    return parseTeteCsv({ structure: structure.file, preuves: preuves[0]?.file, id: teteId });
  }
  if (kinds.length !== 1) {
    throw new UserError('INPUT_INVALID', `Un référentiel au format ${format} s'importe à partir d'un seul fichier ; reçu : ${names}.`, { file: names });
  }
  const file = files[0]!;
  switch (format) {
    case 'rgesn-json':
      return parseRgesnJson(file, id);
    case 'grid-json': {
      const ref = parseGridJson(file);
      return id === undefined ? ref : renameReferential(ref, id);
    }
    case 'grid-csv':
      return parseGridCsv(file, id ?? idFromFileName(file.name));
  }
}
