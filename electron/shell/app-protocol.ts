/**
 * Serves the built renderer (`out/renderer`) on `app://label-audit/` (ARCHITECTURE.md "Electron": UI from a
 * custom protocol). Pure Node (fetch `Request`/`Response`), so it is tested without Electron; main.ts passes the
 * handler to `protocol.handle('app', …)`. Every response carries the strict CSP of security.ts.
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY, isAppUrl } from './security';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Maps an `app://label-audit/<path>` URL to a file inside `rootDir` (absolute), or null when the URL is not
 * ours, is malformed, or escapes `rootDir` (path traversal, `%2e%2e`, encoded separators, NUL). `/` → index.html.
 */
export function resolveAppPath(rootDir: string, requestUrl: string): string | null {
  if (!isAppUrl(requestUrl)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const root = resolve(rootDir);
  const file = resolve(root, `.${pathname}`);
  return file.startsWith(root + sep) ? file : null;
}

/** Content-Type of a served file by extension (unknown → `application/octet-stream`). */
export function contentTypeFor(file: string): string {
  return MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
};

/**
 * `protocol.handle` handler serving files of `rootDir`: 200 with the file and its type, 404 when refused or
 * absent, 405 for anything but GET/HEAD. Never lists directories, never follows a path out of `rootDir`.
 */
export function createAppProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Méthode non autorisée', { status: 405, headers: SECURITY_HEADERS });
    }
    const file = resolveAppPath(rootDir, request.url);
    if (file === null) return new Response('Introuvable', { status: 404, headers: SECURITY_HEADERS });
    try {
      const body = await readFile(file);
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: { ...SECURITY_HEADERS, 'content-type': contentTypeFor(file) },
      });
    } catch {
      return new Response('Introuvable', { status: 404, headers: SECURITY_HEADERS });
    }
  };
}
