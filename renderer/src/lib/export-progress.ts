/**
 * Words of the export progress (Export screen, in the chosen language: i18n `export.*`): the bar's percentage, its text and the estimate of time left.
 * The figures come from the `pack.exportProgress` subscription (electron/core/services/pack.ts `PackExportEvent`).
 */
import { plural, tr } from '../i18n/tr';
import { formatBytes, formatCount } from './format';

/** What the screen needs of one progress event. */
export interface ExportProgressView {
  files: number;
  totalFiles: number;
  bytes: number;
  totalBytes: number;
  /** Estimated seconds left, null while unknown. */
  secondsLeft: number | null;
}

/** Percentage done 0..100 (integer, floored: 100 only when every byte is written), by bytes; by files when no byte is expected. */
export function percentDone(p: ExportProgressView): number {
  if (p.totalBytes > 0) return Math.floor((100 * p.bytes) / p.totalBytes);
  if (p.totalFiles > 0) return Math.floor((100 * p.files) / p.totalFiles);
  return 100;
}

/** A duration in French: 0 → "moins d'une seconde", 45 → "45 s", 125 → "2 min 05 s", 3725 → "1 h 02 min". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  if (s === 0) return tr('export.lessThanASecond');
  if (s < 60) return `${s}\u00a0s`;
  if (s < 3600) return `${Math.floor(s / 60)}\u00a0min ${String(s % 60).padStart(2, '0')}\u00a0s`;
  return `${Math.floor(s / 3600)}\u00a0h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}\u00a0min`;
}

/**
 * "Preuves : 3 fichiers sur 10, 120,0 Mo sur 300,0 Mo — environ 12 s restantes" (or "estimation en cours…" while
 * the rate is unknown; "écriture du manifeste…" once every byte is written).
 */
export function progressText(p: ExportProgressView): string {
  const files = tr(`export.filesOf_${plural(p.totalFiles)}`, { n: formatCount(p.files), total: formatCount(p.totalFiles) });
  const bytes = tr('export.bytesOf', { n: formatBytes(p.bytes), total: formatBytes(p.totalBytes) });
  const done = p.bytes >= p.totalBytes && p.files >= p.totalFiles;
  const eta = done
    ? tr('export.writingManifest')
    : p.secondsLeft === null
      ? tr('export.estimating')
      : p.secondsLeft <= 0
        ? tr('export.almostDone')
        : tr('export.timeLeft', { duration: formatDuration(p.secondsLeft) });
  return tr('export.progressLine', { files, bytes, eta });
}
