/**
 * Backups of a real workspace on disk (issue 7 item 2): daily at start, before a migration, before an import,
 * rotation, single-file backups, `--out`, and failures reported in French with nothing changed.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupsDir } from '../../../electron/core/backup/files';
import { createCore, startCore } from '../../../electron/core/core';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../electron/core/db/migrations';
import { APPLICATION_ID, openDatabase } from '../../../electron/core/db/open';
import { workspacePaths, writeSettings } from '../../../electron/core/paths';
import { userErrorAsync } from '../../helpers/errors';
import { fixedClock, tempDir } from '../helpers/context';

const dirs: Array<() => void> = [];
afterAll(() => dirs.forEach((c) => c()));
function freshDir(): string {
  const t = tempDir('label-audit-backup-');
  dirs.push(t.cleanup);
  return t.dir;
}

const T0 = Date.UTC(2026, 10, 30, 10, 15, 0);
const GRID_CSV = 'identifiant;intitulé;points\n1;Gouvernance;\n1.1;Engagement;60\n1.2;Pilotage;40\nTotal;;100\n';

function header(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return {
      journal: db.pragma('journal_mode', { simple: true }),
      userVersion: db.pragma('user_version', { simple: true }),
      applicationId: db.pragma('application_id', { simple: true }),
      integrity: db.pragma('integrity_check', { simple: true }),
      referentials: (db.prepare('SELECT id FROM referential ORDER BY id').all() as { id: string }[]).map((r) => r.id),
    };
  } finally {
    db.close();
  }
}

describe('automatic backups', () => {
  it('startCore takes the daily backup at the first start, none again within 24 h, a new one after', async () => {
    const dataDir = freshDir();
    const core = await startCore({ dataDir, demo: false, now: fixedClock(T0), log: () => undefined });
    const dir = backupsDir(dataDir, 'ma-collectivite');
    expect(core.backups.dir).toBe(dir);
    const first = core.backups.list();
    expect(first.backups.map((b) => [b.name, b.kind])).toEqual([[expect.stringMatching(/^2026-11-30T10-15-\d\dZ-quotidienne\.sqlite$/), 'quotidienne']]);
    expect(first.lastError).toBeNull();
    expect(first.lastErrorEn).toBeNull();
    core.close();
    // One self-contained file per backup: no -wal/-shm beside it, DELETE journal, our id and schema, intact.
    expect(readdirSync(dir)).toEqual([first.backups[0]!.name]);
    expect(header(join(dir, first.backups[0]!.name))).toEqual({
      journal: 'delete',
      userVersion: SCHEMA_VERSION,
      applicationId: APPLICATION_ID,
      integrity: 'ok',
      referentials: ['label-nr'],
    });
    expect(first.backups[0]!.size).toBe(readFileSync(join(dir, first.backups[0]!.name)).length);

    const later = await startCore({ dataDir, now: fixedClock(T0 + 23 * 3600_000), log: () => undefined });
    expect(later.backups.list().backups).toHaveLength(1);
    later.close();
    const nextDay = await startCore({ dataDir, now: fixedClock(T0 + 25 * 3600_000), log: () => undefined });
    expect(nextDay.backups.list().backups.map((b) => b.name)).toEqual([expect.stringMatching(/^2026-12-01T11-15-\d\dZ-quotidienne\.sqlite$/), first.backups[0]!.name]);
    nextDay.close();
  });

  it('before every import: the backup holds the state before it; a file that does not parse takes none and writes nothing', async () => {
    const dataDir = freshDir();
    const core = createCore({ dataDir, demo: false, now: fixedClock(T0), log: () => undefined });
    await expect(core.referentials.importAsync([{ name: 'grille.csv', text: 'identifiant;intitulé;points\n' }], { id: 'grille' })).rejects.toMatchObject({
      code: 'REFERENTIAL_INVALID',
    });
    expect(core.backups.list().backups).toEqual([]);
    await core.referentials.importAsync([{ name: 'grille.csv', text: GRID_CSV }], { id: 'grille' });
    const [b] = core.backups.list().backups;
    expect(b?.kind).toBe('avant-import');
    expect(core.referentials.list().map((r) => r.id)).toEqual(['grille', 'label-nr']);
    expect(header(join(core.backups.dir, b!.name)).referentials).toEqual(['label-nr']);
    core.close();
  });

  it('an import whose backup cannot be written is not made (French message naming the folder)', async () => {
    const dataDir = freshDir();
    const core = createCore({ dataDir, demo: false, now: fixedClock(T0), log: () => undefined });
    mkdirSync(join(dataDir, 'sauvegardes'), { recursive: true });
    writeFileSync(core.backups.dir, 'un fichier à la place du dossier');
    const e = await userErrorAsync(core.referentials.importAsync([{ name: 'grille.csv', text: GRID_CSV }], { id: 'grille' }));
    expect(e.message).toBe(`La sauvegarde n'a pas pu être écrite : Un fichier se trouve là où Label Audit attend un dossier : ${core.backups.dir}. L'import n'a pas été fait.`);
    expect(core.referentials.list().map((r) => r.id)).toEqual(['label-nr']);
    core.close();
  });

  it('a failed daily backup does not stop the app: logged, and shown by list().lastError', async () => {
    const dataDir = freshDir();
    createCore({ dataDir, demo: false, log: () => undefined }).close();
    mkdirSync(join(dataDir, 'sauvegardes'), { recursive: true });
    writeFileSync(backupsDir(dataDir, 'ma-collectivite'), '');
    const logs: string[] = [];
    const core = await startCore({ dataDir, now: fixedClock(T0), log: (l) => logs.push(l) });
    const expected = `La sauvegarde n'a pas pu être écrite : Un fichier se trouve là où Label Audit attend un dossier : ${backupsDir(dataDir, 'ma-collectivite')}.`;
    expect(logs).toEqual([expected]);
    const expectedEn = `The backup could not be written: There is a file where Label Audit expects a folder: ${backupsDir(dataDir, 'ma-collectivite')}.`;
    expect(core.backups.list()).toEqual({ dir: backupsDir(dataDir, 'ma-collectivite'), backups: [], lastError: expected, lastErrorEn: expectedEn });
    expect(core.workspace.get().nom).toBe('Ma collectivité');
    core.close();
  });
});

/** A workspace database at schema version 1 (the previous one), with its workspace row and settings. */
function versionOneWorkspace(dataDir: string): string {
  const file = workspacePaths(dataDir, 'ancienne').db;
  mkdirSync(join(file, '..'), { recursive: true });
  const db = openDatabase(file, MIGRATIONS.slice(0, 1));
  db.prepare("INSERT INTO workspace VALUES ('ancienne', 'Commune ancienne', 'commune', NULL, 800, 'Bob', '2025-01-01T00:00:00.000Z')").run();
  db.close();
  writeSettings(dataDir, { currentWorkspace: 'ancienne' });
  return file;
}

