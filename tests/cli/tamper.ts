/**
 * Test helper: rewrites an audit-pack zip with one entry's bytes changed, keeping a valid zip, so that only the
 * pack's own checks (SHA256SUMS, manifest.json) can notice.
 */
import { createWriteStream } from 'node:fs';
import yauzl from 'yauzl';
import yazl from 'yazl';

/** Reads every entry of `zipPath` as a Buffer, in order. */
export function readZip(zipPath: string): Promise<Array<{ name: string; data: Buffer }>> {
  return new Promise((resolve, reject) => {
    yauzl.open(zipPath, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('no zip'));
      const out: Array<{ name: string; data: Buffer }> = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (e2, stream) => {
          if (e2 || !stream) return reject(e2 ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.push({ name: entry.fileName, data: Buffer.concat(chunks) });
            zip.readEntry();
          });
          stream.on('error', reject);
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** Writes `entries` to `zipPath` (fixed dates). */
export function writeZip(zipPath: string, entries: Array<{ name: string; data: Buffer }>): Promise<void> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    for (const e of entries) zip.addBuffer(e.data, e.name, { mtime: new Date(Date.UTC(2026, 0, 1)) });
    zip.end();
    zip.outputStream.pipe(createWriteStream(zipPath)).on('close', () => resolve()).on('error', reject);
  });
}

/** Copies `src` to `dest` with `change` applied to the bytes of entry `name`. Throws when the entry is absent. */
export async function tamperZip(src: string, dest: string, name: string, change: (data: Buffer) => Buffer): Promise<void> {
  const entries = await readZip(src);
  const target = entries.find((e) => e.name === name);
  if (!target) throw new Error(`entry ${name} absent from ${src}: ${entries.map((e) => e.name).join(', ')}`);
  target.data = change(target.data);
  await writeZip(dest, entries);
}
