/**
 * tRPC over IPC, end to end with stand-ins: tRPC client → ipcLink (renderer) → preload bridge (electron mocked)
 * → fake ipcMain → registerIpcHandler → a test router → answers back the same way.
 */
import { createTRPCClient, TRPCClientError } from '@trpc/client';
import { initTRPC, TRPCError } from '@trpc/server';
import { observable } from '@trpc/server/observable';
import { afterEach, beforeAll, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { z } from 'zod';
import { isUserError, UserError } from '../../shared/errors';
import { registerIpcHandler, type IpcEventLike, type IpcFrameLike, type IpcMainLike, type IpcSenderLike } from '../../electron/shell/ipc';
import type * as Shell from '../../electron/shell/protocol';
import { isTrustedSender } from '../../electron/shell/security';
import { ipcLink, type IpcClientMessage, type IpcServerMessage, type LabelAuditBridge } from '../../renderer/src/trpc/ipcLink';

// ---- stand-ins for Electron ------------------------------------------------------------------------------
type Listener = (event: unknown, message: unknown) => void;

const fake = vi.hoisted(() => {
  const state = {
    exposed: {} as Record<string, unknown>,
    mainListeners: new Map<string, Set<(event: unknown, message: unknown) => void>>(),
    rendererListeners: new Map<string, Set<(event: unknown, message: unknown) => void>>(),
    /** The event the next renderer → main message carries (set per test: which frame sends). */
    currentEvent: null as unknown,
  };
  return state;
});

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => {
      fake.exposed[key] = api;
    },
  },
  ipcRenderer: {
    send: (channel: string, message: unknown) => {
      // Electron's structured clone: the main side gets a copy.
      const copy = structuredClone(message);
      const event = fake.currentEvent;
      queueMicrotask(() => fake.mainListeners.get(channel)?.forEach((l) => l(event, copy)));
    },
    on: (channel: string, l: Listener) => {
      const set = fake.rendererListeners.get(channel) ?? new Set();
      set.add(l);
      fake.rendererListeners.set(channel, set);
    },
    removeListener: (channel: string, l: Listener) => {
      fake.rendererListeners.get(channel)?.delete(l);
    },
  },
}));

const ipcMain: IpcMainLike = {
  on: (channel: string, listener: (event: IpcEventLike, message: unknown) => void) => {
    const l = listener as Listener;
    const set = fake.mainListeners.get(channel) ?? new Set();
    set.add(l);
    fake.mainListeners.set(channel, set);
  },
  removeListener: (channel: string, listener: (event: IpcEventLike, message: unknown) => void) => {
    fake.mainListeners.get(channel)?.delete(listener as Listener);
  },
};

class FakeWebContents implements IpcSenderLike {
  readonly mainFrame: IpcFrameLike;
  readonly sent: Shell.IpcServerMessage[] = [];
  private destroyed = false;
  private onDestroyed: Array<() => void> = [];
  constructor(
    readonly id: number,
    url: string,
  ) {
    this.mainFrame = { url };
  }
  send(channel: string, message: Shell.IpcServerMessage): void {
    this.sent.push(message);
    const copy = structuredClone(message);
    queueMicrotask(() => fake.rendererListeners.get(channel)?.forEach((l) => l({ sender: 'main' }, copy)));
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  once(_event: 'destroyed', listener: () => void): void {
    this.onDestroyed.push(listener);
  }
  destroy(): void {
    this.destroyed = true;
    this.onDestroyed.forEach((l) => l());
  }
}

// ---- a router with the contract's error formatter -------------------------------------------------------
const t = initTRPC.context<{ core: { label: string } }>().create({
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const userError = isUserError(cause) ? { code: cause.code, message: cause.message, location: cause.location } : null;
    return { ...shape, data: { ...shape.data, userError } };
  },
});

const generatorState = { ticks: 0, closed: false };
const observableState = { unsubscribed: false };
let counter = 0;

