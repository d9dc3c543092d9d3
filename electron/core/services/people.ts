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

/** A typed name as kept: trimmed, inner runs of spaces as one space (« élodie  marchand » → « élodie marchand »). */
function cleanName(nom: string): string {
  return nom.trim().replace(/\s+/g, ' ');
}

/**
 * The key under which two names are the same person or service: case-, accent-, space- and apostrophe-insensitive
 * (« élodie  marchand » and « Élodie Marchand » → « elodie marchand »; « d’information » = « d'information »).
 */
export function nameKey(nom: string): string {
  return cleanName(nom)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘ʼ`]/g, "'")
    .toLocaleLowerCase('fr');
}

/** The existing row of `table` whose name has the same key as `nom`, if any. */
function sameName(ctx: ServiceContext, table: 'person' | 'service', nom: string): string | undefined {
  const key = nameKey(nom);
  const rows = ctx.db.prepare(`SELECT nom FROM ${table}`).all() as { nom: string }[];
  return rows.find((r) => nameKey(r.nom) === key)?.nom;
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
 * Adds a person, with a `person.create` history event; the name is trimmed, inner spaces collapsed. Throws
 * UserError INPUT_INVALID (empty name; a name equal to an existing person's up to case, accents and spaces, naming
 * that person: « Une personne nommée « Élodie Marchand » existe déjà. »; malformed email) or NOT_FOUND (unknown
 * serviceId). The store is unchanged on every refusal.
 */
export function createPerson(ctx: ServiceContext, input: { nom: string; email?: string | null; serviceId?: string | null }): Person {
  const nom = cleanName(input.nom);
  if (nom === '') throw new UserError('INPUT_INVALID', { fr: 'Le nom de la personne ne peut pas être vide.', en: "The person's name cannot be empty." }, { field: 'nom' });
  const existing = sameName(ctx, 'person', nom);
  if (existing !== undefined) {
    throw new UserError('INPUT_INVALID', { fr: `Une personne nommée « ${existing} » existe déjà.`, en: `A person named “${existing}” already exists.` }, { field: 'nom' });
  }
  const email = input.email?.trim() || null;
  if (email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw new UserError('INPUT_INVALID', { fr: `L'adresse électronique « ${email} » est invalide.`, en: `The email address “${email}” is invalid.` }, { field: 'email' });
  }
  const serviceId = input.serviceId ?? null;
  if (serviceId !== null && !ctx.db.prepare('SELECT 1 FROM service WHERE id = ?').get(serviceId)) {
    throw new UserError(
      'NOT_FOUND',
      { fr: `Le service « ${serviceId} » n'existe pas.`, en: `The service “${serviceId}” does not exist.` },
      { field: 'serviceId' },
      { what: 'service', id: serviceId },
    );
  }
  const person: Person = { id: randomUUID(), nom, email, serviceId };
  inTransaction(ctx, () => {
    ctx.db.prepare('INSERT INTO person (id, nom, email, service_id) VALUES (?, ?, ?, ?)').run(person.id, nom, email, serviceId);
    appendHistory(ctx, { action: 'person.create', after: person });
  });
  return person;
}

/**
 * Adds a service, with a `service.create` history event; the name is trimmed, inner spaces collapsed. Throws
 * UserError INPUT_INVALID when empty, or equal to an existing service's name up to case, accents and spaces,
 * naming it: « Un service nommé « Communication » existe déjà. ». The store is unchanged on every refusal.
 */
export function createService(ctx: ServiceContext, input: { nom: string }): Service {
  const nom = cleanName(input.nom);
  if (nom === '') throw new UserError('INPUT_INVALID', { fr: 'Le nom du service ne peut pas être vide.', en: 'The name of the service cannot be empty.' }, { field: 'nom' });
  const existing = sameName(ctx, 'service', nom);
  if (existing !== undefined) {
    throw new UserError('INPUT_INVALID', { fr: `Un service nommé « ${existing} » existe déjà.`, en: `A service named “${existing}” already exists.` }, { field: 'nom' });
  }
  const service: Service = { id: randomUUID(), nom };
  inTransaction(ctx, () => {
    ctx.db.prepare('INSERT INTO service (id, nom) VALUES (?, ?)').run(service.id, nom);
    appendHistory(ctx, { action: 'service.create', after: service });
  });
  return service;
}
