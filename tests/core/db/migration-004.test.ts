import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bindCore } from '../../../electron/core/core';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../electron/core/db/migrations';
import { migrate, openDatabase } from '../../../electron/core/db/open';
import { createEvidenceStore } from '../../../electron/core/evidence/store';
import type { ServiceContext } from '../../../electron/core/services/context';
import { createWorkspace } from '../../../electron/core/services/workspace';
import { fixedClock, snapshotTables, tempDir, toyGrid, toyTete } from '../helpers/context';

const tmp = tempDir('label-audit-m004-');
afterAll(() => tmp.cleanup());

/** A workspace at schema 3 (before 004) filled through the real services: two referentials, statuts, people, preuves. */
function filledV3(file: string): ServiceContext {
  const db = new Database(file);
  db.pragma('foreign_keys = ON');
  migrate(db, file, MIGRATIONS.slice(0, 3));
  const ctx: ServiceContext = { db, evidence: createEvidenceStore(join(tmp.dir, 'evidence')), dataDir: tmp.dir, workspaceId: 'w', user: 'Bob', now: fixedClock(), cache: new Map() };
  createWorkspace(ctx, { id: 'w', nom: 'Commune ancienne', typeCollectivite: 'commune', codeInsee: null, population: 800, utilisateur: 'Bob' });
  const core = bindCore(ctx);
  core.referentials.store(toyTete('eci'));
  core.referentials.store(toyGrid('rgesn', 'weighted'));
  core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait', explication: 'Délibération du 3 mars' });
  core.statuts.set({ referentialId: 'rgesn', nodeId: 'rgesn_1.1', statut: 'conforme' });
  core.statuts.set({ referentialId: 'rgesn', nodeId: 'rgesn_2.2', statut: 'non_applicable' });
  const service = core.services.create({ nom: 'Informatique' });
  const person = core.people.create({ nom: 'Claire Dupont', serviceId: service.id });
  core.nodes.setPilotes({ referentialId: 'eci', nodeId: 'eci_1', personIds: [person.id], serviceIds: [service.id] });
  core.nodes.setEcheance({ referentialId: 'eci', nodeId: 'eci_1', echeance: '2027-03-15' });
  // Preuves as schema 3 stored them (today's services write the columns and tables of migration 005).
  const blob = ctx.evidence.addFromBuffer(new TextEncoder().encode('Déclaration RGESN'));
  const insert = db.prepare('INSERT INTO preuve (id, kind, titre, file_name, size, sha256, mime_type, url, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  insert.run('p-lien', 'lien', 'Délibération', null, null, null, null, 'https://example.fr/deliberation', '2026-03-01T10:00:00.000Z', 'Bob');
  insert.run('p-fichier', 'fichier', 'declaration.txt', 'declaration.txt', blob.size, blob.sha256, 'text/plain', null, '2026-03-01T10:00:01.000Z', 'Bob');
  db.prepare('INSERT INTO preuve_node (preuve_id, referential_id, node_id) VALUES (?, ?, ?), (?, ?, ?)').run('p-lien', 'eci', 'eci_1.1', 'p-fichier', 'rgesn', 'rgesn_1.1');
  return ctx;
}

describe('migration 004 (models rate and progress)', () => {
  it('migrates a filled schema-3 database: every row of every table kept, foreign keys on and intact', () => {
    const file = join(tmp.dir, 'v3.sqlite');
    const old = filledV3(file);
    const before = snapshotTables(old);
    expect(before.statut).toHaveLength(3);
    expect(before.referential).toHaveLength(2);
    expect(before.preuve_node).toHaveLength(2);
    expect(old.db.pragma('user_version', { simple: true })).toBe(3);
    expect(() => old.db.prepare("UPDATE referential SET model = 'rate' WHERE id = 'rgesn'").run()).toThrow(/CHECK constraint failed/);
    old.db.close();

    const db = openDatabase(file, MIGRATIONS.slice(0, 4));
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(snapshotTables({ db } as ServiceContext)).toEqual(before);
    // The new table keeps the old columns, in order, with the wider CHECK.
    const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'referential'").get() as { sql: string }).sql;
    expect(sql).toContain("CHECK (model IN ('tete', 'points', 'weighted', 'rate', 'progress'))");
    expect(sql).not.toContain('referential_new');
    db.close();
  });

  it('after it, rate and progress referentials can be stored, an unknown model is still refused, deletes still cascade', () => {
    const file = join(tmp.dir, 'v3b.sqlite');
    filledV3(file).db.close();
    const db = openDatabase(file);
    const ctx: ServiceContext = { db, evidence: createEvidenceStore(join(tmp.dir, 'evidence')), dataDir: tmp.dir, workspaceId: 'w', user: 'Bob', now: fixedClock(), cache: new Map() };
    const core = bindCore(ctx);
    core.referentials.store({ ...toyGrid('rgaa', 'weighted'), model: 'rate' });
    core.referentials.store({ ...toyGrid('gbp-nr', 'weighted'), model: 'progress' });
    expect(core.referentials.list().map((r) => [r.id, r.model])).toEqual(
      expect.arrayContaining([['gbp-nr', 'progress'], ['rgaa', 'rate'], ['rgesn', 'weighted'], ['eci', 'tete']]),
    );
    expect(core.statuts.set({ referentialId: 'rgaa', nodeId: 'rgaa_1.1', statut: 'conforme' }).score.root.score).toBe(1);
    expect(() => db.prepare("UPDATE referential SET model = 'bogus' WHERE id = 'rgaa'").run()).toThrow(/CHECK constraint failed/);
    // The children still point to the rebuilt table: deleting a referential takes its nodes and statuts with it.
    db.prepare("DELETE FROM referential WHERE id = 'rgesn'").run();
    expect(db.prepare("SELECT COUNT(*) AS n FROM node WHERE referential_id = 'rgesn'").get()).toEqual({ n: 0 });
    expect(db.prepare("SELECT COUNT(*) AS n FROM statut WHERE referential_id = 'rgesn'").get()).toEqual({ n: 0 });
    expect(db.prepare("SELECT COUNT(*) AS n FROM node WHERE referential_id = 'eci'").get()).toEqual({ n: 14 });
    db.close();
  });

  it('a rebuild that would break a foreign key is rolled back and foreign keys are back on', () => {
    const file = join(tmp.dir, 'fk.sqlite');
    const db = new Database(file);
    db.pragma('foreign_keys = ON');
    migrate(db, file, MIGRATIONS.slice(0, 4)); // at 004, so that a migration numbered 5 runs next
    db.prepare("INSERT INTO history (at, who, action) VALUES ('2026-01-01', 'A', 'x')").run();
    const breaking = {
      version: SCHEMA_VERSION + 1,
      name: 'breaking',
      foreignKeysOff: true,
      up: (d: Database.Database) => d.exec("INSERT INTO node (referential_id, id, identifiant, depth, type, nom, point_referentiel, ordre, seq) VALUES ('absent', 'n', '1', 1, 'x', 'n', 0, 0, 0)"),
    };
    expect(() => migrate(db, file, [...MIGRATIONS, breaking])).toThrow(new RegExp(`Migration ${SCHEMA_VERSION + 1} \\(breaking\\) : 1 clé\\(s\\) étrangère\\(s\\) rompue\\(s\\)`));
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.prepare('SELECT COUNT(*) AS n FROM node').get()).toEqual({ n: 0 });
    db.close();
  });
});
