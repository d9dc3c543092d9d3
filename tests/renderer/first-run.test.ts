/** Steps and visibility of the first-run guide (renderer/src/lib/firstRun.ts). */
import { describe, expect, it } from 'vitest';
import { guideClosedKey, guideSteps, showGuide } from '../../renderer/src/lib/firstRun';

describe('first-run guide', () => {
  const nr = { id: 'label-nr', nom: 'Label Numérique Responsable' };
  it('a new workspace: identité and pilotes to do, the built-in grid counts', () => {
    const steps = guideSteps({ nom: 'Ma collectivité', referentials: [nr], people: 0, services: 0 });
    expect(steps.map((s) => [s.key, s.done, s.etat])).toEqual([
      ['identite', false, 'Nom à saisir.'],
      ['referentiels', true, '1 référentiel : Label Numérique Responsable.'],
      ['pilotes', false, 'Aucun pilote pour l’instant.'],
    ]);
    expect(showGuide({ nom: 'Ma collectivité', people: 0 }, false)).toBe(true);
  });

  it('every step done, plurals; no referential at all is a step to do', () => {
    const steps = guideSteps({ nom: 'Commune de Saint-Essai', referentials: [nr, { id: 'cae', nom: 'Climat Air Énergie' }], people: 2, services: 1 });
    expect(steps.every((s) => s.done)).toBe(true);
    expect(steps.map((s) => s.etat)).toEqual(['Nom : Commune de Saint-Essai.', '2 référentiels : Label Numérique Responsable, Climat Air Énergie.', '2 pilotes, 1 service.']);
    expect(guideSteps({ nom: 'X', referentials: [], people: 0, services: 0 })[1]).toMatchObject({ done: false, etat: 'Aucun référentiel : importez-en un.' });
    // A blank name is not an identity.
    expect(guideSteps({ nom: '  ', referentials: [], people: 0, services: 0 })[0]!.done).toBe(false);
  });

  it('shown while the workspace looks new, never once closed, never on a named and peopled workspace', () => {
    expect(showGuide({ nom: 'Commune de Saint-Essai', people: 0 }, false)).toBe(true);
    expect(showGuide({ nom: 'Ma collectivité', people: 3 }, false)).toBe(true);
    expect(showGuide({ nom: 'Commune de Valmont-sur-Loire', people: 5 }, false)).toBe(false);
    expect(showGuide({ nom: 'Ma collectivité', people: 0 }, true)).toBe(false);
    expect(guideClosedKey('ma-collectivite')).toBe('label-audit:guide-ferme:ma-collectivite');
  });
});
