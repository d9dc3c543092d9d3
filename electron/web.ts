/**
 * Browser mode (ARCHITECTURE.md: "same router over HTTP on 127.0.0.1, serving the built renderer"):
 * one node:http server bound to 127.0.0.1 only, serving
 *   /trpc/<path>              the tRPC router (plain JSON, no superjson),
 *   /exports/<fileName>       downloads of files directly inside <dataDir>/exports,
 *   /preuves/<id>/fichier     download of a file preuve's stored bytes under its original name,
 *   everything else           the built renderer (static files, CSP of the desktop app, SPA fallback to index.html).
 * Requests whose Host header is not 127.0.0.1:<port> / localhost:<port> are refused (DNS-rebinding guard), and
 * so are non-GET requests from another origin (CSRF guard: a web page could otherwise POST a form to /trpc).
 *
 * CLI: `node --import tsx electron/web.ts [--data-dir DIR] [--port N] [--no-demo] [--user NAME]`.
 */
import { createReadStream, existsSync, lstatSync, realpathSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { userInfo } from 'node:os';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { appRouter } from './core/api/router';
import { startCore, type Core } from './core/core';
import { resolveDataDir } from './core/data-dir';
import { configurePartage, fermerPartage } from './core/partage';
import { attachmentDisposition, preuveHeaders } from './core/http-download';
import { defaultDataDir, exportsDir } from './core/paths';
import { isUserError, UserError, type Bilingual } from '../shared/errors';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';

/** Repository root (electron/web.ts → ..): relative `rendererDir` values are resolved from it, not from the cwd. */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export { CONTENT_SECURITY_POLICY, attachmentDisposition };

/** Content types by extension (static renderer files and exports). */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
  '.pdf': 'application/pdf',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Options of `startWebServer`. */
export interface WebServerOptions {
  /** Data dir of the workspace (see electron/core/paths.ts). */
  dataDir: string;
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Only '127.0.0.1' or 'localhost' (both bind 127.0.0.1): the server never listens on another interface. */
  host?: string;
  /** Seed the demo workspace on first launch (default true, like the desktop app). */
  demo?: boolean;
  /** Built renderer folder; relative paths are resolved from the repository root. Default `out/renderer`. */
  rendererDir?: string;
  /** Name written in the history (default: the OS user). */
  user?: string;
  /** Tests only (e2e harness): pause in ms at each step of an import with progress (`CoreOptions.importPhaseDelayMs`). */
  importPhaseDelayMs?: number;
}

/** A running browser-mode server. */
export interface WebServer {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  port: number;
  /** Stops listening, drops open connections, closes the workspace. Idempotent. */
  close(): Promise<void>;
}

/**
 * Starts the browser-mode server (see the file docstring).
 * Throws UserError INPUT_INVALID when `host` is not a loopback name; rejects with the listen error
 * (e.g. EADDRINUSE) when the port is taken; the workspace is closed again in that case.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { dataDir, port = 0, host = '127.0.0.1', demo = true, rendererDir = 'out/renderer' } = options;
  if (host !== '127.0.0.1' && host !== 'localhost') {
    throw new UserError('INPUT_INVALID', { fr: `Hôte refusé : « ${host} ». Le mode navigateur n'écoute que sur 127.0.0.1.`, en: `Host refused: “${host}”. Browser mode only listens on 127.0.0.1.` }, { field: 'host' });
  }
  const core = await startCore({ dataDir, user: options.user ?? osUserName(), demo, importPhaseDelayMs: options.importPhaseDelayMs });
  // The daily backup also while the app stays open for days (checked hourly; due after 24 h).
  const daily = setInterval(() => void core.backups.dailyIfDue(), 3600_000);
  daily.unref();
  const staticRoot = resolve(ROOT, rendererDir);
  // Sharing on the local network (off until the référent turns it on; electron/core/partage).
  configurePartage(core, { router: appRouter, rendererDir: staticRoot });
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    createContext: () => ({ core }),
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR' && !isUserError(error.cause)) {
        console.error(`Erreur interne (${path ?? '?'}) : ${error.message}`);
      }
    },
  });

  let boundPort = port;
  const server: Server = createServer((req, res) => {
    setSecurityHeaders(res);
    try {
      handle(req, res);
    } catch (e) {
      console.error(`Erreur interne : ${e instanceof Error ? e.message : String(e)}`);
      if (!res.headersSent) sendText(res, 500, { fr: 'Erreur interne.', en: 'Internal error.' });
      else res.destroy();
    }
  });

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const allowedHosts = [`127.0.0.1:${boundPort}`, `localhost:${boundPort}`];
    if (!allowedHosts.includes((req.headers.host ?? '').toLowerCase())) {
      sendText(res, 403, {
        fr: `Hôte refusé : « ${req.headers.host ?? ''} ». Ouvrez http://127.0.0.1:${boundPort}/`,
        en: `Host refused: “${req.headers.host ?? ''}”. Open http://127.0.0.1:${boundPort}/`,
      });
      return;
    }
    const method = req.method ?? 'GET';
    const readOnly = method === 'GET' || method === 'HEAD';
    if (!readOnly && !sameOrigin(req, allowedHosts)) {
      sendText(res, 403, { fr: 'Requête refusée : origine différente.', en: 'Request refused: different origin.' });
      return;
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/trpc' || path.startsWith('/trpc/')) {
      void trpc(req, res);
      return;
    }
    if (!readOnly) {
      sendText(res, 405, { fr: 'Méthode non autorisée.', en: 'Method not allowed.' });
      return;
    }
    if (path.startsWith('/exports/')) {
      serveExport(dataDir, path.slice('/exports/'.length), req, res);
      return;
    }
    const preuve = /^\/preuves\/([^/]+)\/fichier$/.exec(path);
    if (preuve?.[1] !== undefined) {
      if (!sameOrigin(req, allowedHosts)) sendText(res, 403, { fr: 'Requête refusée : origine différente.', en: 'Request refused: different origin.' });
      else servePreuve(core, preuve[1], req, res);
      return;
    }
    serveStatic(staticRoot, path, req, res);
  }

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  }).catch((e: unknown) => {
    clearInterval(daily);
    core.close();
    throw e;
  });
  const address = server.address();
  boundPort = typeof address === 'object' && address !== null ? address.port : port;

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${boundPort}/`,
    port: boundPort,
    close() {
      closing ??= new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      })
        .then(() => fermerPartage(core))
        .finally(() => {
          clearInterval(daily);
          core.close();
        });
      return closing;
    },
  };
}

function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

/** A state-changing request is accepted only when the browser says it comes from our own origin (or says nothing, as curl and Node do). */
function sameOrigin(req: IncomingMessage, allowedHosts: string[]): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return allowedHosts.some((h) => origin.toLowerCase() === `http://${h}`);
}

