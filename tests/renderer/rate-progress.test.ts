/**
 * The RGAA (rate: conformes ÷ applicables) and the guide NR (progress: faites ÷ renseignées) on the screens: their
 * statuts and words, the dashboard card (taux, « Conformité RGAA », the gap to the next state in critères), the tree
 * and fiche figures, the « what if » preview. Real files from ../shared/data.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Referential, ScoreResult, Statut } from '../../shared/domain';
import { engineFor } from '../../shared/scoring';
import { toRecord } from '../../shared/statut';
import { importReferentialFiles } from '../../electron/core/referential';
import { DATA, describeWithSharedData } from '../helpers/shared-data';
import { NodeScoreBlock } from '../../renderer/src/components/NodeScoreBlock';
import { ScoreCard, axePct, scorePointsLine } from '../../renderer/src/components/ScoreCard';
import { modelFigures, pctCell, pointsCell } from '../../renderer/src/lib/figures';
import { niveauProgress } from '../../renderer/src/lib/niveau';
import { displayStatut, STATUTS_BY_MODEL, statutLabel } from '../../renderer/src/lib/statuts';
import { statutDeltas, type StoredStatutRow } from '../../renderer/src/lib/whatIf';

const NNBSP = '\u202f';

function textOf(html: string, id: string): string | null {
  const m = new RegExp(`data-testid="${id.replace(/[.]/g, '\\.')}"[^>]*>([\\s\\S]*?)</(span|td|p|tr|dd|div)>`).exec(html);
  return m ? m[1]!.replace(/<[^>]+>/g, '') : null;
}

function scored(ref: Referential, statuts: Array<[string, Statut]>): ScoreResult {
  return engineFor(ref.model).compute(ref, new Map(statuts.map(([nodeId, s]) => [nodeId, { nodeId, ...toRecord(s, null) }])));
}

describe('statuts of the rate and progress models', () => {
  it('RGAA: non évalué first, then conforme / non conforme / non applicable, in RGAA words', () => {
    expect(STATUTS_BY_MODEL.rate).toEqual(['non_renseigne', 'conforme', 'non_conforme', 'non_applicable']);
    expect(statutLabel('non_renseigne', 'rate')).toBe('Non évalué');
    expect(displayStatut('fait', 'rate').label).toBe('Conforme');
    expect(displayStatut('non_concerne', 'rate').label).toBe('Non applicable');
    expect(displayStatut(null, 'rate').label).toBe('Non évalué');
  });

  it('guide NR: non renseigné first, then fait / programmé / pas fait / non concerné; no détaillé', () => {
    expect(STATUTS_BY_MODEL.progress).toEqual(['non_renseigne', 'fait', 'programme', 'pas_fait', 'non_concerne']);
    expect(statutLabel('non_renseigne', 'progress')).toBe('Non renseigné');
    expect(displayStatut('pas_fait', 'progress').label).toBe('Pas fait');
    expect(displayStatut(null, 'progress').label).toBe('Non renseigné');
    expect(modelFigures('progress')).toMatchObject({ pointsHeader: 'Pratiques', pctHeader: '% fait', horsChamp: 'non concerné', counts: true });
  });
});

describeWithSharedData('RGAA on the screens', () => {
  let rgaa: Referential;
  let score: ScoreResult;
  beforeAll(() => {
    rgaa = importReferentialFiles([DATA.rgaa]);
    // 1.1 non applicable; of the 105 others, 52 conformes then 53 non conformes: 52 / 105 = 49,52 %.
    const criteres = rgaa.nodes.filter((n) => n.depth === 2);
    score = scored(rgaa, criteres.map((c, i): [string, Statut] => [c.id, i === 0 ? 'non_applicable' : i <= 52 ? 'conforme' : 'non_conforme']));
  });

  it('the card: 49,5 %, « Conformité RGAA : Non conforme », 1 critère conforme short of « Partiellement conforme »', () => {
    const html = renderToStaticMarkup(createElement(ScoreCard, { referential: rgaa, score, treeHref: '#/referentiel/rgaa' }));
    expect(textOf(html, 'score-global-rgaa')).toBe(`49,5${NNBSP}%`);
    expect(textOf(html, 'score-points-rgaa')).toBe('52 conformes sur 105 évalués (106 critères)');
    expect(textOf(html, 'score-hors-potentiel-rgaa')).toBe('1 critère non applicable');
    expect(html).toContain('>Conformité RGAA</span>');
    expect(html).not.toContain('Seuil de score');
    expect(textOf(html, 'niveau-rgaa')).toBe('Non conforme');
    // 0,5 × 105 − 52 = 0,5 critère: one more conforme (53 / 105 = 50,47 %) reaches it.
    expect(textOf(html, 'niveau-suivant-rgaa')).toBe(`Prochain : Partiellement conforme à 50,0${NNBSP}%, il manque 1 critère conforme`);
    expect(textOf(html, 'completude-count-rgaa')).toBe('106 / 106 critères renseignés');
    expect(html).toContain('>Applicables</th>');
    expect(html).toContain('>Non évalué</th>');
    expect(html).not.toContain('>Programmé</th>');
    expect(textOf(html, 'axe-pct-rgaa_1')).toBe(`100,0${NNBSP}%`);
  });

  it('niveauProgress counts whole critères over the évalués (not the potentiel)', () => {
    expect(niveauProgress(score.root, rgaa.niveaux, 'rate').suivant).toMatchObject({ niveau: { nom: 'Partiellement conforme' }, manquePoints: 1 });
    // From 53 / 105 the next state is 100 %: 52 critères to turn conforme.
    const more = scored(rgaa, rgaa.nodes.filter((n) => n.depth === 2).map((c, i): [string, Statut] => [c.id, i === 0 ? 'non_applicable' : i <= 53 ? 'conforme' : 'non_conforme']));
    expect(more.root.niveau?.nom).toBe('Partiellement conforme');
    expect(niveauProgress(more.root, rgaa.niveaux, 'rate').suivant?.manquePoints).toBe(52);
  });

  it('tree and fiche: critères conformes / évalués, « non applicable », counts without « pts »', () => {
    const theme = score.nodes['rgaa_1']!;
    expect(pointsCell('rate', theme)).toBe('8 / 8');
    expect(pctCell('rate', score.nodes['rgaa_1.1']!)).toBe('non applicable');
    expect(axePct('rate', scored(rgaa, []).nodes['rgaa_1']!)).toBe('non évalué');
    const html = renderToStaticMarkup(createElement(NodeScoreBlock, { score: score.nodes['rgaa_10']!, badge: undefined, model: 'rate', breakdown: true }));
    expect(html).toContain('<dt>Critères conformes / évalués</dt>');
    const t10 = score.nodes['rgaa_10']!;
    expect(textOf(html, 'panel-points')).toBe(`${t10.pointFait} / ${t10.pointFait + t10.pointPasFait}`);
    expect(textOf(html, 'panel-fait')).toBe(String(t10.pointFait));
    expect(html).not.toContain(' pt');
    expect(html).toContain('14 / 14 critères renseignés');
  });

  it('what if: the resulting taux, as for the RGESN', () => {
    const rows: StoredStatutRow[] = [
      { nodeId: 'rgaa_1.1', statut: 'conforme', detail: null },
      { nodeId: 'rgaa_1.2', statut: 'non_conforme', detail: null },
    ];
    // 1.3 conforme → 2 / 3 = 66,6 %; non conforme → 1 / 3 = 33,3 %; non applicable / non évalué: no change (50 %).
    expect(statutDeltas(rgaa, rows, 'rgaa_1.3', STATUTS_BY_MODEL.rate)).toEqual({ conforme: `→ 66,6${NNBSP}%`, non_conforme: `→ 33,3${NNBSP}%` });
  });
});

describeWithSharedData('guide NR on the screens', () => {
  let guide: Referential;
  let score: ScoreResult;
  beforeAll(() => {
    guide = importReferentialFiles([DATA.guideNr]);
    score = scored(guide, [['gbp-nr_a.1', 'fait'], ['gbp-nr_a.2', 'fait'], ['gbp-nr_a.3', 'programme'], ['gbp-nr_a.4', 'pas_fait'], ['gbp-nr_h.1', 'non_concerne']]);
  });

  it('the card: 50 % of the 4 renseignées, no niveau block, pratiques renseignées', () => {
    const html = renderToStaticMarkup(createElement(ScoreCard, { referential: guide, score, treeHref: '#/referentiel/gbp-nr' }));
    expect(textOf(html, 'score-global-gbp-nr')).toBe(`50,0${NNBSP}%`);
    expect(textOf(html, 'score-points-gbp-nr')).toBe('2 faites sur 4 renseignées (59 pratiques)');
    expect(textOf(html, 'score-hors-potentiel-gbp-nr')).toBe('1 pratique non concernée');
    expect(html).not.toContain('data-testid="niveau-gbp-nr"');
    expect(textOf(html, 'completude-count-gbp-nr')).toBe('5 / 59 pratiques renseignées');
    expect(html).toContain('>Programmé</th>');
    expect(textOf(html, 'axe-pct-gbp-nr_a')).toBe(`50,0${NNBSP}%`);
    expect(textOf(html, 'axe-pct-gbp-nr_b')).toBe('non renseigné');
    expect(scorePointsLine('progress', { pointFait: 1, pointProgramme: 0, pointPasFait: 0, pointPotentiel: 1, pointReferentiel: 1 })).toBe('1 faite sur 1 renseignée (1 pratique)');
  });

  it('tree: faites / renseignées; what if shows the resulting %', () => {
    expect(pointsCell('progress', score.nodes['gbp-nr_a']!)).toBe('2 / 4');
    expect(pointsCell('progress', score.nodes['gbp-nr_b']!)).toBe('—');
    expect(pctCell('progress', score.nodes['gbp-nr_h.1']!)).toBe('non concerné');
    const rows: StoredStatutRow[] = [{ nodeId: 'gbp-nr_a.1', statut: 'fait', detail: null }];
    // a.2 fait → 2 / 2 = 100 % (no change); programmé or pas fait → 1 / 2 = 50 %.
    expect(statutDeltas(guide, rows, 'gbp-nr_a.2', STATUTS_BY_MODEL.progress)).toEqual({ programme: `→ 50,0${NNBSP}%`, pas_fait: `→ 50,0${NNBSP}%` });
  });
});
