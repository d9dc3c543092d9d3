/**
 * The CLI/core tester's defects as the lead decided them (/tmp/brk-report.md A–L), through `runCli` in-process on a
 * data dir seeded with the toy TETE tree of tests/core/helpers (eci: 2.1 = 65 pts with tâches 2.1.1 / 2.1.2;
 * 2.2 = 5 pts with tâches 2.2.1–2.2.3; niveaux 1 étoile ≥ 0 %, 2 étoiles ≥ 35 %).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { createCore } from '../../electron/core/core';
import { toyTete } from '../core/helpers/context';

let tmp = '';
let dataDir = '';

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli([...args, '--data-dir', dataDir], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: tmp });
  return { code, stdout, stderr };
}

/** Exit 1 and exactly one stderr line; returns it. */
function oneLine(r: { code: number; stderr: string }): string {
  expect(r.code).toBe(1);
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  return lines[0] ?? '';
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'label-audit-cli-fixes-'));
  dataDir = join(tmp, 'data');
  const core = createCore({ dataDir, demo: false, user: 'Alice' });
  core.referentials.store(toyTete());
  core.close();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('set-statut (A, C, D, L)', () => {
  it('prints the détaillé split as stored (rounded to tenths of a percent) and the seuil de score with the reminder', async () => {
    const r = await cli(['set-statut', 'eci', 'eci_2.1.1', 'detaille', '--fait', '0.7004', '--programme', '0.2004', '--pas-fait', '0.1004']);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]).toBe('Statut enregistré : eci_2.1.1 → detaille (fait 70,0 % / programmé 20,0 % / pas fait 10,0 %).');
    // 0.7 × 40 = 28 points fait of 100.
    expect(r.stdout).toContain('Score eci : 28,0 % — complétude ');
    expect(r.stdout).toContain('Seuil de score atteint : 1 étoile (une demande de labellisation exige aussi 100 % de complétude et les critères par mesure)\n');
    const json = JSON.parse((await cli(['set-statut', 'eci', 'eci_2.1.1', 'detaille', '--fait', '0.7', '--programme', '0.2', '--pas-fait', '0.1', '--json'])).stdout);
    expect(json).toMatchObject({ detail: [0.7, 0.2, 0.1], changed: false, cascade: [] });
  });

  it('says when nothing changed', async () => {
    await cli(['set-statut', 'eci', 'eci_1.1', 'fait']);
    const r = await cli(['set-statut', 'eci', 'eci_1.1', 'fait']);
    expect(r.stdout.split('\n')[0]).toBe("Statut inchangé : eci_1.1 a déjà ce statut ; rien n'est enregistré.");
  });

  it('says which sous-action a tâche statut reset', async () => {
    await cli(['set-statut', 'eci', 'eci_2.2', 'fait']);
    const r = await cli(['set-statut', 'eci', 'eci_2.2.1', 'programme']);
    expect(r.stdout).toContain('La sous-action eci_2.2 repasse en « non renseigné » : ce sont maintenant ses tâches qui portent le statut.\n');
  });

  it('refuses a tâche under a non-concerné sous-action with one line', async () => {
    await cli(['set-statut', 'eci', 'eci_1.2', 'non_concerne']);
    await cli(['set-statut', 'eci', 'eci_2.2', 'non_concerne']);
    expect(oneLine(await cli(['set-statut', 'eci', 'eci_2.2.2', 'fait']))).toBe(
      "La sous-action eci_2.2 est « non concernée » : ses tâches (dont eci_2.2.2) ne comptent pas. Changez d'abord le statut de eci_2.2.",
    );
  });

  it('takes an explication starting with « - » (I)', async () => {
    const r = await cli(['set-statut', 'eci', 'eci_1.1', 'fait', '--explication', '-2+3 postes']);
    expect(r.code).toBe(0);
    const core = createCore({ dataDir, demo: false });
    try {
      expect(core.statuts.list('eci').find((x) => x.nodeId === 'eci_1.1')?.explication).toBe('-2+3 postes');
    } finally {
      core.close();
    }
  });
});

