/**
 * The referential import dispatcher: recognises the format of the given files, decodes them, picks the id and
 * hands them to the right importer (tete-csv.ts, rgesn-json.ts, rgaa-json.ts, gbp.ts, gbp-csv.ts, grid.ts,
 * grid-xlsx.ts). Formats: tete-referentials.md §1.5 (TETE CSV structure + preuves), DOMAIN.md "Referentials to
 * support" (RGESN JSON, RGAA 4.1.2 JSON, good-practice guide JSON/CSV, generic grid JSON/CSV/XLSX). Text formats import synchronously (`importReferentialFiles`); a workbook needs
 * `importReferentialFilesAsync`, which takes any input.
 */
import { basename, extname } from 'node:path';
import type { Referential } from '../../../shared/domain';
import { UserError, type Bilingual } from '../../../shared/errors';
import { loadBuiltinLabelNr } from './builtin';
import { type BinarySourceFile, decodeUtf8, isZipBytes, readSourceBytes, readSourceFile } from './decode';
import { parseGridCsv, parseGridJson, type GridSheetOptions } from './grid';
import { parseGbpJson } from './gbp';
import { detectCsvDelimiter } from './csv';
import { isGbpCsvHeader, parseGbpCsv } from './gbp-csv';
import { parseGridXlsx } from './grid-xlsx';
import { parseRgaaJson } from './rgaa-json';
import { parseJsonSource, parseRgesnJson } from './rgesn-json';
import type { SourceFile } from './source';
import { parseTeteCsv } from './tete-csv';

export { type BinarySourceFile, decodeUtf8, isZipBytes, readSourceBytes, readSourceFile } from './decode';

/** The import formats the app knows. */
export const REFERENTIAL_FORMATS = ['tete-csv', 'rgesn-json', 'rgaa-json', 'gbp-json', 'gbp-csv', 'grid-json', 'grid-csv', 'grid-xlsx'] as const;
export type ReferentialFormat = (typeof REFERENTIAL_FORMATS)[number];

/** One input of `importReferentialFilesAsync`: a path, a decoded text file, or bytes as received (renderer, CLI). */
export type ImportInput = string | SourceFile | BinarySourceFile;

/** Options of `importReferentialFiles`: force the format, and/or the referential id (`[a-z][a-z0-9-]*`). */
export interface ImportOptions {
  format?: ReferentialFormat;
  id?: string;
}

/** What one file looks like, from its name and first bytes. */
type FileKind = 'tete-structure' | 'tete-preuves' | 'gbp-csv' | 'grid-csv' | 'rgesn-json' | 'rgaa-json' | 'gbp-json' | 'grid-json';

const ID_PATTERN = /^[a-z][a-z0-9-]*$/;

/** Lower-cased, unquoted column names of the first line of a CSV text (`,` or `;` separated). */
export function csvHeader(text: string): string[] {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const sep = detectCsvDelimiter(first);
  return first.split(sep).map((c) => c.trim().replace(/^"|"$/g, '').trim().toLowerCase());
}

/**
 * Recognises one file: `.csv` with `identifiant` + `pourcentage` columns (TE: `identifiant`, `nom`, `coremeasure`)
 * → TETE structure; header exactly
 * `id,nom,actions,description` → TETE preuves; `Id`, `Titre`, `Thématique`, `Priorité`, `Difficulté` columns →
 * good-practice guide CSV; any other `.csv` → generic grid; `.json` array of objects with `numero` + `priorite` →
 * RGESN; `.json` object with a `topics` list → RGAA; with a `thematiques` list → good-practice guide JSON; with
 * `model` and `nodes` or `themes` → grid JSON.
 * Throws UserError FORMAT_UNKNOWN (other extension or JSON shape) or REFERENTIAL_INVALID (JSON syntax, with its
 * line and column), naming it.
 */
export function detectFileKind(file: SourceFile): FileKind {
  const ext = extname(file.name).toLowerCase();
  if (ext === '.csv') {
    const header = csvHeader(file.text);
    // TE (Climat Ressources) has no pourcentage column but a Coremeasure one (tete-referentials.md §1.5).
    if (header.includes('identifiant') && (header.includes('pourcentage') || (header.includes('nom') && header.includes('coremeasure')))) return 'tete-structure';
    if (header.join(',') === 'id,nom,actions,description') return 'tete-preuves';
    if (isGbpCsvHeader(header)) return 'gbp-csv';
    return 'grid-csv';
  }
  if (ext === '.json') {
    // A syntax error is named by line and column (parseJsonSource), whatever the format turns out to be.
    const data = parseJsonSource(file);
    if (Array.isArray(data) && data.length > 0 && data.every((o) => typeof o === 'object' && o !== null && 'numero' in o && 'priorite' in o)) {
      return 'rgesn-json';
    }
    if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
      if ('model' in data && ('nodes' in data || 'themes' in data)) return 'grid-json';
      if ('topics' in data && Array.isArray(data.topics)) return 'rgaa-json';
      if ('thematiques' in data && Array.isArray(data.thematiques)) return 'gbp-json';
    }
    throw new UserError(
      'FORMAT_UNKNOWN',
      {
        fr: `Le fichier ${file.name} n'a pas une forme connue : ni une liste de critères RGESN (numero, priorite), ni le RGAA (topics), ni le guide de bonnes pratiques (thematiques), ni une grille (model, nodes ou themes).`,
        en: `The file ${file.name} has no known shape: neither a list of RGESN criteria (numero, priorite), nor the RGAA (topics), nor the good-practice guide (thematiques), nor a grid (model, nodes or themes).`,
      },
      { file: file.name },
    );
  }
  throw new UserError(
    'FORMAT_UNKNOWN',
    { fr: `Le fichier ${file.name} n'est ni un .csv ni un .json : format de référentiel inconnu.`, en: `The file ${file.name} is neither a .csv nor a .json: unknown referential format.` },
    { file: file.name },
  );
}

