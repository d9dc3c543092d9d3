/**
 * Zip64 (issue 4 "Done when": a pack over 4 GiB, sparse files are fine; a pack of more than 65 535 entries),
 * checked by other programs than ours. Too long for the unit suite (over 4 GiB written, fsynced and read back
 * twice; 65 600 files written, packed and hashed back: 2–5 min on a shared 2-core machine), so .ci/run runs it
 * after `npm test`.
 *
 * 1. Size: builds a pack from the test fixture (tests/core/pack/fixture.ts) plus one sparse evidence file of 4 GiB + 64 KiB
 * (an entry whose size needs the Zip64 extra field) placed before `rapport.pdf` and the trailer entries (whose local
 * header offsets need it too), then checks:
 * - Python's zipfile: the big entry's size, offsets beyond 4 GiB, manifest.json read back and listing the big file
 *   with the SHA-256 of its bytes;
 * - `unzip -l`: entry count and total size; `unzip -tq`: every CRC-32 (the big entry included);
 * - our `verifyPack`: ok.
 * 2. Count: the fixture plus 65 600 small distinct files (stored `.pdf`) on one sous-action; checks the end of
 *    central directory (entry count 0xFFFF, Zip64 locator and record holding the real count), Python's zipfile
 *    (count, last file's bytes, manifest.json), `unzip -l` (count, last name) and `verifyPack`.
 * Prints one line per check and the plain closing line `N passed, N failed`; exits 1 when a check failed.
 *
 * Run: `npx tsx scripts/check-zip64.ts [size|count]` (both by default). Needs python3 and unzip (Debian packages python3, unzip).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPack, verifyPack } from '../electron/core/pack/index';
import { DIR_1, makeInput, sha as sha256 } from '../tests/core/pack/fixture';
import { pythonZip, unzipList } from '../tests/core/pack/zip-external';

const BIG = 4 * 1024 ** 3 + 64 * 1024;
const BIG_NAME = 'enregistrement du conseil.mp4';

/** SHA-256 (hex) of `size` zero bytes, as the sparse file reads. */
function zerosSha256(size: number): string {
  const h = createHash('sha256');
  const chunk = Buffer.alloc(1024 * 1024);
  for (let left = size; left > 0; left -= chunk.length) h.update(left >= chunk.length ? chunk : chunk.subarray(0, left));
  return h.digest('hex');
}

type Check = (name: string, ok: boolean, detail: string) => void;

