/**
 * Preuves (evidence): files kept in the content-addressed evidence store, or links, attached to nodes
 * (DOMAIN.md "preuve"; ARCHITECTURE.md "Storage"). One preuve can serve several nodes and referentials.
 */
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { UserError } from '../../../shared/errors';
import { type ServiceContext, inTransaction, prepared } from './context';
import { appendHistory } from './history';
import { getReferential, requireNode } from './referentials';
import { checkUnlocked } from './audit-lock';

/** Where a preuve is attached: one node of one referential. */
export interface Rattachement {
  referentialId: string;
  nodeId: string;
}

/** A preuve attendue of a referential that a preuve is marked as answering. */
export interface Couverture {
  referentialId: string;
  preuveAttendueId: string;
}

/**
 * A preuve as the API shows it: size in bytes; `addedAt` ISO 8601; `nodeIds` every node it is attached to (any
 * referential; `rattachements` says which). File columns (`fileName`, `size`, `sha256`, `mimeType`) are those of
 * the latest revision, numbered `revision` (0 for a link). `dateDocument` is the document's own date (YYYY-MM-DD);
 * `proprietaire` the owner's name. A `confidentiel` preuve is left out of the pack unless the export includes it.
 */
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
  rattachements: Rattachement[];
  dateDocument: string | null;
  proprietaireId: string | null;
  proprietaire: string | null;
  confidentiel: boolean;
  revision: number;
  couvertures: Couverture[];
}

