import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCESS, accessOf } from '../../../electron/core/api/access';
import { appRouter } from '../../../electron/core/api/router';
import type { Core } from '../../../electron/core/core';
import { LOCAL_REFERENT, type Actor } from '../../../shared/roles';
import { memoryCore, toyTete } from '../helpers/context';

let core: Core;
let cleanup: () => void;
let claire: string;
let bob: string;
let pilote: Actor;
const auditeur: Actor = { role: 'auditeur', personId: null, name: 'Paul Auditeur', invitationId: 'i-aud' };
const lecture: Actor = { role: 'lecture', personId: null, name: 'Élu Lecteur', invitationId: 'i-lec' };
const referentDistant: Actor = { role: 'referent', personId: null, name: 'Rémi Référent', invitationId: 'i-ref' };

beforeEach(() => {
  ({ core, cleanup } = memoryCore());
  core.referentials.store(toyTete('eci'));
  claire = core.people.create({ nom: 'Claire Dupont' }).id;
  bob = core.people.create({ nom: 'Bob Martin' }).id;
  core.nodes.setPilotes({ referentialId: 'eci', nodeId: 'eci_1', personIds: [claire], serviceIds: [] });
  core.nodes.setPilotes({ referentialId: 'eci', nodeId: 'eci_2', personIds: [bob], serviceIds: [] });
  pilote = { role: 'pilote', personId: claire, name: 'Claire Dupont', invitationId: 'i-pil' };
});
afterEach(() => cleanup());

const as = (actor?: Actor) => appRouter.createCaller(actor ? { core, actor } : { core });

/** The user error a call rejects with. */
async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string; userCode: string; en: string | null }> {
  try {
    await p;
  } catch (e) {
    const err = e as { code: string; message: string; cause?: { code?: string; en?: string | null } };
    return { code: err.code, message: err.message, userCode: err.cause?.code ?? '', en: err.cause?.en ?? null };
  }
  throw new Error('appel accepté alors qu’il devait être refusé');
}

