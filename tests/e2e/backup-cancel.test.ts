/**
 * « Sauvegarder maintenant » on a large database in Chromium (issue 8 item 4): a progress bar while SQLite copies
 * the base, « Annuler la sauvegarde » stops it and leaves no file in the backups folder, the next backup completes.
 * The workspace database is seeded with ~300 MiB of ballast so that the copy lasts long enough to be seen.
 */
import Database from 'better-sqlite3';
import { existsSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupsDir } from '../../electron/core/backup/files';
import { createCore } from '../../electron/core/core';
import { workspacePaths } from '../../electron/core/paths';
import { startE2EApp, type E2EApp } from './harness';
import { text, tid } from './ui';

const MIB = 300;
let app: E2EApp;

function seed(dataDir: string): void {
  createCore({ dataDir, demo: false, log: () => {} }).close();
  const db = new Database(workspacePaths(dataDir, 'ma-collectivite').db);
  db.exec('CREATE TABLE lest (b BLOB)');
  const insert = db.prepare('INSERT INTO lest VALUES (zeroblob(1048576))');
  db.transaction(() => {
    for (let i = 0; i < MIB; i++) insert.run();
  })();
  db.close();
}

const backupFiles = () => {
  const dir = backupsDir(app.dataDir, 'ma-collectivite');
  return existsSync(dir) ? readdirSync(dir).sort() : [];
};

beforeAll(async () => {
  app = await startE2EApp({ demo: false, seed });
});

afterAll(async () => {
  await app?.close();
});

describe('Sauvegardes: progress and cancel of a backup', () => {
  it('shows the copy progressing, cancels it without leaving a file, then backs up to the end', async () => {
    const { page } = app;
    await page.goto(`${app.url}#/sauvegardes`);
    await page.waitForSelector(tid('backups-table'));
    const before = backupFiles();
    await page.click(tid('backup-now'));
    await page.waitForSelector(tid('backup-progressbar'));
    expect(await page.getAttribute(tid('backup-progressbar'), 'aria-label')).toBe('Avancement de la sauvegarde');
    await page.waitForFunction(() => /^\d+\u202f% de la base copiée$/.test(document.querySelector('[data-testid="backup-progress-text"]')?.textContent ?? ''));
    await page.click(tid('backup-cancel'));
    expect(await text(page, 'backup-cancelled')).toBe("Sauvegarde annulée : aucun fichier n'a été laissé.");
    expect(await page.$(tid('backup-progress'))).toBeNull();
    // The core stops the copy and removes its temp file.
    const end = Date.now() + 15_000;
    while (JSON.stringify(backupFiles()) !== JSON.stringify(before) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    expect(backupFiles()).toEqual(before);

    await page.click(tid('backup-now'));
    expect(await text(page, 'backup-report')).toMatch(/^Sauvegarde créée : \d\d\/\d\d\/\d{4} \d\d:\d\d \(\d+(,\d)?\u202fMo\)\.$/);
    expect(backupFiles().length).toBe(before.length + 1);
    expect(app.pageErrors).toEqual([]);
  });
});
