/** UI statut → stored record (tete-referentials.md §2.1 table) and the sous-action / tâche cascade. */
import { describe, expect, it } from 'vitest';
import type { Referential, StatutRecord } from '../../../shared/domain';
import { isUserError } from '../../../shared/errors';
import { teteCascade, teteStatutRecord } from '../../../shared/scoring/tete-statut';

describe('teteStatutRecord (§2.1)', () => {
  it.each([
    ['fait', 'fait', true],
    ['programme', 'programme', true],
    ['pas_fait', 'pas_fait', true],
    ['non_renseigne', 'non_renseigne', true],
    ['detaille_a_la_tache', 'non_renseigne', true],
    ['non_concerne', 'non_renseigne', false],
  ] as const)('%s → avancement %s, concerne %s', (statut, avancement, concerne) => {
    expect(teteStatutRecord('cae_1.1.1.1', statut)).toEqual({ nodeId: 'cae_1.1.1.1', avancement, detail: null, concerne });
  });

  it('détaillé keeps its triplet; exact unit triplets are stored as fait / programmé / pas fait', () => {
    expect(teteStatutRecord('x', 'detaille', [0.2, 0.7, 0.1])).toEqual({ nodeId: 'x', avancement: 'detaille', detail: [0.2, 0.7, 0.1], concerne: true });
    expect(teteStatutRecord('x', 'detaille', [1, 0, 0]).avancement).toBe('fait');
    expect(teteStatutRecord('x', 'detaille', [0, 1, 0]).avancement).toBe('programme');
    expect(teteStatutRecord('x', 'detaille', [0, 0, 1]).avancement).toBe('pas_fait');
    expect(teteStatutRecord('x', 'detaille')).toEqual({ nodeId: 'x', avancement: 'detaille', detail: null, concerne: true });
  });

  it.each([
    [[0.5, 0.5, 0.5], '50 % / 50 % / 50 %'],
    [[1.2, -0.2, 0], '120 % / -20 % / 0 %'],
    [[Number.NaN, 0, 1], 'NaN % / 0 % / 100 %'],
  ] as [[number, number, number], string][])('rejects the triplet %j', (detail, shown) => {
    try {
      teteStatutRecord('cae_1.1.1.7.2', 'detaille', detail);
      expect.unreachable();
    } catch (e) {
      expect(isUserError(e) && e.code).toBe('DETAIL_INVALID');
      expect((e as Error).message).toBe(
        `Statut détaillé de « cae_1.1.1.7.2 » : la répartition fait / programmé / pas fait (${shown}) doit avoir trois parts entre 0 et 100 % dont la somme fait 100 %.`,
      );
    }
  });
});

describe('teteCascade (§2.1)', () => {
  const node = (id: string, parentId: string | null, depth: number) => ({ id, parentId, depth }) as Referential['nodes'][number];
  const ref = {
    actionLevel: 1,
    nodes: [node('r', null, 0), node('r_1', 'r', 1), node('r_1.1', 'r_1', 2), node('r_1.1.1', 'r_1.1', 3), node('r_1.1.2', 'r_1.1', 3)],
  } as Referential;
  const rec = (nodeId: string, avancement: StatutRecord['avancement'], concerne = true): StatutRecord => ({ nodeId, avancement, detail: null, concerne });

  it('a tâche statut resets a sous-action that has its own avancement', () => {
    const current = new Map([['r_1.1', rec('r_1.1', 'fait')]]);
    expect(teteCascade(ref, current, rec('r_1.1.1', 'programme'))).toEqual([rec('r_1.1.1', 'programme'), rec('r_1.1', 'non_renseigne')]);
    expect(teteCascade(ref, current, rec('r_1.1.1', 'non_renseigne', false))).toHaveLength(2); // non concerné is a statut
  });

  it('no reset when the tâche is set to non renseigné, when the parent is non renseigné, or above the tâche level', () => {
    const current = new Map([['r_1.1', rec('r_1.1', 'fait')], ['r_1', rec('r_1', 'fait')]]);
    expect(teteCascade(ref, current, rec('r_1.1.1', 'non_renseigne'))).toHaveLength(1);
    expect(teteCascade(ref, new Map([['r_1.1', rec('r_1.1', 'non_renseigne', false)]]), rec('r_1.1.1', 'fait'))).toHaveLength(1);
    expect(teteCascade(ref, current, rec('r_1.1', 'pas_fait'))).toHaveLength(1); // parent r_1 is the mesure
    expect(teteCascade(ref, current, rec('inconnu', 'fait'))).toHaveLength(1);
  });
});
