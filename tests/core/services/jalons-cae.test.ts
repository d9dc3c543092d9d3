/**
 * A jalon of the real CAE file (1 471 nodes, personnalisation questions of the platform) never changes: a later
 * answer (AOM_1 = Non: potentiel 496 → 488.5), a statut, a new preuve revision and a re-import with changed points (sous-action 1.1.1.1: 5 % → 7 % of its mesure)
 * leave its scores, its comparison XLSX and its pack byte-identical, while the live state moves.
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import type { ServiceContext } from '../../../electron/core/services/context';
import { jalonEtat } from '../../../electron/core/services/jalons';
import { DATA, describeWithSharedData } from '../../helpers/shared-data';
import { memoryCore } from '../helpers/context';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describeWithSharedData('jalons of the real CAE file', () => {
  let core: Core;
  let ctx: ServiceContext;
  let cleanup: () => void;
  beforeAll(() => {
    ({ core, ctx, cleanup } = memoryCore());
    core.referentials.import([DATA.caeStructure, DATA.caePreuves], { id: 'cae' });
    core.personnalisation.importQuestions(DATA.questionsCsv);
  });
  afterAll(() => cleanup());

  it('answer, statut, preuve and referential changes leave the jalon, its XLSX and its pack byte-identical', async () => {
    core.statuts.set({ referentialId: 'cae', nodeId: 'cae_1.1.1.1', statut: 'fait', explication: 'Délibération cadre' });
    const preuve = core.preuves.addFile({ referentialId: 'cae', nodeId: 'cae_1.1.1.1', fileName: 'deliberation.txt', bytes: new TextEncoder().encode('v1') });
    const pre = core.jalons.take({ name: 'Pré-audit', kind: 'pre-audit' });
    core.statuts.set({ referentialId: 'cae', nodeId: 'cae_1.1.1.2', statut: 'programme' });
    const post = core.jalons.take({ name: 'Post-audit', kind: 'post-audit' });
    expect(pre.referentiels[0]).toMatchObject({ referentialId: 'cae', pointFait: 0.6, pointPotentiel: 496 });

    const score = JSON.stringify(jalonEtat(ctx, pre.id, 'cae').score);
    const xlsx = sha((await core.jalons.compareXlsx({ a: pre.id, b: post.id })).bytes);
    const packOf = async () => {
      const r = await core.jalons.exportPack(pre.id, 'cae');
      const h = sha(readFileSync(r.path));
      rmSync(r.path);
      return h;
    };
    const pack = await packOf();

    core.personnalisation.setReponse({ questionId: 'AOM_1', valeur: false, justification: 'Pas AOM' });
    core.statuts.set({ referentialId: 'cae', nodeId: 'cae_1.1.1.1', statut: 'pas_fait' });
    core.preuves.addRevision({ preuveId: preuve.id, fileName: 'deliberation-v2.txt', bytes: new TextEncoder().encode('v2') });
    // sous-actions 1.1.1.1 and 1.1.1.2 of mesure 1.1.1 (12 pts): 5 % + 5 % become 7 % + 3 % (0.6 → 0.84 pt)
    const csv = readFileSync(DATA.caeStructure, 'utf8')
      .replace(/^(1\.1\.1\.1,[^,\n]*,,,,,,)5,/m, '$17,')
      .replace(/^(1\.1\.1\.2,[^,\n]*,,,,,,)5,/m, '$13,');
    core.referentials.import([{ name: 'referentiel-cae-structure.csv', text: csv }, { name: 'referentiel-cae-preuves.csv', text: readFileSync(DATA.caePreuves, 'utf8') }], { id: 'cae' });

    const live = core.scores.get('cae');
    expect(live.root.pointPotentiel).toBe(488.5);
    expect(live.nodes['cae_1.1.1.1']!.pointReferentiel).toBe(0.84);
    expect(JSON.stringify(jalonEtat(ctx, pre.id, 'cae').score)).toBe(score);
    expect(jalonEtat(ctx, pre.id, 'cae').referential.nodes.find((n) => n.id === 'cae_1.1.1.1')!.pointReferentiel).toBe(0.6);
    expect(sha((await core.jalons.compareXlsx({ a: pre.id, b: post.id })).bytes)).toBe(xlsx);
    expect(await packOf()).toBe(pack);
    // and « maintenant » against the pre-audit shows the new answer's effect on the Total's potentiel
    const now = core.jalons.compare({ a: pre.id, b: 'maintenant', seulementChanges: true });
    expect(now.lignes[0]).toMatchObject({ nodeId: 'cae', a: { potentiel: 496 }, b: { potentiel: 488.5 } });
  }, 120_000);
});
