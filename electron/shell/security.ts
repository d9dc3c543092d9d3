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

/**
 * `webPreferences` of every window (Electron security checklist, items 2–4, 6, 8–9): isolated, sandboxed, no Node
 * in the page, its workers or subframes, web security on, no insecure content, no experimental features, no
 * webview, no navigation by dropping a file, repeated dialogs suppressible. tests/shell/security.test.ts pins the
 * whole object: any change fails there and must be reviewed.
 */
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
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
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

/** Options of the confirmation asked before an http(s) link leaves for the system browser (Electron `showMessageBox`). */
export function externalLinkDialog(url: string) {
  return {
    type: 'question' as const,
    buttons: ['Ouvrir dans le navigateur', 'Annuler'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
    title: 'Ouvrir un lien externe',
    message: 'Ouvrir ce lien dans votre navigateur ?',
    detail: url,
  };
}

/** What opening an external link needs: the user's confirmation (a dialog in main.ts) and the system browser. */
export interface ExternalOpener {
  /** Resolves true when the user accepts to open `url` (main.ts: `dialog.showMessageBox(externalLinkDialog(url))`). */
  confirm(url: string): Promise<boolean>;
  /** Opens `url` in the system browser (main.ts: `shell.openExternal`). */
  openExternal(url: string): unknown;
}

/**
 * Opens `url` outside the app (Electron security checklist item 15, "Do not use shell.openExternal with untrusted
 * content"): only an http(s) URL, and only once the user confirmed it; anything else, a refusal or a failure is
 * only logged. Resolves to whether the URL was handed to the browser; never rejects.
 */
export async function openExternalLink(url: string, opener: ExternalOpener, log: (m: string) => void = console.warn): Promise<boolean> {
  if (!isExternalWebUrl(url)) {
    log(`[securite] ouverture de fenêtre refusée : ${url}`);
    return false;
  }
  try {
    if (!(await opener.confirm(url))) {
      log(`[securite] ouverture externe annulée : ${url}`);
      return false;
    }
    await opener.openExternal(url);
    return true;
  } catch {
    log(`[securite] ouverture externe impossible : ${url}`);
    return false;
  }
}

/**
 * Denies new windows, navigation and redirects away from the current page, and webviews (checklist items 11–14).
 * In-page hash changes (our router) do not fire `will-navigate`, so the app needs no navigation at all. A link
 * opened in a new window (a preuve's URL) never opens inside the app: when `opener` is given (main.ts passes a
 * confirmation dialog and `shell.openExternal`) an http(s) URL goes to the system browser after the user
 * confirmed it (`openExternalLink`), anything else is only logged.
 */
export function hardenWebContents(contents: HardenableContents, log: (m: string) => void = console.warn, opener?: ExternalOpener): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (opener) void openExternalLink(url, opener, log);
    else log(`[securite] ouverture de fenêtre refusée : ${url}`);
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
