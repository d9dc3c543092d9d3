/**
 * The words of the referential's rules on a node (renderer/src/lib/score-rules.ts) on the real CAE scored by the
 * tete engine: the cap of cae_3.3.5 by cae_1.2.3 (tete-referentials.md §2.3 step 6) and the personnalisation mark.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parseTeteCsv } from '../../electron/core/referential/tete-csv';
import { emptyNodeScore, type Referential, type StatutRecord } from '../../shared/domain';
import { teteEngine } from '../../shared/scoring/tete';
import { personnalisationOf, scoreCapOf } from '../../renderer/src/lib/score-rules';
import { DATA, describeWithSharedData } from '../helpers/shared-data';

const fait = (...ids: string[]): Map<string, StatutRecord> => new Map(ids.map((id) => [id, { nodeId: id, avancement: 'fait', detail: null, concerne: true }]));

describeWithSharedData('score rules in words, real CAE', () => {
  const cae: Referential = parseTeteCsv({ structure: { name: DATA.caeStructure, text: readFileSync(DATA.caeStructure, 'utf8') } });
  const byId = new Map(cae.nodes.map((n) => [n.id, n]));
  const node335 = byId.get('cae_3.3.5')!;
  const all335 = ['cae_3.3.5.1', 'cae_3.3.5.2', 'cae_3.3.5.3'];
  const capOf = (statuts: Map<string, StatutRecord>) => scoreCapOf(node335, teteEngine.compute(cae, statuts).nodes, byId);

  it('3.3.5 entirely fait, 1.2.3 half done: capped at 50 %, reached, naming 1.2.3 and the rule’s own words', () => {
    const cap = capOf(fait(...all335, 'cae_1.2.3.2'))!;
    expect(cap.formula).toBe('min(score(cae_1.2.3), score(cae_3.3.5))');
    expect(cap.description).toBe("Pour favoriser la prévention des déchets, la note attribuée à cette action ne peut dépasser celle obtenue dans l'action 1.2.3.");
    expect(cap.sources).toEqual([{ nodeId: 'cae_1.2.3', identifiant: '1.2.3', ratio: 0.5 }]);
    expect(cap.ratio).toBe(0.5);
    expect(cap.reached).toBe(true);
    // 12 pts fait capped to 6: the parts sum to 6 of 12, the cap took 6.
    expect(cap.retires).toBe(6);
  });

  it('nothing done on 1.2.3: the cap brings 3.3.5 down to 0 % and is still reported as reached', () => {
    const cap = capOf(fait(...all335))!;
    expect(cap.ratio).toBe(0);
    expect(cap.sources[0]!.ratio).toBe(0);
    expect(cap.reached).toBe(true);
  });

  it('3.3.5 below 1.2.3 (30 % against 50 %): not reached; nothing done at all: not reached', () => {
    const below = capOf(fait('cae_3.3.5.1', 'cae_1.2.3.2'))!;
    expect(below.ratio).toBeCloseTo(0.3, 12);
    expect(below.reached).toBe(false);
    expect(below.retires).toBe(0);
    expect(capOf(new Map())!.reached).toBe(false);
  });

  it('a node without a score rule, or non concerné, has no cap note', () => {
    const scores = teteEngine.compute(cae, fait(...all335)).nodes;
    expect(scoreCapOf(byId.get('cae_1.2.3')!, scores, byId)).toBeNull();
    const s = fait('cae_1.2.3.2');
    s.set('cae_3.3.5', { nodeId: 'cae_3.3.5', avancement: 'non_renseigne', detail: null, concerne: false });
    expect(scoreCapOf(node335, teteEngine.compute(cae, s).nodes, byId)).toBeNull();
  });
});

it('personnalisation mark: désactivé, potentiel changed, unchanged, and never on other models', () => {
  const base = { ...emptyNodeScore(12), pointPotentiel: 12 };
  expect(personnalisationOf('tete', { ...base, desactive: true })).toEqual({ kind: 'desactive' });
  expect(personnalisationOf('tete', { ...base, pointPotentielPerso: 2, pointPotentiel: 2 })).toEqual({ kind: 'potentiel', perso: 2, ref: 12 });
  expect(personnalisationOf('tete', { ...base, pointPotentielPerso: 12 })).toBeNull();
  expect(personnalisationOf('tete', base)).toBeNull();
  expect(personnalisationOf('weighted', { ...base, desactive: true })).toBeNull();
});
