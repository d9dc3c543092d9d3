/** UserError in both languages (shared/errors.ts `Bilingual`, issue 8 item 2). */
import { describe, expect, it } from 'vitest';
import { UserError } from '../../shared/errors';

describe('UserError', () => {
  it('keeps French as its message and English beside it', () => {
    const e = new UserError('NOT_FOUND', { fr: 'La preuve « p » n’existe pas.', en: 'Preuve “p” does not exist.' }, { field: 'preuveId' });
    expect(e.message).toBe('La preuve « p » n’existe pas.');
    expect(e.en).toBe('Preuve “p” does not exist.');
    expect(e.messageIn('en')).toBe('Preuve “p” does not exist.');
    expect(e.messageIn('fr')).toBe('La preuve « p » n’existe pas.');
    expect(e.location).toEqual({ field: 'preuveId' });
  });

  it('a French-only error reads French in both languages', () => {
    const e = new UserError('INPUT_INVALID', 'Saisie invalide.');
    expect(e.en).toBeNull();
    expect(e.messageIn('en')).toBe('Saisie invalide.');
  });
});
