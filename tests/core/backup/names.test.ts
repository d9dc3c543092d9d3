/** Backup names, order, rotation and the daily schedule (electron/core/backup/names.ts), as pure functions. */
import { describe, expect, it } from 'vitest';
import {
  BACKUP_KEEP,
  backupFileName,
  backupsToRotate,
  compareNewestFirst,
  dailyBackupDue,
  parseBackupFileName,
  type BackupKind,
} from '../../../electron/core/backup/names';

describe('backup file names', () => {
  it('are the UTC second and the kind, without any colon (Windows), with -2, -3… for a second one', () => {
    expect(backupFileName('2026-11-30T10:15:00.123Z', 'quotidienne')).toBe('2026-11-30T10-15-00Z-quotidienne.sqlite');
    expect(backupFileName('2026-11-30T11:15:09+01:00', 'avant-import')).toBe('2026-11-30T10-15-09Z-avant-import.sqlite');
    expect(backupFileName('2026-11-30T10:15:00.000Z', 'manuelle', 3)).toBe('2026-11-30T10-15-00Z-manuelle-3.sqlite');
    expect(backupFileName('2026-01-02T03:04:05.000Z', 'avant-restauration')).not.toMatch(/[:\\/*?"<>|]/);
    expect(() => backupFileName('hier', 'manuelle')).toThrow(RangeError);
  });

  it('read back: kind, time and sequence; any other file name is not a backup', () => {
    expect(parseBackupFileName('2026-11-30T10-15-00Z-quotidienne.sqlite')).toEqual({ kind: 'quotidienne', at: '2026-11-30T10:15:00.000Z', seq: 1 });
    expect(parseBackupFileName('2026-11-30T10-15-00Z-avant-migration-2.sqlite')).toEqual({ kind: 'avant-migration', at: '2026-11-30T10:15:00.000Z', seq: 2 });
    for (const other of [
      'label-audit.sqlite',
      '2026-11-30T10-15-00Z-hebdomadaire.sqlite',
      '2026-11-30T10-15-00Z-quotidienne.sqlite-wal',
      '.tmp-sauvegarde-123-abcdef.sqlite',
      '2026-13-45T10-15-00Z-manuelle.sqlite',
      '../2026-11-30T10-15-00Z-manuelle.sqlite',
    ]) {
      expect(parseBackupFileName(other)).toBeNull();
    }
  });

  it('sort newest first, a -2 after the plain name of the same second', () => {
    const names = [
      '2026-11-29T10-00-00Z-quotidienne.sqlite',
      '2026-11-30T10-00-00Z-manuelle.sqlite',
      '2026-11-30T10-00-00Z-manuelle-2.sqlite',
      '2026-11-30T09-59-59Z-avant-import.sqlite',
    ].map((name) => ({ name }));
    expect(names.sort(compareNewestFirst).map((b) => b.name)).toEqual([
      '2026-11-30T10-00-00Z-manuelle-2.sqlite',
      '2026-11-30T10-00-00Z-manuelle.sqlite',
      '2026-11-30T09-59-59Z-avant-import.sqlite',
      '2026-11-29T10-00-00Z-quotidienne.sqlite',
    ]);
  });
});

describe('rotation', () => {
  const series = (kind: BackupKind, n: number) =>
    Array.from({ length: n }, (_, i) => ({ name: backupFileName(new Date(Date.UTC(2026, 0, 1 + i)).toISOString(), kind), kind }));

  it('keeps the newest 7 daily, 10 before-import, 5 before-migration, 5 before-restore, 20 manual', () => {
    expect(BACKUP_KEEP).toEqual({ quotidienne: 7, 'avant-import': 10, 'avant-migration': 5, 'avant-restauration': 5, manuelle: 20 });
    const list = [...series('quotidienne', 9), ...series('avant-import', 12), ...series('avant-migration', 6), ...series('avant-restauration', 5), ...series('manuelle', 1)];
    expect(backupsToRotate(list).map((b) => b.name)).toEqual([
      '2026-01-02T00-00-00Z-quotidienne.sqlite',
      '2026-01-01T00-00-00Z-quotidienne.sqlite',
      '2026-01-01T00-00-00Z-avant-migration.sqlite',
      '2026-01-02T00-00-00Z-avant-import.sqlite',
      '2026-01-01T00-00-00Z-avant-import.sqlite',
    ]);
  });

  it('deletes nothing under the limits', () => {
    expect(backupsToRotate([...series('quotidienne', 7), ...series('avant-import', 10)])).toEqual([]);
  });
});

describe('daily backup schedule', () => {
  const daily = (at: string) => ({ kind: 'quotidienne' as const, at });
  it('is due with no daily backup yet, whatever other backups exist', () => {
    expect(dailyBackupDue([], '2026-11-30T10:00:00.000Z')).toBe(true);
    expect(dailyBackupDue([{ kind: 'manuelle', at: '2026-11-30T09:00:00.000Z' }], '2026-11-30T10:00:00.000Z')).toBe(true);
  });
  it('is due 24 h after the newest daily backup, not before', () => {
    const list = [daily('2026-11-28T10:00:00.000Z'), daily('2026-11-29T10:00:00.000Z')];
    expect(dailyBackupDue(list, '2026-11-30T09:59:59.000Z')).toBe(false);
    expect(dailyBackupDue(list, '2026-11-30T10:00:00.000Z')).toBe(true);
  });
});
