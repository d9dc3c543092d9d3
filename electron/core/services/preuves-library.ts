/**
 * Preuves as a library (issue 4 item 1; tete-referentials.md §4.6 `bibliotheque_fichier`, `confidentiel`, preuves
 * attendues): every preuve of the workspace whatever it is attached to; attaching an existing preuve to another node
 * of any referential; revisions of a file (a new version keeps the earlier ones; the preuve shows the latest);
 * metadata (titre, date of the document, owner, confidentiel); marking a preuve as answering a preuve attendue; and
 * the « À compléter » list (criteria marked fait or programmé with no preuve, links that are not http(s)).
 * Every refusal is a UserError thrown before anything is written.
 */
import type { Referential, ReferentialNode } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import { type ServiceContext, inTransaction } from './context';
import { appendHistory } from './history';
import { type Preuve, type PreuveRow, cleanFileName, getPreuve, insertCouverture, insertRevision, mimeTypeOf, requireAttendue, toPreuve } from './preuves';
import { getReferential, listReferentials, requireNode } from './referentials';
import { listStatuts } from './statuts';
import { checkPreuveUnlocked, checkUnlocked } from './audit-lock';

/** One stored version of a file preuve: `numero` from 1; size in bytes; `addedAt` ISO 8601. */
export interface PreuveRevision {
  numero: number;
  fileName: string;
  size: number;
  sha256: string;
  mimeType: string | null;
  addedAt: string;
  addedBy: string;
}

