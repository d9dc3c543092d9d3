/** "What if" preview of a statut (renderer/src/lib/whatIf.ts) with the shared engines on the real CAE, RGESN and Label NR grid. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Referential } from '../../shared/domain';
import { importReferentialFiles } from '../../electron/core/referential';
import { loadBuiltinLabelNr } from '../../electron/core/referential/builtin';
import { DATA, describeWithSharedData } from '../helpers/shared-data';
import { STATUTS_BY_MODEL } from '../../renderer/src/lib/statuts';
import { previewStatut, recordsOf, statutDeltas, type StoredStatutRow } from '../../renderer/src/lib/whatIf';

describeWithSharedData('what-if on CAE (tete)', () => {
  let cae: Referential;
  beforeAll(() => {
    cae = importReferentialFiles([DATA.caeStructure, DATA.caePreuves]);
  });

  it('fait on cae_1.1.1.1 (5 % of the 12 pts of 1.1.1) adds 0,6 pt; programmé / pas fait add none', () => {
    expect(statutDeltas(cae, [], 'cae_1.1.1.1', STATUTS_BY_MODEL.tete)).toEqual({ fait: '+0,6 pt' });
  });

  it('every other choice on a fait sous-action removes its 0,6 pt', () => {
    const rows: StoredStatutRow[] = [{ nodeId: 'cae_1.1.1.1', statut: 'fait', detail: null }];
    expect(statutDeltas(cae, rows, 'cae_1.1.1.1', STATUTS_BY_MODEL.tete)).toEqual({
      non_renseigne: '−0,6 pt',
      programme: '−0,6 pt',
      pas_fait: '−0,6 pt',
      non_concerne: '−0,6 pt',
    });
  });

  it('applies the §2.1 cascade: a tâche of a fait sous-action (4,2 pts, 3 tâches) resets it, leaving 1,4 pt', () => {
    const rows: StoredStatutRow[] = [{ nodeId: 'cae_1.1.1.7', statut: 'fait', detail: null }];
    const current = recordsOf(rows);
    expect(previewStatut(cae, current, 'cae_1.1.1.7.1', 'fait')?.pointFait).toBe(1.4);
    expect(statutDeltas(cae, rows, 'cae_1.1.1.7.1', STATUTS_BY_MODEL.tete)).toMatchObject({ fait: '−2,8 pts' });
  });

  it('previews a détaillé split and refuses a bad one without throwing', () => {
    const current = recordsOf([]);
    expect(previewStatut(cae, current, 'cae_1.1.1.7', 'detaille', [0.5, 0.25, 0.25])?.pointFait).toBe(2.1);
    expect(previewStatut(cae, current, 'cae_1.1.1.7', 'detaille', [0.5, 0.3, 0.1])).toBeNull();
  });
});

describeWithSharedData('what-if on RGESN (weighted)', () => {
  it('shows the resulting score: Σ weights conformes ÷ Σ weights évalués', () => {
    const rgesn = importReferentialFiles([DATA.rgesn]);
    const w = (id: string) => rgesn.nodes.find((n) => n.id === id)!.pointReferentiel;
    expect([w('rgesn_1.1'), w('rgesn_1.2'), w('rgesn_1.3')]).toEqual([1.5, 1.5, 1.25]);
    const rows: StoredStatutRow[] = [
      { nodeId: 'rgesn_1.1', statut: 'conforme', detail: null },
      { nodeId: 'rgesn_1.2', statut: 'non_conforme', detail: null },
      { nodeId: 'rgesn_1.3', statut: 'non_conforme', detail: null },
    ];
    // now 1,5 / 4,25 = 35,29 %; 1.3 conforme → 2,75 / 4,25 = 64,70 %; 1.3 excluded → 1,5 / 3 = 50 %
    expect(statutDeltas(rgesn, rows, 'rgesn_1.3', STATUTS_BY_MODEL.weighted)).toEqual({
      non_renseigne: '→ 50,0\u202f%',
      conforme: '→ 64,7\u202f%',
      non_applicable: '→ 50,0\u202f%',
    });
  });
});

describe('what-if on the Label NR working grid (points)', () => {
  it('writes "pts" from 2 points: fait on critère 1.1 (35 pts) then removing it', () => {
    const nr = loadBuiltinLabelNr();
    expect(nr.nodes.find((n) => n.id === 'label-nr_1.1')?.pointReferentiel).toBe(35);
    expect(statutDeltas(nr, [], 'label-nr_1.1', STATUTS_BY_MODEL.points)).toEqual({ fait: '+35 pts' });
    expect(statutDeltas(nr, [{ nodeId: 'label-nr_1.1', statut: 'fait', detail: null }], 'label-nr_1.1', STATUTS_BY_MODEL.points)).toEqual({
      non_renseigne: '−35 pts',
      programme: '−35 pts',
      pas_fait: '−35 pts',
      non_concerne: '−35 pts',
    });
  });
});