/** Case 1: one entry of 4 GiB + 64 KiB (sparse), entries after it at offsets beyond 4 GiB. */
async function size(check: Check): Promise<void> {
  const { input, dir, storePath } = makeInput();
  try {
    const t0 = performance.now();
    const sha = zerosSha256(BIG);
    mkdirSync(join(dir, 'evidence', sha.slice(0, 2)), { recursive: true });
    closeSync(openSync(storePath(sha), 'w'));
    truncateSync(storePath(sha), BIG);
    input.preuves.push({ id: 'big', kind: 'fichier', titre: 'Enregistrement', fileName: BIG_NAME, size: BIG, sha256: sha, url: null, addedAt: '2026-02-01T09:00:00.000Z', nodeIds: ['t_1.1.1.1'] });
    const zipPath = join(dir, 'pack.zip');
    const built = await buildPack(input, zipPath);
    const zipBytes = statSync(zipPath).size;
    check('taille, buildPack', built.entries === 13 && zipBytes > BIG, `${built.entries} entrées, ${zipBytes} octets en ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const bigPath = `${DIR_1}/${BIG_NAME}`;
    const py = pythonZip(zipPath, ['manifest.json']);
    const big = py.entries.find((e) => e.name === bigPath);
    check('taille, zipfile : entrée de plus de 4 Gio', big?.size === BIG && big.compressSize === BIG, `${big?.size} octets (attendu ${BIG})`);
    const manifestEntry = py.entries.find((e) => e.name === 'manifest.json');
    check('taille, zipfile : décalage au-delà de 4 Gio', (manifestEntry?.headerOffset ?? 0) > 0xffffffff, `manifest.json à l’octet ${manifestEntry?.headerOffset}`);
    const listed = (JSON.parse(py.data['manifest.json'] ?? '{}') as { files?: { path: string; size: number; sha256: string }[] }).files?.find((f) => f.path === bigPath);
    check('taille, zipfile : manifest.json relu', listed?.sha256 === sha && listed.size === BIG, `${listed?.path} ${listed?.size} ${listed?.sha256}`);

    const list = unzipList(zipPath);
    const expectedTotal = py.entries.reduce((s, e) => s + e.size, 0);
    check('taille, unzip -l', list.count === 13 && list.totalBytes === expectedTotal && list.names.includes(bigPath), `${list.count} fichiers, ${list.totalBytes} octets`);
    let tested = '';
    try {
      tested = execFileSync('unzip', ['-tq', zipPath], { encoding: 'utf8' }).trim();
    } catch (e) {
      tested = String((e as { stdout?: string }).stdout ?? e);
    }
    check('taille, unzip -tq (CRC-32 de chaque entrée)', tested.startsWith('No errors detected'), tested.split('\n')[0] ?? '');

    const t1 = performance.now();
    const v = await verifyPack(zipPath);
    check('taille, verifyPack', v.ok && v.entries === 13, `ok=${v.ok}, ${v.entries} entrées en ${((performance.now() - t1) / 1000).toFixed(1)} s${v.ok ? '' : ` : ${v.problems.join(' | ')}`}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const FILES = 65_600;

/** Case 2: more than 65 535 entries (Zip64 end of central directory record and locator). */
async function count(check: Check): Promise<void> {
  const { input, dir, storePath } = makeInput();
  try {
    const t0 = performance.now();
    for (let i = 0; i < FILES; i++) {
      const bytes = Buffer.from(`pièce ${i}\n`);
      const h = sha256(bytes);
      mkdirSync(join(dir, 'evidence', h.slice(0, 2)), { recursive: true });
      writeFileSync(storePath(h), bytes);
      const name = `piece-${String(i).padStart(5, '0')}.pdf`;
      input.preuves.push({ id: `n${i}`, kind: 'fichier', titre: name, fileName: name, size: bytes.length, sha256: h, url: null, addedAt: '2026-02-01T09:00:00.000Z', nodeIds: ['t_1.1.1.1'] });
    }
    const zipPath = join(dir, 'pack.zip');
    const built = await buildPack(input, zipPath);
    const entries = FILES + 12;
    check('nombre, buildPack', built.entries === entries, `${built.entries} entrées (attendu ${entries}) en ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const bytes = readFileSync(zipPath);
    const eocd = bytes.length - 22;
    const locator = eocd - 20;
    const record = Number(bytes.readBigUInt64LE(locator + 8));
    const ok =
      bytes.readUInt32LE(eocd) === 0x06054b50 &&
      bytes.readUInt16LE(eocd + 10) === 0xffff &&
      bytes.readUInt32LE(locator) === 0x07064b50 &&
      bytes.readUInt32LE(record) === 0x06064b50 &&
      Number(bytes.readBigUInt64LE(record + 32)) === entries;
    check('nombre, fin de répertoire Zip64', ok, `nombre classique ${bytes.readUInt16LE(eocd + 10)}, nombre Zip64 ${Number(bytes.readBigUInt64LE(record + 32))}`);

    const last = `${DIR_1}/piece-${FILES - 1}.pdf`;
    const py = pythonZip(zipPath, ['manifest.json', last]);
    const files = (JSON.parse(py.data['manifest.json'] ?? '{}') as { files?: unknown[] }).files ?? [];
    check('nombre, zipfile', py.entries.length === entries && py.data[last] === `pièce ${FILES - 1}\n` && files.length === entries - 2, `${py.entries.length} entrées, manifest.json : ${files.length} fichiers`);
    const list = unzipList(zipPath);
    check('nombre, unzip -l', list.count === entries && list.names.at(-1) === 'SHA256SUMS', `${list.count} fichiers, dernier ${list.names.at(-1)}`);
    const t1 = performance.now();
    const v = await verifyPack(zipPath);
    check('nombre, verifyPack', v.ok && v.entries === entries, `ok=${v.ok}, ${v.entries} entrées en ${((performance.now() - t1) / 1000).toFixed(1)} s${v.ok ? '' : ` : ${v.problems.slice(0, 3).join(' | ')}`}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(which: string | undefined): Promise<number> {
  let passed = 0;
  let failed = 0;
  const check: Check = (name, ok, detail) => {
    if (ok) passed++;
    else failed++;
    console.log(`${ok ? 'ok   ' : 'ÉCHEC'} ${name} : ${detail}`);
  };
  for (const [name, run] of [['size', size], ['count', count]] as const) {
    if (which !== undefined && which !== name) continue;
    try {
      await run(check);
    } catch (e) {
      check(`${name}, exécution`, false, e instanceof Error ? e.message : String(e));
    }
  }
  writeFileSync(1, `zip64: ${passed} passed, ${failed} failed\n`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

process.exitCode = await main(process.argv[2]);
