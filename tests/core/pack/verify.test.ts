import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import yazl from 'yazl';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPack, verifyPack } from '../../../electron/core/pack/index';
import { streamToBuffer } from '../../../electron/core/pack/zip-utils';
import { DIR_1, makeInput } from './fixture';
import { readZip } from './zip-read';

let dir: string;
let packPath: string;

beforeAll(async () => {
  const made = makeInput();
  dir = made.dir;
  packPath = join(dir, 'pack.zip');
  await buildPack(made.input, packPath);
});

/** Rewrites the pack with yazl, letting `edit` replace, drop (null) or add entries. */
async function rewrite(name: string, edit: (entries: { name: string; data: Buffer }[]) => { name: string; data: Buffer }[]): Promise<string> {
  const entries = (await readZip(packPath)).map((e) => ({ name: e.name, data: e.data }));
  const zip = new yazl.ZipFile();
  const done = streamToBuffer(zip.outputStream);
  for (const e of edit(entries)) zip.addBuffer(e.data, e.name, { mtime: new Date('2026-03-15T10:00:00Z') });
  zip.end();
  const out = join(dir, name);
  writeFileSync(out, await done);
  return out;
}

/** A zip whose entry names are written raw (yazl refuses unsafe names, so placeholders are patched in). */
async function rawNames(file: string, names: string[]): Promise<string> {
  const zip = new yazl.ZipFile();
  const done = streamToBuffer(zip.outputStream);
  const placeholders = names.map((n, i) => `${String.fromCharCode(65 + i)}`.repeat(Buffer.byteLength(n)));
  placeholders.forEach((p) => zip.addBuffer(Buffer.from('x'), p, { mtime: new Date('2026-03-15T10:00:00Z'), compress: false }));
  zip.end();
  let bytes = await done;
  names.forEach((n, i) => {
    const from = Buffer.from(placeholders[i] as string);
    const to = Buffer.from(n);
    let at = bytes.indexOf(from);
    while (at >= 0) {
      to.copy(bytes, at);
      at = bytes.indexOf(from, at + to.length);
    }
  });
  bytes = Buffer.from(bytes);
  const out = join(dir, file);
  writeFileSync(out, bytes);
  return out;
}

