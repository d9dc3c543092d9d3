import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../electron/core/db/migrations';
import { migrate, openDatabase } from '../../../electron/core/db/open';
import { isUserError } from '../../../shared/errors';
import { tempDir } from '../helpers/context';

const tmp = tempDir('label-audit-db-');
afterAll(() => tmp.cleanup());

const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
const indexes = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('migrations', () => {
  it('are numbered 1..n in order and the schema version is the highest (9)', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(MIGRATIONS.map((m) => m.name)).toEqual(['init', 'lookup_indexes', 'personnalisation', 'more_models', 'preuves_library', 'exports_pilotes', 'partage', 'jalons', 'audit']);
    expect(SCHEMA_VERSION).toBe(9);
  });

  it('open a database at version 0 (new file): every table, WAL, foreign keys, busy_timeout 5000', () => {
    const file = join(tmp.dir, 'v0.sqlite');
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(tables(db)).toEqual([
      'audit_cycle',
      'audit_mesure',
      'audit_note',
      'echeance',
      'export_pilote',
      'history',
      'invitation',
      'jalon',
      'jalon_preuve',
      'jalon_referentiel',
      'jalon_referentiel_contenu',
      'node',
      'node_service',
      'person',
      'pilote',
      'preuve',
      'preuve_attendue',
      'preuve_attendue_node',
      'preuve_couverture',
      'preuve_node',
      'preuve_revision',
      'question',
      'question_choix',
      'question_thematique',
      'referential',
      'reponse',
      'service',
      'statut',
      'workspace',
    ]);
    db.close();
  });

  it('open a database at the previous version (1): migration 2 adds its indexes and keeps the data', () => {
    const file = join(tmp.dir, 'v1.sqlite');
    const old = new Database(file);
    migrate(old, file, MIGRATIONS.slice(0, 1));
    expect(old.pragma('user_version', { simple: true })).toBe(1);
    old.prepare("INSERT INTO workspace VALUES ('w', 'Commune ancienne', 'commune', NULL, 800, 'Bob', '2025-01-01T00:00:00.000Z')").run();
    old.prepare("INSERT INTO history (at, who, action) VALUES ('2025-01-01T00:00:00.000Z', 'Bob', 'workspace.create')").run();
    expect(indexes(old)).toEqual([]);
    old.close();

    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(indexes(db)).toEqual([
      'history_by_node',
      'jalon_preuve_by_sha256',
      'node_by_parent',
      'pilote_by_person',
      'preuve_by_sha256',
      'preuve_couverture_by_attendue',
      'preuve_node_by_node',
      'preuve_revision_by_sha256',
    ]);
    expect(db.prepare('SELECT nom, population FROM workspace').get()).toEqual({ nom: 'Commune ancienne', population: 800 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM history').get()).toEqual({ n: 1 });
    db.close();
  });

  it('open a database at version 2: migration 3 adds identity columns (Metropole by default) and keeps the workspace', () => {
    const file = join(tmp.dir, 'v2.sqlite');
    const old = new Database(file);
    migrate(old, file, MIGRATIONS.slice(0, 2));
    old.prepare("INSERT INTO workspace VALUES ('w', 'Commune ancienne', 'EPCI', NULL, 25000, 'Bob', '2025-01-01T00:00:00.000Z')").run();
    old.close();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT nom, type_collectivite, population, soustype, localisation, dans_aire_urbaine FROM workspace').get()).toEqual({
      nom: 'Commune ancienne',
      type_collectivite: 'EPCI',
      population: 25000,
      soustype: null,
      localisation: 'Metropole',
      dans_aire_urbaine: null,
    });
    expect(() => db.prepare("UPDATE workspace SET localisation = 'Lune'").run()).toThrow(/CHECK/);
    db.close();
  });

  it('a failing migration rolls back alone: the version stays at the last good one', () => {
    const file = join(tmp.dir, 'fail.sqlite');
    const db = new Database(file);
    const broken = { version: SCHEMA_VERSION + 1, name: 'broken', up: (d: Database.Database) => d.exec('CREATE TABLE extra (x); INSERT INTO nope VALUES (1);') };
    expect(() => migrate(db, file, [...MIGRATIONS, broken])).toThrow(/nope/);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(tables(db)).not.toContain('extra');
    db.close();
  });

  it('refuses a database from the future with DB_FROM_FUTURE naming the file, without writing to it', () => {
    const file = join(tmp.dir, 'future.sqlite');
    const future = new Database(file);
    future.exec('CREATE TABLE t (x)');
    future.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    future.close();
    const before = createHash('sha256').update(readFileSync(file)).digest('hex');
    let err: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      err = e;
    }
    expect(isUserError(err)).toBe(true);
    expect((err as { code: string }).code).toBe('DB_FROM_FUTURE');
    expect((err as Error).message).toContain(file);
    expect((err as Error).message).toContain(`schéma ${SCHEMA_VERSION + 1}`);
    expect((err as { en: string }).en).toBe(
      `The database ${file} was written by a newer version of Label Audit (schema ${SCHEMA_VERSION + 1}, this version knows schema ${SCHEMA_VERSION}): update the application. The database was not changed.`,
    );
    expect((err as { location: { file: string } }).location.file).toBe(file);
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
  });

  it('history is append-only: UPDATE and DELETE are refused by triggers', () => {
    const db = openDatabase(':memory:');
    db.prepare("INSERT INTO history (at, who, action) VALUES ('2026-01-01T00:00:00.000Z', 'A', 'x')").run();
    expect(() => db.prepare("UPDATE history SET who = 'B'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM history').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT who FROM history').get()).toEqual({ who: 'A' });
    db.close();
  });
});
