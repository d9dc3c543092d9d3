import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { describeError } from '../../electron/cli/main';
import { UserError } from '../../shared/errors';

describe('describeError: exit code and the one stderr line', () => {
  it('a UserError → 1 with its message', () => {
    expect(describeError(new UserError('NODE_UNKNOWN', 'Nœud inconnu : cae_9.9 (référentiel cae).', { nodeId: 'cae_9.9' }))).toEqual({
      exitCode: 1,
      line: 'Nœud inconnu : cae_9.9 (référentiel cae).',
    });
  });

  it('a TRPCError caused by a UserError → 1 with the UserError message', () => {
    const cause = new UserError('DETAIL_INVALID', 'Répartition invalide pour cae_1.1.1.1.2 : la somme vaut 1,1.');
    expect(describeError(new TRPCError({ code: 'BAD_REQUEST', message: cause.message, cause }))).toEqual({ exitCode: 1, line: cause.message });
  });

  it('a zod input error → 1 naming the field', () => {
    const cause = Object.assign(new Error('zod'), {
      issues: [{ code: 'too_big', origin: 'string', maximum: 20000, path: ['explication'], message: 'Too big: expected string to have <=20000 characters' }],
    });
    expect(describeError(new TRPCError({ code: 'BAD_REQUEST', message: '[{…}]', cause }))).toEqual({
      exitCode: 1,
      line: 'Donnée invalide pour « explication » : texte trop long (plus de 20\u202f000 caractères).',
    });
  });

  it('a multi-line message is folded to one line', () => {
    expect(describeError(new UserError('PACK_INVALID', 'Paquet invalide :\n  manifest.json absent')).line).toBe('Paquet invalide : manifest.json absent');
  });

  it('anything else → 2, "Erreur interne : …", no stack', () => {
    expect(describeError(new TypeError("Cannot read properties of undefined (reading 'x')"))).toEqual({
      exitCode: 2,
      line: "Erreur interne : Cannot read properties of undefined (reading 'x')",
    });
    expect(describeError(new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'disk I/O error' }))).toEqual({ exitCode: 2, line: 'Erreur interne : disk I/O error' });
  });
});
