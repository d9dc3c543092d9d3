/** The Candidature screen's words and links (renderer/src/lib/candidature.ts) and its route. */
import { afterEach, describe, expect, it } from 'vitest';
import { i18next } from '../../renderer/src/i18n/tr';
import { setFormatLang } from '../../renderer/src/lib/format';
import { conditionLink, conditionStatut, niveauOptionLabel, summaryText } from '../../renderer/src/lib/candidature';
import { formatHash, parseHash } from '../../renderer/src/router';

const NNBSP = '\u202f';
const cible = { rang: 2, nom: '2 étoiles', seuil: 0.35 };

describe('Candidature screen helpers', () => {
  it('route #/candidature[/<id>] round-trips', () => {
    expect(parseHash('#/candidature/cae')).toEqual({ page: 'candidature', referentialId: 'cae' });
    expect(parseHash('#/candidature')).toEqual({ page: 'candidature', referentialId: null });
    expect(formatHash({ page: 'candidature', referentialId: 'label-nr' })).toBe('#/candidature/label-nr');
    expect(formatHash({ page: 'candidature', referentialId: null })).toBe('#/candidature');
  });

  it('names a niveau with its seuil, « sans score minimum » at 0', () => {
    expect(niveauOptionLabel(cible)).toBe(`2 étoiles — au moins 35${NNBSP}% fait`);
    expect(niveauOptionLabel({ rang: 1, nom: '1 étoile', seuil: 0 })).toBe('1 étoile — sans score minimum');
    expect(niveauOptionLabel({ rang: 1, nom: 'Niveau 1', seuil: 0.3 })).toBe(`Niveau 1 — au moins 30${NNBSP}% fait`);
  });

  it('names a niveau in English: the level name stays the referential\'s, the words are English (issue 8 item 2)', async () => {
    await i18next.changeLanguage('en');
    setFormatLang('en');
    expect(niveauOptionLabel(cible)).toBe('2 étoiles — at least 35% done');
    expect(niveauOptionLabel({ rang: 1, nom: '1 étoile', seuil: 0 })).toBe('1 étoile — no minimum score');
    expect(niveauOptionLabel({ rang: 1, nom: 'Niveau 1', seuil: 0.125 })).toBe('Niveau 1 — at least 12.5% done');
  });

  afterEach(async () => {
    await i18next.changeLanguage('fr');
    setFormatLang('fr');
  });

  it('sums up: all met, or how many are left (singular and plural)', () => {
    expect(summaryText({ cible, met: true, conditions: [{ met: true }] })).toBe('Toutes les conditions sont remplies pour 2 étoiles : la demande peut être déposée.');
    expect(summaryText({ cible, met: false, conditions: [{ met: true }, { met: false }, { met: false }] })).toBe('1 condition remplie sur 3 pour 2 étoiles : il en reste 2 à remplir.');
    expect(summaryText({ cible, met: false, conditions: [{ met: true }, { met: true }, { met: false }] })).toBe('2 conditions remplies sur 3 pour 2 étoiles : il en reste 1 à remplir.');
  });

  it('writes the statut in words, with a symbol and a badge class', () => {
    expect(conditionStatut({ met: true, sansObjet: false })).toEqual({ key: 'remplie', text: 'Remplie', symbol: '✓', badge: 'badge-fait' });
    expect(conditionStatut({ met: false, sansObjet: false })).toEqual({ key: 'a-faire', text: 'À faire', symbol: '✗', badge: 'badge-pas-fait' });
    expect(conditionStatut({ met: true, sansObjet: true })).toMatchObject({ key: 'sans-objet', text: 'Sans objet' });
  });

  it('links a condition to its node, the tree, or the documents section', () => {
    expect(conditionLink('cae', { nodeId: 'cae_5.1.2' })).toEqual({ kind: 'href', href: '#/referentiel/cae/cae_5.1.2', text: 'Ouvrir 5.1.2 dans le référentiel' });
    expect(conditionLink('cae', { screen: 'referentiel' })).toEqual({ kind: 'href', href: '#/referentiel/cae', text: 'Ouvrir le référentiel' });
    expect(conditionLink('cae', { screen: 'documents-candidature' })).toEqual({ kind: 'section', text: 'Aller aux documents de candidature' });
    expect(conditionLink('cae', {})).toBeNull();
  });
});
