/** Routes and words of the Jalons and Comparaison screens (renderer/src/router.ts, lib/comparaison.ts). */
import { describe, expect, it } from 'vitest';
import { CHAMPS_COMPARES } from '../../electron/core/services/comparaison';
import { CHAMPS, coteOf, valeurText } from '../../renderer/src/lib/comparaison';
import { formatHash, parseHash } from '../../renderer/src/router';

describe('Jalons and Comparaison screens', () => {
  it('route #/jalons and #/comparaison?a=..&b=..[&ref=..][&tout=1] both ways', () => {
    expect(parseHash('#/jalons')).toEqual({ page: 'jalons' });
    expect(parseHash('#/comparaison?a=1&b=maintenant')).toEqual({ page: 'comparaison', a: '1', b: 'maintenant', referentialId: null, tout: false });
    expect(parseHash('#/comparaison?a=2&b=3&ref=cae&tout=1')).toEqual({ page: 'comparaison', a: '2', b: '3', referentialId: 'cae', tout: true });
    expect(parseHash('#/comparaison')).toEqual({ page: 'comparaison', a: null, b: null, referentialId: null, tout: false });
    expect(formatHash({ page: 'comparaison', a: '2', b: 'maintenant', referentialId: 'label-nr', tout: true })).toBe('#/comparaison?a=2&b=maintenant&ref=label-nr&tout=1');
    expect(formatHash({ page: 'jalons' })).toBe('#/jalons');
    // a query on another route is ignored, as before
    expect(parseHash('#/export/cae?x=1')).toEqual({ page: 'export', referentialId: 'cae' });
  });

  it('reads a side from the route: a jalon number or « maintenant », anything else null', () => {
    expect(['1', '42', 'maintenant', '0', '-1', 'x', '1.5', null].map(coteOf)).toEqual([1, 42, 'maintenant', null, null, null, null, null]);
  });

  it('shows the compared fields in the core order, points, truncated % and statut', () => {
    expect(CHAMPS.map((c) => c.key)).toEqual([...CHAMPS_COMPARES]);
    expect(valeurText('points', 1234.5)).toBe('1\u202f234,5');
    expect(valeurText('percent', 0.6669)).toBe('66,6\u202f%');
    expect(valeurText('percent', null)).toBe('—');
    expect(valeurText('text', 'Fait')).toBe('Fait');
    expect(valeurText('text', null)).toBe('—');
  });
});
