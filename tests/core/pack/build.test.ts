import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import zlib from 'node:zlib';
import Ajv from 'ajv';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNativeCrc32 } from '../../../electron/core/pack/crc-fast';
import { buildPack, verifyPack } from '../../../electron/core/pack/index';
import type { PackInput, PackProgress, PackResult } from '../../../electron/core/pack/types';
import { BYTES, DIR_1, DIR_2, makeInput, sha } from './fixture';
import { entryMap, readZip } from './zip-read';

const EXPECTED_ENTRIES = [
  'audit.json',
  'audit.schema.json',
  'grille.csv',
  'grille.xlsx',
  `${DIR_1}/Délibération_ PCAET été.pdf`,
  `${DIR_1}/inventaire.txt`,
  `${DIR_1}/liens.csv`,
  `${DIR_2}/Rapport.PDF`,
  'rapport.pdf',
  '_manifeste/fichiers-manquants.txt',
  'manifest.json',
  'SHA256SUMS',
];

let input: PackInput;
let dir: string;
let zipPath: string;
let result: PackResult;
let entries: Map<string, Buffer>;
const progress: PackProgress[] = [];

beforeAll(async () => {
  ({ input, dir } = makeInput());
  zipPath = join(dir, 'pack.zip');
  result = await buildPack(input, zipPath, { onProgress: (p) => progress.push(p) });
  entries = await entryMap(zipPath);
});

function text(name: string): string {
  const b = entries.get(name);
  if (!b) throw new Error(`entrée absente : ${name}`);
  return b.toString('utf8');
}

