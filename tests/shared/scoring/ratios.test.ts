/** ratioFait: one headline ratio per model (DOMAIN.md; tete-referentials.md §2.2 for the 0-potentiel fallback). */
import { describe, expect, it } from 'vitest';
import { emptyNodeScore, type NodeScore } from '../../../shared/domain';
import { ratioFait } from '../../../shared/scoring/ratios';

const score = (s: Partial<NodeScore>): NodeScore => ({ ...emptyNodeScore(), ...s });

describe('ratioFait', () => {
  it('tete and points: fait ÷ potentiel (cae_1.1.1 fixture: 3.3 / 12 = 27.5 %)', () => {
    expect(ratioFait('tete', score({ pointPotentiel: 12, pointFait: 3.3 }))).toBeCloseTo(0.275, 12);
    expect(ratioFait('points', score({ pointPotentiel: 980, pointFait: 399 }))).toBeCloseTo(399 / 980, 12);
  });

  it('tete at 0 potentiel (a .0 regulatory node): the leaf-count ratio, 2 of 3 tâches fait = 2/3', () => {
    expect(ratioFait('tete', score({ totalTachesCount: 3, completedTachesCount: 3, faitTachesAvancement: 2 }))).toBeCloseTo(2 / 3, 12);
  });

  it('null, never NaN, when nothing can be computed', () => {
    expect(ratioFait('tete', score({ concerne: false, totalTachesCount: 1 }))).toBeNull();
    expect(ratioFait('points', score({}))).toBeNull();
    expect(ratioFait('weighted', score({ pointPotentiel: 4, pointNonRenseigne: 4 }))).toBeNull();
  });

  it('weighted (RGESN): conforme ÷ (conforme + non conforme), non évalué left out: 3 / (3 + 1.25)', () => {
    expect(ratioFait('weighted', score({ pointPotentiel: 5.25, pointFait: 3, pointPasFait: 1.25, pointNonRenseigne: 1 }))).toBeCloseTo(3 / 4.25, 12);
  });
});
