/**
 * The référentiel import with progress and cancel (issue 8 item 4; services/referential-import.ts, import-staging.ts,
 * the `referentials.stageImport` / `importEvents` / `importOutcome` procedures): the steps in order with the real
 * counts of the CAE files; a cancel at any step before the store leaves every table as it was; a cancel once the
 * store was announced lets it complete; staging ids unknown, expired or used twice and oversize uploads are refused
 * with a clear message; errors still name the file, row and cell.
 */
import { parse } from 'csv-parse/sync';
import { readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { TRPCError } from '@trpc/server';
import { afterAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../../electron/core/api/router';
import { backupsDir } from '../../../electron/core/backup/files';
import { createCore, type Core } from '../../../electron/core/core';
import { createImportStaging, STAGING_DEFAULTS } from '../../../electron/core/services/import-staging';
import { IMPORT_STEPS, importCancelled, runImport, type ImportEvent, type ImportStep } from '../../../electron/core/services/referential-import';
import { isUserError } from '../../../shared/errors';
import { userError, userErrorAsync } from '../../helpers/errors';
import { DATA, describeWithSharedData } from '../../helpers/shared-data';
import { fixedClock, snapshotTables, tempDir } from '../helpers/context';

const t = tempDir('label-audit-import-progress-');
afterAll(() => t.cleanup());

let n = 0;
function fileCore(): Core {
  return createCore({ dataDir: `${t.dir}/ws-${n++}`, demo: false, user: 'Alice Testeuse', now: fixedClock(), log: () => {} });
}

const bytesOf = (path: string) => ({ name: basename(path), bytes: new Uint8Array(readFileSync(path)) });
const progressOf = (events: ImportEvent[]) => events.filter((e): e is Extract<ImportEvent, { type: 'progress' }> => e.type === 'progress');

/** Runs the staged import, stopping the iteration (= unsubscribing) at the first progress event of `stopAt`. */
async function runStaged(core: Core, stagingId: string, stopAt?: ImportStep): Promise<{ events: ImportEvent[]; error: unknown }> {
  const events: ImportEvent[] = [];
  const ac = new AbortController();
  try {
    for await (const e of core.referentials.importEvents(stagingId, ac.signal)) {
      events.push(e);
      if (stopAt !== undefined && e.type === 'progress' && e.step === stopAt) ac.abort();
    }
    return { events, error: null };
  } catch (error) {
    return { events, error };
  }
}

/** Files of the backups folder (a cancelled backup leaves no temp file). */
const backupFiles = (core: Core) => {
  try {
    return readdirSync(backupsDir(core.dataDir, core.workspaceId)).sort();
  } catch {
    return [];
  }
};

describeWithSharedData('import with progress on the real CAE files', () => {
  it('reports every step in order with the real counts: characters and lines read, 1 470 nodes, pages copied; then the result', async () => {
    const core = fileCore();
    try {
      const files = [bytesOf(DATA.caeStructure), bytesOf(DATA.caePreuves)];
      const ticket = core.referentials.stage(files);
      expect(ticket.bytes).toBe(files[0]!.bytes.length + files[1]!.bytes.length);
      expect(ticket.stagingId).toMatch(/^[0-9a-f]{32}$/);
      const { events, error } = await runStaged(core, ticket.stagingId);
      expect(error).toBeNull();
      const progress = progressOf(events);
      // Steps never go back, and each one appears.
      const order = progress.map((p) => IMPORT_STEPS.indexOf(p.step));
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect([...new Set(progress.map((p) => p.step))]).toEqual([...IMPORT_STEPS]);
      // Lecture: the characters of both CSVs (BOM dropped), and every CSV record (header included) of both.
      const texts = [DATA.caeStructure, DATA.caePreuves].map((p) => readFileSync(p, 'utf8').replace(/^\uFEFF/, ''));
      const records = texts.reduce((k, text) => k + (parse(text, { bom: true, relax_column_count: true, relax_quotes: true }) as unknown[]).length, 0);
      const lecture = progress.filter((p) => p.step === 'lecture');
      expect(lecture.at(-1)).toMatchObject({ done: texts[0]!.length + texts[1]!.length, total: texts[0]!.length + texts[1]!.length, lines: records, cancellable: true });
      expect(lecture.length).toBeGreaterThan(1); // 0.9 Mo parsed in chunks, not in one go
      for (let i = 1; i < lecture.length; i++) expect(lecture[i]!.done).toBeGreaterThanOrEqual(lecture[i - 1]!.done);
      expect(progress.filter((p) => p.step === 'verification').at(-1)).toMatchObject({ done: 1, total: 1, nodes: 1470, cancellable: true });
      const sauvegarde = progress.filter((p) => p.step === 'sauvegarde').at(-1)!;
      expect(sauvegarde.total).toBeGreaterThan(0);
      expect(sauvegarde.done).toBe(sauvegarde.total);
      expect(progress.filter((p) => p.step === 'enregistrement').map((p) => [p.done, p.cancellable])).toEqual([
        [0, false],
        [1, false],
      ]);
      expect(progress.at(-1)).toMatchObject({ step: 'score', done: 1, total: 1, nodes: 1470, cancellable: false });
      expect(events.at(-1)).toEqual({ type: 'done', result: { id: 'cae', version: '2026-04-01', nodes: 1470, points: 500 } });
      expect(core.referentials.importOutcome(ticket.stagingId)).toEqual({ state: 'done', result: { id: 'cae', version: '2026-04-01', nodes: 1470, points: 500 } });
      expect(core.referentials.list().map((r) => [r.id, r.nodes])).toEqual([
        ['cae', 1470],
        ['label-nr', 45],
      ]);
      expect(backupFiles(core).filter((f) => f.endsWith('-avant-import.sqlite'))).toHaveLength(1);
    } finally {
      core.close();
    }
  });

  for (const step of ['lecture', 'verification', 'sauvegarde'] as const) {
    it(`a cancel during « ${step} » stops the re-import: IMPORT_CANCELLED, every table (referential, statuts, preuves, history) as it was`, async () => {
      const core = fileCore();
      try {
        await core.referentials.importAsync([DATA.caeStructure, DATA.caePreuves]);
        core.statuts.set({ referentialId: 'cae', nodeId: 'cae_1.1.1.1.1', statut: 'fait' });
        core.preuves.addLink({ referentialId: 'cae', nodeId: 'cae_1.1.1.1', url: 'https://example.org/deliberation' });
        const before = snapshotTables(core.ctx);
        const backupsBefore = backupFiles(core);
        // Without its preuves file the new version differs (no preuves attendues): a completed import would write.
        const ticket = core.referentials.stage([bytesOf(DATA.caeStructure)]);
        const { events, error } = await runStaged(core, ticket.stagingId, step);
        expect(error).toMatchObject({ code: 'IMPORT_CANCELLED', message: "Import annulé : rien n'a été modifié.", en: 'Import cancelled: nothing was changed.' });
        expect(events.some((e) => e.type === 'done')).toBe(false);
        expect(progressOf(events).every((p) => p.cancellable)).toBe(true);
        expect(snapshotTables(core.ctx)).toEqual(before);
        expect(core.referentials.get('cae').preuvesAttendues).toHaveLength(130);
        expect(core.referentials.importOutcome(ticket.stagingId)).toEqual({ state: 'cancelled' });
        // A backup cancelled midway leaves no file (nor a temp file); one finished before the cancel may stay.
        if (step !== 'sauvegarde') expect(backupFiles(core)).toEqual(backupsBefore);
        else expect(backupFiles(core).filter((f) => !backupsBefore.includes(f))).toEqual([]);
      } finally {
        core.close();
      }
    });
  }

  it('a cancel in the middle of the backup copy (runImport, unthrottled): the copy stops, no backup file, nothing stored', async () => {
    const core = fileCore();
    try {
      await core.referentials.importAsync([DATA.caeStructure, DATA.caePreuves]);
      const before = snapshotTables(core.ctx);
      const backupsBefore = backupFiles(core);
      const ac = new AbortController();
      const seen: [number, number][] = [];
      const err = await userErrorAsync(
        runImport(core.ctx, core.backups, [bytesOf(DATA.caeStructure)], {
          signal: ac.signal,
          onProgress: (p) => {
            if (p.step !== 'sauvegarde' || p.total === 0) return;
            seen.push([p.done, p.total]);
            if (p.done < p.total) ac.abort(importCancelled());
          },
        }),
      );
      expect(err.code).toBe('IMPORT_CANCELLED');
      expect(seen.length).toBe(1);
      expect(seen[0]![0]).toBeLessThan(seen[0]![1]);
      expect(snapshotTables(core.ctx)).toEqual(before);
      expect(backupFiles(core)).toEqual(backupsBefore);
    } finally {
      core.close();
    }
  });

  it('a cancel once « Enregistrement » is announced lets the store complete: the new version is stored, outcome done', async () => {
    const core = fileCore();
    try {
      await core.referentials.importAsync([DATA.caeStructure, DATA.caePreuves]);
      core.statuts.set({ referentialId: 'cae', nodeId: 'cae_1.1.1.1.1', statut: 'fait' });
      const ticket = core.referentials.stage([bytesOf(DATA.caeStructure)]);
      const { events, error } = await runStaged(core, ticket.stagingId, 'enregistrement');
      expect(error).toBeNull();
      expect(events.at(-1)).toEqual({ type: 'done', result: { id: 'cae', version: '2026-04-01', nodes: 1470, points: 500 } });
      expect(core.referentials.get('cae').preuvesAttendues).toHaveLength(0);
      expect(core.statuts.list('cae').find((s) => s.nodeId === 'cae_1.1.1.1.1')?.statut).toBe('fait');
      expect(core.referentials.importOutcome(ticket.stagingId)).toMatchObject({ state: 'done' });
    } finally {
      core.close();
    }
  });

  it('the « Enregistrement » event reaches the consumer before the transaction starts, « Calcul du score » after it ends', async () => {
    const core = fileCore();
    try {
      await core.referentials.importAsync([DATA.caeStructure, DATA.caePreuves]);
      const preuvesCount = () => core.referentials.get('cae').preuvesAttendues?.length ?? 0;
      expect(preuvesCount()).toBe(130);
      // The re-import without the preuves CSV stores 0 preuves: the count tells whether the store has run.
      const ticket = core.referentials.stage([bytesOf(DATA.caeStructure)]);
      const seen: Array<[string, number, number]> = [];
      for await (const e of core.referentials.importEvents(ticket.stagingId)) {
        if (e.type === 'progress' && (e.step === 'enregistrement' || e.step === 'score')) seen.push([e.step, e.done, preuvesCount()]);
      }
      expect(seen[0]).toEqual(['enregistrement', 0, 130]); // announced while the stored version is still the old one
      expect(seen.find(([s, done]) => s === 'score' && done === 0)).toEqual(['score', 0, 0]);
      expect(preuvesCount()).toBe(0);
    } finally {
      core.close();
    }
  });

  it('unsubscribing (leaving the loop) during the store waits for it: the generator ends once the import is stored', async () => {
    const core = fileCore();
    try {
      const ticket = core.referentials.stage([bytesOf(DATA.caeStructure), bytesOf(DATA.caePreuves)]);
      for await (const e of core.referentials.importEvents(ticket.stagingId)) if (e.type === 'progress' && e.step === 'enregistrement') break;
      expect(core.referentials.list().map((r) => r.id)).toEqual(['cae', 'label-nr']);
      expect(core.referentials.importOutcome(ticket.stagingId)).toMatchObject({ state: 'done' });
    } finally {
      core.close();
    }
  });

  it('through the router: stageImport (base64) then the importEvents subscription, as the renderer does', async () => {
    const core = fileCore();
    try {
      const caller = appRouter.createCaller({ core });
      const files = [DATA.caeStructure, DATA.caePreuves].map((p) => ({ name: basename(p), contentBase64: readFileSync(p).toString('base64') }));
      const { stagingId } = await caller.referentials.stageImport({ files });
      const events: ImportEvent[] = [];
      for await (const e of await caller.referentials.importEvents({ stagingId })) events.push(e as ImportEvent);
      expect(events.at(-1)).toEqual({ type: 'done', result: { id: 'cae', version: '2026-04-01', nodes: 1470, points: 500 } });
      expect(await caller.referentials.importOutcome({ stagingId })).toMatchObject({ state: 'done' });
      await expect(caller.referentials.importEvents({ stagingId: 'pas-un-identifiant' })).rejects.toThrow(/identifiant d’import préparé attendu/);
    } finally {
      core.close();
    }
  });

  it('a remote référent’s import is recorded under their name, though the events run after the staging call', async () => {
    const core = fileCore();
    try {
      const caller = appRouter.createCaller({ core, actor: { role: 'referent', personId: null, name: 'Bruno Distant', invitationId: 'inv-1' } });
      const files = [DATA.caeStructure].map((p) => ({ name: basename(p), contentBase64: readFileSync(p).toString('base64') }));
      const { stagingId } = await caller.referentials.stageImport({ files });
      for await (const e of await caller.referentials.importEvents({ stagingId })) void e;
      const event = core.history.list({}).find((h) => h.action === 'referential.import' && h.referentialId === 'cae');
      expect(event?.who).toBe('Bruno Distant');
    } finally {
      core.close();
    }
  });
});

describe('import with progress: errors and staging limits', () => {
  it('a bad file fails with the message naming file, row and cell, nothing stored, outcome failed', async () => {
    const core = fileCore();
    try {
      const before = snapshotTables(core.ctx);
      const ticket = core.referentials.stage([bytesOf('tests/fixtures/bad/tete-structure-points-texte.csv')]);
      const { error } = await runStaged(core, ticket.stagingId);
      expect(error).toMatchObject({
        code: 'REFERENTIAL_INVALID',
        message: "Fichier « tete-structure-points-texte.csv », ligne 3, cellule D3 (colonne « points ») : « dix » n'est pas un nombre positif (exemples acceptés : 12, 0,5).",
        location: { file: 'tete-structure-points-texte.csv', row: 3, cell: 'D3', column: 'points' },
      });
      expect(snapshotTables(core.ctx)).toEqual(before);
      expect(core.referentials.importOutcome(ticket.stagingId)).toEqual({ state: 'failed', message: (error as Error).message });
    } finally {
      core.close();
    }
  });

  it('every format through the staged import names its fault as the import without progress does (tests/fixtures/bad/expected.json)', async () => {
    const expected = JSON.parse(readFileSync('tests/fixtures/bad/expected.json', 'utf8')) as Record<string, { code: string; message: string }>;
    const core = fileCore();
    try {
      for (const file of ['classeur-points-texte.xlsx', 'grille-json-syntaxe.json', 'grille-points-texte.csv', 'rgesn-tronque.json', 'tete-structure-doublon.csv']) {
        const ticket = core.referentials.stage([bytesOf(`tests/fixtures/bad/${file}`)]);
        const { error } = await runStaged(core, ticket.stagingId);
        expect({ code: (error as { code?: string }).code, message: (error as Error).message }, file).toEqual(expected[file]);
      }
    } finally {
      core.close();
    }
  });

  it('through the router, an error while the events run is a BAD_REQUEST carrying the UserError (not a retried INTERNAL_SERVER_ERROR)', async () => {
    const core = fileCore();
    try {
      const caller = appRouter.createCaller({ core });
      const files = [{ name: 'tete-structure-doublon.csv', contentBase64: readFileSync('tests/fixtures/bad/tete-structure-doublon.csv').toString('base64') }];
      const { stagingId } = await caller.referentials.stageImport({ files });
      const run = async () => {
        for await (const e of await caller.referentials.importEvents({ stagingId })) void e;
      };
      const err = await run().then(
        () => null,
        (e: unknown) => e as TRPCError,
      );
      expect(err).toBeInstanceOf(TRPCError);
      expect(err?.code).toBe('BAD_REQUEST');
      expect(err?.message).toBe("Fichier « tete-structure-doublon.csv », ligne 4, cellule A4 (colonne « identifiant ») : l'identifiant « 1.1 » apparaît deux fois (lignes 3 et 4).");
      expect(isUserError(err?.cause)).toBe(true);
      // Run again (as a reconnecting client would): the used staging is refused as such.
      const again = await run().then(
        () => null,
        (e: unknown) => e as TRPCError,
      );
      expect([again?.code, again?.message]).toEqual(['BAD_REQUEST', `L'import préparé « ${stagingId} » a déjà été lancé : choisissez à nouveau les fichiers pour l'importer encore.`]);
    } finally {
      core.close();
    }
  });

  it('a broken quote in a chunk-parsed CSV is named as by the one-go parse (file and text line)', async () => {
    const core = fileCore();
    try {
      const ticket = core.referentials.stage([bytesOf('tests/fixtures/bad/tete-structure-guillemet-ouvert.csv')]);
      const { error } = await runStaged(core, ticket.stagingId);
      expect(error).toMatchObject({
        code: 'REFERENTIAL_INVALID',
        message: "Le fichier « tete-structure-guillemet-ouvert.csv » n'est pas un CSV lisible vers la ligne 2 du texte : guillemet non fermé (un texte entre guillemets n'est jamais refermé).",
      });
    } finally {
      core.close();
    }
  });

  it('an unknown staging id, one used twice, and one expired are refused by name', async () => {
    let clock = 1_000_000;
    const staging = createImportStaging({ ttlMs: 60_000 }, () => clock);
    const unknown = userError(() => staging.take('0123456789abcdef0123456789abcdef'));
    expect(unknown.code).toBe('NOT_FOUND');
    expect(unknown.message).toBe(
      "L'import préparé « 0123456789abcdef0123456789abcdef » est inconnu ou a expiré (il est gardé 1 minutes) : choisissez à nouveau les fichiers et relancez l'import.",
    );
    const a = staging.stage([{ name: 'a.csv', bytes: new Uint8Array(10) }]);
    expect(a).toEqual({ stagingId: a.stagingId, bytes: 10, expiresAt: new Date(1_060_000).toISOString() });
    expect(staging.outcome(a.stagingId)).toEqual({ state: 'staged' });
    expect(staging.take(a.stagingId).files.map((f) => f.name)).toEqual(['a.csv']);
    expect(staging.outcome(a.stagingId)).toEqual({ state: 'running' });
    const twice = userError(() => staging.take(a.stagingId));
    expect([twice.code, twice.message]).toEqual(['INPUT_INVALID', `L'import préparé « ${a.stagingId} » a déjà été lancé : choisissez à nouveau les fichiers pour l'importer encore.`]);
    const b = staging.stage([{ name: 'b.csv', bytes: new Uint8Array(10) }]);
    clock += 60_000;
    expect(userError(() => staging.take(b.stagingId)).code).toBe('NOT_FOUND');
    expect(userError(() => staging.outcome(a.stagingId)).code).toBe('NOT_FOUND');

    // Through the core: the subscription fails at once, nothing is stored.
    const core = fileCore();
    try {
      const before = snapshotTables(core.ctx);
      const err = await userErrorAsync(core.referentials.importEvents('ffffffffffffffffffffffffffffffff').next());
      expect(err.code).toBe('NOT_FOUND');
      expect(err.en).toBe('The prepared import “ffffffffffffffffffffffffffffffff” is unknown or has expired (it is kept 10 minutes): choose the files again and start the import again.');
      expect(snapshotTables(core.ctx)).toEqual(before);
    } finally {
      core.close();
    }
  });

  it('refuses an upload over 32 Mio, and more than 64 Mio waiting in total, naming the sizes; a run frees its bytes', () => {
    const core = fileCore();
    try {
      const big = userError(() => core.referentials.stage([{ name: 'enorme.csv', bytes: new Uint8Array(STAGING_DEFAULTS.maxBytes + 1) }]));
      expect(big.code).toBe('INPUT_INVALID');
      expect(big.message).toBe("Les fichiers à importer (enorme.csv) pèsent 32,0 Mio, plus que les 32,0 Mio qu'un import accepte. Rien n'a été importé.");
    } finally {
      core.close();
    }
    const staging = createImportStaging({ maxBytes: 100, maxTotalBytes: 150 });
    const first = staging.stage([{ name: 'a.csv', bytes: new Uint8Array(100) }]);
    const full = userError(() => staging.stage([{ name: 'b.csv', bytes: new Uint8Array(60) }]));
    expect(full.message).toMatch(/^Trop d'imports attendent déjà leur lancement \(0,0 Mio en mémoire, 0,0 Mio au plus\) : réessayez dans quelques minutes\. Rien n'a été importé\.$/);
    staging.take(first.stagingId);
    expect(staging.stage([{ name: 'b.csv', bytes: new Uint8Array(60) }]).bytes).toBe(60);
  });
});
