/**
 * Export progress, cancel and the "complete pack" option (issue 4 items 2 and 4): the `pack.exportProgress`
 * subscription through the real router, `exportPackEvents` with a test clock, cancellation leaving nothing in the
 * exports folder, and a missing evidence file (pack marked incomplete, or refused when a complete pack is asked),
 * each pack opened with Python's zipfile and `unzip -l`.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appRouter } from '../../../electron/core/api/router';
import type { Core } from '../../../electron/core/core';
import type { ServiceContext } from '../../../electron/core/services/context';
import { exportPackEvents, secondsLeft, type PackExportEvent } from '../../../electron/core/services/pack';
import { exportsDir } from '../../../electron/core/paths';
import { memoryCore, toyTete } from '../helpers/context';
import { pythonZip, unzipList } from '../pack/zip-external';

const BIG = 20 * 1024 * 1024;
let core: Core;
let ctx: ServiceContext;
let cleanup: () => void;
let bigSha: string;
let smallSha: string;

beforeEach(() => {
  ({ core, ctx, cleanup } = memoryCore());
  core.referentials.store(toyTete());
  const big = core.preuves.addFile({ referentialId: 'eci', nodeId: 'eci_1.1', fileName: 'enregistrement.mp4', bytes: randomBytes(BIG) });
  const small = core.preuves.addFile({ referentialId: 'eci', nodeId: 'eci_2.1.1', fileName: 'délibération.pdf', bytes: new TextEncoder().encode('%PDF-1.4 délibération') });
  core.preuves.addLink({ referentialId: 'eci', nodeId: 'eci_1.1', url: 'https://example.org/plan' });
  bigSha = big.sha256 as string;
  smallSha = small.sha256 as string;
});
afterEach(() => cleanup());

const exportsLeft = () => (existsSync(exportsDir(ctx.dataDir)) ? readdirSync(exportsDir(ctx.dataDir)) : []);
const totalBytes = () => BIG + Buffer.byteLength('%PDF-1.4 délibération');

describe('secondsLeft', () => {
  it.each([
    [{ bytes: 0, totalBytes: 100 }, 5000, null],
    [{ bytes: 50, totalBytes: 100 }, 200, null],
    [{ bytes: 25, totalBytes: 100 }, 1000, 3],
    [{ bytes: 30, totalBytes: 100 }, 1000, 3], // 2,33… s rounded up
    [{ bytes: 100, totalBytes: 100 }, 4000, 0],
    [{ bytes: 100, totalBytes: 100 }, 10, 0],
    [{ bytes: 0, totalBytes: 0 }, 0, 0], // no evidence file: nothing left
  ])('%j after %i ms → %j', (p, elapsed, expected) => {
    expect(secondsLeft(p, elapsed)).toBe(expected);
  });
});

describe('pack.exportProgress (subscription through the router)', () => {
  it('yields the totals first, growing progress, then the result; the pack is on disk', async () => {
    const caller = appRouter.createCaller({ core });
    const events: PackExportEvent[] = [];
    for await (const e of await caller.pack.exportProgress({ referentialId: 'eci' })) events.push(e as PackExportEvent);
    const progress = events.filter((e): e is Extract<PackExportEvent, { type: 'progress' }> => e.type === 'progress');
    expect(progress[0]).toEqual({ type: 'progress', files: 0, totalFiles: 2, bytes: 0, totalBytes: totalBytes(), secondsLeft: null });
    expect(progress.at(-1)).toMatchObject({ files: 2, totalFiles: 2, bytes: totalBytes(), secondsLeft: 0 });
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.bytes).toBeGreaterThanOrEqual(progress[i - 1]!.bytes);
    const done = events.at(-1);
    if (done?.type !== 'done') throw new Error('pas de résultat');
    expect(existsSync(done.result.path)).toBe(true);
    expect(done.result.missing).toBe(0);
    expect(exportsLeft()).toEqual([done.result.fileName]);
  });
});

describe('exportPackEvents', () => {
  it('with a clock: one event per report, seconds left from the rate since the totals, down to 0', async () => {
    let t = 0;
    const events: PackExportEvent[] = [];
    for await (const e of exportPackEvents(ctx, 'eci', {}, () => (t += 1000))) events.push(e);
    const progress = events.filter((e): e is Extract<PackExportEvent, { type: 'progress' }> => e.type === 'progress');
    // Totals, every 4 MiB of the 20 MiB file (5), the end of each file (2): the big file's last step is its end.
    expect(progress.length).toBeGreaterThanOrEqual(7);
    const second = progress[1]!;
    expect(second.secondsLeft).toBe(Math.ceil(((second.totalBytes - second.bytes) * 1000) / second.bytes / 1000));
    const left = progress.slice(1).map((p) => p.secondsLeft as number);
    expect(left).toEqual([...left].sort((a, b) => b - a));
    expect(left.at(-1)).toBe(0);
  });

  it('cancelled by the signal while streaming: throws EXPORT_CANCELLED and leaves nothing in the exports folder', async () => {
    const ac = new AbortController();
    const seen: PackExportEvent[] = [];
    let t = 0;
    const run = async () => {
      for await (const e of exportPackEvents(ctx, 'eci', { signal: ac.signal }, () => (t += 1000))) {
        seen.push(e);
        if (e.type === 'progress' && e.bytes > 0) ac.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ code: 'EXPORT_CANCELLED', message: "Export annulé : aucun fichier n'a été laissé dans le dossier des exports." });
    expect(seen.some((e) => e.type === 'progress' && e.bytes > 0 && e.bytes < totalBytes())).toBe(true);
    expect(exportsLeft()).toEqual([]);
  });

  it('stopped by the consumer (break): the generator ends only once the partial file is gone', async () => {
    for await (const e of exportPackEvents(ctx, 'eci', {})) {
      if (e.type === 'progress') break;
    }
    expect(exportsLeft()).toEqual([]);
  });
});

describe('a missing evidence file', () => {
  beforeEach(() => rmSync(ctx.evidence.pathOf(smallSha)));

  it('is listed, and the pack is built and marked incomplete (read back by Python zipfile and unzip -l)', async () => {
    const r = await core.pack.export('eci');
    expect(r.missing).toBe(1);
    const py = pythonZip(r.path, ['_manifeste/fichiers-manquants.txt', 'manifest.json']);
    expect(py.data['_manifeste/fichiers-manquants.txt']).toMatch(/^preuves\/.+\/délibération\.pdf — fichier absent du magasin de preuves\n$/);
    const manifest = JSON.parse(py.data['manifest.json'] as string) as { complete: boolean; files: { path: string }[] };
    expect(manifest.complete).toBe(false);
    expect(manifest.files.some((f) => f.path.endsWith('/délibération.pdf'))).toBe(false);
    expect(manifest.files.some((f) => f.path.endsWith('/enregistrement.mp4'))).toBe(true);
    const names = unzipList(r.path).names;
    expect(names.some((n) => n.endsWith('/enregistrement.mp4'))).toBe(true);
    expect(names.some((n) => n.endsWith('/délibération.pdf'))).toBe(false);
    expect(names).toContain('_manifeste/fichiers-manquants.txt');
    expect(await core.pack.verify(r.path)).toEqual({ ok: true, entries: names.length, problems: [] });
  });

  it('refuses the pack when a complete pack is asked (PACK_INCOMPLETE naming the file), leaving nothing', async () => {
    await expect(core.pack.export('eci', { complete: true })).rejects.toMatchObject({
      code: 'PACK_INCOMPLETE',
      message: expect.stringMatching(
        /^Pack complet exigé : 1 fichier de preuve manque ou a changé \(preuves\/.+\/délibération\.pdf — fichier absent du magasin de preuves\)\. Rajoutez-les/,
      ),
    });
    expect(exportsLeft()).toEqual([]);
    const caller = appRouter.createCaller({ core });
    await expect(caller.pack.export({ referentialId: 'eci', complete: true })).rejects.toThrow(/^Pack complet exigé/);
    expect(exportsLeft()).toEqual([]);
  });

  it('a complete pack with every file present is built and says complete: true', async () => {
    cleanup();
    ({ core, ctx, cleanup } = memoryCore());
    core.referentials.store(toyTete());
    core.preuves.addFile({ referentialId: 'eci', nodeId: 'eci_1.1', fileName: 'plan.pdf', bytes: new TextEncoder().encode('%PDF plan') });
    const r = await core.pack.export('eci', { complete: true });
    expect(JSON.parse(pythonZip(r.path, ['manifest.json']).data['manifest.json'] as string).complete).toBe(true);
    expect(bigSha).toMatch(/^[0-9a-f]{64}$/);
  });
});