/** A row of the `preuve` table (schema 005). */
export interface PreuveRow {
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
  date_document: string | null;
  proprietaire_id: string | null;
  confidentiel: number;
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

function rattachementsOf(ctx: ServiceContext, preuveId: string): Rattachement[] {
  return (
    prepared(ctx.db, 'SELECT referential_id, node_id FROM preuve_node WHERE preuve_id = ? ORDER BY referential_id, node_id').all(preuveId) as {
      referential_id: string;
      node_id: string;
    }[]
  ).map((r) => ({ referentialId: r.referential_id, nodeId: r.node_id }));
}

/** The API shape of a stored row (attachments, owner's name, revision number and coverage read alongside). */
export function toPreuve(ctx: ServiceContext, r: PreuveRow): Preuve {
  const rattachements = rattachementsOf(ctx, r.id);
  const owner = r.proprietaire_id ? (prepared(ctx.db, 'SELECT nom FROM person WHERE id = ?').get(r.proprietaire_id) as { nom: string } | undefined) : undefined;
  const rev = prepared(ctx.db, 'SELECT MAX(numero) AS n FROM preuve_revision WHERE preuve_id = ?').get(r.id) as { n: number | null };
  const couvertures = (
    prepared(ctx.db, 'SELECT referential_id, preuve_attendue_id FROM preuve_couverture WHERE preuve_id = ? ORDER BY referential_id, preuve_attendue_id').all(r.id) as {
      referential_id: string;
      preuve_attendue_id: string;
    }[]
  ).map((c) => ({ referentialId: c.referential_id, preuveAttendueId: c.preuve_attendue_id }));
  return {
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
    nodeIds: rattachements.map((a) => a.nodeId),
    rattachements,
    dateDocument: r.date_document,
    proprietaireId: r.proprietaire_id,
    proprietaire: owner?.nom ?? null,
    confidentiel: r.confidentiel === 1,
    revision: rev.n ?? 0,
    couvertures,
  };
}

/** One preuve by id, or UserError NOT_FOUND. */
export function getPreuve(ctx: ServiceContext, preuveId: string): Preuve {
  const row = ctx.db.prepare('SELECT * FROM preuve WHERE id = ?').get(preuveId) as PreuveRow | undefined;
  if (!row) throw new UserError('NOT_FOUND', { fr: `La preuve « ${preuveId} » n'existe pas.`, en: `The evidence “${preuveId}” does not exist.` }, { field: 'preuveId' }, { what: 'preuve', id: preuveId });
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
  if (!row) throw new UserError('NOT_FOUND', { fr: `La preuve « ${preuveId} » n'existe pas.`, en: `The evidence “${preuveId}” does not exist.` }, { field: 'preuveId' }, { what: 'preuve', id: preuveId });
  if (row.kind !== 'fichier' || row.sha256 === null || row.file_name === null) {
    throw new UserError(
      'NOT_FOUND',
      { fr: `La preuve « ${row.titre} » est un lien, pas un fichier : il n'y a rien à télécharger.`, en: `The evidence “${row.titre}” is a link, not a file: there is nothing to download.` },
      { field: 'preuveId' },
    );
  }
  const path = ctx.evidence.pathOf(row.sha256);
  if (!ctx.evidence.has(row.sha256)) {
    throw new UserError(
      'NOT_FOUND',
      { fr: `Le fichier de la preuve « ${row.file_name} » est absent du dépôt des preuves (${path}).`, en: `The file of the evidence “${row.file_name}” is missing from the evidence store (${path}).` },
      { field: 'preuveId', path },
    );
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
export function cleanFileName(fileName: string): string {
  const name = basename(fileName).trim();
  const last = name.split('\\').at(-1)?.trim() ?? '';
  if (last === '' || last === '.' || last === '..') {
    throw new UserError(
      'PREUVE_INVALID',
      {
        fr: `Nom de fichier de preuve invalide : « ${fileName} » (un nom de fichier est attendu, pas un dossier ni « .. »).`,
        en: `Invalid evidence file name: “${fileName}” (a file name is expected, not a folder nor “..”).`,
      },
      { field: 'fileName' },
    );
  }
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u001f\u007f]/.exec(name);
  if (control) {
    const shown = name.replace(/[\u0000-\u001f\u007f]/g, '?'); // eslint-disable-line no-control-regex
    const code = `U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    const at = control.index + 1;
    throw new UserError(
      'PREUVE_INVALID',
      {
        fr: `Le nom de fichier de preuve « ${shown} » contient un caractère de contrôle (${code}, position ${at}) : renommez le fichier.`,
        en: `The evidence file name “${shown}” contains a control character (${code}, position ${at}): rename the file.`,
      },
      { field: 'fileName' },
    );
  }
  if (name.length > 255) {
    throw new UserError('PREUVE_INVALID', { fr: `Le nom de fichier « ${name.slice(0, 40)}… » dépasse 255 caractères.`, en: `The file name “${name.slice(0, 40)}…” is longer than 255 characters.` }, { field: 'fileName' });
  }
  return name;
}

/**
 * The preuve attendue `preuveAttendueId` of the referential, which must be expected on `nodeId` (the catalogue links
 * it to that node, tete-referentials.md §1.5 `referentiel-cae-preuves.csv`).
 * Throws UserError PREUVE_INVALID naming the preuve attendue and the node otherwise.
 */
export function requireAttendue(ctx: ServiceContext, referentialId: string, nodeId: string, preuveAttendueId: string): { id: string; nom: string } {
  const ref = getReferential(ctx, referentialId);
  const a = ref.preuvesAttendues.find((p) => p.id === preuveAttendueId);
  if (!a) {
    throw new UserError(
      'PREUVE_INVALID',
      { fr: `La preuve attendue « ${preuveAttendueId} » n'existe pas dans le référentiel ${ref.nom}.`, en: `The expected evidence “${preuveAttendueId}” does not exist in the referential ${ref.nom}.` },
      { field: 'preuveAttendueId', nodeId },
    );
  }
  if (!a.nodeIds.includes(nodeId)) {
    const node = ref.nodes.find((n) => n.id === nodeId);
    const on = node?.identifiant || nodeId;
    throw new UserError(
      'PREUVE_INVALID',
      {
        fr: `La preuve attendue « ${a.nom} » n'est pas attendue sur ${on} : elle l'est sur ${a.nodeIds.join(', ') || 'aucun critère'}.`,
        en: `The expected evidence “${a.nom}” is not expected on ${on}: it is expected on ${a.nodeIds.join(', ') || 'no criterion'}.`,
      },
      { field: 'preuveAttendueId', nodeId },
    );
  }
  return a;
}

/** Marks `preuveId` as answering a preuve attendue (no-op when already marked); returns whether a row was added. */
export function insertCouverture(ctx: ServiceContext, preuveId: string, referentialId: string, preuveAttendueId: string): boolean {
  return (
    ctx.db.prepare('INSERT OR IGNORE INTO preuve_couverture (preuve_id, referential_id, preuve_attendue_id) VALUES (?, ?, ?)').run(preuveId, referentialId, preuveAttendueId)
      .changes > 0
  );
}

/** Appends revision `numero` of a file preuve (schema 005 `preuve_revision`), at `ctx.now()` by `ctx.user`. */
export function insertRevision(ctx: ServiceContext, preuveId: string, numero: number, fileName: string, blob: { sha256: string; size: number }): void {
  ctx.db
    .prepare('INSERT INTO preuve_revision (preuve_id, numero, file_name, size, sha256, mime_type, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(preuveId, numero, fileName, blob.size, blob.sha256, mimeTypeOf(fileName), ctx.now(), ctx.user);
}

/**
 * Records a stored file as a preuve on a node, in one transaction. The same bytes and name reuse the existing
 * preuve — unless the user typed another title: the user's words are never dropped, so a new preuve with that title
 * shares the stored bytes (stored once all the same). A new preuve gets its revision 1. With `attendue`, the preuve
 * is marked as answering that preuve attendue.
 */
function attachFile(
  ctx: ServiceContext,
  referentialId: string,
  nodeId: string,
  fileName: string,
  blob: { sha256: string; size: number },
  titre: string | undefined,
  attendue: { id: string; nom: string } | null,
): Preuve {
  return inTransaction(ctx, () => {
    const typed = titre?.trim() || attendue?.nom || null;
    const candidates = ctx.db.prepare("SELECT * FROM preuve WHERE kind = 'fichier' AND sha256 = ? AND file_name = ? ORDER BY added_at, id").all(blob.sha256, fileName) as PreuveRow[];
    const existing = typed === null ? candidates[0] : candidates.find((r) => r.titre === typed);
    const id = existing?.id ?? randomUUID();
    if (!existing) {
      ctx.db
        .prepare(`INSERT INTO preuve (id, kind, titre, file_name, size, sha256, mime_type, url, added_at, added_by) VALUES (?, 'fichier', ?, ?, ?, ?, ?, NULL, ?, ?)`)
        .run(id, typed ?? fileName, fileName, blob.size, blob.sha256, mimeTypeOf(fileName), ctx.now(), ctx.user);
      insertRevision(ctx, id, 1, fileName, blob);
    }
    const linked = ctx.db.prepare('INSERT OR IGNORE INTO preuve_node (preuve_id, referential_id, node_id) VALUES (?, ?, ?)').run(id, referentialId, nodeId).changes > 0;
    const covered = attendue ? insertCouverture(ctx, id, referentialId, attendue.id) : false;
    const preuve = getPreuve(ctx, id);
    // Already there (same bytes, name and title on the same node): nothing changed, nothing recorded.
    if (existing && !linked && !covered) return preuve;
    appendHistory(ctx, { action: existing ? 'preuve.attach' : 'preuve.add', referentialId, nodeId, before: null, after: preuve });
    return preuve;
  });
}

/** Input of adding a preuve on a node; `preuveAttendueId` marks it as answering that preuve attendue of the node. */
interface AddOnNode {
  referentialId: string;
  nodeId: string;
  titre?: string;
  preuveAttendueId?: string;
}

function checkTarget(ctx: ServiceContext, input: AddOnNode): { id: string; nom: string } | null {
  checkNode(ctx, input.referentialId, input.nodeId);
  checkUnlocked(ctx, input.referentialId, { fr: `Les preuves de ${input.nodeId}`, en: `The evidence of ${input.nodeId}` });
  return input.preuveAttendueId ? requireAttendue(ctx, input.referentialId, input.nodeId, input.preuveAttendueId) : null;
}

/**
 * Adds a file preuve from bytes (the renderer sends them base64-encoded) on `nodeId`.
 * Throws REFERENTIAL_UNKNOWN, NODE_UNKNOWN, PREUVE_INVALID (file name, preuve attendue not expected on the node).
 */
export function addPreuveFile(ctx: ServiceContext, input: AddOnNode & { fileName: string; bytes: Uint8Array }): Preuve {
  const attendue = checkTarget(ctx, input);
  const fileName = cleanFileName(input.fileName);
  const blob = ctx.evidence.addFromBuffer(input.bytes);
  return attachFile(ctx, input.referentialId, input.nodeId, fileName, blob, input.titre, attendue);
}

/**
 * Adds a file preuve from a local path (main process / CLI), streamed into the evidence store.
 * Throws REFERENTIAL_UNKNOWN, NODE_UNKNOWN, PREUVE_INVALID, FILE_NOT_FOUND / FILE_UNREADABLE naming the path — the
 * database is untouched then.
 */
export async function addPreuvePath(ctx: ServiceContext, input: AddOnNode & { path: string }): Promise<Preuve> {
  const attendue = checkTarget(ctx, input);
  const fileName = cleanFileName(input.path);
  const blob = await ctx.evidence.addFromPath(input.path);
  return attachFile(ctx, input.referentialId, input.nodeId, fileName, blob, input.titre, attendue);
}

/**
 * The absolute http(s) URL of `text`, normalised by `new URL`.
 * Throws UserError PREUVE_INVALID (field `url`) for anything else.
 */
export function checkHttpUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new UserError('PREUVE_INVALID', { fr: `« ${text} » n'est pas une adresse web valide (http:// ou https://).`, en: `“${text}” is not a valid web address (http:// or https://).` }, { field: 'url' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UserError(
      'PREUVE_INVALID',
      { fr: `Seuls les liens http:// ou https:// sont acceptés comme preuve (reçu « ${text} »).`, en: `Only http:// or https:// links are accepted as evidence (received “${text}”).` },
      { field: 'url' },
    );
  }
  return url.href;
}

/**
 * Adds a link preuve. Throws PREUVE_INVALID unless `url` is an absolute http(s) URL, or when the preuve attendue is
 * not expected on the node; REFERENTIAL_UNKNOWN, NODE_UNKNOWN.
 */
export function addPreuveLink(ctx: ServiceContext, input: AddOnNode & { url: string }): Preuve {
  const attendue = checkTarget(ctx, input);
  const href = checkHttpUrl(input.url);
  const id = randomUUID();
  return inTransaction(ctx, () => {
    ctx.db
      .prepare(`INSERT INTO preuve (id, kind, titre, file_name, size, sha256, mime_type, url, added_at, added_by) VALUES (?, 'lien', ?, NULL, NULL, NULL, NULL, ?, ?, ?)`)
      .run(id, input.titre?.trim() || attendue?.nom || href, href, ctx.now(), ctx.user);
    ctx.db.prepare('INSERT INTO preuve_node (preuve_id, referential_id, node_id) VALUES (?, ?, ?)').run(id, input.referentialId, input.nodeId);
    if (attendue) insertCouverture(ctx, id, input.referentialId, attendue.id);
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
    throw new UserError(
      'NOT_FOUND',
      { fr: `La preuve « ${input.preuveId} » n'est pas rattachée au nœud ${input.nodeId}.`, en: `The evidence “${input.preuveId}” is not attached to the item ${input.nodeId}.` },
      { nodeId: input.nodeId, field: 'preuveId' },
    );
  }
  checkUnlocked(ctx, link.referential_id, { fr: `Les preuves de ${input.nodeId}`, en: `The evidence of ${input.nodeId}` });
  inTransaction(ctx, () => {
    const before = getPreuve(ctx, input.preuveId);
    ctx.db.prepare('DELETE FROM preuve_node WHERE preuve_id = ? AND node_id = ?').run(input.preuveId, input.nodeId);
    appendHistory(ctx, { action: 'preuve.detach', referentialId: link.referential_id, nodeId: input.nodeId, before, after: getPreuve(ctx, input.preuveId) });
  });
  return { ok: true };
}
