/**
 * The number, percentage and date conventions of both languages (shared/locale.ts; issue 8 item 2: French
 * `74,9 %`, `1 470`, `30/11/2026`), and the renderer's formatters following the chosen language.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { formatCountIn, formatDateIn, formatDateTimeIn, formatLongDateIn, formatNumberIn, formatPercentIn, isLang } from '../../shared/locale';
import { formatBytes, formatCount, formatDate, formatPercent, formatPoints, setFormatLang } from '../../renderer/src/lib/format';

const NNBSP = '\u202f';

describe('shared/locale', () => {
  it.each([
    [0.749, `74,9${NNBSP}%`, '74.9%'],
    [0.74999, `74,9${NNBSP}%`, '74.9%'], // truncated, never rounded up to 75,0 %
    [0.3496, `34,9${NNBSP}%`, '34.9%'],
    [1, `100,0${NNBSP}%`, '100.0%'],
    [0, `0,0${NNBSP}%`, '0.0%'],
  ])('percentage %s → fr %s, en %s', (fraction, fr, en) => {
    expect(formatPercentIn('fr', fraction)).toBe(fr);
    expect(formatPercentIn('en', fraction)).toBe(en);
  });

  it('gives null for a percentage that cannot be computed (null, NaN, Infinity)', () => {
    for (const v of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(formatPercentIn('fr', v)).toBeNull();
      expect(formatPercentIn('en', v)).toBeNull();
    }
  });

  it('writes counts and points with each language separators', () => {
    expect(formatCountIn('fr', 1470)).toBe(`1${NNBSP}470`);
    expect(formatCountIn('en', 1470)).toBe('1,470');
    expect(formatCountIn('fr', 16)).toBe('16');
    expect(formatCountIn('en', Number.NaN)).toBe('—');
    expect(formatNumberIn('fr', 1234.5)).toBe(`1${NNBSP}234,5`);
    expect(formatNumberIn('en', 1234.5)).toBe('1,234.5');
    expect(formatNumberIn('fr', 37.125)).toBe('37,125');
    expect(formatNumberIn('en', 37.125)).toBe('37.125');
  });

  it('writes dates without any time-zone shift: fr 30/11/2026, en 30 Nov 2026', () => {
    expect(formatDateIn('fr', '2026-11-30')).toBe('30/11/2026');
    expect(formatDateIn('en', '2026-11-30')).toBe('30 Nov 2026');
    expect(formatDateIn('fr', '2026-03-05T23:59:00Z')).toBe('05/03/2026');
    expect(formatDateIn('en', '2026-03-05T23:59:00Z')).toBe('5 Mar 2026');
    expect(formatDateIn('fr', 'hier')).toBe('hier');
    expect(formatDateIn('en', '2026-13-01')).toBe('2026-13-01');
    const d = new Date(Date.UTC(2026, 10, 30, 14, 5));
    expect(formatDateTimeIn('fr', d, true)).toBe('30/11/2026 14:05');
    expect(formatDateTimeIn('en', d, true)).toBe('30 Nov 2026 14:05');
    expect(formatLongDateIn('fr', d)).toBe('30 novembre 2026');
    expect(formatLongDateIn('en', d)).toBe('30 November 2026');
  });

  it('knows its two languages only', () => {
    expect(['fr', 'en', 'de', 'FR', null].map(isLang)).toEqual([true, true, false, false, false]);
  });
});

describe('renderer formatters follow the chosen language', () => {
  afterEach(() => setFormatLang('fr'));

  it('French by default, English after the switch', () => {
    expect([formatPercent(0.749), formatCount(1470), formatPoints(312.5), formatDate('2026-11-30'), formatBytes(1536), formatPercent(null)]).toEqual([
      `74,9${NNBSP}%`,
      `1${NNBSP}470`,
      '312,5',
      '30/11/2026',
      `1,5${NNBSP}ko`,
      'non calculable',
    ]);
    setFormatLang('en');
    expect([formatPercent(0.749), formatCount(1470), formatPoints(312.5), formatDate('2026-11-30'), formatBytes(1536), formatPercent(null), formatBytes(1)]).toEqual([
      '74.9%',
      '1,470',
      '312.5',
      '30 Nov 2026',
      '1.5 KB',
      'not computable',
      '1 byte',
    ]);
  });
});
