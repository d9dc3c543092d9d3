import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import { hashToken } from '../../../electron/core/services/invitations';
import type { ServiceContext } from '../../../electron/core/services/context';
import { memoryCore, toyTete } from '../helpers/context';

let core: Core;
let ctx: ServiceContext;
let cleanup: () => void;
let claire: string;
beforeEach(() => {
  ({ core, ctx, cleanup } = memoryCore());
  core.referentials.store(toyTete('eci'));
  claire = core.people.create({ nom: 'Claire Dupont' }).id;
});
afterEach(() => cleanup());

/** The user error thrown by `fn` (fails the test when nothing is thrown). */
function errorOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error('aucune erreur levée');
}

describe('invitations (issue 5 item 4)', () => {
  it('a token of 32 random bytes in base64url (43 characters), stored only as its SHA-256, never in the history', () => {
    const { invitation, token } = core.invitations.create({ role: 'pilote', personId: claire });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const rows = ctx.db.prepare('SELECT * FROM invitation').all() as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hashToken(token)).toBe(rows[0]!.token_hash);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(JSON.stringify(ctx.db.prepare('SELECT * FROM history').all())).not.toContain(token);
    expect(invitation).toMatchObject({ role: 'pilote', personId: claire, nom: 'Claire Dupont', etat: 'active', revokedAt: null, lastSeenAt: null, createdBy: 'Alice Testeuse' });
    // 14 days by default
    expect(Date.parse(invitation.expiresAt) - Date.parse(invitation.createdAt)).toBe(14 * 86_400_000);
    expect(core.history.list()[0]).toMatchObject({ action: 'invitation.create', after: { role: 'pilote', nom: 'Claire Dupont', personId: claire } });
  });

  it('two invitations never share a token', () => {
    const a = core.invitations.create({ role: 'lecture', nom: 'Élu' }).token;
    const b = core.invitations.create({ role: 'lecture', nom: 'Élu' }).token;
    expect(a).not.toBe(b);
  });

  it('authenticate: the actor of a valid token, and when it was last seen', () => {
    const { invitation, token } = core.invitations.create({ role: 'pilote', personId: claire, validiteJours: 3 });
    const actor = core.invitations.authenticate(token, '2026-03-02T09:00:00.000Z');
    expect(actor).toEqual({ role: 'pilote', personId: claire, name: 'Claire Dupont', invitationId: invitation.id });
    expect(core.invitations.list('2026-03-02T09:00:00.000Z')[0]).toMatchObject({ lastSeenAt: '2026-03-02T09:00:00.000Z', etat: 'active' });
    expect(core.invitations.connected(5, '2026-03-02T09:04:00.000Z').map((i) => i.nom)).toEqual(['Claire Dupont']);
    expect(core.invitations.connected(5, '2026-03-02T09:06:00.000Z')).toEqual([]);
  });

  it('refuses a malformed token (INVITATION_INVALID, « mal formé »)', () => {
    for (const bad of ['', 'abc', 'x'.repeat(42), `${'a'.repeat(42)}=`, `${'a'.repeat(42)}/`, 'a'.repeat(44)]) {
      expect(errorOf(() => core.invitations.authenticate(bad))).toMatchObject({ code: 'INVITATION_INVALID', message: expect.stringContaining('mal formé') });
    }
  });

  it('refuses an unknown (forged) token of the right shape', () => {
    core.invitations.create({ role: 'pilote', personId: claire });
    const forged = Buffer.alloc(32, 7).toString('base64url');
    expect(errorOf(() => core.invitations.authenticate(forged))).toEqual(
      expect.objectContaining({ code: 'INVITATION_INVALID', message: "Lien d'invitation inconnu : il n'a pas été émis par ce poste, ou la personne invitée a été supprimée." }),
    );
  });

  it('refuses an expired token, naming the person and the day', () => {
    const { token, invitation } = core.invitations.create({ role: 'auditeur', nom: 'Paul Auditeur', validiteJours: 1 });
    const after = new Date(Date.parse(invitation.expiresAt) + 1000).toISOString();
    expect(errorOf(() => core.invitations.authenticate(token, after))).toMatchObject({
      code: 'INVITATION_INVALID',
      message: `L'invitation de Paul Auditeur (Auditeur) a expiré le ${invitation.expiresAt.slice(8, 10)}/${invitation.expiresAt.slice(5, 7)}/${invitation.expiresAt.slice(0, 4)}.`,
    });
    expect(core.invitations.list(after)[0]!.etat).toBe('expiree');
    // one second before: still valid
    expect(core.invitations.authenticate(token, new Date(Date.parse(invitation.expiresAt) - 1000).toISOString()).name).toBe('Paul Auditeur');
  });

  it('refuses a revoked token at once; revoking twice changes nothing; an unknown id is NOT_FOUND', () => {
    const { token, invitation } = core.invitations.create({ role: 'pilote', personId: claire });
    expect(core.invitations.authenticate(token).name).toBe('Claire Dupont');
    const revoked = core.invitations.revoke(invitation.id);
    expect(revoked.etat).toBe('revoquee');
    expect(errorOf(() => core.invitations.authenticate(token))).toMatchObject({ code: 'INVITATION_INVALID', message: expect.stringContaining('a été révoquée le 01/03/2026') });
    const events = core.history.list().length;
    expect(core.invitations.revoke(invitation.id).revokedAt).toBe(revoked.revokedAt);
    expect(core.history.list()).toHaveLength(events);
    expect(errorOf(() => core.invitations.revoke('inconnue'))).toMatchObject({ code: 'NOT_FOUND', message: "L'invitation « inconnue » n'existe pas." });
  });

  it('bad inputs: a pilote without person, an unknown person, no name, a validity outside 1..90 days', () => {
    expect(errorOf(() => core.invitations.create({ role: 'pilote' }))).toMatchObject({ code: 'INPUT_INVALID', message: expect.stringContaining('doit désigner la personne') });
    expect(errorOf(() => core.invitations.create({ role: 'pilote', personId: 'personne-x' }))).toMatchObject({ code: 'NOT_FOUND', message: "La personne « personne-x » n'existe pas." });
    expect(errorOf(() => core.invitations.create({ role: 'lecture', nom: '   ' }))).toMatchObject({ code: 'INPUT_INVALID', message: "Le nom de la personne invitée ne peut pas être vide." });
    expect(errorOf(() => core.invitations.create({ role: 'lecture', nom: 'Élu', validiteJours: 0 }))).toMatchObject({ code: 'INPUT_INVALID', message: 'Durée de validité invalide : 0 jour(s) ; elle va de 1 à 90 jours.' });
    expect(errorOf(() => core.invitations.create({ role: 'lecture', nom: 'Élu', validiteJours: 91 }))).toMatchObject({ code: 'INPUT_INVALID' });
    expect(core.invitations.list()).toEqual([]);
  });
});
