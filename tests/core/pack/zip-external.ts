/**
 * Test helpers opening a pack with other programs than ours (issue 4 "Done when": each case checked by opening
 * the zip with `unzip -l` / Python's zipfile): Python's `zipfile` (python3) and Info-ZIP's `unzip -l`.
 */
import { execFileSync } from 'node:child_process';

/** One entry as Python's zipfile sees it. `data` is the UTF-8 text of the entries asked for in `read`. */
export interface PyEntry {
  name: string;
  size: number;
  compressSize: number;
  headerOffset: number;
  /** bit 11 of the general purpose flags (UTF-8 names). */
  utf8: boolean;
  /** (year, month, day, hour, minute, second) as stored in the DOS fields. */
  dateTime: number[];
}

const PY = `
import json, sys, zipfile
path = sys.argv[1]
read = json.loads(sys.argv[2])
with zipfile.ZipFile(path) as z:
    entries = [{'name': i.filename, 'size': i.file_size, 'compressSize': i.compress_size, 'headerOffset': i.header_offset,
                'utf8': bool(i.flag_bits & 0x800), 'dateTime': list(i.date_time)} for i in z.infolist()]
    data = {n: z.read(n).decode('utf-8') for n in read}
    bad = z.testzip() if len(read) == 0 and len(entries) < 100 else None
json.dump({'entries': entries, 'data': data, 'bad': bad}, sys.stdout)
`;

/**
 * Opens `zipPath` with Python's zipfile: every entry's info, the text of the entries named in `read`, and (for a
 * zip of fewer than 100 entries when `read` is empty) the first entry whose CRC fails `testzip()`, else null.
 * Throws when python3 fails (e.g. "BadZipFile").
 */
export function pythonZip(zipPath: string, read: string[] = []): { entries: PyEntry[]; data: Record<string, string>; bad: string | null } {
  const out = execFileSync('python3', ['-c', PY, zipPath, JSON.stringify(read)], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(out) as { entries: PyEntry[]; data: Record<string, string>; bad: string | null };
}

/** Info-ZIP prints UTF-8 names as such only under a UTF-8 locale. */
const UTF8_ENV = { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' };

/**
 * `unzip -Z1` lists the names (one a line, as Info-ZIP decodes them); `unzip -l` gives the totals line.
 * Returns the names and the `N files` count and total size of the last line of `unzip -l`.
 */
export function unzipList(zipPath: string): { names: string[]; count: number; totalBytes: number } {
  const names = execFileSync('unzip', ['-Z1', zipPath], { env: UTF8_ENV, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }).split('\n').filter((l) => l !== '');
  const listing = execFileSync('unzip', ['-l', zipPath], { env: UTF8_ENV, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }).trimEnd().split('\n');
  const last = (listing.at(-1) ?? '').trim();
  const m = /^(\d+)\s+(\d+) files?$/.exec(last);
  if (!m) throw new Error(`unzip -l : dernière ligne inattendue « ${last} »`);
  return { names, count: Number(m[2]), totalBytes: Number(m[1]) };
}
