/** Statuts in the UI (renderer/src/lib/statuts.ts): per-model choices, labels, who takes a statut, détaillé split. */
import { describe, expect, it } from 'vitest';
import type { ReferentialNode } from '../../shared/domain';
import { acceptsStatut, detailToPercents, displayStatut, levelLabel, parseDetail, STATUTS_BY_MODEL, statutLabel } from '../../renderer/src/lib/statuts';

function node(id: string, depth: number): ReferentialNode {
  return {
    id,
    parentId: depth === 0 ? null : 'x',
    identifiant: id,
    depth,
    type: 't',
    nom: id,
    description: null,
    contexte: null,
    exemples: null,
    ressources: null,
    perimetreEvaluation: null,
    reductionPotentiel: null,
    categorie: null,
    points: null,
    pourcentage: null,
    pointReferentiel: 0,
    ordre: 0,
    meta: {},
  };
}

describe('statut choices and labels', () => {
  it('offers the contract statuts per model, with French labels', () => {
    expect(STATUTS_BY_MODEL.tete.map((s) => statutLabel(s, 'tete'))).toEqual([
      'Non renseigné',
      'Fait',
      'Programmé',
      'Pas fait',
      'Détaillé',
      'Non concerné',
    ]);
    expect(STATUTS_BY_MODEL.weighted.map((s) => statutLabel(s, 'weighted'))).toEqual(['Non évalué', 'Conforme', 'Non conforme', 'Non applicable']);
    expect(STATUTS_BY_MODEL.points).toEqual(STATUTS_BY_MODEL.tete);
  });

  it('labels display statuts (tete-referentials.md §2.1), RGESN in its own words', () => {
    expect(displayStatut('detaille_a_la_tache', 'tete')).toEqual({ label: 'Détaillé à la tâche', tone: 'detaille' });
    expect(displayStatut('non_renseignable', 'tete')).toEqual({ label: 'Non renseignable', tone: 'neutre' });
    expect(displayStatut(null, 'tete')).toEqual({ label: 'Non renseigné', tone: 'neutre' });
    expect(displayStatut(null, 'weighted')).toEqual({ label: 'Non évalué', tone: 'neutre' });
    expect(displayStatut('fait', 'weighted')).toEqual({ label: 'Conforme', tone: 'fait' });
    expect(displayStatut('non_conforme', 'weighted')).toEqual({ label: 'Non conforme', tone: 'pas-fait' });
    expect(displayStatut('non_concerne', 'weighted')).toEqual({ label: 'Non applicable', tone: 'non-concerne' });
  });

  it('names hierarchy levels in French', () => {
    expect(['action', 'tache', 'theme', 'sous-action', 'inconnu'].map(levelLabel)).toEqual(['mesure', 'tâche', 'thème', 'sous-action', 'inconnu']);
  });
});

describe('acceptsStatut', () => {
  it('TETE: only below the mesure level (CAE actionLevel 3)', () => {
    expect(acceptsStatut(node('cae_1.1.1', 3), 'tete', 3, true)).toBe(false);
    expect(acceptsStatut(node('cae_1.1.1.2', 4), 'tete', 3, true)).toBe(true);
    expect(acceptsStatut(node('cae_1.1.1.2.3', 5), 'tete', 3, false)).toBe(true);
    expect(acceptsStatut(node('eci_2.1.0', 3), 'tete', 2, false)).toBe(true);
  });

  it('points and weighted: leaves only; never the root', () => {
    expect(acceptsStatut(node('label-nr_1.1', 2), 'points', 1, false)).toBe(true);
    expect(acceptsStatut(node('label-nr_1', 1), 'points', 1, true)).toBe(false);
    expect(acceptsStatut(node('rgesn_1.1', 2), 'weighted', 1, false)).toBe(true);
    expect(acceptsStatut(node('cae', 0), 'tete', 3, true)).toBe(false);
  });
});

describe('parseDetail (sum of 100 % in integer tenths, like the server)', () => {
  it.each([
    [['70', '20', '10'], [0.7, 0.2, 0.1]],
    [['33,3', '33,3', '33,4'], [0.333, 0.333, 0.334]],
    [['100', '', ''], [1, 0, 0]],
    [['50', '25', '25'], [0.5, 0.25, 0.25]],
  ] as const)('%j → %j', (input, detail) => {
    expect(parseDetail([...input])).toEqual({ ok: true, detail: [...detail] });
  });

  it('refuses a split that does not make 100 %, naming the total', () => {
    expect(parseDetail(['50', '30', '10'])).toEqual({ ok: false, message: 'Les trois pourcentages doivent faire 100 % au total (total saisi : 90 %).' });
    expect(parseDetail(['33,3', '33,3', '33,3'])).toEqual({
      ok: false,
      message: 'Les trois pourcentages doivent faire 100 % au total (total saisi : 99,9 %).',
    });
  });

  it('refuses a value that is not a number 0..100, naming the field', () => {
    expect(parseDetail(['abc', '0', '0'])).toEqual({ ok: false, message: 'Le pourcentage « fait » doit être un nombre entre 0 et 100 (saisi : « abc »).' });
    expect(parseDetail(['0', '120', '-20'])).toEqual({
      ok: false,
      message: 'Le pourcentage « programmé » doit être un nombre entre 0 et 100 (saisi : « 120 »).',
    });
  });

  it('shows a stored split as percentages', () => {
    expect(detailToPercents([0.7, 0.2, 0.1])).toEqual(['70', '20', '10']);
    expect(detailToPercents([0.333, 0.333, 0.334])).toEqual(['33.3', '33.3', '33.4']);
    expect(detailToPercents(null)).toEqual(['', '', '']);
  });
});
