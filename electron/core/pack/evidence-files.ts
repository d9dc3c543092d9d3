/**
 * Evidence bytes for the pack: which files of the store can be read (a stat pass, before anything is written),
 * and a hashing pass-through that computes SHA-256 while yazl streams a file (each file read once, never held
 * in memory). Source: DOMAIN.md "The audit pack" (nothing missing silently), tete-referentials.md §4.6.
 */
import { createHash } from 'node:crypto';
import { constants, promises as fsp } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import type { Availability } from './layout';
import { packFileWordsBoth } from './words';
import type { PackPreuve } from './types';

/** Extensions whose content is already compressed: stored as is (deflating them costs time and gains nothing). */
const COMPRESSED_EXT = new Set([
  'pdf', 'jpg', 'jpeg', 'png', 'gif', 'webp', 'heic', 'avif', 'zip', '7z', 'gz', 'tgz', 'bz2', 'xz', 'rar',
  'docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp', 'epub', 'mp3', 'mp4', 'm4a', 'mov', 'avi', 'mkv', 'webm', 'ogg',
]);

/** Whether the zip entry `path` should be deflated (false for already-compressed formats). */
export function shouldCompress(path: string): boolean {
  const dot = path.lastIndexOf('.');
  return dot < 0 || !COMPRESSED_EXT.has(path.slice(dot + 1).toLowerCase());
}

/**
 * Stats every distinct file of `preuves` in the evidence store (bounded concurrency).
 * Returns, per sha256, the real size in bytes or the reason it cannot be packed, in French and English (words.ts): absent, not a regular
 * file, not readable, or a size different from the one recorded (`PackPreuve.size`).
 */
export async function statEvidence(preuves: readonly PackPreuve[], evidencePath: (sha256: string) => string): Promise<Map<string, Availability>> {
  const expected = new Map<string, number | null>();
  for (const p of preuves) if (p.kind === 'fichier' && p.sha256) expected.set(p.sha256, p.size);
  const result = new Map<string, Availability>();
  const shas = [...expected.keys()];
  let next = 0;
  const worker = async () => {
    while (next < shas.length) {
      const sha = shas[next++] as string;
      result.set(sha, await statOne(evidencePath(sha), expected.get(sha) ?? null));
    }
  };
  await Promise.all(Array.from({ length: Math.min(16, shas.length) }, worker));
  return result;
}

async function statOne(path: string, size: number | null): Promise<Availability> {
  try {
    const st = await fsp.stat(path);
    if (!st.isFile()) return { ok: false, reason: packFileWordsBoth((w) => w.notAFile) };
    if (size !== null && st.size !== size) return { ok: false, reason: packFileWordsBoth((w) => w.sizeMismatch(st.size, size)) };
    await fsp.access(path, constants.R_OK);
    return { ok: true, size: st.size };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, reason: packFileWordsBoth((w) => w.absent) };
    return { ok: false, reason: packFileWordsBoth((w) => w.unreadable(code ?? (e as Error).message)) };
  }
}

/**
 * Pass-through computing the SHA-256 (hex, on `digest`) and counting bytes of what flows through it.
 * `onBytes(n)` is called for every chunk (progress).
 */
export class HashingPassThrough extends Transform {
  private readonly hash = createHash('sha256');
  bytes = 0;
  digest: string | null = null;
  constructor(private readonly onBytes: (n: number) => void = () => {}) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    this.onBytes(chunk.length);
    cb(null, chunk);
  }
  override _flush(cb: TransformCallback): void {
    this.digest = this.hash.digest('hex');
    cb();
  }
}

/** Hex SHA-256 of a buffer. */
export function sha256Hex(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
