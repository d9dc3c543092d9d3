/**
 * tRPC v11 terminating link over Electron IPC, renderer side. Talks to the preload's `window.labelAudit`
 * (`send`, `onMessage`) on the wire format of electron/shell/protocol.ts (copied here as types: the renderer
 * imports nothing from electron/ but the router type; tests/shell/ipc.test.ts checks both copies agree).
 * Supports queries, mutations and subscriptions; unsubscribing a running subscription sends `subscription.stop`.
 */
import { TRPCClientError, type TRPCLink } from '@trpc/client';
import type { AnyTRPCRouter } from '@trpc/server';
import { observable } from '@trpc/server/observable';
import type { AppRouter } from '../../../electron/core/api/router';

/** Renderer → main messages (same shapes as electron/shell/protocol.ts). */
export type IpcClientMessage =
  | { id: number; type: 'request'; kind: 'query' | 'mutation' | 'subscription'; path: string; input: unknown }
  | { id: number; type: 'subscription.stop' };

/** Main → renderer messages (same shapes as electron/shell/protocol.ts). */
export type IpcServerMessage =
  | { id: number; result: { type: 'data'; data: unknown } | { type: 'started' } | { type: 'stopped' } }
  | { id: number; error: unknown };

/** What the preload exposes as `window.labelAudit`: exactly two functions. */
export interface LabelAuditBridge {
  send(message: IpcClientMessage): void;
  /** Registers `callback` for every message from main; returns the unsubscribe function. */
  onMessage(callback: (message: IpcServerMessage) => void): () => void;
}

declare global {
  interface Window {
    /** Present only inside Electron (preload.ts); absent in browser mode. */
    labelAudit?: LabelAuditBridge;
  }
}

/**
 * A `TRPCLink` sending every operation through `bridge` (default `window.labelAudit`). One `onMessage` listener
 * per link dispatches answers by id. Errors arrive as the router's error shape and become `TRPCClientError`s
 * whose `data.userError` carries `{ code, message, location }`.
 * @throws Error when no bridge is available (not inside Electron).
 */
export function ipcLink<TRouter extends AnyTRPCRouter = AppRouter>(bridge?: LabelAuditBridge): TRPCLink<TRouter> {
  const b = bridge ?? (typeof window === 'undefined' ? undefined : window.labelAudit);
  if (b === undefined) throw new Error("Le pont IPC (window.labelAudit) est absent : l'application ne tourne pas dans Electron.");
  const handlers = new Map<number, (message: IpcServerMessage) => void>();
  // Ids start from the clock so that a reloaded page does not reuse the ids of the previous one (main keys
  // running subscriptions by sender and id); they stay safe integers for centuries.
  let nextId = (Date.now() % 1_000_000_000) * 1000 + 1;
  let unsubscribeBridge: (() => void) | null = null;

  const listen = () => {
    unsubscribeBridge ??= b.onMessage((message) => {
      if (typeof message === 'object' && message !== null && typeof message.id === 'number') handlers.get(message.id)?.(message);
    });
  };

  return () =>
    ({ op }) =>
      observable((observer) => {
        listen();
        const id = nextId++;
        let done = false;
        const finish = () => {
          done = true;
          handlers.delete(id);
        };
        handlers.set(id, (message) => {
          if ('error' in message) {
            finish();
            observer.error(TRPCClientError.from<TRouter>({ error: message.error }));
            return;
          }
          const result = message.result;
          if (op.type !== 'subscription') {
            finish();
            observer.next({ result: { type: 'data', data: result.type === 'data' ? result.data : undefined } as never });
            observer.complete();
            return;
          }
          if (result.type === 'stopped') {
            finish();
            observer.next({ result: { type: 'stopped' } });
            observer.complete();
            return;
          }
          observer.next({ result: result as never });
        });
        b.send({ id, type: 'request', kind: op.type, path: op.path, input: op.input });
        return () => {
          if (done) return;
          finish();
          if (op.type === 'subscription') b.send({ id, type: 'subscription.stop' });
        };
      });
}
