/**
 * electron/shell/main.ts wired to stand-ins for Electron (the binary cannot run here) and the REAL core on a
 * temporary data dir: privileged scheme, single-instance lock, hardened session and window, app:// protocol,
 * and a tRPC query over the IPC handler answered by the demo workspace.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IpcServerMessage } from '../../electron/shell/protocol';

type Fn = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const dataDir = { path: '' };
  const appHandlers = new Map<string, Fn>();
  const ipcListeners = new Map<string, Fn>();
  const windows: Array<{ options: unknown; url: string | null }> = [];
  const calls: string[] = [];
  let readyResolve: () => void = () => undefined;
  const ready = new Promise<void>((r) => (readyResolve = r));
  return {
    dataDir,
    appHandlers,
    ipcListeners,
    windows,
    calls,
    ready,
    resolveReady: () => readyResolve(),
    schemes: [] as unknown[],
    protocolHandlers: new Map<string, (req: Request) => Promise<Response>>(),
    permissionRequest: null as null | Fn,
    permissionCheck: null as null | Fn,
  };
});

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = {};
    private record: { options: unknown; url: string | null };
    constructor(options: unknown) {
      this.record = { options, url: null };
      fake.windows.push(this.record);
    }
    once() {}
    on() {}
    show() {}
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {}
    loadURL(url: string) {
      this.record.url = url;
      return Promise.resolve();
    }
  }
  return {
    app: {
      requestSingleInstanceLock: () => {
        fake.calls.push('requestSingleInstanceLock');
        return true;
      },
      on: (event: string, handler: Fn) => fake.appHandlers.set(event, handler),
      whenReady: () => fake.ready,
      getPath: (name: string) => {
        fake.calls.push(`getPath:${name}`);
        return fake.dataDir.path;
      },
      quit: () => fake.calls.push('quit'),
      exit: (code: number) => fake.calls.push(`exit:${code}`),
    },
    BrowserWindow,
    ipcMain: {
      on: (channel: string, l: Fn) => fake.ipcListeners.set(channel, l),
      removeListener: (channel: string) => fake.ipcListeners.delete(channel),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => fake.schemes.push(...schemes),
      handle: (scheme: string, handler: (req: Request) => Promise<Response>) => fake.protocolHandlers.set(scheme, handler),
    },
    shell: { openExternal: (url: string) => fake.calls.push(`openExternal:${url}`) },
    dialog: {
      showMessageBox: async (...args: unknown[]) => {
        const options = args.at(-1) as { detail: string };
        fake.calls.push(`confirm:${options.detail}`);
        return { response: 0 };
      },
      showErrorBox: () => undefined,
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Fn) => (fake.permissionRequest = h),
        setPermissionCheckHandler: (h: Fn) => (fake.permissionCheck = h),
      },
    },
  };
});

beforeAll(async () => {
  fake.dataDir.path = mkdtempSync(join(tmpdir(), 'label-audit-main-'));
  vi.spyOn(console, 'info').mockImplementation(() => undefined);
  await import('../../electron/shell/main');
  fake.resolveReady();
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 60_000 });
}, 90_000);

afterAll(() => {
  rmSync(fake.dataDir.path, { recursive: true, force: true });
});

describe('main process wiring', () => {
  it('registers app:// as privileged before ready and takes the single-instance lock', () => {
    expect(fake.schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(fake.calls).toContain('requestSingleInstanceLock');
    expect(fake.appHandlers.has('second-instance')).toBe(true);
  });

  it('opens the core on userData and one hardened window on app://label-audit', async () => {
    expect(fake.calls).toContain('getPath:userData');
    const win = fake.windows[0]!;
    expect(win.url).toBe('app://label-audit/index.html');
    expect((win.options as { webPreferences: unknown }).webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(String((win.options as { webPreferences: { preload: string } }).webPreferences.preload)).toMatch(/preload[\\/]preload\.cjs$/);
    const { windowOptions } = await import('../../electron/shell/security');
    expect(win.options, 'main.ts must pass the reviewed options unchanged').toStrictEqual(windowOptions((win.options as { webPreferences: { preload: string } }).webPreferences.preload));
    expect(fake.appHandlers.has('web-contents-created')).toBe(true);
  });

  it('denies permissions and serves app:// through the guarded handler', async () => {
    let granted: boolean | null = null;
    fake.permissionRequest!(null, 'media', (g: boolean) => (granted = g));
    expect(granted).toBe(false);
    expect(fake.permissionCheck!(null, 'media')).toBe(false);
    const handler = fake.protocolHandlers.get('app')!;
    const res = await handler(new Request('app://label-audit/..%2f..%2fpackage.json'));
    expect(res.status).toBe(404);
  });

  it('answers a tRPC query over IPC from the trusted main frame with the demo workspace', async () => {
    const listener = fake.ipcListeners.get('label-audit:trpc')!;
    const mainFrame = { url: 'app://label-audit/index.html' };
    const sent: IpcServerMessage[] = [];
    const sender = { id: 1, mainFrame, send: (_c: string, m: IpcServerMessage) => sent.push(m), isDestroyed: () => false, once: () => undefined };
    listener({ sender, senderFrame: mainFrame }, { id: 1, type: 'request', kind: 'query', path: 'workspace.get', input: undefined });
    listener({ sender, senderFrame: mainFrame }, { id: 2, type: 'request', kind: 'query', path: 'referentials.list', input: undefined });
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    const byId = new Map(sent.map((m) => [m.id, m]));
    expect(byId.get(1)).toMatchObject({ result: { type: 'data', data: { nom: 'Commune de Valmont-sur-Loire', typeCollectivite: 'commune' } } });
    const refs = (byId.get(2) as { result: { data: Array<{ id: string; points: number }> } }).result.data;
    expect(refs.find((r) => r.id === 'label-nr')?.points).toBe(1000);
  });

  it('hardens every webContents: navigation refused, http(s) links to the system browser after a confirmation', async () => {
    let openHandler: ((d: { url: string }) => { action: string }) | null = null;
    const handlers = new Map<string, Fn>();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    fake.appHandlers.get('web-contents-created')!({}, { setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h), on: (e: string, l: Fn) => handlers.set(e, l) });
    expect(openHandler!({ url: 'https://www.ademe.fr/' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(fake.calls).toContain('openExternal:https://www.ademe.fr/'));
    expect(fake.calls.indexOf('confirm:https://www.ademe.fr/')).toBeLessThan(fake.calls.indexOf('openExternal:https://www.ademe.fr/'));
    expect(fake.calls.indexOf('confirm:https://www.ademe.fr/')).toBeGreaterThanOrEqual(0);
    let prevented = false;
    handlers.get('will-navigate')!({ preventDefault: () => (prevented = true) }, 'https://evil.example/');
    expect(prevented).toBe(true);
  });

  it('closes the core and quits when the last window closes', () => {
    fake.appHandlers.get('window-all-closed')!();
    expect(fake.calls.at(-1)).toBe('quit');
    expect(fake.ipcListeners.has('label-audit:trpc')).toBe(false);
  });
});
