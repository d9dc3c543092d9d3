/**
 * Headers of a file download over HTTP, shared by the browser mode (electron/web.ts) and the sharing listener
 * (electron/core/partage/server.ts).
 */

/**
 * `Content-Disposition: attachment` for `name`: an ASCII `filename="…"` fallback (other characters, `"` and `\`
 * as `_`) and the exact name as RFC 5987 `filename*=UTF-8''…` (percent-encoding everything but attr-char, so
 * `'`, `(`, `)`, `*` are encoded too, not only what encodeURIComponent encodes).
 */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Headers of a preuve's stored bytes: an attachment the browser may neither sniff nor render (`sandbox` CSP). */
export function preuveHeaders(file: { fileName: string; mimeType: string }): Record<string, string> {
  return {
    'Content-Type': file.mimeType,
    'Content-Disposition': attachmentDisposition(file.fileName),
    'Content-Security-Policy': "sandbox; default-src 'none'",
    'Cache-Control': 'no-store',
  };
}
