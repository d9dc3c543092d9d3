/**
 * yazl computes the CRC-32 of streamed entries with the pure-JS `buffer-crc32` (≈ 600 ms of CPU per 190 MB in
 * scripts/bench-pack.ts). Node ≥ 20.15 has a native `zlib.crc32` with the same contract
 * (`crc32(data, previous)` → unsigned 32-bit). When it exists and agrees with the JS version on check values,
 * yazl's `crc32.unsigned` is pointed at it; otherwise nothing changes. Same bytes either way
 * (tests: `unzip -t` on a built pack checks every CRC).
 */
import { createRequire } from 'node:module';
import zlib from 'node:zlib';

type Crc = (data: Buffer, previous?: number) => number;

/** Patches yazl's CRC-32 once; returns whether the native CRC is in use. Never throws. */
export function useNativeCrc32(): boolean {
  try {
    const native = (zlib as unknown as { crc32?: (data: Buffer, value?: number) => number }).crc32;
    if (typeof native !== 'function') return false;
    const fromYazl = createRequire(createRequire(import.meta.url).resolve('yazl'));
    const mod = fromYazl('buffer-crc32') as { unsigned?: Crc & { native?: boolean } };
    const js = mod.unsigned;
    if (typeof js !== 'function') return false;
    if (js.native) return true;
    const fast: Crc & { native?: boolean } = (data, previous) => native(data, previous ?? 0);
    fast.native = true;
    const a = Buffer.from('123456789');
    const b = Buffer.from('Délibération « œuvre »');
    if (fast(a) !== 0xcbf43926 || fast(b, fast(a)) !== js(b, js(a))) return false;
    mod.unsigned = fast;
    return true;
  } catch {
    return false;
  }
}
