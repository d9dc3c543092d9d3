/**
 * What hangs on a node besides its statut: pilotes (people), services, échéance, preuves, expected preuves and its
 * history (tete-referentials.md §6 "Pilotes and services"; DOMAIN.md "pilote, service", "preuve").
 */
import type { PreuveAttendue } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import { type ServiceContext, inTransaction } from './context';
import { type HistoryEvent, appendHistory, listHistory } from './history';
import { type Preuve, preuvesOfNode } from './preuves';
import { getReferential, requireNode } from './referentials';
import { type StatutView, getStatut } from './statuts';

/** Everything the detail panel of a node shows; `echeance` is YYYY-MM-DD. */
export interface NodeDetail {
  statut: StatutView | null;
  pilotes: Array<{ id: string; nom: string }>;
  services: Array<{ id: string; nom: string }>;
  echeance: string | null;
  preuves: Preuve[];
  preuvesAttendues: PreuveAttendue[];
  history: HistoryEvent[];
}

/** Per-node summary for the tree: pilote and service names, échéance, number of preuves. */
export interface NodeOverview {
  pilotes: string[];
  services: string[];
  echeance: string | null;
  preuves: number;
}

function pilotesOf(ctx: ServiceContext, referentialId: string, nodeId: string): Array<{ id: string; nom: string }> {
  return ctx.db
    .prepare('SELECT p.id, p.nom FROM pilote l JOIN person p ON p.id = l.person_id WHERE l.referential_id = ? AND l.node_id = ? ORDER BY p.nom, p.id')
    .all(referentialId, nodeId) as Array<{ id: string; nom: string }>;
}

function servicesOf(ctx: ServiceContext, referentialId: string, nodeId: string): Array<{ id: string; nom: string }> {
  return ctx.db
    .prepare('SELECT s.id, s.nom FROM node_service l JOIN service s ON s.id = l.service_id WHERE l.referential_id = ? AND l.node_id = ? ORDER BY s.nom, s.id')
    .all(referentialId, nodeId) as Array<{ id: string; nom: string }>;
}

function echeanceOf(ctx: ServiceContext, referentialId: string, nodeId: string): string | null {
  const row = ctx.db.prepare('SELECT echeance FROM echeance WHERE referential_id = ? AND node_id = ?').get(referentialId, nodeId) as { echeance: string } | undefined;
  return row?.echeance ?? null;
}

/** The detail of one node (history: its last 100 events, newest first). Throws REFERENTIAL_UNKNOWN, NODE_UNKNOWN. */
export function nodeDetail(ctx: ServiceContext, referentialId: string, nodeId: string): NodeDetail {
  const ref = getReferential(ctx, referentialId);
  requireNode(ref, nodeId);
  return {
    statut: getStatut(ctx, referentialId, nodeId),
    pilotes: pilotesOf(ctx, referentialId, nodeId),
    services: servicesOf(ctx, referentialId, nodeId),
    echeance: echeanceOf(ctx, referentialId, nodeId),
    preuves: preuvesOfNode(ctx, referentialId, nodeId),
    preuvesAttendues: ref.preuvesAttendues.filter((p) => p.nodeIds.includes(nodeId)),
    history: listHistory(ctx, { referentialId, nodeId, limit: 100 }),
  };
}

/**
 * Replaces the pilotes and services of a node, with a `node.pilotes` history event (names before/after); the same
 * people and services again record nothing.
 * Throws REFERENTIAL_UNKNOWN, NODE_UNKNOWN, NOT_FOUND (unknown person or service id, named).
 */
