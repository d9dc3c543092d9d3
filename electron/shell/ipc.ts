/**
 * tRPC v11 over Electron IPC, main side (electron-trpc does not support v11; this is our small replacement).
 * Listens on the one channel `label-audit:trpc` (protocol.ts), runs queries, mutations and subscriptions on the
 * router, and answers the sending webContents. Every message's sender is checked first (ARCHITECTURE.md
 * "Electron": main frame, expected origin); anything else is dropped and logged.
 *
 * Electron objects are described structurally so the module is testable with stand-ins and imports no Electron.
 */
import {
  callTRPCProcedure,
  getTRPCErrorFromUnknown,
  getTRPCErrorShape,
  isTrackedEnvelope,
  type AnyTRPCRouter,
  type inferRouterContext,
} from '@trpc/server';
import { isObservable, type Unsubscribable } from '@trpc/server/observable';
import { IPC_CHANNEL, type IpcClientMessage, type IpcRequestMessage, type IpcServerMessage } from './protocol';

/** A frame as Electron's `WebFrameMain` exposes it (only what we read). */
export interface IpcFrameLike {
  readonly url: string;
}

/** The sending `WebContents` (only what we use). */
export interface IpcSenderLike {
  readonly id: number;
  readonly mainFrame: IpcFrameLike;
  send(channel: string, message: IpcServerMessage): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
}

/** An `IpcMainEvent` (only what we use). `senderFrame` is null when the frame navigated away or died. */
export interface IpcEventLike {
  readonly sender: IpcSenderLike;
  readonly senderFrame: IpcFrameLike | null;
}

/** `ipcMain` (only what we use). */
export interface IpcMainLike {
  on(channel: string, listener: (event: IpcEventLike, message: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: IpcEventLike, message: unknown) => void): unknown;
}

export interface RegisterIpcHandlerOptions<TRouter extends AnyTRPCRouter> {
  ipcMain: IpcMainLike;
  router: TRouter;
  /** Called once per request; the router's context (`{ core }`). */
  createContext: () => inferRouterContext<TRouter> | Promise<inferRouterContext<TRouter>>;
  /** Sender check run on EVERY message (security.ts `isTrustedSender`); false → message dropped and logged. */
  isAllowedSender: (event: IpcEventLike) => boolean;
  /** Where dropped messages and internal errors are reported (default `console.warn`). */
  log?: (message: string) => void;
}

/**
 * Values crossing IPC are cleaned in one place (STYLE.md, Signal): plain JSON, as over HTTP, so dates become ISO
 * strings and class instances plain objects on both transports.
 */
function toJson(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/** Checks the untrusted message shape; returns null when it is not one of ours. */
function parseMessage(raw: unknown): IpcClientMessage | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const m = raw as Record<string, unknown>;
  if (typeof m.id !== 'number' || !Number.isSafeInteger(m.id)) return null;
  if (m.type === 'subscription.stop') return { id: m.id, type: 'subscription.stop' };
  if (m.type !== 'request' || typeof m.path !== 'string' || m.path.length > 200) return null;
  if (m.kind !== 'query' && m.kind !== 'mutation' && m.kind !== 'subscription') return null;
  return { id: m.id, type: 'request', kind: m.kind, path: m.path, input: m.input };
}

function describeSender(event: IpcEventLike): string {
  const frame = event.senderFrame;
  const where = frame === null ? 'cadre détruit' : frame === event.sender.mainFrame ? frame.url : `sous-cadre ${frame.url}`;
  return `webContents ${event.sender.id} (${where})`;
}

/**
 * Starts answering tRPC messages on `label-audit:trpc`.
 * Requests are `{ id, type: 'request', kind, path, input }`; answers are `{ id, result: { type: 'data', data } }`
 * or `{ id, error }` (the router's error shape, so `error.data.userError` reaches the client). Subscriptions
 * (observables or async iterables) answer `started`, then one `data` per event, then `stopped`; they end on
 * `{ id, type: 'subscription.stop' }` or when the sender's webContents is destroyed.
 * Messages failing `isAllowedSender` or malformed are dropped and logged, never answered.
 * @returns a function that stops listening and ends every running subscription.
 */