const testRouter = t.router({
  workspace: t.router({
    get: t.procedure.query(({ ctx }) => ({ nom: ctx.core.label, creeLe: new Date('2026-01-02T03:04:05.000Z') })),
  }),
  counter: t.router({
    add: t.procedure.input(z.object({ by: z.number() })).mutation(({ input }) => {
      counter += input.by;
      return { counter };
    }),
  }),
  statuts: t.router({
    set: t.procedure.input(z.object({ nodeId: z.string() })).mutation(({ input }) => {
      const cause = new UserError('NODE_UNKNOWN', `Le nœud « ${input.nodeId} » n'existe pas dans le référentiel cae.`, { nodeId: input.nodeId });
      throw new TRPCError({ code: 'NOT_FOUND', message: cause.message, cause });
    }),
  }),
  ticks: t.procedure.subscription(async function* ({ signal }) {
    try {
      for (let i = 1; !signal?.aborted; i++) {
        generatorState.ticks = i;
        yield { tick: i };
        await new Promise((r) => setTimeout(r, 5));
      }
    } finally {
      generatorState.closed = true;
    }
  }),
  legacy: t.procedure.subscription(() =>
    observable<number>((emit) => {
      emit.next(1);
      emit.next(2);
      return () => {
        observableState.unsubscribed = true;
      };
    }),
  ),
});
type TestRouter = typeof testRouter;

// ---- wiring ----------------------------------------------------------------------------------------------
const APP_URL = 'app://label-audit/index.html';
const logs: string[] = [];
let bridge: LabelAuditBridge;

function eventFrom(sender: FakeWebContents, frame: IpcFrameLike | null = sender.mainFrame): IpcEventLike {
  return { sender, senderFrame: frame };
}

const flush = () => new Promise((r) => setTimeout(r, 20));

beforeAll(async () => {
  await import('../../electron/shell/preload');
  bridge = fake.exposed.labelAudit as LabelAuditBridge;
  registerIpcHandler({
    ipcMain,
    router: testRouter,
    createContext: () => ({ core: { label: 'Mairie de Vernon' } }),
    isAllowedSender: isTrustedSender,
    log: (m) => logs.push(m),
  });
});

afterEach(() => {
  logs.length = 0;
});

function clientFor(sender: FakeWebContents, frame?: IpcFrameLike | null) {
  fake.currentEvent = eventFrom(sender, frame);
  return createTRPCClient<TestRouter>({ links: [ipcLink<TestRouter>(bridge)] });
}

describe('preload bridge', () => {
  it('exposes exactly send and onMessage on window.labelAudit', () => {
    expect(Object.keys(fake.exposed)).toEqual(['labelAudit']);
    expect(Object.keys(bridge).sort()).toEqual(['onMessage', 'send']);
    expect(typeof bridge.send).toBe('function');
    expect(typeof bridge.onMessage).toBe('function');
  });

  it('onMessage returns an unsubscribe that removes the listener', () => {
    const before = fake.rendererListeners.get('label-audit:trpc')?.size ?? 0;
    const off = bridge.onMessage(() => undefined);
    expect(fake.rendererListeners.get('label-audit:trpc')?.size).toBe(before + 1);
    off();
    expect(fake.rendererListeners.get('label-audit:trpc')?.size).toBe(before);
  });

  it('shell and renderer copies of the wire format agree', () => {
    expectTypeOf<Shell.IpcClientMessage>().toEqualTypeOf<IpcClientMessage>();
    expectTypeOf<Shell.IpcServerMessage>().toEqualTypeOf<IpcServerMessage>();
  });
});

