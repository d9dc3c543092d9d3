/**
 * Times the `tete` engine on the real CAE tree (1 470 nodes) against trivial baselines.
 * Run: `npx tsx scripts/bench-tete.ts` (reads ../shared/data, or LABEL_AUDIT_SHARED_DATA).
 * Prints the time per compute in milliseconds (median and p95 over many runs, after a warm-up).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTeteCsv } from '../electron/core/referential/tete-csv';
import type { StatutRecord } from '../shared/domain';
import { teteEngine } from '../shared/scoring/tete';

const here = dirname(fileURLToPath(import.meta.url));
const sharedData = process.env.LABEL_AUDIT_SHARED_DATA ?? resolve(here, '../../shared/data');
const samples = join(sharedData, 'tet-referentiels/snapshot-2026-08-07_dbb36dc/apps/backend/src/referentiels/import-referentiel/samples');
const structurePath = join(samples, 'referentiel-cae-structure.csv');

const t0 = performance.now();
const cae = parseTeteCsv({ structure: { name: 'referentiel-cae-structure.csv', text: readFileSync(structurePath, 'utf8') } });
const importMs = performance.now() - t0;

// A statut on every sous-action and tâche, cycling through the kinds (deterministic), some non concernés.
const kinds: ((id: string) => StatutRecord)[] = [
  (nodeId) => ({ nodeId, avancement: 'fait', detail: null, concerne: true }),
  (nodeId) => ({ nodeId, avancement: 'programme', detail: null, concerne: true }),
  (nodeId) => ({ nodeId, avancement: 'pas_fait', detail: null, concerne: true }),
  (nodeId) => ({ nodeId, avancement: 'detaille', detail: [0.5, 0.3, 0.2], concerne: true }),
  (nodeId) => ({ nodeId, avancement: 'non_renseigne', detail: null, concerne: false }),
  (nodeId) => ({ nodeId, avancement: 'non_renseigne', detail: null, concerne: true }),
];
const statuts = new Map<string, StatutRecord>();
cae.nodes.filter((n) => n.depth > cae.actionLevel).forEach((n, i) => statuts.set(n.id, kinds[(i * 7) % kinds.length]!(n.id)));

function time(label: string, runs: number, fn: () => unknown): number {
  for (let i = 0; i < 200; i++) fn();
  const samplesMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    fn();
    samplesMs.push(performance.now() - s);
  }
  samplesMs.sort((a, b) => a - b);
  const median = samplesMs[Math.floor(runs / 2)]!;
  const p95 = samplesMs[Math.floor(runs * 0.95)]!;
  console.log(`${label.padEnd(48)} median ${median.toFixed(4)} ms   p95 ${p95.toFixed(4)} ms`);
  return median;
}

console.log(`CAE: ${cae.nodes.length} nodes, ${statuts.size} statuts; import (CSV parse + tree + points): ${importMs.toFixed(1)} ms`);
const cold = performance.now();
const first = teteEngine.compute(cae, statuts);
console.log(`first compute (builds the cached structure)        ${(performance.now() - cold).toFixed(3)} ms; root ${first.root.pointFait} / ${first.root.pointPotentiel} pts`);
const clone = time('baseline: clone the statuts map', 2000, () => new Map(statuts));
const walk = time('baseline: one object per node ({...node})', 2000, () => cae.nodes.map((n) => ({ ...n })));
const engine = time('teteEngine.compute (CAE, all statuts)', 2000, () => teteEngine.compute(cae, statuts));
time('teteEngine.compute (CAE, no statut)', 2000, () => teteEngine.compute(cae, new Map()));
console.log(`engine / clone = ${(engine / clone).toFixed(1)}×, engine / per-node copy = ${(engine / walk).toFixed(1)}×`);
