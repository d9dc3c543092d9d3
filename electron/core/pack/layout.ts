/**
 * Where every preuve goes inside the pack: `preuves/<axe>/<sous-axe>/<mesure>/<file>`, `liens.csv` per folder
 * holding links, shared bytes stored once, and the lines of `_manifeste/fichiers-manquants.txt`.
 * Source: tete-referentials.md §4.6 (archive layout), DOMAIN.md "The audit pack". Pure: no I/O.
 */
import type { Referential, ReferentialNode } from '../../../shared/domain';
import { UserError, type Bilingual } from '../../../shared/errors';
import type { Lang } from '../../../shared/locale';
import { collisionKey, sanitizeSegment, uniqueName } from './names';
import type { PackPreuve } from './types';
import { PACK_FILE_WORDS } from './words';

/** Whether the bytes of a sha256 can be packed: its real size, or why not (in both languages, words.ts PACK_FILE_WORDS). */
export type Availability = { ok: true; size: number } | { ok: false; reason: Bilingual };

/** A stored evidence entry: pack path, content hash, size in bytes, absolute source path. */
export interface EvidenceFile {
  path: string;
  sha256: string;
  size: number;
  source: string;
}

/** The placement of all preuves. Paths are `/`-separated, NFC, relative to the zip root. */
export interface EvidencePlan {
  /** Entries holding bytes, sorted by path (UTF-8 byte order). */
  files: EvidenceFile[];
  /** Other paths of the same bytes (not zip entries), sorted by path. */
  shared: { path: string; sameAs: string }[];
  /** One `liens.csv` per folder with links: rows `[titre, url or note, commentaire]`, sorted by path. */
  liens: { path: string; rows: [string, string, string][] }[];
  /** `"<folder>/<file> — <reason>"` for files whose bytes cannot be packed, sorted. */
  missing: string[];
  /** In-pack paths of each preuve by id (files: every placement; links: their liens.csv). */
  paths: Map<string, string[]>;
}

/** Byte-order comparison of UTF-8 strings: the same order on every machine and locale. */
export function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Folder of unattached preuves, so that nothing is left out silently. */
const UNATTACHED = 'Non rattachées';
const LIENS = 'liens.csv';

/** True for `http:` and `https:` URLs only (everything else is replaced by a note in liens.csv). */
export function isHttpUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Checks the preuves against the referential.
 * @throws UserError NODE_UNKNOWN (preuve on a node absent from the referential), PREUVE_INVALID (a fichier
 *   without a 64-hex sha256, a lien without url), naming the preuve.
 */
export function checkPreuves(referential: Referential, preuves: readonly PackPreuve[]): void {
  const ids = new Set(referential.nodes.map((n) => n.id));
  for (const p of preuves) {
    const name = `La preuve « ${p.titre} » (${p.id})`;
    const nameEn = `The evidence “${p.titre}” (${p.id})`;
    for (const nodeId of p.nodeIds) {
      if (!ids.has(nodeId)) {
        throw new UserError(
          'NODE_UNKNOWN',
          {
            fr: `${name} est rattachée au nœud « ${nodeId} », absent du référentiel ${referential.id} ${referential.version}.`,
            en: `${nameEn} is attached to the node “${nodeId}”, which is not in the referential ${referential.id} ${referential.version}.`,
          },
          { nodeId },
        );
      }
    }
    if (p.kind === 'fichier' && (p.sha256 === null || !/^[0-9a-f]{64}$/.test(p.sha256))) {
      throw new UserError(
        'PREUVE_INVALID',
        { fr: `${name} est un fichier sans empreinte SHA-256 valide (« ${p.sha256 ?? 'absente'} »).`, en: `${nameEn} is a file without a valid SHA-256 fingerprint (“${p.sha256 ?? 'missing'}”).` },
        { field: 'sha256' },
      );
    }
    if (p.kind === 'lien' && (p.url === null || p.url.trim() === '')) {
      throw new UserError('PREUVE_INVALID', { fr: `${name} est un lien sans adresse.`, en: `${nameEn} is a link without an address.` }, { field: 'url' });
    }
  }
}

/**
 * Folder of every node of depth ≤ actionLevel: `preuves/1 Planification territoriale/1.1 …/1.1.1 …`
 * (identifiant + nom, sanitised, unique among siblings). The root maps to `preuves`.
 */
export function nodeFolders(referential: Referential): Map<string, string> {
  const folders = new Map<string, string>();
  const taken = new Map<string, Set<string>>();
  const root = referential.nodes.find((n) => n.parentId === null);
  if (root) folders.set(root.id, 'preuves');
  for (const n of referential.nodes) {
    if (n.parentId === null || n.depth > referential.actionLevel) continue;
    const parent = folders.get(n.parentId) ?? 'preuves';
    const set = taken.get(parent) ?? new Set<string>();
    taken.set(parent, set);
    const seg = uniqueName(sanitizeSegment(`${n.identifiant} ${n.nom}`), set);
    set.add(collisionKey(seg));
    folders.set(n.id, `${parent}/${seg}`);
  }
  return folders;
}

/** Folder of a preuve attached to `node`: its own folder, or the one of its mesure ancestor when deeper. */
function folderFor(node: ReferentialNode, byId: Map<string, ReferentialNode>, folders: Map<string, string>): string {
  let cur: ReferentialNode | undefined = node;
  while (cur && !folders.has(cur.id)) cur = cur.parentId ? byId.get(cur.parentId) : undefined;
  return (cur && folders.get(cur.id)) ?? 'preuves';
}

