/**
 * The loading sentence of QueryState and the « de » + article contraction (shared/readiness-words.ts `contractDe`,
 * `elide`): « Chargement du référentiel cae… », never « de le référentiel ».
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryState } from '../../renderer/src/components/QueryState';
import { i18next, tr } from '../../renderer/src/i18n/tr';
import { contractDe, elide } from '../../shared/readiness-words';

describe('contractDe: « de le » → « du », « de les » → « des »', () => {
  it.each([
    ['Chargement de le référentiel cae…', 'Chargement du référentiel cae…'],
    ['Chargement de les preuves à compléter…', 'Chargement des preuves à compléter…'],
    ['De le pilote', 'Du pilote'],
    ['la liste de les jalons et de le cycle', 'la liste des jalons et du cycle'],
    ['Chargement de la liste des sauvegardes…', 'Chargement de la liste des sauvegardes…'],
    ["Chargement de l'historique…", "Chargement de l'historique…"],
    ['Chargement de lecture', 'Chargement de lecture'], // « le » must be a whole word
    ['garde le texte', 'garde le texte'],
    ['Loading the referential cae…', 'Loading the referential cae…'],
  ])('%s → %s', (text, expected) => expect(contractDe(text)).toBe(expected));

  it('elide contracts too, and still elides before a vowel', () => {
    expect(elide('de', 'le référent')).toBe('du référent');
    expect(elide('de', 'les pilotes')).toBe('des pilotes');
    expect(elide('de', 'élu')).toBe("d'élu");
    expect(elide('de', 'référent')).toBe('de référent');
  });
});

describe('QueryState while loading', () => {
  const loading = (what: string) =>
    renderToStaticMarkup(createElement(QueryState<unknown>, { query: { data: undefined, error: null, isPending: true }, what, children: () => null }));
  beforeAll(async () => {
    await i18next.changeLanguage('fr');
  });
  afterAll(async () => {
    await i18next.changeLanguage('fr');
  });

  it('says « Chargement du référentiel cae… » for the référentiel page', () => {
    expect(loading(tr('referential.what', { id: 'cae' }))).toBe('<p class="muted">Chargement du référentiel cae…</p>');
    expect(loading(tr('library.todoWhat'))).toBe('<p class="muted">Chargement des preuves à compléter…</p>');
    expect(loading(tr('backups.what'))).toBe('<p class="muted">Chargement de la liste des sauvegardes…</p>');
  });

  it('in English the sentence is left as written', async () => {
    await i18next.changeLanguage('en');
    expect(loading(tr('referential.what', { id: 'cae' }))).toBe(`<p class="muted">${tr('common.loadingOf', { what: tr('referential.what', { id: 'cae' }) })}</p>`);
  });
});
