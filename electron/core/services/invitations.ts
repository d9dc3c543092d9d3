/**
 * Invitations to the shared workspace (issue 5 item 4): one per person and role, a random token of 32 bytes
 * (base64url, 43 characters) given once in the invitation link, and only its SHA-256 stored (migration 007), an
 * expiry, a revocation, and when it was last used. `authenticate` turns a token into the Actor of the request.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { formatDateIn } from '../../../shared/locale';
import { elide } from '../../../shared/readiness-words';
import { UserError } from '../../../shared/errors';
import { ROLE_LABELS, ROLE_LABELS_EN, type Actor, type Role } from '../../../shared/roles';
import { type ServiceContext, inTransaction, prepared } from './context';
import { appendHistory } from './history';

/** English words of the roles, as the English screens say them (renderer/src/i18n/en.ts `roles`). */

/** Where an invitation stands at a given instant. */
export type EtatInvitation = 'active' | 'expiree' | 'revoquee';

/** An invitation as the lead's screen lists it (never the token, which is not stored). ISO 8601 instants. */
export interface Invitation {
  id: string;
  role: Role;
  /** The invited person (required for a pilote), null for someone outside the people list (an auditeur). */
  personId: string | null;
  /** Name shown in the list and recorded in the history for the invitee's changes. */
  nom: string;
  createdAt: string;
  createdBy: string;
  expiresAt: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
  etat: EtatInvitation;
}

/** Input of `createInvitation`. `validiteJours` 1 to 90, default 14. */
export interface InvitationInput {
  role: Role;
  personId?: string | null;
  /** Required without `personId`; with one, the person's name is used. */
  nom?: string;
  validiteJours?: number;
}

interface InvitationRow {
  id: string;
  token_hash: string;
  role: Role;
  person_id: string | null;
  nom: string;
  created_at: string;
  created_by: string;
  expires_at: string;
  revoked_at: string | null;
  last_seen_at: string | null;
}

/** Bytes of randomness of a token (crypto.randomBytes), and its base64url form's shape. */
export const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
/** `last_seen_at` is rewritten at most once per this many milliseconds per invitation (not on every request). */
const SEEN_EVERY_MS = 30_000;

/** SHA-256 of a token, hex: what the database keeps. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function etat(r: InvitationRow, at: string): EtatInvitation {
  if (r.revoked_at !== null) return 'revoquee';
  return Date.parse(r.expires_at) <= Date.parse(at) ? 'expiree' : 'active';
}

const toInvitation = (r: InvitationRow, at: string): Invitation => ({
  id: r.id,
  role: r.role,
  personId: r.person_id,
  nom: r.nom,
  createdAt: r.created_at,
  createdBy: r.created_by,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  lastSeenAt: r.last_seen_at,
  etat: etat(r, at),
});

/**
 * Creates an invitation and returns it with its token (shown once: only its SHA-256 is stored), with an
 * `invitation.create` history event (without the token). Throws UserError INPUT_INVALID (a pilote without person,
 * no name, `validiteJours` outside 1..90) or NOT_FOUND (unknown person).
 */
