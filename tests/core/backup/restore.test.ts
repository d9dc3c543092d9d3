/**
 * Restore (issue 7 item 2): a round trip with statuts, preuves (files and links) and history intact; every wrong
 * file refused with a French message naming it, the open store left exactly as it was (rows, no temp file, no
 * backup taken); an older backup migrated; a database open elsewhere never swapped.
 */
import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../../electron/core/api/router';
import { createCore, type Core } from '../../../electron/core/core';
import { SCHEMA_VERSION } from '../../../electron/core/db/migrations';
import { workspacePaths } from '../../../electron/core/paths';
import { userErrorAsync } from '../../helpers/errors';
import { fixedClock, snapshotTables, tempDir } from '../helpers/context';

const dirs: Array<() => void> = [];
afterAll(() => dirs.forEach((c) => c()));
function freshDir(): string {
  const t = tempDir('label-audit-restore-');
  dirs.push(t.cleanup);
  return t.dir;
}

const T0 = Date.UTC(2026, 10, 30, 10, 15, 0);
const NR = 'label-nr';

function openCore(dataDir: string): Core {
  return createCore({ dataDir, demo: false, user: 'Camille', now: fixedClock(T0), log: () => undefined });
}

/** What a restore must bring back: statuts, preuves with their nodes, history, as the API shows them. */
function state(core: Core) {
  return {
    statuts: core.statuts.list(NR),
    preuves: core.preuves.list(NR),
    history: core.history.list({ limit: 5000 }),
    score: core.scores.get(NR).root,
  };
}

/** A workspace with two statuts, a file preuve and a link preuve, and a manual backup of that state. */
async function workspaceWithBackup() {
  const dataDir = freshDir();
  const core = openCore(dataDir);
  core.statuts.set({ referentialId: NR, nodeId: 'label-nr_1.1', statut: 'fait', explication: 'Délibération du 12 mars' });
  core.statuts.set({ referentialId: NR, nodeId: 'label-nr_1.2', statut: 'detaille', detail: [0.5, 0.3, 0.2] });
  const file = core.preuves.addFile({ referentialId: NR, nodeId: 'label-nr_1.1', fileName: 'délibération.pdf', bytes: Buffer.from('%PDF-1.4 délibération') });
  core.preuves.addLink({ referentialId: NR, nodeId: 'label-nr_1.2', url: 'https://valmont.example/plan-nr' });
  const backup = await core.backups.create();
  return { dataDir, core, backup, file, saved: state(core), backupFile: join(core.backups.dir, backup.name) };
}

