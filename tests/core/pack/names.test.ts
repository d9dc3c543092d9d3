import { describe, expect, it } from 'vitest';
import { collisionKey, sanitizeSegment, splitExtension, truncateUtf8, uniqueName, unsafePathReason, utf8Bytes } from '../../../electron/core/pack/names';

describe('sanitizeSegment', () => {
  it.each([
    ['Délibération: PCAET été.pdf', 'Délibération_ PCAET été.pdf'],
    ['Délibération.pdf'.normalize('NFD'), 'Délibération.pdf'],
    ['a<b>c"d/e\\f|g?h*i.txt', 'a_b_c_d_e_f_g_h_i.txt'],
    ['tab\there\u0001.txt', 'tab_here_.txt'],
    ['CON.txt', '_CON.txt'],
    ['con', '_con'],
    ['Lpt9.tar.gz', '_Lpt9.tar.gz'],
    ['COM1 .pdf', '_COM1 .pdf'],
    ['CONSOLE.txt', 'CONSOLE.txt'],
    ['rapport. . .', 'rapport'],
    ['  espaces  ', 'espaces'],
    ['..', '_'],
    ['', '_'],
    ['1.1.1 Définir la stratégie « climat » de l’œuvre', '1.1.1 Définir la stratégie « climat » de l’œuvre'],
  ])('%j → %j', (input, expected) => {
    expect(sanitizeSegment(input)).toBe(expected);
  });

  it('cuts a 300-byte name to 255 bytes on a character boundary, keeping the extension', () => {
    const name = `${'é'.repeat(150)}.pdf`; // 300 + 4 bytes
    const out = sanitizeSegment(name);
    // 251 bytes left for the base: 125 × é (2 bytes) = 250; a 126th would need 252.
    expect(out).toBe(`${'é'.repeat(125)}.pdf`);
    expect(utf8Bytes(out)).toBe(254);
  });

  it('cuts ASCII names to exactly 255 bytes', () => {
    const out = sanitizeSegment(`${'a'.repeat(300)}.docx`);
    expect(out).toBe(`${'a'.repeat(250)}.docx`);
    expect(utf8Bytes(out)).toBe(255);
  });

  it('never splits a surrogate pair (emoji)', () => {
    const out = sanitizeSegment('😀'.repeat(100)); // 400 bytes, no extension
    expect(out).toBe('😀'.repeat(63)); // 252 bytes; a 64th would need 256
  });

  it('is idempotent', () => {
    for (const s of ['CON.txt', 'a:b', `${'x'.repeat(400)}.pdf`, 'rapport. ']) expect(sanitizeSegment(sanitizeSegment(s))).toBe(sanitizeSegment(s));
  });
});

describe('uniqueName', () => {
  it.each([
    [['rapport.pdf'], 'Rapport.PDF', 'Rapport (2).PDF'],
    [['rapport.pdf', 'rapport (2).pdf'], 'RAPPORT.pdf', 'RAPPORT (3).pdf'],
    [['notes'], 'Notes', 'Notes (2)'],
    [['autre.pdf'], 'rapport.pdf', 'rapport.pdf'],
    [['été.pdf'], 'ÉTÉ.pdf', 'ÉTÉ (2).pdf'],
  ])('taken %j: %j → %j', (taken, name, expected) => {
    expect(uniqueName(name, new Set(taken.map(collisionKey)))).toBe(expected);
  });

  it('keeps the suffixed name within 255 bytes', () => {
    const long = `${'a'.repeat(251)}.pdf`;
    const out = uniqueName(long, new Set([collisionKey(long)]));
    expect(out).toBe(`${'a'.repeat(247)} (2).pdf`);
    expect(utf8Bytes(out)).toBe(255);
  });
});

describe('helpers', () => {
  it.each([
    ['rapport.final.pdf', ['rapport.final', '.pdf']],
    ['.env', ['.env', '']],
    ['sans extension', ['sans extension', '']],
    ['a.tres longue extension', ['a.tres longue extension', '']],
  ])('splitExtension(%j)', (name, parts) => {
    expect(splitExtension(name)).toEqual(parts);
  });

  it('truncateUtf8 cuts on code points', () => {
    expect(truncateUtf8('aéb', 2)).toBe('a');
    expect(truncateUtf8('aéb', 3)).toBe('aé');
  });
});

describe('unsafePathReason', () => {
  it.each([
    ['preuves/1 Axe/fichier.pdf', null],
    ['../evil.txt', 'contient un segment « . » ou « .. »'],
    ['a/../b', 'contient un segment « . » ou « .. »'],
    ['/etc/passwd', 'chemin absolu'],
    ['C:/Windows/x', 'commence par une lettre de lecteur'],
    ['a\\b.txt', 'contient une barre oblique inverse (\\)'],
    ['a//b', 'contient un segment vide'],
    ['preuves/CON', "le segment « CON » n'est pas sûr sous Windows"],
    ['e\u0301t\u00e9.txt', "n'est pas en forme Unicode NFC"],
  ])('%j → %j', (path, reason) => {
    expect(unsafePathReason(path)).toBe(reason);
  });
});