export function createInvitation(ctx: ServiceContext, input: InvitationInput): { invitation: Invitation; token: string } {
  const jours = input.validiteJours ?? 14;
  if (!Number.isInteger(jours) || jours < 1 || jours > 90) {
    throw new UserError(
      'INPUT_INVALID',
      { fr: `Durée de validité invalide : ${jours} jour(s) ; elle va de 1 à 90 jours.`, en: `Invalid validity period: ${jours} day(s); it ranges from 1 to 90 days.` },
      { field: 'validiteJours' },
    );
  }
  const personId = input.personId ?? null;
  if (input.role === 'pilote' && personId === null) {
    throw new UserError(
      'INPUT_INVALID',
      { fr: 'Une invitation de pilote doit désigner la personne qui pilote les critères (champ « personne »).', en: 'A lead invitation must name the person who leads the criteria (field “person”).' },
      { field: 'personId' },
    );
  }
  let nom = input.nom?.trim().replace(/\s+/g, ' ') ?? '';
  if (personId !== null) {
    const person = prepared(ctx.db, 'SELECT nom FROM person WHERE id = ?').get(personId) as { nom: string } | undefined;
    if (!person) {
      throw new UserError('NOT_FOUND', { fr: `La personne « ${personId} » n'existe pas.`, en: `The person “${personId}” does not exist.` }, { field: 'personId' }, { what: 'person', id: personId });
    }
    nom = person.nom;
  }
  if (nom === '') throw new UserError('INPUT_INVALID', { fr: 'Le nom de la personne invitée ne peut pas être vide.', en: 'The name of the invited person cannot be empty.' }, { field: 'nom' });
  if (nom.length > 200) {
    throw new UserError('INPUT_INVALID', { fr: 'Le nom de la personne invitée dépasse 200 caractères.', en: 'The name of the invited person is longer than 200 characters.' }, { field: 'nom' });
  }
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  return inTransaction(ctx, () => {
    const at = ctx.now();
    const row: InvitationRow = {
      id: randomUUID(),
      token_hash: hashToken(token),
      role: input.role,
      person_id: personId,
      nom,
      created_at: at,
      created_by: ctx.user,
      expires_at: new Date(Date.parse(at) + jours * 86_400_000).toISOString(),
      revoked_at: null,
      last_seen_at: null,
    };
    prepared(
      ctx.db,
      'INSERT INTO invitation (id, token_hash, role, person_id, nom, created_at, created_by, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(row.id, row.token_hash, row.role, row.person_id, row.nom, row.created_at, row.created_by, row.expires_at);
    appendHistory(ctx, { action: 'invitation.create', after: { id: row.id, role: row.role, nom, personId, expiresAt: row.expires_at } });
    return { invitation: toInvitation(row, at), token };
  });
}

/** Every invitation, the newest first, with its state at `at` (default now). */
export function listInvitations(ctx: ServiceContext, at: string = ctx.now()): Invitation[] {
  const rows = ctx.db.prepare('SELECT * FROM invitation ORDER BY created_at DESC, rowid DESC').all() as InvitationRow[];
  return rows.map((r) => toInvitation(r, at));
}

/**
 * Revokes an invitation at once (its link stops working at the next request), with an `invitation.revoke` history
 * event; revoking a revoked one changes nothing. Throws UserError NOT_FOUND for an unknown id.
 */
export function revokeInvitation(ctx: ServiceContext, id: string): Invitation {
  return inTransaction(ctx, () => {
    const row = prepared(ctx.db, 'SELECT * FROM invitation WHERE id = ?').get(id) as InvitationRow | undefined;
    if (!row) throw new UserError('NOT_FOUND', { fr: `L'invitation « ${id} » n'existe pas.`, en: `The invitation “${id}” does not exist.` }, { field: 'id' });
    const at = ctx.now();
    if (row.revoked_at !== null) return toInvitation(row, at);
    prepared(ctx.db, 'UPDATE invitation SET revoked_at = ? WHERE id = ?').run(at, id);
    appendHistory(ctx, { action: 'invitation.revoke', before: { id, role: row.role, nom: row.nom }, after: { revokedAt: at } });
    return toInvitation({ ...row, revoked_at: at }, at);
  });
}

/**
 * The Actor a token stands for, at instant `at` (default now); records when the invitation was last used (at most
 * every 30 s). Throws UserError INVITATION_INVALID with the reason (French and English): malformed token (not 43 base64url
 * characters), unknown token (never issued, or its person deleted), revoked (with the date), expired (with the date).
 */
export function authenticate(ctx: ServiceContext, token: string, at: string = ctx.now()): Actor & { invitationId: string } {
  if (!TOKEN_SHAPE.test(token)) {
    throw new UserError(
      'INVITATION_INVALID',
      {
        fr: "Lien d'invitation mal formé : le jeton doit compter 43 caractères (lettres, chiffres, « - » et « _ »).",
        en: 'Malformed invitation link: the token must have 43 characters (letters, digits, “-” and “_”).',
      },
      { field: 'token' },
    );
  }
  const row = prepared(ctx.db, 'SELECT * FROM invitation WHERE token_hash = ?').get(hashToken(token)) as InvitationRow | undefined;
  if (!row) {
    throw new UserError(
      'INVITATION_INVALID',
      {
        fr: "Lien d'invitation inconnu : il n'a pas été émis par ce poste, ou la personne invitée a été supprimée.",
        en: 'Unknown invitation link: it was not issued by this computer, or the invited person was deleted.',
      },
      { field: 'token' },
    );
  }
  const state = etat(row, at);
  if (state === 'revoquee') {
    throw new UserError(
      'INVITATION_INVALID',
      {
        fr: `L'invitation ${elide('de', row.nom)} (${ROLE_LABELS[row.role]}) a été révoquée le ${formatDateIn('fr', row.revoked_at!)}.`,
        en: `The invitation for ${row.nom} (${ROLE_LABELS_EN[row.role]}) was revoked on ${formatDateIn('en', row.revoked_at!)}.`,
      },
      { field: 'token' },
    );
  }
  if (state === 'expiree') {
    throw new UserError(
      'INVITATION_INVALID',
      {
        fr: `L'invitation ${elide('de', row.nom)} (${ROLE_LABELS[row.role]}) a expiré le ${formatDateIn('fr', row.expires_at)}.`,
        en: `The invitation for ${row.nom} (${ROLE_LABELS_EN[row.role]}) expired on ${formatDateIn('en', row.expires_at)}.`,
      },
      { field: 'token' },
    );
  }
  if (row.last_seen_at === null || Date.parse(at) - Date.parse(row.last_seen_at) >= SEEN_EVERY_MS) {
    prepared(ctx.db, 'UPDATE invitation SET last_seen_at = ? WHERE id = ?').run(at, row.id);
  }
  return { role: row.role, personId: row.person_id, name: row.nom, invitationId: row.id };
}

/** The active invitations used within the last `minutes` minutes before `at`: who is connected. */
export function connectedInvitations(ctx: ServiceContext, minutes: number, at: string = ctx.now()): Invitation[] {
  const since = new Date(Date.parse(at) - minutes * 60_000).toISOString();
  return listInvitations(ctx, at).filter((i) => i.etat === 'active' && i.lastSeenAt !== null && i.lastSeenAt >= since);
}
