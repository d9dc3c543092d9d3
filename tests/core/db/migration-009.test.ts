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

const tmp = tempDir('label-audit-m009-');
afterAll(() => tmp.cleanup());

describe('migration 009 (audit cycles, états, notes)', () => {
  it('opens a filled schema-8 database: every row kept, empty audit tables, and an audit cycle then runs', () => {
    const file = join(tmp.dir, 'v8.sqlite');
    const db6 = new Database(file);
    db6.pragma('foreign_keys = ON');
    migrate(db6, file, MIGRATIONS.filter((m) => m.version <= 8));
    const ctx: ServiceContext = { db: db6, evidence: createEvidenceStore(join(tmp.dir, 'evidence')), dataDir: tmp.dir, workspaceId: 'w', user: 'Bob', now: fixedClock(), cache: new Map() };
    createWorkspace(ctx, { id: 'w', nom: 'Commune', typeCollectivite: 'commune', codeInsee: null, population: 800, utilisateur: 'Bob' });
    const core6 = bindCore(ctx);
    core6.referentials.store(toyTete('eci'));
    // Services bound to a schema-8 database write as before (no audit table: nothing is locked).
    core6.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait' });
    const before = snapshotTables(ctx);
    db6.close();

    const db = openDatabase(file, MIGRATIONS.filter((m) => m.version <= 9));
    expect(db.pragma('user_version', { simple: true })).toBe(9);
    expect(snapshotTables({ db } as ServiceContext)).toEqual({ ...before, audit_cycle: [], audit_mesure: [], audit_note: [], sqlite_sequence: before.sqlite_sequence });
    const core = bindCore({ ...ctx, db, cache: new Map() });
    core.audit.demander('eci');
    core.audit.ouvrir('eci', 'Claire');
    expect(() => core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.2', statut: 'fait' })).toThrow(/^L'audit est ouvert/);
    expect(core.audit.setStatut({ referentialId: 'eci', nodeId: 'eci_1.2', statut: 'fait' }).changed).toBe(true);
    db.close();
  });
});
