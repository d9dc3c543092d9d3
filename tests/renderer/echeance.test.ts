/** The échéance field (renderer/src/lib/echeance.ts): saved once, on leaving the field, and only a plausible date. */
import { describe, expect, it } from 'vitest';
import { commitEcheance } from '../../renderer/src/lib/echeance';

describe('commitEcheance', () => {
  it('saves a complete date between 2000 and 2100 that differs from the stored one', () => {
    expect(commitEcheance('2027-06-30', false, null)).toEqual({ kind: 'save', value: '2027-06-30' });
    expect(commitEcheance('2027-06-30', false, '2027-03-01')).toEqual({ kind: 'save', value: '2027-06-30' });
    expect(commitEcheance('2000-01-01', false, null)).toEqual({ kind: 'save', value: '2000-01-01' });
    expect(commitEcheance('2100-12-31', false, null)).toEqual({ kind: 'save', value: '2100-12-31' });
  });

  it('saves nothing when the date did not change (blur after Enter, tabbing through)', () => {
    expect(commitEcheance('2027-06-30', false, '2027-06-30')).toEqual({ kind: 'none' });
    expect(commitEcheance('', false, null)).toEqual({ kind: 'none' });
  });

  it('clears a stored échéance when the field is emptied', () => {
    expect(commitEcheance('', false, '2027-06-30')).toEqual({ kind: 'save', value: null });
  });

  it('refuses the years a keystroke-by-keystroke save used to record (0006, 0062, 0620) with a French message', () => {
    for (const typed of ['0006-03-01', '0062-03-01', '0620-03-01']) {
      const out = commitEcheance(typed, false, null);
      expect(out.kind).toBe('error');
    }
    expect(commitEcheance('0006-03-01', false, null)).toEqual({
      kind: 'error',
      message: "L'année 0006 n'est pas plausible pour une échéance : choisissez une date entre 2000 et 2100 (saisi : 01/03/0006).",
    });
    expect(commitEcheance('2101-01-01', false, null).kind).toBe('error');
    expect(commitEcheance('1999-12-31', false, null).kind).toBe('error');
  });

  it('refuses an incomplete date without clearing the stored one (the input reports badInput, value "")', () => {
    expect(commitEcheance('', true, '2027-06-30')).toEqual({
      kind: 'error',
      message: "Date incomplète : saisissez le jour, le mois et l'année (JJ/MM/AAAA), ou videz le champ pour retirer l'échéance.",
    });
  });

  it('refuses an impossible day and a value that is not a date, never with the server wording AAAA-MM-JJ', () => {
    expect(commitEcheance('2027-02-30', false, null)).toEqual({ kind: 'error', message: "Le 30/02/2027 n'existe pas : vérifiez le jour et le mois." });
    expect(commitEcheance('30/06/2027', false, null)).toEqual({ kind: 'error', message: "« 30/06/2027 » n'est pas une date : saisissez-la sous la forme JJ/MM/AAAA." });
    expect(commitEcheance('2028-02-29', false, null)).toEqual({ kind: 'save', value: '2028-02-29' });
  });
});
