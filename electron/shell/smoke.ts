/**
 * Smoke mode of the packaged app (issue 9 "release workflow"): `Label Audit --smoke-test` opens a temporary
 * workspace, imports the bundled Label NR grid, records one statut, computes the score, writes ONE line on stdout
 * and quits with 0; on any failure (first of all a native SQLite module that does not load in Electron) it writes
 * one line on stderr and quits with 1. The release workflow runs it on each OS and fails on anything else.
 *
 * Electron-free on purpose (main.ts injects the temp folder and the runtime), so a test runs it under Node.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { isUserError } from '../../shared/errors';
import { createCore } from '../core/core';
import { probeSqlite, type NativeRuntime } from '../core/db/native';
import { BUILTIN_REFERENTIALS_DIR, LABEL_NR_FILE } from '../core/referential/builtin';
import { APP_VERSION } from '../core/version';

/** The command-line switch. */
export const SMOKE_TEST_FLAG = '--smoke-test';

/** First word of the success line (what the release workflow looks for). */
export const SMOKE_OK = 'SMOKE-TEST OK';

/** First word of the failure line. */
export const SMOKE_FAILED = 'SMOKE-TEST ÉCHEC';

/** Whether the process was started in smoke mode (`argv` as `process.argv`). */
export function isSmokeTest(argv: readonly string[]): boolean {
  return argv.includes(SMOKE_TEST_FLAG);
}

/** What the smoke test needs from its host. */
export interface SmokeHost {
  /** Folder in which the temporary workspace is made (Electron: `app.getPath('temp')`); it is removed at the end. */
  tempRoot: string;
  runtime: NativeRuntime;
  /** Writes one line (no newline) on stdout / stderr, resolving once written (the process exits right after). */
  out: (line: string) => Promise<void>;
  err: (line: string) => Promise<void>;
  /** Folder of the bundled grid (default: the app's `referential/`). */
  referentialDir?: string;
  /** Path of the SQLite `.node` file to load instead of the default (tests). */
  nativeBinding?: string;
}

/**
 * Runs the smoke test; returns the exit code (0 success, 1 failure). Never throws.
 * Success line: `SMOKE-TEST OK Label Audit 0.1.0 : label-nr (grille-travail-2026.1) 40/1000 points après 1 critère
 * fait, SQLite 3.50.4, Electron 45.5.0 (NODE_MODULE_VERSION 150), linux-x64`.
 * Failure line: `SMOKE-TEST ÉCHEC : <French cause>` (for SQLite, the explanation of core/db/native.ts).
 */
export async function runSmokeTest(host: SmokeHost): Promise<0 | 1> {
  const fail = async (message: string): Promise<1> => {
    await host.err(`${SMOKE_FAILED} : ${message.replace(/\s*\r?\n\s*/g, ' ')}`);
    return 1;
  };
  const probe = probeSqlite(host.nativeBinding, host.runtime);
  if (!probe.ok) return fail(probe.failure.message);

  let dataDir: string | null = null;
  let core: ReturnType<typeof createCore> | null = null;
  try {
    dataDir = mkdtempSync(join(host.tempRoot, 'label-audit-smoke-'));
    core = createCore({ dataDir, demo: false, user: 'test de fumée', log: () => undefined });
    const imported = core.referentials.import([join(host.referentialDir ?? BUILTIN_REFERENTIALS_DIR, LABEL_NR_FILE)]);
    const ref = core.referentials.get(imported.id);
    const leaf = ref.nodes.find((n) => n.parentId !== null && !ref.nodes.some((c) => c.parentId === n.id));
    if (!leaf) return await fail(`la grille ${imported.id} n'a aucun critère.`);
    core.statuts.set({ referentialId: imported.id, nodeId: leaf.id, statut: 'fait' });
    const { root } = core.scores.get(imported.id);
    if (!(root.pointFait > 0) || root.pointPotentiel !== imported.points) {
      return await fail(`score inattendu pour ${imported.id} : ${root.pointFait}/${root.pointPotentiel} points (potentiel attendu ${imported.points}).`);
    }
    const rt = host.runtime;
    const runtimeName = rt.electron ? `Electron ${rt.electron}` : `Node.js ${rt.node}`;
    await host.out(
      `${SMOKE_OK} Label Audit ${APP_VERSION} : ${imported.id} (${imported.version}) ${root.pointFait}/${root.pointPotentiel} points après 1 critère fait, ` +
        `SQLite ${probe.sqliteVersion}, ${runtimeName} (NODE_MODULE_VERSION ${rt.modules}), ${rt.platform}-${rt.arch}`,
    );
    return 0;
  } catch (e) {
    return await fail(isUserError(e) ? e.message : `erreur interne : ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    try {
      core?.close();
    } finally {
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }
  }
}
