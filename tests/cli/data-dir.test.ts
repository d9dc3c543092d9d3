/**
 * `label-audit data-dir`: the procedure to move the data folder (a roaming profile), in-process through runCli with
 * the per-user folder redirected by XDG_CONFIG_HOME (Linux rule of defaultDataDir), and its argument errors.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseCli } from '../../electron/cli/args';
import { runCli } from '../../electron/cli/main';
import { userError } from '../helpers/errors';

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: tmp });
  return { code, stdout, stderr };
}

let tmp = '';
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'label-audit-cli-datadir-'));
});
afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(tmp, { recursive: true, force: true });
});

describe('data-dir arguments', () => {
  it('parses the three forms', () => {
    expect(parseCli(['data-dir'])).toMatchObject({ name: 'data-dir', move: undefined, reset: false });
    expect(parseCli(['data-dir', '--move', 'D:/Profil/Label Audit'])).toMatchObject({ name: 'data-dir', move: 'D:/Profil/Label Audit', reset: false });
    expect(parseCli(['data-dir', '--reset', '--json'])).toMatchObject({ name: 'data-dir', reset: true, common: { json: true } });
  });

  it.each([
    [['data-dir', '--move', 'x', '--reset'], 'La commande data-dir prend --move DOSSIER ou --reset, pas les deux.'],
    [['data-dir', '--move', ' '], "L'option --move attend un dossier (commande data-dir)."],
    [['data-dir', 'x'], 'La commande data-dir attend : (aucun argument) (reçu 1 argument).'],
  ])('refuses %j', (argv, message) => {
    expect(userError(() => parseCli(argv)).message).toBe(message);
  });
});

describe.runIf(process.platform === 'linux')('data-dir moves the desktop app\'s data and every later command follows', () => {
  it('shows, moves (pointer written), follows, resets', async () => {
    const config = join(tmp, 'config');
    vi.stubEnv('XDG_CONFIG_HOME', config);
    vi.stubEnv('LABEL_AUDIT_DATA_DIR', '');
    const userData = join(config, 'Label Audit');
    const roaming = join(tmp, 'roaming', 'Label Audit');

    expect(await cli(['data-dir'])).toEqual({ code: 0, stdout: `Dossier de données : ${userData} (dossier par défaut).\n`, stderr: '' });
    // A workspace in the default folder, with one statut.
    expect((await cli(['set-statut', 'label-nr', 'label-nr_1.1', 'fait'])).code).toBe(0);

    const moved = await cli(['data-dir', '--move', join('roaming', 'Label Audit')]);
    expect(moved.stderr).toBe('');
    expect(moved.code).toBe(0);
    expect(moved.stdout.split('\n')[0]).toMatch(new RegExp(`^Données copiées de ${userData} vers ${roaming} : 1 espace\\(s\\) de travail \\(ma-collectivite\\), 1 autre\\(s\\) fichier\\(s\\), \\d+ octets ; copie vérifiée\\.$`));
    expect(moved.stdout).toContain(`Les données d'origine restent dans ${userData}`);
    expect(JSON.parse(readFileSync(join(userData, 'data-dir.json'), 'utf8'))).toEqual({ dataDir: roaming });

    expect((await cli(['data-dir'])).stdout).toBe(`Dossier de données : ${roaming} (fichier data-dir.json).\n`);
    // A write now lands in the new folder only.
    expect((await cli(['set-statut', 'label-nr', 'label-nr_1.2', 'pas_fait'])).code).toBe(0);
    type Score = { nodes: Record<string, { statut: string | null }> };
    const score = JSON.parse((await cli(['score', 'label-nr', '--json'])).stdout) as Score;
    const scoreOld = JSON.parse((await cli(['score', 'label-nr', '--json', '--data-dir', userData])).stdout) as Score;
    expect(score.nodes['label-nr_1.1']?.statut).toBe('fait');
    expect(score.nodes['label-nr_1.2']?.statut).toBe('pas_fait');
    expect(scoreOld.nodes['label-nr_1.1']?.statut).toBe('fait');
    expect(scoreOld.nodes['label-nr_1.2']?.statut ?? null).toBeNull();

    const reset = await cli(['data-dir', '--reset']);
    expect(reset).toEqual({ code: 0, stdout: `Retour au dossier de données par défaut : ${userData}.\n`, stderr: '' });
    expect(existsSync(join(userData, 'data-dir.json'))).toBe(false);

    // The variable wins, and a move under it says so.
    vi.stubEnv('LABEL_AUDIT_DATA_DIR', roaming);
    expect((await cli(['data-dir', '--json'])).stdout).toContain('"source": "env"');
    const warned = await cli(['data-dir', '--move', join(tmp, 'ailleurs')]);
    expect(warned.stderr).toBe("Attention : la variable LABEL_AUDIT_DATA_DIR est définie et l'emporte sur ce réglage tant qu'elle le reste.\n");
  });
});