const KIND_FORMAT: Record<FileKind, ReferentialFormat> = {
  'tete-structure': 'tete-csv',
  'tete-preuves': 'tete-csv',
  'gbp-csv': 'gbp-csv',
  'grid-csv': 'grid-csv',
  'rgesn-json': 'rgesn-json',
  'rgaa-json': 'rgaa-json',
  'gbp-json': 'gbp-json',
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

const NO_FILE = { fr: 'Aucun fichier de référentiel fourni.', en: 'No referential file given.' };

const oneFileOnly = (format: string, names: string): Bilingual => ({
  fr: `Un référentiel au format ${format} s'importe à partir d'un seul fichier ; reçu : ${names}.`,
  en: `A referential in the ${format} format is imported from a single file; received: ${names}.`,
});

function checkId(id: string): string {
  if (!ID_PATTERN.test(id)) {
    throw new UserError(
      'INPUT_INVALID',
      {
        fr: `L'identifiant de référentiel « ${id} » est invalide : lettres minuscules, chiffres et tirets, en commençant par une lettre.`,
        en: `The referential id “${id}” is invalid: lowercase letters, digits and hyphens, starting with a letter.`,
      },
      { field: 'id' },
    );
  }
  return id;
}

/**
 * Settings a spreadsheet grid cannot carry, for ids `label-nr` and `label-nr…`: the official Label NR grid is a
 * spreadsheet without thresholds, so its niveaux come from the built-in grid (`loadBuiltinLabelNr()`: niveau 1
 * at 0.3 and niveau 2 at 0.5 of the potentiel — thresholds live in referential files, never in code); its nom is
 * the built-in one marked « (grille importée) », so the two stay apart in lists; its avertissement « grille de
 * travail, non officielle » is not copied (null). Other ids: {} (no niveaux, nom = id).
 * Source: DOMAIN.md "Referentials to support", Label NR. @throws UserError FILE_NOT_FOUND if the built-in grid is absent.
 */
export function spreadsheetGridOptions(id: string): GridSheetOptions {
  if (!id.startsWith('label-nr')) return {};
  const builtin = loadBuiltinLabelNr();
  return { nom: `${builtin.nom} (grille importée)`, niveaux: builtin.niveaux, avertissement: null };
}

/** True for a workbook: `.xlsx` name, or bytes starting with the ZIP magic `PK\x03\x04`. */
export function isXlsx(file: SourceFile | BinarySourceFile): boolean {
  return extname(file.name).toLowerCase() === '.xlsx' || ('bytes' in file && isZipBytes(file.bytes));
}

function workbookNeedsAsync(name: string): UserError {
  return new UserError(
    'FORMAT_UNKNOWN',
    {
      fr: `Le fichier ${name} est un classeur XLSX : il s'importe par l'import de classeur (importReferentialFilesAsync).`,
      en: `The file ${name} is an XLSX workbook: it is imported through the workbook import (importReferentialFilesAsync).`,
    },
    { file: name },
  );
}

/**
 * Imports one referential from `inputs`: file paths (read and decoded here) or already decoded SourceFiles.
 * TETE: one structure CSV, optionally with its preuves CSV; other formats: exactly one file. Text formats only:
 * a workbook goes through `importReferentialFilesAsync`.
 * The id is `opts.id`, else the format's own (`rgesn`, `rgaa`, `gbp-nr`), else derived from the file name (TETE:
 * the node-id prefix its formulas/preuves use, else `cae`/`eci`/`te` as a word of the name, see `parseTeteCsv`).
 * Grid CSV with an id `label-nr…`: niveaux from the built-in grid (`spreadsheetGridOptions`).
 * Throws UserError: FILE_NOT_FOUND / FILE_UNREADABLE (path), FORMAT_UNKNOWN (also for an .xlsx or grid-xlsx here),
 * INPUT_INVALID (bad combination or id), and whatever the importer throws (REFERENTIAL_INVALID naming file, row, column).
 */
export function importReferentialFiles(inputs: string[] | SourceFile[], opts: ImportOptions = {}): Referential {
  if (inputs.length === 0) throw new UserError('INPUT_INVALID', NO_FILE, { field: 'files' });
  const workbook = inputs.map((f) => (typeof f === 'string' ? f : f.name)).find((n) => extname(n).toLowerCase() === '.xlsx');
  if (workbook !== undefined || opts.format === 'grid-xlsx') throw workbookNeedsAsync(workbook ?? (typeof inputs[0] === 'string' ? inputs[0] : inputs[0]!.name));
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
        {
          fr: `Un référentiel TETE s'importe avec un fichier de structure (colonnes identifiant, pourcentage…) et au plus un fichier de preuves (id,nom,actions,description) ; reçu : ${names}.`,
          en: `A TETE referential is imported from one structure file (columns identifiant, pourcentage…) and at most one evidence file (id,nom,actions,description); received: ${names}.`,
        },
        { file: names },
      );
    }
    // Without a forced id, parseTeteCsv reads it from the content or the name (`cae`…); the slug is the last resort.
    return parseTeteCsv({ structure: structure.file, preuves: preuves[0]?.file, id, fallbackId: idFromFileName(structure.file.name) });
  }
  if (kinds.length !== 1) {
    throw new UserError('INPUT_INVALID', oneFileOnly(format, names), { file: names });
  }
  const file = files[0]!;
  switch (format) {
    case 'rgesn-json':
      return parseRgesnJson(file, id);
    case 'rgaa-json':
      return parseRgaaJson(file, id);
    case 'gbp-json':
      return parseGbpJson(file, id);
    case 'gbp-csv':
      return parseGbpCsv(file, id);
    case 'grid-json': {
      const ref = parseGridJson(file);
      return id === undefined ? ref : renameReferential(ref, id);
    }
    case 'grid-xlsx':
      throw workbookNeedsAsync(file.name);
    case 'grid-csv': {
      const gridId = id ?? idFromFileName(file.name);
      return parseGridCsv(file, gridId, spreadsheetGridOptions(gridId));
    }
  }
}

