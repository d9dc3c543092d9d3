import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import type { ServiceContext } from '../../../electron/core/services/context';
import { userError, userErrorAsync } from '../../helpers/errors';
import { DATA, describeWithSharedData } from '../../helpers/shared-data';
import { memoryCore, snapshotTables } from '../helpers/context';

let core: Core;
let ctx: ServiceContext;
let cleanup: () => void;
beforeEach(() => ({ core, ctx, cleanup } = memoryCore()));
afterEach(() => cleanup());

const RGAA_SMALL = {
  topics: [
    { number: 1, topic: 'Images', criteria: [{ criterium: { number: 1, title: 'Alternative ?', tests: { '1': ['Test ?'] } } }, { criterium: { number: 2, title: 'Décor ?', tests: { '1': ['Test ?'] } } }] },
    { number: 2, topic: 'Cadres', criteria: [{ criterium: { number: 1, title: 'Titre ?', tests: { '1': ['Test ?'] } } }] },
  ],
};
const GUIDE_SMALL = {
  version: 'v1',
  thematiques: [
    { id: 'a.', titre: 'Stratégie', bonnesPratiques: [1, 2, 3].map((n) => ({ id: `a.${n}`, titre: `Pratique a.${n}`, priorite: 'Prioritaire', difficulte: 'Facile' })) },
  ],
};
const json = (name: string, data: unknown) => [{ name, text: typeof data === 'string' ? data : JSON.stringify(data) }];

