/**
 * The reading step of the référentiel import with progress (services/referential-import.ts): files read from disk or
 * taken as received, text decoded as UTF-8, and the TETE CSVs (the large files: 0.9 Mo, 1 470 rows for CAE) parsed
 * in chunks that yield to the event loop, so that the bar moves with the lines read and a cancel can arrive. What it
 * returns goes to `importReferentialFilesAsync`, which then parses nothing twice (`SourceFile.records`).
 */
import { basename, extname } from 'node:path';
import { parseCsvRecordsAsync } from './csv';
import { decodeUtf8, readSourceBytes, type BinarySourceFile } from './decode';
import { detectFileKind, isXlsx, type ImportInput, type ReferentialFormat } from './index';
import type { SourceFile } from './source';

/** Progress of the reading step: characters parsed of the CSV text to parse, and lines (CSV records) read so far. */
export interface ReadProgress {
  chars: number;
  totalChars: number;
  lines: number;
}

/**
 * Reads and decodes `inputs` (paths, decoded files or bytes) and parses the TETE structure and preuves CSVs into
 * `records` (csv.ts `parseCsvRecordsAsync`), reporting `onProgress` after each chunk. Workbooks (an `.xlsx` name, ZIP
 * bytes or `format` `grid-xlsx`) are left as bytes, and then nothing is decoded (the dispatcher refuses the mix by
 * name). Files of other formats are decoded only: their importers parse them in one go (they are small).
 * @throws the reason of `signal` once aborted (checked between chunks); UserError FILE_NOT_FOUND / FILE_UNREADABLE
 *   (path; bytes not UTF-8), FORMAT_UNKNOWN / REFERENTIAL_INVALID (JSON shape or syntax, from `detectFileKind`) and
 *   the CSV quoting error naming the file and line, as the import without progress throws them.
 */
export async function prepareImportFiles(
  inputs: readonly ImportInput[],
  opts: { format?: ReferentialFormat; signal?: AbortSignal; onProgress?: (p: ReadProgress) => void } = {},
): Promise<(SourceFile | BinarySourceFile)[]> {
  const loaded = inputs.map((f) => (typeof f === 'string' ? { name: basename(f), bytes: readSourceBytes(f), shown: f } : f));
  if (opts.format === 'grid-xlsx' || loaded.some(isXlsx)) return loaded.map((f) => ('shown' in f ? { name: f.name, bytes: f.bytes } : f));
  const files: SourceFile[] = loaded.map((f) => ('bytes' in f ? { name: f.name, text: decodeUtf8('shown' in f ? f.shown : f.name, f.bytes) } : f));
  const toParse = files.filter((f) => extname(f.name).toLowerCase() === '.csv' && ['tete-structure', 'tete-preuves'].includes(detectFileKind(f)));
  const totalChars = toParse.reduce((n, f) => n + f.text.length, 0);
  let before = { chars: 0, lines: 0 };
  opts.onProgress?.({ chars: 0, totalChars, lines: 0 });
  const parsed = new Map<SourceFile, string[][]>();
  for (const file of toParse) {
    const base = before;
    const records = await parseCsvRecordsAsync(file, {
      signal: opts.signal,
      onProgress: (chars, _total, lines) => opts.onProgress?.({ chars: base.chars + chars, totalChars, lines: base.lines + lines }),
    });
    parsed.set(file, records);
    before = { chars: base.chars + file.text.length, lines: base.lines + records.length };
  }
  return files.map((f) => {
    const records = parsed.get(f);
    return records === undefined ? f : { ...f, records };
  });
}