/**
 * Imports one referential from any inputs — paths, decoded SourceFiles, or bytes (BinarySourceFile) — including
 * an Excel workbook: a file named `.xlsx` or whose bytes start with `PK\x03\x04` (or any file with
 * `opts.format` `grid-xlsx`) goes to `parseGridXlsx`, alone, with the id `opts.id` or one from its name and
 * `spreadsheetGridOptions(id)`; everything else is decoded as UTF-8 and goes through `importReferentialFiles`.
 * Throws UserError: FILE_NOT_FOUND / FILE_UNREADABLE (path; bytes not UTF-8; not a readable workbook),
 * INPUT_INVALID (no file, a workbook with other files or with another format, bad id), FORMAT_UNKNOWN, and
 * whatever the importer throws (REFERENTIAL_INVALID naming the file and the row/column, or sheet and cell).
 */
export async function importReferentialFilesAsync(inputs: readonly ImportInput[], opts: ImportOptions = {}): Promise<Referential> {
  if (inputs.length === 0) throw new UserError('INPUT_INVALID', NO_FILE, { field: 'files' });
  // Paths keep their full text for decoding errors (as readSourceFile does); importers see the base name.
  const loaded = inputs.map((f) => (typeof f === 'string' ? { name: basename(f), bytes: readSourceBytes(f), shown: f } : f));
  const workbooks = loaded.filter(isXlsx);
  if (workbooks.length === 0 && opts.format !== 'grid-xlsx') {
    return importReferentialFiles(
      loaded.map((f) => ('bytes' in f ? { name: f.name, text: decodeUtf8('shown' in f ? f.shown : f.name, f.bytes) } : f)),
      opts,
    );
  }
  const names = loaded.map((f) => f.name).join(', ');
  if (opts.format !== undefined && opts.format !== 'grid-xlsx') {
    const workbook = workbooks[0]?.name ?? names;
    throw new UserError(
      'INPUT_INVALID',
      {
        fr: `Le fichier ${workbook} est un classeur XLSX : il s'importe au format grid-xlsx, pas ${opts.format}.`,
        en: `The file ${workbook} is an XLSX workbook: it is imported in the grid-xlsx format, not ${opts.format}.`,
      },
      { file: workbook, field: 'format' },
    );
  }
  if (loaded.length !== 1) {
    throw new UserError('INPUT_INVALID', oneFileOnly('grid-xlsx', names), { file: names });
  }
  const file = loaded[0]!;
  const bytes = 'bytes' in file ? file.bytes : new TextEncoder().encode(file.text);
  const id = opts.id === undefined ? idFromFileName(file.name) : checkId(opts.id);
  return parseGridXlsx({ name: file.name, bytes }, id, spreadsheetGridOptions(id));
}
