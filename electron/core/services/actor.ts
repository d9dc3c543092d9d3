/**
 * The name the history records for the current call (issue 5 item 4: « history records the actor's name »).
 * The API layer runs each procedure of a remote caller inside `runAsActor(name, …)`; `bindActorName` makes
 * `ctx.user` read that name while the call runs (its async continuations included, through AsyncLocalStorage),
 * and the workspace's user otherwise (desktop app, CLI, in-process callers), so no service needs to change.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ServiceContext } from './context';

const current = new AsyncLocalStorage<{ name: string }>();

/** Runs `fn` with `name` as the author of every row and history event it writes (a Promise result keeps it). */
export function runAsActor<T>(name: string, fn: () => T): T {
  return current.run({ name }, fn);
}

/**
 * Turns `ctx.user` into an accessor: inside `runAsActor` it reads (and a service assigning it, such as the pilote
 * workbook import writing under the pilote's name, writes) the call's name; outside, the workspace's user.
 * Idempotent. Returns `ctx`.
 */
export function bindActorName(ctx: ServiceContext): ServiceContext {
  const descriptor = Object.getOwnPropertyDescriptor(ctx, 'user');
  if (descriptor?.get) return ctx;
  let base = ctx.user;
  Object.defineProperty(ctx, 'user', {
    configurable: true,
    enumerable: true,
    get: () => current.getStore()?.name ?? base,
    set: (v: string) => {
      const store = current.getStore();
      if (store) store.name = v;
      else base = v;
    },
  });
  return ctx;
}
