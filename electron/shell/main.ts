/**
 * Electron main process: a thin shell (STYLE.md, Actual Budget). Single-instance lock, the `app://label-audit`
 * protocol serving `out/renderer`, one hardened window, tRPC over IPC to the core. All options and checks live
 * in security.ts / app-protocol.ts / ipc.ts / startup.ts / smoke.ts, which are tested without Electron.
 * `--smoke-test` runs smoke.ts instead of the window (release workflow). Data: data-dir.ts (userData by default).
 */
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron';
import { fileURLToPath } from 'node:url';
import { resolveDataDir } from '../core/data-dir';
import { currentRuntime, probeSqlite } from '../core/db/native';
import { startCore } from '../core/core';
import { appRouter } from '../core/api/router';
import { configurePartage, fermerPartage } from '../core/partage';
import { createAppProtocolHandler } from './app-protocol';
import { registerIpcHandler } from './ipc';
import { isSmokeTest, runSmokeTest } from './smoke';
import { sqliteFailureBox, startupErrorBox, type ErrorBox } from './startup';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  externalLinkDialog,
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

/** Shows `box` (no blank window, no silent exit) and quits with 1. */
function failStart(box: ErrorBox): void {
  console.error(`${box.title} : ${box.message}`);
  dialog.showErrorBox(box.title, box.message);
  app.exit(1);
}

/** Writes one line on `stream` and resolves once it is written (the process exits right after). */
function writeLine(stream: NodeJS.WriteStream): (line: string) => Promise<void> {
  return (line) => new Promise((done) => stream.write(`${line}\n`, () => done()));
}

async function start(): Promise<void> {
  const sqlite = probeSqlite();
  if (!sqlite.ok) return failStart(sqliteFailureBox(sqlite.failure));
  const { dataDir } = resolveDataDir(app.getPath('userData'));
  const core = await startCore({ dataDir, demo: true });
  // The daily backup also while the app stays open for days (checked hourly; due after 24 h).
  const daily = setInterval(() => void core.backups.dailyIfDue(), 3600_000);
  daily.unref();
  hardenSession(session.defaultSession);
  // External links: http(s) only, after the user confirmed them in a dialog (security.ts `openExternalLink`).
  const opener = {
    confirm: async (url: string) => {
      const options = externalLinkDialog(url);
      const { response } = mainWindow ? await dialog.showMessageBox(mainWindow, options) : await dialog.showMessageBox(options);
      return response === 0;
    },
    openExternal: (url: string) => shell.openExternal(url),
  };
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, console.warn, opener));
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
  // Sharing on the local network, off until the référent turns it on (electron/core/partage).
  configurePartage(core, { router: appRouter, rendererDir });
  const stopIpc = registerIpcHandler({
    ipcMain,
    router: appRouter,
    createContext: () => ({ core }),
    isAllowedSender: isTrustedSender,
  });
  app.on('window-all-closed', () => {
    clearInterval(daily);
    stopIpc();
    void fermerPartage(core);
    core.close();
    app.quit();
  });
  mainWindow = createWindow();
}

if (isSmokeTest(process.argv)) {
  // No window, no single-instance lock, no user data: a temporary workspace, one line, exit code 0 or 1.
  app.disableHardwareAcceleration();
  void app
    .whenReady()
    .then(() => runSmokeTest({ tempRoot: app.getPath('temp'), runtime: currentRuntime(), out: writeLine(process.stdout), err: writeLine(process.stderr) }))
    .then((code) => app.exit(code));
} else if (!app.requestSingleInstanceLock()) {
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
    .catch((e: unknown) => failStart(startupErrorBox(e)));
}
