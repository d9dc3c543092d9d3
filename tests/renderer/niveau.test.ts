/** Niveau reached and gap to the next (renderer/src/lib/niveau.ts), thresholds from tete-referentials.md §3 and the Label NR grid. */
import { describe, expect, it } from 'vitest';
import type { Niveau, RootScore } from '../../shared/domain';
import { ceil3, niveauProgress, pointsHorsPotentiel, seuilBase } from '../../renderer/src/lib/niveau';

const ETOILES: Niveau[] = [
  { rang: 1, nom: '1 étoile', seuil: 0 },
  { rang: 2, nom: '2 étoiles', seuil: 0.35 },
  { rang: 3, nom: '3 étoiles', seuil: 0.5 },
  { rang: 4, nom: '4 étoiles', seuil: 0.65 },
  { rang: 5, nom: '5 étoiles', seuil: 0.75 },
];
const LABEL_NR: Niveau[] = [
  { rang: 1, nom: 'Niveau 1', seuil: 0.3 },
  { rang: 2, nom: 'Niveau 2', seuil: 0.5 },
];

function root(pointFait: number, pointPotentiel: number, pointReferentiel: number, score: number | null, niveau: Niveau | null): RootScore {
  return {
    pointReferentiel,
    pointPotentiel,
    pointPotentielPerso: null,
    pointFait,
    pointProgramme: 0,
    pointPasFait: 0,
    pointNonRenseigne: 0,
    totalTachesCount: 1,
    completedTachesCount: 1,
    faitTachesAvancement: 0,
    programmeTachesAvancement: 0,
    pasFaitTachesAvancement: 0,
    pasConcerneTachesAvancement: 0,
    concerne: true,
    desactive: false,
    renseigne: true,
    statut: null,
    score,
    completude: 1,
    niveau,
  };
}

describe('niveauProgress', () => {
  it('CAE at 150 / 500 pts (30 %): 1 étoile, 2 étoiles need 25 more points', () => {
    const p = niveauProgress(root(150, 500, 500, 0.3, ETOILES[0]!), ETOILES);
    expect(p.atteint?.nom).toBe('1 étoile');
    expect(p.suivant?.niveau.nom).toBe('2 étoiles');
    expect(p.suivant?.manquePoints).toBe(25);
    expect(p.suivant?.manqueFraction).toBeCloseTo(0.05, 10);
  });

  it('CAE with potentiel reduced to 420 pts: the seuil applies to the potentiel (65 % × 420 − 260 = 13)', () => {
    const p = niveauProgress(root(260, 420, 500, 260 / 420, ETOILES[2]!), ETOILES);
    expect(p.suivant?.niveau.nom).toBe('4 étoiles');
    expect(p.suivant?.manquePoints).toBe(13);
  });

  it('a score just under a seuil is not rounded up to it, and the gap is rounded up', () => {
    const p = niveauProgress(root(174.9996, 500, 500, 174.9996 / 500, ETOILES[0]!), ETOILES);
    expect(p.suivant?.niveau.nom).toBe('2 étoiles');
    expect(p.suivant?.manquePoints).toBe(0.001);
    expect(ceil3(17.5001)).toBe(17.501);
    expect(ceil3(17.5000000001)).toBe(17.5);
  });

  it('5 étoiles reached: no next niveau', () => {
    expect(niveauProgress(root(400, 500, 500, 0.8, ETOILES[4]!), ETOILES).suivant).toBeNull();
  });

  it('Label NR (points model) at 399 / 980 pts (20 pts non concernés): Niveau 2 needs 50 % × 980 − 399 = 91 pts of the potentiel', () => {
    const r = root(399, 980, 1000, 399 / 980, LABEL_NR[0]!);
    const p = niveauProgress(r, LABEL_NR);
    expect(p.atteint?.nom).toBe('Niveau 1');
    expect(p.suivant).toMatchObject({ niveau: { nom: 'Niveau 2' }, manquePoints: 91 });
    expect(p.suivant?.manqueFraction).toBeCloseTo(0.5 - 399 / 980, 12);
    expect(seuilBase(r)).toBe(980);
    expect(pointsHorsPotentiel(r)).toBe(20);
    expect(pointsHorsPotentiel(root(0, 500, 500, 0, null))).toBe(0);
  });

  it('rounds a gap with more than 3 decimals UP to the point shown: 35 % × 333,3 − 100 = 16,655 → 16,655; 35 % × 333,33 − 100 = 16,6655 → 16,666', () => {
    expect(niveauProgress(root(100, 333.3, 500, 100 / 333.3, ETOILES[0]!), ETOILES).suivant?.manquePoints).toBe(16.655);
    expect(niveauProgress(root(100, 333.33, 500, 100 / 333.33, ETOILES[0]!), ETOILES).suivant?.manquePoints).toBe(16.666);
  });

  it('Label NR below niveau 1, and a score that cannot be computed', () => {
    expect(niveauProgress(root(120, 1000, 1000, 0.12, null), LABEL_NR)).toEqual({
      atteint: null,
      suivant: { niveau: LABEL_NR[0], manquePoints: 180, manqueFraction: 0.18 },
    });
    expect(niveauProgress(root(0, 0, 0, null, null), LABEL_NR)).toEqual({ atteint: null, suivant: null });
  });
});
