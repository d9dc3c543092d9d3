/**
 * `label-audit backup [--out FICHIER]` and `label-audit restore FICHIER` (issue 7 item 2), in-process through
 * `runCli`: exit codes, one French stderr line on a refusal, JSON shapes, and a restore round trip.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBytes } from '../../electron/cli/format';
import { runCli } from '../../electron/cli/main';

let tmp = '';
let dataDir = '';
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'label-audit-cli-backup-'));
  dataDir = join(tmp, 'data');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli([...args, '--data-dir', dataDir, '--user', 'Camille'], {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd: tmp,
  });
  return { code, stdout, stderr };
}

describe('label-audit backup / restore', () => {
  it('on a data folder without a workspace: nothing to back up or restore, nothing created', async () => {
    expect(await cli(['backup'])).toEqual({ code: 1, stdout: '', stderr: `Aucun espace de travail dans ${dataDir} : rien à sauvegarder (vérifiez --data-dir).\n` });
    expect(await cli(['restore', 'x.sqlite'])).toEqual({ code: 1, stdout: '', stderr: `Aucun espace de travail dans ${dataDir} : rien à restaurer (vérifiez --data-dir).\n` });
    expect(existsSync(dataDir)).toBe(false);
  });

  it('backup into the sauvegardes folder, backup --out, restore of it after a change', async () => {
    expect((await cli(['set-statut', 'label-nr', 'label-nr_1.1', 'fait'])).code).toBe(0);
    const dir = join(dataDir, 'sauvegardes', 'ma-collectivite');

    const saved = await cli(['backup', '--json']);
    expect(saved.code).toBe(0);
    const doc = JSON.parse(saved.stdout) as { name: string; kind: string; path: string; size: number };
    expect(doc).toEqual({ name: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ-manuelle(-\d+)?\.sqlite$/), kind: 'manuelle', at: expect.any(String), size: expect.any(Number), path: join(dir, doc.name) });
    expect(existsSync(doc.path)).toBe(true);

    const out = await cli(['backup', '--out', 'copie.sqlite']);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(`Sauvegarde écrite : ${join(tmp, 'copie.sqlite')} (${formatBytes(statSync(join(tmp, 'copie.sqlite')).size)}).\n`);

    expect((await cli(['set-statut', 'label-nr', 'label-nr_1.1', 'pas_fait'])).code).toBe(0);
    const r = await cli(['restore', 'copie.sqlite']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Sauvegarde restaurée : copie\.sqlite — Ma collectivité, schéma \d+, 1 référentiel\(s\), 1 statut\(s\), 0 preuve\(s\), dernière modification .+\.$/);
    expect(lines[1]).toMatch(new RegExp(`^L'état remplacé a été sauvegardé : .+-avant-restauration\\.sqlite \\(dossier ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)\\.$`));
    expect(lines).toHaveLength(2);
    const score = await cli(['score', 'label-nr', '--json']);
    expect((JSON.parse(score.stdout) as { nodes: Record<string, { statut?: string }> }).nodes['label-nr_1.1']).toMatchObject({ statut: 'fait', pointFait: 35 });
    expect(readdirSync(dir).some((n) => n.endsWith('-avant-restauration.sqlite'))).toBe(true);
  });

  it('restore of a wrong file: exit 1, one French line naming it, nothing restored', async () => {
    writeFileSync(join(tmp, 'notes.sqlite'), 'pas une base\n');
    expect(await cli(['restore', 'notes.sqlite'])).toEqual({
      code: 1,
      stdout: '',
      stderr: "Le fichier notes.sqlite n'est pas une sauvegarde Label Audit utilisable : ce n'est pas une base de données SQLite (en-tête « SQLite format 3 » absent, 13 octets). Rien n'a été restauré.\n",
    });
    expect(await cli(['restore', 'absente.sqlite'])).toEqual({ code: 1, stdout: '', stderr: "Le fichier absente.sqlite est introuvable. Rien n'a été restauré.\n" });
    expect(await cli(['restore'])).toEqual({ code: 1, stdout: '', stderr: 'La commande restore attend : FICHIER (reçu 0 argument).\n' });
    expect(await cli(['backup', '--out', 'absent/x.sqlite'])).toEqual({
      code: 1,
      stdout: '',
      stderr: `Le dossier ${join(tmp, 'absent')} n'existe pas : créez-le ou choisissez un autre chemin.\n`,
    });
  });
});
