/**
 * Names and rotation of the backups (pure functions; issue 7 item 2). A backup is one SQLite file in
 * `<dataDir>/sauvegardes/<workspaceId>/`, named by its UTC time and kind so that the names sort by date and are
 * valid on Windows (no `:`): `2026-11-30T10-15-00Z-quotidienne.sqlite`; a second backup of the same kind in the
 * same second gets `-2`, `-3`… before `.sqlite`.
 */

/**
 * Why a backup was taken: `quotidienne` (at start when the last one is older than 24 h), `avant-migration` (before
 * the schema of an older database is upgraded), `avant-import` (before a referential import), `avant-restauration`
 * (the state replaced by a restore), `manuelle` (« Sauvegarder maintenant », `label-audit backup`).
 */
export const BACKUP_KINDS = ['quotidienne', 'avant-migration', 'avant-import', 'avant-restauration', 'manuelle'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/**
 * How many backups of each kind rotation keeps (the newest ones): 7 daily (a week), 10 before an import,
 * 5 before a migration, 5 before a restore, 20 manual. Older ones of that kind are deleted after each new backup.
 */
export const BACKUP_KEEP: Readonly<Record<BackupKind, number>> = {
  quotidienne: 7,
  'avant-import': 10,
  'avant-migration': 5,
  'avant-restauration': 5,
  manuelle: 20,
};

/** One backup file: `at` its time (ISO 8601, UTC, to the second) read from its name; `size` in bytes. */
export interface BackupInfo {
  name: string;
  kind: BackupKind;
  at: string;
  size: number;
}

const NAME = new RegExp(`^(\\d{4}-\\d{2}-\\d{2})T(\\d{2})-(\\d{2})-(\\d{2})Z-(${BACKUP_KINDS.join('|')})(?:-(\\d{1,4}))?\\.sqlite$`);

/**
 * The file name of a backup of `kind` taken at `at` (ISO 8601; its UTC second is kept), with `seq` > 1 as a suffix.
 * Throws RangeError on an unparsable date (a programming error: the clock gives ISO strings).
 */
export function backupFileName(at: string, kind: BackupKind, seq = 1): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) throw new RangeError(`date de sauvegarde invalide : ${at}`);
  const stamp = d.toISOString().slice(0, 19).replace(/:/g, '-');
  return `${stamp}Z-${kind}${seq > 1 ? `-${seq}` : ''}.sqlite`;
}

/** Reads a backup file name: its kind, time (ISO 8601 `…T10:15:00.000Z`) and sequence; null for any other name. */
export function parseBackupFileName(name: string): { kind: BackupKind; at: string; seq: number } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, day, hh, mm, ss, kind, seq] = m;
  const at = new Date(`${day}T${hh}:${mm}:${ss}.000Z`);
  if (Number.isNaN(at.getTime())) return null;
  return { kind: kind as BackupKind, at: at.toISOString(), seq: seq === undefined ? 1 : Number(seq) };
}

/** Newest first: by time, then by sequence (a `-2` is newer than the plain name of the same second). */
export function compareNewestFirst(a: Pick<BackupInfo, 'name'>, b: Pick<BackupInfo, 'name'>): number {
  const pa = parseBackupFileName(a.name);
  const pb = parseBackupFileName(b.name);
  if (!pa || !pb) return a.name < b.name ? 1 : a.name > b.name ? -1 : 0;
  if (pa.at !== pb.at) return pa.at < pb.at ? 1 : -1;
  return pb.seq - pa.seq;
}

/** The backups rotation deletes: for each kind, all but the `keep[kind]` newest. Pure; `list` in any order. */
export function backupsToRotate<T extends Pick<BackupInfo, 'name' | 'kind'>>(list: readonly T[], keep: Readonly<Record<BackupKind, number>> = BACKUP_KEEP): T[] {
  const out: T[] = [];
  for (const kind of BACKUP_KINDS) {
    const ofKind = list.filter((b) => b.kind === kind).sort(compareNewestFirst);
    out.push(...ofKind.slice(Math.max(0, keep[kind])));
  }
  return out;
}

/** Whether a daily backup is due at `now`: none yet, or the newest one is 24 h old or more (both ISO 8601). */
export function dailyBackupDue(list: readonly Pick<BackupInfo, 'kind' | 'at'>[], now: string): boolean {
  const last = list
    .filter((b) => b.kind === 'quotidienne')
    .map((b) => Date.parse(b.at))
    .reduce((a, b) => Math.max(a, b), -Infinity);
  return !Number.isFinite(last) || Date.parse(now) - last >= 24 * 3600 * 1000;
}
