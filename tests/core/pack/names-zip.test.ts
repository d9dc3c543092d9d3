/**
 * Naming rules and determinism checked on a built pack by other programs (issue 4 "Done when"): real file names
 * (accents in NFD and NFC, `:` `/` `?`, `CON.pdf`, two names differing only by case, a 300-byte name) and a
 * link-only preuve, read back with Python's zipfile and Info-ZIP's `unzip -Z1`; and the same state built at two
 * different clock times gives the same bytes (every date inside comes from the jalon, never the clock).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildPack } from '../../../electron/core/pack/index';
import { utf8Bytes } from '../../../electron/core/pack/names';
import type { PackInput, PackPreuve } from '../../../electron/core/pack/types';
import { DIR_1, DIR_2, makeInput, sha } from './fixture';
import { pythonZip, unzipList } from './zip-external';

let input: PackInput;
let dir: string;
let zipPath: string;

const LONG = `${'é'.repeat(150)}.pdf`; // 304 bytes in UTF-8
const FILES: [id: string, fileName: string, content: string][] = [
  ['c1', 'CON.pdf', 'réservé sous Windows'],
  ['c2', 'Compte rendu: séance du 3/4 ?.pdf', 'deux-points, barre, point d’interrogation'],
  ['c3', 'Budget.xlsx', 'budget (minuscules)'],
  ['c4', 'BUDGET.xlsx', 'budget (majuscules)'],
  ['c5', LONG, 'nom de 304 octets'],
  ['c6', 'Énergie été.pdf', 'accents en NFC'],
];

beforeAll(async () => {
  const made = makeInput();
  ({ input, dir } = made);
  for (const [id, fileName, content] of FILES) {
    const bytes = Buffer.from(content);
    mkdirSync(join(dir, 'evidence', sha(bytes).slice(0, 2)), { recursive: true });
    writeFileSync(made.storePath(sha(bytes)), bytes);
    input.preuves.push({ id, kind: 'fichier', titre: fileName, fileName, size: bytes.length, sha256: sha(bytes), url: null, addedAt: '2026-02-01T09:00:00.000Z', nodeIds: ['t_2.1.1.2'] });
  }
  // A link-only preuve on a mesure that holds no file: the folder holds only its liens.csv.
  const lien: PackPreuve = { id: 'l1', kind: 'lien', titre: 'Tableau de bord énergie', fileName: null, size: null, sha256: null, url: 'https://exemple.fr/énergie?année=2026', addedAt: '2026-02-03T09:00:00.000Z', nodeIds: ['t_1.1'] };
  input.preuves.push(lien);
  zipPath = join(dir, 'pack.zip');
  await buildPack(input, zipPath);
});

afterEach(() => vi.useRealTimers());

describe('names in the zip, as Python zipfile and unzip read them', () => {
  it('applies each rule: NFC, reserved characters and names, case collisions, 255 bytes; every name UTF-8 flagged', () => {
    const py = pythonZip(zipPath);
    const names = py.entries.map((e) => e.name);
    const expected = [
      `${DIR_1}/Délibération_ PCAET été.pdf`, // NFD in the store → NFC, `:` → `_`
      `${DIR_2}/_CON.pdf`,
      `${DIR_2}/Compte rendu_ séance du 3_4 _.pdf`,
      `${DIR_2}/BUDGET.xlsx`,
      `${DIR_2}/Budget (2).xlsx`,
      `${DIR_2}/${'é'.repeat(125)}.pdf`,
      `${DIR_2}/Énergie été.pdf`,
      `${DIR_2}/Rapport.PDF`,
    ];
    for (const n of expected) expect(names).toContain(n);
    for (const n of names) {
      expect(n).toBe(n.normalize('NFC'));
      expect(n.split('/').every((seg) => utf8Bytes(seg) <= 255)).toBe(true);
      expect(/[:?*<>|"\\]/.test(n)).toBe(false);
    }
    expect(utf8Bytes(`${'é'.repeat(125)}.pdf`)).toBe(254);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    expect(py.entries.every((e) => e.utf8)).toBe(true);
    expect(unzipList(zipPath).names).toEqual(names);
  });

  it('keeps each file’s own bytes under its new name', () => {
    const py = pythonZip(zipPath, [`${DIR_2}/BUDGET.xlsx`, `${DIR_2}/Budget (2).xlsx`, `${DIR_2}/_CON.pdf`]);
    expect(py.data[`${DIR_2}/BUDGET.xlsx`]).toBe('budget (majuscules)');
    expect(py.data[`${DIR_2}/Budget (2).xlsx`]).toBe('budget (minuscules)');
    expect(py.data[`${DIR_2}/_CON.pdf`]).toBe('réservé sous Windows');
  });

  it('puts a link-only preuve in its folder’s liens.csv (BOM, `;`), with no file of its own', () => {
    const path = 'preuves/1 Planification territoriale/1.1 Stratégie globale/liens.csv';
    const py = pythonZip(zipPath, [path]);
    expect(py.data[path]).toBe('\ufeffTitre;URL;Commentaire\r\nTableau de bord énergie;https://exemple.fr/énergie?année=2026;Rattaché à : 1.1\r\n');
    expect(py.entries.filter((e) => e.name.startsWith('preuves/1 Planification territoriale/1.1 Stratégie globale/') && !e.name.includes('/1.1.1 ')).map((e) => e.name)).toEqual([path]);
  });
});

describe('determinism', () => {
  it('the same state built at two clock times (2031 and 2040) gives the same bytes, dated from the jalon', async () => {
    const digests: string[] = [];
    for (const now of ['2031-07-14T08:00:00Z', '2040-12-31T23:59:59Z']) {
      vi.useFakeTimers({ now: new Date(now), toFake: ['Date'] });
      expect(new Date().toISOString()).toBe(new Date(now).toISOString());
      const out = join(dir, `pack-${now.slice(0, 4)}.zip`);
      await buildPack(input, out);
      vi.useRealTimers();
      digests.push(createHash('sha256').update(readFileSync(out)).digest('hex'));
    }
    expect(digests[1]).toBe(digests[0]);
    expect(digests[0]).toBe(createHash('sha256').update(readFileSync(zipPath)).digest('hex'));
    expect(new Set(pythonZip(join(dir, 'pack-2040.zip')).entries.map((e) => e.dateTime.join(',')))).toEqual(new Set(['2026,3,15,10,0,0']));
  });
});