/**
 * Places every preuve. `availability(sha256)` says whether the bytes can be read (decided by the caller's
 * stat pass); `evidencePath(sha256)` gives the absolute source path. `lang` (default French) is the language of the
 * `missing` reasons and of the liens.csv comments (words.ts PACK_FILE_WORDS).
 * @throws what `checkPreuves` throws.
 */
export function planEvidence(
  referential: Referential,
  preuves: readonly PackPreuve[],
  availability: (sha256: string) => Availability,
  evidencePath: (sha256: string) => string,
  lang: Lang = 'fr',
): EvidencePlan {
  checkPreuves(referential, preuves);
  const w = PACK_FILE_WORDS[lang];
  const byId = new Map(referential.nodes.map((n) => [n.id, n]));
  const folders = nodeFolders(referential);
  const taken = new Map<string, Set<string>>();
  const takenIn = (folder: string): Set<string> => {
    const s = taken.get(folder) ?? new Set<string>();
    taken.set(folder, s);
    return s;
  };
  // Sub-folder names are taken first, so a file never gets a folder's name.
  for (const path of folders.values()) {
    const cut = path.lastIndexOf('/');
    if (cut > 0) takenIn(path.slice(0, cut)).add(collisionKey(path.slice(cut + 1)));
  }
  takenIn('preuves').add(collisionKey(UNATTACHED));

  // (folder, preuve) placements, each once, in a deterministic order.
  const placements: { folder: string; preuve: PackPreuve; nodes: string[] }[] = [];
  const seen = new Map<string, { folder: string; preuve: PackPreuve; nodes: string[] }>();
  for (const p of preuves) {
    const targets = p.nodeIds.length > 0 ? p.nodeIds : [null];
    for (const nodeId of targets) {
      const node = nodeId === null ? undefined : byId.get(nodeId);
      const folder = node ? folderFor(node, byId, folders) : `preuves/${UNATTACHED}`;
      const key = `${folder}\u0000${p.id}`;
      const existing = seen.get(key);
      if (existing) {
        if (node) existing.nodes.push(node.identifiant);
        continue;
      }
      const pl = { folder, preuve: p, nodes: node ? [node.identifiant] : [] };
      seen.set(key, pl);
      placements.push(pl);
    }
  }
  const label = (p: PackPreuve) => p.fileName ?? p.titre;
  placements.sort(
    (a, b) => compareBytes(a.folder, b.folder) || compareBytes(label(a.preuve), label(b.preuve)) || compareBytes(a.preuve.id, b.preuve.id),
  );

  const paths = new Map<string, string[]>();
  const addPath = (id: string, path: string) => {
    const list = paths.get(id) ?? [];
    if (!list.includes(path)) list.push(path);
    paths.set(id, list);
  };
  const liensByFolder = new Map<string, [string, string, string][]>();
  const fileTargets = new Map<string, string[]>(); // sha256 → paths
  for (const pl of placements) {
    if (pl.preuve.kind !== 'lien') continue;
    takenIn(pl.folder).add(collisionKey(LIENS));
  }
  for (const pl of placements) {
    const p = pl.preuve;
    const comment = pl.nodes.length > 0 ? w.rattacheA(pl.nodes.join(', ')) : w.nonRattache;
    if (p.kind === 'lien') {
      const url = p.url ?? '';
      const rows = liensByFolder.get(pl.folder) ?? [];
      liensByFolder.set(pl.folder, rows);
      if (isHttpUrl(url)) rows.push([p.titre, url, comment]);
      else rows.push([p.titre, w.lienRetire, comment]);
      addPath(p.id, `${pl.folder}/${LIENS}`);
      continue;
    }
    const set = takenIn(pl.folder);
    const name = uniqueName(sanitizeSegment(label(p)), set);
    set.add(collisionKey(name));
    const path = `${pl.folder}/${name}`;
    addPath(p.id, path);
    const sha = p.sha256 as string; // checked by checkPreuves
    const list = fileTargets.get(sha) ?? [];
    list.push(path);
    fileTargets.set(sha, list);
  }

  const files: EvidenceFile[] = [];
  const shared: { path: string; sameAs: string }[] = [];
  const missing: string[] = [];
  for (const [sha, list] of fileTargets) {
    list.sort(compareBytes);
    const avail = availability(sha);
    const first = list[0] as string;
    if (!avail.ok) {
      for (const path of list) missing.push(`${path} — ${avail.reason[lang]}`);
      continue;
    }
    files.push({ path: first, sha256: sha, size: avail.size, source: evidencePath(sha) });
    for (const path of list.slice(1)) shared.push({ path, sameAs: first });
  }
  files.sort((a, b) => compareBytes(a.path, b.path));
  shared.sort((a, b) => compareBytes(a.path, b.path));
  missing.sort(compareBytes);
  const liens = [...liensByFolder]
    .map(([folder, rows]) => ({ path: `${folder}/${LIENS}`, rows: rows.sort((a, b) => compareBytes(a[0], b[0])) }))
    .sort((a, b) => compareBytes(a.path, b.path));
  return { files, shared, liens, missing, paths };
}

/** Preuves attached to each node id (a preuve on several nodes is listed under each). */
export function preuvesByNode(preuves: readonly PackPreuve[]): Map<string, PackPreuve[]> {
  const m = new Map<string, PackPreuve[]>();
  for (const p of preuves) {
    for (const id of p.nodeIds) {
      const list = m.get(id) ?? [];
      list.push(p);
      m.set(id, list);
    }
  }
  return m;
}
