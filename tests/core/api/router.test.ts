import { createHash } from 'node:crypto';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appRouter } from '../../../electron/core/api/router';
import type { Core } from '../../../electron/core/core';
import { memoryCore, toyGrid, toyTete } from '../helpers/context';
import { ECI_CSV } from '../helpers/csv';

let core: Core;
let cleanup: () => void;
let caller: ReturnType<typeof appRouter.createCaller>;
beforeEach(() => {
  ({ core, cleanup } = memoryCore());
  core.referentials.store(toyTete('toy'));
  core.referentials.store(toyGrid('nr', 'points'));
  caller = appRouter.createCaller({ core });
});
afterEach(() => cleanup());

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** The JSON body of a tRPC response (the parts these tests read). */
interface WireBody {
  result: { data: unknown };
  error: { message: string; data: { stack?: string; userError: { code: string; message: string; location: Record<string, unknown>; params?: Record<string, unknown>; en?: string | null } } };
}

/** Calls a procedure over the fetch adapter (as the HTTP and IPC links do), returning the JSON body. */
async function overHttp(path: string, input: unknown, method: 'GET' | 'POST' = 'POST'): Promise<{ status: number; body: WireBody }> {
  const url = method === 'GET' ? `http://x/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}` : `http://x/trpc/${path}`;
  const res = await fetchRequestHandler({
    endpoint: '/trpc',
    router: appRouter,
    req: new Request(url, method === 'GET' ? {} : { method: 'POST', body: JSON.stringify(input), headers: { 'content-type': 'application/json' } }),
    createContext: () => ({ core }),
  });
  return { status: res.status, body: (await res.json()) as WireBody };
}

describe('appRouter through createCaller', () => {
  it('workspace.get / update', async () => {
    expect(await caller.workspace.get()).toMatchObject({ nom: 'Commune de Test', typeCollectivite: 'commune' });
    expect(await caller.workspace.update({ population: 6100 })).toMatchObject({ population: 6100, nom: 'Commune de Test' });
  });

  it('referentials.import (base64 files, BOM accepted) → list → get; scores.get', async () => {
    const res = await caller.referentials.import({ files: [{ name: 'referentiel-eci-structure.csv', contentBase64: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ECI_CSV)]).toString('base64') }] });
    expect(res).toEqual({ id: 'eci', version: '2026-04-01', nodes: 11, points: 100 });
    expect((await caller.referentials.list()).map((r) => [r.id, r.model, r.nodes, r.points])).toEqual([
      ['eci', 'tete', 11, 100],
      ['nr', 'points', 6, 1000],
      ['toy', 'tete', 13, 100],
    ]);
    expect((await caller.referentials.get({ referentialId: 'eci' })).nodes).toHaveLength(12);
    expect((await caller.scores.get({ referentialId: 'eci' })).root).toMatchObject({ pointPotentiel: 100, pointFait: 0, completude: 0 });
    const forced = await caller.referentials.import({ files: [{ name: 'ma grille.csv', contentBase64: b64(ECI_CSV) }], format: 'tete-csv', id: 'eci-bis' });
    expect(forced.id).toBe('eci-bis');
  });

  it('statuts.set returns the new score; statuts.list; setExplication', async () => {
    const { score } = await caller.statuts.set({ referentialId: 'toy', nodeId: 'toy_2.2.1', statut: 'fait', detail: null, explication: 'Fait en 2025' });
    expect(score.nodes['toy_2.2']).toMatchObject({ pointFait: 2, pointNonRenseigne: 3 });
    expect(await caller.statuts.setExplication({ referentialId: 'toy', nodeId: 'toy_2.2.1', explication: 'Fait en 2024' })).toEqual({ ok: true, version: 2 });
    expect(await caller.statuts.list({ referentialId: 'toy' })).toMatchObject([{ nodeId: 'toy_2.2.1', statut: 'fait', detail: null, explication: 'Fait en 2024', modifiedBy: 'Alice Testeuse' }]);
  });

  it('people, services, nodes, preuves, history', async () => {
    const s = await caller.services.create({ nom: 'Communication' });
    const p = await caller.people.create({ nom: 'Thomas Girard', serviceId: s.id });
    expect(await caller.people.list()).toEqual([{ id: p.id, nom: 'Thomas Girard', email: null, serviceId: s.id }]);
    expect(await caller.services.list()).toEqual([s]);
    await caller.nodes.setPilotes({ referentialId: 'toy', nodeId: 'toy_1', personIds: [p.id], serviceIds: [s.id] });
    await caller.nodes.setEcheance({ referentialId: 'toy', nodeId: 'toy_1', echeance: '2027-01-31' });
    const f = await caller.preuves.addFile({ referentialId: 'toy', nodeId: 'toy_1.1', fileName: 'note.txt', contentBase64: b64('bonjour') });
    expect(f).toMatchObject({ kind: 'fichier', size: 7, sha256: createHash('sha256').update('bonjour').digest('hex'), mimeType: 'text/plain' });
    const l = await caller.preuves.addLink({ referentialId: 'toy', nodeId: 'toy_1.1', url: 'https://example.org' });
    expect((await caller.preuves.list({ referentialId: 'toy' })).map((x) => x.id)).toEqual([f.id, l.id]);
    expect(await caller.nodes.overview({ referentialId: 'toy' })).toEqual({
      toy_1: { pilotes: ['Thomas Girard'], services: ['Communication'], echeance: '2027-01-31', preuves: 0 },
      'toy_1.1': { pilotes: [], services: [], echeance: null, preuves: 2 },
    });
    expect((await caller.nodes.detail({ referentialId: 'toy', nodeId: 'toy_1.1' })).preuves).toHaveLength(2);
    await caller.preuves.detach({ preuveId: l.id, nodeId: 'toy_1.1' });
    expect((await caller.history.list({ referentialId: 'toy', limit: 1 }))[0]).toMatchObject({ action: 'preuve.detach' });
    expect((await caller.history.list()).length).toBeGreaterThan(5);
  });

  it('a UserError becomes a TRPCError (NOT_FOUND / BAD_REQUEST) with the French message unchanged and the UserError as cause', async () => {
    await expect(caller.statuts.set({ referentialId: 'toy', nodeId: 'toy_9', statut: 'fait' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: "Le nœud « toy_9 » n'existe pas dans le référentiel toy.",
      cause: { code: 'NODE_UNKNOWN', location: { nodeId: 'toy_9' } },
    });
    await expect(caller.statuts.set({ referentialId: 'toy', nodeId: 'toy_1.1', statut: 'detaille', detail: [0.5, 0.2, 0.2] })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      cause: { code: 'DETAIL_INVALID' },
    });
  });
});

