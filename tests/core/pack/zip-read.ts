/** Test helper: every entry of a (small) zip, in order, with its bytes and raw header fields. */
import yauzl from 'yauzl';
import { streamToBuffer } from '../../../electron/core/pack/zip-utils';

export interface ReadEntry {
  name: string;
  data: Buffer;
  flags: number;
  mtime: Date;
  compressionMethod: number;
}

export async function readZip(path: string): Promise<ReadEntry[]> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true });
  const out: ReadEntry[] = [];
  for await (const e of zip.eachEntry()) {
    const data = await streamToBuffer(await zip.openReadStreamPromise(e));
    out.push({ name: e.fileName, data, flags: e.generalPurposeBitFlag, mtime: e.getLastModDate(), compressionMethod: e.compressionMethod });
  }
  return out;
}

export async function entryMap(path: string): Promise<Map<string, Buffer>> {
  return new Map((await readZip(path)).map((e) => [e.name, e.data]));
}
