/**
 * Crash harness (issue 7 item 1): a child process (child.ts) opens a workspace as the app does and makes a stream
 * of changes, printing each one whose call returned; the parent SIGKILLs it at a random moment — during its start
 * one time in ten, else 0 to `maxDelayMs` after it is ready — then reopens the store and checks (verify.ts):
 * - `PRAGMA integrity_check` is ok and `PRAGMA foreign_key_check` empty;
 * - every evidence file hashes to its name; nothing but `ab/cdef…` files and temp files in the store;
 * - every file preuve of the database has its bytes, of the recorded size;
 * - every acknowledged change is present (by its unique tag), the last acknowledged statut of each node is not
 *   overwritten by an older one, and each statut row agrees with the last history event of its node;
 * - every backup file is a complete, intact database (journal DELETE, our application_id and schema).
 * Each kill gets a fresh child; the store carries over from one child to the next (each starts on the previous
 * crash). `jobs` workspaces (default 2) are killed in parallel, each by its own sequence of children. One kill in 20 is instead of a first start on an empty data folder (workspace being created and seeded),
 * after which the folder must open as the app would. The child is bundled once per run with esbuild (exceljs and pdfkit stubbed: the child never builds a
 * pack), which starts in about 0.3 s instead of 1.3 s through tsx; without esbuild it falls back to tsx.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../../electron/core/core';
import { CRASH_GRID_ID, crashGridCsv, type Ack } from './ops';
import { checkFirstStart, type VerifyCache, verifyStore } from './verify';

export { verifyStore, type Verification } from './verify';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Options of `runCrashHarness`. */
export interface CrashHarnessOptions {
  /** Number of SIGKILLs (one child each). */
  kills: number;
  /** PRNG seed of the children's changes and of the kill moments (printed, to replay a run). Default: random. */
  seed?: number;
  /** Latest kill after the child is ready, in ms (default 250). */
  maxDelayMs?: number;
  /** Keep the work folder (data dir, sources) instead of deleting it. */
  keep?: boolean;
  /** The first child acknowledges a change it never makes (the harness's own test: it must report it lost). */
  lie?: boolean;
  /** Called after each verification with the kill number (1-based) and the data dir (the harness's own test). */
  between?: (kill: number, dataDir: string) => void;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
  /** One kill in this many is of a first start on an empty data folder (default 20). */
  firstStartEvery?: number;
  /** Workspaces killed in parallel, each by its own sequence of children (default 2: the machine's cores). */
  jobs?: number;
}

/** What a run found. `corrupt`: kills after which a corruption check failed; `lost`: distinct acknowledged changes missing. */
export interface CrashReport {
  kills: number;
  jobs: number;
  corrupt: number;
  lost: number;
  seed: number;
  /** The first 20 distinct problems, in French. */
  problems: string[];
  /** Children that failed on their own (not killed), with their stderr. */
  childErrors: string[];
  acknowledged: number;
  byKind: Record<Ack['k'], number>;
  /** Distinct temp files left by killed children, seen at the checks (swept by the next start). */
  leftovers: number;
  leftoverKinds: { evidence: number; sauvegardes: number };
  seconds: number;
  /** Medians, in ms: spawn → ready, one verification. */
  startupMs: number;
  verifyMs: number;
  bundled: boolean;
}

/** The line CI prints: `N kills, 0 corrupt, 0 lost`. */
export function summaryLine(r: Pick<CrashReport, 'kills' | 'corrupt' | 'lost'>): string {
  return `${r.kills} kills, ${r.corrupt} corrupt, ${r.lost} lost`;
}

/** How to start a child: node with the esbuild bundle of child.ts, or node --import tsx when esbuild is absent. */
interface ChildCommand {
  args: string[];
  bundled: boolean;
  cleanup(): void;
}

