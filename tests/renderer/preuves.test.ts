/** The preuves section's rules (renderer/src/lib/preuves.ts): link check in French, re-uploaded files recognised. */
import { describe, expect, it } from 'vitest';
import { ALREADY_STORED, NOWHERE, checkLinkUrl, coveringPreuves, filterLibrary, wasAlreadyStored } from '../../renderer/src/lib/preuves';
import { formatHash, parseHash } from '../../renderer/src/router';

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

describe('filterLibrary and coveringPreuves', () => {
  const base = { fileName: null, url: null, confidentiel: false, proprietaire: null, couvertures: [] };
  const lib = [
    { ...base, id: 'a', kind: 'fichier' as const, titre: 'Délibération PCAET', fileName: 'delib.pdf', rattachements: [{ referentialId: 'cae', nodeId: 'cae_1.1.1' }] },
    { ...base, id: 'b', kind: 'lien' as const, titre: 'Page publique', url: 'https://ville.fr/nr', proprietaire: 'Claire Dupont', rattachements: [{ referentialId: 'label-nr', nodeId: 'label-nr_1.1' }] },
    {
      ...base,
      id: 'c',
      kind: 'fichier' as const,
      titre: 'Inventaire',
      confidentiel: true,
      rattachements: [
        { referentialId: 'cae', nodeId: 'cae_5.2.2.1' },
        { referentialId: 'label-nr', nodeId: 'label-nr_2.1' },
      ],
      couvertures: [{ referentialId: 'cae', preuveAttendueId: 'inventaire' }],
    },
    { ...base, id: 'd', kind: 'lien' as const, titre: 'Orpheline', url: 'https://x.fr', rattachements: [] },
  ];
  const ids = (f: Partial<Parameters<typeof filterLibrary>[1]>) => filterLibrary(lib, { q: '', referentialId: '', kind: '', confidentiel: '', ...f }).map((p) => p.id);

  it('filters by referential, type, confidentiel and attached nowhere', () => {
    expect(ids({})).toEqual(['a', 'b', 'c', 'd']);
    expect(ids({ referentialId: 'cae' })).toEqual(['a', 'c']);
    expect(ids({ referentialId: NOWHERE })).toEqual(['d']);
    expect(ids({ kind: 'lien' })).toEqual(['b', 'd']);
    expect(ids({ confidentiel: 'oui' })).toEqual(['c']);
    expect(ids({ confidentiel: 'non', referentialId: 'label-nr' })).toEqual(['b']);
  });

  it('searches every word, accents and case aside, in titre, file name, URL, owner and node ids', () => {
    expect(ids({ q: 'DELIB' })).toEqual(['a']);
    expect(ids({ q: 'délib 1.1.1' })).toEqual(['a']);
    expect(ids({ q: 'dupont' })).toEqual(['b']);
    expect(ids({ q: 'ville.fr' })).toEqual(['b']);
    expect(ids({ q: '5.2.2' })).toEqual(['c']);
    expect(ids({ q: 'délib dupont' })).toEqual([]);
  });

  it('coveringPreuves keeps the preuves marked for that preuve attendue of that referential', () => {
    expect(coveringPreuves(lib, 'cae', 'inventaire').map((p) => p.id)).toEqual(['c']);
    expect(coveringPreuves(lib, 'label-nr', 'inventaire')).toEqual([]);
  });
});

describe('the Preuves route', () => {
  it('#/preuves parses and formats both ways', () => {
    expect(parseHash('#/preuves')).toEqual({ page: 'preuves' });
    expect(formatHash({ page: 'preuves' })).toBe('#/preuves');
  });
});