/** Every preuve of the workspace (the library), by titre (French collation) then id. */
export function listLibrary(ctx: ServiceContext): Preuve[] {
  const rows = ctx.db.prepare('SELECT * FROM preuve').all() as PreuveRow[];
  return rows.map((r) => toPreuve(ctx, r)).sort((a, b) => a.titre.localeCompare(b.titre, 'fr') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function requirePreuveRow(ctx: ServiceContext, preuveId: string): PreuveRow {
  const row = ctx.db.prepare('SELECT * FROM preuve WHERE id = ?').get(preuveId) as PreuveRow | undefined;
  if (!row) {
    throw new UserError('NOT_FOUND', { fr: `La preuve « ${preuveId} » n'existe pas.`, en: `The evidence “${preuveId}” does not exist.` }, { field: 'preuveId' }, { what: 'preuve', id: preuveId });
  }
  return row;
}

/**
 * Attaches an existing preuve (picked from the library) to a node of any referential; with `preuveAttendueId`, also
 * marks it as answering that preuve attendue of the node. Already attached (and already marked): nothing changes,
 * no history. Throws NOT_FOUND (preuve), REFERENTIAL_UNKNOWN, NODE_UNKNOWN, PREUVE_INVALID (preuve attendue not
 * expected on the node).
 */
export function attachPreuve(ctx: ServiceContext, input: { preuveId: string; referentialId: string; nodeId: string; preuveAttendueId?: string }): Preuve {
  requirePreuveRow(ctx, input.preuveId);
  requireNode(getReferential(ctx, input.referentialId), input.nodeId);
  checkUnlocked(ctx, input.referentialId, { fr: `Les preuves de ${input.nodeId}`, en: `The evidence of ${input.nodeId}` });
  const attendue = input.preuveAttendueId ? requireAttendue(ctx, input.referentialId, input.nodeId, input.preuveAttendueId) : null;
  return inTransaction(ctx, () => {
    const before = getPreuve(ctx, input.preuveId);
    const linked = ctx.db.prepare('INSERT OR IGNORE INTO preuve_node (preuve_id, referential_id, node_id) VALUES (?, ?, ?)').run(input.preuveId, input.referentialId, input.nodeId).changes > 0;
    const covered = attendue ? insertCouverture(ctx, input.preuveId, input.referentialId, attendue.id) : false;
    const after = getPreuve(ctx, input.preuveId);
    if (linked || covered) appendHistory(ctx, { action: 'preuve.attach', referentialId: input.referentialId, nodeId: input.nodeId, before, after });
    return after;
  });
}

/** Every revision of a file preuve, the latest first (empty for a link). Throws NOT_FOUND. */
export function listRevisions(ctx: ServiceContext, preuveId: string): PreuveRevision[] {
  requirePreuveRow(ctx, preuveId);
  const rows = ctx.db.prepare('SELECT * FROM preuve_revision WHERE preuve_id = ? ORDER BY numero DESC').all(preuveId) as {
    numero: number;
    file_name: string;
    size: number;
    sha256: string;
    mime_type: string | null;
    added_at: string;
    added_by: string;
  }[];
  return rows.map((r) => ({ numero: r.numero, fileName: r.file_name, size: r.size, sha256: r.sha256, mimeType: r.mime_type, addedAt: r.added_at, addedBy: r.added_by }));
}

/** Checks that a new version can be added to `row`: a file preuve. Throws PREUVE_INVALID for a link. */
function checkRevisable(row: PreuveRow): void {
  if (row.kind !== 'fichier') {
    throw new UserError(
      'PREUVE_INVALID',
      { fr: `La preuve « ${row.titre} » est un lien : seule une preuve de type fichier a des versions.`, en: `The evidence “${row.titre}” is a link: only a file has versions.` },
      { field: 'preuveId' },
    );
  }
}

function recordRevision(ctx: ServiceContext, row: PreuveRow, fileName: string, blob: { sha256: string; size: number }): Preuve {
  if (blob.sha256 === row.sha256) {
    throw new UserError(
      'PREUVE_INVALID',
      {
        fr: `« ${fileName} » est identique à la version actuelle de la preuve « ${row.titre} » (mêmes octets) : aucune nouvelle version n'a été enregistrée.`,
        en: `“${fileName}” is identical to the current version of the evidence “${row.titre}” (same bytes): no new version was recorded.`,
      },
      { field: 'fileName' },
    );
  }
  return inTransaction(ctx, () => {
    const before = getPreuve(ctx, row.id);
    insertRevision(ctx, row.id, before.revision + 1, fileName, blob);
    ctx.db.prepare('UPDATE preuve SET file_name = ?, size = ?, sha256 = ?, mime_type = ? WHERE id = ?').run(fileName, blob.size, blob.sha256, mimeTypeOf(fileName), row.id);
    const after = getPreuve(ctx, row.id);
    appendHistory(ctx, { action: 'preuve.revision', referentialId: after.rattachements[0]?.referentialId ?? null, nodeId: after.rattachements[0]?.nodeId ?? null, before, after });
    return after;
  });
}

/**
 * Uploads a new version of a file preuve (bytes, base64 over the API): the earlier versions stay stored and listed
 * (`listRevisions`); the preuve now shows, and the pack takes, the new one. Throws NOT_FOUND, PREUVE_INVALID (a
 * link, a bad file name, or the same bytes as the current version) — the database is unchanged then.
 */
export function addRevisionFile(ctx: ServiceContext, input: { preuveId: string; fileName: string; bytes: Uint8Array }): Preuve {
  const row = requirePreuveRow(ctx, input.preuveId);
  checkPreuveUnlocked(ctx, row.id);
  checkRevisable(row);
  const fileName = cleanFileName(input.fileName);
  return recordRevision(ctx, row, fileName, ctx.evidence.addFromBuffer(input.bytes));
}

/** The same from a local path (CLI, main process). Also throws FILE_NOT_FOUND / FILE_UNREADABLE naming the path. */
export async function addRevisionPath(ctx: ServiceContext, input: { preuveId: string; path: string }): Promise<Preuve> {
  const row = requirePreuveRow(ctx, input.preuveId);
  checkPreuveUnlocked(ctx, row.id);
  checkRevisable(row);
  const fileName = cleanFileName(input.path);
  const blob = await ctx.evidence.addFromPath(input.path);
  return recordRevision(ctx, requirePreuveRow(ctx, input.preuveId), fileName, blob);
}

/** Metadata a user can change on a preuve; an absent field is left as it is, null clears it. */
export interface PreuveUpdate {
  preuveId: string;
  titre?: string;
  /** Date of the document itself, YYYY-MM-DD. */
  dateDocument?: string | null;
  /** A person's id (people.list). */
  proprietaireId?: string | null;
  confidentiel?: boolean;
}

/** Whether `text` is a real calendar date written YYYY-MM-DD. */
function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/**
 * Changes a preuve's titre, date of the document, owner or confidentiel flag, with one history event
 * (`preuve.update`). Nothing changed: no event. Throws NOT_FOUND (preuve), PREUVE_INVALID (empty titre or over 300
 * characters; a date that is not a calendar date AAAA-MM-JJ or later than today; an unknown person) — nothing is
 * written then.
 */
export function updatePreuve(ctx: ServiceContext, input: PreuveUpdate): Preuve {
  const row = requirePreuveRow(ctx, input.preuveId);
  checkPreuveUnlocked(ctx, row.id);
  const next = { titre: row.titre, date_document: row.date_document, proprietaire_id: row.proprietaire_id, confidentiel: row.confidentiel };
  if (input.titre !== undefined) {
    const t = input.titre.trim();
    if (t === '') {
      throw new UserError('PREUVE_INVALID', { fr: `Le titre de la preuve « ${row.titre} » ne peut pas être vide.`, en: `The title of the evidence “${row.titre}” cannot be empty.` }, { field: 'titre' });
    }
    if (t.length > 300) {
      throw new UserError('PREUVE_INVALID', { fr: `Le titre « ${t.slice(0, 40)}… » dépasse 300 caractères.`, en: `The title “${t.slice(0, 40)}…” is longer than 300 characters.` }, { field: 'titre' });
    }
    next.titre = t;
  }
  if (input.dateDocument !== undefined) {
    const d = input.dateDocument?.trim() || null;
    if (d !== null && !isCalendarDate(d)) {
      throw new UserError(
        'PREUVE_INVALID',
        {
          fr: `Date du document invalide pour « ${row.titre} » : « ${d} » (attendu AAAA-MM-JJ, par exemple 2026-03-12).`,
          en: `Invalid document date for “${row.titre}”: “${d}” (expected YYYY-MM-DD, for example 2026-03-12).`,
        },
        { field: 'dateDocument' },
      );
    }
    const today = ctx.now().slice(0, 10);
    if (d !== null && d > today) {
      throw new UserError(
        'PREUVE_INVALID',
        { fr: `La date du document « ${row.titre} » (${d}) est postérieure à aujourd'hui (${today}).`, en: `The date of the document “${row.titre}” (${d}) is later than today (${today}).` },
        { field: 'dateDocument' },
      );
    }
    next.date_document = d;
  }
  if (input.proprietaireId !== undefined) {
    if (input.proprietaireId !== null && !ctx.db.prepare('SELECT 1 FROM person WHERE id = ?').get(input.proprietaireId)) {
      throw new UserError(
        'PREUVE_INVALID',
        {
          fr: `La personne « ${input.proprietaireId} » n'existe pas : choisissez le propriétaire de « ${row.titre} » dans la liste des personnes.`,
          en: `The person “${input.proprietaireId}” does not exist: choose the owner of “${row.titre}” from the list of people.`,
        },
        { field: 'proprietaireId' },
      );
    }
    next.proprietaire_id = input.proprietaireId;
  }
  if (input.confidentiel !== undefined) next.confidentiel = input.confidentiel ? 1 : 0;
  const same = next.titre === row.titre && next.date_document === row.date_document && next.proprietaire_id === row.proprietaire_id && next.confidentiel === row.confidentiel;
  if (same) return getPreuve(ctx, row.id);
  return inTransaction(ctx, () => {
    const before = getPreuve(ctx, row.id);
    ctx.db
      .prepare('UPDATE preuve SET titre = ?, date_document = ?, proprietaire_id = ?, confidentiel = ? WHERE id = ?')
      .run(next.titre, next.date_document, next.proprietaire_id, next.confidentiel, row.id);
    const after = getPreuve(ctx, row.id);
    appendHistory(ctx, { action: 'preuve.update', referentialId: after.rattachements[0]?.referentialId ?? null, nodeId: after.rattachements[0]?.nodeId ?? null, before, after });
    return after;
  });
}

/**
 * Marks (`couvre` true) or unmarks a preuve as answering a preuve attendue of a referential. Marking requires the
 * preuve to be attached to a node where that preuve attendue is expected. No change: no history event.
 * Throws NOT_FOUND (preuve), REFERENTIAL_UNKNOWN, PREUVE_INVALID (unknown preuve attendue, or the preuve is attached
 * to none of its nodes) — nothing is written then.
 */
export function setCouverture(ctx: ServiceContext, input: { preuveId: string; referentialId: string; preuveAttendueId: string; couvre: boolean }): Preuve {
  const row = requirePreuveRow(ctx, input.preuveId);
  const ref = getReferential(ctx, input.referentialId);
  checkUnlocked(ctx, ref.id, { fr: `Les preuves attendues de ${ref.id}`, en: `The expected evidence of ${ref.id}` });
  const a = ref.preuvesAttendues.find((p) => p.id === input.preuveAttendueId);
  if (!a) {
    throw new UserError(
      'PREUVE_INVALID',
      {
        fr: `La preuve attendue « ${input.preuveAttendueId} » n'existe pas dans le référentiel ${ref.nom}.`,
        en: `The expected evidence “${input.preuveAttendueId}” does not exist in the referential ${ref.nom}.`,
      },
      { field: 'preuveAttendueId' },
    );
  }
  const on = (ctx.db.prepare('SELECT node_id FROM preuve_node WHERE preuve_id = ? AND referential_id = ?').all(row.id, ref.id) as { node_id: string }[]).map((r) => r.node_id);
  if (input.couvre && !on.some((n) => a.nodeIds.includes(n))) {
    const where = a.nodeIds.map((id) => ref.nodes.find((n) => n.id === id)?.identifiant ?? id).join(', ');
    throw new UserError(
      'PREUVE_INVALID',
      {
        fr: `La preuve « ${row.titre} » n'est rattachée à aucun critère où « ${a.nom} » est attendue (${where}) : rattachez-la d'abord.`,
        en: `The evidence “${row.titre}” is attached to no criterion where “${a.nom}” is expected (${where}): attach it first.`,
      },
      { field: 'preuveAttendueId' },
    );
  }
  return inTransaction(ctx, () => {
    const before = getPreuve(ctx, row.id);
    const changed = input.couvre
      ? insertCouverture(ctx, row.id, ref.id, a.id)
      : ctx.db.prepare('DELETE FROM preuve_couverture WHERE preuve_id = ? AND referential_id = ? AND preuve_attendue_id = ?').run(row.id, ref.id, a.id).changes > 0;
    const after = getPreuve(ctx, row.id);
    const nodeId = on.find((n) => a.nodeIds.includes(n)) ?? on[0] ?? null;
    if (changed) appendHistory(ctx, { action: 'preuve.couverture', referentialId: ref.id, nodeId, before, after: { ...after, preuveAttendue: { id: a.id, nom: a.nom }, couvre: input.couvre } });
    return after;
  });
}

/** A criterion marked fait or programmé (or conforme) with no preuve on it, its mesure or its descendants. */
export interface CritereSansPreuve {
  referentialId: string;
  referentialNom: string;
  nodeId: string;
  identifiant: string;
  nom: string;
  statut: string;
}

/** A link preuve whose address is not http(s) (older data): the pack replaces it by a note. */
export interface LienInvalide {
  preuveId: string;
  titre: string;
  url: string;
  rattachements: { referentialId: string; nodeId: string }[];
}

/** The « À compléter » lists. */
export interface ACompleter {
  criteresSansPreuve: CritereSansPreuve[];
  liensInvalides: LienInvalide[];
}

const WANTS_PREUVE = new Set(['fait', 'programme', 'conforme']);

/** True for `http:` / `https:` absolute URLs. */
function isHttp(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * Nodes of `ref` that count as having a preuve: one on the node itself, on an ancestor below the root (a preuve
 * on the mesure serves its sous-actions; the pack puts it in the mesure's folder), or on a descendant. The root's
 * preuves are the candidature documents, not evidence of a criterion.
 */
function coveredNodes(ref: Referential, withPreuve: ReadonlySet<string>): Set<string> {
  const byId = new Map(ref.nodes.map((n) => [n.id, n]));
  const chain = (id: string): ReferentialNode[] => {
    const out: ReferentialNode[] = [];
    for (let cur = byId.get(id); cur && cur.parentId !== null; cur = byId.get(cur.parentId)) out.push(cur);
    return out;
  };
  const covered = new Set<string>();
  for (const id of withPreuve) for (const n of chain(id)) covered.add(n.id);
  for (const n of ref.nodes) if (!covered.has(n.id) && chain(n.id).some((a) => withPreuve.has(a.id))) covered.add(n.id);
  return covered;
}

/**
 * The « À compléter » lists of one referential, or of all when `referentialId` is absent: criteria whose statut is
 * fait, programmé or conforme (or détaillé with a fait or programmé share) and that have no preuve on themselves,
 * an ancestor below the root, or a descendant; and link preuves whose address is not http(s). Criteria in
 * referential order. Throws REFERENTIAL_UNKNOWN.
 */
export function aCompleter(ctx: ServiceContext, referentialId?: string): ACompleter {
  const ids = referentialId ? [getReferential(ctx, referentialId).id] : listReferentials(ctx).map((r) => r.id);
  const criteresSansPreuve: CritereSansPreuve[] = [];
  for (const id of ids) {
    const ref = getReferential(ctx, id);
    const withPreuve = new Set((ctx.db.prepare('SELECT DISTINCT node_id FROM preuve_node WHERE referential_id = ?').all(id) as { node_id: string }[]).map((r) => r.node_id));
    const covered = coveredNodes(ref, withPreuve);
    const wants = new Map<string, string>();
    for (const s of listStatuts(ctx, id)) {
      const split = s.statut === 'detaille' && s.detail !== null && s.detail[0] + s.detail[1] > 0;
      if (WANTS_PREUVE.has(s.statut) || split) wants.set(s.nodeId, s.statut);
    }
    for (const n of ref.nodes) {
      const statut = wants.get(n.id);
      if (statut !== undefined && !covered.has(n.id)) {
        criteresSansPreuve.push({ referentialId: id, referentialNom: ref.nom, nodeId: n.id, identifiant: n.identifiant, nom: n.nom, statut });
      }
    }
  }
  const scope = new Set(ids);
  const liensInvalides: LienInvalide[] = [];
  for (const p of listLibrary(ctx)) {
    if (p.kind !== 'lien' || isHttp(p.url ?? '')) continue;
    const rattachements = referentialId ? p.rattachements.filter((r) => scope.has(r.referentialId)) : p.rattachements;
    if (referentialId && rattachements.length === 0) continue;
    liensInvalides.push({ preuveId: p.id, titre: p.titre, url: p.url ?? '', rattachements });
  }
  return { criteresSansPreuve, liensInvalides };
}
