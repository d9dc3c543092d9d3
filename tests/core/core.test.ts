import Database from 'better-sqlite3';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import { workspacePaths } from '../../electron/core/paths';
import { DATA, describeWithSharedData } from '../helpers/shared-data';
import { fixedClock, tempDir } from './helpers/context';

const dirs: Array<() => void> = [];
afterAll(() => dirs.forEach((c) => c()));
function freshDir(): string {
  const t = tempDir('label-audit-core-');
  dirs.push(t.cleanup);
  return t.dir;
}

describe('createCore without demo', () => {
  it('first start: empty workspace "Ma collectivité" with only Label NR; settings.json points at it; reopen keeps it', () => {
    const dataDir = freshDir();
    const logs: string[] = [];
    const core = createCore({ dataDir, demo: false, user: 'Camille', log: (l) => logs.push(l) });
    expect(core.workspaceId).toBe('ma-collectivite');
    expect(core.workspace.get()).toEqual({ id: 'ma-collectivite', nom: 'Ma collectivité', typeCollectivite: 'autre', codeInsee: null, population: null, utilisateur: 'Camille' });
    expect(core.referentials.list().map((r) => [r.id, r.model, r.points])).toEqual([['label-nr', 'points', 1000]]);
    expect(core.statuts.list('label-nr')).toEqual([]);
    expect(core.people.list()).toEqual([]);
    expect(logs).toEqual([]);
    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'))).toEqual({ currentWorkspace: 'ma-collectivite' });
    expect(existsSync(workspacePaths(dataDir, 'ma-collectivite').db)).toBe(true);
    core.workspace.update({ nom: 'Commune de Saint-Test' });
    core.close();

    const again = createCore({ dataDir, demo: true });
    expect(again.workspace.get().nom).toBe('Commune de Saint-Test');
    expect(again.ctx.user).toBe('Camille');
    again.close();
  });

  it('a workspace database from a newer app is refused with DB_FROM_FUTURE naming the file', () => {
    const dataDir = freshDir();
    createCore({ dataDir, demo: false }).close();
    const file = workspacePaths(dataDir, 'ma-collectivite').db;
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    expect(() => createCore({ dataDir })).toThrow(expect.objectContaining({ code: 'DB_FROM_FUTURE', message: expect.stringContaining(file) }));
  });
});

describe('createCore demo without the TETE samples', () => {
  it('skips CAE with one log line, still seeds Label NR', () => {
    const dataDir = freshDir();
    const logs: string[] = [];
    const prev = process.env.LABEL_AUDIT_TETE_DATA;
    process.env.LABEL_AUDIT_TETE_DATA = join(dataDir, 'nowhere');
    try {
      const core = createCore({ dataDir, log: (l) => logs.push(l) });
      expect(core.referentials.list().map((r) => r.id)).toEqual(['label-nr']);
      expect(logs).toEqual(['Démo : fichiers TETE introuvables (LABEL_AUDIT_TETE_DATA ou ../shared/data) — référentiel CAE non chargé.']);
      expect(core.statuts.list('label-nr')).toHaveLength(30);
      core.close();
    } finally {
      if (prev === undefined) delete process.env.LABEL_AUDIT_TETE_DATA;
      else process.env.LABEL_AUDIT_TETE_DATA = prev;
    }
  });
});

describeWithSharedData('createCore demo workspace (Valmont-sur-Loire)', () => {
  const dataDir = freshDir();
  const prev = process.env.LABEL_AUDIT_TETE_DATA;
  process.env.LABEL_AUDIT_TETE_DATA = join(DATA.caeStructure, '..');
  const core = createCore({ dataDir, user: 'Démo', now: fixedClock(), log: () => undefined });
  if (prev === undefined) delete process.env.LABEL_AUDIT_TETE_DATA;
  else process.env.LABEL_AUDIT_TETE_DATA = prev;
  afterAll(() => core.close());

  it('workspace, referentials, people and services', () => {
    expect(core.workspace.get()).toMatchObject({ id: 'valmont-sur-loire', nom: 'Commune de Valmont-sur-Loire', typeCollectivite: 'commune', population: 12400 });
    expect(core.referentials.list().map((r) => [r.id, r.nodes, r.points])).toEqual([
      ['cae', 1470, 500],
      ['label-nr', expect.any(Number), 1000],
    ]);
    expect(core.people.list()).toHaveLength(5);
    expect(core.services.list().map((s) => s.nom)).toEqual(['Commande publique', 'Communication', 'Direction des systèmes d’information', 'Ressources humaines']);
  });

  it('30 statuts on Label NR and 40 on CAE, each with one non concerné and one détaillé', () => {
    const nr = core.statuts.list('label-nr');
    const cae = core.statuts.list('cae');
    expect([nr.length, cae.length]).toEqual([30, 40]);
    for (const list of [nr, cae]) {
      expect(list.filter((s) => s.statut === 'non_concerne')).toHaveLength(1);
      expect(list.filter((s) => s.statut === 'detaille')).toHaveLength(1);
      expect(new Set(list.map((s) => s.statut))).toEqual(new Set(['fait', 'programme', 'pas_fait', 'non_concerne', 'detaille']));
      expect(list.filter((s) => s.explication).length).toBeGreaterThan(3);
    }
  });

  it('cae_1.1.1 scores as the §2.8 B fixture: fait 3.3, programmé 3.9, pas fait 3.6 of 12', () => {
    expect(core.scores.get('cae').nodes['cae_1.1.1']).toMatchObject({ pointPotentiel: 12, pointFait: 3.3, pointProgramme: 3.9, pointPasFait: 3.6 });
    expect(core.scores.get('cae').nodes['cae_1.1.1.7']).toMatchObject({ pointFait: 2.1, pointProgramme: 2.1 });
  });

  it('pilotes, échéances and preuves (files stored once in the evidence store, and a link)', () => {
    const cae = core.nodes.overview('cae');
    expect(Object.values(cae).filter((o) => o.pilotes.length > 0)).toHaveLength(6);
    expect(Object.keys(core.nodes.overview('label-nr')).length).toBeGreaterThan(3);
    const preuves = [...core.preuves.list('label-nr'), ...core.preuves.list('cae')];
    expect(new Set(preuves.map((p) => p.kind))).toEqual(new Set(['fichier', 'lien']));
    const inventory = preuves.find((p) => p.fileName === 'inventaire-parc-informatique.txt')!;
    expect(inventory.nodeIds.length).toBe(3);
    const root = core.evidence.root;
    const stored = readdirSync(root).flatMap((d) => readdirSync(join(root, d)));
    expect(stored).toHaveLength(new Set(preuves.filter((p) => p.sha256).map((p) => p.sha256)).size);
    const pdf = preuves.find((p) => p.mimeType === 'application/pdf')!;
    expect(readFileSync(core.evidence.pathOf(pdf.sha256!)).subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
  });
});
