/** French formatting of scores (renderer/src/lib/format.ts): truncated percentages, 3-decimal points, bytes, dates. */
import { describe, expect, it } from 'vitest';
import { formatBytes, formatDate, formatPercent, formatPoints, formatPointsRatio, ratio, truncatePercent } from '../../renderer/src/lib/format';

const NNBSP = '\u202f';

describe('formatPercent', () => {
  it.each([
    [0.749, `74,9${NNBSP}%`],
    [0.7493, `74,9${NNBSP}%`],
    [0.055, `5,5${NNBSP}%`],
    [1, `100,0${NNBSP}%`],
    [0, `0,0${NNBSP}%`],
    [0.407, `40,7${NNBSP}%`],
  ])('%s → %s', (fraction, text) => {
    expect(formatPercent(fraction)).toBe(text);
  });

  it('never rounds a score up to a threshold (DOMAIN.md: below a threshold is never shown as reaching it)', () => {
    expect(formatPercent(0.34999)).toBe(`34,9${NNBSP}%`);
    expect(formatPercent(0.4999999)).toBe(`49,9${NNBSP}%`);
    expect(truncatePercent(0.35)).toBe(35);
    expect(truncatePercent(0.749)).toBe(74.9);
  });

  it('shows 0 potentiel as not computable, never NaN', () => {
    expect(formatPercent(null)).toBe('non calculable');
    expect(formatPercent(ratio(0, 0))).toBe('non calculable');
    expect(formatPercent(Number.NaN, '—')).toBe('—');
  });
});

describe('points, bytes, dates', () => {
  it('keeps points to 3 decimals with French separators', () => {
    expect(formatPoints(0.6)).toBe('0,6');
    expect(formatPoints(1.4)).toBe('1,4');
    expect(formatPoints(12.345)).toBe('12,345');
    expect(formatPoints(1000)).toBe(`1${NNBSP}000`);
    expect(formatPointsRatio(27.5, 500)).toBe('27,5 / 500 pts');
    expect(formatPointsRatio(399, 1000)).toBe(`399 / 1${NNBSP}000 pts`);
  });

  it('formats sizes in French units', () => {
    expect(formatBytes(14)).toBe(`14${NNBSP}o`);
    expect(formatBytes(1536)).toBe(`1,5${NNBSP}ko`);
    expect(formatBytes(404_787)).toBe(`395,3${NNBSP}ko`);
    expect(formatBytes(5 * 1024 * 1024)).toBe(`5,0${NNBSP}Mo`);
    expect(formatBytes(null)).toBe('—');
  });

  it('formats ISO dates as dd/mm/yyyy', () => {
    expect(formatDate('2026-12-31')).toBe('31/12/2026');
    expect(formatDate('2026-03-05T10:00:00.000Z')).toBe('05/03/2026');
    expect(formatDate(null)).toBe('—');
    expect(formatDate('bientôt')).toBe('bientôt');
  });
});
