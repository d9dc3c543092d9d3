/**
 * Preuves (evidence): files kept in the content-addressed evidence store, or links, attached to nodes
 * (DOMAIN.md "preuve"; ARCHITECTURE.md "Storage"). One preuve can serve several nodes and referentials.
 */
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { UserError } from '../../../shared/errors';
import { type ServiceContext, inTransaction } from './context';
import { appendHistory } from './history';
import { getReferential, requireNode } from './referentials';

/** A preuve as the API shows it: size in bytes; `addedAt` ISO 8601; `nodeIds` every node it is attached to. */
export interface Preuve {
  id: string;
  kind: 'fichier' | 'lien';
  titre: string;
  fileName: string | null;
  size: number | null;
  sha256: string | null;
  mimeType: string | null;
  url: string | null;
  addedAt: string;
  addedBy: string;
  nodeIds: string[];
}

interface PreuveRow {
  id: string;
  kind: 'fichier' | 'lien';
  titre: string;
  file_name: string | null;
  size: number | null;
  sha256: string | null;
  mime_type: string | null;
  url: string | null;
  added_at: string;
  added_by: string;
}

const MIME: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.txt': 'text/plain',
  '.csv': 'text/csv',
  '.md': 'text/markdown',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.ppt': 'application/vnd.ms-powerpoint',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.odt': 'application/vnd.oasis.opendocument.text',
  '.ods': 'application/vnd.oasis.opendocument.spreadsheet',
  '.odp': 'application/vnd.oasis.opendocument.presentation',
  '.zip': 'application/zip',
};

