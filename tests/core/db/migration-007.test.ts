import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bindCore } from '../../../electron/core/core';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { migrate, openDatabase } from '../../../electron/core/db/open';
import { createEvidenceStore } from '../../../electron/core/evidence/store';
import type { ServiceContext } from '../../../electron/core/services/context';
import { createWorkspace } from '../../../electron/core/services/workspace';
import { fixedClock, snapshotTables, tempDir, toyTete } from '../helpers/context';

const tmp = tempDir('label-audit-m007-');
afterAll(() => tmp.cleanup());

describe('migration 007 (sharing: invitations, a version per statut row)', () => {
  it('opens a filled schema-6 database: every row kept, each statut row at version 1, an empty invitation table; versions then move', () => {
    const file = join(tmp.dir, 'v6.sqlite');
    const db6 = new Database(file);
    db6.pragma('foreign_keys = ON');
    migrate(db6, file, MIGRATIONS.filter((m) => m.version <= 6));
    const ctx: ServiceContext = { db: db6, evidence: createEvidenceStore(join(tmp.dir, 'evidence')), dataDir: tmp.dir, workspaceId: 'w', user: 'Bob', now: fixedClock(), cache: new Map() };
    createWorkspace(ctx, { id: 'w', nom: 'Commune', typeCollectivite: 'commune', codeInsee: null, population: 800, utilisateur: 'Bob' });
    const core6 = bindCore(ctx);
    core6.referentials.store(toyTete('eci'));
    core6.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait' });
    core6.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'programme', explication: 'En cours' });
    core6.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.2', statut: 'pas_fait' });
    const before = snapshotTables(ctx);
    db6.close();

    const db = openDatabase(file, MIGRATIONS.filter((m) => m.version <= 7));
    expect(db.pragma('user_version', { simple: true })).toBe(7);
    const after = snapshotTables({ db } as ServiceContext);
    for (const t of Object.keys(before)) if (t !== 'statut') expect(after[t], t).toEqual(before[t]);
    expect(after.invitation).toEqual([]);
    const rows = (r: unknown[]) => r.map((x) => JSON.parse(x as string) as Record<string, unknown>);
    expect(rows(after.statut!)).toEqual(rows(before.statut!).map((r) => ({ ...r, version: 1 })));
    const core = bindCore({ ...ctx, db, cache: new Map() });
    expect(core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait', expectedVersion: 1 }).version).toBe(2);
    // the trigger counts a write made with plain SQL too (any writer)
    db.prepare("UPDATE statut SET explication = 'SQL' WHERE node_id = 'eci_1.2'").run();
    expect(core.statuts.list('eci').map((s) => [s.nodeId, s.version])).toEqual([
      ['eci_1.1', 2],
      ['eci_1.2', 2],
    ]);
    db.close();
  });
});
