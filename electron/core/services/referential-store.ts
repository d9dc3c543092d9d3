/**
 * Persisting referential trees: the `referential`, `node`, `preuve_attendue` and `preuve_attendue_node` tables
 * (migration 001; tete-referentials.md §1.6: tree stored with its computed pointReferentiel and hierarchie).
 */
import type { Niveau, Referential, ReferentialNode, ScoringModel } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import type { Db } from '../db/open';

interface ReferentialRow {
  id: string;
  version: string;
  nom: string;
  model: ScoringModel;
  hierarchie: string;
  action_level: number;
  redistribution: number;
  niveaux: string;
  avertissement: string | null;
  imported_at: string;
}

interface NodeRow {
  id: string;
  parent_id: string | null;
  identifiant: string;
  depth: number;
  type: string;
  nom: string;
  description: string | null;
  contexte: string | null;
  exemples: string | null;
  ressources: string | null;
  perimetre_evaluation: string | null;
  reduction_potentiel: string | null;
  categorie: string | null;
  points: number | null;
  pourcentage: number | null;
  point_referentiel: number;
  ordre: number;
  meta: string;
}

/**
 * Checks the tree invariants the store relies on: a root whose id is the referential id, unique node ids, every
 * parent present. Throws UserError REFERENTIAL_INVALID naming the node.
 */
export function checkTree(ref: Referential): void {
  const ids = new Set<string>();
  const root = ref.nodes[0];
  if (!root || root.id !== ref.id || root.parentId !== null) {
    throw new UserError(
      'REFERENTIAL_INVALID',
      { fr: `Le référentiel ${ref.id} n'a pas de racine d'identifiant « ${ref.id} ».`, en: `The referential ${ref.id} has no root with the identifier “${ref.id}”.` },
      { nodeId: ref.id },
    );
  }
  for (const n of ref.nodes) {
    if (ids.has(n.id)) {
      throw new UserError('REFERENTIAL_INVALID', { fr: `Le nœud ${n.id} apparaît deux fois dans le référentiel ${ref.id}.`, en: `The item ${n.id} appears twice in the referential ${ref.id}.` }, { nodeId: n.id });
    }
    ids.add(n.id);
  }
  for (const n of ref.nodes) {
    if (n.parentId !== null && !ids.has(n.parentId)) {
      throw new UserError(
        'REFERENTIAL_INVALID',
        { fr: `Le nœud ${n.id} a pour parent ${n.parentId}, absent du référentiel ${ref.id}.`, en: `The item ${n.id} has the parent ${n.parentId}, which is not in the referential ${ref.id}.` },
        { nodeId: n.id },
      );
    }
  }
}

/**
 * Writes `ref` (inserting or replacing its row and tree; nodes absent from `ref` are deleted, which cascades to
 * their statuts, pilotes and links — callers check that first). Call inside a transaction.
 */
