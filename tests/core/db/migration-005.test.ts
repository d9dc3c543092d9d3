/**
 * Migration 005 (preuves as a library) on a filled schema-4 database: every row kept, each file preuve becomes its
 * revision 1, and a titre matching a preuve attendue of its node (the former implicit rule) becomes a coverage row.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bindCore } from '../../../electron/core/core';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { migrate, openDatabase } from '../../../electron/core/db/open';
import { createEvidenceStore } from '../../../electron/core/evidence/store';
import type { ServiceContext } from '../../../electron/core/services/context';
import { createWorkspace } from '../../../electron/core/services/workspace';
import { fixedClock, snapshotTables, tempDir, toyGrid, toyTete } from '../helpers/context';

const tmp = tempDir('label-audit-m005-');
afterAll(() => tmp.cleanup());

const context = (db: Database.Database): ServiceContext => ({
  db,
  evidence: createEvidenceStore(join(tmp.dir, 'evidence')),
  dataDir: tmp.dir,
  workspaceId: 'w',
  user: 'Bob',
  now: fixedClock(),
  cache: new Map(),
});

/** A schema-4 workspace: two referentials, statuts, a person, and three preuves written as schema 4 stored them. */
function filledV4(file: string): ServiceContext {
  const db = new Database(file);
  db.pragma('foreign_keys = ON');
  migrate(db, file, MIGRATIONS.slice(0, 4));
  const ctx = context(db);
  createWorkspace(ctx, { id: 'w', nom: 'Commune ancienne', typeCollectivite: 'commune', codeInsee: null, population: 800, utilisateur: 'Bob' });
  const core = bindCore(ctx);
  core.referentials.store(toyTete('eci'));
  core.referentials.store(toyGrid('rgesn', 'weighted'));
  core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait' });
  core.people.create({ nom: 'Claire Dupont' });
  const blob = ctx.evidence.addFromBuffer(new TextEncoder().encode('Délibération du conseil'));
  const insert = db.prepare('INSERT INTO preuve (id, kind, titre, file_name, size, sha256, mime_type, url, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  // Its titre is the preuve attendue's nom (case, accents and spaces aside) on a node that expects it: covered.
  insert.run('p-f', 'fichier', ' DELIBERATION', 'deliberation.pdf', blob.size, blob.sha256, 'application/pdf', null, '2026-01-02T08:00:00.000Z', 'Bob');
  // Same nom but on a node that does not expect it: not covered.
  insert.run('p-l', 'lien', 'Délibération', null, null, null, null, 'https://example.fr/d', '2026-01-03T08:00:00.000Z', 'Alice');
  insert.run('p-g', 'fichier', 'Autre pièce', 'autre.txt', blob.size, blob.sha256, 'text/plain', null, '2026-01-04T08:00:00.000Z', 'Alice');
  const link = db.prepare('INSERT INTO preuve_node (preuve_id, referential_id, node_id) VALUES (?, ?, ?)');
  link.run('p-f', 'eci', 'eci_1.1');
  link.run('p-f', 'rgesn', 'rgesn_1.1');
  link.run('p-l', 'eci', 'eci_1.2');
  link.run('p-g', 'eci', 'eci_2.1');
  return ctx;
}

describe('migration 005 (preuves as a library)', () => {
  it('migrates a filled schema-4 database: every row kept, new preuve columns empty, revisions 1 and coverage from the titres', () => {
    const file = join(tmp.dir, 'v4.sqlite');
    const old = filledV4(file);
    const before = snapshotTables(old);
    const sha = (old.db.prepare("SELECT sha256 FROM preuve WHERE id = 'p-f'").get() as { sha256: string }).sha256;
    old.db.close();

    const db = openDatabase(file, MIGRATIONS.slice(0, 5));
    expect(db.pragma('user_version', { simple: true })).toBe(5);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const after = snapshotTables({ db } as ServiceContext);
    for (const t of Object.keys(before)) if (t !== 'preuve') expect(after[t], t).toEqual(before[t]);
    // The preuve rows: the same values, and the three new columns at their defaults.
    const preuves = (rows: unknown[]) => rows.map((r) => JSON.parse(r as string) as Record<string, unknown>);
    expect(preuves(after.preuve!)).toEqual(preuves(before.preuve!).map((r) => ({ ...r, date_document: null, proprietaire_id: null, confidentiel: 0 })));
    expect(db.prepare('SELECT * FROM preuve_revision ORDER BY preuve_id').all()).toEqual([
      { preuve_id: 'p-f', numero: 1, file_name: 'deliberation.pdf', size: 25, sha256: sha, mime_type: 'application/pdf', added_at: '2026-01-02T08:00:00.000Z', added_by: 'Bob' },
      { preuve_id: 'p-g', numero: 1, file_name: 'autre.txt', size: 25, sha256: sha, mime_type: 'text/plain', added_at: '2026-01-04T08:00:00.000Z', added_by: 'Alice' },
    ]);
    expect(db.prepare('SELECT * FROM preuve_couverture').all()).toEqual([{ preuve_id: 'p-f', referential_id: 'eci', preuve_attendue_id: 'deliberation' }]);
    db.close();
  });

  it('after it, the services read the old preuves: revision 1, covered, and a new version keeps the first', () => {
    const file = join(tmp.dir, 'v4b.sqlite');
    filledV4(file).db.close();
    const core = bindCore(context(openDatabase(file)));
    const p = core.preuves.library().find((x) => x.id === 'p-f')!;
    expect(p).toMatchObject({ revision: 1, confidentiel: false, couvertures: [{ referentialId: 'eci', preuveAttendueId: 'deliberation' }], nodeIds: ['eci_1.1', 'rgesn_1.1'] });
    core.preuves.addRevision({ preuveId: 'p-f', fileName: 'deliberation-v2.pdf', bytes: new TextEncoder().encode('Délibération modifiée') });
    expect(core.preuves.revisions('p-f').map((r) => [r.numero, r.fileName])).toEqual([
      [2, 'deliberation-v2.pdf'],
      [1, 'deliberation.pdf'],
    ]);
    // The person table's delete sets an owner to null, never deletes the preuve.
    const person = core.people.list()[0]!;
    core.preuves.update({ preuveId: 'p-g', proprietaireId: person.id });
    core.ctx.db.prepare('DELETE FROM person WHERE id = ?').run(person.id);
    expect(core.preuves.library().find((x) => x.id === 'p-g')).toMatchObject({ proprietaireId: null, proprietaire: null });
    core.close();
  });
});
