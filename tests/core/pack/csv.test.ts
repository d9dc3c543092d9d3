import { describe, expect, it } from 'vitest';
import { csvCell, formatNumberCsv, formatNumberFr, neutralise, toCsv } from '../../../electron/core/pack/csv';
import { percentFr } from '../../../electron/core/pack/format';

describe('csv cells', () => {
  it.each([
    [12.5, '12,5'],
    [500, '500'],
    [0.1 + 0.2, '0,3'],
    [-0.0004, '0'],
    [33.3333, '33,333'],
    [NaN, ''],
  ])('formatNumberFr(%s) = %j', (n, s) => {
    expect(formatNumberFr(n)).toBe(s);
  });

  it.each([
    ['=cmd|\' /C calc\'!A0', "'=cmd|' /C calc'!A0"],
    ['+33 1 23', "'+33 1 23"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcaché', "'\tcaché"],
    ['\rretour', "'\rretour"],
    ['Fait', 'Fait'],
    ['a = b', 'a = b'],
  ])('neutralise(%j) = %j', (text, out) => {
    expect(neutralise(text)).toBe(out);
  });

  it('quotes separators, quotes and line breaks, and writes numbers unneutralised', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('il dit "oui"')).toBe('"il dit ""oui"""');
    expect(csvCell('ligne 1\nligne 2')).toBe('"ligne 1\nligne 2"');
    expect(csvCell('\rx')).toBe('"\'\rx"');
    expect(csvCell(-2.5)).toBe('-2,5');
    expect(csvCell(null)).toBe('');
  });

  it('writes a BOM, `;` and CRLF', () => {
    const bytes = toCsv([
      ['Titre', 'URL'],
      ['Été', 1.5],
    ]);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe('Titre;URL\r\nÉté;1,5\r\n');
  });

  it('writes numbers with a decimal point in English, and neutralises text the same way', () => {
    expect(toCsv([['Title', 'Points'], ['-x', 23.55], ['y', -0.0004], ['z', 1470.125]], 'en').subarray(3).toString('utf8')).toBe("Title;Points\r\n'-x;23.55\r\ny;0\r\nz;1470.125\r\n");
    expect(formatNumberCsv(23.55, 'fr')).toBe('23,55');
    expect(formatNumberCsv(23.55, 'en')).toBe('23.55');
    expect(csvCell(12.5, 'en')).toBe('12.5');
    expect(csvCell(12.5)).toBe('12,5');
  });
});

describe('percentFr', () => {
  it.each([
    [0.4, '40,0 %'],
    [0.64999, '64,9 %'],
    [0.65, '65,0 %'],
    [1, '100,0 %'],
    [null, 'non calculable'],
  ])('%s → %j (never rounded up past a threshold)', (f, s) => {
    expect(percentFr(f).replace(/\u202f|\u00a0/g, ' ')).toBe(s);
  });
});
