/**
 * Packs of the real referentials: CAE from ../shared/data (1 470 nodes) scored by the tete engine, and the
 * shipped Label NR working grid (thème › critère folders).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import type { Referential, StatutRecord } from '../../../shared/domain';
import { engineFor } from '../../../shared/scoring/index';
import { buildPack, verifyPack } from '../../../electron/core/pack/index';
import type { PackInput, PackStatut } from '../../../electron/core/pack/types';
import { importReferentialFiles } from '../../../electron/core/referential/index';
import { DATA, describeWithSharedData } from '../../helpers/shared-data';
import { sha } from './fixture';
import { readZip } from './zip-read';

function inputFor(ref: Referential, statuts: Map<string, StatutRecord>, preuveNode: string): { input: PackInput; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pack-real-'));
  const bytes = Buffer.from('Délibération du conseil communautaire\n');
  const h = sha(bytes);
  mkdirSync(join(dir, h.slice(0, 2)), { recursive: true });
  writeFileSync(join(dir, h.slice(0, 2), h.slice(2)), bytes);
  const packStatuts = new Map<string, PackStatut>(
    [...statuts].map(([id, s]) => [id, { statut: s.avancement, detail: null, explication: null, modifiedAt: '2026-01-01T00:00:00Z', modifiedBy: 'test' }]),
  );
  return {
    dir,
    input: {
      appVersion: '0.1.0',
      workspace: { nom: 'Communauté de communes d’essai', typeCollectivite: 'EPCI', codeInsee: null, population: null },
      referential: ref,
      score: engineFor(ref.model).compute(ref, statuts),
      jalon: { nom: 'Pré-audit', date: '2026-04-01' },
      statuts: packStatuts,
      pilotes: new Map(),
      preuves: [
        { id: 'p1', kind: 'fichier', titre: 'Délibération', fileName: 'deliberation.txt', size: bytes.length, sha256: h, url: null, addedAt: '2026-01-01', nodeIds: [preuveNode] },
      ],
      evidencePath: (s) => join(dir, s.slice(0, 2), s.slice(2)),
    },
  };
}

describeWithSharedData('buildPack on the real CAE referential', () => {
  it('packs 1 470 nodes: one grid row each, mesure folders, verify passes', async () => {
    const ref = importReferentialFiles([DATA.caeStructure, DATA.caePreuves]);
    const statuts = new Map<string, StatutRecord>();
    for (const n of ref.nodes) {
      if (n.type === 'sous-action' && n.identifiant.startsWith('1.')) statuts.set(n.id, { nodeId: n.id, avancement: 'fait', detail: null, concerne: true });
    }
    const tache = ref.nodes.find((n) => n.identifiant === '1.1.1.3.1') as Referential['nodes'][0];
    const { input, dir } = inputFor(ref, statuts, tache.id);
    const out = join(dir, 'cae.zip');
    const t0 = performance.now();
    const res = await buildPack(input, out);
    const ms = performance.now() - t0;
    expect(await verifyPack(out)).toEqual({ ok: true, entries: 9, problems: [] });
    expect(res.entries).toBe(9); // 5 documents, 1 preuve, 3 bookkeeping entries
    const names = (await readZip(out)).map((e) => e.name);
    const mesure = ref.nodes.find((n) => n.identifiant === '1.1.1') as Referential['nodes'][0];
    expect(names.filter((n) => n.startsWith('preuves/'))).toEqual([
      `preuves/1 ${ref.nodes.find((n) => n.identifiant === '1')?.nom}/1.1 ${ref.nodes.find((n) => n.identifiant === '1.1')?.nom}/1.1.1 ${mesure.nom}/deliberation.txt`
        .split('/')
        .map((s, i) => (i === 0 ? s : s.replace(/[<>:"\\|?*]/g, '_')))
        .join('/'),
    ]);
    const entries = new Map((await readZip(out)).map((e) => [e.name, e.data]));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(entries.get('grille.xlsx') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Grille');
    expect(ws?.rowCount).toBe(8 + 1470);
    expect(ws?.getCell('E8').value).toBe(500);
    const csvLines = (entries.get('grille.csv') as Buffer).toString('utf8').split('\r\n').filter((l) => l !== '');
    expect(csvLines).toHaveLength(6 + 1 + 1470); // rows 1, 3–7 (row 2 is empty), Total, nodes
    console.log(`CAE pack: ${res.bytes} bytes, ${Math.round(ms)} ms`);
  });
});

it('Label NR working grid: a preuve on a critère lands in thème › critère', async () => {
  const ref = importReferentialFiles([join(process.cwd(), 'referential/label-nr-collectivites.json')]);
  const critere = ref.nodes.find((n) => n.identifiant === '1.1') as Referential['nodes'][0];
  const statuts = new Map<string, StatutRecord>([[critere.id, { nodeId: critere.id, avancement: 'fait', detail: null, concerne: true }]]);
  const { input, dir } = inputFor(ref, statuts, critere.id);
  const out = join(dir, 'nr.zip');
  await buildPack(input, out);
  expect((await verifyPack(out)).ok).toBe(true);
  const names = (await readZip(out)).map((e) => e.name);
  expect(names.filter((n) => n.startsWith('preuves/'))).toEqual(["preuves/1 Stratégie et gouvernance/1.1 Engagement de l'exécutif/deliberation.txt"]);
});
