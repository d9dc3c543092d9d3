/** The referential tree of the Référentiel screen (renderer/src/lib/tree.ts) on the real CAE referential. */
import { beforeAll, expect, it } from 'vitest';
import type { Referential } from '../../shared/domain';
import { importReferentialFiles } from '../../electron/core/referential';
import { DATA, describeWithSharedData } from '../helpers/shared-data';
import { acceptsStatut } from '../../renderer/src/lib/statuts';
import { ancestorsOf, axesOf, expandableIds, identifiantQuery, indexTree, nodeMatches, normalizeSearch, visibleRows, type TreeIndex } from '../../renderer/src/lib/tree';

describeWithSharedData('tree of the CAE referential', () => {
  let cae: Referential;
  let index: TreeIndex;

  beforeAll(() => {
    cae = importReferentialFiles([DATA.caeStructure, DATA.caePreuves]);
    index = indexTree(cae);
  });

  it('indexes 6 axes under the root and every node by id (DOMAIN.md: 6 / 19 / 61 / 325 / 1 059)', () => {
    expect(index.root.id).toBe('cae');
    expect(axesOf(index).map((n) => n.identifiant)).toEqual(['1', '2', '3', '4', '5', '6']);
    const byDepth = [1, 2, 3, 4, 5].map((d) => cae.nodes.filter((n) => n.depth === d).length);
    expect(byDepth).toEqual([6, 19, 61, 325, 1059]);
    expect(index.byId.size).toBe(1471);
  });

  it('shows the axes when nothing is expanded, and opens level by level', () => {
    expect(visibleRows(index, new Set()).map((r) => r.node.id)).toEqual(['cae_1', 'cae_2', 'cae_3', 'cae_4', 'cae_5', 'cae_6']);
    const rows = visibleRows(index, new Set(['cae_1', 'cae_1.1']));
    expect(rows.slice(0, 4).map((r) => [r.node.id, r.level, r.expanded])).toEqual([
      ['cae_1', 0, true],
      ['cae_1.1', 1, true],
      ['cae_1.1.1', 2, false],
      ['cae_1.1.2', 2, false],
    ]);
    expect(rows.at(-1)?.node.id).toBe('cae_6');
  });

  it('lists every node once when all are expanded, in natural order (1.10 after 1.9)', () => {
    const all = visibleRows(index, new Set(cae.nodes.map((n) => n.id)));
    expect(all).toHaveLength(1470);
    expect(new Set(all.map((r) => r.node.id)).size).toBe(1470);
  });

  it('search by identifiant keeps the ancestors and the whole subtree', () => {
    const rows = visibleRows(index, new Set(), '1.1.1.7');
    expect(rows.map((r) => r.node.identifiant)).toEqual(['1', '1.1', '1.1.1', '1.1.1.7', '1.1.1.7.1', '1.1.1.7.2', '1.1.1.7.3']);
    expect(rows.every((r) => !r.hasChildren || r.expanded)).toBe(true);
  });

  it('search by words ignores case and accents', () => {
    expect(normalizeSearch('  Énergie ÉLECTRIQUE ')).toBe('energie electrique');
    const node = index.byId.get('cae_1.1.1')!;
    expect(node.nom).toBe('Définir la vision, les objectifs et la stratégie Climat-Air-Énergie');
    expect(nodeMatches(node, 'STRATEGIE climat')).toBe(true);
    expect(nodeMatches(node, 'stratégie déchets')).toBe(false);
    const rows = visibleRows(index, new Set(), 'vision objectifs');
    expect(rows.map((r) => r.node.id)).toContain('cae_1.1.1');
  });

  it('searches identifiants by whole segments: 1.2.3.2.1 is not 1.2.3.2.10', () => {
    expect(index.byId.has('cae_1.2.3.2.10')).toBe(true);
    const ids = visibleRows(index, new Set(), '1.2.3.2.1').map((r) => r.node.id);
    expect(ids).toEqual(['cae_1', 'cae_1.2', 'cae_1.2.3', 'cae_1.2.3.2', 'cae_1.2.3.2.1']);
    // A trailing dot means « what is under »; the referential prefix of a node id is accepted.
    expect(visibleRows(index, new Set(), '1.1.1.7.').map((r) => r.node.identifiant)).toEqual(['1', '1.1', '1.1.1', '1.1.1.7', '1.1.1.7.1', '1.1.1.7.2', '1.1.1.7.3']);
    expect(visibleRows(index, new Set(), 'cae_1.1.1.7').map((r) => r.node.id).at(-1)).toBe('cae_1.1.1.7.3');
    expect(identifiantQuery('  CAE_1.1 ')).toBe('1.1');
    expect(identifiantQuery('1.1.6.3.a')).toBe('1.1.6.3.a');
    expect(identifiantQuery('chaleur renouvelable')).toBeNull();
  });

  it('folds a found branch during a search, and unfolds everything', () => {
    const folded = visibleRows(index, new Set(), '1.2.3.2.1', new Set(['cae_1.2']));
    expect(folded.map((r) => [r.node.id, r.expanded])).toEqual([
      ['cae_1', true],
      ['cae_1.2', false],
    ]);
    // 6 axes, 19 sous-axes, 61 mesures and the 273 sous-actions that have tâches (52 of the 325 are leaves).
    expect(expandableIds(index)).toHaveLength(359);
    expect(cae.nodes.filter((n) => n.depth === 4 && !index.children.has(n.id))).toHaveLength(52);
    expect(visibleRows(index, new Set(expandableIds(index)))).toHaveLength(1470);
  });

  it('gives the path to a node for opening it from a link', () => {
    expect(ancestorsOf(index, 'cae_1.1.1.7.2')).toEqual(['cae_1.1.1.7.2', 'cae_1.1.1.7', 'cae_1.1.1', 'cae_1.1', 'cae_1']);
    expect(ancestorsOf(index, 'cae_9')).toEqual([]);
  });

  it('takes statuts on the 325 sous-actions and 1 059 tâches only', () => {
    const editable = cae.nodes.filter((n) => acceptsStatut(n, cae.model, cae.actionLevel, (index.children.get(n.id)?.length ?? 0) > 0));
    expect(cae.actionLevel).toBe(3);
    expect(editable).toHaveLength(325 + 1059);
  });
});