async function childCommand(): Promise<ChildCommand> {
  const entry = join(ROOT, 'tests', 'crash', 'child.ts');
  try {
    const esbuild = await import('esbuild');
    // Inside the repository so that node resolves better-sqlite3 & co. from its node_modules, and three folders
    // deep like electron/core/referential/builtin.ts, whose `../../../referential/` must still reach the grid.
    const outdir = join(ROOT, 'out', 'crash', `run-${process.pid}-${randomBytes(4).toString('hex')}`);
    const outfile = join(outdir, 'child.mjs');
    await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile,
      logLevel: 'silent',
      plugins: [
        {
          name: 'stub-pack-libraries',
          setup(build) {
            build.onResolve({ filter: /^(exceljs|pdfkit)$/ }, (args) => ({ path: args.path, namespace: 'stub' }));
            build.onLoad({ filter: /.*/, namespace: 'stub' }, (args) => ({
              contents: `const fail = () => { throw new Error('${args.path} absent du processus de test de crash'); };\nexport default new Proxy(function () {}, { get: fail, apply: fail, construct: fail });\n`,
              loader: 'js',
            }));
          },
        },
      ],
    });
    return { args: [outfile], bundled: true, cleanup: () => rmSync(outdir, { recursive: true, force: true }) };
  } catch {
    return { args: ['--import', 'tsx', entry], bundled: false, cleanup: () => undefined };
  }
}

