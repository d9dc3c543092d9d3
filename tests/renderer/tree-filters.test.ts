/**
 * The Référentiel tree's filters (renderer/src/lib/treeFilters.ts) and their place in the address
 * (renderer/src/router.ts), on the real CAE referential scored by the tete engine.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Referential, ScoreResult, StatutRecord } from '../../shared/domain';
import { engineFor } from '../../shared/scoring';
import { importReferentialFiles } from '../../electron/core/referential';
import { DATA, describeWithSharedData } from '../helpers/shared-data';
import { indexTree, visibleRows, type TreeIndex } from '../../renderer/src/lib/tree';
import { addDays, formatFilters, localToday, nodePassesFilters, parseFilters, type FilterFacts, type TreeFilters } from '../../renderer/src/lib/treeFilters';
import { formatHash, parseHash } from '../../renderer/src/router';

describe('filters in the address', () => {
  it('round-trips every filter through the hash, keys in a fixed order', () => {
    const filters: TreeFilters = { q: 'mobilité douce', statut: 'fait', pilote: 'Élise Durand', service: 'DSI & co', echeance: 'depassee', sansPreuve: true };
    const hash = formatHash({ page: 'referentiel', referentialId: 'cae', nodeId: 'cae_1.1', filters });
    expect(hash).toBe('#/referentiel/cae/cae_1.1?q=mobilit%C3%A9+douce&statut=fait&pilote=%C3%89lise+Durand&service=DSI+%26+co&echeance=depassee&sansPreuve=1');
    expect(parseHash(hash)).toEqual({ page: 'referentiel', referentialId: 'cae', nodeId: 'cae_1.1', filters });
  });

  it('keeps the hash without filters as before, and ignores unknown or empty values', () => {
    expect(formatHash({ page: 'referentiel', referentialId: 'cae', nodeId: null, filters: {} })).toBe('#/referentiel/cae');
    expect(parseHash('#/referentiel/cae')).toEqual({ page: 'referentiel', referentialId: 'cae', nodeId: null });
    expect(parseFilters('?echeance=hier&sansPreuve=oui&q=&couleur=bleu&statut=fait')).toEqual({ statut: 'fait' });
    expect(formatFilters({ sansPreuve: false, q: '' })).toBe('');
    // A query string on another page is not a filter.
    expect(parseHash('#/preuves?statut=fait')).toEqual({ page: 'preuves' });
  });

  it('adds days across a month and a year end', () => {
    expect(addDays('2026-12-15', 30)).toBe('2027-01-14');
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(localToday(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });
});

describeWithSharedData('filters on the CAE tree', () => {
  let cae: Referential;
  let index: TreeIndex;
  let scores: ScoreResult;
  const statuts = new Map<string, StatutRecord>();
  const facts = (overview: FilterFacts['overview'] = {}): FilterFacts => ({
    model: 'tete',
    actionLevel: cae.actionLevel,
    scores: scores.nodes,
    overview,
    byId: index.byId,
    hasChildren: (id) => (index.children.get(id)?.length ?? 0) > 0,
    today: '2026-06-15',
  });
  const matches = (f: TreeFilters, ff: FilterFacts) => [...index.byId.values()].filter((n) => n.parentId !== null && nodePassesFilters(n, f, ff)).map((n) => n.id);
  const ov = (o: Partial<FilterFacts['overview'][string]>) => ({ pilotes: [], services: [], echeance: null, preuves: 0, ...o });

  beforeAll(() => {
    cae = importReferentialFiles([DATA.caeStructure, DATA.caePreuves]);
    index = indexTree(cae);
    const rec = (nodeId: string, avancement: StatutRecord['avancement']): StatutRecord => ({ nodeId, avancement, detail: null, concerne: true });
    statuts.set('cae_1.1.1.1', rec('cae_1.1.1.1', 'fait'));
    statuts.set('cae_1.1.1.2', rec('cae_1.1.1.2', 'programme'));
    statuts.set('cae_3.1.1.1', rec('cae_3.1.1.1', 'fait'));
    scores = engineFor('tete').compute(cae, statuts);
  });

  it('statut: only the nodes showing that statut', () => {
    expect(matches({ statut: 'fait' }, facts())).toEqual(['cae_1.1.1.1', 'cae_3.1.1.1']);
    expect(matches({ statut: 'programme' }, facts())).toEqual(['cae_1.1.1.2']);
    // Non renseigné: nodes taking a statut with nothing entered (sous-actions and tâches), never axes or mesures.
    const nonRenseigne = matches({ statut: 'non_renseigne' }, facts());
    expect(nonRenseigne).not.toContain('cae_1.1.1');
    expect(nonRenseigne).not.toContain('cae_1.1.1.1');
    expect(nonRenseigne).toContain('cae_1.1.1.3');
  });

  it('pilote, service, échéance: the node’s own assignment', () => {
    const f = facts({
      'cae_1.1.1': ov({ pilotes: ['Élise Durand'], services: ['DSI'], echeance: '2026-06-01' }),
      'cae_2.1.1': ov({ pilotes: ['Marc Petit'], echeance: '2026-07-10' }),
      'cae_3.1.1': ov({ services: ['DSI'], echeance: '2026-09-01' }),
    });
    expect(matches({ pilote: 'Élise Durand' }, f)).toEqual(['cae_1.1.1']);
    expect(matches({ service: 'DSI' }, f)).toEqual(['cae_1.1.1', 'cae_3.1.1']);
    expect(matches({ echeance: 'depassee' }, f)).toEqual(['cae_1.1.1']);
    expect(matches({ echeance: 'proche' }, f)).toEqual(['cae_2.1.1']);
    expect(matches({ echeance: 'definie' }, f)).toEqual(['cae_1.1.1', 'cae_2.1.1', 'cae_3.1.1']);
    expect(matches({ service: 'DSI', echeance: 'depassee' }, f)).toEqual(['cae_1.1.1']);
    expect(matches({ pilote: 'Personne' }, f)).toEqual([]);
  });

  it('preuves manquantes: a claiming statut with no preuve on the node or above', () => {
    expect(matches({ sansPreuve: true }, facts())).toEqual(['cae_1.1.1.1', 'cae_1.1.1.2', 'cae_3.1.1.1']);
    // A preuve on the mesure covers its sous-actions.
    expect(matches({ sansPreuve: true }, facts({ 'cae_1.1.1': ov({ preuves: 2 }) }))).toEqual(['cae_3.1.1.1']);
  });

  it('a jalon filter keeps nothing until the changed nodes are known', () => {
    expect(matches({ jalon: 'j1' }, facts())).toEqual([]);
    expect(matches({ jalon: 'j1' }, { ...facts(), changedSinceJalon: new Set(['cae_2.1']) })).toEqual(['cae_2.1']);
  });

  it('visible rows of a filter: the matches and their ancestors, unfolded', () => {
    const f = facts();
    const rows = visibleRows(index, new Set(), '', new Set(), (n) => nodePassesFilters(n, { statut: 'fait' }, f));
    expect(rows.map((r) => r.node.id)).toEqual(['cae_1', 'cae_1.1', 'cae_1.1.1', 'cae_1.1.1.1', 'cae_3', 'cae_3.1', 'cae_3.1.1', 'cae_3.1.1.1']);
    // With the search text too: both must match.
    const both = visibleRows(index, new Set(), '3.', new Set(), (n) => nodePassesFilters(n, { statut: 'fait' }, f));
    expect(both.map((r) => r.node.id)).toEqual(['cae_3', 'cae_3.1', 'cae_3.1.1', 'cae_3.1.1.1']);
  });
});
