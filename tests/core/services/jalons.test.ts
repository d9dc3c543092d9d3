/**
 * Jalons (issue 6 item 1): a jalon never changes after it is taken. Later statut, explication, pilote, preuve (new
 * revision, detached, row deleted), identité and referential (re-import with changed points) changes leave its
 * scores, its state and its pack byte-identical; SQL refuses to alter its rows; the referential is stored once per
 * content hash. Bad inputs: empty / too long name, unknown kind, unknown jalon, referential not in the jalon.
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import type { ServiceContext } from '../../../electron/core/services/context';
import { etatCourant } from '../../../electron/core/services/etat';
import { canonicalJson, jalonEtat } from '../../../electron/core/services/jalons';
import { memoryCore, toyTete } from '../helpers/context';
import { entryMap } from '../pack/zip-read';

let core: Core;
let ctx: ServiceContext;
let cleanup: () => void;
let fileId = '';
beforeEach(() => {
  ({ core, ctx, cleanup } = memoryCore());
  core.referentials.store(toyTete());
  const dsi = core.services.create({ nom: 'DSI' });
  const claire = core.people.create({ nom: 'Claire Morel', serviceId: dsi.id });
  core.nodes.setPilotes({ referentialId: 'eci', nodeId: 'eci_1', personIds: [claire.id], serviceIds: [dsi.id] });
  core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait', explication: 'Délibération du 12 mars' });
  core.statuts.set({ referentialId: 'eci', nodeId: 'eci_2.1.1', statut: 'detaille', detail: [0.7, 0.2, 0.1] });
  fileId = core.preuves.addFile({ referentialId: 'eci', nodeId: 'eci_1.1', fileName: 'deliberation.txt', bytes: new TextEncoder().encode('Délibération v1') }).id;
  core.preuves.addLink({ referentialId: 'eci', nodeId: 'eci_2.1', url: 'https://example.org/plan' });
});
afterEach(() => cleanup());

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const frozen = (id: number) => canonicalJson(jalonEtat(ctx, id, 'eci'));

/** Exports the jalon's pack, returns its SHA-256 and removes the file (so a second export writes it again). */
async function packSha(id: number): Promise<string> {
  const r = await core.jalons.exportPack(id, 'eci');
  const h = sha(r.path);
  rmSync(r.path);
  return h;
}

/** Changes everything a jalon copies: statut, explication, pilotes, preuves, identité, the referential's points. */
function changeEverything(): void {
  core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.2', statut: 'programme' });
  core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'pas_fait', explication: 'Finalement non' });
  core.nodes.setPilotes({ referentialId: 'eci', nodeId: 'eci_1', personIds: [], serviceIds: [] });
  core.preuves.addRevision({ preuveId: fileId, fileName: 'deliberation-v2.txt', bytes: new TextEncoder().encode('Délibération v2, amendée') });
  const link = core.preuves.list('eci').find((p) => p.kind === 'lien')!;
  core.preuves.detach({ preuveId: link.id, nodeId: 'eci_2.1' });
  core.personnalisation.setIdentite({ population: 12_000 });
  const changed = toyTete();
  changed.version = 'toy-2';
  for (const n of changed.nodes) if (n.id === 'eci_1.1') n.pointReferentiel = 15;
  for (const n of changed.nodes) if (n.id === 'eci_1') n.pointReferentiel = 35;
  core.referentials.store(changed);
}

