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

const tmp = tempDir('label-audit-m006-');
afterAll(() => tmp.cleanup());

describe('migration 006 (exports of pilote workbooks)', () => {
  it('opens a filled schema-5 database: every row kept, an empty export_pilote table, and an export then works', async () => {
    const file = join(tmp.dir, 'v4.sqlite');
    const db4 = new Database(file);
    db4.pragma('foreign_keys = ON');
    migrate(db4, file, MIGRATIONS.filter((m) => m.version <= 5));
    const ctx: ServiceContext = { db: db4, evidence: createEvidenceStore(join(tmp.dir, 'evidence')), dataDir: tmp.dir, workspaceId: 'w', user: 'Bob', now: fixedClock(), cache: new Map() };
    createWorkspace(ctx, { id: 'w', nom: 'Commune', typeCollectivite: 'commune', codeInsee: null, population: 800, utilisateur: 'Bob' });
    const core4 = bindCore(ctx);
    core4.referentials.store(toyTete('eci'));
    const claire = core4.people.create({ nom: 'Claire Dupont' });
    core4.nodes.setPilotes({ referentialId: 'eci', nodeId: 'eci_1', personIds: [claire.id], serviceIds: [] });
    core4.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait' });
    const before = snapshotTables(ctx);
    expect(before).not.toHaveProperty('export_pilote');
    db4.close();

    const db = openDatabase(file, MIGRATIONS.filter((m) => m.version <= 6));
    expect(db.pragma('user_version', { simple: true })).toBe(6);
    expect(snapshotTables({ db } as ServiceContext)).toEqual({ ...before, export_pilote: [] });
    const core = bindCore({ ...ctx, db, cache: new Map() });
    const out = await core.mesCriteres.exportXlsx({ kind: 'person', id: claire.id });
    const rows = db.prepare('SELECT id, owner_kind, owner_nom, valeurs FROM export_pilote').all() as Array<{ id: string; owner_kind: string; owner_nom: string; valeurs: string }>;
    expect(rows.map((r) => [r.id, r.owner_kind, r.owner_nom])).toEqual([[out.exportId, 'person', 'Claire Dupont']]);
    expect(JSON.parse(rows[0]!.valeurs)).toEqual({
      'eci|eci_1.1': { statut: 'fait', detail: null, explication: null, echeance: null },
      'eci|eci_1.2': { statut: 'non_renseigne', detail: null, explication: null, echeance: null },
    });
    db.close();
  });
});
