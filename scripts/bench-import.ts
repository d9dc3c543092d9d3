/**
 * Timing of the référentiel import's steps (issue 8 item 4, services/referential-import.ts) on the real TETE files:
 * CAE (structure 0.9 Mo, 1 470 nodes, + preuves) and ECi, each imported into a fresh workspace file, as the
 * renderer's upload does (bytes). Per step: median and max of the time from the step's first event to the next
 * step's; and the longest stretch the event loop stayed blocked during the step (a cancel waits at most that long
 * to be seen). Sample 1 of each file runs on a cold process (JIT not warmed), so the max shows a first import.
 * Then, for CAE, the cancel latency: a cancel due every 40 ms into the import (one import per time) and the time
 * from that moment to the import's rejection, as a cancel message arriving then would wait for the event loop (or
 * « trop tard » once the store had begun: the import then completes).
 *
 * Run: `npm run bench:import [-- samples=5]` (reads ../shared/data, or LABEL_AUDIT_SHARED_DATA).
 * Prints the figures; exits 0 whatever they are (a measurement, not a test).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createCore } from '../electron/core/core';
import { IMPORT_STEPS, runImport, type ImportStep } from '../electron/core/services/referential-import';
import { DATA } from '../tests/helpers/shared-data';

const SAMPLES = Number(process.argv.find((a) => a.startsWith('samples='))?.split('=')[1] ?? 5);
const fmt = (ms: number): string => `${ms.toFixed(1).padStart(7)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** Longest gap between two turns of the event loop while it runs (setImmediate chain). */
function loopProbe(): { stop(): void; take(): number } {
  let last = performance.now();
  let max = 0;
  let on = true;
  const tick = () => {
    const t = performance.now();
    max = Math.max(max, t - last);
    last = t;
    if (on) setImmediate(tick);
  };
  setImmediate(tick);
  return {
    stop: () => (on = false),
    take: () => {
      const t = performance.now();
      const m = Math.max(max, t - last);
      max = 0;
      last = t;
      return m;
    },
  };
}

async function sample(paths: string[]): Promise<{ step: Record<ImportStep, number>; block: Record<ImportStep, number>; total: number; nodes: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-import-'));
  const core = createCore({ dataDir, demo: false, log: () => {} });
  try {
    const files = paths.map((p) => ({ name: basename(p), bytes: new Uint8Array(readFileSync(p)) }));
    const step = Object.fromEntries(IMPORT_STEPS.map((s) => [s, 0])) as Record<ImportStep, number>;
    const block = { ...step };
    let current: ImportStep | null = null;
    let since = 0;
    const probe = loopProbe();
    const start = performance.now();
    const switchTo = (s: ImportStep | null) => {
      const t = performance.now();
      if (current !== null) {
        step[current] += t - since;
        block[current] = Math.max(block[current], probe.take());
      } else probe.take();
      current = s;
      since = t;
    };
    const result = await runImport(core.ctx, core.backups, files, { onProgress: (p) => p.step !== current && switchTo(p.step) });
    switchTo(null);
    probe.stop();
    return { step, block, total: performance.now() - start, nodes: result.nodes };
  } finally {
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

for (const [label, paths] of [
  ['CAE', [DATA.caeStructure, DATA.caePreuves]],
  ['ECi', [DATA.eciStructure, DATA.eciPreuves]],
] as const) {
  const runs = [];
  for (let i = 0; i < SAMPLES; i++) runs.push(await sample([...paths]));
  console.log(`\n${label}: ${runs[0]!.nodes} nœuds, ${SAMPLES} imports (médiane / max ; plus long blocage de la boucle d'événements)`);
  for (const s of IMPORT_STEPS) {
    const xs = runs.map((r) => r.step[s]);
    const bs = runs.map((r) => r.block[s]);
    console.log(`  ${s.padEnd(15)} ${fmt(median(xs))} / ${fmt(Math.max(...xs))}   blocage ${fmt(median(bs))} / ${fmt(Math.max(...bs))}`);
  }
  const totals = runs.map((r) => r.total);
  console.log(`  ${'total'.padEnd(15)} ${fmt(median(totals))} / ${fmt(Math.max(...totals))}`);
}

/** Aborts a CAE import `afterMs` after its start; the time until it rejects, or null when the store had begun. */
async function cancelLatency(afterMs: number): Promise<{ step: string; ms: number | null }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-import-'));
  const core = createCore({ dataDir, demo: false, log: () => {} });
  try {
    const files = [DATA.caeStructure, DATA.caePreuves].map((p) => ({ name: basename(p), bytes: new Uint8Array(readFileSync(p)) }));
    const ac = new AbortController();
    let step = '-';
    let abortedAt = 0;
    // Measured from when the cancel is due, not from when the busy loop lets the timer run (as an IPC or HTTP message).
    const due = performance.now() + afterMs;
    setTimeout(() => {
      abortedAt = due;
      ac.abort(new Error('annulé'));
    }, afterMs);
    try {
      await runImport(core.ctx, core.backups, files, { signal: ac.signal, onProgress: (p) => abortedAt === 0 && (step = p.step) });
      return { step, ms: null };
    } catch {
      return { step, ms: performance.now() - abortedAt };
    }
  } finally {
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log("\nCAE : délai entre « Annuler » et l'arrêt de l'import, selon le moment de l'annulation");
for (let at = 0; at <= 640; at += 40) {
  const r = await cancelLatency(at);
  console.log(`  à ${String(at).padStart(3)} ms (étape ${r.step.padEnd(14)}) ${r.ms === null ? 'trop tard : enregistrement commencé, import mené à son terme' : `arrêt en ${fmt(r.ms)}`}`);
}
