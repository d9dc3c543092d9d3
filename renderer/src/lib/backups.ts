/**
 * Words of the Sauvegardes screen (issue 7 item 2): the kind of each backup, the inline confirmation before a
 * restore, and the sentence that reports it. Pure functions, tested in tests/renderer/backups.test.ts.
 */
import type { BackupInfo, BackupKind } from '../../../electron/core/backup/names';
import type { RestoreResult } from '../../../electron/core/backup';
import { formatCount, formatDateTime } from './format';
import { plural, tr } from '../i18n/tr';

/** French label of each backup kind (names.ts BACKUP_KINDS); the catalogues hold the same (`backups.kind_*`). */
export const BACKUP_KIND_LABELS: Readonly<Record<BackupKind, string>> = {
  quotidienne: 'quotidienne',
  'avant-migration': 'avant mise à jour de la base',
  'avant-import': "avant import d'un référentiel",
  'avant-restauration': 'avant restauration',
  manuelle: 'manuelle',
};

/** The label of a backup kind in the chosen language (French: BACKUP_KIND_LABELS). */
export function backupKindLabel(kind: BackupKind): string {
  return tr(`backups.kind_${kind}`);
}

/** The confirmation asked inline before restoring `b` (its local date and time, its kind). */
export function restoreConfirmation(b: Pick<BackupInfo, 'at' | 'kind'>): string {
  return tr('restore.confirm', { date: formatDateTime(b.at), kind: backupKindLabel(b.kind) });
}

/** What the screen says after a restore: what came back, where the replaced state is, missing evidence if any. */
export function restoreReport(r: Pick<RestoreResult, 'summary' | 'previous' | 'missingEvidence'>): string {
  const s = r.summary;
  const count = (key: string, n: number) => tr(`restore.${key}_${plural(n)}`, { n: formatCount(n) });
  return tr('restore.report', {
    nom: s.nom,
    referentials: count('referential', s.referentials),
    statuts: count('statut', s.statuts),
    preuves: count('preuve', s.preuves),
    last: s.lastChangeAt ? tr('restore.last', { date: formatDateTime(s.lastChangeAt) }) : '',
    date: formatDateTime(r.previous.at),
    kind: backupKindLabel(r.previous.kind),
    missing: r.missingEvidence > 0 ? tr(`restore.missing_${plural(r.missingEvidence)}`, { n: formatCount(r.missingEvidence) }) : '',
  });
}
