/**
 * `label-audit verify` on a pack changed after export (issue 4 "Done when"): one byte corrupted inside an entry's
 * data, an entry renamed in place (local header and central directory), an entry appended by another tool (Python's
 * zipfile) → exit 1, the entry named on stderr. The untouched pack → exit 0.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import yauzl from 'yauzl';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { buildPack } from '../../electron/core/pack/index';
import { DIR_2, makeInput } from '../core/pack/fixture';

let dir: string;
let pack: string;

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: dir });
  return { code, stdout, stderr };
}

/** Offset of the first data byte of entry `name` in the zip at `path`. */
async function dataOffset(path: string, name: string): Promise<number> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true });
  try {
    for await (const e of zip.eachEntry()) {
      if (e.fileName !== name) continue;
      const bytes = readFileSync(path);
      const at = e.relativeOffsetOfLocalHeader;
      return at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
    }
  } finally {
    zip.close();
  }
  throw new Error(`entrée absente : ${name}`);
}

beforeAll(async () => {
  const made = makeInput();
  dir = made.dir;
  pack = join(dir, 'pack.zip');
  await buildPack(made.input, pack);
});

describe('label-audit verify on a changed pack', () => {
  it('the untouched pack: exit 0', async () => {
    const r = await cli(['verify', 'pack.zip']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Paquet conforme : pack.zip (12 entrées vérifiées).\n');
  });

  it('one byte corrupted in a stored entry: exit 1 naming it', async () => {
    const name = `${DIR_2}/Rapport.PDF`;
    const out = join(dir, 'octet.zip');
    const bytes = readFileSync(pack);
    const at = (await dataOffset(pack, name)) + 3;
    bytes[at] = (bytes[at] as number) ^ 0x20;
    writeFileSync(out, bytes);
    const r = await cli(['verify', basename(out)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Paquet NON conforme : octet\.zip \(1 problème\)\.$/m);
    expect(r.stderr).toBe(`${name} : empreinte SHA-256 différente de celle de manifest.json (contenu modifié)\n`);
  });

  it('an entry renamed (same length, in both headers): exit 1 naming the old and the new name', async () => {
    const out = join(dir, 'renomme.zip');
    const bytes = readFileSync(pack);
    const from = Buffer.from('grille.csv');
    const to = Buffer.from('grille.txt');
    let n = 0;
    for (let at = bytes.indexOf(from); at >= 0; at = bytes.indexOf(from, at + 1)) {
      // only names in headers (preceded by the local or central header's fixed part), not text inside manifest/SHA256SUMS
      const local = at >= 30 && bytes.readUInt32LE(at - 30) === 0x04034b50;
      const central = at >= 46 && bytes.readUInt32LE(at - 46) === 0x02014b50;
      if (local || central) {
        to.copy(bytes, at);
        n++;
      }
    }
    expect(n).toBe(2);
    writeFileSync(out, bytes);
    const r = await cli(['verify', basename(out)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("grille.csv : listé dans manifest.json mais absent de l'archive\ngrille.txt : entrée absente de manifest.json\n");
  });

  it('an entry added by another tool (Python zipfile, append): exit 1 naming it', async () => {
    const out = join(dir, 'ajout.zip');
    copyFileSync(pack, out);
    execFileSync('python3', ['-c', "import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], 'a') as z: z.writestr('preuves/intrus.pdf', b'%PDF-1.4 ajout')", out]);
    const r = await cli(['verify', basename(out)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('preuves/intrus.pdf : entrée absente de manifest.json\n');
  });
});
