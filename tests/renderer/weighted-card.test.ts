/**
 * RGESN (weighted model, DOMAIN.md: Σ weights conformes ÷ Σ weights évalués) on the dashboard card and in the
 * tree / fiche figures: its own words (Conforme / Non conforme / Non évalué), a % from ratioFait on the evaluated
 * weights, a points line that agrees with that %, and no niveau block (RGESN has no niveaux).
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, expect, it } from 'vitest';
import type { Referential, ScoreResult, Statut } from '../../shared/domain';
import { engineFor } from '../../shared/scoring';
import { toRecord } from '../../shared/statut';
import { importReferentialFiles } from '../../electron/core/referential';
import { DATA, describeWithSharedData } from '../helpers/shared-data';
import { ScoreCard, scorePointsLine } from '../../renderer/src/components/ScoreCard';
import { pctCell, pointsCell } from '../../renderer/src/lib/figures';

const NNBSP = '\u202f';

function textOf(html: string, id: string): string | null {
  const m = new RegExp(`data-testid="${id.replace(/[.]/g, '\\.')}"[^>]*>([\\s\\S]*?)</(span|td|p|tr)>`).exec(html);
  return m ? m[1]!.replace(/<[^>]+>/g, '') : null;
}

function scored(rgesn: Referential, statuts: Array<[string, Statut]>): ScoreResult {
  return engineFor('weighted').compute(rgesn, new Map(statuts.map(([nodeId, s]) => [nodeId, { nodeId, ...toRecord(s, null) }])));
}

describeWithSharedData('RGESN card and figures', () => {
  let rgesn: Referential;
  beforeAll(() => {
    rgesn = importReferentialFiles([DATA.rgesn]);
  });

  it('one critère 1.1 conforme (weight 1,5): 100 %, « 1,5 pts conformes sur 1,5 évalués (100,25 au total) », no niveau block', () => {
    expect(rgesn.niveaux).toEqual([]);
    const score = scored(rgesn, [['rgesn_1.1', 'conforme']]);
    expect(score.root.score).toBe(1);
    const html = renderToStaticMarkup(createElement(ScoreCard, { referential: rgesn, score, treeHref: '#/referentiel/rgesn' }));
    expect(textOf(html, 'score-global-rgesn')).toBe(`100,0${NNBSP}%`);
    expect(textOf(html, 'score-points-rgesn')).toBe('1,5 pts conformes sur 1,5 évalués (100,25 au total)');
    expect(html).not.toContain('data-testid="niveau-rgesn"');
    expect(html).not.toContain('sans niveaux');
    expect(html).not.toContain('Niveau');
    // The thématique table in RGESN words; Stratégie is 100 % conforme of what is evaluated (not 1,5 / 13,5 = 11,1 %).
    expect(html).toContain('>Conforme</th>');
    expect(html).toContain('>Non conforme</th>');
    expect(html).toContain('>Non évalué</th>');
    expect(html).not.toContain('>Programmé</th>');
    expect(textOf(html, 'axe-pct-rgesn_1')).toBe(`100,0${NNBSP}%`);
    expect(textOf(html, 'axe-pct-rgesn_2')).toBe('non évalué');
  });

  it('the tree and the fiche say the same: conformes / évalués and the % on them', () => {
    const score = scored(rgesn, [
      ['rgesn_1.1', 'conforme'],
      ['rgesn_1.2', 'non_conforme'],
      ['rgesn_1.3', 'non_applicable'],
    ]);
    const w = (id: string) => rgesn.nodes.find((n) => n.id === id)!.pointReferentiel;
    expect([w('rgesn_1.1'), w('rgesn_1.2'), w('rgesn_1.3')]).toEqual([1.5, 1.5, 1.25]);
    const theme = score.nodes['rgesn_1']!;
    expect(pointsCell('weighted', theme)).toBe('1,5 / 3');
    expect(pctCell('weighted', theme)).toBe(`50,0${NNBSP}%`);
    expect(pctCell('weighted', score.nodes['rgesn_1.3']!)).toBe('non applicable');
    expect(pointsCell('weighted', score.nodes['rgesn_1.4']!)).toBe('—');
    expect(pctCell('weighted', score.nodes['rgesn_1.4']!)).toBe('—');
    expect(scorePointsLine('weighted', score.root)).toBe('1,5 pts conformes sur 3 évalués (100,25 au total)');
    expect(score.root.score).toBe(0.5);
  });

  it('TETE and points keep « fait / potentiel pts », the unit agreeing with the number (1 pt, 980 pts)', () => {
    expect(scorePointsLine('tete', { pointFait: 0, pointPasFait: 0, pointPotentiel: 1, pointReferentiel: 1 })).toBe('0 / 1 pt');
    expect(scorePointsLine('points', { pointFait: 399, pointPasFait: 0, pointPotentiel: 980, pointReferentiel: 1000 })).toBe('399 / 980 pts');
  });
});
