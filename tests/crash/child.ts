/**
 * The process the crash harness kills (harness.ts; issue 7 item 1). It opens the workspace of a data dir as the
 * app does (`startCore`), prints `ready`, then makes an endless stream of changes through the core — statuts,
 * file preuves (from bytes and streamed from a path), link preuves, referential imports (each with its backup),
 * manual backups — and, after each call RETURNED, writes one line describing it on stdout with a synchronous
 * write: a line the parent read is a change whose answer reached the client ("acknowledged").
 *
 * argv: `<dataDir> <sourcesDir> <childIndex> <seed> [lie]`. `lie` (for the harness's own test) acknowledges one
 * statut change that it never makes, so the parent must report it lost.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { startCore } from '../../electron/core/core';
import type { Statut } from '../../shared/domain';
import { CRASH_GRID_ID, crashGridCsv, type Ack, opSeq } from './ops';

const [dataDir = '', sourcesDir = '', childArg = '0', seedArg = '1', mode = ''] = process.argv.slice(2);
const child = Number(childArg);

/** mulberry32: a small seeded PRNG, so a failing run can be replayed with its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const say = (line: string): void => void writeSync(1, `${line}\n`);
const ack = (a: Ack): void => say(JSON.stringify(a));

const STATUTS: Statut[] = ['fait', 'programme', 'pas_fait', 'non_concerne', 'detaille'];

async function main(): Promise<void> {
  const rand = prng(Number(seedArg) * 7919 + child);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const core = await startCore({ dataDir, demo: false, user: 'crash', log: () => undefined });
  const ref = core.referentials.get('label-nr');
  const leaves = ref.nodes.filter((n) => n.parentId !== null && !ref.nodes.some((m) => m.parentId === n.id)).map((n) => n.id);
  mkdirSync(sourcesDir, { recursive: true });
  say('ready');
  if (mode === 'lie') ack({ k: 'statut', t: `c${child}-mensonge`, s: opSeq(child, 0), n: leaves[0]! });

  for (let i = 1; ; i++) {
    const tag = `c${child}-${i}`;
    const s = opSeq(child, i);
    const r = rand();
    if (r < 0.45) {
      const nodeId = pick(leaves);
      const statut = pick(STATUTS);
      core.statuts.set({ referentialId: 'label-nr', nodeId, statut, ...(statut === 'detaille' ? { detail: [0.5, 0.3, 0.2] } : {}), explication: tag });
      ack({ k: 'statut', t: tag, s, n: nodeId });
    } else if (r < 0.65) {
      const nodeId = pick(leaves);
      // Mostly small files; one in ten between 256 KiB and 1 MiB, to widen the window of a kill mid-write.
      const size = rand() < 0.1 ? 262_144 + Math.floor(rand() * 786_432) : 64 + Math.floor(rand() * 4000);
      const bytes = Buffer.concat([Buffer.from(`${tag}\n`), randomBytes(size)]);
      const src = rand() < 0.5 ? null : join(sourcesDir, `${tag}.bin`);
      if (src) writeFileSync(src, bytes);
      const p = src
        ? await core.preuves.addPath({ referentialId: 'label-nr', nodeId, path: src, titre: tag })
        : core.preuves.addFile({ referentialId: 'label-nr', nodeId, fileName: `${tag}.bin`, bytes, titre: tag });
      ack({ k: 'fichier', t: tag, s, n: nodeId, sha256: p.sha256!, size: p.size! });
      if (src) rmSync(src);
    } else if (r < 0.8) {
      const nodeId = pick(leaves);
      const url = `https://exemple.fr/preuves/${tag}`;
      core.preuves.addLink({ referentialId: 'label-nr', nodeId, url, titre: tag });
      ack({ k: 'lien', t: tag, s, n: nodeId, url });
    } else if (r < 0.95) {
      await core.referentials.importAsync([{ name: `${tag}.csv`, text: crashGridCsv(tag) }], { id: CRASH_GRID_ID, format: 'grid-csv' });
      ack({ k: 'import', t: tag, s });
    } else {
      const b = await core.backups.create();
      ack({ k: 'sauvegarde', t: tag, s, name: b.name });
    }
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`ÉCHEC ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(3);
});
