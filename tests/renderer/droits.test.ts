/** renderer/src/lib/droits.tsx: the rights a screen reads, from the core's access table (shared/access.ts). */
import { describe, expect, it } from 'vitest';
import { droitsDe } from '../../renderer/src/lib/droits';

describe('droitsDe(role, distant)', () => {
  it('the local référent: every control, no pack link (the local app exports)', () => {
    const d = droitsDe('referent', false);
    expect(['statuts.set', 'preuves.addFile', 'nodes.setPilotes', 'jalons.take', 'backups.restore', 'audit.ouvrir'].every((p) => d.peut(p))).toBe(true);
    expect(d.peut('pack.exportProgress', { type: 'subscription' })).toBe(true);
    expect(d.peutOuvrir({ confidentiel: true })).toBe(true);
    expect(d.peutPaquet).toBe(false);
    expect(d.lectureSeule).toBe(false);
  });

  it('an invited lecteur: no write, files but the confidentiel ones, no pack', () => {
    const d = droitsDe('lecture', true);
    expect(['statuts.set', 'statuts.setExplication', 'preuves.addFile', 'preuves.update', 'personnalisation.setReponse', 'audit.addNote', 'audit.setEtat'].filter((p) => d.peut(p))).toEqual([]);
    expect(d.peut('preuves.list', { type: 'query' })).toBe(true);
    expect([d.peutOuvrir({ confidentiel: false }), d.peutOuvrir({ confidentiel: true })]).toEqual([true, false]);
    expect(d.peutPaquet).toBe(false);
    expect(d.lectureSeule).toBe(true);
  });

  it('an invited auditeur: the audit writes only, files but the confidentiel ones, the pack', () => {
    const d = droitsDe('auditeur', true);
    expect(['statuts.set', 'preuves.addFile', 'nodes.setPilotes', 'audit.ouvrir', 'audit.decider', 'pack.export'].filter((p) => d.peut(p))).toEqual([]);
    expect(['audit.addNote', 'audit.setEtat', 'audit.setOrdreDuJour', 'audit.setStatut', 'audit.clore', 'audit.attachRapport'].every((p) => d.peut(p))).toBe(true);
    expect([d.peutOuvrir({ confidentiel: false }), d.peutOuvrir({ confidentiel: true })]).toEqual([true, false]);
    expect(d.peutPaquet).toBe(true);
  });

  it('an invited pilote: their own criteria (the list they see is theirs), no pack', () => {
    const d = droitsDe('pilote', true);
    expect(d.peut('statuts.set')).toBe(false);
    expect(d.peut('statuts.set', { own: true })).toBe(true);
    expect(d.peutOuvrir({ confidentiel: true })).toBe(true);
    expect(d.peutPaquet).toBe(false);
  });
});
