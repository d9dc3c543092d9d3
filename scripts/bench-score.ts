/**
 * Benchmark of TETE scoring on the real CAE tree (1 471 nodes), issue 3 "Done when":
 * 1. a full recompute **with personnalisation** (`personnalisationOf` + `teteEngine.compute`) over 1 000 random
 *    situations (identity, answers to the 48 questions the CAE rules read, statuts on up to 1 384 nodes);
 * 2. one statut change answered through the router (`appRouter.createCaller` → `statuts.set`, which writes the
 *    row and its history event in SQLite and returns the recomputed score) on a temp workspace file with CAE
 *    imported and ~600 statuts already entered;
 * each beside a baseline measured in the same run, interleaved sample by sample so that both see the same machine
 * load: one plain traversal of the same tree (depth-first from the root over the children lists, summing each
 * subtree's pointReferentiel into a Map — one linear pass giving one value per node).
 * Aims: recompute median within 20× the traversal's median; statut change median under 5 ms.
 *
 * Run: `npm run bench:score [-- situations=1000 changes=1000]` (reads ../shared/data, or LABEL_AUDIT_SHARED_DATA).
 * Prints the figures; exits 0 whatever they are (a benchmark, not a test).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { appRouter } from '../electron/core/api/router';
import { createCore } from '../electron/core/core';
import { parseTeteCsv } from '../electron/core/referential/tete-csv';
import type { Referential, Statut, StatutRecord } from '../shared/domain';
import { teteEngine } from '../shared/scoring/tete';
import { personnalisationOf } from '../shared/scoring/tete-personnalisation';
import { DATA } from '../tests/helpers/shared-data';
import { contexteArb, statutNodesOf, statutsArb } from '../tests/helpers/tete-situations';

const arg = (name: string, fallback: number): number => Number(process.argv.find((a) => a.startsWith(`${name}=`))?.split('=')[1] ?? fallback);
const SITUATIONS = arg('situations', 1000);
const CHANGES = arg('changes', 1000);
const SEED = 20_260_301;

/** Median and 99th percentile of `samples` (ms). */
function stats(samples: number[]): { median: number; p99: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, p99: s[Math.min(s.length - 1, Math.floor(s.length * 0.99))]! };
}

const fmt = (ms: number): string => `${ms.toFixed(3).padStart(8)} ms`;

/** The baseline: one plain depth-first traversal from the root, each node's subtree sum of pointReferentiel. */
function traversal(ref: Referential): () => Map<string, number> {
  const children = new Map<string, Referential['nodes']>();
  for (const n of ref.nodes) if (n.parentId !== null) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n]);
  const root = ref.nodes[0]!;
  return () => {
    const out = new Map<string, number>();
    const visit = (node: Referential['nodes'][number]): number => {
      let sum = node.pointReferentiel;
      for (const k of children.get(node.id) ?? []) sum += visit(k);
      out.set(node.id, sum);
      return sum;
    };
    visit(root);
    return out;
  };
}

/** Times `work(i)` and `baseline()` alternately for i in 0..n-1 (after `warmup` untimed rounds of each). */
function interleaved(n: number, warmup: number, work: (i: number) => unknown, baseline: () => unknown): { work: number[]; baseline: number[] } {
  for (let i = 0; i < warmup; i++) {
    work(i % n);
    baseline();
  }
  const w: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < n; i++) {
    let t = performance.now();
    baseline();
    b.push(performance.now() - t);
    t = performance.now();
    work(i);
    w.push(performance.now() - t);
  }
  return { work: w, baseline: b };
}

function report(label: string, samples: { work: number[]; baseline: number[] }, aim: string, met: (w: { median: number; p99: number }, b: { median: number; p99: number }) => boolean): void {
  const w = stats(samples.work);
  const b = stats(samples.baseline);
  console.log(`\n${label} (${samples.work.length} samples)`);
  console.log(`  measured                 median ${fmt(w.median)}   p99 ${fmt(w.p99)}`);
  console.log(`  baseline: plain traversal median ${fmt(b.median)}   p99 ${fmt(b.p99)}`);
  console.log(`  ratio                    median ${(w.median / b.median).toFixed(1).padStart(8)} ×     p99 ${(w.p99 / b.p99).toFixed(1).padStart(8)} ×`);
  console.log(`  aim: ${aim} → ${met(w, b) ? 'atteint' : 'MANQUÉ'}`);
}

const t0 = performance.now();
const cae = parseTeteCsv({ structure: { name: 'referentiel-cae-structure.csv', text: readFileSync(DATA.caeStructure, 'utf8') } });
console.log(`CAE: ${cae.nodes.length} nœuds, import CSV ${(performance.now() - t0).toFixed(0)} ms; Node ${process.version}`);
const baseline = traversal(cae);
const cold = performance.now();
teteEngine.compute(cae, new Map(), personnalisationOf(cae, {}));
console.log(`premier calcul (structure, règles analysées et mises en cache par référentiel) : ${(performance.now() - cold).toFixed(1)} ms`);

