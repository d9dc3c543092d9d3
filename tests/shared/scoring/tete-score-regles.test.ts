/**
 * Step 6 of the `tete` engine on the real CAE (tete-referentials.md §2.3 step 6, §2.5): the one score rule of the
 * CAE data, `cae_3.3.5: min(score(cae_1.2.3), score(cae_3.3.5))`, needs no answer, so `teteEngine` applies it from
 * the referential itself. Expected values hand-computed from §1.4 points (3.3.5 = 12 pts: 3.6 / 3.6 / 4.8;
 * 1.2.3 = 10 pts: 2 / 5 / 3) and the step-6 rule (factor = result / ratio, pointFait only).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseTeteCsv } from '../../../electron/core/referential/tete-csv';
import type { Referential, StatutRecord } from '../../../shared/domain';
import { engineFor } from '../../../shared/scoring';
import { createTeteEngine, teteEngine } from '../../../shared/scoring/tete';
import { DATA, describeWithSharedData } from '../../helpers/shared-data';

const fait = (...ids: string[]): Map<string, StatutRecord> => new Map(ids.map((id) => [id, { nodeId: id, avancement: 'fait', detail: null, concerne: true }]));
const withoutRule = createTeteEngine({ scoreReglesDuReferentiel: false });
const PERSONNALISATION_FIXTURES = join(DATA.propagationFixtures, '../personnalisation');

describeWithSharedData('tete engine — CAE score rule of cae_3.3.5 (step 6)', () => {
  const cae: Referential = parseTeteCsv({ structure: { name: DATA.caeStructure, text: readFileSync(DATA.caeStructure, 'utf8') } });
  const all335 = ['cae_3.3.5.1', 'cae_3.3.5.2', 'cae_3.3.5.3'];

  it('engineFor("tete") is teteEngine, which applies the rule', () => {
    expect(engineFor('tete')).toBe(teteEngine);
  });

  it('3.3.5 entirely fait, nothing on 1.2.3: min(0, 1) = 0, so 3.3.5 and its sous-actions fall to 0 fait and the root loses 12 pts', () => {
    const s = fait(...all335);
    const before = withoutRule.compute(cae, s);
    expect(before.nodes['cae_3.3.5']).toMatchObject({ pointFait: 12, pointPotentiel: 12 });
    expect(before.root.pointFait).toBe(12);
    const r = teteEngine.compute(cae, s);
    expect(r.nodes['cae_3.3.5']).toMatchObject({ pointFait: 0, pointPotentiel: 12, pointProgramme: 0, pointPasFait: 0, pointNonRenseigne: 0 });
    for (const id of all335) expect(r.nodes[id]!.pointFait, id).toBe(0);
    expect(r.nodes['cae_3.3']!.pointFait).toBe(0);
    expect(r.nodes['cae_3']!.pointFait).toBe(0);
    expect(r.root).toMatchObject({ pointFait: 0, pointPotentiel: 500, score: 0 });
    // Only pointFait changes (§2.9): completeness and the leaf counts stay those of the statuts.
    expect(r.nodes['cae_3.3.5']!.completedTachesCount).toBe(before.nodes['cae_3.3.5']!.completedTachesCount);
    expect(r.nodes['cae_3.3.5']!.faitTachesAvancement).toBe(before.nodes['cae_3.3.5']!.faitTachesAvancement);
  });

  it('1.2.3 half done (1.2.3.2 fait: 5 of 10) and 3.3.5 entirely fait: 3.3.5 capped at 50 % = 6 pts, spread 1.8 / 1.8 / 2.4', () => {
    const s = fait(...all335, 'cae_1.2.3.2');
    expect(withoutRule.compute(cae, s).root.pointFait).toBe(17);
    const r = teteEngine.compute(cae, s);
    expect(r.nodes['cae_1.2.3']).toMatchObject({ pointFait: 5, pointPotentiel: 10 });
    expect(r.nodes['cae_3.3.5']).toMatchObject({ pointFait: 6, pointPotentiel: 12 });
    expect(all335.map((id) => r.nodes[id]!.pointFait)).toEqual([1.8, 1.8, 2.4]);
    expect(r.nodes['cae_3.3.5.3.1']!.pointFait).toBe(0); // the sous-action's statut wins over its tâches (no points there)
    expect(r.root.pointFait).toBe(11);
    expect(r.root.score).toBeCloseTo(11 / 500, 12);
  });

  it('3.3.5 below 1.2.3 (30 % against 50 %): min keeps 3.3.5 as is', () => {
    const r = teteEngine.compute(cae, fait('cae_3.3.5.1', 'cae_1.2.3.2'));
    expect(r.nodes['cae_3.3.5']!.pointFait).toBe(3.6);
    expect(r.root.pointFait).toBe(8.6);
  });

  it('tâches of 3.3.5 fait one by one: the factor reaches the tâches (1.2.3.3 fait = 30 %, 3.3.5.2 all 9 tâches + 3.3.5.3.1 fait = 4.8 / 12 = 40 %)', () => {
    const taches = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((t) => `cae_3.3.5.2.${t}`);
    const r = teteEngine.compute(cae, fait('cae_1.2.3.3', ...taches, 'cae_3.3.5.3.1'));
    // factor 0.3 / 0.4 = 0.75: each 0.4-pt tâche → 0.3, the 1.2-pt tâche → 0.9; 3.3.5 = 3.6.
    expect(r.nodes['cae_3.3.5.2.1']!.pointFait).toBe(0.3);
    expect(r.nodes['cae_3.3.5.2']!.pointFait).toBe(2.7);
    expect(r.nodes['cae_3.3.5.3.1']!.pointFait).toBe(0.9);
    expect(r.nodes['cae_3.3.5.3']!.pointFait).toBe(0.9);
    expect(r.nodes['cae_3.3.5']!.pointFait).toBe(3.6);
    expect(r.root.pointFait).toBe(6.6);
  });

  it('3.3.5 non concerné (potentiel 0): the rule is skipped, nothing else moves', () => {
    const s = fait('cae_1.2.3.2');
    s.set('cae_3.3.5', { nodeId: 'cae_3.3.5', avancement: 'non_renseigne', detail: null, concerne: false });
    const r = teteEngine.compute(cae, s);
    expect(r.nodes['cae_3.3.5']).toMatchObject({ pointFait: 0, pointPotentiel: 0, concerne: false });
    expect(r.root).toMatchObject({ pointFait: 5, pointPotentiel: 488 });
  });

  it('fixture personnalisation/cae_3.3.5.test.yml (no answer needed): 3.3.5.1 limited by 1.2.3 to 0.4 of 3.6', () => {
    const doc = parseYaml(readFileSync(join(PERSONNALISATION_FIXTURES, 'cae_3.3.5.test.yml'), 'utf8')) as { Statuts: Record<string, string>; Scores: Record<string, Record<string, unknown>> };
    const s = fait(...Object.keys(doc.Statuts).filter((id) => doc.Statuts[id] === 'fait'));
    expect(s.size).toBe(7);
    const r = teteEngine.compute(cae, s);
    for (const [nodeId, expected] of Object.entries(doc.Scores)) {
      for (const [key, want] of Object.entries(expected)) {
        if (key === 'test') continue;
        const field = key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) as 'pointFait';
        expect(r.nodes[nodeId]![field], `${nodeId}.${field}`).toBeCloseTo(want as number, 3);
      }
    }
    // By hand: 1.2.3 = (1/3) / 10 = 1/30; 3.3.5 = 3.6 / 12 = 0.3; factor (1/30) / 0.3 = 1/9; 3.6 / 9 = 0.4.
    expect(r.nodes['cae_3.3.5.1']!.pointFait).toBe(0.4);
    expect(r.nodes['cae_3.3.5']!.pointFait).toBe(0.4);
    expect(r.root.pointFait).toBe(0.733);
    expect(withoutRule.compute(cae, s).root.pointFait).toBe(3.933);
  });

  it('the other answer-free personnalisation fixtures still hold with the rule on (cae_1.2.2.1 sous-actions, cae_4.3.2 hors DOM)', () => {
    for (const file of ['cae_1.2.2.1_potentiel_sous_actions.test.yml', 'cae_4.3.2_hors_DOM.test.yml']) {
      const doc = parseYaml(readFileSync(join(PERSONNALISATION_FIXTURES, file), 'utf8')) as { Statuts?: Record<string, string>; Scores: Record<string, Record<string, unknown>> };
      const s = new Map<string, StatutRecord>();
      for (const [id, v] of Object.entries(doc.Statuts ?? {})) if (v === 'non_concerne') s.set(id, { nodeId: id, avancement: 'non_renseigne', detail: null, concerne: false });
      const r = teteEngine.compute(cae, s);
      let checked = 0;
      for (const [nodeId, expected] of Object.entries(doc.Scores)) {
        for (const [key, want] of Object.entries(expected)) {
          if (key === 'test') continue;
          const field = key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) as 'pointPotentiel';
          expect(r.nodes[nodeId]![field], `${file} ${nodeId}.${field}`).toBeCloseTo(want as number, 3);
          checked++;
        }
      }
      expect(checked, file).toBeGreaterThanOrEqual(10);
    }
  });
});
