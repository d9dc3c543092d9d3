/** Words of the Sauvegardes screen (renderer/src/lib/backups.ts) and its route. */
import { describe, expect, it } from 'vitest';
import { BACKUP_KINDS } from '../../electron/core/backup/names';
import { BACKUP_KIND_LABELS, restoreConfirmation, restoreReport } from '../../renderer/src/lib/backups';
import { formatDateTime } from '../../renderer/src/lib/format';
import { formatHash, parseHash } from '../../renderer/src/router';

const AT = '2026-11-30T10:15:00.000Z';

describe('Sauvegardes screen', () => {
  it('has a French label for every kind of backup', () => {
    expect(Object.keys(BACKUP_KIND_LABELS).sort()).toEqual([...BACKUP_KINDS].sort());
    expect(BACKUP_KIND_LABELS['avant-import']).toBe("avant import d'un référentiel");
  });

  it('asks before a restore, naming the backup by its local date and kind', () => {
    expect(restoreConfirmation({ at: AT, kind: 'quotidienne' })).toBe(
      `Restaurer la sauvegarde du ${formatDateTime(AT)} (quotidienne) ? L'état actuel sera d'abord sauvegardé, puis remplacé : les changements faits depuis cette sauvegarde ne seront plus affichés.`,
    );
  });

  it('reports a restore: counts (singular and plural), last change, where the replaced state went, missing evidence', () => {
    const summary = { userVersion: 2, workspaceId: 'w', nom: 'Commune de Test', referentials: 1, statuts: 1234, preuves: 0, lastChangeAt: AT };
    const previous = { name: 'x', kind: 'avant-restauration' as const, at: '2026-12-01T08:00:00.000Z', size: 1 };
    expect(restoreReport({ summary, previous, missingEvidence: 0 })).toBe(
      `Sauvegarde restaurée : Commune de Test, 1 référentiel, 1\u202f234 statuts, 0 preuve, dernière modification le ${formatDateTime(AT)}. L'état remplacé a été sauvegardé (${formatDateTime(previous.at)}, avant restauration).`,
    );
    expect(restoreReport({ summary: { ...summary, lastChangeAt: null }, previous, missingEvidence: 2 })).toMatch(
      / 0 preuve\. L'état remplacé a été sauvegardé \(.+\)\. Attention : 2 fichiers de preuve cités par la sauvegarde sont absents du dépôt des preuves\.$/,
    );
  });

  it('is the route #/sauvegardes', () => {
    expect(parseHash('#/sauvegardes')).toEqual({ page: 'sauvegardes' });
    expect(formatHash({ page: 'sauvegardes' })).toBe('#/sauvegardes');
  });
});
