/**
 * The binary-capable import path: the dispatcher (`importReferentialFilesAsync`), the service
 * (`importReferentialAsync`: nothing written on failure) and the `referentials.import` procedure (base64 bytes).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appRouter } from '../../../electron/core/api/router';
import type { Core } from '../../../electron/core/core';
import { importReferentialFiles, importReferentialFilesAsync, spreadsheetGridOptions } from '../../../electron/core/referential';
import { importReferentialAsync } from '../../../electron/core/services/referentials';
import type { ServiceContext } from '../../../electron/core/services/context';
import { memoryCore, snapshotTables, tempDir } from '../helpers/context';
import { goodWorkbook, workbook } from './grid-xlsx-fixture';
import { userErrorAsync } from '../../helpers/errors';

const tmp = tempDir('label-audit-xlsx-');
afterAll(() => tmp.cleanup());

const NIVEAUX_NR = [
  { rang: 1, nom: 'Niveau 1', seuil: 0.3 },
  { rang: 2, nom: 'Niveau 2', seuil: 0.5 },
];
const GRID_CSV = 'identifiant;intitule;points\n1;Stratégie;\n1.1;Gouvernance;100\n';

describe('importReferentialFilesAsync', () => {
  it('routes a .xlsx path to the workbook importer, id from the file name', async () => {
    const path = join(tmp.dir, 'Grille Label NR 2025.xlsx');
    writeFileSync(path, await goodWorkbook());
    const ref = await importReferentialFilesAsync([path]);
    expect([ref.id, ref.version, ref.model, ref.nodes.length, ref.nodes[0]!.pointReferentiel, ref.niveaux]).toEqual(['grille-label-nr-2025', 'Grille Label NR 2025', 'points', 8, 100, []]);
  });

  it('recognises a workbook by its ZIP magic whatever its name, and with --format grid-xlsx', async () => {
    const bytes = await goodWorkbook();
    expect((await importReferentialFilesAsync([{ name: 'export.csv', bytes }])).nodes[0]!.pointReferentiel).toBe(100);
    expect((await importReferentialFilesAsync([{ name: 'grille', bytes }], { format: 'grid-xlsx', id: 'nr' })).nodes[1]!.id).toBe('nr_1');
  });

  it('ids label-nr…: niveaux 0.3 / 0.5 and nom from the built-in grid, no avertissement (xlsx and csv)', async () => {
    const nom = 'Label Numérique Responsable — collectivités (grille importée)';
    expect(spreadsheetGridOptions('label-nr-officielle')).toEqual({ nom, niveaux: NIVEAUX_NR, avertissement: null });
    expect(spreadsheetGridOptions('grille-nr')).toEqual({});
    const ref = await importReferentialFilesAsync([{ name: 'officielle.xlsx', bytes: await goodWorkbook() }], { id: 'label-nr-officielle' });
    expect(ref).toMatchObject({ id: 'label-nr-officielle', nom, niveaux: NIVEAUX_NR, avertissement: null, version: 'officielle' });
    expect(importReferentialFiles([{ name: 'o.csv', text: GRID_CSV }], { id: 'label-nr' })).toMatchObject({ niveaux: NIVEAUX_NR, avertissement: null });
  });

  it('text formats still go through the text importers (bytes decoded as UTF-8)', async () => {
    const ref = await importReferentialFilesAsync([{ name: 'g.csv', bytes: new TextEncoder().encode(GRID_CSV) }]);
    expect([ref.id, ref.nodes[0]!.pointReferentiel]).toEqual(['g', 100]);
    const latin1 = join(tmp.dir, 'latin1.csv');
    writeFileSync(latin1, Buffer.from('identifiant;intitule;points\n1;Stratégie;10\n', 'latin1'));
    expect((await userErrorAsync(importReferentialFilesAsync([latin1]))).message).toBe(`Le fichier ${latin1} n'est pas encodé en UTF-8 : enregistrez-le en UTF-8 puis réessayez.`);
  });

  it('refuses a workbook with another file, with another --format, no file, a bad id; the sync importer points to the async one', async () => {
    const bytes = await goodWorkbook();
    const two = await userErrorAsync(importReferentialFilesAsync([{ name: 'a.xlsx', bytes }, { name: 'b.csv', text: GRID_CSV }]));
    expect([two.code, two.message]).toEqual(['INPUT_INVALID', "Un référentiel au format grid-xlsx s'importe à partir d'un seul fichier ; reçu : a.xlsx, b.csv."]);
    const fmt = await userErrorAsync(importReferentialFilesAsync([{ name: 'a.xlsx', bytes }], { format: 'grid-csv' }));
    expect([fmt.code, fmt.message]).toEqual(['INPUT_INVALID', "Le fichier a.xlsx est un classeur XLSX : il s'importe au format grid-xlsx, pas grid-csv."]);
    expect((await userErrorAsync(importReferentialFilesAsync([]))).message).toBe('Aucun fichier de référentiel fourni.');
    expect((await userErrorAsync(importReferentialFilesAsync([{ name: 'a.xlsx', bytes }], { id: 'Label NR' }))).code).toBe('INPUT_INVALID');
    expect(() => importReferentialFiles([join(tmp.dir, 'g.xlsx')])).toThrow(
      `Le fichier ${join(tmp.dir, 'g.xlsx')} est un classeur XLSX : il s'importe par l'import de classeur (importReferentialFilesAsync).`,
    );
  });

  it('a CSV renamed .xlsx and a missing path name the file', async () => {
    const e = await userErrorAsync(importReferentialFilesAsync([{ name: 'grille.xlsx', text: GRID_CSV }]));
    expect([e.code, e.location]).toEqual(['FILE_UNREADABLE', { file: 'grille.xlsx' }]);
    const missing = join(tmp.dir, 'absente.xlsx');
    expect((await userErrorAsync(importReferentialFilesAsync([missing]))).message).toBe(`Le fichier ${missing} est introuvable.`);
  });
});

describe('importReferentialAsync (service) and referentials.import (router)', () => {
  let core: Core;
  let ctx: ServiceContext;
  let cleanup: () => void;
  beforeEach(() => ({ core, ctx, cleanup } = memoryCore()));
  afterEach(() => cleanup());

  it('stores the workbook: list shows it with its points; history records the import', async () => {
    const r = await importReferentialAsync(ctx, [{ name: 'officielle.xlsx', bytes: await goodWorkbook() }], { id: 'label-nr-officielle' });
    expect(r).toEqual({ id: 'label-nr-officielle', version: 'officielle', nodes: 7, points: 100 });
    expect(core.referentials.list()).toMatchObject([{ id: 'label-nr-officielle', model: 'points', avertissement: null, nodes: 7, points: 100 }]);
    expect(core.referentials.get('label-nr-officielle').niveaux).toEqual(NIVEAUX_NR);
    expect(core.history.list()[0]).toMatchObject({ action: 'referential.import', referentialId: 'label-nr-officielle', before: null });
  });

  it('a failed import (bad cell, formula without value, duplicate, not a workbook) leaves every table as it was', async () => {
    await importReferentialAsync(ctx, [{ name: 'officielle.xlsx', bytes: await goodWorkbook() }], { id: 'label-nr-officielle' });
    core.statuts.set({ referentialId: 'label-nr-officielle', nodeId: 'label-nr-officielle_1.1', statut: 'fait' });
    const before = snapshotTables(ctx);
    const header = ['identifiant', 'intitule', 'points'];
    const bad: Array<[Uint8Array, string]> = [
      [await workbook({ Grille: [header, ['1', 'T', null], ['1.1', 'C', 'beaucoup']] }), 'REFERENTIAL_INVALID'],
      [await workbook({ Grille: [header, ['1', 'T', null], ['1.1', 'C', { formula: 'A1' }]] }), 'REFERENTIAL_INVALID'],
      [await workbook({ Grille: [header, ['1', 'T', null], ['1.1', 'C', 1], ['1.1', 'D', 2]] }), 'REFERENTIAL_INVALID'],
      [new TextEncoder().encode('identifiant;intitule;points\n'), 'FILE_UNREADABLE'],
      [(await goodWorkbook()).subarray(0, 3000), 'FILE_UNREADABLE'],
    ];
    for (const [bytes, code] of bad) {
      const e = await userErrorAsync(importReferentialAsync(ctx, [{ name: 'officielle.xlsx', bytes }], { id: 'label-nr-officielle' }));
      expect(e.code).toBe(code);
      expect(snapshotTables(ctx)).toEqual(before);
    }
    expect(core.referentials.get('label-nr-officielle').nodes).toHaveLength(8);
  });

  it('referentials.import takes the workbook as base64 bytes; a bad one is a BAD_REQUEST with the French message', async () => {
    const caller = appRouter.createCaller({ core });
    const contentBase64 = Buffer.from(await goodWorkbook()).toString('base64');
    expect(await caller.referentials.import({ files: [{ name: 'Grille.xlsx', contentBase64 }], format: 'grid-xlsx', id: 'label-nr-2025' })).toEqual({
      id: 'label-nr-2025',
      version: 'Grille',
      nodes: 7,
      points: 100,
    });
    expect((await caller.referentials.list()).map((r) => r.id)).toEqual(['label-nr-2025']);
    const junk = Buffer.from('pas un classeur').toString('base64');
    await expect(caller.referentials.import({ files: [{ name: 'x.xlsx', contentBase64: junk }] })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message:
        "Le fichier x.xlsx n'est pas un classeur .xlsx lisible : ce n'est pas un classeur Excel (le contenu n'est pas une archive XLSX). Enregistrez-le au format « Classeur Excel (.xlsx) » puis réessayez.",
    });
    // Text formats keep working through the same procedure.
    const csv = Buffer.from(GRID_CSV).toString('base64');
    expect(await caller.referentials.import({ files: [{ name: 'g.csv', contentBase64: csv }] })).toMatchObject({ id: 'g', points: 100 });
  });
});
