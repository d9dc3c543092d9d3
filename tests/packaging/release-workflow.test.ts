/**
 * The release workflow (.github/workflows/release.yml) and its smoke gate (scripts/smoke-packaged.sh): the matrix
 * covers the three OS, each job installs, tests, packages, then smoke-tests the packaged app; the gate passes only
 * on the success line printed from Electron, and fails on an exit code, a failure line, or a line from Node.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { tempDir } from '../core/helpers/context';

const ROOT = join(__dirname, '../..');
const workflow = parse(readFileSync(join(ROOT, '.github', 'workflows', 'release.yml'), 'utf8')) as {
  on: Record<string, unknown>;
  jobs: { installers: { strategy: { matrix: { include: Array<{ os: string; builder: string; app: string }> } }; steps: Array<{ name?: string; run?: string; uses?: string }> } };
};
const job = workflow.jobs.installers;
const tmp = tempDir('label-audit-smoke-gate-');
afterAll(() => tmp.cleanup());

describe('release.yml', () => {
  it('runs on a tag or by hand, over Linux, Windows and macOS', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['push', 'workflow_dispatch']);
    expect(job.strategy.matrix.include.map((m) => [m.os.split('-')[0], m.builder])).toEqual([
      ['ubuntu', '--linux'],
      ['windows', '--win'],
      ['macos', '--mac'],
    ]);
    expect(job.strategy.matrix.include.map((m) => m.app)).toEqual([
      'release/linux-unpacked/label-audit',
      'release/win-unpacked/Label Audit.exe',
      'release/mac-arm64/Label Audit.app/Contents/MacOS/Label Audit',
    ]);
  });

  it('installs, tests, builds, packages, then smoke-tests the packaged app, in that order', () => {
    const runs = job.steps.map((s) => s.run ?? s.uses ?? '');
    const at = (needle: string) => runs.findIndex((r) => r.includes(needle));
    const order = ['npm ci', 'matrix.tests', 'npm run build', 'electron-builder ${{ matrix.builder }} --publish never', 'scripts/smoke-packaged.sh "${{ matrix.app }}"'].map(at);
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});

describe.runIf(process.platform !== 'win32')('scripts/smoke-packaged.sh', () => {
  /** A fake packaged app printing `text` and exiting with `code`; returns the gate's exit code and output. */
  function gate(text: string, code: number): { code: number | null; output: string } {
    const exe = join(tmp.dir, `app-${Math.random().toString(36).slice(2)}`);
    writeFileSync(exe, `#!/bin/sh\n[ "$1" = "--smoke-test" ] || { echo "pas en mode fumée"; exit 9; }\nprintf '%s\\n' '${text}'\nexit ${code}\n`);
    chmodSync(exe, 0o755);
    const r = spawnSync('bash', [join(ROOT, 'scripts', 'smoke-packaged.sh'), exe], { encoding: 'utf8' });
    return { code: r.status, output: r.stdout + r.stderr };
  }
  const ok = 'SMOKE-TEST OK Label Audit 0.1.0 : label-nr (grille-travail-2026.1) 40/1000 points après 1 critère fait, SQLite 3.50.4, Electron 45.5.0 (NODE_MODULE_VERSION 150), win32-x64';

  it('passes on the success line from Electron', () => {
    const r = gate(ok, 0);
    expect(r.code).toBe(0);
    expect(r.output).toContain('test de fumée réussi');
  });

  it('fails on a failure line and exit 1, naming the cause', () => {
    const r = gate("SMOKE-TEST ÉCHEC : Le module SQLite (better-sqlite3) a été compilé pour NODE_MODULE_VERSION 115", 1);
    expect(r.code).toBe(1);
    expect(r.output).toContain("::error::le test de fumée a échoué (code 1) : SMOKE-TEST ÉCHEC : Le module SQLite");
  });

  it('fails on a success line printed by Node instead of Electron, and on exit 0 without any line', () => {
    expect(gate(ok.replace('Electron 45.5.0', 'Node.js 20.19.0'), 0).code).toBe(1);
    expect(gate('', 0).code).toBe(1);
  });
});