export function registerIpcHandler<TRouter extends AnyTRPCRouter>(opts: RegisterIpcHandlerOptions<TRouter>): () => void {
  const log = opts.log ?? ((m: string) => console.warn(`[ipc] ${m}`));
  /** Running subscriptions by sender id, then request id. */
  const running = new Map<number, Map<number, () => void>>();
  const watched = new WeakSet<IpcSenderLike>();

  const stopAllOf = (senderId: number) => {
    const subs = running.get(senderId);
    running.delete(senderId);
    subs?.forEach((stop) => stop());
  };

  const reply = (sender: IpcSenderLike, message: IpcServerMessage) => {
    if (!sender.isDestroyed()) sender.send(IPC_CHANNEL, message);
  };

  const handleRequest = async (sender: IpcSenderLike, msg: IpcRequestMessage) => {
    const config = opts.router._def._config;
    let ctx: inferRouterContext<TRouter> | undefined;
    const ac = new AbortController();
    const errorMessage = (cause: unknown): IpcServerMessage => {
      const error = getTRPCErrorFromUnknown(cause);
      const shape = getTRPCErrorShape({ config, error, type: msg.kind, path: msg.path, input: msg.input, ctx });
      return { id: msg.id, error: toJson(shape) };
    };

    let subs: Map<number, () => void> | undefined;
    if (msg.kind === 'subscription') {
      subs = running.get(sender.id) ?? new Map();
      running.set(sender.id, subs);
      if (subs.has(msg.id)) {
        log(`abonnement ${msg.id} déjà en cours pour webContents ${sender.id} : requête ignorée`);
        return;
      }
      subs.set(msg.id, () => ac.abort());
      if (!watched.has(sender)) {
        watched.add(sender);
        sender.once('destroyed', () => stopAllOf(sender.id));
      }
    }
    const finish = () => subs?.delete(msg.id);

    try {
      ctx = await opts.createContext();
      const result: unknown = await callTRPCProcedure({
        router: opts.router,
        path: msg.path,
        getRawInput: async () => msg.input,
        ctx,
        type: msg.kind,
        signal: ac.signal,
        batchIndex: 0,
      });
      if (msg.kind !== 'subscription') {
        reply(sender, { id: msg.id, result: { type: 'data', data: toJson(result) } });
        return;
      }
      if (ac.signal.aborted) {
        finish();
        reply(sender, { id: msg.id, result: { type: 'stopped' } });
        return;
      }
      const emit = (value: unknown) => {
        const data = isTrackedEnvelope(value) ? { id: value[0], data: value[1] } : value;
        reply(sender, { id: msg.id, result: { type: 'data', data: toJson(data) } });
      };
      reply(sender, { id: msg.id, result: { type: 'started' } });
      if (isObservable(result)) {
        let sub: Unsubscribable | null = null;
        const end = (message: IpcServerMessage) => {
          finish();
          sub?.unsubscribe();
          reply(sender, message);
        };
        subs?.set(msg.id, () => end({ id: msg.id, result: { type: 'stopped' } }));
        sub = result.subscribe({
          next: emit,
          error: (cause) => end(errorMessage(cause)),
          complete: () => end({ id: msg.id, result: { type: 'stopped' } }),
        });
        return;
      }
      if (!isAsyncIterable(result)) throw new Error(`L'abonnement « ${msg.path} » ne renvoie ni observable ni itérable asynchrone.`);
      const iterator = result[Symbol.asyncIterator]();
      const aborted = new Promise<'aborted'>((resolve) => ac.signal.addEventListener('abort', () => resolve('aborted'), { once: true }));
      try {
        for (;;) {
          const next = await Promise.race([iterator.next(), aborted]);
          if (next === 'aborted' || next.done) break;
          emit(next.value);
        }
      } finally {
        finish();
        void iterator.return?.()?.catch(() => undefined);
      }
      reply(sender, { id: msg.id, result: { type: 'stopped' } });
    } catch (cause) {
      finish();
      if (ac.signal.aborted && msg.kind === 'subscription') {
        reply(sender, { id: msg.id, result: { type: 'stopped' } });
        return;
      }
      reply(sender, errorMessage(cause));
    }
  };

  const listener = (event: IpcEventLike, raw: unknown) => {
    if (!safeCheck(opts.isAllowedSender, event)) {
      log(`message refusé : expéditeur non autorisé, ${describeSender(event)}`);
      return;
    }
    const msg = parseMessage(raw);
    if (msg === null) {
      log(`message refusé : forme invalide, ${describeSender(event)}`);
      return;
    }
    if (msg.type === 'subscription.stop') {
      running.get(event.sender.id)?.get(msg.id)?.();
      return;
    }
    void handleRequest(event.sender, msg).catch((e: unknown) => log(`erreur interne sur ${msg.path} : ${String(e)}`));
  };

  opts.ipcMain.on(IPC_CHANNEL, listener);
  return () => {
    opts.ipcMain.removeListener(IPC_CHANNEL, listener);
    [...running.keys()].forEach(stopAllOf);
  };
}

/** A throwing sender check counts as a refusal. */
function safeCheck(check: (event: IpcEventLike) => boolean, event: IpcEventLike): boolean {
  try {
    return check(event);
  } catch {
    return false;
  }
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
