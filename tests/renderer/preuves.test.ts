/** The preuves section's rules (renderer/src/lib/preuves.ts): link check in French, re-uploaded files recognised. */
import { describe, expect, it } from 'vitest';
import { ALREADY_STORED, checkLinkUrl, wasAlreadyStored } from '../../renderer/src/lib/preuves';

describe('checkLinkUrl', () => {
  it('accepts absolute http(s) addresses, accents included, trimmed', () => {
    expect(checkLinkUrl(' https://www.valmont-sur-loire.fr/délibérations/2025 ')).toEqual({ ok: true, url: 'https://www.valmont-sur-loire.fr/délibérations/2025' });
    expect(checkLinkUrl('http://intranet.mairie.local:8080/plan?x=1')).toEqual({ ok: true, url: 'http://intranet.mairie.local:8080/plan?x=1' });
  });

  it('says how to fix an address without its scheme', () => {
    expect(checkLinkUrl('www.exemple.fr/a b')).toEqual({ ok: false, message: "« www.exemple.fr/a b » n'est pas un lien complet : ajoutez https:// au début (https://www.exemple.fr/a b)." });
    expect(checkLinkUrl('exemple.fr')).toEqual({ ok: false, message: "« exemple.fr » n'est pas un lien complet : ajoutez https:// au début (https://exemple.fr)." });
  });

  it('refuses other schemes and text that is not an address, in French', () => {
    expect(checkLinkUrl('javascript:alert(1)')).toEqual({ ok: false, message: 'Seuls les liens http:// ou https:// sont acceptés comme preuve (saisi : « javascript:alert(1) »).' });
    expect(checkLinkUrl('ftp://exemple.fr/x')).toEqual({ ok: false, message: 'Seuls les liens http:// ou https:// sont acceptés comme preuve (saisi : « ftp://exemple.fr/x »).' });
    expect(checkLinkUrl('délibération du 12 mars')).toEqual({ ok: false, message: "« délibération du 12 mars » n'est pas une adresse web : un lien commence par https:// ou http://." });
    expect(checkLinkUrl('   ')).toEqual({ ok: false, message: "Saisissez l'adresse du lien, par exemple https://www.exemple.fr/deliberation.pdf." });
  });
});

describe('wasAlreadyStored', () => {
  const start = Date.parse('2026-11-29T22:56:00Z');
  it('is true for a preuve already on the node, or added before the upload started', () => {
    expect(wasAlreadyStored({ id: 'p1', addedAt: '2026-11-29T22:56:01Z' }, new Set(['p1']), start)).toBe(true);
    expect(wasAlreadyStored({ id: 'p2', addedAt: '2026-11-20T10:00:00Z' }, new Set(), start)).toBe(true);
  });
  it('is false for a preuve created by this upload', () => {
    expect(wasAlreadyStored({ id: 'p3', addedAt: '2026-11-29T22:56:01Z' }, new Set(['p1']), start)).toBe(false);
    expect(ALREADY_STORED).toBe('Ce fichier est déjà enregistré ; il est rattaché à ce critère.');
  });
});