export function setPilotes(ctx: ServiceContext, input: { referentialId: string; nodeId: string; personIds: string[]; serviceIds: string[] }): { ok: true } {
  const { referentialId, nodeId } = input;
  requireNode(getReferential(ctx, referentialId), nodeId);
  const personIds = [...new Set(input.personIds)];
  const serviceIds = [...new Set(input.serviceIds)];
  for (const id of personIds) {
    if (!ctx.db.prepare('SELECT 1 FROM person WHERE id = ?').get(id)) {
      throw new UserError('NOT_FOUND', { fr: `La personne « ${id} » n'existe pas.`, en: `The person “${id}” does not exist.` }, { nodeId, field: 'personIds' }, { what: 'person', id });
    }
  }
  for (const id of serviceIds) {
    if (!ctx.db.prepare('SELECT 1 FROM service WHERE id = ?').get(id)) {
      throw new UserError('NOT_FOUND', { fr: `Le service « ${id} » n'existe pas.`, en: `The service “${id}” does not exist.` }, { nodeId, field: 'serviceIds' }, { what: 'service', id });
    }
  }
  inTransaction(ctx, () => {
    const names = () => ({ pilotes: pilotesOf(ctx, referentialId, nodeId).map((p) => p.nom), services: servicesOf(ctx, referentialId, nodeId).map((s) => s.nom) });
    const before = names();
    const ids = (sql: string) => (ctx.db.prepare(sql).all(referentialId, nodeId) as { id: string }[]).map((r) => r.id).sort().join('\n');
    const samePeople = ids('SELECT person_id AS id FROM pilote WHERE referential_id = ? AND node_id = ?') === [...personIds].sort().join('\n');
    const sameServices = ids('SELECT service_id AS id FROM node_service WHERE referential_id = ? AND node_id = ?') === [...serviceIds].sort().join('\n');
    if (samePeople && sameServices) return; // nothing changes: no history event
    ctx.db.prepare('DELETE FROM pilote WHERE referential_id = ? AND node_id = ?').run(referentialId, nodeId);
    ctx.db.prepare('DELETE FROM node_service WHERE referential_id = ? AND node_id = ?').run(referentialId, nodeId);
    const insP = ctx.db.prepare('INSERT INTO pilote (referential_id, node_id, person_id) VALUES (?, ?, ?)');
    const insS = ctx.db.prepare('INSERT INTO node_service (referential_id, node_id, service_id) VALUES (?, ?, ?)');
    for (const id of personIds) insP.run(referentialId, nodeId, id);
    for (const id of serviceIds) insS.run(referentialId, nodeId, id);
    appendHistory(ctx, { action: 'node.pilotes', referentialId, nodeId, before, after: names() });
  });
  return { ok: true };
}

/** Whether `s` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * Sets (or clears with null) the échéance of a node, with a `node.echeance` history event; the same date again
 * records nothing.
 * Throws REFERENTIAL_UNKNOWN, NODE_UNKNOWN, INPUT_INVALID (not a real YYYY-MM-DD date).
 */
export function setEcheance(ctx: ServiceContext, input: { referentialId: string; nodeId: string; echeance: string | null }): { ok: true } {
  const { referentialId, nodeId, echeance } = input;
  requireNode(getReferential(ctx, referentialId), nodeId);
  if (echeance !== null && !isIsoDate(echeance)) {
    throw new UserError(
      'INPUT_INVALID',
      { fr: `L'échéance « ${echeance} » de ${nodeId} n'est pas une date AAAA-MM-JJ valide.`, en: `The due date “${echeance}” of ${nodeId} is not a valid YYYY-MM-DD date.` },
      { nodeId, field: 'echeance' },
    );
  }
  inTransaction(ctx, () => {
    const before = echeanceOf(ctx, referentialId, nodeId);
    if (before === echeance) return; // nothing changes: no history event
    if (echeance === null) ctx.db.prepare('DELETE FROM echeance WHERE referential_id = ? AND node_id = ?').run(referentialId, nodeId);
    else {
      ctx.db
        .prepare('INSERT INTO echeance (referential_id, node_id, echeance) VALUES (?, ?, ?) ON CONFLICT(referential_id, node_id) DO UPDATE SET echeance = excluded.echeance')
        .run(referentialId, nodeId, echeance);
    }
    appendHistory(ctx, { action: 'node.echeance', referentialId, nodeId, before, after: echeance });
  });
  return { ok: true };
}

/** Per-node summary of a referential, only for nodes that have a pilote, service, échéance or preuve. */
export function nodesOverview(ctx: ServiceContext, referentialId: string): Record<string, NodeOverview> {
  getReferential(ctx, referentialId);
  const out: Record<string, NodeOverview> = {};
  const get = (id: string): NodeOverview => (out[id] ??= { pilotes: [], services: [], echeance: null, preuves: 0 });
  const q = <T>(sql: string) => ctx.db.prepare(sql).all(referentialId) as T[];
  for (const r of q<{ node_id: string; nom: string }>('SELECT l.node_id, p.nom FROM pilote l JOIN person p ON p.id = l.person_id WHERE l.referential_id = ? ORDER BY p.nom')) {
    get(r.node_id).pilotes.push(r.nom);
  }
  for (const r of q<{ node_id: string; nom: string }>('SELECT l.node_id, s.nom FROM node_service l JOIN service s ON s.id = l.service_id WHERE l.referential_id = ? ORDER BY s.nom')) {
    get(r.node_id).services.push(r.nom);
  }
  for (const r of q<{ node_id: string; echeance: string }>('SELECT node_id, echeance FROM echeance WHERE referential_id = ?')) get(r.node_id).echeance = r.echeance;
  for (const r of q<{ node_id: string; n: number }>('SELECT node_id, COUNT(*) AS n FROM preuve_node WHERE referential_id = ? GROUP BY node_id')) get(r.node_id).preuves = r.n;
  return out;
}
