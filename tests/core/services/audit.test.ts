/**
 * The audit cycle (issue 6 items 3–4): transitions and their refusals, the lock of an open audit (authority writes
 * refused, the auditor's accepted under their name), the auditor's workspace (états, notes, ordre du jour, agenda),
 * the report, the decision and its validity, the next cycle — on the real core and an in-memory database.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import { finValidite } from '../../../electron/core/services/audit';
import type { ServiceContext } from '../../../electron/core/services/context';
import { memoryCore, snapshotTables, toyGrid, toyTete } from '../helpers/context';

let core: Core;
let ctx: ServiceContext;
let cleanup: () => void;
beforeEach(() => {
  ({ core, ctx, cleanup } = memoryCore());
  core.referentials.store(toyTete('eci'));
});
afterEach(() => cleanup());

/** Runs `fn` and returns the UserError it throws (code and message), failing when it does not throw. */
function refusal(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    return { code: (e as { code: string }).code, message: (e as Error).message };
  }
  throw new Error('expected a refusal');
}

function openAudit(auditeur = 'Claire Auditrice'): void {
  core.audit.demander('eci');
  core.audit.ouvrir('eci', auditeur);
}

describe('audit cycle transitions', () => {
  it('a referential never audited has one cycle « en préparation », nothing stored', () => {
    expect(core.audit.cycles('eci')).toEqual([expect.objectContaining({ id: null, numero: 1, etape: 'preparation', auditeur: null, decision: null })]);
    expect(snapshotTables(ctx).audit_cycle).toEqual([]);
  });

  it('runs préparation → demandé → ouvert → clos → décision → nouveau cycle, each step in the history', () => {
    expect(core.audit.demander('eci')).toMatchObject({ numero: 1, etape: 'demande' });
    expect(core.audit.ouvrir('eci', '  Claire   Auditrice ')).toMatchObject({ etape: 'ouvert', auditeur: 'Claire Auditrice' });
    expect(core.audit.clore('eci')).toMatchObject({ etape: 'clos' });
    const decided = core.audit.decider('eci', { niveau: 2, date: '2026-04-15', commentaire: 'Bon dossier' });
    expect(decided.decision).toMatchObject({ niveau: 2, nom: '2 étoiles', date: '2026-04-15', finValidite: '2030-04-14', validiteAnnees: 4, commentaire: 'Bon dossier', by: 'Alice Testeuse' });
    const next = core.audit.nouveauCycle('eci');
    expect(next).toMatchObject({ numero: 2, etape: 'preparation', decision: null, auditeur: null });
    expect(core.audit.cycles('eci').map((c) => [c.numero, c.etape])).toEqual([
      [1, 'decision'],
      [2, 'preparation'],
    ]);
    const actions = core.history.list({ action: 'audit' }).map((e) => e.action).reverse();
    expect(actions).toEqual(['audit.demande', 'audit.ouverture', 'audit.cloture', 'audit.decision', 'audit.cycle']);
  });

  it('opening freezes the pré-audit jalon and closing the post-audit jalon, of the audited referential only', () => {
    core.referentials.store(toyTete('cae'));
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait' });
    openAudit('Claire Auditrice');
    core.audit.setStatut({ referentialId: 'eci', nodeId: 'eci_1.2', statut: 'fait' });
    const cycle = core.audit.clore('eci');
    const jalons = core.jalons.list();
    expect(jalons.map((j) => [j.id, j.kind, j.nom, j.who, j.referentiels.map((r) => [r.referentialId, r.pointFait])])).toEqual([
      [cycle.jalonPreId, 'pre-audit', 'Pré-audit eci — cycle 1', 'Alice Testeuse', [['eci', 10]]],
      [cycle.jalonPostId, 'post-audit', 'Post-audit eci — cycle 1', 'Alice Testeuse', [['eci', 30]]],
    ]);
  });

  it('a request can be withdrawn (back to préparation) and asked again', () => {
    core.audit.demander('eci');
    expect(core.audit.retirer('eci')).toMatchObject({ etape: 'preparation', demandeAt: null });
    expect(core.audit.demander('eci')).toMatchObject({ numero: 1, etape: 'demande' });
  });

  it.each([
    ['ouvrir before the request', (c: Core) => c.audit.ouvrir('eci', 'X'), "Impossible d'ouvrir l'audit : le cycle 1 du référentiel eci est « en préparation », il doit être « audit demandé »."],
    ['clore before the opening', (c: Core) => c.audit.clore('eci'), "Impossible de clore l'audit : le cycle 1 du référentiel eci est « en préparation », il doit être « audit ouvert »."],
    ['decide before the closing', (c: Core) => c.audit.decider('eci', { niveau: 1, date: '2026-04-01' }), 'Impossible d\'enregistrer la décision : le cycle 1 du référentiel eci est « en préparation », il doit être « audit clos ».'],
    ['a new cycle before the decision', (c: Core) => c.audit.nouveauCycle('eci'), 'Impossible de commencer un nouveau cycle : le cycle 1 du référentiel eci est « en préparation », il doit être « décision rendue ».'],
    ['withdraw what was not asked', (c: Core) => c.audit.retirer('eci'), 'Impossible de retirer la demande : le cycle 1 du référentiel eci est « en préparation », il doit être « audit demandé ».'],
  ])('refuses to %s (AUDIT_ETAPE), nothing written', (_name, fn, message) => {
    const before = snapshotTables(ctx);
    const err = refusal(() => fn(core));
    expect(err.code).toBe('AUDIT_ETAPE');
    expect(err.message).toBe(`${message} Ordre des étapes : préparation → audit demandé → audit ouvert → audit clos → décision.`);
    expect(snapshotTables(ctx)).toEqual(before);
  });

  it('refuses to ask twice, or to reopen a closed audit', () => {
    core.audit.demander('eci');
    expect(refusal(() => core.audit.demander('eci')).message).toContain("Impossible de demander l'audit : le cycle 1 du référentiel eci est « audit demandé »");
    core.audit.ouvrir('eci', 'Claire');
    core.audit.clore('eci');
    expect(refusal(() => core.audit.ouvrir('eci', 'Claire')).message).toContain('est « audit clos », il doit être « audit demandé »');
  });

  it('refuses to open without an auditor name, or with one over 200 characters', () => {
    core.audit.demander('eci');
    expect(refusal(() => core.audit.ouvrir('eci', '   '))).toEqual({ code: 'INPUT_INVALID', message: "Indiquez le nom de l'auditeur pour ouvrir l'audit : ses modifications seront enregistrées à son nom." });
    expect(refusal(() => core.audit.ouvrir('eci', 'x'.repeat(201))).message).toBe("Le nom de l'auditeur dépasse 200 caractères (201).");
    expect(core.audit.cycles('eci')[0]!.etape).toBe('demande');
  });

  it('refuses an unknown referential', () => {
    expect(refusal(() => core.audit.demander('nope')).code).toBe('REFERENTIAL_UNKNOWN');
  });
});

