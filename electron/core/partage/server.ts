/**
 * The sharing listener (issue 5 item 4): a second node:http server, on the LAN address the référent chose, serving
 * the built renderer and the tRPC router to invited people only. Every request needs a valid invitation token:
 *   - the invitation link `http://<address>:<port>/?token=<token>` checks the token, sets it as an HttpOnly,
 *     SameSite=Strict cookie and redirects to `/` (the token leaves the address bar and the history);
 *   - later requests carry the cookie (or `?token=` again);
 *   - no token, a malformed, unknown, expired or revoked one → a 401 page in French then English and nothing else (not even the
 *     renderer's JavaScript). Revocation takes effect at the next request: the token is checked every time.
 * As in browser mode (electron/web.ts): the Host header must be the bound address (DNS-rebinding guard) and a
 * state-changing request must come from the same origin (CSRF guard). The router runs with `ctx.actor` = the
 * invitation's Actor, so access.ts applies the role. Downloads, per role (telechargements.ts, shared/access.ts):
 *   /preuves/<id>/fichier     a preuve's stored file (a pilote: their criteria's; auditeur, lecteur: not confidentiel);
 *   /paquet/<referentialId>   the audit pack without the confidentiel preuves (référent, auditeur; `?lang=en`).
 * A refused download answers a 403 page in French (and English) naming the reason, with a link back to the app.
 */
import { createReadStream, existsSync, realpathSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import type { AnyTRPCRouter } from '@trpc/server';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { CONTENT_SECURITY_POLICY } from '../../../shared/csp';
import { isUserError, type Bilingual } from '../../../shared/errors';
import type { Actor } from '../../../shared/roles';
import type { Core } from '../core';
import { preuveHeaders, attachmentDisposition } from '../http-download';
import { paquetPartage, preuvePartagee } from './telechargements';

/** Name of the cookie holding the invitation token. */
export const TOKEN_COOKIE = 'label_audit_invitation';

/** Options of `startShareServer`. */
export interface ShareServerOptions {
  core: Core;
  /** The app's router (electron/core/api/router.ts `appRouter`), passed in to keep this module out of its imports. */
  router: AnyTRPCRouter;
  /** Built renderer folder (absolute). */
  rendererDir: string;
  /** The IPv4 address to listen on (a LAN interface; 127.0.0.1 in tests). */
  host: string;
  /** TCP port; 0 picks a free one. */
  port: number;
}

/** A running sharing listener. */
export interface ShareServer {
  /** `http://<host>:<port>/` */
  url: string;
  host: string;
  port: number;
  /** Stops listening and drops open connections. Idempotent. */
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

/** The token of a request: `?token=` first, else the cookie; undefined when neither is there. */
export function requestToken(req: IncomingMessage): { token: string; fromQuery: boolean } | undefined {
  const url = new URL(req.url ?? '/', 'http://x');
  const q = url.searchParams.get('token');
  if (q !== null) return { token: q, fromQuery: true };
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === TOKEN_COOKIE) return { token: decodeURIComponent(v.join('=')), fromQuery: false };
  }
  return undefined;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The 401 page: a short explanation in French, then in English (issue 8 item 2: the page cannot know the reader's
 * language), no script, no link to the app.
 */
function unauthorized(res: ServerResponse, reason: Bilingual): void {
  const body = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Accès refusé — Access denied — Label Audit</title></head><body>
<h1>Accès refusé</h1><p data-testid="partage-401">${escapeHtml(reason.fr)}</p>
<p>Demandez un nouveau lien d'invitation au référent de l'audit.</p>
<div lang="en"><h1>Access denied</h1><p data-testid="partage-401-en">${escapeHtml(reason.en)}</p>
<p>Ask the audit's lead for a new invitation link.</p></div></body></html>\n`;
  res.writeHead(401, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    // A cookie that no longer works is dropped, so that the next valid link is not shadowed by it.
    'Set-Cookie': `${TOKEN_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`,
  });
  res.end(body);
}