describe('verifyPack', () => {
  it('accepts an untouched pack', async () => {
    expect(await verifyPack(packPath)).toEqual({ ok: true, entries: 12, problems: [] });
  });

  it('reports a tampered entry by its path', async () => {
    const tampered = await rewrite('tampered.zip', (es) =>
      es.map((e) => (e.name === 'audit.json' ? { ...e, data: Buffer.from(e.data.toString('utf8').replace('Pré-audit', 'Pré-AUDIT')) } : e)),
    );
    const r = await verifyPack(tampered);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual(['audit.json : empreinte SHA-256 différente de celle de manifest.json (contenu modifié)']);
  });

  it('reports a resized evidence file, a removed entry and an added entry', async () => {
    const p = await rewrite('edited.zip', (es) => [
      ...es
        .filter((e) => e.name !== 'grille.csv')
        .map((e) => (e.name === `${DIR_1}/inventaire.txt` ? { ...e, data: Buffer.concat([e.data, Buffer.from('!')]) } : e)),
      { name: 'intrus.exe', data: Buffer.from('MZ') },
    ]);
    const r = await verifyPack(p);
    expect(r.problems).toEqual([
      'grille.csv : listé dans manifest.json mais absent de l\'archive',
      `${DIR_1}/inventaire.txt : taille 2201 octets au lieu de 2200 selon manifest.json`,
      'intrus.exe : entrée absente de manifest.json',
    ]);
  });

  it('reports a SHA256SUMS that disagrees with the manifest', async () => {
    const p = await rewrite('sums.zip', (es) =>
      es.map((e) => (e.name === 'SHA256SUMS' ? { ...e, data: Buffer.from(e.data.toString('utf8').replace(/^[0-9a-f]{64}/, '0'.repeat(64))) } : e)),
    );
    const r = await verifyPack(p);
    expect(r.problems).toEqual(['_manifeste/fichiers-manquants.txt : empreinte de SHA256SUMS différente de celle de manifest.json']);
  });

  it('reports a pack without manifest', async () => {
    const p = await rewrite('nomanifest.zip', (es) => es.filter((e) => e.name !== 'manifest.json'));
    const r = await verifyPack(p);
    expect(r.problems).toEqual(['manifest.json : absent ou illisible, le contenu du pack ne peut pas être vérifié']);
  });

  it('rejects unsafe entry names, each by its path', async () => {
    const p = await rawNames('unsafe.zip', ['../evil.txt', '/abs/evil.txt', 'C:/evil.txt', 'dir\\evil.txt', 'preuves/CON', 'ok.txt', 'OK.TXT']);
    const r = await verifyPack(p);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([
        "../evil.txt : nom d'entrée dangereux (contient un segment « . » ou « .. »)",
        "/abs/evil.txt : nom d'entrée dangereux (chemin absolu)",
        "C:/evil.txt : nom d'entrée dangereux (commence par une lettre de lecteur)",
        "dir\\evil.txt : nom d'entrée dangereux (contient une barre oblique inverse (\\))",
        "preuves/CON : nom d'entrée dangereux (le segment « CON » n'est pas sûr sous Windows)",
        "OK.TXT : même nom (à la casse près) que l'entrée ok.txt",
        'manifest.json : absent ou illisible, le contenu du pack ne peut pas être vérifié',
    ]);
  });

  it('applies zip-bomb limits without decompressing', async () => {
    const bomb = await rewrite('bomb.zip', (es) => [...es, { name: 'zeros.bin', data: Buffer.alloc(4 * 1024 * 1024) }]);
    const r = await verifyPack(bomb);
    expect(r.problems[0]).toMatch(/^zeros\.bin : taux de compression suspect \(4194304 octets pour \d+ compressés\)$/);
    expect((await verifyPack(packPath, { maxEntries: 5 })).problems).toEqual(['pack.zip : 12 entrées, au-delà de la limite de 5 (archive refusée)']);
    const total = await verifyPack(packPath, { maxTotalBytes: 1000 });
    expect(total.ok).toBe(false);
    expect(total.problems[0]).toMatch(/^pack\.zip : \d+ octets une fois décompressée, au-delà de la limite de 1000 octets \(archive refusée\)$/);
  });

  it('never throws on a file that is not a zip, a truncated zip or a missing file', async () => {
    const notZip = join(dir, 'texte.zip');
    writeFileSync(notZip, 'ceci n’est pas une archive');
    const r1 = await verifyPack(notZip);
    expect(r1.ok).toBe(false);
    expect(r1.problems).toHaveLength(1);
    expect(r1.problems[0]).toMatch(/^texte\.zip n'est pas une archive zip lisible : fin d'archive introuvable : fichier tronqué ou qui n'est pas un zip \(/);

    const bytes = await readFile(packPath);
    const cut = join(dir, 'tronque.zip');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const r2 = await verifyPack(cut);
    expect(r2.ok).toBe(false);
    expect(r2.problems[0]).toMatch(/^tronque\.zip n'est pas une archive zip lisible : fin d'archive introuvable : fichier tronqué ou qui n'est pas un zip \(/);

    const r3 = await verifyPack(join(dir, 'absent.zip'));
    expect(r3.problems[0]).toMatch(/^absent\.zip n'est pas une archive zip lisible : .*ENOENT/);
  });

  it('reports corrupted compressed data in an entry (central directory intact)', async () => {
    const bytes = Buffer.from(await readFile(packPath));
    // Flip bytes in the middle of audit.json's deflated data (the first entry, right after its local header).
    const nameLen = bytes.readUInt16LE(26);
    const start = 30 + nameLen + bytes.readUInt16LE(28);
    for (let i = start + 100; i < start + 140; i++) bytes[i] = (bytes[i] as number) ^ 0xff;
    const p = join(dir, 'corrompu.zip');
    writeFileSync(p, bytes);
    const r = await verifyPack(p);
    expect(r.ok).toBe(false);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(/^audit\.json : lecture impossible, (données compressées abîmées|somme de contrôle CRC-32 fausse) \(/);
  });
});
