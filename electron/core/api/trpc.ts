/**
 * tRPC setup of the core API (plain JSON, no superjson: dates are ISO strings). A UserError thrown by a service
 * becomes a TRPCError (NOT_FOUND for unknown things, BAD_REQUEST otherwise) whose message is the French message
 * unchanged; the error formatter exposes `error.data.userError = { code, message, location, params, en }` to the renderer.
 * A zod validation failure is exposed the same way, as an INPUT_INVALID user error naming the field.
 * FORBIDDEN (role), CONFLICT (stale version) and INVITATION_INVALID (401) keep their own tRPC codes.
 */
import { TRPCError, initTRPC } from '@trpc/server';
import { ZodError } from 'zod';
import { type ErrorLocation, type ErrorParams, type UserError, type UserErrorCode, isUserError } from '../../../shared/errors';
import type { Actor } from '../../../shared/roles';
import type { Core } from '../core';
import { runAsActor } from '../services/actor';
import { checkAccess } from './access';
import { zodIssueFr } from './zod-fr';

/** Context of every procedure: the open workspace's services and who calls (absent = the local référent,
 *  `LOCAL_REFERENT` of shared/roles.ts: the desktop app, the CLI, in-process callers). */
export interface Context {
  core: Core;
  actor?: Actor;
}

/** What `error.data.userError` carries. */
export interface UserErrorData {
  code: UserErrorCode;
  message: string;
  location: ErrorLocation;
  /** The values named in the message (shared/errors.ts `ErrorParams`: ids a screen can act on); `{}` when none. */
  params: ErrorParams;
  /** The same message in English (shared/errors.ts `Bilingual`), null when the error has only its French sentence. */
  en: string | null;
}

const NOT_FOUND_CODES: ReadonlySet<UserErrorCode> = new Set(['NOT_FOUND', 'NODE_UNKNOWN', 'REFERENTIAL_UNKNOWN', 'FILE_NOT_FOUND']);

/** The tRPC code of a user error: NOT_FOUND for unknown things, FORBIDDEN, CONFLICT, UNAUTHORIZED, else BAD_REQUEST. */
function trpcCode(code: UserErrorCode): 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT' | 'UNAUTHORIZED' | 'BAD_REQUEST' {
  if (NOT_FOUND_CODES.has(code)) return 'NOT_FOUND';
  if (code === 'FORBIDDEN' || code === 'CONFLICT') return code;
  if (code === 'INVITATION_INVALID') return 'UNAUTHORIZED';
  return 'BAD_REQUEST';
}

/** The French user error for a zod failure: first issue, with its path. */
function zodUserError(e: ZodError): UserErrorData {
  const issue = e.issues[0];
  const field = issue?.path.join('.') || undefined;
  return {
    code: 'INPUT_INVALID',
    message: `Donnée invalide${field ? ` pour « ${field} »` : ''} : ${issue ? zodIssueFr(issue) : 'format incorrect'}.`,
    location: field ? { field } : {},
    params: field ? { field } : {},
    en: `Invalid value${field ? ` for “${field}”` : ''}: ${issue?.message ?? 'wrong format'}.`,
  };
}

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    let userError: UserErrorData | null = null;
    if (isUserError(cause)) userError = { code: cause.code, message: cause.message, location: cause.location, params: cause.params ?? {}, en: cause.en ?? null };
    else if (cause instanceof ZodError) userError = zodUserError(cause);
    return {
      ...shape,
      message: userError?.message ?? shape.message,
      data: { ...shape.data, stack: undefined, userError },
    };
  },
});

/** The TRPCError of a UserError: the right code, the message unchanged, the cause kept. */
function userTrpcError(cause: UserError): TRPCError {
  return new TRPCError({ code: trpcCode(cause.code), message: cause.message, cause });
}

/**
 * A subscription's events with the UserErrors thrown while they run turned into TRPCErrors: thrown during the
 * iteration, after the middleware returned, they would otherwise reach the client as INTERNAL_SERVER_ERROR, which
 * the browser mode's SSE link retries forever (the screen then waits on its last event) instead of showing them.
 */
async function* userErrorsOf<T>(events: AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
  try {
    yield* events;
  } catch (e) {
    throw isUserError(e) ? userTrpcError(e) : e;
  }
}

const isAsyncIterable = (v: unknown): v is AsyncIterable<unknown> => typeof v === 'object' && v !== null && Symbol.asyncIterator in v;

/** Turns a UserError from the resolver (or from a subscription's events) into a TRPCError (`userTrpcError`). */
const userErrors = t.middleware(async ({ next, type }) => {
  const result = await next();
  if (!result.ok && isUserError(result.error.cause)) throw userTrpcError(result.error.cause);
  if (result.ok && type === 'subscription' && isAsyncIterable(result.data)) return { ...result, data: userErrorsOf(result.data) };
  return result;
});

/**
 * Roles enforced in the core (access.ts): a remote actor's call is checked against the table, then runs with the
 * actor's name as the author of what it writes (services/actor.ts). No actor: the local référent, unchanged.
 */
const accessControl = t.middleware(async ({ ctx, path, type, getRawInput, next }) => {
  const actor = ctx.actor;
  if (actor === undefined) return next();
  checkAccess(ctx.core, actor, path, type, await getRawInput());
  return actor.role === 'referent' && actor.invitationId === undefined ? next() : runAsActor(actor.name, () => next());
});

export const router = t.router;
export const procedure = t.procedure.use(userErrors).use(accessControl);
export const createCallerFactory = t.createCallerFactory;
