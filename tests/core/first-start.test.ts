/**
 * A first start killed while seeding (issue 7 item 1, found by the crash harness's first-start kills): the
 * database exists with its schema but the seed transaction never committed. The next start seeds it instead of
 * refusing it for ever (« Cet espace de travail n'a pas de collectivité enregistrée »).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import { openDatabase } from '../../electron/core/db/open';
import { workspacePaths, writeSettings } from '../../electron/core/paths';
import { tempDir } from './helpers/context';

const t = tempDir('label-audit-first-start-');
afterAll(() => t.cleanup());

describe('a first start killed before its seed committed', () => {
  it('the next start seeds the workspace (empty, or the demo) and opens it', () => {
    for (const [workspaceId, demo, nom] of [
      ['ma-collectivite', false, 'Ma collectivité'],
      ['valmont-sur-loire', true, 'Commune de Valmont-sur-Loire'],
    ] as const) {
      const dataDir = `${t.dir}/${workspaceId}`;
      const file = workspacePaths(dataDir, workspaceId).db;
      mkdirSync(dirname(file), { recursive: true });
      openDatabase(file).close(); // schema committed, no workspace row: what the kill leaves
      writeSettings(dataDir, { currentWorkspace: workspaceId });
      const core = createCore({ dataDir, demo, log: () => undefined });
      expect([core.workspaceId, core.workspace.get().nom]).toEqual([workspaceId, nom]);
      expect(core.referentials.list().map((r) => r.id)).toContain('label-nr');
      core.close();
      // And it stays seeded once: a second start finds the same workspace row.
      const again = createCore({ dataDir, demo, log: () => undefined });
      expect(again.history.list({ limit: 5000 }).filter((e) => e.action === 'workspace.create')).toHaveLength(1);
      again.close();
    }
  });
});
