/**
 * The pack in English (issue 8 item 2: exports in the chosen language): rapport.pdf's headings, labels, statut
 * labels and figures (`40.0%`, `1,111`, `30 Jun 2026`) and the grid's titles follow `lang: 'en'`; French stays the
 * default, byte for byte the same pack as without `lang`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPack } from '../../../electron/core/pack/index';
import { buildGrid } from '../../../electron/core/pack/grid';
import { GRID_COLUMNS_BY_LANG, PACK_WORDS, statutLabelIn } from '../../../electron/core/pack/words';
import type { PackInput } from '../../../electron/core/pack/types';
import { makeInput } from './fixture';
import { entryMap } from './zip-read';

function withFigures(input: PackInput, lang?: 'fr' | 'en'): PackInput {
  return {
    ...input,
    ...(lang ? { lang } : {}),
    score: { ...input.score, root: { ...input.score.root, completedTachesCount: 156, totalTachesCount: 1111, completude: 156 / 1111 } },
    pilotes: new Map([['t_1.1.1', { personnes: ['Camille Lefèvre'], services: [], echeance: '2026-06-30' }]]),
  };
}

describe('pack words', () => {
  it('have the 19 grid titles and every statut label in both languages', () => {
    expect(GRID_COLUMNS_BY_LANG.fr).toHaveLength(19);
    expect(GRID_COLUMNS_BY_LANG.en).toHaveLength(19);
    expect(GRID_COLUMNS_BY_LANG.en.slice(0, 2)).toEqual(['No.', 'Title']);
    expect([statutLabelIn('fr', 'fait'), statutLabelIn('en', 'fait'), statutLabelIn('en', 'non_conforme'), statutLabelIn('en', 'non_renseignable')]).toEqual([
      'Fait',
      'Done',
      'Not compliant',
      '',
    ]);
    expect(Object.keys(PACK_WORDS.en).sort()).toEqual(Object.keys(PACK_WORDS.fr).sort());
  });

  it('builds the grid with English titles, Total and statut labels', () => {
    const { input } = makeInput();
    const grid = buildGrid({ ...input, lang: 'en' }, () => []);
    expect(grid.header[2]?.[0]).toBe('Export date');
    expect(grid.header[3]?.[0]).toBe('Milestone');
    expect(grid.header[6]).toEqual([...GRID_COLUMNS_BY_LANG.en]);
    expect(grid.rows[0]?.values[0]).toBe('Total');
    const statuts = new Set(grid.rows.map((r) => r.values[12]).filter((v) => v !== null));
    expect([...statuts].every((v) => ['Done', 'Not done', 'Planned', 'Detailed by %', 'Detailed by task', 'Not concerned', 'Not filled in'].includes(v as string))).toBe(true);
    expect(statuts.size).toBeGreaterThan(0);
    const fr = buildGrid(input, () => []);
    expect(fr.header[6]?.[0]).toBe('N°');
    expect(fr.header[2]?.[0]).toBe("Date d'export");
  });

  it('French by default: the same zip bytes with lang fr as without lang', async () => {
    const { input, dir } = makeInput();
    await buildPack(withFigures(input), join(dir, 'a.zip'));
    await buildPack(withFigures(input, 'fr'), join(dir, 'b.zip'));
    expect(readFileSync(join(dir, 'a.zip')).equals(readFileSync(join(dir, 'b.zip')))).toBe(true);
  });
});

describe.runIf(existsSync('/usr/bin/pdftotext'))('rapport.pdf in English, read back with pdftotext', () => {
  it('writes the headings, labels and figures in English conventions', async () => {
    const { input, dir } = makeInput();
    const out = join(dir, 'en.zip');
    await buildPack(withFigures(input, 'en'), out);
    const pdfPath = join(dir, 'rapport-en.pdf');
    writeFileSync(pdfPath, (await entryMap(out)).get('rapport.pdf') as Buffer);
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }).replace(/[\u202f\u00a0]/g, ' ');
    const raw = execFileSync('pdftotext', ['-raw', pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Audit report');
    expect(text).toContain('Completeness: 14.0% (156 / 1,111 items filled in)');
    expect(text).toContain('Overall score: 20 / 50 points (40.0%)');
    expect(text).toContain('Population: 12,345 inhabitants');
    expect(text).toContain('Missing evidence');
    expect(text).toContain('Files not included in the pack');
    expect(raw).toContain('Due: 30 Jun 2026');
    expect(text).not.toContain('Rapport d’audit');
    expect(text).not.toContain('Complétude');
  });
});
