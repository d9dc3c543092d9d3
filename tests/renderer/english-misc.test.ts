/**
 * English-mode words found French by a tester (issue 8 item 2): the Partage port check and loopback name, a file
 * named before its upload error, the Personnalisation answer count, the Jalons comparison choices. French unchanged.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { i18next, plural, tr } from '../../renderer/src/i18n/tr';
import { setFormatLang } from '../../renderer/src/lib/format';
import { fileMessage } from '../../renderer/src/lib/files';
import { interfaceLabel, parsePort } from '../../renderer/src/lib/partage';

async function inLang(lang: 'fr' | 'en') {
  await i18next.changeLanguage(lang);
  setFormatLang(lang);
}

describe('English-mode words (French unchanged)', () => {
  afterEach(() => inLang('fr'));

  it('checks the Partage port before sending, with its own message in both languages', async () => {
    expect(parsePort('8787')).toEqual({ ok: true, port: 8787 });
    expect(parsePort(' 0 ')).toEqual({ ok: true, port: 0 });
    expect(parsePort('65535')).toEqual({ ok: true, port: 65535 });
    expect(parsePort('abc')).toEqual({ ok: false, message: 'Le port doit être un nombre entier entre 0 et 65535 (0 : un port libre) ; saisi : « abc ».' });
    for (const bad of ['', '-1', '87.5', '65536', '1e3']) expect(parsePort(bad).ok).toBe(false);
    await inLang('en');
    expect(parsePort('abc')).toEqual({ ok: false, message: 'The port must be a whole number between 0 and 65535 (0: any free port); entered: “abc”.' });
  });

  it('names the loopback in the interface language, other interfaces by their name', async () => {
    expect(interfaceLabel({ interface: 'boucle locale', adresse: '127.0.0.1' })).toBe('boucle locale');
    expect(interfaceLabel({ interface: 'eth0', adresse: '192.168.1.20' })).toBe('eth0');
    await inLang('en');
    expect(interfaceLabel({ interface: 'boucle locale', adresse: '127.0.0.1' })).toBe('loopback');
  });

  it('prefixes an upload error with the file name in each language’s quotes', async () => {
    expect(fileMessage('faux.xlsx', "L'audit est ouvert.")).toBe("« faux.xlsx » : L'audit est ouvert.");
    await inLang('en');
    expect(fileMessage('faux.xlsx', 'The audit is open.')).toBe('“faux.xlsx”: The audit is open.');
  });

  it('counts the answers of a thématique and names a jalon in the comparison choices', async () => {
    expect(tr(`perso.answers_${plural(10)}`, { answered: '2', total: '10' })).toBe('2 / 10 réponses');
    expect(tr(`perso.answers_${plural(1)}`, { answered: '1', total: '1' })).toBe('1 / 1 réponse');
    expect(tr('comparaison.option', { id: 1, nom: 'Pré-audit' })).toBe('n° 1 — Pré-audit');
    await inLang('en');
    expect(tr(`perso.answers_${plural(10)}`, { answered: '2', total: '10' })).toBe('2 / 10 answers');
    expect(tr(`perso.answers_${plural(1)}`, { answered: '1', total: '1' })).toBe('1 / 1 answer');
    expect(tr('comparaison.option', { id: 1, nom: 'Pré-audit' })).toBe('No. 1 — Pré-audit');
  });
});