export function saveReferential(db: Db, ref: Referential, importedAt: string): void {
  db.prepare(
    `INSERT INTO referential (id, version, nom, model, hierarchie, action_level, redistribution, niveaux, avertissement, imported_at)
     VALUES (@id, @version, @nom, @model, @hierarchie, @actionLevel, @redistribution, @niveaux, @avertissement, @importedAt)
     ON CONFLICT(id) DO UPDATE SET version = excluded.version, nom = excluded.nom, model = excluded.model,
       hierarchie = excluded.hierarchie, action_level = excluded.action_level, redistribution = excluded.redistribution,
       niveaux = excluded.niveaux, avertissement = excluded.avertissement, imported_at = excluded.imported_at`,
  ).run({
    id: ref.id,
    version: ref.version,
    nom: ref.nom,
    model: ref.model,
    hierarchie: JSON.stringify(ref.hierarchie),
    actionLevel: ref.actionLevel,
    redistribution: ref.redistribution ? 1 : 0,
    niveaux: JSON.stringify(ref.niveaux),
    avertissement: ref.avertissement,
    importedAt,
  });
  const upsert = db.prepare(
    `INSERT INTO node (referential_id, id, parent_id, identifiant, depth, type, nom, description, contexte, exemples, ressources,
       perimetre_evaluation, reduction_potentiel, categorie, points, pourcentage, point_referentiel, ordre, seq, meta)
     VALUES (@rid, @id, @parentId, @identifiant, @depth, @type, @nom, @description, @contexte, @exemples, @ressources,
       @perimetreEvaluation, @reductionPotentiel, @categorie, @points, @pourcentage, @pointReferentiel, @ordre, @seq, @meta)
     ON CONFLICT(referential_id, id) DO UPDATE SET parent_id = excluded.parent_id, identifiant = excluded.identifiant,
       depth = excluded.depth, type = excluded.type, nom = excluded.nom, description = excluded.description,
       contexte = excluded.contexte, exemples = excluded.exemples, ressources = excluded.ressources,
       perimetre_evaluation = excluded.perimetre_evaluation, reduction_potentiel = excluded.reduction_potentiel,
       categorie = excluded.categorie, points = excluded.points, pourcentage = excluded.pourcentage,
       point_referentiel = excluded.point_referentiel, ordre = excluded.ordre, seq = excluded.seq, meta = excluded.meta`,
  );
  ref.nodes.forEach((n, seq) => upsert.run({ rid: ref.id, ...n, seq, meta: JSON.stringify(n.meta) }));
  const keep = new Set(ref.nodes.map((n) => n.id));
  const del = db.prepare('DELETE FROM node WHERE referential_id = ? AND id = ?');
  for (const id of nodeIds(db, ref.id)) if (!keep.has(id)) del.run(ref.id, id);

  db.prepare('DELETE FROM preuve_attendue WHERE referential_id = ?').run(ref.id);
  const insP = db.prepare('INSERT INTO preuve_attendue (referential_id, id, nom, description) VALUES (?, ?, ?, ?)');
  const insL = db.prepare('INSERT OR IGNORE INTO preuve_attendue_node (referential_id, preuve_attendue_id, node_id) VALUES (?, ?, ?)');
  for (const p of ref.preuvesAttendues) {
    insP.run(ref.id, p.id, p.nom, p.description);
    for (const nodeId of p.nodeIds) if (keep.has(nodeId)) insL.run(ref.id, p.id, nodeId);
  }
}

/** Ids of the stored nodes of referential `referentialId`. */
export function nodeIds(db: Db, referentialId: string): string[] {
  return (db.prepare('SELECT id FROM node WHERE referential_id = ?').all(referentialId) as { id: string }[]).map((r) => r.id);
}

/** Ids of the stored referentials, sorted. */
export function referentialIds(db: Db): string[] {
  return (db.prepare('SELECT id FROM referential ORDER BY id').all() as { id: string }[]).map((r) => r.id);
}

/** Reads referential `id` back (nodes in their import order), or null when it is not stored. */
export function loadReferential(db: Db, id: string): (Referential & { importedAt: string }) | null {
  const row = db.prepare('SELECT * FROM referential WHERE id = ?').get(id) as ReferentialRow | undefined;
  if (!row) return null;
  const nodes = (db.prepare('SELECT * FROM node WHERE referential_id = ? ORDER BY seq').all(id) as NodeRow[]).map(
    (r): ReferentialNode => ({
      id: r.id,
      parentId: r.parent_id,
      identifiant: r.identifiant,
      depth: r.depth,
      type: r.type,
      nom: r.nom,
      description: r.description,
      contexte: r.contexte,
      exemples: r.exemples,
      ressources: r.ressources,
      perimetreEvaluation: r.perimetre_evaluation,
      reductionPotentiel: r.reduction_potentiel,
      categorie: r.categorie,
      points: r.points,
      pourcentage: r.pourcentage,
      pointReferentiel: r.point_referentiel,
      ordre: r.ordre,
      meta: JSON.parse(r.meta) as Record<string, string>,
    }),
  );
  const preuves = db.prepare('SELECT id, nom, description FROM preuve_attendue WHERE referential_id = ? ORDER BY id').all(id) as {
    id: string;
    nom: string;
    description: string | null;
  }[];
  const links = db.prepare('SELECT preuve_attendue_id AS p, node_id AS n FROM preuve_attendue_node WHERE referential_id = ? ORDER BY node_id').all(id) as {
    p: string;
    n: string;
  }[];
  const byPreuve = new Map<string, string[]>();
  for (const l of links) byPreuve.set(l.p, [...(byPreuve.get(l.p) ?? []), l.n]);
  return {
    id: row.id,
    version: row.version,
    nom: row.nom,
    model: row.model,
    hierarchie: JSON.parse(row.hierarchie) as string[],
    actionLevel: row.action_level,
    redistribution: row.redistribution === 1,
    niveaux: JSON.parse(row.niveaux) as Niveau[],
    avertissement: row.avertissement,
    nodes,
    preuvesAttendues: preuves.map((p) => ({ ...p, nodeIds: byPreuve.get(p.id) ?? [] })),
    importedAt: row.imported_at,
  };
}
