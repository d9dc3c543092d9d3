import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import type { ServiceContext } from '../../../electron/core/services/context';
import { memoryCore, snapshotTables } from '../helpers/context';

let core: Core;
let ctx: ServiceContext;
let cleanup: () => void;
beforeEach(() => ({ core, ctx, cleanup } = memoryCore()));
afterEach(() => cleanup());

describe('workspace', () => {
  it('get and update (only the given fields), with a history event holding before and after', () => {
    expect(core.workspace.get()).toEqual({ id: 'test', nom: 'Commune de Test', typeCollectivite: 'commune', codeInsee: '45234', population: 5000, utilisateur: 'Alice Testeuse' });
    const after = core.workspace.update({ nom: 'Communauté de communes du Val', typeCollectivite: 'EPCI', population: 42000 });
    expect(after).toEqual({ id: 'test', nom: 'Communauté de communes du Val', typeCollectivite: 'EPCI', codeInsee: '45234', population: 42000, utilisateur: 'Alice Testeuse' });
    expect(core.workspace.update({ codeInsee: null }).codeInsee).toBeNull();
    const ev = core.history.list()[1]!;
    expect(ev).toMatchObject({ action: 'workspace.update', before: { nom: 'Commune de Test' }, after: { nom: 'Communauté de communes du Val', population: 42000 } });
  });

  it('refuses an empty name, a bad code INSEE, a negative or fractional population — unchanged', () => {
    const before = snapshotTables(ctx);
    expect(() => core.workspace.update({ nom: ' ' })).toThrow('Le nom de la collectivité ne peut pas être vide.');
    expect(() => core.workspace.update({ codeInsee: '4523' })).toThrow(/code INSEE « 4523 » est invalide/);
    expect(() => core.workspace.update({ population: -3 })).toThrow(/population doit être un nombre entier/);
    expect(() => core.workspace.update({ population: 12.5 })).toThrow(/population/);
    expect(() => core.workspace.update({ utilisateur: '' })).toThrow(/utilisateur/);
    expect(snapshotTables(ctx)).toEqual(before);
    expect(core.workspace.update({ codeInsee: '2A004' }).codeInsee).toBe('2A004');
  });
});