describe('the lock of an open audit', () => {
  it('refuses the authority’s statut, explication, preuve and answer writes with « L’audit est ouvert : … », nothing written', () => {
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait' });
    const preuve = core.preuves.addLink({ referentialId: 'eci', nodeId: 'eci_1.1', url: 'https://example.org/a' });
    openAudit();
    const before = snapshotTables(ctx);
    const writes: Array<[string, () => unknown]> = [
      ['Le statut de eci_1.2', () => core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.2', statut: 'fait' })],
      ["L'explication de eci_1.1", () => core.statuts.setExplication('eci', 'eci_1.1', 'texte')],
      ['Les preuves de eci_1.2', () => core.preuves.addLink({ referentialId: 'eci', nodeId: 'eci_1.2', url: 'https://example.org/b' })],
      ['Les preuves de eci_1.2', () => core.preuves.addFile({ referentialId: 'eci', nodeId: 'eci_1.2', fileName: 'a.pdf', bytes: new Uint8Array([1, 2]) })],
      ['Les preuves de eci_1.1', () => core.preuves.detach({ preuveId: preuve.id, nodeId: 'eci_1.1' })],
      ['Les preuves de eci_2.1', () => core.preuves.attach({ preuveId: preuve.id, referentialId: 'eci', nodeId: 'eci_2.1' })],
      [`La preuve « ${preuve.id} »`, () => core.preuves.update({ preuveId: preuve.id, titre: 'Autre' })],
      ["L'identité de la collectivité", () => core.personnalisation.setIdentite({ population: 12000 })],
    ];
    for (const [what, write] of writes) {
      const err = refusal(write);
      expect(err.code).toBe('AUDIT_OUVERT');
      expect(err.message).toBe(
        `L'audit est ouvert : le référentiel eci (cycle 1) est en cours d'audit par Claire Auditrice depuis le 01/03/2026. ${what} ne peut être modifié que par l'auditeur, dans l'écran « Audit », jusqu'à la clôture de l'audit.`,
      );
    }
    expect(snapshotTables(ctx)).toEqual(before);
  });

  it('leaves another referential free, and lifts the lock at the closing', () => {
    core.referentials.store(toyGrid('label-nr', 'points'));
    openAudit();
    expect(core.statuts.set({ referentialId: 'label-nr', nodeId: 'label-nr_1.1', statut: 'fait' }).changed).toBe(true);
    core.audit.clore('eci');
    expect(core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.2', statut: 'fait' }).changed).toBe(true);
  });

  it('accepts the auditor’s statut and explication changes, recorded under the auditor’s name', () => {
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait' });
    openAudit('Claire Auditrice');
    const out = core.audit.setStatut({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'programme' });
    expect(out.changed).toBe(true);
    expect(out.score.nodes['eci_1']!.pointProgramme).toBe(10);
    core.audit.setExplication('eci', 'eci_1.1', "Délibération non encore votée (constat de l'auditeur)");
    const row = core.statuts.list('eci').find((s) => s.nodeId === 'eci_1.1')!;
    expect(row).toMatchObject({ statut: 'programme', modifiedBy: 'Claire Auditrice', explication: "Délibération non encore votée (constat de l'auditeur)" });
    const events = core.history.list({ nodeId: 'eci_1.1' });
    expect(events.slice(0, 2).map((e) => [e.action, e.who])).toEqual([
      ['statut.explication', 'Claire Auditrice'],
      ['statut.set', 'Claire Auditrice'],
    ]);
    // The référent's own context is unchanged.
    expect(ctx.user).toBe('Alice Testeuse');
  });

  it('refuses the auditor’s statut change when no audit is open', () => {
    expect(refusal(() => core.audit.setStatut({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait' }))).toEqual({
      code: 'AUDIT_ETAPE',
      message: "L'auditeur ne modifie un statut que pendant l'audit : le cycle 1 du référentiel eci est « en préparation » (possible quand il est « audit ouvert »).",
    });
  });

  it('still checks the auditor’s statut like any other (a computed node is refused)', () => {
    openAudit();
    expect(refusal(() => core.audit.setStatut({ referentialId: 'eci', nodeId: 'eci_1', statut: 'fait' })).code).toBe('STATUT_INVALID');
  });
});

describe("the auditor's workspace", () => {
  it('records états and notes under the auditor’s name, flags the ordre du jour, and groups the agenda by axe', () => {
    core.audit.demander('eci');
    core.audit.setOrdreDuJour('eci', 'eci_2', true);
    core.audit.addNote('eci', 'eci_2', 'À voir en séance : la délibération de 2025');
    core.audit.ouvrir('eci', 'Claire Auditrice');
    core.audit.setOrdreDuJour('eci', 'eci_1', true);
    core.audit.setEtat('eci', 'eci_1', 'en_cours');
    const m = core.audit.setEtat('eci', 'eci_1', 'audite');
    expect(m).toMatchObject({ nodeId: 'eci_1', etat: 'audite', ordreDuJour: true, axeId: 'eci_1' });
    const note = core.audit.addNote('eci', 'eci_1', '  Preuve conforme.  ');
    expect(note).toMatchObject({ nodeId: 'eci_1', texte: 'Preuve conforme.', auteur: 'Claire Auditrice' });
    const espace = core.audit.espace('eci');
    expect(espace.mesures.map((x) => [x.nodeId, x.etat, x.ordreDuJour, x.notes.map((n) => `${n.auteur}: ${n.texte}`)])).toEqual([
      ['eci_1', 'audite', true, ['Claire Auditrice: Preuve conforme.']],
      ['eci_2', 'non_audite', true, ['Alice Testeuse: À voir en séance : la délibération de 2025']],
    ]);
    const agenda = core.audit.ordreDuJour('eci');
    expect(agenda.axes.map((a) => [a.axeId, a.mesures.map((x) => x.nodeId)])).toEqual([
      ['eci_1', ['eci_1']],
      ['eci_2', ['eci_2']],
    ]);
    expect(core.history.list({ action: 'audit.etat' }).map((e) => [e.who, e.before, e.after])).toEqual([
      ['Claire Auditrice', 'en_cours', 'audite'],
      ['Claire Auditrice', 'non_audite', 'en_cours'],
    ]);
  });

  it('the same état or flag again records nothing', () => {
    openAudit();
    core.audit.setEtat('eci', 'eci_1', 'en_cours');
    const n = core.history.list().length;
    core.audit.setEtat('eci', 'eci_1', 'en_cours');
    core.audit.setOrdreDuJour('eci', 'eci_2', false);
    expect(core.history.list()).toHaveLength(n);
  });

  it.each([
    ['a sous-action', () => core.audit.setEtat('eci', 'eci_2.1', 'audite'), "Le nœud eci_2.1 n'est pas une mesure : l'état d'audit, les notes et l'ordre du jour se tiennent par mesure (sa mesure : eci_2)."],
    ['the root', () => core.audit.addNote('eci', 'eci', 'x'), "Le nœud eci n'est pas une mesure : l'état d'audit, les notes et l'ordre du jour se tiennent par mesure."],
    ['an empty note', () => core.audit.addNote('eci', 'eci_1', '   '), 'La note sur eci_1 est vide.'],
    ['a note over 10 000 characters', () => core.audit.addNote('eci', 'eci_1', 'a'.repeat(10_001)), 'La note sur eci_1 dépasse 10\u202f000 caractères (10001).'],
    ['an unknown état', () => core.audit.setEtat('eci', 'eci_1', 'fini' as never), "État d'audit « fini » inconnu pour eci_1 (non_audite, en_cours, audite)."],
  ])('refuses %s with a French message naming the node (INPUT_INVALID)', (_name, fn, message) => {
    openAudit();
    const before = snapshotTables(ctx);
    expect(refusal(fn)).toEqual({ code: 'INPUT_INVALID', message });
    expect(snapshotTables(ctx)).toEqual(before);
  });

  it('refuses an unknown node (NODE_UNKNOWN)', () => {
    openAudit();
    expect(refusal(() => core.audit.setEtat('eci', 'eci_9', 'audite')).code).toBe('NODE_UNKNOWN');
  });

  it('refuses the workspace out of its steps: no état before the opening, no note in préparation nor after the decision', () => {
    expect(refusal(() => core.audit.addNote('eci', 'eci_1', 'x')).message).toBe(
      "Une note d'audit sur eci_1 s'écrit entre la demande et la décision : le cycle 1 du référentiel eci est « en préparation » (possible quand il est « audit demandé » ou « audit ouvert » ou « audit clos »).",
    );
    core.audit.demander('eci');
    expect(refusal(() => core.audit.setEtat('eci', 'eci_1', 'audite')).code).toBe('AUDIT_ETAPE');
    core.audit.ouvrir('eci', 'Claire');
    core.audit.clore('eci');
    expect(refusal(() => core.audit.setOrdreDuJour('eci', 'eci_1', true)).code).toBe('AUDIT_ETAPE');
    core.audit.decider('eci', { niveau: null, date: '2026-03-01' });
    expect(refusal(() => core.audit.addNote('eci', 'eci_1', 'x')).code).toBe('AUDIT_ETAPE');
  });

  it('for a grid (Label NR), the critères are the mesures', () => {
    core.referentials.store(toyGrid('label-nr', 'points'));
    core.audit.demander('label-nr');
    expect(core.audit.espace('label-nr').mesures.map((m) => [m.nodeId, m.axeId])).toEqual([
      ['label-nr_1.1', 'label-nr_1'],
      ['label-nr_1.2', 'label-nr_1'],
      ['label-nr_2.1', 'label-nr_2'],
      ['label-nr_2.2', 'label-nr_2'],
    ]);
  });
});

describe('the report and the decision', () => {
  it('attaches the report once the audit is open (bytes in the evidence store), and refuses it before', () => {
    core.audit.demander('eci');
    expect(refusal(() => core.audit.attachRapport('eci', { fileName: 'rapport.pdf', bytes: new Uint8Array([1]) })).message).toBe(
      "Le rapport d'audit se joint une fois l'audit ouvert : le cycle 1 du référentiel eci est « audit demandé ».",
    );
    core.audit.ouvrir('eci', 'Claire');
    expect(refusal(() => core.audit.attachRapport('eci', { fileName: 'vide.pdf', bytes: new Uint8Array() }))).toEqual({ code: 'PREUVE_INVALID', message: 'Le rapport « vide.pdf » est vide (0 octet).' });
    const cycle = core.audit.attachRapport('eci', { fileName: 'rapport-audit.pdf', bytes: new TextEncoder().encode('%PDF-1.4 rapport') });
    expect(cycle.rapport).toMatchObject({ fileName: 'rapport-audit.pdf', size: 16, mimeType: 'application/pdf', addedBy: 'Claire' });
    expect(core.evidence.has(cycle.rapport!.sha256)).toBe(true);
    expect(core.audit.rapport('eci').path).toBe(core.evidence.pathOf(cycle.rapport!.sha256));
  });

  it('refuses a niveau the referential does not have, a bad date, a date before the closing', () => {
    openAudit();
    core.audit.clore('eci');
    const before = snapshotTables(ctx);
    expect(refusal(() => core.audit.decider('eci', { niveau: 5, date: '2026-04-01' }))).toEqual({
      code: 'INPUT_INVALID',
      message: "Le niveau 5 n'existe pas pour le référentiel eci : niveaux possibles 1 (1 étoile), 2 (2 étoiles), ou aucun (non labellisé).",
    });
    expect(refusal(() => core.audit.decider('eci', { niveau: 1, date: '2026-02-30' })).message).toBe("La date de décision « 2026-02-30 » n'est pas une date valide (AAAA-MM-JJ).");
    expect(refusal(() => core.audit.decider('eci', { niveau: 1, date: '2026-02-28' })).message).toBe("La date de décision (2026-02-28) précède la clôture de l'audit (2026-03-01).");
    expect(refusal(() => core.audit.decider('eci', { niveau: 1, date: '2026-03-02', commentaire: 'x'.repeat(5001) })).message).toBe(
      'Le commentaire de la décision dépasse 5 000 caractères (5001).',
    );
    expect(snapshotTables(ctx)).toEqual(before);
  });

  it('a refusal (non labellisé) is a decision too', () => {
    openAudit();
    core.audit.clore('eci');
    expect(core.audit.decider('eci', { niveau: null, date: '2026-03-10' }).decision).toMatchObject({ niveau: null, nom: 'Non labellisé', finValidite: '2030-03-09' });
  });

  it('validity: 4 years for TETE (bundled file, and te), the grid’s validiteAnnees for Label NR, none when the file gives none', () => {
    const nr = toyGrid('label-nr', 'points');
    nr.nodes[0] = { ...nr.nodes[0]!, meta: { validiteAnnees: '3' } };
    core.referentials.store(nr);
    core.referentials.store(toyTete('te'));
    core.referentials.store({ ...toyGrid('autre', 'points'), niveaux: [{ rang: 1, nom: 'Niveau 1', seuil: 0.3 }] });
    const decide = (id: string, niveau: number) => {
      core.audit.demander(id);
      core.audit.ouvrir(id, 'Claire');
      core.audit.clore(id);
      return core.audit.decider(id, { niveau, date: '2026-06-30' }).decision!;
    };
    expect(decide('eci', 1)).toMatchObject({ validiteAnnees: 4, finValidite: '2030-06-29' });
    expect(decide('te', 1)).toMatchObject({ validiteAnnees: 4, finValidite: '2030-06-29' });
    expect(decide('label-nr', 2)).toMatchObject({ nom: 'Niveau 2', validiteAnnees: 3, finValidite: '2029-06-29' });
    expect(decide('autre', 1)).toMatchObject({ validiteAnnees: null, finValidite: null });
  });

  it.each([
    ['2026-04-15', 4, '2030-04-14'],
    ['2026-01-01', 3, '2028-12-31'],
    ['2028-02-29', 4, '2032-02-28'],
    ['2028-02-29', 3, '2031-02-28'],
    ['2027-03-01', 1, '2028-02-29'],
  ])('finValidite(%s, %i) = %s', (date, annees, fin) => {
    expect(finValidite(date, annees)).toBe(fin);
  });

  it('a new cycle keeps the previous one readable: its notes, états and decision', () => {
    openAudit();
    core.audit.setEtat('eci', 'eci_1', 'audite');
    core.audit.addNote('eci', 'eci_1', 'Conforme');
    core.audit.clore('eci');
    core.audit.decider('eci', { niveau: 1, date: '2026-03-05' });
    core.audit.nouveauCycle('eci');
    expect(core.audit.espace('eci').mesures[0]).toMatchObject({ etat: 'non_audite', notes: [] });
    const first = core.audit.espace('eci', 1);
    expect(first.cycle.decision).toMatchObject({ niveau: 1, date: '2026-03-05' });
    expect(first.mesures[0]).toMatchObject({ etat: 'audite', notes: [expect.objectContaining({ texte: 'Conforme', auteur: 'Claire Auditrice' })] });
    expect(refusal(() => core.audit.espace('eci', 7))).toEqual({ code: 'NOT_FOUND', message: "Le référentiel eci n'a pas de cycle d'audit n° 7 (cycles : 1, 2)." });
    // The second cycle can run to its own decision.
    core.audit.demander('eci');
    expect(core.audit.cycles('eci').map((c) => [c.numero, c.etape])).toEqual([
      [1, 'decision'],
      [2, 'demande'],
    ]);
  });
});

describe('history timeline filters', () => {
  beforeEach(() => {
    core.referentials.store(toyTete('cae'));
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait' });
    core.nodes.setEcheance({ referentialId: 'eci', nodeId: 'eci_1', echeance: '2026-12-31' });
    openAudit('Claire Auditrice');
    core.audit.setStatut({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'pas_fait' });
    core.statuts.set({ referentialId: 'cae', nodeId: 'cae_1.2', statut: 'programme' });
  });

  it('by author, action or family, referential, node', () => {
    expect(core.history.list({ who: 'Claire Auditrice' }).map((e) => [e.action, e.nodeId])).toEqual([['statut.set', 'eci_1.1']]);
    expect(core.history.list({ action: 'statut.set' }).map((e) => [e.who, e.nodeId])).toEqual([
      ['Alice Testeuse', 'cae_1.2'],
      ['Claire Auditrice', 'eci_1.1'],
      ['Alice Testeuse', 'eci_1.1'],
    ]);
    expect(core.history.list({ action: 'node' }).map((e) => e.action)).toEqual(['node.echeance']);
    // A family is a whole word: « stat » matches nothing.
    expect(core.history.list({ action: 'stat' })).toEqual([]);
    expect(core.history.list({ referentialId: 'eci', nodeId: 'eci_1.1', who: 'Alice Testeuse' }).map((e) => (e.after as { statut: string }).statut)).toEqual(['fait']);
    expect(core.history.authors()).toEqual(['Alice Testeuse', 'Claire Auditrice']);
  });

  it('by date range, inclusive, on the day of the event', () => {
    // Every event of the fixture is on 2026-03-01 (the fixed clock).
    expect(core.history.list({ from: '2026-03-01', to: '2026-03-01' }).length).toBe(core.history.list().length);
    expect(core.history.list({ from: '2026-03-02' })).toEqual([]);
    expect(core.history.list({ to: '2026-02-28' })).toEqual([]);
  });

  it.each([
    [{ from: '2026-13-01' }, "La date de début du filtre de l'historique « 2026-13-01 » n'est pas une date valide (AAAA-MM-JJ)."],
    [{ to: '1er mars' }, "La date de fin du filtre de l'historique « 1er mars » n'est pas une date valide (AAAA-MM-JJ)."],
    [{ from: '2026-03-05', to: '2026-03-01' }, "Le filtre de l'historique commence le 2026-03-05, après sa fin le 2026-03-01."],
  ])('refuses the bad range %j (INPUT_INVALID)', (q, message) => {
    expect(refusal(() => core.history.list(q))).toEqual({ code: 'INPUT_INVALID', message });
  });
});
