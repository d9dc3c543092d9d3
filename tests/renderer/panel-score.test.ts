/**
 * The statut a node shows (lib/statuts.ts `shownStatut`, the same for the tree row and the panel) and the panel's
 * score block (components/NodeScoreBlock.tsx), on the real CAE referential with the statuts of fixture cae_1.1.1
 * (tete-referentials.md §2.8 B): mesure 1.1.1 = 3,3 fait / 3,9 programmé / 3,6 pas fait / 1,2 non renseigné of 12.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, expect, it } from 'vitest';
import type { Detail, Referential, ScoreResult, Statut } from '../../shared/domain';
import { engineFor } from '../../shared/scoring';
import { toRecord } from '../../shared/statut';
import { importReferentialFiles } from '../../electron/core/referential';
import { NodeScoreBlock } from '../../renderer/src/components/NodeScoreBlock';
import { shownStatut } from '../../renderer/src/lib/statuts';
import { indexTree, type TreeIndex } from '../../renderer/src/lib/tree';
import { DATA, describeWithSharedData } from '../helpers/shared-data';

const NNBSP = '\u202f';
const FIXTURE: Array<[string, Statut, Detail?]> = [
  ['cae_1.1.1.1.1', 'fait'],
  ['cae_1.1.1.1.2', 'fait'],
  ['cae_1.1.1.2', 'programme'],
  ['cae_1.1.1.4.1', 'fait'],
  ['cae_1.1.1.4.2', 'fait'],
  ['cae_1.1.1.4.3', 'non_concerne'],
  ['cae_1.1.1.5', 'pas_fait'],
  ['cae_1.1.1.6', 'programme'],
  ['cae_1.1.1.7.1', 'fait'],
  ['cae_1.1.1.7.2', 'detaille', [0.5, 0.5, 0]],
  ['cae_1.1.1.7.3', 'programme'],
];

/** Text of the element carrying `data-testid="<id>"` in static markup (tags stripped), or null. */
function byTestId(html: string, id: string): string | null {
  const m = new RegExp(`data-testid="${id.replace(/[.]/g, '\\.')}"[^>]*>([\\s\\S]*?)</(span|dd|div)>`).exec(html);
  return m ? m[1]!.replace(/<[^>]+>/g, '') : null;
}

describeWithSharedData('panel statut and score block on CAE fixture cae_1.1.1', () => {
  let cae: Referential;
  let index: TreeIndex;
  let score: ScoreResult;
  beforeAll(() => {
    cae = importReferentialFiles([DATA.caeStructure, DATA.caePreuves]);
    index = indexTree(cae);
    score = engineFor('tete').compute(cae, new Map(FIXTURE.map(([nodeId, s, d]) => [nodeId, { nodeId, ...toRecord(s, d ?? null) }])));
  });

  const shown = (nodeId: string) => {
    const node = index.byId.get(nodeId)!;
    return shownStatut(node, score.nodes[nodeId]!, 'tete', cae.actionLevel, (index.children.get(nodeId)?.length ?? 0) > 0);
  };

  it('no statut on the axe, sous-axe and mesure; the engine statut on sous-actions and tâches; Non renseigné where nothing is entered', () => {
    expect(['cae_1', 'cae_1.1', 'cae_1.1.1'].map(shown)).toEqual([undefined, undefined, undefined]);
    expect(shown('cae_1.1.1.1')).toBe('detaille_a_la_tache');
    expect(shown('cae_1.1.1.7')).toBe('detaille_a_la_tache');
    expect(shown('cae_1.1.1.4.3')).toBe('non_concerne');
    expect(shown('cae_1.1.1.5')).toBe('pas_fait');
    expect(shown('cae_1.1.1.7.2')).toBe('detaille');
    expect(shown('cae_1.1.1.3')).toBeNull();
  });

  it('the mesure panel: no statut, 3,3 / 12 pts, 27,5 %, and the breakdown 3,3 / 3,9 / 3,6 / 1,2 pts', () => {
    const s = score.nodes['cae_1.1.1']!;
    const html = renderToStaticMarkup(createElement(NodeScoreBlock, { score: s, badge: undefined, model: 'tete', breakdown: true }));
    expect(html).not.toContain('panel-statut');
    expect(html).not.toContain('Non renseigné</span>');
    expect(byTestId(html, 'panel-points')).toBe('3,3 / 12 pts');
    expect(byTestId(html, 'panel-pct')).toBe(`27,5${NNBSP}%`);
    expect(['fait', 'programme', 'pas-fait', 'non-renseigne'].map((k) => byTestId(html, `panel-${k}`))).toEqual(['3,3 pts', '3,9 pts', '3,6 pts', '1,2 pts']);
    expect(html).toContain(`data-value="${s.completedTachesCount / s.totalTachesCount}"`);
    expect(html).toContain(`${s.completedTachesCount} / ${s.totalTachesCount} critères renseignés`);
  });

  it('a sous-action détaillée à la tâche keeps its badge; a non-concerné tâche shows no breakdown', () => {
    const html = renderToStaticMarkup(createElement(NodeScoreBlock, { score: score.nodes['cae_1.1.1.7']!, badge: shown('cae_1.1.1.7'), model: 'tete', breakdown: true }));
    expect(html).toMatch(/data-testid="panel-statut" data-statut="detaille_a_la_tache" title="[^"]+">Détaillé à la tâche</);
    expect(byTestId(html, 'panel-points')).toBe('2,1 / 4,2 pts');
    const nc = renderToStaticMarkup(createElement(NodeScoreBlock, { score: score.nodes['cae_1.1.1.4.3']!, badge: 'non_concerne', model: 'tete', breakdown: false }));
    expect(byTestId(nc, 'panel-pct')).toBe('non concerné');
    expect(nc).not.toContain('panel-breakdown');
  });
});
