import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import type { ServiceContext } from '../../../electron/core/services/context';
import { mimeTypeOf } from '../../../electron/core/services/preuves';
import { memoryCore, snapshotTables, toyTete } from '../helpers/context';

let core: Core;
let ctx: ServiceContext;
let cleanup: () => void;
beforeEach(() => {
  ({ core, ctx, cleanup } = memoryCore());
  core.referentials.store(toyTete());
  core.referentials.store(toyTete('cae'));
});
afterEach(() => cleanup());

const bytes = new TextEncoder().encode('Délibération du 12 mars 2026\n');
const sha = createHash('sha256').update(bytes).digest('hex');

describe('preuves service', () => {
  it('addFile stores the bytes once by SHA-256 and records name, size, type; the same file on another node reuses the preuve', () => {
    const p = core.preuves.addFile({ referentialId: 'eci', nodeId: 'eci_1.1', fileName: '/tmp/Docs/deliberation.txt', bytes, titre: 'Délibération' });
    expect(p).toEqual({
      id: p.id,
      kind: 'fichier',
      titre: 'Délibération',
      fileName: 'deliberation.txt',
      size: bytes.byteLength,
      sha256: sha,
      mimeType: 'text/plain',
      url: null,
      addedAt: p.addedAt,
      addedBy: 'Alice Testeuse',
      nodeIds: ['eci_1.1'],
      rattachements: [{ referentialId: 'eci', nodeId: 'eci_1.1' }],
      dateDocument: null,
      proprietaireId: null,
      proprietaire: null,
      confidentiel: false,
      revision: 1,
      couvertures: [],
    });
    expect(readFileSync(ctx.evidence.pathOf(sha), 'utf8')).toBe('Délibération du 12 mars 2026\n');
    const again = core.preuves.addFile({ referentialId: 'cae', nodeId: 'cae_2.1', fileName: 'deliberation.txt', bytes, titre: 'Délibération' });
    expect(again.id).toBe(p.id);
    expect(again.nodeIds).toEqual(['cae_2.1', 'eci_1.1']);
    expect(core.preuves.list('eci').map((x) => x.id)).toEqual([p.id]);
    expect(core.history.list().slice(0, 2).map((e) => e.action)).toEqual(['preuve.attach', 'preuve.add']);
  });

  it('addPath streams a local file into the store', async () => {
    const src = join(ctx.dataDir, 'rapport PCAET.pdf');
    writeFileSync(src, bytes);
    const p = await core.preuves.addPath({ referentialId: 'eci', nodeId: 'eci_2.1', path: src });
    expect(p).toMatchObject({ kind: 'fichier', titre: 'rapport PCAET.pdf', fileName: 'rapport PCAET.pdf', sha256: sha, size: bytes.byteLength, mimeType: 'application/pdf' });
  });

  it('addLink accepts http(s) only; detach removes the link and keeps the preuve', () => {
    const l = core.preuves.addLink({ referentialId: 'eci', nodeId: 'eci_1.2', url: 'https://www.example.org/plan climat', titre: ' Plan climat ' });
    expect(l).toMatchObject({ kind: 'lien', titre: 'Plan climat', url: 'https://www.example.org/plan%20climat', fileName: null, sha256: null, nodeIds: ['eci_1.2'] });
    expect(core.preuves.detach({ preuveId: l.id, nodeId: 'eci_1.2' })).toEqual({ ok: true });
    expect(core.preuves.list('eci')).toEqual([]);
    expect(core.history.list()[0]).toMatchObject({ action: 'preuve.detach', nodeId: 'eci_1.2', before: { nodeIds: ['eci_1.2'] }, after: { nodeIds: [] } });
  });

  it('refusals leave the store unchanged: missing path, bad URL, unknown node, detach of an unattached preuve', async () => {
    const l = core.preuves.addLink({ referentialId: 'eci', nodeId: 'eci_1.2', url: 'http://example.org' });
    const before = snapshotTables(ctx);
    const missing = join(ctx.dataDir, 'absent.pdf');
    await expect(core.preuves.addPath({ referentialId: 'eci', nodeId: 'eci_1.1', path: missing })).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
      message: `Le fichier ${missing} est introuvable.`,
    });
    expect(() => core.preuves.addLink({ referentialId: 'eci', nodeId: 'eci_1.1', url: 'file:///etc/passwd' })).toThrow(/Seuls les liens http/);
    expect(() => core.preuves.addLink({ referentialId: 'eci', nodeId: 'eci_1.1', url: 'pas une url' })).toThrow(/n'est pas une adresse web valide/);
    expect(() => core.preuves.addFile({ referentialId: 'eci', nodeId: 'eci_7', fileName: 'a.txt', bytes })).toThrow(/eci_7/);
    expect(() => core.preuves.addFile({ referentialId: 'eci', nodeId: 'eci_1', fileName: '..', bytes })).toThrow(/Nom de fichier de preuve invalide/);
    expect(() => core.preuves.detach({ preuveId: l.id, nodeId: 'eci_1.1' })).toThrow(/n'est pas rattachée au nœud eci_1\.1/);
    expect(snapshotTables(ctx)).toEqual(before);
  });

  it('file() gives the stored bytes of a file preuve; NOT_FOUND for an unknown id, a link, or bytes gone from the store', () => {
    const p = core.preuves.addFile({ referentialId: 'eci', nodeId: 'eci_1.1', fileName: 'Délibération : été.txt', bytes });
    expect(core.preuves.file(p.id)).toEqual({ path: ctx.evidence.pathOf(sha), fileName: 'Délibération : été.txt', mimeType: 'text/plain', size: bytes.byteLength });
    expect(readFileSync(core.preuves.file(p.id).path, 'utf8')).toBe('Délibération du 12 mars 2026\n');
    expect(() => core.preuves.file('inconnue')).toThrow("La preuve « inconnue » n'existe pas.");
    const l = core.preuves.addLink({ referentialId: 'eci', nodeId: 'eci_1.2', url: 'https://example.org', titre: 'Site' });
    expect(() => core.preuves.file(l.id)).toThrow("La preuve « Site » est un lien, pas un fichier : il n'y a rien à télécharger.");
    rmSync(ctx.evidence.pathOf(sha));
    expect(() => core.preuves.file(p.id)).toThrow(`Le fichier de la preuve « Délibération : été.txt » est absent du dépôt des preuves (${ctx.evidence.pathOf(sha)}).`);
  });

  it('the same file with another title is a new preuve sharing the stored bytes; the same file and title again changes nothing', () => {
    const p = core.preuves.addFile({ referentialId: 'eci', nodeId: 'eci_1.1', fileName: 'deliberation.txt', bytes, titre: 'Délibération' });
    const q = core.preuves.addFile({ referentialId: 'eci', nodeId: 'eci_1.1', fileName: 'deliberation.txt', bytes, titre: 'Délibération du 12 mars' });
    expect(q.id).not.toBe(p.id);
    expect([q.titre, q.sha256, q.nodeIds]).toEqual(['Délibération du 12 mars', sha, ['eci_1.1']]);
    expect(core.preuves.list('eci').map((x) => x.titre)).toEqual(['Délibération', 'Délibération du 12 mars']);
    expect(readdirSync(join(ctx.evidence.root, sha.slice(0, 2)))).toEqual([sha.slice(2)]); // bytes stored once
    const before = snapshotTables(ctx);
    expect(core.preuves.addFile({ referentialId: 'eci', nodeId: 'eci_1.1', fileName: 'deliberation.txt', bytes, titre: 'Délibération du 12 mars' }).id).toBe(q.id);
    expect(core.preuves.addFile({ referentialId: 'eci', nodeId: 'eci_1.1', fileName: 'deliberation.txt', bytes }).id).toBe(p.id); // no title: the first
    expect(snapshotTables(ctx)).toEqual(before);
  });

  it('keeps a backslash of a Linux/macOS file name as given (the OS basename), the pack sanitises it later', () => {
    const p = core.preuves.addFile({ referentialId: 'eci', nodeId: 'eci_1.1', fileName: '/home/alice/compte\\rendu.txt', bytes });
    expect(p.fileName).toBe(process.platform === 'win32' ? 'rendu.txt' : 'compte\\rendu.txt');
  });

  it('mime types by extension', () => {
    expect(['a.PDF', 'b.docx', 'c.odt', 'd.bin'].map(mimeTypeOf)).toEqual([
      'application/pdf',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.oasis.opendocument.text',
      'application/octet-stream',
    ]);
  });
});