/** The page of a refused or impossible download (403 or 404): the reason in French, then in English, a link back. */
function refusal(res: ServerResponse, status: 403 | 404, fr: string, en: string | null): void {
  const title = status === 403 ? 'Téléchargement refusé' : 'Téléchargement impossible';
  const body = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${title} — Label Audit</title></head><body>
<h1>${title}</h1><p data-testid="partage-${status}">${escapeHtml(fr)}</p>
${en ? `<p lang="en">${escapeHtml(en)}</p>\n` : ''}<p><a href="/#/">Revenir à Label Audit</a></p></body></html>\n`;
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  });
  res.end(body);
}

/** Streams `path` (`size` bytes) with `headers`; `done` runs once the response has ended or was dropped. */
function sendFile(req: IncomingMessage, res: ServerResponse, path: string, size: number, headers: Record<string, string>, done: () => void = () => {}): void {
  res.writeHead(200, { 'Content-Length': String(size), ...headers });
  res.once('close', done);
  if (req.method === 'HEAD') return void res.end();
  createReadStream(path)
    .on('error', () => res.destroy())
    .pipe(res);
}

/** `/preuves/<id>/fichier` for `actor`: the file, or the refusal page (403 not allowed, 404 unknown / link / missing). */
function servePreuve(core: Core, actor: Actor, rawId: string, req: IncomingMessage, res: ServerResponse): void {
  let id: string;
  try {
    id = decodeURIComponent(rawId);
  } catch {
    return refusal(res, 404, `Identifiant de preuve invalide : « ${rawId} ».`, `Invalid evidence identifier: “${rawId}”.`);
  }
  let file;
  try {
    file = preuvePartagee(core, actor, id);
  } catch (e) {
    if (!isUserError(e)) throw e;
    return refusal(res, e.code === 'FORBIDDEN' ? 403 : 404, e.message, e.en);
  }
  sendFile(req, res, file.path, file.size, preuveHeaders(file));
}

/** `/paquet/<referentialId>` for `actor`: builds the pack (telechargements.ts), streams it, removes it. */
async function servePaquet(core: Core, actor: Actor, rawId: string, lang: 'fr' | 'en', req: IncomingMessage, res: ServerResponse): Promise<void> {
  let id: string;
  try {
    id = decodeURIComponent(rawId);
  } catch {
    return refusal(res, 404, `Identifiant de référentiel invalide : « ${rawId} ».`, `Invalid referential identifier: “${rawId}”.`);
  }
  let paquet;
  try {
    paquet = await paquetPartage(core, actor, id, lang);
  } catch (e) {
    if (!isUserError(e)) throw e;
    return refusal(res, e.code === 'FORBIDDEN' ? 403 : 404, e.message, e.en);
  }
  // The person left while the pack was being built: nothing to send, nothing to keep.
  if (res.destroyed || req.socket.destroyed) return paquet.dispose();
  sendFile(req, res, paquet.path, statSync(paquet.path).size, { 'Content-Type': 'application/zip', 'Content-Disposition': attachmentDisposition(paquet.fileName), 'Cache-Control': 'no-store' }, paquet.dispose);
}

/** A plain-text answer: French, then English on the next line (the server cannot know the reader's language). */
function sendText(res: ServerResponse, status: number, text: Bilingual): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(`${text.fr}\n${text.en}\n`);
}

/** Static renderer files under `root`; `..`, NUL and anything resolving outside it → 403; unknown paths without extension → index.html. */
function serveStatic(root: string, rawPath: string, req: IncomingMessage, res: ServerResponse): void {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return sendText(res, 400, { fr: 'Chemin invalide.', en: 'Invalid path.' });
  }
  if (decoded.includes('\0') || decoded.split(/[\\/]+/).includes('..')) return sendText(res, 403, { fr: 'Chemin refusé.', en: 'Path refused.' });
  const index = join(root, 'index.html');
  if (!existsSync(index)) return sendText(res, 503, { fr: `Interface non construite (${index} absent).`, en: `Interface not built (${index} missing).` });
  let file = resolve(root, `.${decoded}`);
  if (file !== root && !file.startsWith(root + sep)) return sendText(res, 403, { fr: 'Chemin refusé.', en: 'Path refused.' });
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) {
    if (extname(decoded) !== '') return sendText(res, 404, { fr: `Introuvable : ${decoded}`, en: `Not found: ${decoded}` });
    file = index;
  }
  const real = realpathSync(file);
  if (!real.startsWith(realpathSync(root) + sep)) return sendText(res, 403, { fr: 'Chemin refusé.', en: 'Path refused.' });
  const type = CONTENT_TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream';
  const headers: Record<string, string> = { 'Content-Type': type, 'Cache-Control': 'no-cache', 'Content-Length': String(statSync(real).size) };
  if (type.startsWith('text/html')) headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
  res.writeHead(200, headers);
  if (req.method === 'HEAD') return void res.end();
  createReadStream(real)
    .on('error', () => res.destroy())
    .pipe(res);
}

/**
 * Starts the sharing listener (see the file docstring). Rejects with the listen error (EADDRNOTAVAIL for an
 * address that is not this machine's, EADDRINUSE for a taken port).
 */
export async function startShareServer(opts: ShareServerOptions): Promise<ShareServer> {
  const { core, host } = opts;
  const actors = new WeakMap<IncomingMessage, Actor>();
  const trpc = createHTTPHandler({
    router: opts.router,
    basePath: '/trpc/',
    createContext: ({ req }) => ({ core, actor: actors.get(req) }),
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR' && !isUserError(error.cause)) console.error(`Erreur interne (partage, ${path ?? '?'}) : ${error.message}`);
    },
  });
  let boundPort = opts.port;
  const origin = () => `${host}:${boundPort}`;

  function handle(req: IncomingMessage, res: ServerResponse): void {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    if ((req.headers.host ?? '').toLowerCase() !== origin()) return sendText(res, 403, { fr: `Hôte refusé : « ${req.headers.host ?? ''} ». Ouvrez http://${origin()}/`, en: `Host refused: “${req.headers.host ?? ''}”. Open http://${origin()}/` });
    const method = req.method ?? 'GET';
    const readOnly = method === 'GET' || method === 'HEAD';
    if (!readOnly) {
      const site = req.headers['sec-fetch-site'];
      const o = req.headers.origin;
      if ((site !== undefined && site !== 'same-origin' && site !== 'none') || (o !== undefined && o.toLowerCase() !== `http://${origin()}`)) {
        return sendText(res, 403, { fr: 'Requête refusée : origine différente.', en: 'Request refused: different origin.' });
      }
    }
    const found = requestToken(req);
    if (found === undefined) {
      return unauthorized(res, {
        fr: "Cette adresse est réservée aux personnes invitées : ouvrez le lien d'invitation que le référent vous a transmis.",
        en: 'This address is for invited people only: open the invitation link the lead sent you.',
      });
    }
    let actor: Actor & { invitationId: string };
    try {
      actor = core.invitations.authenticate(found.token);
    } catch (e) {
      if (!isUserError(e)) throw e;
      return unauthorized(res, { fr: e.message, en: e.messageIn('en') });
    }
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (found.fromQuery && readOnly && !path.startsWith('/trpc')) {
      const invitation = core.invitations.list().find((i) => i.id === actor.invitationId);
      const maxAge = invitation ? Math.max(0, Math.floor((Date.parse(invitation.expiresAt) - Date.now()) / 1000)) : 0;
      res.writeHead(303, {
        Location: '/#/',
        'Cache-Control': 'no-store',
        'Set-Cookie': `${TOKEN_COOKIE}=${encodeURIComponent(found.token)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}`,
      });
      return void res.end();
    }
    actors.set(req, actor);
    if (path === '/trpc' || path.startsWith('/trpc/')) return void trpc(req, res);
    if (!readOnly) return sendText(res, 405, { fr: 'Méthode non autorisée.', en: 'Method not allowed.' });
    const preuve = /^\/preuves\/([^/]+)\/fichier$/.exec(path);
    if (preuve?.[1] !== undefined) return servePreuve(core, actor, preuve[1], req, res);
    const paquet = /^\/paquet\/([^/]+)$/.exec(path);
    if (paquet?.[1] !== undefined) {
      const lang = new URL(req.url ?? '/', 'http://x').searchParams.get('lang') === 'en' ? 'en' : 'fr';
      servePaquet(core, actor, paquet[1], lang, req, res).catch((e: unknown) => {
        console.error(`Erreur interne (partage, paquet) : ${e instanceof Error ? e.message : String(e)}`);
        if (!res.headersSent) sendText(res, 500, { fr: 'Erreur interne.', en: 'Internal error.' });
        else res.destroy();
      });
      return;
    }
    return serveStatic(opts.rendererDir, path, req, res);
  }

  const server: Server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (e) {
      console.error(`Erreur interne (partage) : ${e instanceof Error ? e.message : String(e)}`);
      if (!res.headersSent) sendText(res, 500, { fr: 'Erreur interne.', en: 'Internal error.' });
      else res.destroy();
    }
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port, host, () => {
      server.off('error', fail);
      ok();
    });
  });
  const address = server.address();
  boundPort = typeof address === 'object' && address !== null ? address.port : opts.port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${boundPort}/`,
    host,
    port: boundPort,
    close() {
      closing ??= new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
