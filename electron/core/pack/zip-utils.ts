/**
 * Small zip helpers for the pack: collecting a stream, and re-zipping a generated archive (the XLSX) with fixed
 * dates so that the pack is byte-identical for the same state (DOMAIN.md "The audit pack": fixed dates).
 */
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import yazl from 'yazl';

/**
 * yazl fills the DOS date/time fields from the local getters of the entry's Date (getHours…), so the same pack
 * would differ between a laptop in Paris and one in Saint-Denis de La Réunion. This Date answers the local
 * getters with its UTC components: the DOS fields hold the jalon's UTC wall time on every machine, while
 * getTime() — used for the Info-ZIP "UT" extra field that extractors prefer — stays the exact instant.
 */
class UtcFieldsDate extends Date {
  override getFullYear(): number {
    return this.getUTCFullYear();
  }
  override getMonth(): number {
    return this.getUTCMonth();
  }
  override getDate(): number {
    return this.getUTCDate();
  }
  override getHours(): number {
    return this.getUTCHours();
  }
  override getMinutes(): number {
    return this.getUTCMinutes();
  }
  override getSeconds(): number {
    return this.getUTCSeconds();
  }
}

/** The Date to give yazl for an entry dated `d`: same instant, DOS fields in UTC (see UtcFieldsDate). */
export function zipDate(d: Date): Date {
  return new UtcFieldsDate(d.getTime());
}

/** Reads a whole stream into one Buffer (for generated entries of a few MB at most, never for evidence). */
export async function streamToBuffer(stream: NodeJS.ReadableStream | Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer | string>) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/**
 * Rewrites the zip in `buffer` with every entry's mtime set to `mtime`, in the same entry order, deflated.
 * Used on exceljs output, whose zip library stamps each entry with the current time.
 * Shapes: bytes in, bytes out. Throws the zip library's error on a corrupt input (ours, never the user's).
 */
export async function rezipWithDate(buffer: Buffer, mtime: Date): Promise<Buffer> {
  const src = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, decodeStrings: true });
  const out = new yazl.ZipFile();
  const done = streamToBuffer(out.outputStream);
  for await (const entry of src.eachEntry()) {
    if (entry.fileName.endsWith('/')) continue;
    const stream = await src.openReadStreamPromise(entry);
    const bytes = await streamToBuffer(stream);
    out.addBuffer(bytes, entry.fileName, { mtime: zipDate(mtime), compress: true, mode: 0o100644 });
  }
  out.end({ forceZip64Format: false, comment: '' });
  return done;
}