describe('buildPack', () => {
  it('writes the expected entries, in order, and verifyPack accepts them', async () => {
    expect(result.entries).toBe(12);
    expect(result.bytes).toBe(readFileSync(zipPath).length);
    const read = await readZip(zipPath);
    expect(read.map((e) => e.name)).toEqual(EXPECTED_ENTRIES);
    expect(await verifyPack(zipPath)).toEqual({ ok: true, entries: 12, problems: [] });
    expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('flags every name UTF-8, dates every entry with the jalon date, stores compressed formats', async () => {
    const read = await readZip(zipPath);
    for (const e of read) {
      expect(e.flags & 0x800).toBe(0x800);
      expect(e.mtime.toISOString()).toBe('2026-03-15T10:00:00.000Z');
    }
    const method = (n: string) => read.find((e) => e.name === n)?.compressionMethod;
    expect(method('grille.xlsx')).toBe(0);
    expect(method(`${DIR_1}/inventaire.txt`)).toBe(8);
  });

  it('is byte-identical whatever the machine time zone (DOS fields in UTC, exact instant in the UT field)', async () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ['Indian/Reunion', 'America/Cayenne']) {
        process.env.TZ = tz;
        const other = join(dir, `pack-${tz.replace('/', '-')}.zip`);
        await buildPack(input, other);
        expect(sha(readFileSync(other))).toBe(sha(readFileSync(zipPath)));
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
    const zip = await yauzl.openPromise(zipPath, { lazyEntries: true });
    for await (const e of zip.eachEntry()) {
      expect(e.getLastModDate({ forceDosFormat: true, timezone: 'UTC' }).toISOString()).toBe('2026-03-15T10:00:00.000Z');
    }
  });

  it('passes `unzip -t` (every CRC-32 checked by Info-ZIP) when unzip is installed', () => {
    expect(useNativeCrc32()).toBe(typeof (zlib as { crc32?: unknown }).crc32 === 'function');
    if (!existsSync('/usr/bin/unzip')) return;
    const out = execFileSync('unzip', ['-t', zipPath], { encoding: 'utf8' });
    expect(out).toContain('No errors detected');
  });

  it('is byte-identical when built twice from the same input', async () => {
    const again = join(dir, 'pack-2.zip');
    await buildPack(input, again);
    expect(sha(readFileSync(again))).toBe(sha(readFileSync(zipPath)));
  });

  it('stores shared bytes once and lists the other path in sharedContent; counts files in the manifest', () => {
    const manifest = JSON.parse(text('manifest.json'));
    expect(manifest.format).toBe('label-audit-pack/1');
    expect(manifest.referential).toEqual({ id: 't', version: '2026-01-01' });
    expect(manifest.jalon).toEqual({ nom: 'Pré-audit', date: '2026-03-15T10:00:00.000Z' });
    expect(manifest.files).toHaveLength(10);
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual([...EXPECTED_ENTRIES.slice(0, 10)].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
    expect(manifest.files.find((f: { path: string }) => f.path === `${DIR_1}/inventaire.txt`)).toEqual({
      path: `${DIR_1}/inventaire.txt`,
      size: BYTES.inventaire.length,
      sha256: sha(BYTES.inventaire),
    });
    expect(manifest.sharedContent).toEqual([{ path: `${DIR_2}/inventaire.txt`, sameAs: `${DIR_1}/inventaire.txt` }]);
    const sums = text('SHA256SUMS').trimEnd().split('\n');
    expect(sums).toEqual(manifest.files.map((f: { path: string; sha256: string }) => `${f.sha256}  ${f.path}`));
    for (const f of manifest.files) expect(sha(entries.get(f.path) as Buffer)).toBe(f.sha256);
  });

  it('lists the missing file with its reason and keeps the colliding name apart', () => {
    expect(text('_manifeste/fichiers-manquants.txt')).toBe(`${DIR_2}/rapport (2).pdf — fichier absent du magasin de preuves\n`);
    expect(result.missing).toBe(1);
    expect(entries.get(`${DIR_2}/Rapport.PDF`)?.equals(BYTES.rapportMaj)).toBe(true);
  });

  it('writes liens.csv with the javascript: link replaced by a note', () => {
    const b = entries.get(`${DIR_1}/liens.csv`) as Buffer;
    expect([...b.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(b.subarray(3).toString('utf8')).toBe(
      'Titre;URL;Commentaire\r\n' +
        'Lien piégé;Lien retiré : seules les adresses http(s) sont acceptées;Rattaché à : 1.1.1\r\n' +
        'Site de la collectivité;https://example.fr/climat;Rattaché à : 1.1.1.1\r\n',
    );
  });

  it('writes grille.csv: BOM, `;`, CRLF, decimal comma, formulas neutralised, same rows as the sheet', () => {
    const b = entries.get('grille.csv') as Buffer;
    expect([...b.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = b.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('Commune de Saint-Étienne-lès-Œufs');
    expect(lines[2]).toBe("Date d'export;2026-03-15");
    expect(lines[6]?.split(';').slice(0, 3)).toEqual(['N°', 'Intitulé', 'Description']);
    expect(lines[6]?.split(';')[12]).toBe('Statut');
    expect(lines[7]).toBe('Total;Référentiel d’essai Climat-Air-Énergie;;;50;50;20;40;10;20;20;40;;;;;;;');
    expect(lines[8]).toBe('1;Planification territoriale;;;20;20;10;50;10;50;0;0;;;;;;;');
    const audit = lines.find((l) => l.startsWith('2.1.1.1;')) as string;
    expect(audit.split(';').slice(0, 14)).toEqual(['2.1.1.1', 'Auditer le parc', '', 'Effets', '20', '20', '0', '0', '0', '0', '20', '100', 'Pas fait', "'=cmd|' /C calc'!A0"]);
    // 10 / 30 and 20 / 30 truncated to tenths of a percent, as the screen and the CLI show them (33,3 %, 66,6 %).
    expect(lines.find((l) => l.startsWith('2;'))).toBe('2;Patrimoine de la collectivité;;;30;30;10;33,3;0;0;20;66,6;;;;;;;');
    // A tâche without a statut of its own, under a sous-action with one, is left blank (§7 column M).
    expect(lines.find((l) => l.startsWith('1.1.1.2.2;'))?.split(';')[12]).toBe('');
  });

  it('writes grille.xlsx: header rows, row 8 Total, outline levels by depth, statut labels, jalon date', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(entries.get('grille.xlsx') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Grille');
    if (!ws) throw new Error('feuille Grille absente');
    expect(ws.getCell('A1').value).toBe('Commune de Saint-Étienne-lès-Œufs');
    expect(ws.getCell('A3').value).toBe("Date d'export");
    expect(ws.getCell('F6').value).toBe('Pré-audit');
    expect(ws.getCell('M7').value).toBe('Statut');
    expect(ws.getCell('A8').value).toBe('Total');
    expect(ws.getCell('G8').value).toBe(20);
    expect(ws.getCell('H8').value).toBe(0.4);
    const rowOf = (ident: string) => {
      for (let r = 9; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === ident) return ws.getRow(r);
      throw new Error(ident);
    };
    expect(rowOf('1').outlineLevel).toBe(1);
    expect(rowOf('1.1.1').outlineLevel).toBe(3);
    expect(rowOf('1.1.1.2.1').outlineLevel).toBe(5);
    expect(rowOf('1.1.1.1').getCell(13).value).toBe('Fait');
    expect(rowOf('1.1.1.2').getCell(13).value).toBe('Programmé');
    expect(rowOf('2.1.1.1').getCell(13).value).toBe('Pas fait');
    expect(rowOf('1.1.1').getCell(16).value).toBe('Camille Lefèvre, Noé Dupré');
    expect(rowOf('1.1.1').getCell(17).value).toBe('Service urbanisme');
    expect(rowOf('2.1.1.1').getCell(18).value).toBe('inventaire.txt\nrapport.pdf (fichier manquant)\nRapport.PDF');
    expect(ws.rowCount).toBe(8 + 12);
    expect(wb.created.toISOString()).toBe('2026-03-15T10:00:00.000Z');
    expect(wb.modified.toISOString()).toBe('2026-03-15T10:00:00.000Z');
  });

  it('writes rapport.pdf with DejaVu embedded and every French character readable', () => {
    const pdf = entries.get('rapport.pdf') as Buffer;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.includes('/FontFile2')).toBe(true);
    expect(pdf.toString('latin1').match(/\(D:20260315100000Z\)/g)).toHaveLength(2); // CreationDate and ModDate
    if (!existsSync('/usr/bin/pdftotext')) return;
    const pdfPath = join(dir, 'rapport.pdf');
    writeFileSync(pdfPath, pdf);
    const t = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    for (const s of [
      'Commune de Saint-Étienne-lès-Œufs',
      'Référentiel d’essai Climat-Air-Énergie — version 2026-01-01',
      '« Pré-audit » du 15 mars 2026',
      'Score global : 20 / 50 points (40,0 %)',
      'Seuil de score atteint : 2 étoiles',
      '2 étoiles ≥ 35,0 %',
      'Complétude : 100,0 %',
      'Planification territoriale',
      'Rapport manquant (fichier',
      '2.1.1.2       Former les agents',
      'rapport (2).pdf — fichier absent du magasin de',
      'page 3 / 3',
    ]) {
      expect(t).toContain(s);
    }
  });

  it('writes audit.json valid against audit.schema.json, with the jalon, scores and preuve paths', () => {
    const audit = JSON.parse(text('audit.json'));
    const schema = JSON.parse(text('audit.schema.json'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    const valid = ajv.validate(schema, audit);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(audit.jalon).toEqual({ nom: 'Pré-audit', date: '2026-03-15T10:00:00.000Z' });
    expect(audit.score.score).toBe(0.4);
    expect(audit.nodes).toHaveLength(12);
    const n = audit.nodes.find((x: { id: string }) => x.id === 't_2.1.1.1');
    expect(n.statut.statut).toBe('pas_fait');
    expect(n.preuves).toEqual(['p2', 'p3', 'p4']);
    const p2 = audit.preuves.find((p: { id: string }) => p.id === 'p2');
    expect(p2.paths).toEqual([`${DIR_1}/inventaire.txt`, `${DIR_2}/inventaire.txt`]);
    const p3 = audit.preuves.find((p: { id: string }) => p.id === 'p3');
    expect(p3.manquant).toBe('fichier absent du magasin de preuves');
    expect(p3.paths).toEqual([`${DIR_2}/rapport (2).pdf`]);
  });

  it('reports progress in files and bytes, ending at the totals', () => {
    const last = progress.at(-1);
    const total = BYTES.deliberation.length + BYTES.inventaire.length + BYTES.rapportMaj.length;
    expect(last).toEqual({ files: 3, totalFiles: 3, bytes: total, totalBytes: total });
  });
});