describe('backup before a migration', () => {
  it('an older database is backed up (at its own version) before it is migrated', async () => {
    const dataDir = freshDir();
    const file = versionOneWorkspace(dataDir);
    const core = await startCore({ dataDir, now: fixedClock(T0), log: () => undefined });
    const byKind = Object.fromEntries(core.backups.list().backups.map((b) => [b.kind, b.name]));
    expect(Object.keys(byKind).sort()).toEqual(['avant-migration', 'quotidienne']);
    expect(header(join(core.backups.dir, byKind['avant-migration']!)).userVersion).toBe(1);
    expect(header(join(core.backups.dir, byKind.quotidienne!)).userVersion).toBe(SCHEMA_VERSION);
    core.close();
    expect(header(file).userVersion).toBe(SCHEMA_VERSION);
  });

  it('no backup, no migration when that backup cannot be written', async () => {
    const dataDir = freshDir();
    const file = versionOneWorkspace(dataDir);
    mkdirSync(join(dataDir, 'sauvegardes'), { recursive: true });
    writeFileSync(backupsDir(dataDir, 'ancienne'), '');
    const e = await userErrorAsync(startCore({ dataDir, now: fixedClock(T0), log: () => undefined }));
    expect(e.message).toBe(
      `La sauvegarde n'a pas pu être écrite : Un fichier se trouve là où Label Audit attend un dossier : ${backupsDir(dataDir, 'ancienne')}. La base ${file} n'a pas été mise à jour.`,
    );
    expect(header(file).userVersion).toBe(1);
  });

  it('a current database takes none', async () => {
    const dataDir = freshDir();
    createCore({ dataDir, demo: false, log: () => undefined }).close();
    const core = await startCore({ dataDir, now: fixedClock(T0), log: () => undefined });
    expect(core.backups.list().backups.map((b) => b.kind)).toEqual(['quotidienne']);
    core.close();
  });
});

