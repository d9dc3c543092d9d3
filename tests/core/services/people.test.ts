import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import type { ServiceContext } from '../../../electron/core/services/context';
import { memoryCore, snapshotTables } from '../helpers/context';

let core: Core;
let ctx: ServiceContext;
let cleanup: () => void;
beforeEach(() => ({ core, ctx, cleanup } = memoryCore()));
afterEach(() => cleanup());

describe('people and services', () => {
  it('creates services and people, listed by French name order, with history events', () => {
    const dsi = core.services.create({ nom: ' Direction des systèmes d’information ' });
    const com = core.services.create({ nom: 'Communication' });
    expect(dsi.nom).toBe('Direction des systèmes d’information');
    const p1 = core.people.create({ nom: 'Élise Rouvière', email: 'elise@example.org', serviceId: dsi.id });
    const p2 = core.people.create({ nom: 'Claire Morel' });
    expect(core.services.list().map((s) => s.nom)).toEqual(['Communication', 'Direction des systèmes d’information']);
    expect(core.people.list()).toEqual([
      { id: p2.id, nom: 'Claire Morel', email: null, serviceId: null },
      { id: p1.id, nom: 'Élise Rouvière', email: 'elise@example.org', serviceId: dsi.id },
    ]);
    expect(com.id).not.toBe(dsi.id);
    expect(core.history.list().slice(0, 4).map((e) => e.action)).toEqual(['person.create', 'person.create', 'service.create', 'service.create']);
  });

  it('refuses an empty name, a malformed email, an unknown service, a duplicate service — store unchanged', () => {
    core.services.create({ nom: 'Commande publique' });
    const before = snapshotTables(ctx);
    expect(() => core.people.create({ nom: '   ' })).toThrow('Le nom de la personne ne peut pas être vide.');
    expect(() => core.people.create({ nom: 'Bob', email: 'bob-at-example' })).toThrow("L'adresse électronique « bob-at-example » est invalide.");
    expect(() => core.people.create({ nom: 'Bob', serviceId: 'nope' })).toThrow("Le service « nope » n'existe pas.");
    expect(() => core.services.create({ nom: 'Commande publique' })).toThrow('Un service nommé « Commande publique » existe déjà.');
    expect(() => core.services.create({ nom: '' })).toThrow('Le nom du service ne peut pas être vide.');
    expect(snapshotTables(ctx)).toEqual(before);
  });

  it.each([
    ['élodie  marchand', 'Élodie Marchand'],
    ['  ELODIE MARCHAND ', 'Élodie Marchand'],
    ['Elodie\tMarchand', 'Élodie Marchand'],
    ['élodie marchand', 'Élodie Marchand'],
  ])('refuses the person « %s » because « %s » exists (case, accents, spaces) — store unchanged', (nom, existing) => {
    core.people.create({ nom: 'Élodie Marchand' });
    const before = snapshotTables(ctx);
    try {
      core.people.create({ nom, email: 'elodie@example.org' });
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'INPUT_INVALID', message: `Une personne nommée « ${existing} » existe déjà.`, location: { field: 'nom' } });
    }
    expect(snapshotTables(ctx)).toEqual(before);
  });

  it('refuses a service named like an existing one up to case, accents, spaces and apostrophes — store unchanged', () => {
    core.services.create({ nom: 'Direction des systèmes d’information' });
    core.services.create({ nom: 'Communication' });
    const before = snapshotTables(ctx);
    expect(() => core.services.create({ nom: "direction des  SYSTEMES d'information" })).toThrow('Un service nommé « Direction des systèmes d’information » existe déjà.');
    expect(() => core.services.create({ nom: ' COMMUNICATION' })).toThrow('Un service nommé « Communication » existe déjà.');
    expect(snapshotTables(ctx)).toEqual(before);
  });

  it('keeps a new name trimmed with single spaces, and accepts names that differ by more than case/accents/spaces', () => {
    expect(core.people.create({ nom: '  Jean   Dupont ' }).nom).toBe('Jean Dupont');
    expect(core.people.create({ nom: 'Jeanne Dupont' }).nom).toBe('Jeanne Dupont');
    expect(core.services.create({ nom: 'Voirie  ' }).nom).toBe('Voirie');
    expect(core.services.create({ nom: 'Voiries' }).nom).toBe('Voiries');
    expect(core.people.list().map((p) => p.nom)).toEqual(['Jean Dupont', 'Jeanne Dupont']);
  });
});
