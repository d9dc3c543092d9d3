/** French formatting of scores (renderer/src/lib/format.ts): truncated percentages, 3-decimal points, bytes, dates. */
import { describe, expect, it } from 'vitest';
import { displayUrl, formatBytes, formatCount, formatDate, formatPercent, formatPoints, formatPointsRatio, formatPts, ratio, truncatePercent } from '../../renderer/src/lib/format';

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

  it('writes « pt » up to 1 and « pts » above, from one helper (never « 1 pts »)', () => {
    expect([0, 0.6, 1, 1.5, 35, 1000].map(formatPts)).toEqual(['0 pt', '0,6 pt', '1 pt', '1,5 pts', '35 pts', `1${NNBSP}000 pts`]);
    expect(formatPointsRatio(0, 1)).toBe('0 / 1 pt');
    expect(formatPointsRatio(0.2, 0.6)).toBe('0,2 / 0,6 pt');
  });

  it('formats sizes in French units', () => {
    expect(formatBytes(1)).toBe('1 octet');
    expect(formatBytes(14)).toBe('14 octets');
    expect(formatBytes(89)).toBe('89 octets');
    expect(formatBytes(1023)).toBe(`1${NNBSP}023 octets`);
    expect(formatBytes(1536)).toBe(`1,5${NNBSP}ko`);
    expect(formatBytes(404_787)).toBe(`395,3${NNBSP}ko`);
    expect(formatBytes(5 * 1024 * 1024)).toBe(`5,0${NNBSP}Mo`);
    expect(formatBytes(null)).toBe('—');
  });

  it('writes counts with U+202F between thousands (16 / 1 111 CAE tâches, 1 470 éléments)', () => {
    expect(formatCount(16)).toBe('16');
    expect(formatCount(1111)).toBe(`1${NNBSP}111`);
    expect(formatCount(1470)).toBe(`1${NNBSP}470`);
    expect(formatCount(12400)).toBe(`12${NNBSP}400`);
    expect(formatCount(1_234_567)).toBe(`1${NNBSP}234${NNBSP}567`);
    expect(formatCount(0)).toBe('0');
    expect(formatCount(Number.NaN)).toBe('—');
  });

  it('shows links decoded, and leaves a malformed escape as it is', () => {
    expect(displayUrl('https://www.example.org/plan-climat/d%C3%A9lib%C3%A9ration-2026')).toBe('https://www.example.org/plan-climat/délibération-2026');
    expect(displayUrl(new URL('https://www.example.org/été?q=mobilité').href)).toBe('https://www.example.org/été?q=mobilité');
    // Reserved characters stay escaped: decoding %2F would change which path the text names.
    expect(displayUrl('https://example.org/a%2Fb%20c')).toBe('https://example.org/a%2Fb c');
    expect(displayUrl('https://example.org/100%')).toBe('https://example.org/100%');
    expect(displayUrl('https://example.org/%E9t%E9')).toBe('https://example.org/%E9t%E9');
  });

  it('formats ISO dates as dd/mm/yyyy', () => {
    expect(formatDate('2026-12-31')).toBe('31/12/2026');
    expect(formatDate('2026-03-05T10:00:00.000Z')).toBe('05/03/2026');
    expect(formatDate(null)).toBe('—');
    expect(formatDate('bientôt')).toBe('bientôt');
  });
});
