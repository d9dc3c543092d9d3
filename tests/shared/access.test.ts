/**
 * shared/access.ts: the table the core applies and the renderer reads. `allowed` must give, class by class, the
 * same answer as the core's `checkAccess` (tests/core/partage/roles.test.ts checks the core itself).
 */
import { describe, expect, it } from 'vitest';
import { ACCESS, allowed, packDownloadAllowed, preuveDownloadAllowed } from '../../shared/access';
import type { Role } from '../../shared/roles';

const ROLES: Role[] = ['referent', 'pilote', 'auditeur', 'lecture'];
const who = (path: string, type: 'query' | 'mutation' | 'subscription' = 'mutation', own = false) => ROLES.filter((r) => allowed(r, path, type, { own }));

describe('allowed(role, path): who may call a procedure', () => {
  it.each([
    // path, type, own, roles allowed
    ['statuts.set', 'mutation', false, ['referent']],
    ['statuts.set', 'mutation', true, ['referent', 'pilote']],
    ['statuts.setExplication', 'mutation', true, ['referent', 'pilote']],
    ['preuves.addFile', 'mutation', false, ['referent']],
    ['preuves.addRevision', 'mutation', true, ['referent', 'pilote']],
    ['preuves.update', 'mutation', true, ['referent']],
    ['nodes.setPilotes', 'mutation', false, ['referent']],
    ['personnalisation.setReponse', 'mutation', false, ['referent']],
    ['referentials.import', 'mutation', false, ['referent']],
    ['jalons.take', 'mutation', false, ['referent']],
    ['backups.create', 'mutation', false, ['referent']],
    ['pack.exportProgress', 'subscription', false, ['referent']],
    ['audit.addNote', 'mutation', false, ['referent', 'auditeur']],
    ['audit.setStatut', 'mutation', false, ['referent', 'auditeur']],
    ['audit.clore', 'mutation', false, ['referent', 'auditeur']],
    ['audit.ouvrir', 'mutation', false, ['referent']],
    ['partage.inviter', 'mutation', false, ['referent']],
    ['partage.etat', 'query', false, ['referent']],
    ['preuves.list', 'query', false, ['referent', 'auditeur', 'lecture']],
    ['scores.get', 'query', false, ['referent', 'pilote', 'auditeur', 'lecture']],
    ['mesCriteres.list', 'query', false, ['referent', 'auditeur', 'lecture']],
    ['mesCriteres.list', 'query', true, ['referent', 'pilote', 'auditeur', 'lecture']],
    // Unclassified: a query is a read (not for a pilote), a mutation or a subscription is the référent's.
    ['audit.nouvelleLecture', 'query', false, ['referent', 'auditeur', 'lecture']],
    ['audit.nouvelleEcriture', 'mutation', true, ['referent']],
    ['audit.suivi', 'subscription', false, ['referent']],
  ] as const)('%s (%s, own: %s) → %j', (path, type, own, roles) => {
    expect(who(path, type, own)).toEqual(roles);
  });

  it('a lecteur may call no write of the table; an auditeur only the audit class', () => {
    const writes = Object.entries(ACCESS).filter(([, a]) => !['lecture', 'pilote-lecture', 'mes-criteres', 'referent-lecture'].includes(a.access));
    expect(writes.length).toBeGreaterThan(40);
    expect(writes.filter(([path]) => allowed('lecture', path, 'mutation', { own: true }))).toEqual([]);
    expect(writes.filter(([path]) => allowed('auditeur', path, 'mutation', { own: true })).map(([path]) => path).sort()).toEqual([
      'audit.addNote',
      'audit.attachRapport',
      'audit.clore',
      'audit.setEtat',
      'audit.setExplication',
      'audit.setOrdreDuJour',
      'audit.setStatut',
    ]);
  });
});

describe('downloads over the shared link', () => {
  it.each([
    ['referent', { confidentiel: true, own: false }, true],
    ['pilote', { confidentiel: false, own: true }, true],
    ['pilote', { confidentiel: true, own: true }, true],
    ['pilote', { confidentiel: false, own: false }, false],
    ['auditeur', { confidentiel: false, own: false }, true],
    ['auditeur', { confidentiel: true, own: false }, false],
    ['lecture', { confidentiel: false, own: false }, true],
    ['lecture', { confidentiel: true, own: false }, false],
  ] as const)('preuve: %s %j → %s', (role, preuve, expected) => {
    expect(preuveDownloadAllowed(role, preuve)).toBe(expected);
  });

  it('the pack: the référent and the auditeur only', () => {
    expect(ROLES.filter(packDownloadAllowed)).toEqual(['referent', 'auditeur']);
  });
});