describe('roles enforced in the core (access.ts)', () => {
  it('every procedure has its action in English too, in English typography', () => {
    for (const [path, entry] of Object.entries(ACCESS)) {
      expect(entry.actionEn, path).toMatch(/^[a-z][a-z0-9 ',.-]*[a-zA-Z]$/i);
      expect(entry.actionEn, path).not.toMatch(/[«»]/);
    }
    expect(accessOf('audit.suivi', 'subscription').actionEn).toBe('call “audit.suivi”');
  });

  it('every procedure of the router is classified in the access table', () => {
    const paths = Object.keys(appRouter._def.procedures);
    expect(paths.length).toBeGreaterThan(50);
    expect(paths.filter((p) => !(p in ACCESS))).toEqual([]);
  });

  it('an unclassified mutation or subscription is référent-only; an unclassified query is a read', () => {
    expect(accessOf('audit.ajouterNote', 'mutation').access).toBe('referent');
    expect(accessOf('audit.suivi', 'subscription').access).toBe('referent');
    expect(accessOf('audit.notes', 'query').access).toBe('lecture');
  });

  it('partage.moi: the local référent without actor, the invitation’s actor over the shared link', async () => {
    expect(await as().partage.moi()).toEqual({ role: 'referent', personId: null, nom: 'référent', distant: false });
    expect(await as(lecture).partage.moi()).toEqual({ role: 'lecture', personId: null, nom: 'Élu Lecteur', distant: true });
  });

  it('référent (local or invited): everything', async () => {
    const who: string[] = [];
    for (const [actor, statut] of [[undefined, 'programme'], [LOCAL_REFERENT, 'fait'], [referentDistant, 'pas_fait']] as const) {
      const r = await as(actor).statuts.set({ referentialId: 'eci', nodeId: 'eci_2.1.1', statut });
      expect(r.changed).toBe(true);
      who.push(core.history.list({ nodeId: 'eci_2.1.1' })[0]!.who);
      await as(actor).workspace.update({ population: 6000 });
      expect((await as(actor).partage.invitations()).length).toBe(0);
    }
    // The local référent keeps the workspace's user as author; an invited référent is recorded under their name.
    expect(who).toEqual(['Alice Testeuse', 'Alice Testeuse', 'Rémi Référent']);
  });

  it('pilote: statut, explication and preuves of their own criteria; their list; the score', async () => {
    const me = as(pilote);
    const set = await me.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait' });
    expect(set.score.root.pointFait).toBe(10);
    expect(await me.statuts.setExplication({ referentialId: 'eci', nodeId: 'eci_1.2', explication: 'Budget voté' })).toEqual({ ok: true, version: 1 });
    const link = await me.preuves.addLink({ referentialId: 'eci', nodeId: 'eci_1.1', url: 'https://exemple.fr/deliberation.pdf', titre: 'Délibération' });
    const file = await me.preuves.addFile({ referentialId: 'eci', nodeId: 'eci_1.2', fileName: 'note.txt', contentBase64: Buffer.from('note').toString('base64') });
    await me.preuves.addRevision({ preuveId: file.id, fileName: 'note-v2.txt', contentBase64: Buffer.from('note v2').toString('base64') });
    expect(link.titre).toBe('Délibération');
    const list = await me.mesCriteres.list({ owner: { personId: claire } });
    expect(list.criteres.map((c) => [c.nodeId, c.statut, c.version])).toEqual([
      ['eci_1.2', 'non_renseigne', 1],
      ['eci_1.1', 'fait', 1],
    ]);
    expect((await me.scores.get({ referentialId: 'eci' })).root.pointFait).toBe(10);
    expect(await me.partage.moi()).toEqual({ role: 'pilote', personId: claire, nom: 'Claire Dupont', distant: true });
    // The history records the pilote's name
    expect(new Set(core.history.list().filter((e) => e.nodeId?.startsWith('eci_1.') || e.action.startsWith('preuve')).map((e) => e.who))).toEqual(new Set(['Claire Dupont']));
    expect(core.history.list().filter((e) => e.action === 'statut.set' && e.nodeId === 'eci_1.1').map((e) => e.who)).toEqual(['Claire Dupont']);
    expect(core.statuts.list('eci').find((s) => s.nodeId === 'eci_1.1')!.modifiedBy).toBe('Claire Dupont');
  });

  it('pilote: refused on a criterion of someone else, with a French message naming role, person, action and node', async () => {
    const me = as(pilote);
    const r = await refusal(me.statuts.set({ referentialId: 'eci', nodeId: 'eci_2.1.1', statut: 'fait' }));
    expect(r).toEqual({
      code: 'FORBIDDEN',
      userCode: 'FORBIDDEN',
      message: "Action refusée : le rôle « Pilote » (Claire Dupont) ne permet pas de modifier le statut de eci_2.1.1 : ce critère n'est pas l'un des vôtres.",
      en: 'Action refused: the role “Lead” (Claire Dupont) does not allow you to change the status for eci_2.1.1: this criterion is not one of yours.',
    });
    expect((await refusal(me.statuts.setExplication({ referentialId: 'eci', nodeId: 'eci_2.2.1', explication: 'x' }))).code).toBe('FORBIDDEN');
    expect((await refusal(me.preuves.addLink({ referentialId: 'eci', nodeId: 'eci_2.1', url: 'https://x.fr' }))).code).toBe('FORBIDDEN');
    expect((await refusal(me.statuts.set({ referentialId: 'autre', nodeId: 'eci_1.1', statut: 'fait' }))).code).toBe('FORBIDDEN');
    const other = core.preuves.addLink({ referentialId: 'eci', nodeId: 'eci_2.1', url: 'https://x.fr/a' });
    expect((await refusal(me.preuves.addRevision({ preuveId: other.id, fileName: 'a.txt', contentBase64: 'YQ==' }))).message).toContain("cette preuve n'est rattachée à aucun de vos critères");
    expect(core.statuts.list('eci')).toEqual([]);
  });

  it('pilote: reads beyond their screen and every other write are refused', async () => {
    const me = as(pilote);
    const cases: Array<[string, Promise<unknown>]> = [
      ['lire les statuts', me.statuts.list({ referentialId: 'eci' })],
      ["lire l'historique", me.history.list()],
      ['lister les personnes', me.people.list()],
      ['lire un référentiel', me.referentials.get({ referentialId: 'eci' })],
      ["lire les critères d'une personne autre que la sienne", me.mesCriteres.list({ owner: { personId: bob } })],
      ["lire les critères d'une personne autre que la sienne", me.mesCriteres.list({ owner: { serviceId: 'dsi' } })],
      ['désigner les pilotes', me.nodes.setPilotes({ referentialId: 'eci', nodeId: 'eci_2', personIds: [claire], serviceIds: [] })],
      ['fixer une échéance', me.nodes.setEcheance({ referentialId: 'eci', nodeId: 'eci_1', echeance: '2027-01-01' })],
      ['ajouter une preuve depuis un fichier du poste', me.preuves.addPath({ referentialId: 'eci', nodeId: 'eci_1.1', path: '/etc/passwd' })],
      ['modifier la fiche de la collectivité', me.workspace.update({ population: 1 })],
      ['lister les invitations', me.partage.invitations()],
      ['inviter une personne', me.partage.inviter({ role: 'referent', nom: 'Moi' })],
      ['créer une sauvegarde', me.backups.create()],
    ];
    for (const [action, call] of cases) {
      const r = await refusal(call);
      expect(r.code, action).toBe('FORBIDDEN');
      expect(r.message, action).toContain(`le rôle « Pilote » (Claire Dupont) ne permet pas ${/^[aeéiou]/.test(action) ? `d'${action}` : `de ${action}`}`);
    }
  });

  it('auditeur: reads everything, writes nothing that exists yet (audit notes come with issue 6)', async () => {
    const a = as(auditeur);
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_2.1.1', statut: 'fait' });
    expect((await a.statuts.list({ referentialId: 'eci' })).map((s) => s.nodeId)).toEqual(['eci_2.1.1']);
    expect((await a.history.list()).length).toBeGreaterThan(0);
    expect((await a.mesCriteres.list({ owner: { personId: bob } })).criteres.length).toBe(9);
    expect((await a.referentials.get({ referentialId: 'eci' })).id).toBe('eci');
    const r = await refusal(a.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait' }));
    expect(r.message).toBe('Action refusée : le rôle « Auditeur » (Paul Auditeur) ne permet pas de modifier le statut.');
    expect(r.en).toBe('Action refused: the role “Auditor” (Paul Auditeur) does not allow you to change the status.');
    expect((await refusal(a.partage.invitations())).code).toBe('FORBIDDEN');
    expect((await refusal(a.preuves.addLink({ referentialId: 'eci', nodeId: 'eci_1.1', url: 'https://x.fr' }))).code).toBe('FORBIDDEN');
  });

  it('lecture: reads only', async () => {
    const l = as(lecture);
    expect((await l.scores.get({ referentialId: 'eci' })).root.pointPotentiel).toBe(100);
    expect((await l.people.list()).map((p) => p.nom)).toEqual(['Bob Martin', 'Claire Dupont']);
    for (const call of [
      l.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait' }),
      l.statuts.setExplication({ referentialId: 'eci', nodeId: 'eci_1.1', explication: 'x' }),
      l.people.create({ nom: 'Intrus' }),
      l.partage.demarrer({ host: '127.0.0.1' }),
      l.mesCriteres.exportXlsx({ owner: { personId: claire } }),
    ]) {
      expect((await refusal(call)).message).toMatch(/^Action refusée : le rôle « Lecture seule » \(Élu Lecteur\) ne permet pas (de |d')/);
    }
    expect(core.people.list()).toHaveLength(2);
  });
});

describe('version numbers: concurrent edits of one node (never a lost update)', () => {
  it('a stale expectedVersion is refused with who changed it, when and what it is now; nothing written', async () => {
    const lead = as();
    const me = as(pilote);
    // both display eci_1.1 at version 0 (no row yet)
    const first = await me.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'programme', explication: 'Délibération en mars', expectedVersion: 0 });
    expect(first.version).toBe(1);
    const before = core.history.list().length;
    const r = await refusal(lead.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait', expectedVersion: 0 }));
    expect(r.code).toBe('CONFLICT');
    expect(r.message).toMatch(
      /^Conflit de modification sur 1\.1 : il a été modifié par Claire Dupont le 01\/03\/2026 à \d\d:\d\d depuis que vous l'avez affiché \(statut actuel « Programmé », explication « Délibération en mars »\)\. Votre modification n'a pas été enregistrée : rechargez pour voir la version actuelle, puis refaites-la si besoin\.$/,
    );
    expect(core.history.list()).toHaveLength(before);
    expect(core.statuts.list('eci')[0]).toMatchObject({ statut: 'programme', version: 1 });
    // with the current version, it goes through and the version moves
    const second = await lead.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait', expectedVersion: 1 });
    expect(second).toMatchObject({ changed: true, version: 2 });
    // explication: same rule
    expect((await refusal(me.statuts.setExplication({ referentialId: 'eci', nodeId: 'eci_1.1', explication: 'x', expectedVersion: 1 }))).message).toContain('statut actuel « Fait »');
    expect(await me.statuts.setExplication({ referentialId: 'eci', nodeId: 'eci_1.1', explication: 'Voté', expectedVersion: 2 })).toEqual({ ok: true, version: 3 });
    // without expectedVersion (CLI, workbook import): no check, the version still moves
    expect(core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'pas_fait' }).version).toBe(4);
  });

  it('a cascade (§2.1) moves the version of the sous-action it resets', () => {
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_2.1', statut: 'fait' });
    expect(core.statuts.list('eci').find((s) => s.nodeId === 'eci_2.1')!.version).toBe(1);
    expect(core.statuts.set({ referentialId: 'eci', nodeId: 'eci_2.1.1', statut: 'fait' }).cascade).toEqual(['eci_2.1']);
    expect(core.statuts.list('eci').find((s) => s.nodeId === 'eci_2.1')!.version).toBe(2);
    let err: unknown;
    try {
      core.statuts.set({ referentialId: 'eci', nodeId: 'eci_2.1', statut: 'pas_fait', expectedVersion: 1 });
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ code: 'CONFLICT', location: { nodeId: 'eci_2.1', field: 'expectedVersion' } });
  });

  it('bad input: a negative or fractional expectedVersion is INPUT_INVALID', async () => {
    const r = await refusal(as().statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait', expectedVersion: -1 }));
    expect(r.code).toBe('BAD_REQUEST');
    expect(r.message).toContain('expectedVersion');
  });
});

describe('partage.* bad inputs (zod: BAD_REQUEST naming the field, shown in French by the error formatter)', () => {
  it('an unknown role, a port out of range, an empty address, an empty invitation id', async () => {
    const lead = as();
    const bad = async (p: Promise<unknown>, field: string) => {
      const e = await p.then(
        () => null,
        (err: unknown) => err as { code: string; cause?: { issues?: Array<{ path: unknown[] }> } },
      );
      expect(e?.code, field).toBe('BAD_REQUEST');
      expect(e?.cause?.issues?.[0]?.path, field).toEqual([field]);
    };
    await bad(lead.partage.inviter({ role: 'admin' as 'lecture', nom: 'X' }), 'role');
    await bad(lead.partage.demarrer({ host: '127.0.0.1', port: 70_000 }), 'port');
    await bad(lead.partage.demarrer({ host: '' }), 'host');
    await bad(lead.partage.revoquer({ id: '' }), 'id');
    expect(core.invitations.list()).toEqual([]);
  });
});

describe('refusal wording', () => {
  it('elides « de » before a vowel (d’inviter, d’écrire) and keeps it before a consonant', async () => {
    const { checkAccess } = await import('../../../electron/core/api/access');
    const actor = { role: 'lecture' as const, personId: null, name: 'Élu Lecteur' };
    const message = (path: string): string => {
      try {
        checkAccess(null as never, actor, path, 'mutation', {});
      } catch (e) {
        return (e as Error).message;
      }
      return 'permis';
    };
    expect(message('partage.inviter')).toBe("Action refusée : le rôle « Lecture seule » (Élu Lecteur) ne permet pas d'inviter une personne.");
    expect(message('audit.addNote')).toBe("Action refusée : le rôle « Lecture seule » (Élu Lecteur) ne permet pas d'écrire une note d'audit.");
    expect(message('partage.arreter')).toBe("Action refusée : le rôle « Lecture seule » (Élu Lecteur) ne permet pas d'arrêter le partage.");
    expect(message('people.create')).toBe("Action refusée : le rôle « Lecture seule » (Élu Lecteur) ne permet pas d'ajouter une personne.");
    expect(message('statuts.set')).toBe('Action refusée : le rôle « Lecture seule » (Élu Lecteur) ne permet pas de modifier le statut.');
  });
});
