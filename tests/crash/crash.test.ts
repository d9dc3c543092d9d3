/**
 * The crash harness itself (issue 7 item 1). Its checker is shown to catch what it must (a lost acknowledged change,
 * an altered or missing evidence file, a stray file, a broken backup, a statut row disagreeing with the history) on
 * a workspace built in-process; then a short real run with killed children finds nothing, and a child that
 * acknowledges a change it never made is caught. The 200-kill run is a CI step (`npm run crash`), not part of
 * `npm test`.
 */
import { mkdirSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core';
import { workspacePaths } from '../../electron/core/paths';
import { tempDir } from '../core/helpers/context';
import { runCrashHarness, summaryLine, verifyStore } from './harness';
import { opSeq, type Ack } from './ops';

const dirs: Array<() => void> = [];
afterAll(() => dirs.forEach((c) => c()));

/** A workspace like the harness's, with one change of each kind made and acknowledged in-process. */
async function acknowledgedWorkspace(): Promise<{ dataDir: string; core: Core; acks: Ack[] }> {
  const t = tempDir('label-audit-crash-check-');
  dirs.push(t.cleanup);
  const dataDir = t.dir;
  const core = createCore({ dataDir, demo: false, user: 'crash', log: () => undefined });
  const acks: Ack[] = [];
  core.statuts.set({ referentialId: 'label-nr', nodeId: 'label-nr_1.1', statut: 'fait', explication: 'c1-1' });
  acks.push({ k: 'statut', t: 'c1-1', s: opSeq(1, 1), n: 'label-nr_1.1' });
  const p = core.preuves.addFile({ referentialId: 'label-nr', nodeId: 'label-nr_1.2', fileName: 'a.bin', bytes: Buffer.from('c1-2 octets'), titre: 'c1-2' });
  acks.push({ k: 'fichier', t: 'c1-2', s: opSeq(1, 2), n: 'label-nr_1.2', sha256: p.sha256!, size: p.size! });
  core.preuves.addLink({ referentialId: 'label-nr', nodeId: 'label-nr_1.3', url: 'https://exemple.fr/preuves/c1-3', titre: 'c1-3' });
  acks.push({ k: 'lien', t: 'c1-3', s: opSeq(1, 3), n: 'label-nr_1.3', url: 'https://exemple.fr/preuves/c1-3' });
  const { crashGridCsv, CRASH_GRID_ID } = await import('./ops');
  await core.referentials.importAsync([{ name: 'c1-4.csv', text: crashGridCsv('c1-4') }], { id: CRASH_GRID_ID, format: 'grid-csv' });
  acks.push({ k: 'import', t: 'c1-4', s: opSeq(1, 4) });
  const b = await core.backups.create();
  acks.push({ k: 'sauvegarde', t: 'c1-5', s: opSeq(1, 5), name: b.name });
  core.close();
  return { dataDir, core, acks };
}

describe('the checker of the crash harness', () => {
  it('finds nothing wrong in a store holding every acknowledged change', async () => {
    const { dataDir, acks } = await acknowledgedWorkspace();
    expect(verifyStore(dataDir, acks)).toEqual({ corrupt: [], lost: [], leftovers: [] });
  });

  it('reports each acknowledged change that is missing, by kind', async () => {
    const { dataDir, acks } = await acknowledgedWorkspace();
    const ghosts: Ack[] = [
      { k: 'statut', t: 'c2-1', s: opSeq(2, 1), n: 'label-nr_1.4' },
      { k: 'fichier', t: 'c2-2', s: opSeq(2, 2), n: 'label-nr_1.4', sha256: 'ab'.repeat(32), size: 3 },
      { k: 'lien', t: 'c2-3', s: opSeq(2, 3), n: 'label-nr_1.4', url: 'https://exemple.fr/preuves/c2-3' },
      { k: 'import', t: 'c2-4', s: opSeq(2, 4) },
      { k: 'sauvegarde', t: 'c2-5', s: opSeq(2, 5), name: '2026-01-01T00-00-00Z-manuelle.sqlite' },
    ];
    expect(verifyStore(dataDir, [...acks, ...ghosts]).lost).toEqual([
      'statut c2-1 sur label-nr_1.4',
      'preuve fichier c2-2 sur label-nr_1.4',
      'preuve lien c2-3 sur label-nr_1.4',
      'import c2-4',
      'sauvegarde 2026-01-01T00-00-00Z-manuelle.sqlite',
      'statut de label-nr_1.4 revenu à un état antérieur (aucun)',
    ]);
  });

  it('reports a statut that went back to an older acknowledged state', async () => {
    const { dataDir, acks } = await acknowledgedWorkspace();
    // A later change acknowledged on 1.1, whose row still holds c1-1 (its history event exists: only the row is old).
    const core = createCore({ dataDir, demo: false, log: () => undefined });
    core.statuts.set({ referentialId: 'label-nr', nodeId: 'label-nr_1.1', statut: 'pas_fait', explication: 'c1-9' });
    core.ctx.db.exec("UPDATE statut SET explication = 'c1-1' WHERE node_id = 'label-nr_1.1'");
    core.close();
    const v = verifyStore(dataDir, [...acks, { k: 'statut', t: 'c1-9', s: opSeq(1, 9), n: 'label-nr_1.1' }]);
    expect(v.lost).toEqual(['statut de label-nr_1.1 revenu à un état antérieur (c1-1)']);
    expect(v.corrupt).toEqual(["statut de label-nr_1.1 (c1-1) différent du dernier événement de l'historique (c1-9)"]);
  });

  it('reports altered, missing and stray evidence files, and a broken backup', async () => {
    const { dataDir, acks } = await acknowledgedWorkspace();
    const sha = (acks.find((a) => a.k === 'fichier') as Extract<Ack, { k: 'fichier' }>).sha256;
    const { evidence } = workspacePaths(dataDir, 'ma-collectivite');
    writeFileSync(join(evidence, sha.slice(0, 2), sha.slice(2)), 'c1-2 octetX');
    writeFileSync(join(evidence, 'notes.txt'), 'rien à faire ici');
    const backups = join(dataDir, 'sauvegardes', 'ma-collectivite');
    const [backup] = readdirSync(backups).filter((n) => n.endsWith('-manuelle.sqlite'));
    truncateSync(join(backups, backup!), 4096);
    mkdirSync(join(evidence, '.tmp-999999999-abc'), { recursive: true });
    const v = verifyStore(dataDir, acks);
    expect(v.corrupt).toEqual([
      `preuve altérée : ${sha.slice(0, 2)}/${sha.slice(2)} ne correspond plus à son empreinte`,
      'fichier inattendu dans le dépôt des preuves : notes.txt',
      `la preuve « c1-2 » n'a pas son fichier (${sha})`,
      `sauvegarde ${backup} : database disk image is malformed`,
    ]);
    expect(v.leftovers).toEqual(['evidence/.tmp-999999999-abc']);
    rmSync(join(evidence, sha.slice(0, 2), sha.slice(2)));
    expect(verifyStore(dataDir, acks).corrupt).toContain(`la preuve « c1-2 » n'a pas son fichier (${sha})`);
  });

  it('reports a database that cannot be opened any more', async () => {
    const { dataDir, acks } = await acknowledgedWorkspace();
    writeFileSync(workspacePaths(dataDir, 'ma-collectivite').db, 'plus une base');
    expect(verifyStore(dataDir, acks).corrupt).toEqual(['base illisible après le crash : file is not a database']);
  });
});

describe('runs with killed children', () => {
  it('20 kills (one of a first start) on the real core: 0 corrupt, 0 lost, changes of every kind acknowledged', async () => {
    const r = await runCrashHarness({ kills: 20, seed: 20261130 });
    expect({ line: summaryLine(r), problems: r.problems, childErrors: r.childErrors }).toEqual({ line: '20 kills, 0 corrupt, 0 lost', problems: [], childErrors: [] });
    expect(r.acknowledged).toBeGreaterThan(20);
    expect(r.byKind.statut).toBeGreaterThan(0);
    expect(r.byKind.fichier).toBeGreaterThan(0);
  }, 180_000);

  it('a child that acknowledges a change it never made is caught (lost), and a stray folder in the evidence store (corrupt)', async () => {
    const r = await runCrashHarness({
      kills: 3,
      seed: 7,
      jobs: 1,
      lie: true,
      between: (kill, dataDir) => {
        if (kill === 2) mkdirSync(join(workspacePaths(dataDir, 'ma-collectivite').evidence, 'zz'), { recursive: true });
      },
    });
    expect(r.corrupt).toBe(1);
    expect(r.lost).toBeGreaterThanOrEqual(1);
    expect(summaryLine(r)).not.toBe('3 kills, 0 corrupt, 0 lost');
    // The lie is missing from the history (and, unless child 1 later set that node, its row is older than the lie).
    expect(r.problems).toEqual(expect.arrayContaining(['perte : statut c1-mensonge sur label-nr_1.1', 'corruption : fichier inattendu dans le dépôt des preuves : zz']));
  }, 120_000);
});
