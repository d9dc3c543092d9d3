/**
 * `label-audit score REF --situation FILE.yml` on every platform fixture (tete-referentials.md §2.8 B): the CLI
 * reads the fixture file itself (identity, answers, statuts), the workspace holds the real CAE / ECi and the real
 * question pool, and every field the fixture's `Scores` gives comes out to the third decimal. The `.bug.yml`
 * fixtures are left out: they are the platform's own known-wrong cases (noted beside the engine fixture tests in tests/shared/scoring).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { runCli } from '../../electron/cli/main';
import type { CliNodeScore } from '../../electron/cli/format';
import { DATA, describeWithSharedData } from '../helpers/shared-data';

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: process.cwd() });
  return { code, stdout, stderr };
}

const camel = (key: string): string => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

describeWithSharedData('label-audit score --situation: every platform fixture through the CLI', () => {
  let dir = '';
  let before = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'la-situation-'));
    for (const f of [DATA.caeStructure, DATA.eciStructure]) expect((await cli(['import-referential', f, '--data-dir', dir])).code).toBe(0);
    const r = await cli(['import-questions', ...DATA.questionsCsv, '--data-dir', dir, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ questions: 103, thematiques: 22, reponsesOrphelines: [], questionsManquantes: [] });
    before = (await cli(['score', 'cae', '--data-dir', dir, '--json'])).stdout;
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const dirs = [DATA.propagationFixtures, DATA.personnalisationFixtures, DATA.referentielFixtures];
  const files = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.test.yml')).map((f) => join(d, f)));

  it('finds the 32 fixtures', () => expect(files).toHaveLength(32));

  for (const file of files) {
    it(file.split('/').slice(-2).join('/'), async () => {
      const ref = file.split('/').at(-1)!.startsWith('eci') ? 'eci' : 'cae';
      const r = await cli(['score', ref, '--situation', file, '--data-dir', dir, '--json']);
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as { root: CliNodeScore; nodes: Record<string, CliNodeScore> };
      const fixture = parseYaml(readFileSync(file, 'utf8')) as { Scores: Record<string, Record<string, unknown>> };
      let checked = 0;
      for (const [nodeId, expected] of Object.entries(fixture.Scores)) {
        const actual = nodeId === ref ? out.root : out.nodes[nodeId];
        expect(actual, nodeId).toBeDefined();
        for (const [key, raw] of Object.entries(expected)) {
          if (key === 'test') continue;
          const got = (actual as unknown as Record<string, unknown>)[camel(key)];
          const want = raw === 'yes' ? true : raw === 'no' ? false : raw;
          if (typeof want === 'number') expect(got, `${nodeId}.${key}`).toBeCloseTo(want, 3);
          else expect(got, `${nodeId}.${key}`).toEqual(want);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(0);
    });
  }

  it('the workspace is untouched: its own score is the same after every situation', async () => {
    const r = await cli(['score', 'cae', '--data-dir', dir, '--json']);
    expect(r.stdout).toBe(before);
    expect(JSON.parse(r.stdout).root).toMatchObject({ pointFait: 0, pointProgramme: 0, pointPasFait: 0 });
  });

  const bad = (name: string, text: string): string => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  it.each([
    ['yaml.yml', 'Statuts:\n  cae_1.1.1: [fait\n', /YAML illisible ligne \d/],
    ['noeud.yml', 'Statuts:\n  cae_9.9.9: fait\n', /Statuts\.cae_9\.9\.9 : nœud inconnu du référentiel cae/],
    ['statut.yml', 'Statuts:\n  cae_1.1.1.1: presque\n', /Statuts\.cae_1\.1\.1\.1 : statut "presque" inconnu/],
    ['detail.yml', 'Statuts:\n  cae_1.1.1.1: [0.5, 0.2, 0.2]\n', /détaillé attendu en trois fractions/],
    ['question.yml', 'Réponses:\n  AOM_99: OUI\n', /Réponses\.AOM_99 : question inconnue/],
    ['type.yml', 'Réponses:\n  AOM_1: 0.5\n', /Réponses\.AOM_1 : .*oui ou non attendu/],
    ['proportion.yml', 'Réponses:\n  dechets_4: 1.5\n', /Réponses\.dechets_4 : .*proportion entre 0 et 1/],
    ['choix.yml', 'Réponses:\n  voirie_1: voirie_1_z\n', /Réponses\.voirie_1 : .*un de voirie_1_a, voirie_1_b, voirie_1_c attendu/],
    ['tag.yml', 'Collectivité:\n  population: [beaucoup]\n', /Collectivité\.population : étiquette « beaucoup » inconnue/],
    ['section.yml', 'Statut:\n  cae_1.1.1.1: fait\n', /Statut : section inconnue/],
  ])('bad situation %s: exit 1, one line naming the key', async (name, text, message) => {
    const r = await cli(['score', 'cae', '--situation', bad(name, text), '--data-dir', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
