/** Figures of the dashboard charts (renderer/src/lib/charts.ts): truncated %, seuils from the referential, text alternatives. */
import { describe, expect, it } from 'vitest';
import { emptyNodeScore, type Niveau, type ReferentialNode, type RootScore } from '../../shared/domain';
import { axeBars, axeChartDescription, chartPercent, completudeRings, seuilLines } from '../../renderer/src/lib/charts';

const node = (id: string, identifiant: string, nom: string): ReferentialNode => ({ id, identifiant, nom, parentId: 'r', depth: 1, ordre: 0 }) as unknown as ReferentialNode;
const NNBSP = '\u202f';

describe('dashboard chart figures', () => {
  it('truncates like every % of the app: a bar never reaches a seuil the score has not reached', () => {
    expect(chartPercent(0.34999)).toBe(34.9);
    expect(chartPercent(0.35)).toBe(35);
    expect(chartPercent(0.749)).toBe(74.9);
    expect(chartPercent(1)).toBe(100);
    expect(chartPercent(null)).toBeNull();
    expect(chartPercent(Number.NaN)).toBeNull();
  });

  it('seuils come from the niveaux; a 0 % niveau draws no line', () => {
    const niveaux: Niveau[] = [
      { rang: 1, nom: '1 étoile', seuil: 0 },
      { rang: 2, nom: '2 étoiles', seuil: 0.35 },
      { rang: 3, nom: '3 étoiles', seuil: 0.5 },
    ] as Niveau[];
    expect(seuilLines(niveaux)).toEqual([
      { nom: '2 étoiles', value: 35 },
      { nom: '3 étoiles', value: 50 },
    ]);
    expect(seuilLines([])).toEqual([]);
  });

  it('axe bars: ratioFait per model, non concerné without a bar, 0 potentiel without NaN', () => {
    const a = { ...emptyNodeScore(10), pointPotentiel: 10, pointFait: 7.499 };
    const b = { ...emptyNodeScore(5), pointPotentiel: 0, concerne: false };
    const c = { ...emptyNodeScore(0), pointPotentiel: 0 };
    const bars = axeBars('tete', [node('a', '1', 'Planification'), node('b', '2', 'Patrimoine'), node('c', '3', 'Vide'), node('d', '4', 'Sans score')], { a, b, c }, 'non concerné', 'non renseigné');
    expect(bars).toEqual([
      { id: 'a', label: '1 Planification', value: 74.9, text: `74,9${NNBSP}%` },
      { id: 'b', label: '2 Patrimoine', value: null, text: 'non concerné' },
      { id: 'c', label: '3 Vide', value: null, text: 'non renseigné' },
    ]);
    expect(axeChartDescription('axe', bars, [{ nom: '2 étoiles', value: 35 }])).toBe(
      `Score par axe : 1 Planification 74,9${NNBSP}% ; 2 Patrimoine non concerné ; 3 Vide non renseigné. Seuils : 2 étoiles 35,0${NNBSP}%.`,
    );
    // Weighted (RGESN): conformes over evaluated weights, never the potentiel.
    const w = { ...emptyNodeScore(4), pointPotentiel: 4, pointFait: 1.5, pointPasFait: 1.5 };
    expect(axeBars('weighted', [node('w', '1', 'Stratégie')], { w }, 'non applicable', 'non évalué')[0]!.value).toBe(50);
    expect(axeChartDescription('thématique', [], [])).toBe('Score par thématique : .');
  });

  it('complétude rings: the whole referential first, then each axe; 0 tâches is « non calculable »', () => {
    const root = { ...emptyNodeScore(500), completedTachesCount: 158, totalTachesCount: 1111, score: 0.05, completude: 158 / 1111, niveau: null } as RootScore;
    const a = { ...emptyNodeScore(10), completedTachesCount: 2, totalTachesCount: 3 };
    const e = { ...emptyNodeScore(0), completedTachesCount: 0, totalTachesCount: 0 };
    const rings = completudeRings(root, [node('a', '1', 'Planification'), node('e', '2', 'Vide')], { a, e }, 'critères renseignés');
    expect(rings.map((r) => [r.id, r.value])).toEqual([
      ['root', 14.2],
      ['a', 66.6],
      ['e', null],
    ]);
    expect(rings[0]!.description).toBe(`Ensemble : complétude 14,2${NNBSP}%, 158 / 1${NNBSP}111 critères renseignés`);
    expect(rings[2]!.description).toBe('2 Vide : complétude non calculable, 0 / 0 critères renseignés');
  });
});

import { progressionDescription, progressionPoints } from '../../renderer/src/lib/charts';

describe('progression across jalons', () => {
  const j = (nom: string, at: string, refs: Array<[string, number | null]>) => ({ nom, at, referentiels: refs.map(([referentialId, score]) => ({ referentialId, score })) });
  it('the jalons holding the referential, oldest first, then today; none: no chart', () => {
    const jalons = [j('Post-audit', '2026-09-01T10:00:00Z', [['cae', 0.4012]]), j('Pré-audit', '2026-03-12T08:00:00Z', [['cae', 0.25], ['label-nr', 0.6]]), j('Autre', '2026-05-01T00:00:00Z', [['label-nr', 0.7]])];
    const points = progressionPoints(jalons, 'cae', 0.30199);
    expect(points).toEqual([
      { label: 'Pré-audit (12/03/2026)', value: 25 },
      { label: 'Post-audit (01/09/2026)', value: 40.1 },
      { label: 'Aujourd’hui', value: 30.1 },
    ]);
    expect(progressionDescription(points, [{ nom: '2 étoiles', value: 35 }])).toBe(
      `Progression du score : Pré-audit (12/03/2026) 25,0${NNBSP}% ; Post-audit (01/09/2026) 40,1${NNBSP}% ; Aujourd’hui 30,1${NNBSP}%. Seuils : 2 étoiles 35,0${NNBSP}%.`,
    );
    expect(progressionPoints(jalons, 'eci', 0.5)).toEqual([]);
    expect(progressionPoints([j('Vide', '2026-01-01T00:00:00Z', [['cae', null]])], 'cae', null).map((p) => p.value)).toEqual([null, null]);
    expect(progressionDescription([{ label: 'Aujourd’hui', value: null }], [])).toBe('Progression du score : Aujourd’hui non calculable.');
  });
});
