/**
 * « Mes critères »: the criteria a person or a service pilots, across referentials, sorted by urgency, and the
 * lead's overview of who is late (issue 5 item 1; DOMAIN.md "pilote, service"; tete-referentials.md §6: pilotes
 * and services attach to mesures, so a pilote's criteria are the nodes holding a statut at or under them).
 */
import type { Detail, ScoringModel, Statut } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import type { ServiceContext } from './context';
import { getReferential, listReferentials } from './referentials';
import { canHoldStatut } from './statuts';
import { treeIndex } from './tree';

/** Who the list is for. */
export type Owner = { kind: 'person'; id: string } | { kind: 'service'; id: string };

/**
 * Urgency of a criterion on day `today`: `en_retard` (échéance passed, not terminé), `a_venir` (échéance today or
 * later, not terminé), `sans_date` (no échéance, not terminé), `termine` (fait, conforme, non concerné, non
 * applicable). Sorted in that order.
 */
export type Urgence = 'en_retard' | 'a_venir' | 'sans_date' | 'termine';

/** One criterion of a person or service; `echeance` YYYY-MM-DD (its own, else its nearest ancestor's). */
export interface MonCritere {
  referentialId: string;
  referentialNom: string;
  model: ScoringModel;
  nodeId: string;
  identifiant: string;
  nom: string;
  /** Level name (`sous-action`, `tache`, `critere`…). */
  type: string;
  statut: Statut;
  detail: Detail | null;
  explication: string | null;
  /** Version of the node's statut row (0 without row): what a write from this list passes as `expectedVersion`. */
  version: number;
  echeance: string | null;
  /** Days from `today` to `echeance` (negative when passed), null without échéance. */
  joursRestants: number | null;
  urgence: Urgence;
  /** Preuves attached to the node or one of its ancestors (the referential root, candidature documents, aside). */
  preuves: number;
  /** Names of the expected preuves of the node and its ancestors, when it has no preuve at all (else empty). */
  preuvesManquantes: string[];
  /** The file preuves among `preuves` attached within the owner's own subtree (the node, or an ancestor up to the
   *  node they were assigned): the ones a pilote may open over the shared link (shared/access.ts), by title. */
  fichiers: Array<{ id: string; titre: string; fileName: string; confidentiel: boolean }>;
}

/** What `criteresOf` answers. */
export interface MesCriteres {
  owner: { kind: Owner['kind']; id: string; nom: string };
  /** The day urgencies are computed for, YYYY-MM-DD. */
  today: string;
  criteres: MonCritere[];
}

/** Per-person figures of the lead's overview. */
export interface RetardPersonne {
  personId: string;
  nom: string;
  criteres: number;
  enRetard: number;
  /** Not terminé, échéance within the next 30 days (today included). */
  sous30Jours: number;
  /** Not terminé and without any preuve. */
  sansPreuve: number;
}

const TERMINE: ReadonlySet<Statut> = new Set(['fait', 'conforme', 'non_concerne', 'non_applicable']);
const RANK: Record<Urgence, number> = { en_retard: 0, a_venir: 1, sans_date: 2, termine: 3 };
const DAY = 86_400_000;

