/**
 * Security settings of the Electron shell as plain values and small functions (ARCHITECTURE.md "Electron";
 * STYLE.md, Actual Budget's `security.ts`): window and web preferences, the Content-Security-Policy, the
 * `app://` scheme, the IPC sender check, and the navigation / window-open / permission denials.
 * No Electron import: main.ts passes the real objects, tests pass stand-ins.
 */
import type { IpcEventLike } from './ipc';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

/** Custom scheme and host serving the UI: `app://label-audit/index.html`. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'label-audit';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export { CONTENT_SECURITY_POLICY };

/**
 * Privileges of the `app` scheme, for `protocol.registerSchemesAsPrivileged` (before `app` is ready).
 * `standard` gives it a real origin (`app://label-audit`), `secure` makes it a secure context.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: true },
} as const;

/** `webPreferences` of every window: isolated, sandboxed, no Node, web security on, no webview. */
export function webPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: true,
  } as const;
}

/** Options of the main `BrowserWindow` (sizes in pixels). */
export function windowOptions(preloadPath: string) {
  return {
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    title: 'Label Audit',
    show: false,
    backgroundColor: '#f7f7f4',
    webPreferences: webPreferences(preloadPath),
  };
}

/** Whether `url` is inside our app origin (`app://label-audit/…`). Node gives custom schemes origin "null", so compare parts. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * The IPC sender check (run on EVERY message): the sending frame must be the main frame of its webContents
 * (`senderFrame === sender.mainFrame`) and be on `app://label-audit`. A destroyed frame (null) is refused.
 */
export function isTrustedSender(event: IpcEventLike): boolean {
  const frame = event.senderFrame;
  if (frame === null || frame !== event.sender.mainFrame) return false;
  return isAppUrl(frame.url);
}

/** A `WebContents` as far as hardening needs it. */
export interface HardenableContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate' | 'will-redirect', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
}

/** Whether `url` is an http(s) link that may be handed to the system browser. */
export function isExternalWebUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Denies new windows, navigation and redirects away from the current page, and webviews. In-page hash changes
 * (our router) do not fire `will-navigate`, so the app needs no navigation at all. A link opened in a new window
 * (a preuve's URL) never opens inside the app: when `openExternal` is given (main.ts passes `shell.openExternal`)
 * an http(s) URL goes to the system browser, anything else is only logged.
 */
export function hardenWebContents(
  contents: HardenableContents,
  log: (m: string) => void = console.warn,
  openExternal?: (url: string) => unknown,
): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (openExternal && isExternalWebUrl(url)) {
      void Promise.resolve(openExternal(url)).catch(() => log(`[securite] ouverture externe impossible : ${url}`));
    } else {
      log(`[securite] ouverture de fenêtre refusée : ${url}`);
    }
    return { action: 'deny' };
  });
  const deny = (kind: string) => (event: { preventDefault(): void }, url: string) => {
    event.preventDefault();
    log(`[securite] ${kind} refusée : ${url}`);
  };
  contents.on('will-navigate', deny('navigation'));
  contents.on('will-redirect', deny('redirection'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('[securite] webview refusée');
  });
}

/** A `Session` as far as hardening needs it. */
export interface HardenableSession {
  setPermissionRequestHandler(handler: (wc: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (wc: unknown, permission: string) => boolean): void;
}

/** Every permission request (camera, notifications, geolocation…) and check is denied. */
export function hardenSession(session: HardenableSession, log: (m: string) => void = console.warn): void {
  session.setPermissionRequestHandler((_wc, permission, callback) => {
    log(`[securite] permission refusée : ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
}