describe('rate and progress referentials through the core', () => {
  it('RGAA: conforme / non conforme / non applicable only on critères; the score is conformes ÷ applicables', () => {
    expect(core.referentials.import(json('criteres.json', RGAA_SMALL))).toEqual({ id: 'rgaa', version: '4.1.2', nodes: 5, points: 3 });
    core.statuts.set({ referentialId: 'rgaa', nodeId: 'rgaa_1.1', statut: 'conforme' });
    core.statuts.set({ referentialId: 'rgaa', nodeId: 'rgaa_1.2', statut: 'non_conforme' });
    const { score } = core.statuts.set({ referentialId: 'rgaa', nodeId: 'rgaa_2.1', statut: 'non_applicable' });
    // 1 conforme ÷ (1 conforme + 1 non conforme) = 50 % → « Partiellement conforme ».
    expect(score.root).toMatchObject({ score: 0.5, completude: 1, niveau: { nom: 'Partiellement conforme' } });
    expect(core.scores.get('rgaa').root.score).toBe(0.5);
    const fait = userError(() => core.statuts.set({ referentialId: 'rgaa', nodeId: 'rgaa_1.1', statut: 'fait' }));
    expect(fait.message).toBe("Le statut « fait » n'existe pas pour le référentiel rgaa (conforme, non_conforme, non_applicable, non_renseigne).");
    expect(userError(() => core.statuts.set({ referentialId: 'rgaa', nodeId: 'rgaa_1', statut: 'conforme' })).code).toBe('STATUT_INVALID');
  });

  it('guide: fait / programmé / pas fait / non concerné on pratiques, no détaillé; score = fait ÷ (fait + programmé + pas fait)', () => {
    expect(core.referentials.import(json('guide.json', GUIDE_SMALL))).toEqual({ id: 'gbp-nr', version: 'v1', nodes: 4, points: 3 });
    core.statuts.set({ referentialId: 'gbp-nr', nodeId: 'gbp-nr_a.1', statut: 'fait' });
    const { score } = core.statuts.set({ referentialId: 'gbp-nr', nodeId: 'gbp-nr_a.2', statut: 'programme' });
    // 1 fait ÷ (1 fait + 1 programmé) = 50 %; a.3 non renseigné is left out.
    expect(score.root).toMatchObject({ score: 0.5, niveau: null });
    const detaille = userError(() => core.statuts.set({ referentialId: 'gbp-nr', nodeId: 'gbp-nr_a.3', statut: 'detaille', detail: [0.5, 0.5, 0] }));
    expect(detaille.message).toBe("Le statut « detaille » n'existe pas pour le référentiel gbp-nr (fait, programme, pas_fait, non_concerne, non_renseigne).");
    expect(userError(() => core.statuts.set({ referentialId: 'gbp-nr', nodeId: 'gbp-nr_a', statut: 'fait' })).message).toBe(
      'Le nœud gbp-nr_a est calculé à partir de ses enfants : un statut se saisit sur les pratiques (dernier niveau).',
    );
  });

  describe('a broken file changes nothing stored (UserError naming the place)', () => {
    beforeEach(() => {
      core.referentials.import(json('criteres.json', RGAA_SMALL));
      core.referentials.import(json('guide.json', GUIDE_SMALL));
      core.statuts.set({ referentialId: 'rgaa', nodeId: 'rgaa_1.1', statut: 'conforme', explication: 'Audit de mars' });
      core.statuts.set({ referentialId: 'gbp-nr', nodeId: 'gbp-nr_a.1', statut: 'fait' });
    });
    const badRgaaCritere = { topics: [{ ...RGAA_SMALL.topics[0], criteria: [...RGAA_SMALL.topics[0]!.criteria, { criterium: { title: 'Sans numéro ?', tests: { '1': ['T ?'] } } }] }] };
    const dupRgaa = { topics: [RGAA_SMALL.topics[0], { ...RGAA_SMALL.topics[1], number: 1 }] };
    const wrongFamille = { thematiques: [{ ...GUIDE_SMALL.thematiques[0], bonnesPratiques: [...GUIDE_SMALL.thematiques[0]!.bonnesPratiques, { id: 'z.1', titre: 'Z', priorite: 'P', difficulte: 'F' }] }] };
    it.each([
      ['truncated RGAA JSON', json('criteres.json', JSON.stringify(RGAA_SMALL).slice(0, 100)), /^criteres\.json n'est pas un JSON valide \(ligne 1, colonne \d+/, { file: 'criteres.json' }],
      ['an RGAA critère without id', json('criteres.json', badRgaaCritere), /^criteres\.json, thématique 1, critère n° 3 \(topics\[0\]\.criteria\[2\]\.criterium\) : le champ « number » est absent\.$/, { path: 'topics[0].criteria[2].criterium.number' }],
      ['duplicate RGAA thématique ids', json('criteres.json', dupRgaa), /le numéro 1 est déjà celui de la thématique topics\[0\]\.$/, { path: 'topics[1].number' }],
      ['a guide pratique of an unknown famille', json('guide.json', wrongFamille), /^guide\.json, pratique z\.1 \(thematiques\[0\]\.bonnesPratiques\[3\]\) : la pratique z\.1 n'appartient pas à la famille a/, { nodeId: 'gbp-nr_z.1' }],
      ['a guide CSV row with an unknown thématique for its letter', [{ name: 'guide.csv', text: '"Id","Titre","Thématique","Priorité","Difficulté",\n"a.1","P","Stratégie","Prioritaire","Facile",\n"a.2","Q","Achats","Prioritaire","Facile",\n' }],
        /^Fichier « guide\.csv », ligne 3, pratique a\.2, cellule C3 : la thématique « Achats » ne correspond pas à « Stratégie »/, { row: 3, cell: 'C3' }],
    ])('%s', (_case, files, message, location) => {
      const before = snapshotTables(ctx);
      const e = userError(() => core.referentials.import(files));
      expect(e).toMatchObject({ code: 'REFERENTIAL_INVALID', location });
      expect(e.message).toMatch(message);
      expect(snapshotTables(ctx)).toEqual(before);
      expect(core.statuts.list('rgaa').map((s) => [s.nodeId, s.statut, s.explication])).toEqual([['rgaa_1.1', 'conforme', 'Audit de mars']]);
    });

    it('the same through importAsync with bytes, as the renderer sends them', async () => {
      const before = snapshotTables(ctx);
      const bytes = new TextEncoder().encode(JSON.stringify(dupRgaa));
      const e = await userErrorAsync(core.referentials.importAsync([{ name: 'criteres.json', bytes }]));
      expect(e.code).toBe('REFERENTIAL_INVALID');
      expect(snapshotTables(ctx)).toEqual(before);
    });
  });
});

describeWithSharedData('the real RGAA and guide through the core', () => {
  it('import with the exact counts, and score', () => {
    expect(core.referentials.import([DATA.rgaa])).toEqual({ id: 'rgaa', version: '4.1.2', nodes: 13 + 106, points: 106 });
    expect(core.referentials.import([DATA.guideNr])).toEqual({ id: 'gbp-nr', version: 'v1', nodes: 9 + 59, points: 59 });
    // Same content from the CSV export: nothing new to write (no history event).
    const events = core.history.list().length;
    const csv = DATA.guideNr.replace(/\.json$/, '.csv');
    const name = DATA.guideNr.replace(/^.*\//, '');
    expect(core.referentials.import([{ name, text: readFileSync(DATA.guideNr, 'utf8') }])).toMatchObject({ nodes: 68 });
    expect(core.history.list()).toHaveLength(events);
    expect(core.referentials.import([csv], { id: 'gbp-nr-csv' })).toEqual({ id: 'gbp-nr-csv', version: 'v1', nodes: 68, points: 59 });
    expect(core.scores.get('rgaa').root).toMatchObject({ score: null, completude: 0, pointPotentiel: 106 });
    expect(core.referentials.list().map((r) => [r.id, r.model])).toEqual(
      expect.arrayContaining([['rgaa', 'rate'], ['gbp-nr', 'progress'], ['gbp-nr-csv', 'progress']]),
    );
  });
});
