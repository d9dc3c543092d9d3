/**
 * The built renderer in IPC mode, in Chromium: `window.labelAudit` is a stand-in preload (exactly `send` and
 * `onMessage`) bridged to the REAL main-side handler (registerIpcHandler + appRouter + core on a temp folder).
 * Only Electron's transport is replaced; the link, the screens, the router and the sender check are real.
 * Files are served through the app:// handler (createAppProtocolHandler), so its CSP applies in the browser.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../electron/core/api/router';
import { createCore, type Core } from '../../electron/core/core';
import { createAppProtocolHandler } from '../../electron/shell/app-protocol';
import { registerIpcHandler, type IpcSenderLike } from '../../electron/shell/ipc';
import type { IpcServerMessage } from '../../electron/shell/protocol';
import { CONTENT_SECURITY_POLICY, isTrustedSender } from '../../electron/shell/security';
import { DATA, describeWithSharedData } from '../helpers/shared-data';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const root = resolve(import.meta.dirname, '../..');
const available = existsSync(CHROMIUM);
if (!available && process.env.CI === 'true') throw new Error(`Chromium introuvable (${CHROMIUM}) : CI ne peut pas sauter ce test.`);
if (!available) console.warn(`[skipped] renderer in IPC mode: Chromium absent (${CHROMIUM})`);

describe.skipIf(!available)('renderer over the IPC link', () => {
  let tmp: string;
  let core: Core;
  let server: Server;
  let browser: Browser;
  let page: Page;
  let stopIpc: () => void;
  const dropped: string[] = [];
  const cspHeaders: string[] = [];

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'label-audit-ipc-ui-'));
    const outDir = join(tmp, 'renderer');
    await build({ configFile: join(root, 'renderer/vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    core = createCore({ dataDir: join(tmp, 'data'), demo: true, log: () => undefined });

    // app:// served over http://127.0.0.1 by the real protocol handler (Chromium cannot load a custom scheme here).
    const handler = createAppProtocolHandler(outDir);
    server = createServer((req, res) => {
      void handler(new Request(`app://label-audit${req.url ?? '/'}`)).then(async (r) => {
        const headers = Object.fromEntries(r.headers.entries());
        if (headers['content-type']?.startsWith('text/html')) cspHeaders.push(headers['content-security-policy'] ?? '');
        res.writeHead(r.status, headers);
        res.end(Buffer.from(await r.arrayBuffer()));
      });
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const port = (server.address() as { port: number }).port;

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'fr-FR' });

    // Main side: the real handler, with a webContents stand-in whose main frame is on app://label-audit.
    let listener: ((event: unknown, msg: unknown) => void) | null = null;
    const mainFrame = { url: 'app://label-audit/index.html' };
    const sender: IpcSenderLike = {
      id: 1,
      mainFrame,
      send: (_channel: string, message: IpcServerMessage) => {
        void page.evaluate((m) => (window as unknown as { __deliver(m: unknown): void }).__deliver(m), message as never).catch(() => undefined);
      },
      isDestroyed: () => false,
      once: () => undefined,
    };
    stopIpc = registerIpcHandler({
      ipcMain: { on: (_c, l) => (listener = l as typeof listener), removeListener: () => (listener = null) },
      router: appRouter,
      createContext: () => ({ core }),
      isAllowedSender: isTrustedSender,
      log: (m) => dropped.push(m),
    });
    await page.exposeBinding('__send', (_source, msg: unknown) => listener?.({ sender, senderFrame: mainFrame }, msg));
    // Renderer side: what preload.ts exposes, exactly two functions.
    await page.addInitScript(() => {
      const callbacks = new Set<(m: unknown) => void>();
      const w = window as unknown as { __send(m: unknown): void; __deliver(m: unknown): void; labelAudit: unknown };
      w.__deliver = (m) => callbacks.forEach((cb) => cb(m));
      w.labelAudit = Object.freeze({
        send: (m: unknown) => w.__send(m),
        onMessage: (cb: (m: unknown) => void) => {
          callbacks.add(cb);
          return () => callbacks.delete(cb);
        },
      });
    });
    await page.goto(`http://127.0.0.1:${port}/`);
  }, 120_000);

  afterAll(async () => {
    stopIpc?.();
    await browser?.close();
    await new Promise((ok) => server?.close(ok));
    core?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('shows the dashboard of the demo workspace, served with the strict CSP', async () => {
    await page.waitForSelector('[data-testid="score-global-label-nr"]', { timeout: 30_000 });
    expect(await page.textContent('[data-testid="workspace-nom"]')).toBe('Commune de Valmont-sur-Loire');
    expect(cspHeaders[0]).toBe(CONTENT_SECURITY_POLICY);
    const nr = await page.getAttribute('[data-testid="score-global-label-nr"]', 'data-value');
    expect(Number(nr)).toBeCloseTo(core.scores.get('label-nr').root.score ?? Number.NaN, 10);
  });

  it('saves a statut through IPC and the tree moves at once', async () => {
    await page.goto(page.url().replace(/#.*$/, '') + '#/referentiel/label-nr/label-nr_1.4');
    await page.waitForSelector('[data-testid="statut-radio-fait"]', { timeout: 30_000 });
    const before = await page.textContent('[data-testid="node-points-label-nr_1.4"]');
    expect(before).toBe('0 / 35');
    await page.check('[data-testid="statut-radio-fait"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="node-points-label-nr_1.4"]')?.textContent === '35 / 35');
    expect(await page.getAttribute('[data-testid="node-statut-label-nr_1.4"]', 'data-statut')).toBe('fait');
    expect(core.statuts.list('label-nr').find((s) => s.nodeId === 'label-nr_1.4')?.statut).toBe('fait');
  });

  it('stops a détaillé split that does not make 100 % before sending it, and changes nothing', async () => {
    const before = core.statuts.list('label-nr').find((s) => s.nodeId === 'label-nr_1.4');
    await page.check('[data-testid="statut-radio-detaille"]');
    await page.fill('[data-testid="detail-fait"]', '50');
    await page.fill('[data-testid="detail-programme"]', '30');
    await page.fill('[data-testid="detail-pas-fait"]', '10');
    await page.click('[data-testid="detail-save"]');
    await page.waitForSelector('[data-testid="statut-error"]');
    expect(await page.textContent('[data-testid="statut-error"]')).toBe('Les trois parts font 90\u202f% : il manque 10\u202f%.');
    expect(core.statuts.list('label-nr').find((s) => s.nodeId === 'label-nr_1.4')).toEqual(before);
    expect(dropped).toEqual([]);
  });

  it('shows the server French message of a refused mutation, carried over IPC (a person that already exists)', async () => {
    const people = core.people.list().length;
    await page.fill('[data-testid="person-new-nom"]', 'claire  MOREL');
    await page.click('[data-testid="person-add"]');
    await page.waitForSelector('[data-testid="person-error"]');
    expect(await page.textContent('[data-testid="person-error"]')).toContain('Une personne nommée « Claire Morel » existe déjà.');
    expect(core.people.list()).toHaveLength(people);
    expect(dropped).toEqual([]);
  });

  it('adds preuves by drag-and-drop onto the panel, by the file picker and as a link', async () => {
    const panel = '[data-testid="criterion-panel"]';
    const before = new Set(core.nodes.detail('label-nr', 'label-nr_1.4').preuves.map((p) => p.id));
    await page.evaluate((sel) => {
      const dt = new DataTransfer();
      dt.items.add(new File(['Délibération du 12 mars'], 'délibération-2026.txt', { type: 'text/plain' }));
      const target = document.querySelector(sel)!;
      target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
      target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
    }, panel);
    await page.waitForFunction(() => document.querySelector('[data-testid="preuves-list"]')?.textContent?.includes('délibération-2026.txt'));
    await page.setInputFiles('[data-testid="preuve-file-input"]', { name: 'plan.csv', mimeType: 'text/csv', buffer: Buffer.from('a;b\n1;2\n') });
    await page.waitForFunction(() => document.querySelector('[data-testid="preuves-list"]')?.textContent?.includes('plan.csv'));
    await page.fill('[data-testid="preuve-link-url"]', 'https://example.org/plan-action');
    await page.fill('[data-testid="preuve-link-titre"]', "Plan d'action en ligne");
    await page.click('[data-testid="preuve-link-add"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="preuves-list"]')?.textContent?.includes("Plan d'action en ligne"));
    const preuves = core.nodes.detail('label-nr', 'label-nr_1.4').preuves.filter((p) => !before.has(p.id));
    expect(preuves.map((p) => [p.kind, p.fileName ?? p.url, p.size]).sort()).toEqual([
      ['fichier', 'délibération-2026.txt', Buffer.byteLength('Délibération du 12 mars')],
      ['fichier', 'plan.csv', 8],
      ['lien', 'https://example.org/plan-action', null],
    ].sort());
  });

  it('adds a person as pilote and sets the échéance', async () => {
    await page.fill('[data-testid="person-new-nom"]', 'Zoé Lambert');
    await page.click('[data-testid="person-add"]');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="pilotes"] label')].some((l) => l.textContent === 'Zoé Lambert' && (l.querySelector('input') as HTMLInputElement).checked));
    await page.fill('[data-testid="echeance"]', '2027-06-30');
    await expect.poll(() => core.nodes.detail('label-nr', 'label-nr_1.4').echeance).toBe('2027-06-30');
    expect(core.nodes.detail('label-nr', 'label-nr_1.4').pilotes.map((p) => p.nom)).toContain('Zoé Lambert');
  });

  it('refuses a file it cannot read as a referential, with the server message', async () => {
    const before = core.referentials.list().map((r) => r.id).sort();
    await page.goto(page.url().replace(/#.*$/, '') + '#/referentiel/label-nr');
    await page.click('[data-testid="import-form"] summary');
    await page.setInputFiles('[data-testid="import-files"]', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('bonjour') });
    await page.click('[data-testid="import-submit"]');
    await page.waitForSelector('[data-testid="import-error"]');
    expect(await page.textContent('[data-testid="import-error"]')).toBe("Le fichier notes.txt n'est ni un .csv ni un .json : format de référentiel inconnu.");
    expect(core.referentials.list().map((r) => r.id).sort()).toEqual(before);
  });

  describeWithSharedData('import of the real ECi files', () => {
    it('imports ECi (structure + preuves) and opens it', async () => {
      await page.setInputFiles('[data-testid="import-files"]', [DATA.eciStructure, DATA.eciPreuves]);
      await page.click('[data-testid="import-submit"]');
      await page.waitForSelector('[data-testid="import-result"]', { timeout: 30_000 });
      const summary = core.referentials.list().find((r) => r.id === 'eci');
      expect(summary).toMatchObject({ nodes: 5 + 21 + 80 + 261, points: 500 });
      expect(await page.textContent('[data-testid="import-result"]')).toContain(`« eci » version ${summary!.version} importé : 367 éléments, 500 points.`);
      await page.click('[data-testid="import-result"] a');
      await page.waitForSelector('[data-testid="node-eci_1"]');
      expect(await page.$$eval('[data-testid^="node-eci_"][data-depth="1"]', (els) => els.length)).toBe(5);
    });
  });
});
