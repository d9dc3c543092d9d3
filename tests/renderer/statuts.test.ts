/** Statuts in the UI (renderer/src/lib/statuts.ts): per-model choices, labels, who takes a statut, détaillé split. */
import { describe, expect, it } from 'vitest';
import { emptyNodeTexts, type ReferentialNode } from '../../shared/domain';
import { detailToPercents, detailTotal, parseDetail } from '../../renderer/src/lib/detail';
import { i18next } from '../../renderer/src/i18n/tr';
import { setFormatLang } from '../../renderer/src/lib/format';
import { acceptsStatut, displayStatut, levelLabel, STATUTS_BY_MODEL, statutLabel } from '../../renderer/src/lib/statuts';

function node(id: string, depth: number): ReferentialNode {
  return {
    id,
    parentId: depth === 0 ? null : 'x',
    identifiant: id,
    depth,
    type: 't',
    nom: id,
    ...emptyNodeTexts(),
    pointReferentiel: 0,
    ordre: 0,
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
    expect(displayStatut('detaille_a_la_tache', 'tete')).toEqual({
      label: 'Détaillé à la tâche',
      tone: 'detaille',
      title: 'Pas de statut propre : le score de la sous-action vient de ses tâches.',
    });
    // The tooltip says why a tâche cannot be counted (§2.1: its sous-action carries a statut).
    expect(displayStatut('non_renseignable', 'tete')).toEqual({
      label: 'Non renseignable',
      tone: 'neutre',
      title: "La sous-action porte déjà un statut : c'est lui qui compte, pas celui de ses tâches.",
    });
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

const NNBSP = '\u202f';

describe('parseDetail (checkDetail of shared/statut.ts: sum of 100 % in integer tenths, like the server)', () => {
  it.each([
    [['70', '20', '10'], [0.7, 0.2, 0.1]],
    [['33,3', '33,3', '33,4'], [0.333, 0.333, 0.334]],
    [['33.3', '33.3', '33.4'], [0.333, 0.333, 0.334]],
    [['100', '', ''], [1, 0, 0]],
    [['50 %', ' 25 ', '25%'], [0.5, 0.25, 0.25]],
  ] as const)('%j → %j', (input, detail) => {
    expect(parseDetail('cae_1.1.1.7.2', [...input])).toEqual({ ok: true, detail: [...detail] });
  });

  it('refuses a split that does not make 100 %, in % parts: what is missing or too much', () => {
    expect(parseDetail('cae_1.1.1.7.2', ['50', '30', '10'])).toEqual({ ok: false, message: `Les trois parts font 90${NNBSP}% : il manque 10${NNBSP}%.` });
    expect(parseDetail('cae_1.1.1.7.2', ['33,3', '33,3', '33,3'])).toEqual({ ok: false, message: `Les trois parts font 99,9${NNBSP}% : il manque 0,1${NNBSP}%.` });
    expect(parseDetail('cae_1.1.1.7.2', ['60', '30', '20'])).toEqual({ ok: false, message: `Les trois parts font 110${NNBSP}% : 10${NNBSP}% de trop.` });
  });

  it('refuses a value that is not a number 0..100, naming the part', () => {
    expect(parseDetail('x', ['abc', '0', '0'])).toEqual({ ok: false, message: 'La part « fait » doit être un nombre entre 0 et 100 (saisi : « abc »).' });
    expect(parseDetail('x', ['0', '120', '-20'])).toEqual({ ok: false, message: 'La part « programmé » doit être un nombre entre 0 et 100 (saisi : « 120 »).' });
    expect(parseDetail('x', ['0', '0', '-20'])).toEqual({ ok: false, message: 'La part « pas fait » doit être un nombre entre 0 et 100 (saisi : « -20 »).' });
    expect(parseDetail('x', ['1e2', '0', '0']).ok).toBe(false);
  });

  it('writes the live total in French with what is missing', () => {
    expect(detailTotal(['50', '30', '10'])).toEqual({ tenths: 900, text: `Total : 90${NNBSP}% (il manque 10${NNBSP}%)` });
    expect(detailTotal(['33,3', '33,3', '33,4'])).toEqual({ tenths: 1000, text: `Total : 100${NNBSP}%` });
    expect(detailTotal(['33,3', '', ''])).toEqual({ tenths: 333, text: `Total : 33,3${NNBSP}% (il manque 66,7${NNBSP}%)` });
    expect(detailTotal(['70', '40', '0'])).toEqual({ tenths: 1100, text: `Total : 110${NNBSP}% (10${NNBSP}% de trop)` });
    expect(detailTotal(['7O', '', ''])).toEqual({ tenths: null, text: 'Total : la part « fait » doit être un nombre entre 0 et 100' });
  });

  it('says the same thing live and on save for a part out of 0..100 (« -10 »)', () => {
    expect(detailTotal(['-10', '', ''])).toEqual({ tenths: null, text: 'Total : la part « fait » doit être un nombre entre 0 et 100' });
    expect(parseDetail('x', ['-10', '', ''])).toEqual({ ok: false, message: 'La part « fait » doit être un nombre entre 0 et 100 (saisi : « -10 »).' });
  });

  it('writes the total, the save errors and the stored split in English when the interface is in English (issue 8 item 2)', async () => {
    await i18next.changeLanguage('en');
    setFormatLang('en');
    try {
      expect(detailTotal(['50', '30', '15'])).toEqual({ tenths: 950, text: 'Total: 95% (5% missing)' });
      expect(detailTotal(['70', '40', '0'])).toEqual({ tenths: 1100, text: 'Total: 110% (10% too much)' });
      expect(detailTotal(['33.3', '33.3', '33.4'])).toEqual({ tenths: 1000, text: 'Total: 100%' });
      expect(detailTotal(['-10', '', ''])).toEqual({ tenths: null, text: 'Total: the “done” part must be a number between 0 and 100' });
      expect(parseDetail('x', ['abc', '0', '0'])).toEqual({ ok: false, message: 'The “done” part must be a number between 0 and 100 (entered: “abc”).' });
      expect(parseDetail('x', ['0', '-10', '0'])).toEqual({ ok: false, message: 'The “planned” part must be a number between 0 and 100 (entered: “-10”).' });
      expect(parseDetail('x', ['50', '30', '15'])).toEqual({ ok: false, message: 'The three parts add up to 95%: 5% missing.' });
      expect(parseDetail('x', ['33,3', '33,3', '33,3'])).toEqual({ ok: false, message: 'The three parts add up to 99.9%: 0.1% missing.' });
      expect(parseDetail('x', ['60', '30', '20'])).toEqual({ ok: false, message: 'The three parts add up to 110%: 10% too much.' });
      expect(detailToPercents([0.333, 0.333, 0.334])).toEqual(['33.3', '33.3', '33.4']);
    } finally {
      await i18next.changeLanguage('fr');
      setFormatLang('fr');
    }
  });

  it('shows a stored split as percentages with a decimal comma', () => {
    expect(detailToPercents([0.7, 0.2, 0.1])).toEqual(['70', '20', '10']);
    expect(detailToPercents([0.333, 0.333, 0.334])).toEqual(['33,3', '33,3', '33,4']);
    expect(detailToPercents(null)).toEqual(['', '', '']);
  });
});
