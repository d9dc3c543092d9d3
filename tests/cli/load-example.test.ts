/** `label-audit load-example`: the app's own RGESN self-assessment as an example workspace, from the command line. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { DATA, describeWithSharedData } from '../helpers/shared-data';

const ROOT = resolve(__dirname, '../..');

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: ROOT });
  return { code, stdout, stderr };
}

describeWithSharedData('label-audit load-example', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'label-audit-example-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses before the RGESN is imported, then loads it; a second load asks for --remplacer', async () => {
    const d = ['--data-dir', dir, '--user', 'test'];
    const missing = await cli(['load-example', 'rgesn-label-audit', ...d]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toMatch(/porte sur le référentiel rgesn, absent de cet espace de travail : importez-le d'abord/);
    expect((await cli(['import-referential', DATA.rgesn, ...d])).code).toBe(0);
    const ok = await cli(['load-example', 'rgesn-label-audit', ...d]);
    expect([ok.code, ok.stdout.trim()]).toEqual([0, 'Exemple rgesn-label-audit chargé dans rgesn : 78 statuts écrits, 0 déjà identique.']);
    const score = await cli(['score', 'rgesn', '--json', ...d]);
    const parsed = JSON.parse(score.stdout) as { root: { completude: number } } | { score: { root: { completude: number } } };
    const root = 'root' in parsed ? parsed.root : parsed.score.root;
    expect(root.completude).toBeCloseTo(77 / 78, 9);
    const again = await cli(['load-example', 'rgesn-label-audit', ...d]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/Choisissez « Remplacer » \(ou --remplacer\)/);
    const replaced = await cli(['load-example', 'rgesn-label-audit', '--remplacer', '--json', ...d]);
    expect(JSON.parse(replaced.stdout)).toEqual({ id: 'rgesn-label-audit', referentialId: 'rgesn', written: 0, unchanged: 78 });
    const unknown = await cli(['load-example', 'rgaa', ...d]);
    expect(unknown.stderr.trim()).toBe('Exemple inconnu : « rgaa ». Exemples livrés : rgesn-label-audit.');
  });
});
