/**
 * The one Content-Security-Policy of the UI, sent by the desktop app's `app://` protocol (electron/shell) and by
 * browser mode (electron/web.ts): no remote code, no inline script, no framing (ARCHITECTURE.md "Electron").
 * `'self'` is `app://label-audit` in Electron and `http://127.0.0.1:<port>` in browser mode, so the renderer's
 * tRPC link reaches its own origin only.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');
