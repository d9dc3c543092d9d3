/**
 * The shipped examples (electron/core/services/examples.ts): the app's own RGESN self-assessment loads into a
 * workspace where the RGESN 2024 is imported, with its explications, in one go; every bad case says what is wrong
 * and writes nothing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import { EXAMPLES_DIR, listExamples, readExample } from '../../../electron/core/services/examples';
import type { ServiceContext } from '../../../electron/core/services/context';
import { userError } from '../../helpers/errors';
import { DATA, describeWithSharedData } from '../../helpers/shared-data';
import { memoryCore, snapshotTables } from '../helpers/context';

let core: Core;
let ctx: ServiceContext;
let cleanup: () => void;
beforeEach(() => ({ core, ctx, cleanup } = memoryCore()));
afterEach(() => cleanup());

describe('the shipped examples', () => {
  it('lists the RGESN self-assessment of Label Audit: 78 critères answered', () => {
    expect(listExamples()).toEqual([
      expect.objectContaining({ id: 'rgesn-label-audit', titre: 'Auto-évaluation RGESN de Label Audit', referentialId: 'rgesn', statuts: 78 }),
    ]);
    const e = readExample('rgesn-label-audit');
    const counts: Record<string, number> = {};
    for (const s of e.statuts) counts[s.statut] = (counts[s.statut] ?? 0) + 1;
    expect(counts).toEqual({ conforme: 28, non_conforme: 18, non_applicable: 31, non_renseigne: 1 });
    // Every answer but the one left non évalué says why.
    expect(e.statuts.filter((s) => s.explication === null)).toEqual([]);
  });

  it('refuses an unknown example and a path, naming those that exist', () => {
    expect(userError(() => readExample('rgaa-label-audit')).message).toBe('Exemple inconnu : « rgaa-label-audit ». Exemples livrés : rgesn-label-audit.');
    expect(userError(() => readExample('../label-nr-collectivites')).code).toBe('NOT_FOUND');
    expect(userError(() => core.examples.load('inconnu')).code).toBe('NOT_FOUND');
  });

  it('refuses broken example files with their file and field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'label-audit-exemples-'));
    try {
      writeFileSync(join(dir, 'casse.json'), '{ "format": ');
      writeFileSync(join(dir, 'autre.json'), JSON.stringify({ format: 'autre/1' }));
      writeFileSync(join(dir, 'sans-titre.json'), JSON.stringify({ format: 'label-audit-exemple/1', description: 'd', referentialId: 'rgesn', statuts: {} }));
      writeFileSync(join(dir, 'statut.json'), JSON.stringify({ format: 'label-audit-exemple/1', titre: 't', description: 'd', referentialId: 'rgesn', statuts: { rgesn_1_1: { statut: 'excellent' } } }));
      expect(userError(() => readExample('casse', dir)).message).toMatch(/^L'exemple casse\.json n'est pas un JSON lisible : /);
      expect(userError(() => readExample('autre', dir)).message).toBe("L'exemple autre.json n'est pas au format label-audit-exemple/1 (champ « format »).");
      expect(userError(() => readExample('sans-titre', dir)).location).toEqual({ file: 'sans-titre.json', field: 'titre' });
      const bad = userError(() => readExample('statut', dir));
      expect(bad.message).toBe('L\'exemple statut.json donne à rgesn_1_1 un statut inconnu : "excellent".');
      expect(bad.location).toEqual({ file: 'statut.json', nodeId: 'rgesn_1_1', field: 'statut' });
      // Broken files are left out of the list.
      expect(listExamples(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to load when the RGESN is not imported, saying to import it', () => {
    const before = snapshotTables(ctx);
    const e = userError(() => core.examples.load('rgesn-label-audit'));
    expect(e.code).toBe('REFERENTIAL_UNKNOWN');
    expect(e.message).toMatch(/porte sur le référentiel rgesn, absent de cet espace de travail : importez-le d'abord/);
    expect(snapshotTables(ctx)).toEqual(before);
  });

  it('the examples folder is the shipped referential/exemples', () => {
    expect(EXAMPLES_DIR.replace(/\\/g, '/')).toMatch(/\/referential\/exemples\/$/);
  });
});

describeWithSharedData('the RGESN self-assessment in a workspace', () => {
  it('loads the 78 answers with their explications, scores them, and asks before replacing entered statuts', () => {
    core.referentials.import([DATA.rgesn]);
    const result = core.examples.load('rgesn-label-audit');
    // The non évalué answer is written too: it carries its explication.
    expect(result).toEqual({ id: 'rgesn-label-audit', referentialId: 'rgesn', written: 78, unchanged: 0 });
    expect(core.statuts.list('rgesn').find((s) => s.nodeId === 'rgesn_2.2')).toMatchObject({ statut: 'non_renseigne', explication: "Non évalué : aucun test sur d'anciens terminaux." });
    const statuts = core.statuts.list('rgesn');
    expect(statuts.find((s) => s.nodeId === 'rgesn_4.8')).toMatchObject({ statut: 'conforme', explication: 'Aucune police téléchargée : polices du système.' });
    expect(statuts.find((s) => s.nodeId === 'rgesn_1.8')?.statut).toBe('non_conforme');
    const root = core.scores.get('rgesn').root;
    // Weighted: Σ weights conformes ÷ Σ weights conformes + non conformes (DOMAIN.md), between 0 and 1.
    expect(root.score).toBeCloseTo(root.pointFait / (root.pointFait + root.pointPasFait), 9);
    expect(root.score!).toBeGreaterThan(0.5);
    expect(root.completude).toBeCloseTo(77 / 78, 9);

    // Loading again over entered statuts: refused without remplacer, nothing written; with it, nothing changes.
    core.statuts.set({ referentialId: 'rgesn', nodeId: 'rgesn_1.8', statut: 'conforme' });
    const before = snapshotTables(ctx);
    const refused = userError(() => core.examples.load('rgesn-label-audit'));
    expect(refused.message).toMatch(/^Le référentiel .* a déjà 77 statuts saisis : l'exemple les remplacerait\./);
    expect(refused.en).toMatch(/^The referential .* already has 77 statuses entered: the example would replace them\. Choose “Replace the statuses entered” \(or --remplacer\) to load it anyway\.$/);
    expect(snapshotTables(ctx)).toEqual(before);
    expect(core.examples.load('rgesn-label-audit', { remplacer: true })).toEqual({ id: 'rgesn-label-audit', referentialId: 'rgesn', written: 1, unchanged: 77 });
    expect(core.statuts.list('rgesn').find((s) => s.nodeId === 'rgesn_1.8')?.statut).toBe('non_conforme');
  });
});
