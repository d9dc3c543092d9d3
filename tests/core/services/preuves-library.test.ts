/**
 * Preuves as a library (preuves-library.ts): attach an existing preuve across nodes and referentials, revisions,
 * metadata, coverage of preuves attendues, « À compléter », and every refusal leaving the store unchanged.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import type { ServiceContext } from '../../../electron/core/services/context';
import { packInput } from '../../../electron/core/services/pack';
import { readZip } from '../pack/zip-read';
import { memoryCore, snapshotTables, toyGrid, toyTete } from '../helpers/context';

let core: Core;
let ctx: ServiceContext;
let cleanup: () => void;
beforeEach(() => {
  ({ core, ctx, cleanup } = memoryCore());
  core.referentials.store(toyTete());
  core.referentials.store(toyGrid('label-nr', 'points'));
});
afterEach(() => cleanup());

const enc = (s: string) => new TextEncoder().encode(s);
const v1 = enc('Inventaire 2025\n');
const v2 = enc('Inventaire 2026, mis à jour\n');

describe('preuves library', () => {
  it('attaches one preuve to two criteria of two referentials; detaching one keeps the preuve and the other', () => {
    const p = core.preuves.addFile({ referentialId: 'eci', nodeId: 'eci_1.1', fileName: 'inventaire.txt', bytes: v1, titre: 'Inventaire du parc' });
    const a = core.preuves.attach({ preuveId: p.id, referentialId: 'label-nr', nodeId: 'label-nr_2.1' });
    expect(a.rattachements).toEqual([
      { referentialId: 'eci', nodeId: 'eci_1.1' },
      { referentialId: 'label-nr', nodeId: 'label-nr_2.1' },
    ]);
    expect(core.history.list()[0]).toMatchObject({ action: 'preuve.attach', referentialId: 'label-nr', nodeId: 'label-nr_2.1' });
    expect(core.preuves.list('label-nr').map((x) => x.id)).toEqual([p.id]);
    // Attaching again changes nothing and records nothing.
    const events = core.history.list().length;
    expect(core.preuves.attach({ preuveId: p.id, referentialId: 'label-nr', nodeId: 'label-nr_2.1' }).rattachements).toHaveLength(2);
    expect(core.history.list()).toHaveLength(events);
    core.preuves.detach({ preuveId: p.id, nodeId: 'eci_1.1' });
    expect(core.preuves.list('eci')).toEqual([]);
    expect(core.preuves.library().map((x) => [x.id, x.nodeIds])).toEqual([[p.id, ['label-nr_2.1']]]);
  });

  it('a detached preuve stays in the library with no attachment', () => {
    const l = core.preuves.addLink({ referentialId: 'eci', nodeId: 'eci_1.2', url: 'https://example.fr/plan', titre: 'Plan climat' });
    core.preuves.detach({ preuveId: l.id, nodeId: 'eci_1.2' });
    expect(core.preuves.library()).toMatchObject([{ id: l.id, titre: 'Plan climat', rattachements: [] }]);
  });

  it('a new revision keeps the earlier one (date, author, size, hash); the preuve shows and the pack takes the latest', () => {
    const p = core.preuves.addFile({ referentialId: 'eci', nodeId: 'eci_1.1', fileName: 'inventaire.txt', bytes: v1 });
    ctx.user = 'Bruno Relecteur';
    const r = core.preuves.addRevision({ preuveId: p.id, fileName: 'inventaire-2026.txt', bytes: v2 });
    expect(r).toMatchObject({ id: p.id, revision: 2, fileName: 'inventaire-2026.txt', size: v2.byteLength, titre: 'inventaire.txt', addedBy: 'Alice Testeuse' });
    const revs = core.preuves.revisions(p.id);
    expect(revs.map((x) => [x.numero, x.fileName, x.size, x.addedBy])).toEqual([
      [2, 'inventaire-2026.txt', v2.byteLength, 'Bruno Relecteur'],
      [1, 'inventaire.txt', v1.byteLength, 'Alice Testeuse'],
    ]);
    expect(revs[0]!.addedAt > revs[1]!.addedAt).toBe(true);
    // Both versions' bytes stay in the store, so a jalon can pin either by hash.
    expect(readFileSync(ctx.evidence.pathOf(revs[1]!.sha256), 'utf8')).toBe('Inventaire 2025\n');
    expect(readFileSync(ctx.evidence.pathOf(revs[0]!.sha256), 'utf8')).toBe('Inventaire 2026, mis à jour\n');
    expect(packInput(ctx, 'eci').preuves.map((x) => [x.fileName, x.sha256])).toEqual([['inventaire-2026.txt', revs[0]!.sha256]]);
    expect(core.history.list()[0]).toMatchObject({ action: 'preuve.revision', who: 'Bruno Relecteur', before: { revision: 1 }, after: { revision: 2 } });
  });

  it('refuses a revision of a link, of an unknown preuve, or with the same bytes; nothing stored changes', () => {
    const p = core.preuves.addFile({ referentialId: 'eci', nodeId: 'eci_1.1', fileName: 'inventaire.txt', bytes: v1 });
    const l = core.preuves.addLink({ referentialId: 'eci', nodeId: 'eci_1.2', url: 'https://example.fr/plan', titre: 'Plan climat' });
    const before = snapshotTables(ctx);
    expect(() => core.preuves.addRevision({ preuveId: l.id, fileName: 'a.txt', bytes: v2 })).toThrow(
      expect.objectContaining({ code: 'PREUVE_INVALID', message: 'La preuve « Plan climat » est un lien : seule une preuve de type fichier a des versions.' }),
    );
    expect(() => core.preuves.addRevision({ preuveId: 'inconnue', fileName: 'a.txt', bytes: v2 })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND', message: "La preuve « inconnue » n'existe pas." }),
    );
    expect(() => core.preuves.addRevision({ preuveId: p.id, fileName: 'copie.txt', bytes: v1 })).toThrow(
      expect.objectContaining({
        code: 'PREUVE_INVALID',
        message: "« copie.txt » est identique à la version actuelle de la preuve « inventaire.txt » (mêmes octets) : aucune nouvelle version n'a été enregistrée.",
      }),
    );
    expect(() => core.preuves.addRevision({ preuveId: p.id, fileName: '..', bytes: v2 })).toThrow(/Nom de fichier de preuve invalide/);
    expect(snapshotTables(ctx)).toEqual(before);
  });

  it('updates titre, date of the document, owner and confidentiel, with one history event; no change, no event', () => {
    const owner = core.people.create({ nom: 'Claire Dupont' });
    const p = core.preuves.addFile({ referentialId: 'eci', nodeId: 'eci_1.1', fileName: 'inventaire.txt', bytes: v1 });
    const u = core.preuves.update({ preuveId: p.id, titre: '  Inventaire du parc ', dateDocument: '2026-02-28', proprietaireId: owner.id, confidentiel: true });
    expect(u).toMatchObject({ titre: 'Inventaire du parc', dateDocument: '2026-02-28', proprietaireId: owner.id, proprietaire: 'Claire Dupont', confidentiel: true });
    expect(core.history.list()[0]).toMatchObject({ action: 'preuve.update', before: { confidentiel: false }, after: { confidentiel: true } });
    const n = core.history.list().length;
    core.preuves.update({ preuveId: p.id, confidentiel: true, titre: 'Inventaire du parc' });
    expect(core.history.list()).toHaveLength(n);
    expect(core.preuves.update({ preuveId: p.id, dateDocument: null, proprietaireId: null })).toMatchObject({ dateDocument: null, proprietaire: null, confidentiel: true });
  });

  it('refuses bad metadata, naming the preuve and the field; nothing stored changes', () => {
    const p = core.preuves.addFile({ referentialId: 'eci', nodeId: 'eci_1.1', fileName: 'inventaire.txt', bytes: v1 });
    const before = snapshotTables(ctx);
    const refused = (patch: object, message: string, field: string) =>
      expect(() => core.preuves.update({ preuveId: p.id, ...patch })).toThrow(expect.objectContaining({ code: 'PREUVE_INVALID', message, location: expect.objectContaining({ field }) }));
    refused({ titre: '   ' }, 'Le titre de la preuve « inventaire.txt » ne peut pas être vide.', 'titre');
    refused({ titre: 'x'.repeat(301) }, `Le titre « ${'x'.repeat(40)}… » dépasse 300 caractères.`, 'titre');
    refused({ dateDocument: '2026-02-30' }, 'Date du document invalide pour « inventaire.txt » : « 2026-02-30 » (attendu AAAA-MM-JJ, par exemple 2026-03-12).', 'dateDocument');
    refused({ dateDocument: '12/03/2026' }, 'Date du document invalide pour « inventaire.txt » : « 12/03/2026 » (attendu AAAA-MM-JJ, par exemple 2026-03-12).', 'dateDocument');
    // The test clock is 2026-03-01.
    refused({ dateDocument: '2027-01-01' }, "La date du document « inventaire.txt » (2027-01-01) est postérieure à aujourd'hui (2026-03-01).", 'dateDocument');
    refused({ proprietaireId: 'personne-x' }, "La personne « personne-x » n'existe pas : choisissez le propriétaire de « inventaire.txt » dans la liste des personnes.", 'proprietaireId');
    expect(() => core.preuves.update({ preuveId: 'absente', confidentiel: true })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(snapshotTables(ctx)).toEqual(before);
  });

  it('marks a preuve as answering a preuve attendue of its node, at upload or later; unmarks it', () => {
    // toyTete: « Délibération » is expected on eci_1.1 and eci_2.1.
    const up = core.preuves.addFile({ referentialId: 'eci', nodeId: 'eci_1.1', fileName: 'delib.pdf', bytes: v1, preuveAttendueId: 'deliberation' });
    expect(up).toMatchObject({ titre: 'Délibération', couvertures: [{ referentialId: 'eci', preuveAttendueId: 'deliberation' }] });
    const l = core.preuves.addLink({ referentialId: 'eci', nodeId: 'eci_2.1', url: 'https://example.fr/d', titre: 'Compte rendu' });
    expect(l.couvertures).toEqual([]);
    expect(core.preuves.setCouverture({ preuveId: l.id, referentialId: 'eci', preuveAttendueId: 'deliberation', couvre: true }).couvertures).toEqual([
      { referentialId: 'eci', preuveAttendueId: 'deliberation' },
    ]);
    expect(core.history.list()[0]).toMatchObject({ action: 'preuve.couverture', nodeId: 'eci_2.1', after: { couvre: true, preuveAttendue: { nom: 'Délibération' } } });
    expect(core.preuves.setCouverture({ preuveId: l.id, referentialId: 'eci', preuveAttendueId: 'deliberation', couvre: false }).couvertures).toEqual([]);
    // Attaching from the library to a node that expects it can mark it too.
    const other = core.preuves.addLink({ referentialId: 'eci', nodeId: 'eci_1.2', url: 'https://example.fr/e', titre: 'Extrait' });
    expect(core.preuves.attach({ preuveId: other.id, referentialId: 'eci', nodeId: 'eci_2.1', preuveAttendueId: 'deliberation' }).couvertures).toHaveLength(1);
  });

  it('refuses coverage of an unknown preuve attendue, one not expected on the node, or by a preuve attached elsewhere; nothing stored changes', () => {
    const l = core.preuves.addLink({ referentialId: 'eci', nodeId: 'eci_1.2', url: 'https://example.fr/d', titre: 'Compte rendu' });
    const before = snapshotTables(ctx);
    expect(() => core.preuves.setCouverture({ preuveId: l.id, referentialId: 'eci', preuveAttendueId: 'deliberation', couvre: true })).toThrow(
      expect.objectContaining({
        code: 'PREUVE_INVALID',
        message: "La preuve « Compte rendu » n'est rattachée à aucun critère où « Délibération » est attendue (1.1, 2.1) : rattachez-la d'abord.",
      }),
    );
    expect(() => core.preuves.setCouverture({ preuveId: l.id, referentialId: 'eci', preuveAttendueId: 'pcaet', couvre: true })).toThrow(
      "La preuve attendue « pcaet » n'existe pas dans le référentiel Référentiel jouet.",
    );
    expect(() => core.preuves.addLink({ referentialId: 'eci', nodeId: 'eci_1.2', url: 'https://example.fr/x', preuveAttendueId: 'deliberation' })).toThrow(
      "La preuve attendue « Délibération » n'est pas attendue sur 1.2 : elle l'est sur eci_1.1, eci_2.1.",
    );
    expect(() => core.preuves.addFile({ referentialId: 'eci', nodeId: 'eci_1.1', fileName: 'a.txt', bytes: v2, preuveAttendueId: 'pcaet' })).toThrow(/« pcaet » n'existe pas/);
    expect(() => core.preuves.attach({ preuveId: l.id, referentialId: 'eci', nodeId: 'eci_9' })).toThrow(expect.objectContaining({ code: 'NODE_UNKNOWN' }));
    expect(() => core.preuves.attach({ preuveId: 'absente', referentialId: 'eci', nodeId: 'eci_1.1' })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => core.preuves.attach({ preuveId: l.id, referentialId: 'absent', nodeId: 'eci_1.1' })).toThrow(expect.objectContaining({ code: 'REFERENTIAL_UNKNOWN' }));
    expect(snapshotTables(ctx)).toEqual(before);
  });

  it('« À compléter »: fait / programmé / conforme criteria without a preuve on them, their mesure or below; links not http(s)', () => {
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait' });
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.2', statut: 'programme' });
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_2.2', statut: 'pas_fait' });
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_2.1.1', statut: 'fait' });
    core.statuts.set({ referentialId: 'label-nr', nodeId: 'label-nr_1.1', statut: 'fait' });
    const ids = (r?: string) => core.preuves.aCompleter(r).criteresSansPreuve.map((c) => `${c.nodeId}:${c.statut}`);
    expect(ids()).toEqual(['eci_1.1:fait', 'eci_1.2:programme', 'eci_2.1.1:fait', 'label-nr_1.1:fait']);
    // A preuve on the mesure eci_2 covers its tâche; one on the tâche eci_2.1.1 would cover its ancestors as well.
    core.preuves.addLink({ referentialId: 'eci', nodeId: 'eci_2', url: 'https://example.fr/m', titre: 'Mesure 2' });
    core.preuves.addLink({ referentialId: 'eci', nodeId: 'eci_1.1', url: 'https://example.fr/a', titre: 'A' });
    // The root's preuves are candidature documents: they cover nothing.
    core.preuves.addLink({ referentialId: 'label-nr', nodeId: 'label-nr', url: 'https://example.fr/c', titre: 'Candidature' });
    expect(ids('eci')).toEqual(['eci_1.2:programme']);
    expect(ids()).toEqual(['eci_1.2:programme', 'label-nr_1.1:fait']);
    expect(core.preuves.aCompleter('eci').criteresSansPreuve[0]).toEqual({ referentialId: 'eci', referentialNom: 'Référentiel jouet', nodeId: 'eci_1.2', identifiant: '1.2', nom: 'Nœud 1.2', statut: 'programme' });

    // A link that is not http(s) can only come from older data: written here as such a workspace holds it.
    ctx.db.prepare("INSERT INTO preuve (id, kind, titre, url, added_at, added_by) VALUES ('old', 'lien', 'Dossier partagé', 'file://serveur/partage/pcaet', '2025-01-01', 'X')").run();
    ctx.db.prepare("INSERT INTO preuve_node (preuve_id, referential_id, node_id) VALUES ('old', 'eci', 'eci_1.2')").run();
    expect(core.preuves.aCompleter().liensInvalides).toEqual([
      { preuveId: 'old', titre: 'Dossier partagé', url: 'file://serveur/partage/pcaet', rattachements: [{ referentialId: 'eci', nodeId: 'eci_1.2' }] },
    ]);
    expect(core.preuves.aCompleter('label-nr').liensInvalides).toEqual([]);
    expect(() => core.preuves.aCompleter('absent')).toThrow(expect.objectContaining({ code: 'REFERENTIAL_UNKNOWN' }));
  });

  it('the pack leaves a confidentiel preuve out and lists it as retenue, unless includeConfidentiel', () => {
    const p = core.preuves.addFile({ referentialId: 'eci', nodeId: 'eci_2.1.1', fileName: 'budget: détail.txt', bytes: v1, titre: 'Budget détaillé' });
    core.preuves.addLink({ referentialId: 'eci', nodeId: 'eci_1.1', url: 'https://example.fr/a', titre: 'Publique' });
    core.preuves.update({ preuveId: p.id, confidentiel: true });
    const out = packInput(ctx, 'eci');
    expect(out.preuves.map((x) => x.titre)).toEqual(['Publique']);
    expect(out.retenues).toEqual([
      'preuves/2 Nœud 2/budget_ détail.txt — preuve confidentielle retenue (fichier « Budget détaillé ») : non incluse dans le pack à la demande de la collectivité',
    ]);
    const all = packInput(ctx, 'eci', { includeConfidentiel: true });
    expect(all.preuves.map((x) => x.titre)).toEqual(['Budget détaillé', 'Publique']);
    expect(all.retenues).toEqual([]);
  });

  it('the exported zip holds no byte of a confidentiel preuve and lists it in _manifeste/fichiers-manquants.txt; missing stays 0', async () => {
    const secret = enc('Données salariales\n');
    const p = core.preuves.addFile({ referentialId: 'eci', nodeId: 'eci_1.1', fileName: 'salaires.txt', bytes: secret, titre: 'Salaires' });
    core.preuves.attach({ preuveId: p.id, referentialId: 'eci', nodeId: 'eci_2.1' });
    core.preuves.addFile({ referentialId: 'eci', nodeId: 'eci_1.1', fileName: 'public.txt', bytes: v1 });
    core.preuves.update({ preuveId: p.id, confidentiel: true });
    const res = await core.pack.export('eci');
    expect(res.missing).toBe(0);
    const zip = await readZip(res.path);
    expect(zip.some((e) => e.data.equals(Buffer.from(secret)))).toBe(false);
    expect(zip.map((e) => e.name).filter((n) => n.startsWith('preuves/'))).toEqual(['preuves/1 Nœud 1/public.txt']);
    expect(zip.find((e) => e.name === '_manifeste/fichiers-manquants.txt')!.data.toString('utf8')).toBe(
      [
        'preuves/1 Nœud 1/salaires.txt — preuve confidentielle retenue (fichier « Salaires ») : non incluse dans le pack à la demande de la collectivité',
        'preuves/2 Nœud 2/salaires.txt — preuve confidentielle retenue (fichier « Salaires ») : non incluse dans le pack à la demande de la collectivité',
        '',
      ].join('\n'),
    );
    expect((await core.pack.verify(res.path)).ok).toBe(true);
    const included = await core.pack.export('eci', { includeConfidentiel: true });
    const names = (await readZip(included.path)).map((e) => e.name);
    expect(names).toContain('preuves/1 Nœud 1/salaires.txt');
  });
});
