/**
 * Shared pieces of the fuzz suites (issue 7 item 3): byte mutations of a real file as fast-check arbitraries, and
 * the property "a result or a UserError, never another exception".
 */
import fc from 'fast-check';
import { isUserError } from '../../shared/errors';

/** Fixed seed of every fuzz property, so that a failure replays identically (change it to explore further). */
export const FUZZ_SEED = 20260701;

/**
 * Broken versions of `original`: random bytes (≤ 2 KiB), a truncation at any length, 1–8 bytes overwritten at
 * random places, or a random slice inserted at a random place.
 */
export function mutationsOf(original: Uint8Array): fc.Arbitrary<Uint8Array> {
  const n = Math.max(original.length, 1);
  return fc.oneof(
    fc.uint8Array({ maxLength: 2048 }),
    fc.integer({ min: 0, max: original.length }).map((cut) => original.subarray(0, cut)),
    fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }).map((flips) => {
      const b = Uint8Array.from(original);
      for (const [at, value] of flips) b[at % b.length] = value;
      return b;
    }),
    fc.tuple(fc.integer({ min: 0, max: original.length }), fc.uint8Array({ minLength: 1, maxLength: 64 })).map(([at, extra]) => {
      const b = new Uint8Array(original.length + extra.length);
      b.set(original.subarray(0, at), 0);
      b.set(extra, at);
      b.set(original.subarray(at), at + extra.length);
      return b;
    }),
  );
}

/**
 * Runs `fn`: 'ok' when it returns, 'refused' when it throws a UserError; anything else thrown is rethrown with the
 * input's size, so that the property fails and fast-check shrinks the input.
 */
export async function resultOrUserError(fn: () => unknown): Promise<'ok' | 'refused'> {
  try {
    await fn();
    return 'ok';
  } catch (e) {
    if (isUserError(e)) return 'refused';
    throw e;
  }
}