describe('tRPC over IPC', () => {
  it('answers a query with plain JSON (dates as ISO strings)', async () => {
    const client = clientFor(new FakeWebContents(1, APP_URL));
    await expect(client.workspace.get.query()).resolves.toEqual({ nom: 'Mairie de Vernon', creeLe: '2026-01-02T03:04:05.000Z' });
  });

  it('runs a mutation and validates its input', async () => {
    const client = clientFor(new FakeWebContents(2, APP_URL));
    counter = 10;
    await expect(client.counter.add.mutate({ by: 2.5 })).resolves.toEqual({ counter: 12.5 });
    await expect(client.counter.add.mutate({ by: 4 })).resolves.toEqual({ counter: 16.5 });
    const err = await client.counter.add.mutate({ by: 'x' as unknown as number }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCClientError);
    expect((err as TRPCClientError<TestRouter>).data?.code).toBe('BAD_REQUEST');
  });

  it('carries a UserError as error.data.userError with the French message', async () => {
    const client = clientFor(new FakeWebContents(3, APP_URL));
    const err = (await client.statuts.set.mutate({ nodeId: 'cae_9.9.9' }).catch((e: unknown) => e)) as TRPCClientError<TestRouter>;
    expect(err).toBeInstanceOf(TRPCClientError);
    expect(err.message).toBe("Le nœud « cae_9.9.9 » n'existe pas dans le référentiel cae.");
    expect(err.data?.code).toBe('NOT_FOUND');
    expect(err.data?.userError).toEqual({
      code: 'NODE_UNKNOWN',
      message: "Le nœud « cae_9.9.9 » n'existe pas dans le référentiel cae.",
      location: { nodeId: 'cae_9.9.9' },
    });
  });

  it('answers an unknown procedure with NOT_FOUND', async () => {
    const client = clientFor(new FakeWebContents(4, APP_URL));
    const untyped = client as unknown as { nope: { query: () => Promise<unknown> } };
    const err = (await untyped.nope.query().catch((e: unknown) => e)) as TRPCClientError<TestRouter>;
    expect(err.data?.code).toBe('NOT_FOUND');
  });

  it('streams an async-generator subscription and stops it on unsubscribe', async () => {
    const wc = new FakeWebContents(5, APP_URL);
    const client = clientFor(wc);
    generatorState.closed = false;
    const got: number[] = [];
    let started = false;
    const sub = client.ticks.subscribe(undefined, { onStarted: () => (started = true), onData: (d) => got.push(d.tick) });
    await vi.waitFor(() => expect(got.length).toBeGreaterThanOrEqual(3));
    expect(started).toBe(true);
    sub.unsubscribe();
    await vi.waitFor(() => expect(generatorState.closed).toBe(true));
    await flush();
    const lastCount = got.length;
    await flush();
    expect(got.length).toBe(lastCount);
    expect(got.slice(0, 3)).toEqual([1, 2, 3]);
    expect(wc.sent.at(-1)).toMatchObject({ result: { type: 'stopped' } });
  });

  it('stops an observable subscription when the webContents is destroyed', async () => {
    const wc = new FakeWebContents(6, APP_URL);
    const client = clientFor(wc);
    observableState.unsubscribed = false;
    const got: number[] = [];
    client.legacy.subscribe(undefined, { onData: (d) => got.push(d) });
    await vi.waitFor(() => expect(got).toEqual([1, 2]));
    wc.destroy();
    expect(observableState.unsubscribed).toBe(true);
  });
});

describe('sender check', () => {
  it('drops and logs a message from a wrong origin', async () => {
    const wc = new FakeWebContents(7, 'https://evil.example/index.html');
    const client = clientFor(wc);
    let settled = false;
    void client.workspace.get.query().finally(() => (settled = true));
    await flush();
    expect(settled).toBe(false);
    expect(wc.sent).toEqual([]);
    expect(logs).toEqual(['message refusé : expéditeur non autorisé, webContents 7 (https://evil.example/index.html)']);
  });

  it('drops and logs a message from a subframe, even on app://label-audit', async () => {
    const wc = new FakeWebContents(8, APP_URL);
    const client = clientFor(wc, { url: 'app://label-audit/frame.html' });
    let settled = false;
    void client.workspace.get.query().finally(() => (settled = true));
    await flush();
    expect(settled).toBe(false);
    expect(wc.sent).toEqual([]);
    expect(logs).toEqual(['message refusé : expéditeur non autorisé, webContents 8 (sous-cadre app://label-audit/frame.html)']);
  });

  it('drops a message whose frame is gone, and a malformed message', async () => {
    const wc = new FakeWebContents(9, APP_URL);
    fake.currentEvent = eventFrom(wc, null);
    bridge.send({ id: 1, type: 'request', kind: 'query', path: 'workspace.get', input: undefined });
    fake.currentEvent = eventFrom(wc);
    (bridge.send as (m: unknown) => void)({ id: 'x', type: 'request', kind: 'query', path: 'workspace.get' });
    (bridge.send as (m: unknown) => void)({ id: 2, type: 'request', kind: 'delete', path: 'workspace.get' });
    await flush();
    expect(wc.sent).toEqual([]);
    expect(logs).toEqual([
      'message refusé : expéditeur non autorisé, webContents 9 (cadre détruit)',
      'message refusé : forme invalide, webContents 9 (' + APP_URL + ')',
      'message refusé : forme invalide, webContents 9 (' + APP_URL + ')',
    ]);
  });
});