/** One child's life: spawned, killed at the chosen moment; its acknowledged lines and timings. */
async function killOneChild(
  cmd: ChildCommand,
  args: string[],
  plan: { early: boolean; delayMs: number },
): Promise<{ acks: Ack[]; readyMs: number | null; error: string | null }> {
  const started = performance.now();
  const child = spawn(process.execPath, [...cmd.args, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let readyMs: number | null = null;
  let killedByUs = false;
  const kill = () => {
    killedByUs = true;
    child.kill('SIGKILL');
  };
  const watchdog = setTimeout(kill, 60_000);
  let timer: NodeJS.Timeout | undefined = plan.early ? setTimeout(kill, plan.delayMs) : undefined;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    if (readyMs === null && out.startsWith('ready\n')) {
      readyMs = performance.now() - started;
      if (!plan.early) timer = setTimeout(kill, plan.delayMs);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('close', (c, s) => done({ code: c, signal: s })));
  clearTimeout(watchdog);
  if (timer) clearTimeout(timer);
  // Only whole lines count: a line is written with one synchronous write, after the call returned.
  const lines = out.split('\n').slice(0, -1);
  const acks = lines.filter((l) => l !== 'ready').map((l) => JSON.parse(l) as Ack);
  const failed = !(killedByUs && signal === 'SIGKILL');
  return { acks, readyMs, error: failed ? `enfant terminé seul (code ${code}, signal ${signal}) : ${err.trim().slice(0, 500)}` : null };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : Math.round(s[Math.floor(s.length / 2)]!);
};

/**
 * Runs `opts.kills` kill-and-check cycles on a fresh workspace (created here: the empty « Ma collectivité » with
 * Label NR, plus the small crash grid) in a temp folder, and reports what the checks found (see the file docstring).
 */
export async function runCrashHarness(opts: CrashHarnessOptions): Promise<CrashReport> {
  const seed = opts.seed ?? Math.floor(Math.random() * 2 ** 31);
  const maxDelay = opts.maxDelayMs ?? 250;
  const jobs = Math.max(1, Math.min(opts.jobs ?? 2, opts.kills || 1));
  const log = opts.log ?? (() => undefined);
  const work = mkdtempSync(join(tmpdir(), 'label-audit-crash-'));
  const sources = join(work, 'sources');
  mkdirSync(sources);
  const t0 = performance.now();
  // One lane per job: its own workspace, its own children one after the other, its own acknowledged changes.
  const lanes = await Promise.all(
    Array.from({ length: jobs }, async (_, j) => {
      const dataDir = join(work, `data-${j + 1}`);
      const template = createCore({ dataDir, demo: false, user: 'crash', log: () => undefined });
      await template.referentials.importAsync([{ name: 'c0-0.csv', text: crashGridCsv('c0-0') }], { id: CRASH_GRID_ID, format: 'grid-csv' });
      template.close();
      let state = (seed + j * 7919) >>> 0;
      const rand = (): number => {
        state = (Math.imul(state, 1103515245) + 12345) >>> 0;
        return state / 2 ** 32;
      };
      return { dataDir, rand, acks: [] as Ack[], cache: { evidence: new Map(), backups: new Set() } as VerifyCache };
    }),
  );

  const cmd = await childCommand();
  const corruptKills: number[] = [];
  const lost = new Set<string>();
  const problems = new Set<string>();
  const childErrors: string[] = [];
  const startups: number[] = [];
  const verifies: number[] = [];
  const leftovers = new Set<string>();
  let next = 1;
  let done = 0;
  const acknowledged = () => lanes.reduce((n, l) => n + l.acks.length, 0);
  const finished = () => {
    done++;
    if (done % 50 === 0 || done === opts.kills) log(`${done} kills, ${corruptKills.length} corrupt, ${lost.size} lost (${acknowledged()} changements acquittés)`);
  };

  async function firstStart(lane: (typeof lanes)[number], k: number): Promise<void> {
    // A first start (empty data folder: creating and seeding the workspace) killed during its start.
    const fresh = join(work, `premier-demarrage-${k}`);
    const life = await killOneChild(cmd, [fresh, sources, String(k), String(seed), ''], { early: true, delayMs: Math.floor(lane.rand() * 900) });
    if (life.error) childErrors.push(`kill ${k} (premier démarrage) : ${life.error}`);
    const problem = checkFirstStart(fresh);
    if (problem) {
      corruptKills.push(k);
      problems.add(`corruption : premier démarrage tué : ${problem}`);
    }
    rmSync(fresh, { recursive: true, force: true });
  }

  async function killAndCheck(lane: (typeof lanes)[number], k: number): Promise<void> {
    const early = lane.rand() < 0.1;
    const plan = { early, delayMs: Math.floor(lane.rand() * (early ? 600 : maxDelay)) };
    const life = await killOneChild(cmd, [lane.dataDir, sources, String(k), String(seed), opts.lie && k === 1 ? 'lie' : ''], plan);
    lane.acks.push(...life.acks);
    if (life.readyMs !== null) startups.push(life.readyMs);
    if (life.error) childErrors.push(`kill ${k} : ${life.error}`);
    const v0 = performance.now();
    const v = verifyStore(lane.dataDir, lane.acks, lane.cache);
    verifies.push(performance.now() - v0);
    for (const l of v.leftovers) leftovers.add(l);
    if (v.corrupt.length > 0) corruptKills.push(k);
    for (const p of v.corrupt) problems.add(`corruption : ${p}`);
    for (const l of v.lost) {
      lost.add(l);
      problems.add(`perte : ${l}`);
    }
    opts.between?.(k, lane.dataDir);
  }

  try {
    await Promise.all(
      lanes.map(async (lane) => {
        while (next <= opts.kills) {
          const k = next++;
          if (k % (opts.firstStartEvery ?? 20) === 0) await firstStart(lane, k);
          else await killAndCheck(lane, k);
          finished();
        }
      }),
    );
  } finally {
    cmd.cleanup();
    if (!opts.keep) rmSync(work, { recursive: true, force: true });
  }
  const acks = lanes.flatMap((l) => l.acks);
  const byKind = { statut: 0, fichier: 0, lien: 0, import: 0, sauvegarde: 0 };
  for (const a of acks) byKind[a.k]++;
  return {
    kills: opts.kills,
    jobs,
    corrupt: corruptKills.length,
    lost: lost.size,
    seed,
    problems: [...problems].slice(0, 20),
    childErrors: childErrors.slice(0, 20),
    acknowledged: acks.length,
    byKind,
    leftovers: leftovers.size,
    leftoverKinds: {
      evidence: [...leftovers].filter((l) => l.startsWith('evidence/')).length,
      sauvegardes: [...leftovers].filter((l) => l.startsWith('sauvegardes/')).length,
    },
    seconds: Math.round((performance.now() - t0) / 100) / 10,
    startupMs: median(startups),
    verifyMs: median(verifies),
    bundled: cmd.bundled,
  };
}