describe('restore round trip', () => {
  it('brings back statuts, preuves (bytes present), history and score; the replaced state is backed up first', async () => {
    const { core, backup, file, saved } = await workspaceWithBackup();
    // Later work, which the restore replaces.
    core.statuts.set({ referentialId: NR, nodeId: 'label-nr_1.1', statut: 'pas_fait', explication: null });
    core.statuts.set({ referentialId: NR, nodeId: 'label-nr_1.3', statut: 'programme' });
    const later = core.preuves.addFile({ referentialId: NR, nodeId: 'label-nr_1.3', fileName: 'plan.txt', bytes: Buffer.from('plan 2027') });
    core.preuves.detach({ preuveId: file.id, nodeId: 'label-nr_1.1' });
    const replaced = state(core);
    expect(replaced).not.toEqual(saved);

    const r = await core.backups.restoreNamed(backup.name);
    expect(r).toEqual({
      restored: backup.name,
      summary: { userVersion: SCHEMA_VERSION, workspaceId: 'ma-collectivite', nom: 'Ma collectivité', referentials: 1, statuts: 2, preuves: 2, lastChangeAt: saved.history[0]!.at },
      previous: expect.objectContaining({ kind: 'avant-restauration' }),
      missingEvidence: 0,
    });
    expect(state(core)).toEqual(saved);
    expect(readFileSync(core.preuves.file(file.id).path, 'utf8')).toBe('%PDF-1.4 délibération');
    // The same Core keeps working on the restored database.
    core.statuts.set({ referentialId: NR, nodeId: 'label-nr_1.4', statut: 'fait' });
    expect(core.statuts.list(NR).map((s) => s.nodeId)).toEqual(['label-nr_1.1', 'label-nr_1.2', 'label-nr_1.4']);

    // The backup taken before the restore holds the replaced state: restoring it brings that state back.
    const undo = await core.backups.restoreNamed(r.previous.name);
    expect(undo.summary.statuts).toBe(3);
    expect(state(core)).toEqual(replaced);
    expect(core.preuves.file(later.id).size).toBe(9);
    core.close();
    // No temp file left in the workspace folder; the database reopens with the same content.
    const ws = workspacePaths(core.dataDir, 'ma-collectivite').dir;
    expect(readdirSync(ws).filter((f) => f.startsWith('.tmp'))).toEqual([]);
    const again = openCore(core.dataDir);
    expect(state(again)).toEqual(replaced);
    again.close();
  });

  it('through the router: list, « Sauvegarder maintenant », restore by name; an unknown or crafted name is NOT_FOUND', async () => {
    const { core, saved } = await workspaceWithBackup();
    const caller = appRouter.createCaller({ core });
    const made = await caller.backups.create();
    expect(made.kind).toBe('manuelle');
    const list = await caller.backups.list();
    expect(list.backups.map((b) => b.name)).toEqual([made.name, expect.stringMatching(/-manuelle\.sqlite$/)]);
    core.statuts.set({ referentialId: NR, nodeId: 'label-nr_1.1', statut: 'pas_fait' });
    await caller.backups.restore({ name: made.name });
    expect(state(core).statuts).toEqual(saved.statuts);
    for (const name of ['../label-audit.sqlite', 'inconnue.sqlite', '2020-01-01T00-00-00Z-manuelle.sqlite']) {
      await expect(caller.backups.restore({ name })).rejects.toMatchObject({ code: 'NOT_FOUND', message: `La sauvegarde « ${name} » n'existe pas dans ${core.backups.dir}.` });
    }
    core.close();
  });

  it('a backup of an older schema (before migration 006) is restored and migrated', async () => {
    const { core, backupFile, saved } = await workspaceWithBackup();
    const old = join(core.dataDir, 'ancienne.sqlite');
    copyFileSync(backupFile, old);
    const db = new Database(old);
    // Undo the migrations after 005 (006: pilote workbooks; 007: invitations and statut versions; 008: jalons;
    // 009: audit) to get a genuine schema-5 file.
    for (const t of ['export_pilote', 'jalon_preuve', 'jalon_referentiel', 'jalon_referentiel_contenu', 'jalon', 'audit_note', 'audit_mesure', 'audit_cycle', 'invitation']) db.exec(`DROP TABLE IF EXISTS ${t}`);
    db.exec('DROP TRIGGER statut_version; ALTER TABLE statut DROP COLUMN version;');
    db.pragma('user_version = 5');
    db.close();
    core.statuts.set({ referentialId: NR, nodeId: 'label-nr_1.1', statut: 'pas_fait' });
    const r = await core.backups.restore(old, 'ancienne.sqlite');
    expect(r.summary.userVersion).toBe(5);
    expect(core.ctx.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(state(core)).toEqual(saved);
    core.close();
  });
});

describe('restore refuses a wrong file, leaving the store as it was', () => {
  /** Runs a refused restore of `file` and checks that nothing moved: rows, backups, temp files. */
  async function refused(core: Core, file: string, shownAs = file) {
    const before = snapshotTables(core.ctx);
    const backupsBefore = readdirSync(core.backups.dir);
    const e = await userErrorAsync(core.backups.restore(file, shownAs));
    expect(snapshotTables(core.ctx)).toEqual(before);
    expect(readdirSync(core.backups.dir)).toEqual(backupsBefore);
    expect(readdirSync(workspacePaths(core.dataDir, core.workspaceId).dir).filter((f) => f.startsWith('.tmp'))).toEqual([]);
    expect(core.statuts.list(NR)).toHaveLength(2); // still open and usable
    return e;
  }

  it('a missing file, a folder', async () => {
    const { core, dataDir } = await workspaceWithBackup();
    const missing = join(dataDir, 'absente.sqlite');
    expect(await refused(core, missing)).toMatchObject({ code: 'FILE_NOT_FOUND', message: `Le fichier ${missing} est introuvable. Rien n'a été restauré.` });
    expect(await refused(core, dataDir)).toMatchObject({ code: 'FILE_UNREADABLE', message: `${dataDir} n'est pas un fichier. Rien n'a été restauré.` });
    core.close();
  });

  it('a text file renamed .sqlite, an empty file', async () => {
    const { core, dataDir } = await workspaceWithBackup();
    const text = join(dataDir, 'notes.sqlite');
    writeFileSync(text, 'Compte rendu de la réunion du 3 mars\n'.repeat(20));
    expect(await refused(core, text, 'notes.sqlite')).toMatchObject({
      code: 'BACKUP_INVALID',
      message: "Le fichier notes.sqlite n'est pas une sauvegarde Label Audit utilisable : ce n'est pas une base de données SQLite (en-tête « SQLite format 3 » absent, 760 octets). Rien n'a été restauré.",
      location: { path: 'notes.sqlite' },
    });
    const empty = join(dataDir, 'vide.sqlite');
    writeFileSync(empty, '');
    const e = await refused(core, empty, 'vide.sqlite');
    expect(e.message).toBe("Le fichier vide.sqlite n'est pas une sauvegarde Label Audit utilisable : il est vide (0 octet). Rien n'a été restauré.");
    expect(e.en).toBe('The file vide.sqlite is not a usable Label Audit backup: it is empty (0 bytes). Nothing was restored.');
    core.close();
  });

  it('a truncated backup', async () => {
    const { core, dataDir, backupFile } = await workspaceWithBackup();
    const cut = join(dataDir, 'coupee.sqlite');
    copyFileSync(backupFile, cut);
    const full = readFileSync(cut).length;
    truncateSync(cut, 8192);
    expect((await refused(core, cut, 'coupee.sqlite')).message).toBe(
      `Le fichier coupee.sqlite n'est pas une sauvegarde Label Audit utilisable : il est tronqué (8192 octets au lieu de ${full}). Rien n'a été restauré.`,
    );
    core.close();
  });

  it('a damaged backup (a page overwritten)', async () => {
    const { core, dataDir, backupFile } = await workspaceWithBackup();
    const bad = join(dataDir, 'abimee.sqlite');
    const bytes = readFileSync(backupFile);
    const pageSize = bytes.readUInt16BE(16);
    // Scribble over pages 3 to 6, keeping the header and the schema page.
    for (let i = 2 * pageSize; i < 6 * pageSize; i++) bytes[i] = (i * 7919) % 251;
    writeFileSync(bad, bytes);
    // Which tables the scribbled pages hold depends on the schema: the message names SQLite's first three findings.
    const e = await refused(core, bad, 'abimee.sqlite');
    expect(e.code).toBe('BACKUP_INVALID');
    expect(e.message).toMatch(
      /^Le fichier abimee\.sqlite n'est pas une sauvegarde Label Audit utilisable : la base est endommagée \(contrôle d'intégrité : [^;]+ ; [^;]+ ; [^;]+ ; …\)\. Rien n'a été restauré\.$/,
    );
    core.close();
  });

  it("another application's SQLite database, with or without an application_id", async () => {
    const { core, dataDir } = await workspaceWithBackup();
    const other = join(dataDir, 'autre.sqlite');
    const db = new Database(other);
    db.exec('CREATE TABLE contacts (nom TEXT); INSERT INTO contacts VALUES (\'Alice\')');
    db.close();
    expect((await refused(core, other, 'autre.sqlite')).message).toBe(
      "Le fichier autre.sqlite n'est pas une sauvegarde Label Audit utilisable : c'est une base SQLite sans le schéma de Label Audit (tables absentes : workspace, referential, node, statut, preuve, preuve_node, history). Rien n'a été restauré.",
    );
    const stamped = join(dataDir, 'stamped.sqlite');
    const db2 = new Database(stamped);
    db2.exec('CREATE TABLE t (x)');
    db2.pragma('application_id = 305419896');
    db2.close();
    expect((await refused(core, stamped, 'stamped.sqlite')).message).toBe(
      "Le fichier stamped.sqlite n'est pas une sauvegarde Label Audit utilisable : c'est la base d'une autre application (application_id 0x12345678). Rien n'a été restauré.",
    );
    core.close();
  });

  it('a backup written by a newer version of the app (DB_FROM_FUTURE)', async () => {
    const { core, dataDir, backupFile } = await workspaceWithBackup();
    const future = join(dataDir, 'future.sqlite');
    copyFileSync(backupFile, future);
    const db = new Database(future);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(await refused(core, future, 'future.sqlite')).toMatchObject({
      code: 'DB_FROM_FUTURE',
      message: `Le fichier future.sqlite a été écrit par une version plus récente de Label Audit (schéma ${SCHEMA_VERSION + 1}, cette version connaît le schéma ${SCHEMA_VERSION}) : mettez l'application à jour avant de le restaurer. Rien n'a été restauré.`,
    });
    core.close();
  });

  it("another workspace's backup, and the open database itself", async () => {
    const { core } = await workspaceWithBackup();
    const otherDir = freshDir();
    const other = createCore({ dataDir: otherDir, demo: true, now: fixedClock(T0), log: () => undefined });
    const b = await other.backups.create();
    other.close();
    expect((await refused(core, join(other.backups.dir, b.name), b.name)).message).toBe(
      `Le fichier ${b.name} n'est pas une sauvegarde Label Audit utilisable : c'est la sauvegarde de l'espace de travail « Commune de Valmont-sur-Loire » (valmont-sur-loire), pas de l'espace ouvert (ma-collectivite), dont les preuves sont rangées ailleurs. Rien n'a été restauré.`,
    );
    const live = workspacePaths(core.dataDir, 'ma-collectivite').db;
    expect((await refused(core, live)).message).toBe(`Le fichier ${live} est la base ouverte elle-même : choisissez un fichier de sauvegarde. Rien n'a été restauré.`);
    core.close();
  });

  it('a database also open in another program is not swapped under it', async () => {
    const { core, backup } = await workspaceWithBackup();
    const dbFile = workspacePaths(core.dataDir, 'ma-collectivite').db;
    const elsewhere = new Database(dbFile);
    elsewhere.prepare('SELECT COUNT(*) FROM statut').get();
    core.statuts.set({ referentialId: NR, nodeId: 'label-nr_1.1', statut: 'pas_fait' });
    const before = snapshotTables(core.ctx);
    const e = await userErrorAsync(core.backups.restoreNamed(backup.name));
    expect(e.message).toBe(
      `La base ${dbFile} est aussi ouverte par un autre programme (une autre fenêtre ou une commande label-audit) : fermez-le, puis recommencez. Rien n'a été restauré.`,
    );
    expect(snapshotTables(core.ctx)).toEqual(before);
    expect((elsewhere.prepare("SELECT statut FROM statut WHERE node_id = 'label-nr_1.1'").get() as { statut: string }).statut).toBe('pas_fait');
    elsewhere.close();
    // Once the other program is gone, the same restore goes through.
    await core.backups.restoreNamed(backup.name);
    expect(core.statuts.list(NR).find((s) => s.nodeId === 'label-nr_1.1')?.statut).toBe('fait');
    core.close();
  });

  it('an in-memory workspace has nothing to restore', async () => {
    const { memoryCore } = await import('../helpers/context');
    const m = memoryCore();
    mkdirSync(m.core.backups.dir, { recursive: true });
    const e = await userErrorAsync(m.core.backups.restore(join(m.ctx.dataDir, 'x.sqlite')));
    expect(e.message).toBe("L'espace de travail est en mémoire : il n'y a pas de fichier à restaurer.");
    expect(e.en).toBe('The workspace is in memory: there is no file to restore.');
    m.cleanup();
  });
});