describe('rotation and manual backups', () => {
  it('12 backups before import keep the newest 10; other kinds are not touched', async () => {
    const dataDir = freshDir();
    const core = createCore({ dataDir, demo: false, now: fixedClock(T0), log: () => undefined });
    const manual = await core.backups.create();
    const names: string[] = [];
    for (let i = 0; i < 12; i++) names.push((await core.backups.create('avant-import')).name);
    const left = core.backups.list().backups;
    expect(left.filter((b) => b.kind === 'avant-import').map((b) => b.name)).toEqual(names.slice(2).reverse());
    expect(left.filter((b) => b.kind === 'manuelle').map((b) => b.name)).toEqual([manual.name]);
    expect(readdirSync(core.backups.dir).sort()).toEqual(left.map((b) => b.name).sort());
    core.close();
  });

  it('two backups in the same second get distinct names', async () => {
    const dataDir = freshDir();
    const core = createCore({ dataDir, demo: false, now: () => '2026-11-30T10:15:00.000Z', log: () => undefined });
    const [a, b] = await Promise.all([core.backups.create(), core.backups.create()]);
    expect([a.name, b.name]).toEqual(['2026-11-30T10-15-00Z-manuelle.sqlite', '2026-11-30T10-15-00Z-manuelle-2.sqlite']);
    core.close();
  });

  it('writeTo: a complete file where asked; a missing folder, a folder or the database itself refused', async () => {
    const dataDir = freshDir();
    const core = createCore({ dataDir, demo: false, log: () => undefined });
    const out = join(dataDir, 'copie.sqlite');
    writeFileSync(out, 'ancien contenu');
    const r = await core.backups.writeTo(out);
    expect(r).toEqual({ path: out, size: readFileSync(out).length });
    expect(header(out)).toMatchObject({ journal: 'delete', integrity: 'ok', referentials: ['label-nr'] });
    expect(readdirSync(dataDir).filter((f) => f.startsWith('.tmp'))).toEqual([]);

    const missing = join(dataDir, 'absent', 'x.sqlite');
    expect((await userErrorAsync(core.backups.writeTo(missing))).message).toBe(`Le dossier ${join(dataDir, 'absent')} n'existe pas : créez-le ou choisissez un autre chemin.`);
    expect((await userErrorAsync(core.backups.writeTo(dataDir))).message).toBe(`${dataDir} est un dossier : donnez un nom de fichier, par exemple ${join(dataDir, 'sauvegarde.sqlite')}.`);
    const db = workspacePaths(dataDir, 'ma-collectivite').db;
    expect((await userErrorAsync(core.backups.writeTo(db))).message).toBe(`${db} est la base ouverte elle-même : choisissez un autre fichier.`);
    expect(core.workspace.get().nom).toBe('Ma collectivité');
    core.close();
  });

  it('an in-memory workspace takes no automatic backup', async () => {
    const { memoryCore } = await import('../helpers/context');
    const m = memoryCore();
    expect(await m.core.backups.dailyIfDue()).toBeNull();
    expect(await m.core.backups.beforeImport()).toBeNull();
    expect(existsSync(m.core.backups.dir)).toBe(false);
    m.cleanup();
  });
});
