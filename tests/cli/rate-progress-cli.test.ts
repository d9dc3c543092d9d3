/** `label-audit import-referential` + `score` + `set-statut` on the real RGAA 4.1.2 and guide NR files (in-process runCli). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { DATA, describeWithSharedData } from '../helpers/shared-data';

const ROOT = resolve(__dirname, '../..');
let tmp = '';
let dataDir = '';
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'label-audit-cli-rates-'));
  dataDir = join(tmp, 'data');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli([...args, '--data-dir', dataDir, '--user', 'Alice'], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: ROOT });
  return { code, stdout, stderr };
}

describeWithSharedData('label-audit on the RGAA and the guide NR', () => {
  it('imports both by detection and lists them in critères / pratiques', async () => {
    expect(await cli('import-referential', DATA.rgaa)).toEqual({ code: 0, stdout: 'Référentiel importé : rgaa (version 4.1.2), 119 nœuds, 106 critères.\n', stderr: '' });
    expect((await cli('import-referential', DATA.guideNr.replace(/\.json$/, '.csv'))).stdout).toBe('Référentiel importé : gbp-nr (version v1), 68 nœuds, 59 pratiques.\n');
    const list = (await cli('referentials')).stdout;
    expect(list).toContain('rgaa\tRGAA 4.1.2 — accessibilité numérique — version 4.1.2, 119 nœuds, 106 critères');
    expect(list).toContain('gbp-nr\tGuide de bonnes pratiques numérique responsable pour les organisations — version v1, 68 nœuds, 59 pratiques');
  });

  it('score before any statut: « non calculable », no state; set-statut speaks conforme and recalls the complétude', async () => {
    const before = (await cli('score', 'rgaa')).stdout.split('\n');
    expect(before[1]).toBe('Taux de conformité : non calculable, aucun critère applicable évalué (106 critères, 0 non applicable)');
    expect(before[2]).toBe('Conformité RGAA : aucune (rien d’évalué)');
    expect((await cli('score', 'rgaa', '--json')).stdout).toContain('"score": null');
    await cli('set-statut', 'rgaa', 'rgaa_1.1', 'conforme');
    const r = await cli('set-statut', 'rgaa', 'rgaa_1.2', 'non_conforme');
    expect(r.stdout.split('\n').slice(0, 4)).toEqual([
      'Statut enregistré : rgaa_1.2 → non_conforme.',
      'Nœud : 0 conforme · 1 non conforme · 0 non évalué · 0 non applicable',
      'Score rgaa : 50,0 % — complétude 1,8 %',
      'Conformité RGAA : Partiellement conforme (calculée sur les seuls critères évalués : une déclaration d’accessibilité suppose tous les critères évalués)',
    ]);
    const wrong = await cli('set-statut', 'rgaa', 'rgaa_1.3', 'fait');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe("Le statut « fait » n'existe pas pour le référentiel rgaa (conforme, non_conforme, non_applicable, non_renseigne).\n");
  });

  it('the guide: avancement over the renseignées, per famille', async () => {
    await cli('set-statut', 'gbp-nr', 'gbp-nr_a.1', 'fait');
    await cli('set-statut', 'gbp-nr', 'gbp-nr_a.2', 'programme');
    const text = (await cli('score', 'gbp-nr')).stdout.split('\n');
    expect(text[1]).toBe('Avancement : 50,0 % des pratiques applicables renseignées — 1 faite sur 2 (59 pratiques, 0 non concernée)');
    expect(text[5]).toBe('Famille a Stratégie et gouvernance : 50,0 % — 1 faite · 1 programmée · 0 pas faite · 6 non renseignées · 0 non concernée');
    expect(text[6]).toBe('Famille b Sensibilisation et formation : non calculable — 0 faite · 0 programmée · 0 pas faite · 3 non renseignées · 0 non concernée');
  });
});
