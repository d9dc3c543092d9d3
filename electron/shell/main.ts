/**
 * Electron main process: a thin shell (STYLE.md, Actual Budget). Single-instance lock, the `app://label-audit`
 * protocol serving `out/renderer`, one hardened window, tRPC over IPC to the core. All options and checks live
 * in security.ts / app-protocol.ts / ipc.ts, which are tested without Electron.
 */
import { app, BrowserWindow, ipcMain, protocol, session, shell } from 'electron';
import { fileURLToPath } from 'node:url';
import { startCore } from '../core/core';
import { appRouter } from '../core/api/router';
import { createAppProtocolHandler } from './app-protocol';
import { registerIpcHandler } from './ipc';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  hardenSession,
  hardenWebContents,
  isTrustedSender,
  windowOptions,
} from './security';

// out/main/main.js → out/renderer and out/preload/preload.cjs
const rendererDir = fileURLToPath(new URL('../renderer', import.meta.url));
const preloadPath = fileURLToPath(new URL('../preload/preload.cjs', import.meta.url));

// Must run before `ready`.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

let mainWindow: BrowserWindow | null = null;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(windowOptions(preloadPath));
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    mainWindow = null;
  });
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

async function start(): Promise<void> {
  const core = await startCore({ dataDir: app.getPath('userData'), demo: true });
  // The daily backup also while the app stays open for days (checked hourly; due after 24 h).
  const daily = setInterval(() => void core.backups.dailyIfDue(), 3600_000);
  daily.unref();
  hardenSession(session.defaultSession);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, console.warn, (url) => shell.openExternal(url)));
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
  const stopIpc = registerIpcHandler({
    ipcMain,
    router: appRouter,
    createContext: () => ({ core }),
    isAllowedSender: isTrustedSender,
  });
  app.on('window-all-closed', () => {
    clearInterval(daily);
    stopIpc();
    core.close();
    app.quit();
  });
  mainWindow = createWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      console.error(`Label Audit n'a pas pu démarrer : ${String(e)}`);
      app.exit(1);
    });
}
