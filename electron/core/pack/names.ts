/**
 * Entry-name rules of the audit pack (DOMAIN.md "The audit pack": UTF-8, NFC, `/` separators, safe on Windows,
 * ≤ 255 bytes per segment, no case-insensitive collisions; tete-referentials.md §4.6 "Path segments are sanitised").
 * Pure functions, no I/O.
 */

/** Maximum length of one path segment in UTF-8 bytes (NTFS, ext4 and most extractors). */
export const MAX_SEGMENT_BYTES = 255;

/** Longest extension (dot included, UTF-8 bytes) kept intact when a name is cut. */
const MAX_EXTENSION_BYTES = 16;

/** Windows device names, refused whatever the extension (`CON`, `con.txt`, `LPT1.tar.gz`). */
const RESERVED = /^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³])$/i;

// Characters Windows refuses in names, plus C0/C1 controls and DEL.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f-\u009f]/g;

/** UTF-8 length in bytes. */
export function utf8Bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/**
 * Splits `name` into base and extension (dot included), e.g. `rapport.final.pdf` → [`rapport.final`, `.pdf`].
 * A leading dot (`.env`) or an extension longer than 16 bytes or containing a space is not an extension.
 */
export function splitExtension(name: string): [string, string] {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return [name, ''];
  const ext = name.slice(dot);
  if (utf8Bytes(ext) > MAX_EXTENSION_BYTES || /\s/.test(ext) || ext === '.') return [name, ''];
  return [name.slice(0, dot), ext];
}

/** Cuts `s` to at most `maxBytes` UTF-8 bytes on a code-point boundary (never splits a surrogate pair). */
export function truncateUtf8(s: string, maxBytes: number): string {
  if (utf8Bytes(s) <= maxBytes) return s;
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const b = utf8Bytes(ch);
    if (bytes + b > maxBytes) break;
    out += ch;
    bytes += b;
  }
  return out;
}

/** Windows drops trailing dots and spaces, so two names would meet: remove them ourselves. */
function trimEnd(s: string): string {
  return s.replace(/[. ]+$/u, '');
}

/** Fits `base + suffix + ext` into `maxBytes`, cutting the base first (on a character boundary). */
function fit(base: string, suffix: string, ext: string, maxBytes: number): string {
  let keptExt = ext;
  let room = maxBytes - utf8Bytes(suffix) - utf8Bytes(keptExt);
  if (room < 1) {
    keptExt = '';
    room = maxBytes - utf8Bytes(suffix);
  }
  const cut = trimEnd(truncateUtf8(base, Math.max(room, 1)));
  return (cut === '' ? '_' : cut) + suffix + keptExt;
}

/**
 * One safe path segment (a folder or file name) from any user text.
 * - NFC; `<>:"/\|?*` and control characters become `_`; surrounding spaces and trailing dots are removed;
 * - a Windows device name (`CON`, `prn.txt`, `COM1.pdf`) gets a leading `_` (`_CON.txt`);
 * - empty, `.` and `..` become `_`;
 * - at most `maxBytes` (255) UTF-8 bytes, cut on a character boundary, keeping the extension.
 * Idempotent: `sanitizeSegment(sanitizeSegment(x)) === sanitizeSegment(x)`.
 * Source: DOMAIN.md "The audit pack", tete-referentials.md §4.6.
 */
export function sanitizeSegment(name: string, maxBytes: number = MAX_SEGMENT_BYTES): string {
  let s = name.normalize('NFC').replace(FORBIDDEN, '_').trim();
  s = trimEnd(s);
  if (s === '' || /^\.+$/.test(s)) return '_';
  const stem = s.split('.')[0] ?? '';
  if (RESERVED.test(stem.trimEnd())) s = `_${s}`;
  if (utf8Bytes(s) <= maxBytes) return s;
  const [base, ext] = splitExtension(s);
  return fit(base, '', ext, maxBytes);
}

/** Key under which two names collide on a case-insensitive file system (Windows, macOS): NFC, lower case. */
export function collisionKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/**
 * `name` if its collision key is not in `taken` (a set of `collisionKey`s of the names already used in the
 * same folder); otherwise the first free `base (2).ext`, `base (3).ext`…, cut to `maxBytes` on the base.
 * Does not modify `taken`: the caller adds `collisionKey(result)`.
 * Example: taken = {`rapport.pdf`}: `Rapport.PDF` → `Rapport (2).PDF`.
 */
export function uniqueName(name: string, taken: ReadonlySet<string>, maxBytes: number = MAX_SEGMENT_BYTES): string {
  if (!taken.has(collisionKey(name))) return name;
  const [base, ext] = splitExtension(name);
  for (let n = 2; ; n++) {
    const candidate = fit(base, ` (${n})`, ext, maxBytes);
    if (!taken.has(collisionKey(candidate))) return candidate;
  }
}

/** Path problems `verifyPack` reports: `null` when `path` is a safe relative zip entry name. */
export function unsafePathReason(path: string): string | null {
  if (path.includes('\\')) return 'contient une barre oblique inverse (\\)';
  if (path.startsWith('/')) return 'chemin absolu';
  if (/^[a-zA-Z]:/.test(path)) return 'commence par une lettre de lecteur';
  if (path.normalize('NFC') !== path) return "n'est pas en forme Unicode NFC";
  const segments = path.split('/');
  for (const seg of segments) {
    if (seg === '..' || seg === '.') return 'contient un segment « . » ou « .. »';
    if (seg === '') return 'contient un segment vide';
    if (sanitizeSegment(seg) !== seg) return `le segment « ${seg} » n'est pas sûr sous Windows`;
  }
  return null;
}
