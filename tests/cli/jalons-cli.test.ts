/**
 * The jalon commands in-process (`runCli`): `jalon`, `jalons`, `compare A B --xlsx`, `export-pack --jalon` (the
 * same bytes after later changes), and their bad inputs (one French line, exit 1). Toy TETE grid imported from CSV.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';

let tmp = '';
let dataDir = '';

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli([...args, '--data-dir', dataDir, '--user', 'Claire'], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: tmp });
  return { code, stdout, stderr };
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'label-audit-jalon-cli-'));
  dataDir = join(tmp, 'data');
  writeFileSync(
    join(tmp, 'grille.csv'),
    ['identifiant;intitule;points', '1;Stratégie;300', '1.1;Gouvernance;100', '1.2;Plan d’action;200', '2;Cycle de vie;700', '2.1;Achats;700'].join('\n'),
  );
  const r = await cli(['import-referential', join(tmp, 'grille.csv'), '--format', 'grid-csv', '--id', 'grille']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('label-audit jalon / jalons / compare / export-pack --jalon', () => {
  it('takes jalons, lists them, compares them (text, JSON, XLSX) and exports a jalon pack that never changes', async () => {
    expect((await cli(['set-statut', 'grille', 'grille_1.1', 'fait'])).code).toBe(0);
    const j1 = await cli(['jalon', 'grille', '--name', 'Avant', '--kind', 'pre-audit', '--json']);
    expect(j1.code).toBe(0);
    expect(JSON.parse(j1.stdout)).toMatchObject({ id: 1, nom: 'Avant', kind: 'pre-audit', who: 'Claire', referentiels: [{ referentialId: 'grille', pointFait: 100 }] });
    expect((await cli(['set-statut', 'grille', 'grille_1.2', 'fait'])).code).toBe(0);
    const j2 = await cli(['jalon', '--name', 'Après']);
    expect(j2.stdout).toMatch(/^Jalon pris : n° 2 « Après » \(sauvegarde nommée\) — \S+ par Claire — grille /);
    const list = await cli(['jalons']);
    expect(list.stdout.split('\n').filter(Boolean).map((l) => l.slice(0, 30))).toEqual(['n° 1 « Avant » (pré-audit) — 2', 'n° 2 « Après » (sauvegarde nom']);

    const out = join(tmp, 'comparaison.xlsx');
    const c = await cli(['compare', '1', '2', '--xlsx', out]);
    expect(c.code).toBe(0);
    expect(c.stdout).toBe(
      [
        'Comparaison grille (grille) : ' + c.stdout.split(' : ')[1]!.split(' — ')[0] + ' — 3 lignes modifiées.',
        '  Total : points faits 100 → 300 ; % fait 10,0 % → 30,0 %',
        '  1 Stratégie : points faits 100 → 300 ; % fait 33,3 % → 100,0 %',
        '  1.2 Plan d’action : points faits 0 → 200 ; % fait 0,0 % → 100,0 % ; statut — → Fait',
        `Classeur écrit : ${out}.`,
        '',
      ].join('\n'),
    );
    const xlsx1 = sha(out);
    const pack1 = join(tmp, 'jalon1.zip');
    expect((await cli(['export-pack', 'grille', '--jalon', '1', '--out', pack1])).code).toBe(0);
    const packSha = sha(pack1);

    // later changes leave the jalons' comparison and pack byte-identical
    expect((await cli(['set-statut', 'grille', 'grille_2.1', 'programme'])).code).toBe(0);
    expect((await cli(['compare', '1', '2', '--xlsx', out])).code).toBe(0);
    expect(sha(out)).toBe(xlsx1);
    rmSync(pack1);
    expect((await cli(['export-pack', 'grille', '--jalon', '1', '--out', pack1])).code).toBe(0);
    expect(sha(pack1)).toBe(packSha);
    expect((await cli(['verify', pack1])).code).toBe(0);

    expect(await cli(['compare', '2', 'maintenant'])).toMatchObject({ code: 1, stderr: 'Précisez le référentiel à comparer : grille, label-nr.\n' });
    const now = await cli(['compare', '2', 'maintenant', '--referential', 'grille', '--json']);
    const doc = JSON.parse(now.stdout) as { changed: number; b: { kind: string }; lignes: Array<{ identifiant: string }> };
    expect(doc.changed).toBe(3);
    expect(doc.b.kind).toBe('maintenant');
    expect(doc.lignes.map((l) => l.identifiant)).toEqual(['', '2', '2.1']);
  });

  it('bad inputs: one French line on stderr, exit 1', async () => {
    const line = async (args: string[]) => {
      const r = await cli(args);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      return r.stderr.trim();
    };
    expect(await line(['jalon', '--name', '  '])).toBe('La commande jalon attend un nom : --name "2026 - avant le comité".');
    expect(await line(['jalon', '--name', 'X', '--kind', 'final'])).toBe('Option --kind : « final » inconnu ; types acceptés : manuel, pre-audit, post-audit.');
    expect(await line(['jalon', 'zzz', '--name', 'X'])).toBe("Le référentiel « zzz » n'est pas chargé dans cet espace de travail.");
    expect(await line(['compare', '1', 'hier'])).toBe('Argument B : « hier » n\'est pas un numéro de jalon (1, 2, … ; voir label-audit jalons) ni « maintenant ».');
    expect(await line(['compare', '1', '99'])).toBe("Le jalon n° 99 n'existe pas dans cet espace de travail (voir la liste des jalons).");
    expect(await line(['export-pack', 'grille', '--jalon', 'x'])).toBe('Option --jalon : « x » n\'est pas un numéro de jalon (1, 2, … ; voir label-audit jalons).');
    expect(await line(['export-pack', 'cae', '--jalon', '1'])).toBe('Le jalon n° 1 « Avant » ne contient pas le référentiel « cae » (il contient : grille).');
    expect(await line(['compare', '1', '2', '--xlsx', join(tmp, 'absent', 'c.xlsx')])).toBe(`Le dossier ${join(tmp, 'absent')} n'existe pas : créez-le ou choisissez un autre chemin.`);
  });
});
