/**
 * The `label-audit` command line end to end: the real bin (node bin/label-audit.mjs, spawned) for the contract the
 * labelling body's scripts rely on (exit codes, one stderr line, JSON shapes), and `runCli` in-process where a
 * spawn would only add time. Real CAE files from ../shared/data.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { DATA, describeWithSharedData } from '../helpers/shared-data';
import { goodWorkbook } from '../core/referential/grid-xlsx-fixture';
import { tamperZip } from './tamper';

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin', 'label-audit.mjs');
const STACK = /\n\s+at |Error:|node:internal/;

/** Spawns the real bin; returns exit code, stdout, stderr. */
function bin(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the CLI in-process; returns exit code, stdout, stderr. */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: ROOT });
  return { code, stdout, stderr };
}

/** Asserts a user error: exit 1 and exactly one stderr line, no stack trace; returns that line. */
function oneErrorLine(r: { code: number | null; stderr: string }): string {
  expect(r.code).toBe(1);
  expect(r.stderr).not.toMatch(STACK);
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  return lines[0] ?? '';
}

let tmp = '';
let dataDir = '';
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'label-audit-cli-'));
  dataDir = join(tmp, 'data');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('label-audit without a workspace', () => {
  it('prints its version', async () => {
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: 'label-audit 0.1.0\n', stderr: '' });
  });

  it('prints the French usage for --help and for no command, exit 0', async () => {
    const r = bin(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage : label-audit COMMANDE');
    expect(r.stdout).toContain('set-statut REFERENTIEL NOEUD STATUT');
    expect((await cli([])).stdout).toContain('Usage : label-audit COMMANDE');
  });

  it('refuses an unknown command and an unknown option with one line, exit 1', async () => {
    expect(oneErrorLine(bin(['frobnicate', '--data-dir', dataDir]))).toBe(
      'Commande inconnue : « frobnicate ». Tapez label-audit --help pour la liste des commandes.',
    );
    expect(oneErrorLine(await cli(['score', 'cae', '--couleur', 'bleu']))).toBe('Option inconnue : --couleur (commande score). Tapez label-audit --help.');
  });

  it('names a missing referential file', async () => {
    const line = oneErrorLine(await cli(['import-referential', join(tmp, 'absent.csv'), '--data-dir', dataDir]));
    expect(line).toBe(`Fichier introuvable : ${join(tmp, 'absent.csv')}`);
  });
});

describe('label-audit import-referential of an Excel workbook', () => {
  it('imports FILE.xlsx --format grid-xlsx --id label-nr-officielle, then referentials --json lists it', async () => {
    const xlsxDir = join(tmp, 'xlsx-data');
    const file = join(tmp, 'Grille officielle.xlsx');
    writeFileSync(file, await goodWorkbook());
    const r = await cli(['import-referential', file, '--format', 'grid-xlsx', '--id', 'label-nr-officielle', '--data-dir', xlsxDir, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ id: 'label-nr-officielle', version: 'Grille officielle', nodes: 7, points: 100 });
    const list = await cli(['referentials', '--data-dir', xlsxDir, '--json']);
    const found = (JSON.parse(list.stdout) as Array<Record<string, unknown>>).find((x) => x.id === 'label-nr-officielle');
    expect(found).toMatchObject({ model: 'points', version: 'Grille officielle', nodes: 7, points: 100, avertissement: null });
    const text = await cli(['import-referential', join(tmp, 'absent.xlsx'), '--data-dir', xlsxDir]);
    expect(oneErrorLine(text)).toBe(`Fichier introuvable : ${join(tmp, 'absent.xlsx')}`);
  });

  it('a CSV renamed .xlsx: one French line, exit 1, nothing imported', async () => {
    const xlsxDir = join(tmp, 'xlsx-data-bad');
    const file = join(tmp, 'renommé.xlsx');
    writeFileSync(file, 'identifiant;intitule;points\n1;T;\n1.1;C;5\n');
    expect(oneErrorLine(await cli(['import-referential', file, '--data-dir', xlsxDir]))).toBe(
      "Le fichier renommé.xlsx n'est pas un classeur .xlsx lisible : ce n'est pas un classeur Excel (le contenu n'est pas une archive XLSX). Enregistrez-le au format « Classeur Excel (.xlsx) » puis réessayez.",
    );
    // A new workspace holds only the built-in working grid.
    const list = JSON.parse((await cli(['referentials', '--data-dir', xlsxDir, '--json'])).stdout) as Array<{ id: string }>;
    expect(list.map((x) => x.id)).toEqual(['label-nr']);
  });
});

