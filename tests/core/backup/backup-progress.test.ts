/**
 * « Sauvegarder maintenant » as events (issue 8 item 4; backup/index.ts `createEvents`): progress in pages up to the
 * total, then the backup; a cancel stops SQLite's online backup and leaves no file behind, and the next backup runs.
 */
import Database from 'better-sqlite3';
import { existsSync, readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { BackupEvent } from '../../../electron/core/backup';
import { createCore } from '../../../electron/core/core';
import { workspacePaths } from '../../../electron/core/paths';
import { userErrorAsync } from '../../helpers/errors';
import { tempDir } from '../helpers/context';

const t = tempDir('label-audit-backup-progress-');
afterAll(() => t.cleanup());

/** A workspace whose database weighs about `mib` MiB (a ballast table), so that a backup takes many steps. */
function bigWorkspace(mib: number) {
  const dataDir = `${t.dir}/ws-${mib}-${Math.random().toString(36).slice(2)}`;
  createCore({ dataDir, demo: false, log: () => {} }).close();
  const db = new Database(workspacePaths(dataDir, 'ma-collectivite').db);
  db.exec('CREATE TABLE lest (b BLOB)');
  const insert = db.prepare('INSERT INTO lest VALUES (randomblob(1048576))');
  db.transaction(() => {
    for (let i = 0; i < mib; i++) insert.run();
  })();
  db.close();
  return createCore({ dataDir, demo: false, log: () => {} });
}

describe('backup with progress and cancel', () => {
  it('reports pages copied up to the total, then the backup', async () => {
    const core = bigWorkspace(24);
    try {
      const before = core.backups.list().backups.length;
      const events: BackupEvent[] = [];
      for await (const e of core.backups.createEvents('manuelle')) events.push(e);
      const progress = events.filter((e) => e.type === 'progress');
      const done = events.at(-1);
      expect(done?.type).toBe('done');
      expect(progress.length).toBeGreaterThan(0);
      const last = progress.at(-1)!;
      expect(last.pages).toBe(last.totalPages);
      // Pages never go backwards; the last event says all is copied.
      for (let i = 1; i < progress.length; i++) expect(progress[i]!.pages).toBeGreaterThanOrEqual(progress[i - 1]!.pages);
      expect(done?.type === 'done' && done.backup.kind).toBe('manuelle');
      expect(done?.type === 'done' && done.backup.size).toBeGreaterThan(24 * 1024 * 1024);
      expect(core.backups.list().backups.length).toBe(before + 1);
    } finally {
      core.close();
    }
  });

  it('a cancel at the first progress stops the copy: UserError BACKUP_CANCELLED, no file left; the next backup works', async () => {
    const core = bigWorkspace(48);
    try {
      const dir = core.backups.dir;
      const files = () => (existsSync(dir) ? readdirSync(dir).sort() : []);
      const before = files();
      const ac = new AbortController();
      const seen: BackupEvent[] = [];
      const run = (async () => {
        for await (const e of core.backups.createEvents('manuelle', ac.signal)) {
          seen.push(e);
          // The first event comes from the first step of the copy: cancel there, while it runs.
          if (e.type === 'progress') ac.abort();
        }
      })();
      const err = await userErrorAsync(run);
      expect(err.code).toBe('BACKUP_CANCELLED');
      expect(err.message).toBe("Sauvegarde annulée : aucun fichier de sauvegarde partiel n'a été laissé.");
      expect(seen.some((e) => e.type === 'done')).toBe(false);
      expect(files()).toEqual(before);
      // Cancelled before it starts: the same, nothing written.
      const early = new AbortController();
      early.abort();
      const it0 = core.backups.createEvents('manuelle', early.signal);
      expect((await userErrorAsync(it0.next())).code).toBe('BACKUP_CANCELLED');
      expect(files()).toEqual(before);
      const b = await core.backups.create('manuelle');
      expect(files()).toEqual([...before, b.name].sort());
    } finally {
      core.close();
    }
  });
});
