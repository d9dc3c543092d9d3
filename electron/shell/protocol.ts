/**
 * The wire format of tRPC over Electron IPC (ARCHITECTURE.md "Electron": one channel, every sender checked).
 * Pure types and constants: imported by the main side (ipc.ts), the preload and the tests. The renderer keeps a
 * structurally identical copy in renderer/src/trpc/ipcLink.ts (it may import nothing but the router type from
 * electron/); tests/shell/ipc.test.ts checks both copies stay assignable to each other.
 */

/** The single IPC channel used in both directions. */
export const IPC_CHANNEL = 'label-audit:trpc';

/** Kind of tRPC procedure a request targets. */
export type IpcProcedureKind = 'query' | 'mutation' | 'subscription';

/** Renderer → main: run a procedure. `id` is unique per renderer (a counter), echoed in every answer. */
export interface IpcRequestMessage {
  id: number;
  type: 'request';
  kind: IpcProcedureKind;
  /** Dotted procedure path, e.g. `statuts.set`. */
  path: string;
  /** Procedure input, plain JSON (dates as ISO strings). */
  input: unknown;
}

/** Renderer → main: stop a running subscription. */
export interface IpcStopMessage {
  id: number;
  type: 'subscription.stop';
}

export type IpcClientMessage = IpcRequestMessage | IpcStopMessage;

/** Result part of an answer: `data` for queries, mutations and each subscription event; `started`/`stopped` for subscriptions. */
export type IpcResult = { type: 'data'; data: unknown } | { type: 'started' } | { type: 'stopped' };

/**
 * Main → renderer. `error` is the router's error shape (its errorFormatter ran), so the client sees
 * `error.data.userError = { code, message, location }` exactly as over HTTP.
 */
export type IpcServerMessage = { id: number; result: IpcResult } | { id: number; error: unknown };