/** MIME type from a file name's extension (`application/octet-stream` when unknown). */
export function mimeTypeOf(fileName: string): string {
  return MIME[extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

function nodeIdsOf(ctx: ServiceContext, preuveId: string): string[] {
  return (ctx.db.prepare('SELECT node_id FROM preuve_node WHERE preuve_id = ? ORDER BY referential_id, node_id').all(preuveId) as { node_id: string }[]).map(
    (r) => r.node_id,
  );
}

const toPreuve = (ctx: ServiceContext, r: PreuveRow): Preuve => ({
  id: r.id,
  kind: r.kind,
  titre: r.titre,
  fileName: r.file_name,
  size: r.size,
  sha256: r.sha256,
  mimeType: r.mime_type,
  url: r.url,
  addedAt: r.added_at,
  addedBy: r.added_by,
  nodeIds: nodeIdsOf(ctx, r.id),
});

/** One preuve by id, or UserError NOT_FOUND. */
export function getPreuve(ctx: ServiceContext, preuveId: string): Preuve {
  const row = ctx.db.prepare('SELECT * FROM preuve WHERE id = ?').get(preuveId) as PreuveRow | undefined;
  if (!row) throw new UserError('NOT_FOUND', `La preuve « ${preuveId} » n'existe pas.`, { field: 'preuveId' });
  return toPreuve(ctx, row);
}

/** Where the bytes of a file preuve are, for a download: absolute path in the evidence store, size in bytes. */
export interface PreuveFile {
  path: string;
  fileName: string;
  /** The stored MIME type, `application/octet-stream` when none was recorded. */
  mimeType: string;
  size: number;
}

/**
 * The stored bytes of a file preuve (browser-mode download, ARCHITECTURE.md "Storage"). Throws UserError
 * NOT_FOUND when the preuve does not exist, is a link (no bytes), or its bytes are missing from the evidence store.
 */
export function preuveFile(ctx: ServiceContext, preuveId: string): PreuveFile {
  const row = ctx.db.prepare('SELECT * FROM preuve WHERE id = ?').get(preuveId) as PreuveRow | undefined;
  if (!row) throw new UserError('NOT_FOUND', `La preuve « ${preuveId} » n'existe pas.`, { field: 'preuveId' });
  if (row.kind !== 'fichier' || row.sha256 === null || row.file_name === null) {
    throw new UserError('NOT_FOUND', `La preuve « ${row.titre} » est un lien, pas un fichier : il n'y a rien à télécharger.`, { field: 'preuveId' });
  }
  const path = ctx.evidence.pathOf(row.sha256);
  if (!ctx.evidence.has(row.sha256)) {
    throw new UserError('NOT_FOUND', `Le fichier de la preuve « ${row.file_name} » est absent du dépôt des preuves (${path}).`, { field: 'preuveId', path });
  }
  return { path, fileName: row.file_name, mimeType: row.mime_type ?? 'application/octet-stream', size: row.size ?? statSync(path).size };
}

/** Preuves attached to at least one node of the referential, by date added then title. */
export function listPreuves(ctx: ServiceContext, referentialId: string): Preuve[] {
  getReferential(ctx, referentialId);
  const rows = ctx.db
    .prepare(
      `SELECT * FROM preuve WHERE id IN (SELECT preuve_id FROM preuve_node WHERE referential_id = ?) ORDER BY added_at, titre, id`,
    )
    .all(referentialId) as PreuveRow[];
  return rows.map((r) => toPreuve(ctx, r));
}

/** Preuves attached to one node. */
export function preuvesOfNode(ctx: ServiceContext, referentialId: string, nodeId: string): Preuve[] {
  const rows = ctx.db
    .prepare(`SELECT p.* FROM preuve p JOIN preuve_node l ON l.preuve_id = p.id WHERE l.referential_id = ? AND l.node_id = ? ORDER BY p.added_at, p.titre, p.id`)
    .all(referentialId, nodeId) as PreuveRow[];
  return rows.map((r) => toPreuve(ctx, r));
}

function checkNode(ctx: ServiceContext, referentialId: string, nodeId: string): void {
  requireNode(getReferential(ctx, referentialId), nodeId);
}

/**
 * A file name safe to show and keep: the base name for this platform (on Linux/macOS `\` is an ordinary character
 * of a name, kept as given; the pack sanitises it in its folder names), trimmed. UserError PREUVE_INVALID, field
 * `fileName`, when it is empty, `.` or `..` (also as the last `\`-separated part, a Windows path such as `..\..`),
 * holds a control character (NUL, line break…: names that cut or forge a path in other tools), or is > 255 chars.
 */
function cleanFileName(fileName: string): string {
  const name = basename(fileName).trim();
  const last = name.split('\\').at(-1)?.trim() ?? '';
  if (last === '' || last === '.' || last === '..') {
    throw new UserError('PREUVE_INVALID', `Nom de fichier de preuve invalide : « ${fileName} » (un nom de fichier est attendu, pas un dossier ni « .. »).`, { field: 'fileName' });
  }
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u001f\u007f]/.exec(name);
  if (control) {
    const shown = name.replace(/[\u0000-\u001f\u007f]/g, '?'); // eslint-disable-line no-control-regex
    const code = `U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    throw new UserError('PREUVE_INVALID', `Le nom de fichier de preuve « ${shown} » contient un caractère de contrôle (${code}, position ${control.index + 1}) : renommez le fichier.`, {
      field: 'fileName',
    });
  }
  if (name.length > 255) throw new UserError('PREUVE_INVALID', `Le nom de fichier « ${name.slice(0, 40)}… » dépasse 255 caractères.`, { field: 'fileName' });
  return name;
}

/**
 * Records a stored file as a preuve on a node, in one transaction. The same bytes and name reuse the existing
 * preuve — unless the user typed another title: the user's words are never dropped, so a new preuve with that title
 * shares the stored bytes (stored once all the same).
 */
function attachFile(ctx: ServiceContext, referentialId: string, nodeId: string, fileName: string, blob: { sha256: string; size: number }, titre: string | undefined): Preuve {
  return inTransaction(ctx, () => {
    const typed = titre?.trim() || null;
    const candidates = ctx.db.prepare("SELECT * FROM preuve WHERE kind = 'fichier' AND sha256 = ? AND file_name = ? ORDER BY added_at, id").all(blob.sha256, fileName) as PreuveRow[];
    const existing = typed === null ? candidates[0] : candidates.find((r) => r.titre === typed);
    const id = existing?.id ?? randomUUID();
    if (!existing) {
      ctx.db
        .prepare(`INSERT INTO preuve (id, kind, titre, file_name, size, sha256, mime_type, url, added_at, added_by) VALUES (?, 'fichier', ?, ?, ?, ?, ?, NULL, ?, ?)`)
        .run(id, typed ?? fileName, fileName, blob.size, blob.sha256, mimeTypeOf(fileName), ctx.now(), ctx.user);
    }
    const linked = ctx.db.prepare('INSERT OR IGNORE INTO preuve_node (preuve_id, referential_id, node_id) VALUES (?, ?, ?)').run(id, referentialId, nodeId).changes > 0;
    const preuve = getPreuve(ctx, id);
    // Already there (same bytes, name and title on the same node): nothing changed, nothing recorded.
    if (existing && !linked) return preuve;
    appendHistory(ctx, { action: existing ? 'preuve.attach' : 'preuve.add', referentialId, nodeId, before: null, after: preuve });
    return preuve;
  });
}

/**
 * Adds a file preuve from bytes (the renderer sends them base64-encoded) on `nodeId`.
 * Throws REFERENTIAL_UNKNOWN, NODE_UNKNOWN, PREUVE_INVALID (file name).
 */
export function addPreuveFile(ctx: ServiceContext, input: { referentialId: string; nodeId: string; fileName: string; bytes: Uint8Array; titre?: string }): Preuve {
  checkNode(ctx, input.referentialId, input.nodeId);
  const fileName = cleanFileName(input.fileName);
  const blob = ctx.evidence.addFromBuffer(input.bytes);
  return attachFile(ctx, input.referentialId, input.nodeId, fileName, blob, input.titre);
}

/**
 * Adds a file preuve from a local path (main process / CLI), streamed into the evidence store.
 * Throws REFERENTIAL_UNKNOWN, NODE_UNKNOWN, FILE_NOT_FOUND / FILE_UNREADABLE naming the path — the database is
 * untouched then.
 */
export async function addPreuvePath(ctx: ServiceContext, input: { referentialId: string; nodeId: string; path: string; titre?: string }): Promise<Preuve> {
  checkNode(ctx, input.referentialId, input.nodeId);
  const blob = await ctx.evidence.addFromPath(input.path);
  return attachFile(ctx, input.referentialId, input.nodeId, cleanFileName(input.path), blob, input.titre);
}

/** Adds a link preuve. Throws PREUVE_INVALID unless `url` is an absolute http(s) URL; REFERENTIAL_UNKNOWN, NODE_UNKNOWN. */
export function addPreuveLink(ctx: ServiceContext, input: { referentialId: string; nodeId: string; url: string; titre?: string }): Preuve {
  checkNode(ctx, input.referentialId, input.nodeId);
  let url: URL;
  try {
    url = new URL(input.url.trim());
  } catch {
    throw new UserError('PREUVE_INVALID', `« ${input.url} » n'est pas une adresse web valide (http:// ou https://).`, { field: 'url' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UserError('PREUVE_INVALID', `Seuls les liens http:// ou https:// sont acceptés comme preuve (reçu « ${input.url} »).`, { field: 'url' });
  }
  const id = randomUUID();
  return inTransaction(ctx, () => {
    ctx.db
      .prepare(`INSERT INTO preuve (id, kind, titre, file_name, size, sha256, mime_type, url, added_at, added_by) VALUES (?, 'lien', ?, NULL, NULL, NULL, NULL, ?, ?, ?)`)
      .run(id, input.titre?.trim() || url.href, url.href, ctx.now(), ctx.user);
    ctx.db.prepare('INSERT INTO preuve_node (preuve_id, referential_id, node_id) VALUES (?, ?, ?)').run(id, input.referentialId, input.nodeId);
    const preuve = getPreuve(ctx, id);
    appendHistory(ctx, { action: 'preuve.add', referentialId: input.referentialId, nodeId: input.nodeId, before: null, after: preuve });
    return preuve;
  });
}

/**
 * Detaches a preuve from a node. The preuve record and its bytes stay (another node, or a frozen jalon, may need
 * them; ARCHITECTURE.md "Storage"). Throws NOT_FOUND when the preuve is not attached to that node.
 */
export function detachPreuve(ctx: ServiceContext, input: { preuveId: string; nodeId: string }): { ok: true } {
  const link = ctx.db.prepare('SELECT referential_id FROM preuve_node WHERE preuve_id = ? AND node_id = ?').get(input.preuveId, input.nodeId) as
    | { referential_id: string }
    | undefined;
  if (!link) {
    throw new UserError('NOT_FOUND', `La preuve « ${input.preuveId} » n'est pas rattachée au nœud ${input.nodeId}.`, { nodeId: input.nodeId, field: 'preuveId' });
  }
  inTransaction(ctx, () => {
    const before = getPreuve(ctx, input.preuveId);
    ctx.db.prepare('DELETE FROM preuve_node WHERE preuve_id = ? AND node_id = ?').run(input.preuveId, input.nodeId);
    appendHistory(ctx, { action: 'preuve.detach', referentialId: link.referential_id, nodeId: input.nodeId, before, after: getPreuve(ctx, input.preuveId) });
  });
  return { ok: true };
}
