/**
 * Pack, CLI and screen show the same headline % (shared/scoring/ratios.ts `ratioFait`): the real RGESN 2024 grid
 * with a few statuts, exported through the core, read back from grille.csv, grille.xlsx and rapport.pdf.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ratioFait } from '../../../shared/scoring/ratios';
import { formatPercent, formatScoreText } from '../../../electron/cli/format';
import type { Core } from '../../../electron/core/core';
import { DATA, describeWithSharedData } from '../../helpers/shared-data';
import { memoryCore } from '../helpers/context';
import { entryMap } from './zip-read';

describeWithSharedData('RGESN pack: conforme ÷ évalués everywhere', () => {
  let core: Core;
  let cleanup: () => void;
  let entries: Map<string, Buffer>;
  let dir = '';
  beforeAll(async () => {
    ({ core, cleanup } = memoryCore());
    dir = core.ctx.dataDir;
    await core.referentials.importAsync([DATA.rgesn], { id: 'rgesn' });
    // Stratégie: 1.1 and 1.2 conforme, 1.3 non conforme, 1.4 non applicable; the other 74 critères non évalués.
    for (const [nodeId, statut] of [
      ['rgesn_1.1', 'conforme'],
      ['rgesn_1.2', 'conforme'],
      ['rgesn_1.3', 'non_conforme'],
      ['rgesn_1.4', 'non_applicable'],
    ] as const) {
      core.statuts.set({ referentialId: 'rgesn', nodeId, statut });
    }
    const pack = await core.pack.export('rgesn');
    entries = await entryMap(pack.path);
  }, 60_000);
  afterAll(() => cleanup());

  // Weights (rgesn-json.ts): 1.1 and 1.2 Prioritaires (1,5 each) conforme, 1.3 Recommandé (1,25) non conforme:
  // 3 ÷ 4,25 = 70,588… % → 70,5 % (truncated), for the root and for the thématique Stratégie alike; 1.4 (1,5)
  // non applicable leaves the potentiel (100,25 − 1,5 = 98,75; Stratégie 13,5 − 1,5 = 12).
  it('the CLI, the grid CSV and XLSX and the PDF give the same root % (70,5 %)', async () => {
    const score = core.scores.get('rgesn');
    expect(ratioFait('weighted', score.root)).toBeCloseTo(3 / 4.25, 12);
    expect(formatPercent(ratioFait('weighted', score.root))).toBe('70,5 %');
    const cli = formatScoreText(core.referentials.get('rgesn'), score);
    expect(cli).toContain('Score : 70,5 %');
    expect(cli).toContain('Thématique 1 Stratégie : 70,5 %');

    const csv = (entries.get('grille.csv') as Buffer).toString('utf8').split('\r\n');
    expect(csv.find((l) => l.startsWith('Total;'))?.split(';').slice(4, 12)).toEqual(['100,25', '98,75', '3', '70,5', '0', '0', '1,25', '29,4']);
    expect(csv.find((l) => l.startsWith('1;'))?.split(';')[7]).toBe('70,5');
    expect(csv.find((l) => l.startsWith('2;'))?.split(';')[7]).toBe(''); // nothing evaluated: not computable, never 0

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(entries.get('grille.xlsx') as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Grille')?.getCell('H8').value).toBe(0.705);

    if (!existsSync('/usr/bin/pdftotext')) return;
    const pdfPath = join(dir, 'rapport-rgesn.pdf');
    writeFileSync(pdfPath, entries.get('rapport.pdf') as Buffer);
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }).replace(/[\u202f\u00a0]/g, ' ');
    expect(text).toContain('Score : 70,5 % des critères évalués (pondérés) — 3 pts conformes sur 4,25 évalués, 100,25 au total');
    expect(text).not.toContain('Seuil de score'); // RGESN has no niveaux
    expect(text).toMatch(/1\s+Stratégie\s+12\s+3\s+70,5 %/);
    expect(text).toMatch(/2\s+Spécifications\s+[\d,]+\s+0\s+non calculable/);
  });
});