/** The calendar day of ISO instant `iso` on this machine's clock (local time zone), YYYY-MM-DD. */
export function localDay(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

function ownerName(ctx: ServiceContext, owner: Owner): string {
  const table = owner.kind === 'person' ? 'person' : 'service';
  const row = ctx.db.prepare(`SELECT nom FROM ${table} WHERE id = ?`).get(owner.id) as { nom: string } | undefined;
  if (!row) {
    const person = owner.kind === 'person';
    throw new UserError(
      'NOT_FOUND',
      person
        ? { fr: `La personne « ${owner.id} » n'existe pas.`, en: `The person “${owner.id}” does not exist.` }
        : { fr: `Le service « ${owner.id} » n'existe pas.`, en: `The service “${owner.id}” does not exist.` },
      { field: person ? 'personId' : 'serviceId' },
    );
  }
  return row.nom;
}

/** Node ids `owner` is attached to, by referential. */
function assignedNodes(ctx: ServiceContext, owner: Owner): Map<string, string[]> {
  const sql =
    owner.kind === 'person'
      ? 'SELECT referential_id, node_id FROM pilote WHERE person_id = ?'
      : 'SELECT referential_id, node_id FROM node_service WHERE service_id = ?';
  const out = new Map<string, string[]>();
  for (const r of ctx.db.prepare(sql).all(owner.id) as Array<{ referential_id: string; node_id: string }>) {
    out.set(r.referential_id, [...(out.get(r.referential_id) ?? []), r.node_id]);
  }
  return out;
}

/**
 * The criteria of `owner` (a person: the nodes they pilot; a service: the nodes it is attached to), each node that
 * can hold a statut at or under an assigned node, once, sorted by urgency (late first, oldest échéance first; then
 * échéance soonest; then no date; terminé last), then by referential and tree order. `today` defaults to the local
 * day of `ctx.now()`. Throws UserError NOT_FOUND for an unknown person or service.
 */
export function criteresOf(ctx: ServiceContext, owner: Owner, today: string = localDay(ctx.now())): MesCriteres {
  const nom = ownerName(ctx, owner);
  const criteres: Array<MonCritere & { order: number }> = [];
  const refOrder = new Map(listReferentials(ctx).map((r, i) => [r.id, i]));
  for (const [referentialId, nodeIds] of assignedNodes(ctx, owner)) {
    const ref = getReferential(ctx, referentialId);
    const { byId, children } = treeIndex(ref);
    const order = new Map(ref.nodes.map((n, i) => [n.id, i]));
    const q = <T>(sql: string) => ctx.db.prepare(sql).all(referentialId) as T[];
    const statuts = new Map(
      q<{ node_id: string; statut: Statut; detail: string | null; explication: string | null; version?: number }>('SELECT * FROM statut WHERE referential_id = ?').map(
        (r) => [r.node_id, r] as const,
      ),
    );
    const echeances = new Map(q<{ node_id: string; echeance: string }>('SELECT node_id, echeance FROM echeance WHERE referential_id = ?').map((r) => [r.node_id, r.echeance] as const));
    const preuves = new Map(q<{ node_id: string; n: number }>('SELECT node_id, COUNT(*) AS n FROM preuve_node WHERE referential_id = ? GROUP BY node_id').map((r) => [r.node_id, r.n] as const));
    const fichiers = new Map<string, MonCritere['fichiers']>();
    for (const r of q<{ node_id: string; id: string; titre: string; file_name: string; confidentiel: number }>(
      "SELECT l.node_id, p.id, p.titre, p.file_name, p.confidentiel FROM preuve p JOIN preuve_node l ON l.preuve_id = p.id WHERE l.referential_id = ? AND p.kind = 'fichier' AND p.file_name IS NOT NULL ORDER BY p.titre, p.id",
    )) {
      fichiers.set(r.node_id, [...(fichiers.get(r.node_id) ?? []), { id: r.id, titre: r.titre, fileName: r.file_name, confidentiel: r.confidentiel === 1 }]);
    }
    const attendues = new Map<string, string[]>();
    for (const p of ref.preuvesAttendues) for (const id of p.nodeIds) attendues.set(id, [...(attendues.get(id) ?? []), p.nom]);

    const seen = new Set<string>();
    const visit = (id: string): void => {
      if (seen.has(id)) return;
      seen.add(id);
      if (canHoldStatut(ref, id)) {
        const node = byId.get(id)!;
        let echeance: string | null = null;
        let nPreuves = 0;
        const expected: string[] = [];
        const own = new Map<string, MonCritere['fichiers'][number]>();
        for (let a: string | null = id; a !== null && a !== ref.id; a = byId.get(a)?.parentId ?? null) {
          echeance ??= echeances.get(a) ?? null;
          nPreuves += preuves.get(a) ?? 0;
          // `seen` holds the owner's subtree visited so far: the node's ancestors from the assigned node down.
          if (seen.has(a)) for (const f of fichiers.get(a) ?? []) own.set(f.id, f);
          expected.push(...(attendues.get(a) ?? []));
        }
        const row = statuts.get(id);
        const statut: Statut = row?.statut ?? 'non_renseigne';
        const jours = echeance === null ? null : daysBetween(today, echeance);
        const urgence: Urgence = TERMINE.has(statut) ? 'termine' : jours === null ? 'sans_date' : jours < 0 ? 'en_retard' : 'a_venir';
        criteres.push({
          referentialId,
          referentialNom: ref.nom,
          model: ref.model,
          nodeId: id,
          identifiant: node.identifiant,
          nom: node.nom,
          type: node.type,
          statut,
          detail: row?.detail ? (JSON.parse(row.detail) as Detail) : null,
          explication: row?.explication ?? null,
          version: row?.version ?? 0,
          echeance,
          joursRestants: jours,
          urgence,
          preuves: nPreuves,
          preuvesManquantes: nPreuves === 0 ? [...new Set(expected)] : [],
          fichiers: [...own.values()],
          order: (refOrder.get(referentialId) ?? 0) * 1e6 + (order.get(id) ?? 0),
        });
      }
      for (const c of children.get(id) ?? []) visit(c.id);
    };
    for (const id of nodeIds) if (byId.has(id)) visit(id);
  }
  criteres.sort((a, b) => {
    if (RANK[a.urgence] !== RANK[b.urgence]) return RANK[a.urgence] - RANK[b.urgence];
    if (a.echeance !== b.echeance && a.echeance !== null && b.echeance !== null) return a.echeance < b.echeance ? -1 : 1;
    return a.order - b.order;
  });
  return { owner: { kind: owner.kind, id: owner.id, nom }, today, criteres: criteres.map(({ order: _order, ...c }) => c) };
}

/**
 * The lead's overview « qui est en retard »: every person with at least one criterion, with how many are late, due
 * within 30 days and without preuve (see `criteresOf`), sorted by most late, then most due soon, then name.
 */
export function retards(ctx: ServiceContext, today: string = localDay(ctx.now())): RetardPersonne[] {
  const people = ctx.db.prepare('SELECT DISTINCT p.id, p.nom FROM person p JOIN pilote l ON l.person_id = p.id').all() as Array<{ id: string; nom: string }>;
  return people
    .map((p) => {
      const list = criteresOf(ctx, { kind: 'person', id: p.id }, today).criteres;
      const open = list.filter((c) => c.urgence !== 'termine');
      return {
        personId: p.id,
        nom: p.nom,
        criteres: list.length,
        enRetard: open.filter((c) => c.urgence === 'en_retard').length,
        sous30Jours: open.filter((c) => c.joursRestants !== null && c.joursRestants >= 0 && c.joursRestants <= 30).length,
        sansPreuve: open.filter((c) => c.preuves === 0).length,
      };
    })
    .filter((r) => r.criteres > 0)
    .sort((a, b) => b.enRetard - a.enRetard || b.sous30Jours - a.sous30Jours || a.nom.localeCompare(b.nom, 'fr'));
}
