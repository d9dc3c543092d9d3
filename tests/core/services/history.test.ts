import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import type { ServiceContext } from '../../../electron/core/services/context';
import { lastChangeAt } from '../../../electron/core/services/history';
import { memoryCore, toyTete } from '../helpers/context';

let core: Core;
let ctx: ServiceContext;
let cleanup: () => void;
beforeEach(() => {
  ({ core, ctx, cleanup } = memoryCore());
  core.referentials.store(toyTete());
  core.referentials.store(toyTete('cae'));
});
afterEach(() => cleanup());

describe('history service', () => {
  it('lists newest first, filtered by referential and node, limited', () => {
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait' });
    core.statuts.set({ referentialId: 'cae', nodeId: 'cae_1.2', statut: 'pas_fait' });
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'programme' });
    const all = core.history.list();
    expect(all.map((e) => e.action)).toEqual(['statut.set', 'statut.set', 'statut.set', 'referential.import', 'referential.import', 'workspace.create']);
    expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((a, b) => b - a));
    const eci = core.history.list({ referentialId: 'eci', nodeId: 'eci_1.1' });
    expect(eci.map((e) => [(e.before as { statut: string } | null)?.statut ?? null, (e.after as { statut: string }).statut])).toEqual([
      ['fait', 'programme'],
      [null, 'fait'],
    ]);
    expect(core.history.list({ limit: 2 })).toHaveLength(2);
    expect(all[0]!.who).toBe('Alice Testeuse');
    expect(all[0]!.at).toMatch(/^2026-03-01T10:00:\d\d\.000Z$/);
  });

  it('lastChangeAt: the newest event of the referential or of the workspace (never the clock)', () => {
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait' });
    const eciAt = core.history.list({ referentialId: 'eci' })[0]!.at;
    core.statuts.set({ referentialId: 'cae', nodeId: 'cae_1.2', statut: 'fait' });
    expect(lastChangeAt(ctx, 'eci')).toBe(eciAt);
    const p = core.people.create({ nom: 'Nadia' });
    expect(lastChangeAt(ctx, 'eci')).toBe(core.history.list()[0]!.at);
    expect(p.nom).toBe('Nadia');
  });
});
