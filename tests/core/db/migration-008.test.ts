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

const tmp = tempDir('label-audit-m008-');
afterAll(() => tmp.cleanup());

describe('migration 008 (jalons)', () => {
  it('opens a filled schema-6 database: every row kept, empty jalon tables, and a jalon then freezes the existing state', () => {
    const file = join(tmp.dir, 'v6.sqlite');
    const db6 = new Database(file);
    db6.pragma('foreign_keys = ON');
    migrate(db6, file, MIGRATIONS.filter((m) => m.version <= 6));
    const ctx: ServiceContext = { db: db6, evidence: createEvidenceStore(join(tmp.dir, 'evidence')), dataDir: tmp.dir, workspaceId: 'w', user: 'Bob', now: fixedClock(), cache: new Map() };
    createWorkspace(ctx, { id: 'w', nom: 'Commune', typeCollectivite: 'commune', codeInsee: null, population: 800, utilisateur: 'Bob' });
    const core6 = bindCore(ctx);
    core6.referentials.store(toyTete('eci'));
    core6.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait' });
    core6.preuves.addFile({ referentialId: 'eci', nodeId: 'eci_1.1', fileName: 'a.txt', bytes: new TextEncoder().encode('a') });
    const before = snapshotTables(ctx);
    expect(before).not.toHaveProperty('jalon');
    db6.close();

    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(8);
    expect(snapshotTables({ db } as ServiceContext)).toEqual({ ...before, jalon: [], jalon_preuve: [], jalon_referentiel: [], jalon_referentiel_contenu: [], sqlite_sequence: before.sqlite_sequence });
    const core = bindCore({ ...ctx, db, cache: new Map() });
    const j = core.jalons.take({ name: 'Premier jalon', kind: 'manuel' });
    expect(j.referentiels.map((r) => [r.referentialId, r.pointFait])).toEqual([['eci', 10]]);
    expect(db.prepare('SELECT preuve_id, revision, file_name FROM jalon_preuve').all()).toEqual([
      { preuve_id: core.preuves.list('eci')[0]!.id, revision: 1, file_name: 'a.txt' },
    ]);
    db.close();
  });
});
