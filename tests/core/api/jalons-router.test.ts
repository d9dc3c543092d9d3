/** The `jalons.*` procedures through the router: zod checks the input (French messages), the core does the rest. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appRouter } from '../../../electron/core/api/router';
import type { Core } from '../../../electron/core/core';
import { memoryCore, toyTete } from '../helpers/context';
import { entryMap } from '../pack/zip-read';

let core: Core;
let cleanup: () => void;
let caller: ReturnType<typeof appRouter.createCaller>;
beforeEach(() => {
  ({ core, cleanup } = memoryCore());
  core.referentials.store(toyTete());
  caller = appRouter.createCaller({ core });
});
afterEach(() => cleanup());

describe('jalons router', () => {
  it('takes (kind manuel by default), lists, gets, compares and exports a comparison as base64 XLSX', async () => {
    const j = await caller.jalons.take({ name: 'Avant' });
    expect(j).toMatchObject({ id: 1, nom: 'Avant', kind: 'manuel' });
    await caller.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait' });
    expect((await caller.jalons.list()).map((x) => x.id)).toEqual([1]);
    expect(await caller.jalons.get({ id: 1 })).toEqual(j);
    const c = await caller.jalons.compare({ a: 1, b: 'maintenant', seulementChanges: true });
    expect(c.lignes.map((l) => l.nodeId)).toEqual(['eci', 'eci_1', 'eci_1.1']);
    const x = await caller.jalons.compareXlsx({ a: 1, b: 'maintenant' });
    expect(x.fileName).toBe('comparaison-eci-jalon1-maintenant.xlsx');
    expect(Buffer.from(x.base64, 'base64').subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses bad input: a jalon id that is not a positive integer, a side that is neither, a wrong kind', async () => {
    await expect(caller.jalons.get({ id: 0 })).rejects.toThrow();
    await expect(caller.jalons.compare({ a: 1.5 as never, b: 'maintenant' })).rejects.toThrow();
    await expect(caller.jalons.compare({ a: 1, b: 'hier' as never })).rejects.toThrow();
    await expect(caller.jalons.take({ name: 'X', kind: 'final' as never })).rejects.toThrow();
    await expect(caller.jalons.take({ name: ' ' })).rejects.toMatchObject({ message: 'Le nom du jalon est vide : donnez-lui un nom, par exemple « 2026 - avant le comité de pilotage ».' });
    expect(await caller.jalons.list()).toEqual([]);
  });

  it('exportPack in the language asked (issue 8 item 2: the Jalons screen passes the interface’s), French by default', async () => {
    await caller.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait' });
    const j = await caller.jalons.take({ name: 'Avant' });
    const header = async (r: { path: string }) => (await entryMap(r.path)).get('historique.csv')!.toString('utf8').split('\r\n')[0];
    const fr = await caller.jalons.exportPack({ id: j.id, referentialId: 'eci' });
    expect(await header(fr)).toBe('\ufeffDate (UTC);Qui;Action;N°;Élément;Modification');
    const en = await caller.jalons.exportPack({ id: j.id, referentialId: 'eci', lang: 'en' });
    expect(await header(en)).toBe('\ufeffDate (UTC);Who;Action;No.;Item;Change');
    expect((await entryMap(en.path)).get('_manifeste/fichiers-manquants.txt')!.toString('utf8')).toBe('No missing file: every evidence file is in the pack.\n');
    await expect(caller.jalons.exportPack({ id: j.id, referentialId: 'eci', lang: 'de' as never })).rejects.toThrow();
  });
});