describe('add-preuve (E, J)', () => {
  it('refuses javascript: as a link, one line', async () => {
    expect(oneLine(await cli(['add-preuve', 'eci', 'eci_1.1', 'javascript:alert(1)']))).toBe(
      'Seuls les liens http:// ou https:// sont acceptés comme preuve (reçu « javascript:alert(1) »).',
    );
  });

  it('adds a file whose name has a colon when it exists, and keeps a second title for the same bytes', async () => {
    writeFileSync(join(tmp, 'notes:v2.txt'), 'Compte rendu du comité de pilotage\n');
    const first = await cli(['add-preuve', 'eci', 'eci_1.1', 'notes:v2.txt', '--title', 'Compte rendu']);
    expect(first.stdout).toMatch(/^Preuve ajoutée sur eci_1\.1 : fichier « Compte rendu » \(notes:v2\.txt, /);
    const second = await cli(['add-preuve', 'eci', 'eci_2.1', 'notes:v2.txt', '--title', 'CR COPIL mars']);
    expect(second.stdout).toContain("Mêmes octets que la preuve « Compte rendu » : le fichier n'est stocké qu'une fois, chaque preuve garde son titre.\n");
  });
});

describe('export-pack (B, K)', () => {
  it('--out into a folder that does not exist: one line, nothing created', async () => {
    const out = join(tmp, 'absent', 'paquet.zip');
    expect(oneLine(await cli(['export-pack', 'eci', '--out', out]))).toBe(
      `Le dossier ${join(tmp, 'absent')} n'existe pas : créez-le ou choisissez un autre chemin pour --out.`,
    );
    expect(existsSync(join(tmp, 'absent'))).toBe(false);
    mkdirSync(join(tmp, 'un-dossier'));
    expect(oneLine(await cli(['export-pack', 'eci', '--out', join(tmp, 'un-dossier')]))).toMatch(/désigne un dossier : donnez un nom de fichier/);
  });

  it('writes --out directly and reports the preuves whose bytes are missing (exit 0)', async () => {
    const core = createCore({ dataDir, demo: false });
    const sha = core.preuves.list('eci').find((p) => p.kind === 'fichier')?.sha256 as string;
    rmSync(core.evidence.pathOf(sha));
    core.close();
    const out = join(tmp, 'paquet-eci.zip');
    const r = await cli(['export-pack', 'eci', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 preuve(s) manquante(s) ou altérée(s) : voir _manifeste/fichiers-manquants.txt dans le paquet.\n');
    expect(existsSync(out)).toBe(true);
    expect(existsSync(join(dataDir, 'exports', 'paquet-eci.zip'))).toBe(false);
    const json = JSON.parse((await cli(['export-pack', 'eci', '--out', out, '--json'])).stdout);
    expect(json).toMatchObject({ path: out, fileName: 'paquet-eci.zip', missing: 2 });
  });
});

describe('data dir (B)', () => {
  it('read commands on a data dir without a workspace: one line, nothing created', async () => {
    const empty = join(tmp, 'vide');
    for (const args of [['score', 'eci'], ['referentials'], ['export-pack', 'eci']]) {
      let stderr = '';
      const code = await runCli([...args, '--data-dir', empty], { stdout: () => {}, stderr: (t) => void (stderr += t), cwd: tmp });
      expect(code).toBe(1);
      expect(stderr).toBe(
        `Aucun espace de travail dans ${empty} : rien à lire. Importez d'abord un référentiel (label-audit import-referential FICHIER --data-dir ${empty}).\n`,
      );
    }
    expect(existsSync(empty)).toBe(false);
  });

  it('a file given as the data dir: one line naming it, exit 1', async () => {
    const file = join(tmp, 'fichier-pas-dossier');
    writeFileSync(file, '');
    let stderr = '';
    const code = await runCli(['import-referential', join(tmp, 'notes:v2.txt'), '--data-dir', file], { stdout: () => {}, stderr: (t) => void (stderr += t), cwd: tmp });
    expect(code).toBe(1);
    expect(stderr).toBe(`Un fichier se trouve là où Label Audit attend un dossier : ${file}.\n`);
  });
});
