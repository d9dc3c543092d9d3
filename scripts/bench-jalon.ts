/**
 * Benchmark of taking a jalon (issue 6 "Done when"): the full CAE file (1 471 nodes) with its personnalisation
 * questions, ~600 statuts and 1 000 preuves (800 files, 200 links) on a temp workspace file; each sample takes one
 * jalon of CAE through the core (`jalons.take`: live state read, one full score recompute, referential content
 * hashed, every row written in one SQLite transaction), beside the baseline measured in the same run, sample by
 * sample: one full score recompute (`scores.get`, the engine with personnalisation over the cached tree).
 * Aim: taking a jalon under 0.5 s (median and max). Also prints what one jalon adds to the database.
 *
 * Run: `npm run bench:jalon [-- samples=20]` (reads ../shared/data, or LABEL_AUDIT_SHARED_DATA).
 * Prints the figures; exits 0 whatever they are (a benchmark, not a test).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../electron/core/core';
import { canHoldStatut } from '../electron/core/services/statuts';
import type { Statut } from '../shared/domain';
import { DATA } from '../tests/helpers/shared-data';

const arg = (name: string, fallback: number): number => Number(process.argv.find((a) => a.startsWith(`${name}=`))?.split('=')[1] ?? fallback);
const SAMPLES = arg('samples', 20);
const PREUVES = arg('preuves', 1000);

const fmt = (ms: number): string => `${ms.toFixed(1).padStart(7)} ms`;
function stats(samples: number[]): { median: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, max: s[s.length - 1]! };
}

/** A small deterministic pseudo-random generator (mulberry32), so every run builds the same workspace. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'label-audit-bench-jalon-'));
  try {
    const core = createCore({ dataDir: dir, demo: false, user: 'Bench', log: () => {} });
    const t0 = performance.now();
    core.referentials.import([DATA.caeStructure, DATA.caePreuves], { id: 'cae' });
    core.personnalisation.importQuestions(DATA.questionsCsv);
    const ref = core.referentials.get('cae');
    const random = rng(20_261_130);
    const holders = ref.nodes.filter((n) => canHoldStatut(ref, n.id) && n.depth === ref.actionLevel + 1);
    const statuts: Statut[] = ['fait', 'programme', 'pas_fait'];
    for (const n of holders.slice(0, 300)) core.statuts.set({ referentialId: 'cae', nodeId: n.id, statut: statuts[Math.floor(random() * 3)]!, explication: `Explication de ${n.identifiant}` });
    const taches = ref.nodes.filter((n) => n.depth === ref.actionLevel + 2);
    for (const n of taches.slice(400, 700)) core.statuts.set({ referentialId: 'cae', nodeId: n.id, statut: statuts[Math.floor(random() * 3)]! });
    for (let i = 0; i < PREUVES; i++) {
      const node = holders[Math.floor(random() * holders.length)]!;
      if (i % 5 === 4) core.preuves.addLink({ referentialId: 'cae', nodeId: node.id, url: `https://example.org/preuve/${i}` });
      else core.preuves.addFile({ referentialId: 'cae', nodeId: node.id, fileName: `preuve-${i}.txt`, bytes: new TextEncoder().encode(`Preuve n° ${i}\n`) });
    }
    const dbFile = core.ctx.db.name;
    console.log(`Espace préparé en ${(performance.now() - t0).toFixed(0)} ms : CAE ${ref.nodes.length} nœuds, ${core.statuts.list('cae').length} statuts, ${core.preuves.list('cae').length} preuves.`);

    // warm-up: one of each (statements compiled, trees cached)
    core.scores.get('cae');
    core.jalons.take({ name: 'échauffement', kind: 'manuel', referentialIds: ['cae'] });
    const sizeBefore = (core.ctx.db.pragma('page_count', { simple: true }) as number) * (core.ctx.db.pragma('page_size', { simple: true }) as number);

    const take: number[] = [];
    const cold: number[] = [];
    const recompute: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      // a statut change between samples, so each recompute and each jalon sees a new state
      const n = holders[i % holders.length]!;
      core.statuts.set({ referentialId: 'cae', nodeId: n.id, statut: statuts[i % 3]! });
      let t = performance.now();
      core.scores.get('cae');
      recompute.push(performance.now() - t);
      t = performance.now();
      core.jalons.take({ name: `Jalon ${i + 1}`, kind: 'manuel', referentialIds: ['cae'] });
      take.push(performance.now() - t);
      // the same after the tree left the cache (as after an import or at start): reread, hashed again
      core.ctx.cache.delete('cae');
      t = performance.now();
      core.jalons.take({ name: `Jalon ${i + 1} bis`, kind: 'manuel', referentialIds: ['cae'] });
      cold.push(performance.now() - t);
    }
    const sizeAfter = (core.ctx.db.pragma('page_count', { simple: true }) as number) * (core.ctx.db.pragma('page_size', { simple: true }) as number);
    const contenus = (core.ctx.db.prepare('SELECT COUNT(*) AS n FROM jalon_referentiel_contenu').get() as { n: number }).n;
    core.close();

    const j = stats(take);
    const c = stats(cold);
    const r = stats(recompute);
    console.log(`\nPrendre un jalon de CAE (${PREUVES} preuves), ${SAMPLES} échantillons :`);
    console.log(`  jalon (arbre en cache)               médiane ${fmt(j.median)}   max ${fmt(j.max)}`);
    console.log(`  jalon (arbre relu, empreinte refaite) médiane ${fmt(c.median)}   max ${fmt(c.max)}`);
    console.log(`  recalcul complet du score (référence) médiane ${fmt(r.median)}   max ${fmt(r.max)}   (même exécution, échantillons alternés)`);
    console.log(`  rapport jalon / recalcul   ${(j.median / r.median).toFixed(1)} × (arbre en cache), ${(c.median / r.median).toFixed(1)} × (arbre relu)`);
    const worst = Math.max(j.max, c.max);
    console.log(`  objectif < 500 ms : ${worst < 500 ? 'atteint' : 'NON atteint'} (pire ${worst.toFixed(1)} ms)`);
    console.log(`  place par jalon : ${((sizeAfter - sizeBefore) / (2 * SAMPLES) / 1024).toFixed(0)} Kio (référentiel stocké ${contenus} fois pour ${2 * SAMPLES + 1} jalons) ; base ${(statSync(dbFile).size / 1024 / 1024).toFixed(1)} Mio`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