/**
 * A plain-text answer. The server cannot know the interface's language (issue 8 item 2), so a Bilingual text is
 * written as its French sentence, then its English one, each on its own line.
 */
function sendText(res: ServerResponse, status: number, text: string | Bilingual): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(typeof text === 'string' ? `${text}\n` : `${text.fr}\n${text.en}\n`);
}

function sendFile(res: ServerResponse, req: IncomingMessage, file: string, size: number, headers: Record<string, string>): void {
  res.writeHead(200, { 'Content-Length': String(size), ...headers });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

/**
 * Static renderer files. `..` segments (raw or percent-encoded), NUL bytes and anything resolving outside
 * `root` (symlinks included) are refused with 403; a missing path without extension falls back to index.html.
 */
function serveStatic(root: string, rawPath: string, req: IncomingMessage, res: ServerResponse): void {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    sendText(res, 400, { fr: 'Chemin invalide.', en: 'Invalid path.' });
    return;
  }
  if (decoded.includes('\0') || decoded.split(/[\\/]+/).includes('..')) {
    sendText(res, 403, { fr: 'Chemin refusé.', en: 'Path refused.' });
    return;
  }
  const index = join(root, 'index.html');
  if (!existsSync(index)) {
    sendText(res, 503, {
      fr: `Interface non construite (${index} absent) : lancez « npm run web » qui la construit.`,
      en: `Interface not built (${index} missing): run “npm run web”, which builds it.`,
    });
    return;
  }
  let file = resolve(root, `.${decoded}`);
  if (file !== root && !file.startsWith(root + sep)) {
    sendText(res, 403, { fr: 'Chemin refusé.', en: 'Path refused.' });
    return;
  }
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) {
    if (extname(decoded) !== '') {
      sendText(res, 404, { fr: `Introuvable : ${decoded}`, en: `Not found: ${decoded}` });
      return;
    }
    file = index; // client-side route
  }
  const real = realpathSync(file);
  const realRoot = realpathSync(root);
  if (!real.startsWith(realRoot + sep)) {
    sendText(res, 403, { fr: 'Chemin refusé.', en: 'Path refused.' });
    return;
  }
  const type = CONTENT_TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream';
  const headers: Record<string, string> = { 'Content-Type': type, 'Cache-Control': 'no-cache' };
  if (type.startsWith('text/html')) headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
  sendFile(res, req, real, statSync(real).size, headers);
}

