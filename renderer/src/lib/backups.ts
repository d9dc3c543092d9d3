/**
 * Words of the Sauvegardes screen (issue 7 item 2): the kind of each backup, the inline confirmation before a
 * restore, and the sentence that reports it. Pure functions, tested in tests/renderer/backups.test.ts.
 */
import type { BackupInfo, BackupKind } from '../../../electron/core/backup/names';
import type { RestoreResult } from '../../../electron/core/backup';
import { formatCount, formatDateTime } from './format';

/** French label of each backup kind (names.ts BACKUP_KINDS). */
export const BACKUP_KIND_LABELS: Readonly<Record<BackupKind, string>> = {
  quotidienne: 'quotidienne',
  'avant-migration': 'avant mise à jour de la base',
  'avant-import': "avant import d'un référentiel",
  'avant-restauration': 'avant restauration',
  manuelle: 'manuelle',
};

/** The confirmation asked inline before restoring `b` (its local date and time, its kind). */
export function restoreConfirmation(b: Pick<BackupInfo, 'at' | 'kind'>): string {
  return (
    `Restaurer la sauvegarde du ${formatDateTime(b.at)} (${BACKUP_KIND_LABELS[b.kind]}) ? ` +
    "L'état actuel sera d'abord sauvegardé, puis remplacé : les changements faits depuis cette sauvegarde ne seront plus affichés."
  );
}

/** What the screen says after a restore: what came back, where the replaced state is, missing evidence if any. */
export function restoreReport(r: Pick<RestoreResult, 'summary' | 'previous' | 'missingEvidence'>): string {
  const s = r.summary;
  const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n > 1 ? 's' : ''}`;
  const missing =
    r.missingEvidence > 0
      ? ` Attention : ${plural(r.missingEvidence, 'fichier')} de preuve cité${r.missingEvidence > 1 ? 's' : ''} par la sauvegarde ${r.missingEvidence > 1 ? 'sont absents' : 'est absent'} du dépôt des preuves.`
      : '';
  return (
    `Sauvegarde restaurée : ${s.nom}, ${plural(s.referentials, 'référentiel')}, ${plural(s.statuts, 'statut')}, ${plural(s.preuves, 'preuve')}` +
    `${s.lastChangeAt ? `, dernière modification le ${formatDateTime(s.lastChangeAt)}` : ''}. ` +
    `L'état remplacé a été sauvegardé (${formatDateTime(r.previous.at)}, ${BACKUP_KIND_LABELS[r.previous.kind]}).${missing}`
  );
}
