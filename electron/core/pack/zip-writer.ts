/**
 * Streams the pack's zip to `outPath + '.part'`, then renames it: generated buffers and evidence files in
 * path order, evidence read once through a hashing pass-through, then the trailer entries built from the hashes
 * (fichiers-manquants, manifest.json, SHA256SUMS). On error or abort the partial file is removed.
 * Source: DOMAIN.md "The audit pack" (deterministic, fixed dates, Zip64 when needed).
 */
import { createReadStream, createWriteStream, promises as fsp, type ReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { useNativeCrc32 } from './crc-fast';
import { zipDate } from './zip-utils';
import { HashingPassThrough, sha256Hex, shouldCompress } from './evidence-files';
import type { EvidenceFile } from './layout';
import type { BuildPackOptions, PackResult } from './types';

/** A written entry as the manifest lists it: path, size in bytes, hex SHA-256. */
export interface FileRecord {
  path: string;
  size: number;
  sha256: string;
}

/** One entry to write, in order: bytes already in memory, or an evidence file streamed from the store. */
export type ZipItem = { kind: 'buffer'; path: string; data: Buffer } | { kind: 'evidence'; file: EvidenceFile };

useNativeCrc32();

/** Mode of every entry (regular file, rw-r--r--): fixed for byte-identical packs. */
const MODE = 0o100644;
/** Progress is reported once with the totals before any evidence byte, then at least every 4 MiB of evidence and after every file. */
const PROGRESS_STEP = 4 * 1024 * 1024;

/**
 * Writes `items` (already in their final order, every entry dated `date`, see `zipDate`), then the entries returned by `trailer(records)`, where
 * `records` are the FileRecords of the items (evidence with the SHA-256 actually read). Resolves once the
 * zip is fsynced and renamed to `outPath`.
 * @throws the abort reason when `opts.signal` aborts; any I/O error (the partial file is removed first).
 */
export async function writeZip(
  items: readonly ZipItem[],
  trailer: (records: FileRecord[]) => { path: string; data: Buffer }[],
  outPath: string,
  date: Date,
  opts: BuildPackOptions = {},
): Promise<Omit<PackResult, 'missing'>> {
  const { signal, onProgress } = opts;
  const mtime = zipDate(date);
  signal?.throwIfAborted();
  const part = `${outPath}.part`;
  const zip = new yazl.ZipFile();
  const out = createWriteStream(part);
  const readers = new Set<ReadStream>();
  let rejectFailure: (e: unknown) => void = () => {};
  const failure = new Promise<never>((_, reject) => (rejectFailure = reject));
  failure.catch(() => {});
  const fail = (e: unknown) => rejectFailure(e);
  const onAbort = () => fail(signal?.reason ?? new Error('Export annulé.'));
  signal?.addEventListener('abort', onAbort, { once: true });
  zip.on('error', fail);
  const piped = pipeline(zip.outputStream, out);
  piped.catch(fail);

  const evidence = items.filter((i): i is Extract<ZipItem, { kind: 'evidence' }> => i.kind === 'evidence');
  const totalFiles = evidence.length;
  const totalBytes = evidence.reduce((s, i) => s + i.file.size, 0);
  let files = 0;
  let bytes = 0;
  let lastReported = 0;
  const report = (force: boolean) => {
    if (!onProgress || (!force && bytes - lastReported < PROGRESS_STEP)) return;
    lastReported = bytes;
    onProgress({ files, totalFiles, bytes, totalBytes });
  };
  onProgress?.({ files, totalFiles, bytes, totalBytes }); // the totals, before the first byte (the UI's estimate starts here)

  try {
    const records: (FileRecord | Promise<FileRecord>)[] = [];
    for (const item of items) {
      if (item.kind === 'buffer') {
        zip.addBuffer(item.data, item.path, { mtime, mode: MODE, compress: shouldCompress(item.path) });
        records.push({ path: item.path, size: item.data.length, sha256: sha256Hex(item.data) });
        continue;
      }
      const f = item.file;
      records.push(
        new Promise<FileRecord>((resolve) => {
          zip.addReadStreamLazy(f.path, { mtime, mode: MODE, size: f.size, compress: shouldCompress(f.path) }, (cb) => {
            const source = createReadStream(f.source);
            readers.add(source);
            const hasher = new HashingPassThrough((n) => {
              bytes += n;
              report(false);
            });
            source.on('error', fail);
            hasher.on('end', () => {
              readers.delete(source);
              files += 1;
              report(true);
              resolve({ path: f.path, size: hasher.bytes, sha256: hasher.digest ?? '' });
            });
            cb(null, source.pipe(hasher));
          });
        }),
      );
    }
    const written = await Promise.race([Promise.all(records), failure]);
    const tail = trailer(written);
    for (const t of tail) zip.addBuffer(t.data, t.path, { mtime, mode: MODE, compress: true });
    zip.end({ forceZip64Format: false, comment: '' });
    await Promise.race([piped, failure]);
    const handle = await fsp.open(part, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    signal?.throwIfAborted();
    await fsp.rename(part, outPath);
    const st = await fsp.stat(outPath);
    return { path: outPath, entries: written.length + tail.length, bytes: st.size };
  } catch (e) {
    for (const r of readers) r.destroy();
    (zip.outputStream as unknown as { destroy?: () => void }).destroy?.();
    out.destroy();
    if (!out.closed) await new Promise<void>((r) => out.once('close', () => r()));
    await fsp.rm(part, { force: true });
    throw e;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