// 1. Full recompute with personnalisation over random situations (generated before timing).
const situations = fc.sample(fc.tuple(contexteArb(cae), statutsArb(cae, 1384)), { seed: SEED, numRuns: SITUATIONS }).map(([contexte, entries]) => ({ contexte, statuts: new Map(entries) }));
const meanStatuts = situations.reduce((s, x) => s + x.statuts.size, 0) / situations.length;
console.log(`${situations.length} situations aléatoires (graine ${SEED}), ${meanStatuts.toFixed(0)} statuts en moyenne`);
const recompute = interleaved(situations.length, 200, (i) => {
  const { contexte, statuts } = situations[i]!;
  return teteEngine.compute(cae, statuts, personnalisationOf(cae, contexte));
}, baseline);
report('Recalcul complet CAE avec personnalisation (personnalisationOf + compute)', recompute, 'médiane ≤ 20 × le parcours', (w, b) => w.median <= 20 * b.median);

// 1 b. The engine alone, worst case (was scripts/bench-tete.ts): a statut on each of the 1 384 nodes, kinds cycling, some non concernés.
const kinds: ((id: string) => StatutRecord)[] = [
  (nodeId) => ({ nodeId, avancement: 'fait', detail: null, concerne: true }),
  (nodeId) => ({ nodeId, avancement: 'programme', detail: null, concerne: true }),
  (nodeId) => ({ nodeId, avancement: 'pas_fait', detail: null, concerne: true }),
  (nodeId) => ({ nodeId, avancement: 'detaille', detail: [0.5, 0.3, 0.2], concerne: true }),
  (nodeId) => ({ nodeId, avancement: 'non_renseigne', detail: null, concerne: false }),
  (nodeId) => ({ nodeId, avancement: 'non_renseigne', detail: null, concerne: true }),
];
const everyStatut = new Map(statutNodesOf(cae).map((id, i) => [id, kinds[(i * 7) % kinds.length]!(id)]));
const alone = interleaved(SITUATIONS, 200, () => teteEngine.compute(cae, everyStatut), baseline);
report(`Moteur seul, ${everyStatut.size} statuts, sans personnalisation (ancien bench-tete)`, alone, 'médiane ≤ 20 × le parcours', (w, b) => w.median <= 20 * b.median);

// 2. One statut change through the router, on a workspace file (WAL) with CAE imported and statuts entered.
const tmp = mkdtempSync(join(tmpdir(), 'label-audit-bench-'));
try {
  const core = createCore({ dataDir: tmp, demo: false, user: 'Banc d’essai', log: () => {} });
  core.referentials.import([DATA.caeStructure]);
  const caller = appRouter.createCaller({ core });
  const nodes = statutNodesOf(cae);
  const rand = fc.sample(fc.tuple(fc.nat({ max: nodes.length - 1 }), fc.constantFrom<Statut>('fait', 'programme', 'pas_fait', 'non_renseigne', 'detaille')), {
    seed: SEED + 1,
    numRuns: CHANGES + 800,
  });
  const input = (i: number) => {
    const [k, statut] = rand[i % rand.length]!;
    return { referentialId: 'cae', nodeId: nodes[k]!, statut, ...(statut === 'detaille' ? { detail: [0.5, 0.3, 0.2] as [number, number, number] } : {}) };
  };
  const seedStart = performance.now();
  for (let i = CHANGES; i < CHANGES + 800; i++) core.statuts.set(input(i)); // ~600 distinct statuts before timing
  const stored = core.statuts.list('cae').length;
  console.log(`\nEspace de travail temporaire : ${stored} statuts saisis avant la mesure (${((performance.now() - seedStart) / 800).toFixed(2)} ms par saisie à froid)`);
  // createCaller procedures are async: time each call to its resolution, one at a time.
  const samples = { work: [] as number[], baseline: [] as number[] };
  const run = async (): Promise<void> => {
    for (let i = 0; i < 100; i++) await caller.statuts.set(input(CHANGES + i)); // warm-up
    for (let i = 0; i < CHANGES; i++) {
      let t = performance.now();
      baseline();
      samples.baseline.push(performance.now() - t);
      t = performance.now();
      await caller.statuts.set(input(i));
      samples.work.push(performance.now() - t);
    }
  };
  await run();
  report('Changement de statut via le routeur (statuts.set, écriture SQLite + historique + score recalculé)', samples, 'médiane < 5 ms', (w) => w.median < 5);
  core.close();
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
