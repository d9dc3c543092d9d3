/**
 * The pack verifier on hostile archives and the pack builder on hostile evidence names (issue 7 item 3):
 * - `verifyPack` on random bytes and truncated / byte-flipped versions of a real pack always resolves with a
 *   verdict (never throws, never hangs); `core.pack.verify` throws nothing but UserError and leaves the store as is;
 * - entries that try to escape (`../`, absolute, `C:\`, `\\server\share`) are refused by name;
 * - a crafted high-ratio entry (a zip bomb) is stopped by the size limits before anything is decompressed;
 * - evidence named like an escape lands inside the pack under a safe name, and nothing is written outside it.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPack, verifyPack } from '../../electron/core/pack';
import { unsafePathReason } from '../../electron/core/pack/names';
import type { PackPreuve } from '../../electron/core/pack/types';
import { BYTES, makeInput, sha } from '../core/pack/fixture';
import { readZip } from '../core/pack/zip-read';
import { memoryCore, snapshotTables } from '../core/helpers/context';
import { FUZZ_SEED, mutationsOf, resultOrUserError } from './fuzz-helpers';

const work = mkdtempSync(join(tmpdir(), 'label-audit-fuzz-pack-'));
let realPack = new Uint8Array();

beforeAll(async () => {
  const { input } = makeInput();
  const path = join(work, 'reel.zip');
  await buildPack(input, path);
  realPack = new Uint8Array(readFileSync(path));
  expect((await verifyPack(path)).ok).toBe(true);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A zip from `entries`, written with yazl (names as given, so that hostile ones can be tried). */
function zipOf(entries: Array<{ name: string; data: Buffer; compress?: boolean }>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries) zip.addBuffer(e.data, e.name, { mtime: new Date('2026-03-15T10:00:00Z'), compress: e.compress ?? true });
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((done, fail) => {
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => done(Buffer.concat(chunks)));
    zip.outputStream.on('error', fail);
  });
}

/** Renames entry `from` to `to` inside zip bytes (same length, in local and central headers). */
function renameEntry(zip: Buffer, from: string, to: string): Buffer {
  expect(Buffer.byteLength(to)).toBe(Buffer.byteLength(from));
  const out = Buffer.from(zip);
  const a = Buffer.from(from);
  for (let at = out.indexOf(a); at >= 0; at = out.indexOf(a, at + 1)) Buffer.from(to).copy(out, at);
  return out;
}

describe('fuzz: verifyPack on broken real packs', () => {
  it('always resolves with a verdict; a changed pack is never declared conforming unless its bytes still check', async () => {
    let refused = 0;
    let i = 0;
    await fc.assert(
      fc.asyncProperty(mutationsOf(realPack), async (bytes) => {
        const path = join(work, `m${i++}.zip`);
        writeFileSync(path, bytes);
        const r = await verifyPack(path);
        expect(typeof r.ok).toBe('boolean');
        expect(r.ok).toBe(r.problems.length === 0);
        if (!r.ok) refused++;
        rmSync(path);
      }),
      { seed: FUZZ_SEED, numRuns: 400 },
    );
    expect(refused).toBeGreaterThan(300);
  }, 60_000);

  it('through the core: only UserErrors, and the store unchanged', async () => {
    const { core, ctx, cleanup } = memoryCore();
    try {
      const before = snapshotTables(ctx);
      let i = 0;
      await fc.assert(
        fc.asyncProperty(mutationsOf(realPack), async (bytes) => {
          const path = join(work, `c${i++}.zip`);
          writeFileSync(path, bytes);
          await resultOrUserError(() => core.pack.verify(path));
          rmSync(path);
        }),
        { seed: FUZZ_SEED + 1, numRuns: 40 },
      );
      expect(snapshotTables(ctx)).toEqual(before);
    } finally {
      cleanup();
    }
  }, 60_000);
});

describe('hostile entry names and zip bombs', () => {
  it.each([
    ['../../../.bashrc', /nom d'entrée dangereux/],
    ['/etc/cron.d/label', /nom d'entrée dangereux \(chemin absolu\)/],
    ['C:/Windows/evil.dll', /nom d'entrée dangereux/],
    ['C:\\Windows\\evil.dll', /nom d'entrée dangereux/],
    ['\\\\server\\share\\x.txt', /nom d'entrée dangereux/],
    ['preuves/../../evil.txt', /nom d'entrée dangereux/],
  ])('refuses the entry « %s » by its name', async (name, reason) => {
    // yazl refuses such names, so a safe placeholder of the same length is renamed in the bytes.
    const placeholder = 'x'.repeat(Buffer.byteLength(name));
    const zip = renameEntry(await zipOf([{ name: 'rapport.txt', data: Buffer.from('ok') }, { name: placeholder, data: Buffer.from('evil') }]), placeholder, name);
    const path = join(work, 'hostile.zip');
    writeFileSync(path, zip);
    const r = await verifyPack(path);
    expect(r.ok).toBe(false);
    expect(r.problems.find((p) => p.startsWith(`${name} : `))).toMatch(reason);
  });

  it('stops a high-ratio entry (8 MiB of zeros in 8 KiB) without inflating it', async () => {
    const zeros = Buffer.alloc(8 * 1024 * 1024);
    expect(deflateRawSync(zeros).length).toBeLessThan(16 * 1024);
    const path = join(work, 'bombe.zip');
    writeFileSync(path, await zipOf([{ name: 'preuves/zeros.bin', data: zeros }]));
    const r = await verifyPack(path);
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatch(/^preuves\/zeros\.bin : taux de compression suspect \(8388608 octets pour \d+ compressés\)$/);
  });

  it('stops an archive whose declared total size is over the limit', async () => {
    const path = join(work, 'gros.zip');
    writeFileSync(path, await zipOf([{ name: 'a.bin', data: Buffer.alloc(4096, 1), compress: false }]));
    const r = await verifyPack(path, { maxTotalBytes: 1024 });
    expect(r).toEqual({ ok: false, entries: 1, problems: ['gros.zip : 4096 octets une fois décompressée, au-delà de la limite de 1024 octets (archive refusée)'] });
  });
});

describe('building a pack from evidence named like an escape', () => {
  it('keeps every entry inside the pack under a safe name, and writes nothing outside the target', async () => {
    const { input } = makeInput();
    const hostile = ['../../../../tmp/evil.pdf', '/etc/passwd', 'C:\\Windows\\System32\\evil.dll', '\\\\server\\share\\evil.txt', '..', 'con.txt'];
    const template = input.preuves.find((p) => p.kind === 'fichier' && p.sha256 === sha(BYTES.deliberation))!;
    const preuves: PackPreuve[] = hostile.map((fileName, i) => ({ ...template, id: `hostile-${i}`, titre: `Hostile ${i}`, fileName }));
    const target = mkdtempSync(join(work, 'cible-'));
    const before = readdirSync(work).sort();
    const out = join(target, 'pack.zip');
    await buildPack({ ...input, preuves: [...input.preuves, ...preuves] }, out);
    expect(readdirSync(target)).toEqual(['pack.zip']);
    expect(readdirSync(work).sort()).toEqual(before);
    const entries = await readZip(out);
    for (const e of entries) expect(unsafePathReason(e.name), e.name).toBeNull();
    const hostileEntries = entries.filter((e) => e.data.equals(BYTES.deliberation));
    expect(hostileEntries.length).toBeGreaterThanOrEqual(1);
    expect((await verifyPack(out)).problems).toEqual([]);
  });
});
