/**
 * The two catalogues (renderer/src/i18n): the same keys in French and English, no empty text, the same
 * `{{placeholders}}` in both wordings of a key; and the errors shown in English (the core's own English sentence).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { en } from '../../renderer/src/i18n/en';
import { fr } from '../../renderer/src/i18n/fr';
import { i18next, tr } from '../../renderer/src/i18n/tr';
import { shownError } from '../../renderer/src/lib/errors';
import { BACKUP_KIND_LABELS } from '../../renderer/src/lib/backups';
import { checkLinkUrl } from '../../renderer/src/lib/preuves';
import { setFormatLang } from '../../renderer/src/lib/format';

/** Every leaf of a catalogue as `path → text`. */
function leaves(obj: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v as object, key)) out.set(kk, vv);
  }
  return out;
}
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

describe('catalogues', () => {
  const f = leaves(fr);
  const e = leaves(en);

  it('have the same keys in French and English', () => {
    expect([...e.keys()].sort()).toEqual([...f.keys()].sort());
    expect(f.size).toBeGreaterThan(400);
  });

  it('have no empty text and the same placeholders in both languages', () => {
    for (const [key, text] of f) {
      expect(text.trim(), `fr ${key}`).not.toBe('');
      expect(e.get(key)?.trim(), `en ${key}`).not.toBe('');
      expect({ key, placeholders: placeholders(e.get(key) ?? '') }).toEqual({ key, placeholders: placeholders(text) });
    }
  });
});

describe('French catalogue keeps the wording of the screens', () => {
  it('has the backup kinds of lib/backups.ts word for word', () => {
    for (const [kind, label] of Object.entries(BACKUP_KIND_LABELS)) expect(tr(`backups.kind_${kind}`)).toBe(label);
  });
});

describe('checks of a typed link, in both languages', () => {
  afterEach(async () => {
    await i18next.changeLanguage('fr');
  });
  it('names the bad link and the fix', async () => {
    expect(checkLinkUrl('www.exemple.fr').ok).toBe(false);
    expect(checkLinkUrl('www.exemple.fr')).toEqual({ ok: false, message: "« www.exemple.fr » n'est pas un lien complet : ajoutez https:// au début (https://www.exemple.fr)." });
    await i18next.changeLanguage('en');
    expect(checkLinkUrl('www.exemple.fr')).toEqual({ ok: false, message: '“www.exemple.fr” is not a complete link: add https:// at the start (https://www.exemple.fr).' });
    expect(checkLinkUrl('ftp://serveur/doc.pdf')).toEqual({ ok: false, message: 'Only http:// or https:// links are accepted as evidence (entered: “ftp://serveur/doc.pdf”).' });
    expect(checkLinkUrl('')).toEqual({ ok: false, message: 'Enter the address of the link, for example https://www.example.org/decision.pdf.' });
  });
});

describe('error messages in English', () => {
  afterEach(async () => {
    setFormatLang('fr');
    await i18next.changeLanguage('fr');
  });
  // As the router sends them (electron/core/api/trpc.ts): the core's French sentence and its English one (`en`).
  const notFound = {
    data: {
      userError: {
        code: 'NOT_FOUND',
        message: "La preuve « p-9 » n'existe pas.",
        en: 'The evidence “p-9” does not exist.',
        location: { field: 'preuveId' },
        params: { what: 'preuve', id: 'p-9' },
      },
    },
  };
  const nodeUnknown = {
    data: {
      userError: {
        code: 'NODE_UNKNOWN',
        message: 'Le nœud « x » n’existe pas dans le référentiel cae.',
        en: 'The item “x” does not exist in the referential cae.',
        location: { nodeId: 'x' },
        params: { nodeId: 'x', referentialId: 'cae' },
      },
    },
  };
  const frenchOnly = { data: { userError: { code: 'NOT_FOUND', message: "La preuve « p-9 » n'existe pas.", location: { field: 'preuveId' }, params: { what: 'preuve', id: 'p-9' } } } };

  it('keeps the core French sentence in French', () => {
    expect(shownError(notFound).message).toBe("La preuve « p-9 » n'existe pas.");
    expect(shownError({ data: { code: 'BAD_REQUEST' } }).message).toBe('Saisie invalide : vérifiez les valeurs saisies.');
  });

  it('shows the core’s own English sentence in English; the renderer’s own messages are translated by the catalogue', async () => {
    setFormatLang('en');
    await i18next.changeLanguage('en');
    expect(shownError(notFound).message).toBe('The evidence “p-9” does not exist.');
    expect(shownError(nodeUnknown).message).toBe('The item “x” does not exist in the referential cae.');
    expect(shownError({ data: { code: 'BAD_REQUEST' } }).message).toBe('Invalid input: check the values you entered.');
    expect(shownError(new TypeError('Failed to fetch')).message).toBe(tr('errors.serverUnreachable'));
    expect(shownError(new TypeError('Failed to fetch')).message).toMatch(/^The application's server does not answer/);
  });

  it('no longer translates by code: an error without English keeps the French reference', async () => {
    setFormatLang('en');
    await i18next.changeLanguage('en');
    expect(shownError(frenchOnly).message).toBe("La preuve « p-9 » n'existe pas.");
    for (const key of ['NOT_FOUND_preuve', 'NOT_FOUND_service', 'NOT_FOUND_person', 'NODE_UNKNOWN', 'REFERENTIAL_UNKNOWN', 'INPUT_INVALID_field']) {
      expect(Object.keys(en.errors)).not.toContain(key);
      expect(Object.keys(fr.errors)).not.toContain(key);
    }
    expect(Object.keys(en.errors).sort()).toEqual(['failed', 'inputInvalid', 'serverUnreachable']);
  });
});
