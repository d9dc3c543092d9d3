/**
 * The statut records the score reads are cached per database (statuts.ts `statutRecords`, for bench:score): the
 * score must still follow every write, whoever makes it — the statuts service, another service, plain SQL on the
 * same connection, a transaction rolled back, another connection to the same file.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core';
import { workspacePaths } from '../../../electron/core/paths';
import { inTransaction } from '../../../electron/core/services/context';
import { computeScore, statutRecords, writeStatut } from '../../../electron/core/services/statuts';
import { memoryCore, tempDir, toyTete } from '../helpers/context';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

function toyCore(): Core {
  const env = memoryCore();
  cleanups.push(env.cleanup);
  env.core.referentials.store(toyTete());
  return env.core;
}

describe('cached statut records', () => {
  it('are reused while nothing changes, and patched by a statut write (same map, new record)', () => {
    const core = toyCore();
    const first = statutRecords(core.ctx, 'eci');
    expect(statutRecords(core.ctx, 'eci')).toBe(first);
    const { score } = core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait' });
    expect(score.root.pointFait).toBe(10);
    expect(statutRecords(core.ctx, 'eci')).toBe(first);
    expect(first.get('eci_1.1')).toEqual({ nodeId: 'eci_1.1', avancement: 'fait', detail: null, concerne: true });
    // The §2.1 cascade's reset of the sous-action is patched in too.
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_2.1', statut: 'fait' });
    const r = core.statuts.set({ referentialId: 'eci', nodeId: 'eci_2.1.1', statut: 'pas_fait' });
    expect(r.cascade).toEqual(['eci_2.1']);
    // The reset row (non renseigné, concerné) is no statut for the engine: dropped from the cached records.
    expect(statutRecords(core.ctx, 'eci').has('eci_2.1')).toBe(false);
    expect(statutRecords(core.ctx, 'eci').get('eci_2.1.1')).toMatchObject({ avancement: 'pas_fait' });
    expect(core.scores.get('eci').nodes['eci_2.1']).toMatchObject({ pointFait: 0, pointPasFait: 40, pointNonRenseigne: 25 });
  });

  it('follow plain SQL on the same connection (a row deleted, a row updated)', () => {
    const core = toyCore();
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait' });
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.2', statut: 'fait' });
    expect(core.scores.get('eci').root.pointFait).toBe(30);
    core.ctx.db.prepare("DELETE FROM statut WHERE node_id = 'eci_1.2'").run();
    expect(core.scores.get('eci').root.pointFait).toBe(10);
    core.ctx.db.prepare("UPDATE statut SET avancement = 'programme', statut = 'programme' WHERE node_id = 'eci_1.1'").run();
    expect(core.scores.get('eci').root).toMatchObject({ pointFait: 0, pointProgramme: 10 });
  });

  it('follow a row another service writes (setExplication on a fait node keeps it; on a new node it is no statut)', () => {
    const core = toyCore();
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_2.2', statut: 'fait' });
    expect(statutRecords(core.ctx, 'eci').get('eci_2.2')).toMatchObject({ avancement: 'fait' });
    core.ctx.db.prepare("UPDATE statut SET avancement = 'programme' WHERE node_id = 'eci_2.2'").run();
    core.statuts.setExplication('eci', 'eci_2.2', 'Voir la délibération');
    expect(statutRecords(core.ctx, 'eci').get('eci_2.2')).toEqual({ nodeId: 'eci_2.2', avancement: 'programme', detail: null, concerne: true });
    core.statuts.setExplication('eci', 'eci_1.1', 'Pas encore de statut');
    expect(statutRecords(core.ctx, 'eci').has('eci_1.1')).toBe(false);
  });

  it('never keep what a rolled-back transaction wrote, even when read inside it', () => {
    const core = toyCore();
    expect(core.scores.get('eci').root.pointFait).toBe(0);
    expect(() =>
      inTransaction(core.ctx, () => {
        writeStatut(core.ctx, { referentialId: 'eci', nodeId: 'eci_2.1', statut: 'fait' });
        expect(computeScore(core.ctx, 'eci').root.pointFait).toBe(65);
        throw new Error('annulé');
      }),
    ).toThrow('annulé');
    expect(core.scores.get('eci').root.pointFait).toBe(0);
    expect(statutRecords(core.ctx, 'eci').size).toBe(0);
  });

  it('follow a commit by another connection to the same workspace file (the CLI while the app is open)', () => {
    const tmp = tempDir();
    const core = createCore({ dataDir: tmp.dir, demo: false, user: 'Alice', log: () => {} });
    cleanups.push(() => {
      core.close();
      tmp.cleanup();
    });
    core.referentials.store(toyTete());
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait' });
    expect(core.scores.get('eci').root.pointFait).toBe(10);
    const other = new Database(workspacePaths(tmp.dir, core.workspaceId).db);
    try {
      other.prepare("UPDATE statut SET avancement = 'pas_fait', statut = 'pas_fait' WHERE node_id = 'eci_1.1'").run();
    } finally {
      other.close();
    }
    expect(core.scores.get('eci').root).toMatchObject({ pointFait: 0, pointPasFait: 10 });
  });
});
