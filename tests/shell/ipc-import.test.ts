/**
 * The référentiel import with progress over Electron IPC (issue 8 item 4), with the real router and a real core:
 * the renderer's ipcLink → registerIpcHandler → `referentials.stageImport` then the `referentials.importEvents`
 * subscription with its `{ stagingId }` input (as the backup's subscription, but with an input); unsubscribing
 * sends `subscription.stop`, which cancels the import before its store: nothing is written, and
 * `referentials.importOutcome` says « cancelled ». Electron objects are stand-ins (no preload: a direct bridge).
 */
import { createTRPCClient } from '@trpc/client';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { appRouter, type AppRouter } from '../../electron/core/api/router';
import { createCore } from '../../electron/core/core';
import type { ImportEvent } from '../../electron/core/services/referential-import';
import { registerIpcHandler, type IpcEventLike, type IpcSenderLike } from '../../electron/shell/ipc';
import type { IpcServerMessage } from '../../electron/shell/protocol';
import { ipcLink, type LabelAuditBridge } from '../../renderer/src/trpc/ipcLink';
import { snapshotTables, tempDir } from '../core/helpers/context';

const t = tempDir('label-audit-ipc-import-');
// A pause at each step (tests only) so that the stop arrives while the import reads its file.
const core = createCore({ dataDir: t.dir, demo: false, log: () => {}, importPhaseDelayMs: 150 });
afterAll(() => {
  core.close();
  t.cleanup();
});

/** One webContents and its bridge: main's answers go to the renderer's listeners, the renderer's messages to main. */
function wire(): LabelAuditBridge {
  const toRenderer = new Set<(m: IpcServerMessage) => void>();
  const mainListeners: ((event: IpcEventLike, message: unknown) => void)[] = [];
  const sender: IpcSenderLike = {
    id: 1,
    mainFrame: { url: 'app://label-audit/index.html' },
    send: (_channel, message) => queueMicrotask(() => toRenderer.forEach((l) => l(structuredClone(message)))),
    isDestroyed: () => false,
    once: () => undefined,
  };
  registerIpcHandler({
    ipcMain: { on: (_c, l) => mainListeners.push(l), removeListener: () => undefined },
    router: appRouter,
    createContext: () => ({ core }),
    isAllowedSender: () => true,
    log: () => undefined,
  });
  return {
    send: (message) => queueMicrotask(() => mainListeners.forEach((l) => l({ sender, senderFrame: sender.mainFrame }, structuredClone(message)))),
    onMessage: (cb) => {
      toRenderer.add(cb as (m: IpcServerMessage) => void);
      return () => toRenderer.delete(cb as (m: IpcServerMessage) => void);
    },
  };
}

const client = createTRPCClient<AppRouter>({ links: [ipcLink<AppRouter>(wire())] });
const grid = { name: 'grille-officielle.csv', contentBase64: readFileSync('tests/fixtures/grid/grille-officielle.csv').toString('base64') };

describe('import with progress over IPC', () => {
  it('streams the steps then done for a staged import', async () => {
    const { stagingId } = await client.referentials.stageImport.mutate({ files: [grid], id: 'grille-ipc' });
    const events: ImportEvent[] = [];
    await new Promise<void>((resolve, reject) => {
      client.referentials.importEvents.subscribe({ stagingId }, { onData: (e) => events.push(e), onComplete: resolve, onStopped: resolve, onError: reject });
    });
    expect([...new Set(events.filter((e) => e.type === 'progress').map((e) => e.type === 'progress' && e.step))]).toEqual([
      'lecture',
      'verification',
      'sauvegarde',
      'enregistrement',
      'score',
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'done', result: { id: 'grille-ipc' } });
    expect(await client.referentials.importOutcome.query({ stagingId })).toMatchObject({ state: 'done' });
  });

  it('unsubscribing during « lecture » sends subscription.stop: the import is cancelled and nothing is written', async () => {
    const before = snapshotTables(core.ctx);
    const { stagingId } = await client.referentials.stageImport.mutate({ files: [grid], id: 'grille-annulee' });
    const sub = client.referentials.importEvents.subscribe(
      { stagingId },
      {
        onData: (e) => {
          if (e.type === 'progress' && e.step === 'lecture') sub.unsubscribe();
        },
      },
    );
    await vi.waitFor(async () => expect(await client.referentials.importOutcome.query({ stagingId })).toEqual({ state: 'cancelled' }), { timeout: 5000 });
    expect(snapshotTables(core.ctx)).toEqual(before);
    expect(core.referentials.list().map((r) => r.id)).not.toContain('grille-annulee');
  });
});