describeWithSharedData('label-audit on the real CAE referential', () => {
  beforeAll(() => {
    const r = bin(['import-referential', DATA.caeStructure, DATA.caePreuves, '--data-dir', dataDir, '--json', '--user', 'Alice']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { id: string; version: string; nodes: number; points: number };
    expect(doc).toMatchObject({ id: 'cae', nodes: 1470, points: 500 });
    expect(typeof doc.version).toBe('string');
  });

  it('lists the imported referential with its node count and points', async () => {
    const r = await cli(['referentials', '--data-dir', dataDir, '--json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as Array<{ id: string; nodes: number; points: number }>;
    expect(list.find((x) => x.id === 'cae')).toMatchObject({ nodes: 1470, points: 500 });
    const text = await cli(['referentials', '--data-dir', dataDir]);
    expect(text.stdout).toMatch(/^cae\t.*1470 nœuds, 500 points/m);
  });

  it('set-statut fait on cae_1.1.1.1.1, then score --json shows pointFait 0.3 on it', () => {
    const set = bin(['set-statut', 'cae', 'cae_1.1.1.1.1', 'fait', '--data-dir', dataDir, '--user', 'Alice', '--explication', 'Délibération du 12/03']);
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('Statut enregistré : cae_1.1.1.1.1 → fait.');
    const r = bin(['score', 'cae', '--data-dir', dataDir, '--json']);
    expect(r.code).toBe(0);
    const score = JSON.parse(r.stdout) as {
      referential: { id: string };
      root: Record<string, unknown>;
      nodes: Record<string, Record<string, unknown>>;
    };
    expect(score.referential.id).toBe('cae');
    expect(score.nodes['cae_1.1.1.1.1']).toMatchObject({ pointFait: 0.3, pointProgramme: 0, pointPasFait: 0, pointNonRenseigne: 0 });
    expect(Object.keys(score.root).sort()).toEqual(
      [
        ...['completude', 'niveau', 'score', 'statut', 'concerne', 'desactive', 'pointPotentielPerso', 'totalTachesCount', 'completedTachesCount'],
        ...['pointFait', 'pointNonRenseigne', 'pointPasFait', 'pointPotentiel', 'pointProgramme', 'pointReferentiel'],
        ...['faitTachesAvancement', 'programmeTachesAvancement', 'pasFaitTachesAvancement', 'pasConcerneTachesAvancement'],
      ].sort(),
    );
    // Étoile 1 starts at 0 % of the potentiel (DOMAIN.md: étoiles at 0/35/50/65/75 %): 0.3 / 499 reaches it.
    // A new workspace is a commune without answers: the CAE rules for communes take 1 pt off the potentiel (§2.5).
    expect(score.root).toMatchObject({ pointReferentiel: 500, pointPotentiel: 499, pointFait: 0.3, pointNonRenseigne: 498.7, niveau: '1 étoile' });
    expect(score.root.score).toBeCloseTo(0.3 / 499, 9);
    expect(Object.keys(score.nodes)).toHaveLength(1470);
  });

  it('records --user as the author and --explication; --explication "" clears it', async () => {
    const { createCore } = await import('../../electron/core/core');
    const read = () => {
      const core = createCore({ dataDir, demo: false });
      try {
        return core.statuts.list('cae').find((x) => x.nodeId === 'cae_1.1.1.1.1');
      } finally {
        core.close();
      }
    };
    expect(read()).toMatchObject({ statut: 'fait', explication: 'Délibération du 12/03', modifiedBy: 'Alice' });
    const r = await cli(['set-statut', 'cae', 'cae_1.1.1.1.1', 'fait', '--explication', '', '--user', 'Bruno', '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    expect(read()).toMatchObject({ statut: 'fait', explication: null, modifiedBy: 'Bruno' });
  });

  it('prints the score as French text with one line per axe', async () => {
    const r = await cli(['score', 'cae', '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Score : 0,0 % — seuil de score atteint : 1 étoile\n');
    // A new workspace is a commune: the CAE rules deactivate 8 leaves (PCAET obligation…), which count as complete (§2.7).
    expect(r.stdout).toContain('Complétude : 0,8 % (une demande de labellisation exige aussi 100 % de complétude et les critères par mesure)\n');
    // Axe 1 has 100 points; 0.3 fait is 0,3 % of it.
    expect(r.stdout).toContain('Axe 1 Planification territoriale : 0,3 % — fait 0,3 · programmé 0 · pas fait 0 · non renseigné 99,7 / potentiel 100 points\n');
    expect(r.stdout.split('\n').filter((l) => /^Axe \d /.test(l))).toHaveLength(6);
  });

  it('accepts a détaillé 0,7 / 0.2 / 0.1 split', async () => {
    const r = await cli(['set-statut', 'cae', 'cae_1.1.1.1.2', 'detaille', '--fait', '0,7', '--programme', '0.2', '--pas-fait', '0.1', '--data-dir', dataDir, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { statut: string; detail: number[]; node: { pointFait: number; pointProgramme: number; pointPasFait: number; pointReferentiel: number } };
    expect(doc.statut).toBe('detaille');
    const { pointReferentiel, pointFait } = doc.node;
    expect(pointFait).toBeCloseTo(pointReferentiel * 0.7, 3);
  });

  it('refuses a détaillé split summing to 1.1 with one line, exit 1 (real bin)', () => {
    const line = oneErrorLine(
      bin(['set-statut', 'cae', 'cae_1.1.1.1.2', 'detaille', '--fait', '0.7', '--programme', '0.2', '--pas-fait', '0.2', '--data-dir', dataDir]),
    );
    expect(line.length).toBeGreaterThan(10);
  });

  it('names an unknown node', async () => {
    const line = oneErrorLine(await cli(['set-statut', 'cae', 'cae_9.9.9', 'fait', '--data-dir', dataDir]));
    expect(line).toContain('cae_9.9.9');
  });

  it('names a missing preuve path', async () => {
    const missing = join(tmp, 'nulle-part', 'deliberation.pdf');
    const line = oneErrorLine(await cli(['add-preuve', 'cae', 'cae_1.1.1.1', missing, '--data-dir', dataDir]));
    expect(line).toContain('deliberation.pdf');
  });

  it('adds a file preuve and a link preuve', async () => {
    const file = join(tmp, 'délibération PCAET.txt');
    writeFileSync(file, 'Délibération du conseil communautaire\n'); // 40 bytes in UTF-8 (two é)
    const f = await cli(['add-preuve', 'cae', 'cae_1.1.1.1', file, '--title', 'Délibération PCAET', '--data-dir', dataDir, '--json']);
    expect(f.stderr).toBe('');
    expect(JSON.parse(f.stdout)).toMatchObject({ kind: 'fichier', titre: 'Délibération PCAET', size: 40, nodeIds: ['cae_1.1.1.1'] });
    const l = await cli(['add-preuve', 'cae', 'cae_1.1.1.1', 'https://exemple.fr/pcaet', '--data-dir', dataDir, '--json']);
    expect(JSON.parse(l.stdout)).toMatchObject({ kind: 'lien', url: 'https://exemple.fr/pcaet' });
    expect(oneErrorLine(await cli(['add-preuve', 'cae', 'cae_1.1.1.1', 'ftp://exemple.fr/x', '--data-dir', dataDir]))).toContain('ftp://exemple.fr/x');
  });

  describe('export-pack and verify', () => {
    let pack = '';
    beforeAll(async () => {
      pack = join(tmp, 'sortie', 'paquet-cae.zip');
      mkdirSync(join(tmp, 'sortie')); // --out never creates folders outside the data dir
      const r = await cli(['export-pack', 'cae', '--out', pack, '--data-dir', dataDir, '--json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.stdout) as { path: string; entries: number; bytes: number };
      expect(doc.path).toBe(pack);
      expect(doc.bytes).toBe(statSync(pack).size);
      expect(doc.entries).toBeGreaterThan(4);
    });

    it('verifies the exported pack, exit 0 (real bin)', () => {
      expect(existsSync(pack)).toBe(true);
      const r = bin(['verify', pack, '--data-dir', dataDir]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Paquet conforme : .*paquet-cae\.zip \(\d+ entrées vérifiées\)\.$/m);
    });

    it('refuses a pack whose audit.json was changed, one problem per line, exit 1', async () => {
      const tampered = join(tmp, 'paquet-modifie.zip');
      await tamperZip(pack, tampered, 'audit.json', (d) => Buffer.concat([d, Buffer.from(' ')]));
      const r = await cli(['verify', tampered, '--data-dir', dataDir]);
      expect(r.code).toBe(1);
      expect(r.stderr).not.toMatch(STACK);
      expect(r.stderr).toContain('audit.json');
      expect(r.stdout).toContain('Paquet NON conforme');
    });

    it('reports a file that is not a zip as a problem, exit 1 (not an internal error)', async () => {
      const notZip = join(tmp, 'pas-un-zip.zip');
      writeFileSync(notZip, 'bonjour');
      const r = await cli(['verify', notZip, '--json']);
      expect(r.code).toBe(1);
      const doc = JSON.parse(r.stdout) as { ok: boolean; problems: string[] };
      expect(doc.ok).toBe(false);
      expect(doc.problems[0]).toMatch(/^pas-un-zip\.zip n'est pas une archive zip lisible/);
      expect(r.stderr).toBe(`${doc.problems[0]}\n`);
    });

    it('names a missing pack', async () => {
      expect(oneErrorLine(await cli(['verify', join(tmp, 'absent.zip'), '--data-dir', dataDir]))).toBe(`Fichier introuvable : ${join(tmp, 'absent.zip')}`);
    });
  });
});
