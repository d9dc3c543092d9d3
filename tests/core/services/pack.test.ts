import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import type { ServiceContext } from '../../../electron/core/services/context';
import { packFileName, packInput, packStem } from '../../../electron/core/services/pack';
import { memoryCore, toyTete } from '../helpers/context';

let core: Core;
let ctx: ServiceContext;
let cleanup: () => void;
beforeEach(() => {
  ({ core, ctx, cleanup } = memoryCore());
  core.referentials.store(toyTete());
  const dsi = core.services.create({ nom: 'DSI' });
  const claire = core.people.create({ nom: 'Claire Morel', serviceId: dsi.id });
  core.nodes.setPilotes({ referentialId: 'eci', nodeId: 'eci_1', personIds: [claire.id], serviceIds: [dsi.id] });
  core.nodes.setEcheance({ referentialId: 'eci', nodeId: 'eci_1', echeance: '2027-06-30' });
  core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait', explication: 'Délibération du 12 mars' });
  core.statuts.set({ referentialId: 'eci', nodeId: 'eci_2.1.1', statut: 'detaille', detail: [0.7, 0.2, 0.1] });
  core.preuves.addFile({ referentialId: 'eci', nodeId: 'eci_1.1', fileName: 'deliberation.txt', bytes: new TextEncoder().encode('Délibération') });
  core.preuves.addLink({ referentialId: 'eci', nodeId: 'eci_1.1', url: 'https://example.org/plan' });
});
afterEach(() => cleanup());

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('pack service', () => {
  it('maps the store to PackInput; the jalon date is the last history event, not the clock', () => {
    const input = packInput(ctx, 'eci');
    const last = core.history.list()[0]!.at;
    expect(input.jalon).toEqual({ nom: 'État des lieux courant', date: last });
    expect(input.workspace).toEqual({ nom: 'Commune de Test', typeCollectivite: 'commune', codeInsee: '45234', population: 5000 });
    expect(input.referential.id).toBe('eci');
    expect(input.score.root.pointFait).toBe(10 + 0.7 * 40);
    expect([...input.statuts.keys()]).toEqual(['eci_1.1', 'eci_2.1.1']);
    expect(input.statuts.get('eci_2.1.1')).toMatchObject({ statut: 'detaille', detail: [0.7, 0.2, 0.1] });
    expect(input.pilotes.get('eci_1')).toEqual({ personnes: ['Claire Morel'], services: ['DSI'], echeance: '2027-06-30' });
    expect(input.preuves.map((p) => [p.kind, p.nodeIds])).toEqual([
      ['fichier', ['eci_1.1']],
      ['lien', ['eci_1.1']],
    ]);
    const file = input.preuves[0]!;
    expect(input.evidencePath(file.sha256!)).toBe(ctx.evidence.pathOf(file.sha256!));
    ctx.now = () => '2099-01-01T00:00:00.000Z';
    expect(packInput(ctx, 'eci').jalon.date).toBe(last);
  });

  it('packFileName uses the jalon date', () => {
    expect(packFileName('valmont', 'cae', '2026-03-01T10:00:15.000Z')).toBe('valmont-cae-20260301-100015.zip');
  });

  it('packStem: the collectivité’s name without accents, spaces or signs; the workspace id when nothing is left', () => {
    expect(packStem('Commune de Saint-Étienne-du-Bois', 'ws')).toBe('commune-de-saint-etienne-du-bois');
    expect(packStem("  Communauté d'agglomération Cœur de Loire : pôle « Numérique »  ", 'ws')).toBe('communaute-d-agglomeration-coeur-de-loire-pole-numerique');
    expect(packStem('Métropole / Nice:Côte d’Azur*?', 'ws')).toBe('metropole-nice-cote-d-azur');
    expect(packStem('東京 ???', 'ma-collectivite')).toBe('ma-collectivite');
    expect(packStem('x'.repeat(80), 'ws')).toHaveLength(60);
  });

  it('exports under <dataDir>/exports, byte-identical for the same state, and verifies', async () => {
    const a = await core.pack.export('eci');
    expect(a.path).toBe(join(ctx.dataDir, 'exports', a.fileName));
    expect(a.fileName).toBe(packFileName('commune-de-test', 'eci', core.history.list()[0]!.at));
    expect(a.entries).toBeGreaterThan(5);
    const first = sha(a.path);
    rmSync(a.path);
    const b = await core.pack.export('eci');
    expect(sha(b.path)).toBe(first);
    expect(b.bytes).toBe(a.bytes);
    expect(await core.pack.verify(b.path)).toEqual({ ok: true, entries: b.entries, problems: [] });
  });

  it('verify of a missing file → FILE_NOT_FOUND naming it; unknown referential → REFERENTIAL_UNKNOWN', async () => {
    const missing = join(ctx.dataDir, 'absent.zip');
    await expect(core.pack.verify(missing)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND', message: `Le paquet d'audit ${missing} est introuvable.` });
    await expect(core.pack.export('zzz')).rejects.toMatchObject({ code: 'REFERENTIAL_UNKNOWN' });
  });
});
