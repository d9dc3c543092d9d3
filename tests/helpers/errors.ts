/** Catching the UserError a call must throw, so a test can assert its code, message and location. */
import { expect } from 'vitest';
import { UserError } from '../../shared/errors';

/** Runs `fn`, expects it to throw a UserError and returns it; fails the test if nothing (or something else) is thrown. */
export function userError(fn: () => unknown): UserError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return e as UserError;
  }
  throw new Error('une UserError était attendue');
}

/** The same for a promise: awaits it, expects a UserError rejection and returns it. */
export async function userErrorAsync(p: Promise<unknown>): Promise<UserError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return e as UserError;
  }
  throw new Error('une UserError était attendue');
}
