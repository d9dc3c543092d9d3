/** Window, CSP, sender check and hardening of the Electron shell, checked without Electron (security.ts). */
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  externalLinkDialog,
  hardenSession,
  hardenWebContents,
  isAppUrl,
  isTrustedSender,
  openExternalLink,
  windowOptions,
} from '../../electron/shell/security';

describe('window options', () => {
  it('are exactly the reviewed ones: weakening any option (or adding one) fails here', () => {
    expect(windowOptions('/p/preload.cjs')).toStrictEqual({
      width: 1280,
      height: 860,
      minWidth: 900,
      minHeight: 600,
      title: 'Label Audit',
      show: false,
      backgroundColor: '#f7f7f4',
      webPreferences: {
        preload: '/p/preload.cjs',
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
      },
    });
  });


  it('isolates and sandboxes the renderer, with the preload', () => {
    const o = windowOptions('/opt/label-audit/out/preload/preload.cjs');
    expect(o.webPreferences).toMatchObject({
      preload: '/opt/label-audit/out/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('serves the UI from app://label-audit with a standard, secure scheme', () => {
    expect(APP_ENTRY_URL).toBe('app://label-audit/index.html');
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: true },
    });
  });

  it('has the strict CSP of the brief', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
  });
});

describe('isAppUrl / isTrustedSender', () => {
  it.each([
    ['app://label-audit/index.html', true],
    ['app://label-audit/', true],
    ['app://label-audit.evil/index.html', false],
    ['app://other/index.html', false],
    ['https://label-audit/index.html', false],
    ['file:///C:/label-audit/index.html', false],
    ['http://127.0.0.1:5173/', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });

  it('accepts only the main frame on our origin', () => {
    const mainFrame = { url: 'app://label-audit/index.html' };
    const sender = { id: 1, mainFrame, send: () => undefined, isDestroyed: () => false, once: () => undefined };
    expect(isTrustedSender({ sender, senderFrame: mainFrame })).toBe(true);
    expect(isTrustedSender({ sender, senderFrame: { url: 'app://label-audit/index.html' } })).toBe(false);
    expect(isTrustedSender({ sender, senderFrame: null })).toBe(false);
    const evilFrame = { url: 'https://evil.example/' };
    expect(isTrustedSender({ sender: { ...sender, mainFrame: evilFrame }, senderFrame: evilFrame })).toBe(false);
  });
});

describe('hardening', () => {
  it('denies new windows, navigation, redirects and webviews', () => {
    const handlers = new Map<string, (e: { preventDefault(): void }, url: string) => void>();
    let openHandler: ((d: { url: string }) => { action: 'deny' }) | null = null;
    const logs: string[] = [];
    hardenWebContents(
      {
        setWindowOpenHandler: (h) => (openHandler = h),
        on: (event: string, l: (e: { preventDefault(): void }, url: string) => void) => handlers.set(event, l),
      },
      (m) => logs.push(m),
    );
    expect(openHandler!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      handlers.get(event)!({ preventDefault: () => (prevented = true) }, 'https://example.org/');
      expect(prevented, event).toBe(true);
    }
    expect(logs).toEqual([
      '[securite] ouverture de fenêtre refusée : https://example.org/',
      '[securite] navigation refusée : https://example.org/',
      '[securite] redirection refusée : https://example.org/',
      '[securite] webview refusée',
    ]);
  });

  it('sends http(s) links to the system browser only after the user confirmed them, never in a new app window', async () => {
    let openHandler: ((d: { url: string }) => { action: 'deny' }) | null = null;
    const asked: string[] = [];
    const opened: string[] = [];
    const logs: string[] = [];
    const opener = {
      confirm: async (url: string) => {
        asked.push(url);
        return !url.includes('refuse');
      },
      openExternal: (url: string) => opened.push(url),
    };
    hardenWebContents({ setWindowOpenHandler: (h) => (openHandler = h), on: () => undefined }, (m) => logs.push(m), opener);
    for (const url of ['https://www.ademe.fr/', 'http://example.org/refuse', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://serveur/partage']) {
      expect(openHandler!({ url })).toEqual({ action: 'deny' });
    }
    await new Promise((r) => setTimeout(r, 0));
    expect(asked).toEqual(['https://www.ademe.fr/', 'http://example.org/refuse']);
    expect(opened).toEqual(['https://www.ademe.fr/']);
    expect(logs).toEqual([
      '[securite] ouverture de fenêtre refusée : file:///etc/passwd',
      '[securite] ouverture de fenêtre refusée : javascript:alert(1)',
      '[securite] ouverture de fenêtre refusée : smb://serveur/partage',
      '[securite] ouverture externe annulée : http://example.org/refuse',
    ]);
  });

  it('openExternalLink: a failing dialog or browser is logged, never thrown', async () => {
    const logs: string[] = [];
    const failing = { confirm: () => Promise.reject(new Error('pas de fenêtre')), openExternal: () => undefined };
    expect(await openExternalLink('https://www.ademe.fr/', failing, (m) => logs.push(m))).toBe(false);
    const broken = { confirm: async () => true, openExternal: () => Promise.reject(new Error('xdg-open absent')) };
    expect(await openExternalLink('https://www.ademe.fr/', broken, (m) => logs.push(m))).toBe(false);
    expect(logs).toEqual(['[securite] ouverture externe impossible : https://www.ademe.fr/', '[securite] ouverture externe impossible : https://www.ademe.fr/']);
  });

  it('asks in French, with Annuler as the default and the URL shown in full', () => {
    expect(externalLinkDialog('https://www.ademe.fr/x?y=1')).toEqual({
      type: 'question',
      buttons: ['Ouvrir dans le navigateur', 'Annuler'],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
      title: 'Ouvrir un lien externe',
      message: 'Ouvrir ce lien dans votre navigateur ?',
      detail: 'https://www.ademe.fr/x?y=1',
    });
  });

  it('denies every permission request and check', () => {
    let request: ((wc: unknown, p: string, cb: (g: boolean) => void) => void) | null = null;
    let check: ((wc: unknown, p: string) => boolean) | null = null;
    hardenSession(
      { setPermissionRequestHandler: (h) => (request = h), setPermissionCheckHandler: (h) => (check = h) },
      () => undefined,
    );
    const answers: boolean[] = [];
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read']) request!(null, p, (g) => answers.push(g));
    expect(answers).toEqual([false, false, false, false]);
    expect(check!(null, 'media')).toBe(false);
  });
});
