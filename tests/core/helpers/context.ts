/**
 * Test helpers for the core: a ServiceContext on a real in-memory SQLite database with the real migrations, a
 * temp evidence folder and a fixed clock; small hand-built referentials; a snapshot of every table's content.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyNodeTexts, type Referential, type ReferentialNode, type ScoringModel } from '../../../shared/domain';
import { bindCore, type Core } from '../../../electron/core/core';
import { openDatabase } from '../../../electron/core/db/open';
import { createEvidenceStore } from '../../../electron/core/evidence/store';
import type { ServiceContext } from '../../../electron/core/services/context';
import { createWorkspace } from '../../../electron/core/services/workspace';

/** A clock giving 2026-03-01T10:00:00.000Z, then one second later at each call. */
export function fixedClock(start = Date.UTC(2026, 2, 1, 10, 0, 0)): () => string {
  let t = start;
  return () => {
    const s = new Date(t).toISOString();
    t += 1000;
    return s;
  };
}

/** A temp folder removed by the returned cleanup. */
export function tempDir(prefix = 'label-audit-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A core on an in-memory database with a workspace "Commune de Test", and its cleanup. */
export function memoryCore(): { core: Core; ctx: ServiceContext; cleanup: () => void } {
  const tmp = tempDir();
  const ctx: ServiceContext = {
    db: openDatabase(':memory:'),
    evidence: createEvidenceStore(join(tmp.dir, 'evidence')),
    dataDir: tmp.dir,
    workspaceId: 'test',
    user: 'Alice Testeuse',
    now: fixedClock(),
    cache: new Map(),
  };
  createWorkspace(ctx, { id: 'test', nom: 'Commune de Test', typeCollectivite: 'commune', codeInsee: '45234', population: 5000, utilisateur: 'Alice Testeuse' });
  const core = bindCore(ctx);
  return {
    core,
    ctx,
    cleanup: () => {
      core.close();
      tmp.cleanup();
    },
  };
}

function node(refId: string, identifiant: string, type: string, pointReferentiel: number, ordre: number): ReferentialNode {
  const segs = identifiant === '' ? [] : identifiant.split('.');
  return {
    id: identifiant === '' ? refId : `${refId}_${identifiant}`,
    parentId: segs.length === 0 ? null : segs.length === 1 ? refId : `${refId}_${segs.slice(0, -1).join('.')}`,
    identifiant,
    depth: segs.length,
    type,
    nom: identifiant === '' ? `Référentiel ${refId}` : `Nœud ${identifiant}`,
    ...emptyNodeTexts(),
    pointReferentiel,
    ordre,
  };
}

/**
 * The toy TETE tree of tete-referentials.md §2.8 A, deeper variant: `eci` 100 pts; eci_1 = 30 (1.1 = 10,
 * 1.2 = 20); eci_2 = 70 (2.0 = 0; 2.1 = 65 with tâches 2.1.0 = 0, 2.1.1 = 40, 2.1.2 = 25; 2.2 = 5 with tâches
 * 2, 1.5, 1.5). actionLevel 1 (level-1 nodes are mesures).
 */
export function toyTete(id = 'eci'): Referential {
  const types = ['referentiel', 'action', 'sous-action', 'tache'];
  const rows: Array<[string, number]> = [
    ['', 100],
    ['1', 30],
    ['1.1', 10],
    ['1.2', 20],
    ['2', 70],
    ['2.0', 0],
    ['2.1', 65],
    ['2.1.0', 0],
    ['2.1.1', 40],
    ['2.1.2', 25],
    ['2.2', 5],
    ['2.2.1', 2],
    ['2.2.2', 1.5],
    ['2.2.3', 1.5],
  ];
  const ordre = (ident: string) => Number(ident.split('.').at(-1) ?? 0);
  return {
    id,
    version: 'toy-1',
    nom: 'Référentiel jouet',
    model: 'tete',
    hierarchie: types,
    actionLevel: 1,
    redistribution: true,
    niveaux: [
      { rang: 1, nom: '1 étoile', seuil: 0 },
      { rang: 2, nom: '2 étoiles', seuil: 0.35 },
    ],
    avertissement: null,
    nodes: rows.map(([ident, pts]) => node(id, ident, types[ident === '' ? 0 : ident.split('.').length]!, pts, ordre(ident))),
    preuvesAttendues: [{ id: 'deliberation', nom: 'Délibération', description: null, nodeIds: [`${id}_1.1`, `${id}_2.1`] }],
  };
}

/** A small points (Label NR-like) or weighted (RGESN-like) grid: 2 thèmes × 2 critères. */
export function toyGrid(id: string, model: Exclude<ScoringModel, 'tete'>): Referential {
  const pts = model === 'points' ? [100, 200, 300, 400] : [1.5, 1, 1.25, 1];
  const nodes = [
    node(id, '', 'referentiel', model === 'points' ? 1000 : 4.75, 0),
    node(id, '1', 'theme', pts[0]! + pts[1]!, 0),
    node(id, '1.1', 'critere', pts[0]!, 0),
    node(id, '1.2', 'critere', pts[1]!, 1),
    node(id, '2', 'theme', pts[2]! + pts[3]!, 1),
    node(id, '2.1', 'critere', pts[2]!, 0),
    node(id, '2.2', 'critere', pts[3]!, 1),
  ];
  return {
    id,
    version: '1.0',
    nom: `Grille ${id}`,
    model,
    hierarchie: ['referentiel', 'theme', 'critere'],
    actionLevel: 1,
    redistribution: false,
    niveaux: model === 'points' ? [{ rang: 1, nom: 'Niveau 1', seuil: 0.3 }, { rang: 2, nom: 'Niveau 2', seuil: 0.5 }] : [],
    avertissement: model === 'points' ? 'Grille de travail, non officielle' : null,
    nodes,
    preuvesAttendues: [],
  };
}

/** Every table's rows (sorted), to check that a refused operation left the store exactly as it was. */
export function snapshotTables(ctx: ServiceContext): Record<string, unknown[]> {
  const tables = (ctx.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map(
    (r) => r.name,
  );
  const out: Record<string, unknown[]> = {};
  for (const t of tables) out[t] = (ctx.db.prepare(`SELECT * FROM "${t}"`).all() as object[]).map((r) => JSON.stringify(r)).sort();
  return out;
}
