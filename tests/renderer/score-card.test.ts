/**
 * The dashboard card rendered to HTML (react-dom/server) from real referentials scored by the real engines:
 * CAE (tete, étoiles) and the Label NR working grid (points, niveaux, avertissement).
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Referential, Statut, StatutRecord } from '../../shared/domain';
import { toRecord } from '../../shared/statut';
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
    // 1 étoile has a 0 % seuil: reached on score only, and said so (tete-referentials.md §3: 100 % complétude too).
    expect(html).toContain('>Seuil de score atteint</span>');
    expect(html).not.toContain('Niveau atteint');
    expect(byTestId(html, 'niveau-cae')).toBe('1 étoile');
    expect(byTestId(html, 'niveau-note-cae')).toBe(`Une demande exige aussi 100${NNBSP}% de complétude et les critères par mesure.`);
    expect(byTestId(html, 'niveau-suivant-cae')).toBe(`Prochain : 2 étoiles à 35,0${NNBSP}%, il manque 175 pts`);
    expect(byTestId(html, 'completude-cae')).toBe(`0,0${NNBSP}%`);
    expect(byTestId(html, 'completude-count-cae')).toBe(`0 / 1${NNBSP}111 critères renseignés`);
    expect(html).not.toContain('data-testid="score-hors-potentiel-cae"');
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
  // The demo's Label NR statuts (electron/core/demo.ts): the first 30 critères cycle fait, fait, programmé, pas fait,
  // fait, programmé; the 8th is non concerné (20 pts), the 12th détaillé 70 / 20 / 10.
  function demoLike(nr: Referential): Map<string, StatutRecord> {
    const cycle: Statut[] = ['fait', 'fait', 'programme', 'pas_fait', 'fait', 'programme'];
    const leaves = nr.nodes.filter((n) => n.parentId !== null && !nr.nodes.some((c) => c.parentId === n.id)).slice(0, 30);
    return new Map(
      leaves.map((n, i) => {
        const statut: Statut = i === 7 ? 'non_concerne' : i === 11 ? 'detaille' : cycle[i % cycle.length]!;
        return [n.id, { nodeId: n.id, ...toRecord(statut, statut === 'detaille' ? [0.7, 0.2, 0.1] : null) }];
      }),
    );
  }

  it('with 20 pts non concernés: % = fait / potentiel = 399 / 980, the line says so, the gap is 50 % × 980 − 399 = 91 pts', () => {
    const nr = loadBuiltinLabelNr();
    const score = engineFor('points').compute(nr, demoLike(nr));
    expect([score.root.pointFait, score.root.pointPotentiel, score.root.pointReferentiel]).toEqual([399, 980, 1000]);
    const html = renderToStaticMarkup(createElement(ScoreCard, { referential: nr, score, treeHref: '#/referentiel/label-nr' }));
    expect(byTestId(html, `score-global-${nr.id}`)).toBe(`40,7${NNBSP}%`);
    expect(byTestId(html, `score-points-${nr.id}`)).toBe('399 / 980 pts');
    expect(byTestId(html, `score-hors-potentiel-${nr.id}`)).toBe(`20 pts non concernés (sur 1${NNBSP}000)`);
    expect(byTestId(html, `niveau-${nr.id}`)).toBe('Niveau 1');
    expect(byTestId(html, `niveau-suivant-${nr.id}`)).toBe(`Prochain : Niveau 2 à 50,0${NNBSP}%, il manque 91 pts`);
    expect(byTestId(html, `niveau-note-${nr.id}`)).toBe(`Une demande exige aussi 100${NNBSP}% de complétude et les prérequis de la grille.`);
    expect(byTestId(html, `completude-count-${nr.id}`)).toBe('30 / 40 critères renseignés');
  });

  it('shows the avertissement, the 1 000 pts total and Niveau 1 at 30 %', () => {
    const nr = loadBuiltinLabelNr();
    const score = engineFor('points').compute(nr, new Map());
    const html = renderToStaticMarkup(createElement(ScoreCard, { referential: nr, score, treeHref: '#/referentiel/label-nr' }));
    expect(byTestId(html, `avertissement-${nr.id}`)).toBe(nr.avertissement);
    expect(nr.avertissement).toMatch(/non officielle/);
    expect(byTestId(html, `score-points-${nr.id}`)).toBe(`0 / 1${NNBSP}000 pts`);
    expect(byTestId(html, `niveau-${nr.id}`)).toBe('aucun');
    expect(byTestId(html, `niveau-suivant-${nr.id}`)).toBe(`Prochain : Niveau 1 à 30,0${NNBSP}%, il manque 300 pts`);
    expect(html).not.toContain(`data-testid="niveau-note-${nr.id}"`);
    expect(html).not.toContain(`data-testid="score-hors-potentiel-${nr.id}"`);
    expect(html).toContain('>Thème</th>');
  });
});
