/**
 * A full disk (issue 7 item 3): ENOSPC simulated in the evidence store's write path (node:fs mocked: the bytes of
 * a preuve cannot be written, by `writeSync` for bytes from the renderer, by `FileHandle.write` for a streamed
 * path), and a database that cannot grow (real SQLITE_FULL through `PRAGMA max_page_count`). Each is a French
 * message naming the folder or database, and nothing is half-written: no temp file, no file under a hash name,
 * no row, no history event.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createCore } from '../../electron/core/core';
import { workspacePaths } from '../../electron/core/paths';
import { userError, userErrorAsync } from '../helpers/errors';
import { snapshotTables, tempDir } from './helpers/context';

const disk = vi.hoisted(() => ({ full: false }));
const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const writeSync = ((...args: Parameters<typeof real.writeSync>) => {
    if (disk.full) throw enospc();
    return (real.writeSync as (...a: unknown[]) => number)(...args);
  }) as typeof real.writeSync;
  return { ...real, default: { ...real, writeSync }, writeSync };
});

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const open = (async (...args: Parameters<typeof real.open>) => {
    const handle = await real.open(...args);
    const write = handle.write.bind(handle) as (...a: unknown[]) => Promise<unknown>;
    (handle as unknown as { write: (...a: unknown[]) => Promise<unknown> }).write = (...a: unknown[]) => (disk.full ? Promise.reject(enospc()) : write(...a));
    return handle;
  }) as typeof real.open;
  return { ...real, default: { ...real, open }, open };
});

const t = tempDir('label-audit-disk-full-');
afterAll(() => t.cleanup());

function workspace(name: string) {
  const dataDir = join(t.dir, name);
  const core = createCore({ dataDir, demo: false, user: 'Camille', log: () => undefined });
  const { evidence } = workspacePaths(dataDir, 'ma-collectivite');
  return { dataDir, core, evidence };
}

/** Every file under the evidence folder (temp files included), relative to it. */
function evidenceFiles(root: string): string[] {
  try {
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => join(d.parentPath, d.name).slice(root.length + 1))
      .sort();
  } catch {
    return [];
  }
}

describe('disk full while writing the bytes of a preuve', () => {
  it('bytes from the renderer (addFile): French message naming the folder; no file, no row', () => {
    const { core, evidence } = workspace('octets');
    core.preuves.addFile({ referentialId: 'label-nr', nodeId: 'label-nr_1.1', fileName: 'avant.pdf', bytes: Buffer.from('déjà là') });
    const filesBefore = evidenceFiles(evidence);
    const before = snapshotTables(core.ctx);
    disk.full = true;
    try {
      const e = userError(() => core.preuves.addFile({ referentialId: 'label-nr', nodeId: 'label-nr_1.2', fileName: 'rapport.pdf', bytes: Buffer.from('%PDF-1.7 rapport') }));
      expect([e.code, e.message, e.location]).toEqual([
        'FILE_UNREADABLE',
        `Plus de place sur le disque pour écrire dans ${evidence}. La preuve n'a pas été enregistrée.`,
        { path: evidence },
      ]);
    } finally {
      disk.full = false;
    }
    expect(evidenceFiles(evidence)).toEqual(filesBefore);
    expect(snapshotTables(core.ctx)).toEqual(before);
    // Once there is room again, the same preuve goes in.
    expect(core.preuves.addFile({ referentialId: 'label-nr', nodeId: 'label-nr_1.2', fileName: 'rapport.pdf', bytes: Buffer.from('%PDF-1.7 rapport') }).size).toBe(16);
    core.close();
  });

  it('a file streamed from a path (addPath): the same, and the source file is not blamed', async () => {
    const { dataDir, core, evidence } = workspace('chemin');
    const src = join(dataDir, 'inventaire.csv');
    writeFileSync(src, 'poste;âge\n'.repeat(5000));
    const before = snapshotTables(core.ctx);
    disk.full = true;
    try {
      const e = await userErrorAsync(core.preuves.addPath({ referentialId: 'label-nr', nodeId: 'label-nr_1.1', path: src }));
      expect(e.message).toBe(`Plus de place sur le disque pour écrire dans ${evidence}. La preuve n'a pas été enregistrée.`);
    } finally {
      disk.full = false;
    }
    expect(evidenceFiles(evidence)).toEqual([]);
    expect(snapshotTables(core.ctx)).toEqual(before);
    core.close();
  });
});

describe('disk full while writing the database (SQLITE_FULL)', () => {
  it('a statut or a preuve row that does not fit: rolled back, French message naming the database', () => {
    const { dataDir, core, evidence } = workspace('base');
    const db = workspacePaths(dataDir, 'ma-collectivite').db;
    // Not one more page: what a full disk does to SQLite.
    const pages = core.ctx.db.pragma('page_count', { simple: true }) as number;
    core.ctx.db.pragma(`max_page_count = ${pages}`);
    const before = snapshotTables(core.ctx);
    const message = `Plus de place sur le disque pour écrire la base ${db} : libérez de la place puis recommencez ; la modification n'a pas été enregistrée.`;
    const long = 'x'.repeat(200_000);
    expect(userError(() => core.statuts.set({ referentialId: 'label-nr', nodeId: 'label-nr_1.1', statut: 'fait', explication: long }))).toMatchObject({
      code: 'FILE_UNREADABLE',
      message,
      location: { path: db },
    });
    const bytes = Buffer.alloc(50_000, 7);
    expect(userError(() => core.preuves.addFile({ referentialId: 'label-nr', nodeId: 'label-nr_1.1', fileName: 'gros.bin', bytes, titre: long })).message).toBe(message);
    expect(snapshotTables(core.ctx)).toEqual(before);
    // The bytes were stored before the row (never the other way round): named by their hash, reused by a retry.
    expect(evidenceFiles(evidence)).toHaveLength(1);
    expect(evidenceFiles(evidence)[0]).not.toMatch(/\.tmp-/);
    core.ctx.db.pragma('max_page_count = 1073741823');
    expect(core.statuts.set({ referentialId: 'label-nr', nodeId: 'label-nr_1.1', statut: 'fait', explication: long }).changed).toBe(true);
    core.close();
  });
});
