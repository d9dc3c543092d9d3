/**
 * The dashboard card rendered to HTML (react-dom/server) from real referentials scored by the real engines:
 * CAE (tete, étoiles) and the Label NR working grid (points, niveaux, avertissement).
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Referential, StatutRecord } from '../../shared/domain';
import { engineFor } from '../../shared/scoring';
import { importReferentialFiles } from '../../electron/core/referential';
import { loadBuiltinLabelNr } from '../../electron/core/referential/builtin';
import { DATA, describeWithSharedData } from '../helpers/shared-data';
import { ScoreCard } from '../../renderer/src/components/ScoreCard';

const NNBSP = '\u202f';

/** Text content of the element carrying `data-testid="<id>"` in static markup. */
function byTestId(html: string, id: string): string | null {
  const m = new RegExp(`data-testid="${id.replace(/[.]/g, '\\.')}"[^>]*>([\\s\\S]*?)</(span|td|p|tr)>`).exec(html);
  if (!m) return null;
  return m[1]!
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function fait(nodeId: string): [string, StatutRecord] {
  return [nodeId, { nodeId, avancement: 'fait', detail: null, concerne: true }];
}

describeWithSharedData('ScoreCard on CAE', () => {
  let cae: Referential;
  beforeAll(() => {
    cae = importReferentialFiles([DATA.caeStructure, DATA.caePreuves]);
  });

  it('shows 0 % of 500 pts, 1 étoile and the 175 pts missing for 2 étoiles when nothing is entered', () => {
    const score = engineFor('tete').compute(cae, new Map());
    const html = renderToStaticMarkup(createElement(ScoreCard, { referential: cae, score, treeHref: '#/referentiel/cae' }));
    expect(byTestId(html, 'score-global-cae')).toBe(`0,0${NNBSP}%`);
    expect(byTestId(html, 'score-points-cae')).toBe('0 / 500 pts');
    expect(byTestId(html, 'niveau-cae')).toBe('1 étoile');
    expect(byTestId(html, 'niveau-suivant-cae')).toBe(`Prochain : 2 étoiles à 35,0${NNBSP}%, il manque 175 pts`);
    expect(byTestId(html, 'completude-cae')).toBe(`0,0${NNBSP}%`);
    expect(html.match(/data-testid="axe-row-/g)).toHaveLength(6);
    expect(html).not.toContain('data-testid="avertissement-cae"');
  });

  it('moves when a sous-action is fait: cae_1.1.1.1 is 5 % of the 12 pts of 1.1.1 = 0,6 pt', () => {
    const score = engineFor('tete').compute(cae, new Map([fait('cae_1.1.1.1')]));
    const html = renderToStaticMarkup(createElement(ScoreCard, { referential: cae, score, treeHref: '#/referentiel/cae' }));
    expect(byTestId(html, 'score-points-cae')).toBe('0,6 / 500 pts');
    expect(byTestId(html, 'score-global-cae')).toBe(`0,1${NNBSP}%`);
    expect(byTestId(html, 'niveau-suivant-cae')).toBe(`Prochain : 2 étoiles à 35,0${NNBSP}%, il manque 174,4 pts`);
    expect(byTestId(html, 'axe-pct-cae_1')).toBe(`0,6${NNBSP}%`);
  });
});

describe('ScoreCard on the Label NR working grid', () => {
  it('shows the avertissement, the 1 000 pts total and Niveau 1 at 30 %', () => {
    const nr = loadBuiltinLabelNr();
    const score = engineFor('points').compute(nr, new Map());
    const html = renderToStaticMarkup(createElement(ScoreCard, { referential: nr, score, treeHref: '#/referentiel/label-nr' }));
    expect(byTestId(html, `avertissement-${nr.id}`)).toBe(nr.avertissement);
    expect(nr.avertissement).toMatch(/non officielle/);
    expect(byTestId(html, `score-points-${nr.id}`)).toBe(`0 / 1${NNBSP}000 pts`);
    expect(byTestId(html, `niveau-${nr.id}`)).toBe('aucun');
    expect(byTestId(html, `niveau-suivant-${nr.id}`)).toBe(`Prochain : Niveau 1 à 30,0${NNBSP}%, il manque 300 pts`);
    expect(html).toContain('>Thème</th>');
  });
});
