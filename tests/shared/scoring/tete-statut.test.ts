/** UI statut → stored record (tete-referentials.md §2.1 table) and the sous-action / tâche cascade. */
import { describe, expect, it } from 'vitest';
import type { Referential, StatutRecord } from '../../../shared/domain';
import { isUserError } from '../../../shared/errors';
import { teteCascade } from '../../../shared/scoring/tete-statut';
import { checkDetail, toRecord } from '../../../shared/statut';

describe('toRecord / checkDetail (§2.1 table)', () => {
  it.each([
    ['fait', 'fait', true],
    ['programme', 'programme', true],
    ['pas_fait', 'pas_fait', true],
    ['non_renseigne', 'non_renseigne', true],
    ['non_concerne', 'non_renseigne', false],
  ] as const)('%s → avancement %s, concerne %s', (statut, avancement, concerne) => {
    expect(toRecord(statut, null)).toEqual({ avancement, detail: null, concerne });
  });

  it('détaillé keeps its triplet; exact unit triplets are stored as fait / programmé / pas fait', () => {
    expect(toRecord('detaille', [0.2, 0.7, 0.1])).toEqual({ avancement: 'detaille', detail: [0.2, 0.7, 0.1], concerne: true });
    expect(toRecord('detaille', [1, 0, 0]).avancement).toBe('fait');
    expect(toRecord('detaille', [0, 1, 0]).avancement).toBe('programme');
    expect(toRecord('detaille', [0, 0, 1]).avancement).toBe('pas_fait');
  });

  it.each([
    [[0.5, 0.5, 0.5], 'La répartition fait / programmé / pas fait de cae_1.1.1.7.2 fait 150 % au lieu de 100 % (50 % / 50 % / 50 %).'],
    [[0.5, 0.3, 0.1], 'La répartition fait / programmé / pas fait de cae_1.1.1.7.2 fait 90 % au lieu de 100 % (50 % / 30 % / 10 %).'],
    [[1.2, -0.2, 0], 'La répartition fait / programmé / pas fait de cae_1.1.1.7.2 doit contenir trois parts entre 0 et 100 % (reçu 120 % / \u221220 % / 0 %).'],
    [[Number.NaN, 0, 1], 'La répartition fait / programmé / pas fait de cae_1.1.1.7.2 doit contenir trois parts entre 0 et 100 % (reçu non numérique / 0 % / 100 %).'],
    [[0.7, 0.2, 0.2], 'La répartition fait / programmé / pas fait de cae_1.1.1.7.2 fait 110 % au lieu de 100 % (70 % / 20 % / 20 %).'],
    [[0.333, 0.333, 0.333], 'La répartition fait / programmé / pas fait de cae_1.1.1.7.2 fait 99,9 % au lieu de 100 % (33,3 % / 33,3 % / 33,3 %) ; par exemple 33,3 % / 33,3 % / 33,4 %.'],
    [[0.3333, 0.3333, 0.3333], 'La répartition fait / programmé / pas fait de cae_1.1.1.7.2 fait 99,9 % au lieu de 100 % (33,3 % / 33,3 % / 33,3 %) ; par exemple 33,3 % / 33,3 % / 33,4 %.'],
    [[0.6, 0.2, 0.204], 'La répartition fait / programmé / pas fait de cae_1.1.1.7.2 fait 100,4 % au lieu de 100 % (60 % / 20 % / 20,4 %) ; par exemple 59,6 % / 20 % / 20,4 %.'],
    [[0.5, 0.25, 0.2], 'La répartition fait / programmé / pas fait de cae_1.1.1.7.2 fait 95 % au lieu de 100 % (50 % / 25 % / 20 %).'],
  ] as [[number, number, number], string][])('rejects the triplet %j', (detail, message) => {
    try {
      checkDetail('cae_1.1.1.7.2', detail);
      expect.unreachable();
    } catch (e) {
      expect(isUserError(e) && e.code).toBe('DETAIL_INVALID');
      expect((e as Error).message).toBe(message);
    }
  });

  it('says the same in English, in English percentages', () => {
    const english = (detail: [number, number, number]): string | null => {
      try {
        checkDetail('cae_1.1.1.7.2', detail);
      } catch (e) {
        return isUserError(e) ? e.en : null;
      }
      return null;
    };
    expect(english([0.333, 0.333, 0.333])).toBe('The done / planned / not done split of cae_1.1.1.7.2 makes 99.9% instead of 100% (33.3% / 33.3% / 33.3%); for example 33.3% / 33.3% / 33.4%.');
    expect(english([1.2, -0.2, 0])).toBe('The done / planned / not done split of cae_1.1.1.7.2 must hold three parts between 0 and 100% (received 120% / \u221220% / 0%).');
  });

  it('accepts 0.7 + 0.2 + 0.1 and 1/3 splits, and returns the split rounded to tenths of a percent as stored', () => {
    expect(checkDetail('n', [0.7, 0.2, 0.1])).toEqual([0.7, 0.2, 0.1]);
    expect(checkDetail('n', [0.333, 0.333, 0.334])).toEqual([0.333, 0.333, 0.334]);
    expect(checkDetail('n', [0.7004, 0.2004, 0.1004])).toEqual([0.7, 0.2, 0.1]);
    expect(checkDetail('n', [1 / 3, 1 / 3, 0.334])).toEqual([0.333, 0.333, 0.334]);
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