describe('errors over the wire (errorFormatter)', () => {
  it('exposes error.data.userError = { code, message, location, params, en } and no stack', async () => {
    const { status, body } = await overHttp('statuts.set', { referentialId: 'toy', nodeId: 'toy_1', statut: 'fait' });
    expect(status).toBe(400);
    expect(body.error.message).toBe('Le nœud toy_1 est calculé à partir de ses enfants : un statut se saisit sur les sous-actions et les tâches.');
    expect(body.error.data.userError).toEqual({
      code: 'STATUT_INVALID',
      message: body.error.message,
      location: { nodeId: 'toy_1' },
      params: {},
      en: 'The item toy_1 is computed from its children: a status is entered on the sub-actions and tasks.',
    });
    expect(body.error.data.stack).toBeUndefined();
  });

  it('an importer error reaches the wire in both languages, naming the file, row and cell', async () => {
    const csv = 'identifiant,nom,points,pourcentage\n1,Axe,douze,\n';
    const { status, body } = await overHttp('referentials.import', { files: [{ name: 'referentiel-eci-structure.csv', contentBase64: b64(csv) }] });
    expect(status).toBe(400);
    expect(body.error.data.userError).toMatchObject({
      code: 'REFERENTIAL_INVALID',
      message: 'Fichier « referentiel-eci-structure.csv », ligne 2, cellule C2 (colonne « points ») : « douze » n\'est pas un nombre positif (exemples acceptés : 12, 0,5).',
      en: 'File “referentiel-eci-structure.csv”, row 2, cell C2 (column “points”): “douze” is not a positive number (accepted examples: 12, 0.5, 0,5).',
      location: { file: 'referentiel-eci-structure.csv', row: 2, cell: 'C2', column: 'points' },
    });
  });

  it('a zod failure is an INPUT_INVALID user error naming the field', async () => {
    const { status, body } = await overHttp('nodes.setEcheance', { referentialId: 'toy', nodeId: 'toy_1', echeance: '31/01/2027' });
    expect(status).toBe(400);
    expect(body.error.data.userError).toMatchObject({ code: 'INPUT_INVALID', location: { field: 'echeance' }, params: { field: 'echeance' } });
    expect(body.error.data.userError.message).toMatch(/« echeance ».*AAAA-MM-JJ/);
    expect(body.error.data.userError.en).toMatch(/^Invalid value for “echeance”: /);
  });

  it('refuses an export language other than fr / en, naming the field', async () => {
    const { status, body } = await overHttp('pack.export', { referentialId: 'toy', lang: 'de' });
    expect(status).toBe(400);
    expect(body.error.data.userError).toMatchObject({ code: 'INPUT_INVALID', location: { field: 'lang' }, params: { field: 'lang' } });
    expect(body.error.data.userError.message).toMatch(/^Donnée invalide pour « lang »/);
  });

  it('queries work over GET with plain JSON (ISO strings, no superjson)', async () => {
    const { status, body } = await overHttp('statuts.list', { referentialId: 'toy' }, 'GET');
    expect(status).toBe(200);
    expect(body.result.data).toEqual([]);
    const missing = await overHttp('referentials.get', { referentialId: 'zzz' }, 'GET');
    expect(missing.status).toBe(404);
    expect(missing.body.error.data.userError.code).toBe('REFERENTIAL_UNKNOWN');
    // The values of the message, and the message in both languages (the English screens show `en`).
    expect(missing.body.error.data.userError.params).toEqual({ referentialId: 'zzz' });
    expect(missing.body.error.data.userError.message).toBe("Le référentiel « zzz » n'est pas chargé dans cet espace de travail.");
    expect(missing.body.error.data.userError.en).toBe('The referential “zzz” is not loaded in this workspace.');
  });
});