/** `/exports/<fileName>`: a regular file directly inside `<dataDir>/exports` (no sub-folder, no symlink), as an attachment. */
function serveExport(dataDir: string, rawName: string, req: IncomingMessage, res: ServerResponse): void {
  let name: string;
  try {
    name = decodeURIComponent(rawName);
  } catch {
    sendText(res, 400, { fr: 'Nom de fichier invalide.', en: 'Invalid file name.' });
    return;
  }
  if (name === '' || name === '.' || name === '..' || /[\\/\0]/.test(name)) {
    sendText(res, 403, { fr: 'Nom de fichier refusé.', en: 'File name refused.' });
    return;
  }
  const file = join(exportsDir(dataDir), name);
  const info = existsSync(file) ? lstatSync(file) : undefined;
  if (!info?.isFile()) {
    sendText(res, 404, { fr: `Export introuvable : ${name}`, en: `Export not found: ${name}` });
    return;
  }
  sendFile(res, req, file, info.size, {
    'Content-Type': CONTENT_TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream',
    'Content-Disposition': attachmentDisposition(name),
    'Cache-Control': 'no-store',
  });
}

/**
 * `/preuves/<id>/fichier`: the stored bytes of a file preuve with its original name and stored type, as an
 * attachment that the browser may neither sniff nor render (`sandbox` CSP). 404 in French then English for an unknown id, a
 * link preuve or missing bytes; 403 when a page of another site asks for it (Sec-Fetch-Site / Origin).
 */
function servePreuve(core: Core, rawId: string, req: IncomingMessage, res: ServerResponse): void {
  let id: string;
  try {
    id = decodeURIComponent(rawId);
  } catch {
    sendText(res, 400, { fr: 'Identifiant de preuve invalide.', en: 'Invalid evidence identifier.' });
    return;
  }
  let file;
  try {
    file = core.preuves.file(id);
  } catch (e) {
    if (!isUserError(e)) throw e;
    sendText(res, 404, { fr: e.message, en: e.messageIn('en') });
    return;
  }
  sendFile(res, req, file.path, file.size, preuveHeaders(file));
}

function osUserName(): string {
  try {
    return userInfo().username || 'inconnu';
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'inconnu';
  }
}

/** Default port of the command-line entry; a random free port is used when it is taken. */
export const DEFAULT_PORT = 4780;

/** Command-line entry: parses the options, starts the server, prints the URL, serves until SIGINT/SIGTERM. */
async function main(argv: string[]): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { 'data-dir': { type: 'string' }, port: { type: 'string' }, 'no-demo': { type: 'boolean' }, user: { type: 'string' } },
      strict: true,
    }));
  } catch (e) {
    const option = (/'([^']+)'/.exec((e as Error).message)?.[1] ?? '').split(' ')[0] ?? '';
    const known = 'options : --data-dir DOSSIER, --port N, --no-demo, --user NOM';
    console.error(
      (e as { code?: string }).code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
        ? `L'option ${option} attend une valeur.`
        : `Argument inconnu : ${option || '?'} (${known}).`,
    );
    process.exit(1);
  }
  const portText = values.port;
  const port = portText === undefined ? DEFAULT_PORT : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Option --port : « ${portText} » n'est pas un numéro de port (0 à 65535).`);
    process.exit(1);
  }
  let dataDir: string;
  try {
    // Same folder as the desktop app: LABEL_AUDIT_DATA_DIR, else <userData>/data-dir.json, else userData (data-dir.ts).
    dataDir = values['data-dir'] !== undefined ? resolve(values['data-dir']) : resolveDataDir(defaultDataDir()).dataDir;
  } catch (e) {
    console.error(isUserError(e) ? e.message : String(e));
    process.exit(1);
  }
  const options: WebServerOptions = {
    dataDir,
    port,
    demo: values['no-demo'] !== true,
    ...(values.user !== undefined ? { user: values.user } : {}),
  };
  let server: WebServer;
  try {
    server = await startWebServer(options).catch((e: unknown) => {
      if (portText === undefined && (e as { code?: string }).code === 'EADDRINUSE') return startWebServer({ ...options, port: 0 });
      throw e;
    });
  } catch (e) {
    console.error(isUserError(e) ? e.message : `Erreur interne : ${e instanceof Error ? e.message : String(e)}`);
    process.exit(isUserError(e) ? 1 : 2);
  }
  console.log(`Label Audit (mode navigateur) : ${server.url}`);
  // `on`, not `once`: Ctrl-C reaches both npm's script and this process, so SIGINT may come twice; close() is idempotent.
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main(process.argv.slice(2));
}