describe('takeJalon / listJalons / getJalon', () => {
  it('freezes the scores of each referential and returns its summary', () => {
    const j = core.jalons.take({ name: '  2026 - avant comité ', kind: 'manuel' });
    expect(j).toEqual({
      id: 1,
      nom: '2026 - avant comité',
      kind: 'manuel',
      at: j.at,
      who: 'Alice Testeuse',
      referentiels: [
        {
          referentialId: 'eci',
          nom: 'Référentiel jouet',
          version: 'toy-1',
          date: core.history.list()[0]!.at,
          score: (10 + 0.7 * 40) / 100,
          pointFait: 38,
          pointPotentiel: 100,
          completude: j.referentiels[0]!.completude,
          niveau: { rang: 2, nom: '2 étoiles', seuil: 0.35 },
          referentielSha256: j.referentiels[0]!.referentielSha256,
        },
      ],
    });
    expect(j.referentiels[0]!.referentielSha256).toMatch(/^[0-9a-f]{64}$/);
    const pre = core.jalons.take({ name: 'Pré-audit', kind: 'pre-audit', who: 'Auditeur ADEME' });
    expect(core.jalons.list().map((x) => [x.id, x.nom, x.kind, x.who])).toEqual([
      [1, '2026 - avant comité', 'manuel', 'Alice Testeuse'],
      [2, 'Pré-audit', 'pre-audit', 'Auditeur ADEME'],
    ]);
    expect(core.jalons.get(2)).toEqual(pre);
  });

  it('stores the state read back exactly as the live one was (scores, statuts, pilotes, preuve revisions)', () => {
    const live = canonicalJson(etatCourant(ctx, 'eci'));
    const j = core.jalons.take({ name: 'J', kind: 'manuel' });
    expect(frozen(j.id)).toBe(live);
    const etat = jalonEtat(ctx, j.id, 'eci');
    expect(etat.score).toEqual(core.scores.get('eci'));
    expect(etat.statuts.map((s) => [s.nodeId, s.statut, s.explication])).toEqual([
      ['eci_1.1', 'fait', 'Délibération du 12 mars'],
      ['eci_2.1.1', 'detaille', null],
    ]);
    expect(etat.pilotes).toEqual([{ nodeId: 'eci_1', personnes: ['Claire Morel'], services: ['DSI'], echeance: null }]);
    expect(etat.preuves.map((p) => [p.kind, p.revision, p.fileName, p.sha256, p.nodeIds])).toEqual([
      ['fichier', 1, 'deliberation.txt', createHash('sha256').update('Délibération v1').digest('hex'), ['eci_1.1']],
      ['lien', null, null, null, ['eci_2.1']],
    ]);
  });

  it('never changes after it is taken: state, scores and pack byte-identical after every kind of change', async () => {
    const j = core.jalons.take({ name: 'Pré-audit', kind: 'pre-audit' });
    const state = frozen(j.id);
    const summary = core.jalons.get(j.id);
    const pack = await packSha(j.id);
    changeEverything();
    // the live state did change…
    expect(core.scores.get('eci').root.pointFait).not.toBe(summary.referentiels[0]!.pointFait);
    expect(core.referentials.get('eci').version).toBe('toy-2');
    // …the jalon did not
    expect(frozen(j.id)).toBe(state);
    expect(core.jalons.get(j.id)).toEqual(summary);
    expect(await packSha(j.id)).toBe(pack);
    // a preuve row deleted behind the app's back (no foreign key from the jalon) changes nothing either
    ctx.db.pragma('foreign_keys = OFF');
    ctx.db.prepare('DELETE FROM preuve WHERE id = ?').run(fileId);
    ctx.db.pragma('foreign_keys = ON');
    expect(frozen(j.id)).toBe(state);
    expect(await packSha(j.id)).toBe(pack);
  });

  it("a jalon's pack is named and dated by the jalon, holds the frozen revision's bytes, and verifies", async () => {
    const j = core.jalons.take({ name: 'Pré-audit', kind: 'pre-audit' });
    core.preuves.addRevision({ preuveId: fileId, fileName: 'deliberation-v2.txt', bytes: new TextEncoder().encode('Délibération v2') });
    const r = await core.jalons.exportPack(j.id, 'eci');
    expect(j.at).toBe('2026-03-01T10:00:09.000Z');
    expect(r.fileName).toBe('commune-de-test-eci-jalon1-20260301-100009.zip');
    expect(r.missing).toBe(0);
    expect(await core.pack.verify(r.path)).toEqual({ ok: true, entries: r.entries, problems: [] });
    const entries = await entryMap(r.path);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as { jalon: unknown };
    expect(manifest.jalon).toEqual({ nom: 'Pré-audit', date: j.at });
    const evidence = [...entries.keys()].filter((k) => k.endsWith('.txt') && !k.startsWith('_'));
    expect(evidence.map((k) => entries.get(k)!.toString('utf8'))).toEqual(['Délibération v1']);
  });

  it('stores a referential once per content: 10 jalons of the same tree share one copy; a changed tree adds one', () => {
    for (let i = 1; i <= 10; i++) core.jalons.take({ name: `J${i}`, kind: 'manuel' });
    const count = () => (ctx.db.prepare('SELECT COUNT(*) AS n FROM jalon_referentiel_contenu').get() as { n: number }).n;
    expect(count()).toBe(1);
    changeEverything();
    const after = core.jalons.take({ name: 'Après', kind: 'manuel' });
    expect(count()).toBe(2);
    expect(after.referentiels[0]!.referentielSha256).not.toBe(core.jalons.get(1).referentiels[0]!.referentielSha256);
    expect(jalonEtat(ctx, 1, 'eci').referential.nodes.find((n) => n.id === 'eci_1.1')!.pointReferentiel).toBe(10);
    expect(jalonEtat(ctx, after.id, 'eci').referential.nodes.find((n) => n.id === 'eci_1.1')!.pointReferentiel).toBe(15);
  });

  it('a workspace without referential has nothing to freeze: INPUT_INVALID, nothing written', () => {
    const empty = memoryCore();
    try {
      expect(() => empty.core.jalons.take({ name: 'J', kind: 'manuel' })).toThrow(
        expect.objectContaining({ code: 'INPUT_INVALID', message: "Aucun référentiel n'est chargé dans cet espace de travail : importez-en un avant de prendre un jalon." }),
      );
      expect(empty.core.jalons.list()).toEqual([]);
    } finally {
      empty.cleanup();
    }
  });

  it('SQL refuses any UPDATE or DELETE of a frozen row', () => {
    core.jalons.take({ name: 'J', kind: 'manuel' });
    const attempts = [
      "UPDATE jalon SET nom = 'autre'",
      'DELETE FROM jalon',
      "UPDATE jalon_referentiel SET score = '{}'",
      'DELETE FROM jalon_referentiel',
      "UPDATE jalon_referentiel_contenu SET contenu = '{}'",
      'DELETE FROM jalon_referentiel_contenu',
      "UPDATE jalon_preuve SET sha256 = 'x'",
      'DELETE FROM jalon_preuve',
    ];
    for (const sql of attempts) expect(() => ctx.db.exec(sql), sql).toThrow(/un jalon est figé/);
  });

  it('bad inputs: empty or too long name, unknown kind, unknown referential, unknown jalon, referential not in the jalon; nothing written', () => {
    const count = () => (ctx.db.prepare('SELECT COUNT(*) AS n FROM jalon').get() as { n: number }).n;
    expect(() => core.jalons.take({ name: '   ', kind: 'manuel' })).toThrow(
      expect.objectContaining({ code: 'INPUT_INVALID', message: 'Le nom du jalon est vide : donnez-lui un nom, par exemple « 2026 - avant le comité de pilotage ».' }),
    );
    expect(() => core.jalons.take({ name: 'x'.repeat(201), kind: 'manuel' })).toThrow(
      expect.objectContaining({ code: 'INPUT_INVALID', message: 'Le nom du jalon fait 201 caractères : 200 au plus.' }),
    );
    expect(() => core.jalons.take({ name: 'J', kind: 'final' as never })).toThrow(
      expect.objectContaining({ code: 'INPUT_INVALID', message: 'Type de jalon inconnu « final » : manuel, pre-audit ou post-audit.' }),
    );
    expect(() => core.jalons.take({ name: 'J', kind: 'manuel', referentialIds: ['zzz'] })).toThrow(expect.objectContaining({ code: 'REFERENTIAL_UNKNOWN' }));
    expect(count()).toBe(0);
    expect(() => core.jalons.get(42)).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND', message: "Le jalon n° 42 n'existe pas dans cet espace de travail (voir la liste des jalons)." }),
    );
    const j = core.jalons.take({ name: 'J', kind: 'manuel' });
    expect(() => jalonEtat(ctx, j.id, 'cae')).toThrow(
      expect.objectContaining({ code: 'REFERENTIAL_UNKNOWN', message: `Le jalon n° ${j.id} « J » ne contient pas le référentiel « cae » (il contient : eci).` }),
    );
  });
});
