/**
 * A broken or read-only data folder is a user error naming the folder or file (lead's decision B on the CLI/core
 * tester's report), never an internal error. Real cases where root can produce them (a file in place of a folder,
 * a text file as the database), the rest by the mapping table.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import { storageError } from '../../electron/core/storage-errors';
import { UserError } from '../../shared/errors';
import { tempDir } from './helpers/context';

const dirs: Array<() => void> = [];
afterAll(() => dirs.forEach((c) => c()));
function freshDir(): string {
  const t = tempDir('label-audit-storage-');
  dirs.push(t.cleanup);
  return t.dir;
}

function thrown(fn: () => unknown): UserError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return e as UserError;
  }
  throw new Error('expected a UserError');
}

describe('createCore on a broken data folder', () => {
  it('a file where the data folder should be', () => {
    const file = join(freshDir(), 'donnees');
    writeFileSync(file, 'pas un dossier');
    const e = thrown(() => createCore({ dataDir: file, demo: false }));
    expect([e.code, e.message, e.location.path]).toEqual(['FILE_UNREADABLE', `Un fichier se trouve là où Label Audit attend un dossier : ${file}.`, file]);
    expect(e.en).toBe(`There is a file where Label Audit expects a folder: ${file}.`);
  });

  it('a file where the workspaces folder should be', () => {
    const dataDir = freshDir();
    writeFileSync(join(dataDir, 'workspaces'), '');
    const e = thrown(() => createCore({ dataDir, demo: false }));
    expect(e.message).toBe(`Un fichier se trouve là où Label Audit attend un dossier : ${join(dataDir, 'workspaces')}.`);
    expect(e.en).toBe(`There is a file where Label Audit expects a folder: ${join(dataDir, 'workspaces')}.`);
  });

  it('a workspace database that is not a SQLite file', () => {
    const dataDir = freshDir();
    const db = join(dataDir, 'workspaces', 'ma-collectivite', 'label-audit.sqlite');
    mkdirSync(join(db, '..'), { recursive: true });
    writeFileSync(db, 'ceci est un texte, pas une base SQLite '.repeat(200));
    const e = thrown(() => createCore({ dataDir, demo: false }));
    expect([e.code, e.message, e.location.path]).toEqual(['FILE_UNREADABLE', `Le fichier ${db} n'est pas une base Label Audit lisible (file is not a database).`, db]);
  });
});

describe('storageError mapping', () => {
  const err = (code: string, extra: object = {}) => Object.assign(new Error(`${code}: boom`), { code, ...extra });
  it.each([
    [err('EACCES', { path: '/srv/la' }), 'Accès refusé à /srv/la : Label Audit doit pouvoir lire et écrire dans son dossier de données (droits insuffisants).'],
    [err('EPERM'), 'Accès refusé à /data : Label Audit doit pouvoir lire et écrire dans son dossier de données (droits insuffisants).'],
    [err('EROFS', { path: '/mnt/cd' }), '/mnt/cd est sur un support en lecture seule : choisissez un dossier de données où Label Audit peut écrire.'],
    [err('ENOSPC', { path: '/data/x' }), 'Plus de place sur le disque pour écrire dans /data/x.'],
    [err('SQLITE_READONLY_DBMOVED'), 'La base /data/w.sqlite est en lecture seule : Label Audit doit pouvoir écrire dans ce fichier et dans son dossier.'],
    [err('SQLITE_READONLY'), 'La base /data/w.sqlite est en lecture seule : Label Audit doit pouvoir écrire dans ce fichier et dans son dossier.'],
    [err('SQLITE_CANTOPEN'), "Impossible d'ouvrir la base /data/w.sqlite : dossier absent, protégé en écriture ou droits insuffisants."],
  ])('%s → one French line', (e, message) => {
    const mapped = storageError(e, '/data', '/data/w.sqlite');
    expect(mapped).toBeInstanceOf(UserError);
    expect((mapped as UserError).message).toBe(message);
  });

  it('says the same in English, naming the folder or the database', () => {
    expect((storageError(err('EACCES', { path: '/srv/la' }), '/data', '/data/w.sqlite') as UserError).en).toBe(
      'Access denied to /srv/la: Label Audit must be able to read and write in its data folder (insufficient rights).',
    );
    expect((storageError(err('SQLITE_FULL'), '/data', '/data/w.sqlite') as UserError).en).toBe(
      'No space left on the disk to write the database /data/w.sqlite: free some space and try again; the change was not saved.',
    );
  });

  it('leaves other errors and UserErrors as they are', () => {
    const other = err('ECONNRESET');
    expect(storageError(other, '/d', '/d/w')).toBe(other);
    const user = new UserError('INPUT_INVALID', 'x');
    expect(storageError(user, '/d', '/d/w')).toBe(user);
    expect(storageError('texte', '/d', '/d/w')).toBe('texte');
  });
});
