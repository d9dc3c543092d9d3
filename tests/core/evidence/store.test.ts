import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEvidenceStore } from '../../../electron/core/evidence/store';
import { tempDir } from '../helpers/context';

const tmp = tempDir('label-audit-evidence-');
afterAll(() => tmp.cleanup());

// SHA-256("abc"), FIPS 180-2 appendix B.1.
const ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

describe('evidence store', () => {
  it('stores bytes at evidence/ab/cdef… by SHA-256, once', () => {
    const store = createEvidenceStore(join(tmp.dir, 'ev1'));
    const a = store.addFromBuffer(new TextEncoder().encode('abc'));
    expect(a).toEqual({ sha256: ABC, size: 3 });
    expect(store.pathOf(ABC)).toBe(join(tmp.dir, 'ev1', 'ba', ABC.slice(2)));
    expect(readFileSync(store.pathOf(ABC), 'utf8')).toBe('abc');
    expect(store.addFromBuffer(new TextEncoder().encode('abc'))).toEqual(a);
    expect(readdirSync(join(tmp.dir, 'ev1'))).toEqual(['ba']);
    expect(readdirSync(join(tmp.dir, 'ev1', 'ba'))).toEqual([ABC.slice(2)]);
    expect(store.has(ABC)).toBe(true);
  });

  it('streams a file from a path (6 MiB), hashing while copying, and leaves no temp file', async () => {
    const store = createEvidenceStore(join(tmp.dir, 'ev2'));
    const src = join(tmp.dir, 'big.bin');
    const bytes = Buffer.alloc(6 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31) % 251;
    writeFileSync(src, bytes);
    const expected = createHash('sha256').update(bytes).digest('hex');
    const blob = await store.addFromPath(src);
    expect(blob).toEqual({ sha256: expected, size: 6 * 1024 * 1024 });
    expect(createHash('sha256').update(readFileSync(store.pathOf(expected))).digest('hex')).toBe(expected);
    expect(await store.addFromPath(src)).toEqual(blob);
    expect(readdirSync(join(tmp.dir, 'ev2')).filter((f) => f.startsWith('.tmp'))).toEqual([]);
  });

  it('a missing path is FILE_NOT_FOUND naming it; a folder is FILE_UNREADABLE', async () => {
    const store = createEvidenceStore(join(tmp.dir, 'ev3'));
    const missing = join(tmp.dir, 'absent.pdf');
    await expect(store.addFromPath(missing)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND', message: `Le fichier ${missing} est introuvable.`, location: { path: missing } });
    await expect(store.addFromPath(tmp.dir)).rejects.toMatchObject({ code: 'FILE_UNREADABLE', location: { path: tmp.dir } });
  });

  it('rejects a malformed hash in pathOf', () => {
    const store = createEvidenceStore(join(tmp.dir, 'ev4'));
    expect(() => store.pathOf('../../etc/passwd')).toThrow(/SHA-256 invalide/);
    expect(() => store.pathOf('../../etc/passwd')).toThrow(expect.objectContaining({ en: 'Invalid SHA-256 fingerprint: “../../etc/passwd”.' }));
  });
});
