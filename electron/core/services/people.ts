/**
 * People and services (directions) of the authority, who pilot mesures (tete-referentials.md §6 "Pilotes and
 * services"; DOMAIN.md "pilote, service").
 */
import { randomUUID } from 'node:crypto';
import { UserError } from '../../../shared/errors';
import { type ServiceContext, inTransaction } from './context';
import { appendHistory } from './history';

export interface Person {
  id: string;
  nom: string;
  email: string | null;
  serviceId: string | null;
}

export interface Service {
  id: string;
  nom: string;
}

/** People sorted by name (French collation). */
export function listPeople(ctx: ServiceContext): Person[] {
  const rows = ctx.db.prepare('SELECT id, nom, email, service_id FROM person').all() as { id: string; nom: string; email: string | null; service_id: string | null }[];
  return rows.map((r) => ({ id: r.id, nom: r.nom, email: r.email, serviceId: r.service_id })).sort((a, b) => a.nom.localeCompare(b.nom, 'fr'));
}

/** Services sorted by name (French collation). */
export function listServices(ctx: ServiceContext): Service[] {
  return (ctx.db.prepare('SELECT id, nom FROM service').all() as Service[]).sort((a, b) => a.nom.localeCompare(b.nom, 'fr'));
}

/**
 * Adds a person, with a `person.create` history event. Throws UserError INPUT_INVALID (empty name, malformed
 * email) or NOT_FOUND (unknown serviceId).
 */
export function createPerson(ctx: ServiceContext, input: { nom: string; email?: string | null; serviceId?: string | null }): Person {
  const nom = input.nom.trim();
  if (nom === '') throw new UserError('INPUT_INVALID', 'Le nom de la personne ne peut pas être vide.', { field: 'nom' });
  const email = input.email?.trim() || null;
  if (email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw new UserError('INPUT_INVALID', `L'adresse électronique « ${email} » est invalide.`, { field: 'email' });
  }
  const serviceId = input.serviceId ?? null;
  if (serviceId !== null && !ctx.db.prepare('SELECT 1 FROM service WHERE id = ?').get(serviceId)) {
    throw new UserError('NOT_FOUND', `Le service « ${serviceId} » n'existe pas.`, { field: 'serviceId' });
  }
  const person: Person = { id: randomUUID(), nom, email, serviceId };
  inTransaction(ctx, () => {
    ctx.db.prepare('INSERT INTO person (id, nom, email, service_id) VALUES (?, ?, ?, ?)').run(person.id, nom, email, serviceId);
    appendHistory(ctx, { action: 'person.create', after: person });
  });
  return person;
}

/** Adds a service, with a `service.create` history event. Throws INPUT_INVALID (empty, or name already used). */
export function createService(ctx: ServiceContext, input: { nom: string }): Service {
  const nom = input.nom.trim();
  if (nom === '') throw new UserError('INPUT_INVALID', 'Le nom du service ne peut pas être vide.', { field: 'nom' });
  if (ctx.db.prepare('SELECT 1 FROM service WHERE nom = ?').get(nom)) {
    throw new UserError('INPUT_INVALID', `Le service « ${nom} » existe déjà.`, { field: 'nom' });
  }
  const service: Service = { id: randomUUID(), nom };
  inTransaction(ctx, () => {
    ctx.db.prepare('INSERT INTO service (id, nom) VALUES (?, ?)').run(service.id, nom);
    appendHistory(ctx, { action: 'service.create', after: service });
  });
  return service;
}
