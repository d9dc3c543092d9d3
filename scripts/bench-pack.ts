/**
 * Benchmark of the audit pack (issue 4 "Done when"): a pack over 1 GiB of generated incompressible evidence files
 * of mixed sizes (1 KiB to 50 MiB, log-uniform, stored formats: pdf, jpg, png, mp4, docx), on a generated
 * 100-mesure referential, against baselines measured in the same run on the same files:
 * - export (`buildPack`, zip fsynced) against Info-ZIP `zip -0 -r` of the evidence store followed by an fsync of
 *   its zip (`sync FILE`), so both put the same bytes on the disk;
 * - verify (`verifyPack`) against `sha256sum` of the same evidence files.
 * Each measure runs `rounds` times, alternating ours and the baseline, and the fastest of each is kept (the
 * machine is shared). Ours runs in a child process so that its peak RSS (getrusage maxRSS) is its own.
 * Aims: export ≤ 1.3 × zip -0, verify ≤ 1.3 × sha256sum, peak RSS < 200 MB whatever the total size.
 *
 * Run: `npm run bench:pack [-- totalMiB=1100 rounds=2]`. Needs /usr/bin/zip (Debian package `zip`) and sha256sum.
 * Prints the figures; exits 0 whatever they are (a benchmark, not a test).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomFillSync } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NodeScore, Referential, ReferentialNode, ScoreResult } from '../shared/domain';
import { buildPack, verifyPack } from '../electron/core/pack/index';
import type { PackInput, PackPreuve } from '../electron/core/pack/types';

const MiB = 1024 * 1024;
const arg = (name: string, fallback: number): number => Number(process.argv.find((a) => a.startsWith(`${name}=`))?.split('=')[1] ?? fallback);

/** Deterministic PRNG (mulberry32) so that every run builds the same sizes and tree. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function node(identifiant: string, type: string, nom: string, points: number): ReferentialNode {
  const parts = identifiant.split('.');
  const depth = identifiant === '' ? 0 : parts.length;
  return {
    id: depth === 0 ? 'bench' : `bench_${identifiant}`,
    parentId: depth === 0 ? null : depth === 1 ? 'bench' : `bench_${parts.slice(0, -1).join('.')}`,
    identifiant, depth, type, nom, description: null, contexte: null, exemples: null, ressources: null,
    perimetreEvaluation: null, reductionPotentiel: null, categorie: null, points, pourcentage: null,
    pointReferentiel: points, ordre: 0, meta: {},
  };
}

function zeroScore(pot: number): NodeScore {
  return {
    pointReferentiel: pot, pointPotentiel: pot, pointPotentielPerso: null, pointFait: 0, pointProgramme: 0, pointPasFait: 0,
    pointNonRenseigne: pot, totalTachesCount: 1, completedTachesCount: 0, faitTachesAvancement: 0, programmeTachesAvancement: 0,
    pasFaitTachesAvancement: 0, pasConcerneTachesAvancement: 0, concerne: true, desactive: false, renseigne: false, statut: null,
  };
}

/** 5 axes × 4 sous-axes × 5 mesures (100 mesures, 5 points each). */
function referential(): { ref: Referential; score: ScoreResult; mesures: string[] } {
  const nodes = [node('', 'referentiel', 'Référentiel de banc d’essai', 500)];
  const scores: Record<string, NodeScore> = {};
  const mesures: string[] = [];
  for (let a = 1; a <= 5; a++) {
    nodes.push(node(`${a}`, 'axe', `Axe n° ${a} : énergie, climat et « sobriété »`, 100));
    for (let s = 1; s <= 4; s++) {
      nodes.push(node(`${a}.${s}`, 'sous-axe', `Sous-axe ${a}.${s} — bâtiments et équipements`, 25));
      for (let m = 1; m <= 5; m++) {
        const n = node(`${a}.${s}.${m}`, 'action', `Mesure ${a}.${s}.${m} : réduire l’empreinte du patrimoine`, 5);
        nodes.push(n);
        mesures.push(n.id);
      }
    }
  }
  for (const n of nodes) if (n.depth > 0) scores[n.id] = zeroScore(n.pointReferentiel);
  const ref: Referential = {
    id: 'bench', version: '1', nom: 'Banc d’essai', model: 'tete', hierarchie: ['referentiel', 'axe', 'sous-axe', 'action'],
    actionLevel: 3, redistribution: true, niveaux: [], avertissement: null, nodes, preuvesAttendues: [],
  };
  return { ref, score: { referential: { id: 'bench', version: '1' }, root: { ...zeroScore(500), score: 0, completude: 0, niveau: null }, nodes: scores }, mesures };
}

function inputOf(dir: string): PackInput {
  const { ref, score } = referential();
  const preuves = JSON.parse(readFileSync(join(dir, 'preuves.json'), 'utf8')) as PackPreuve[];
  const store = join(dir, 'evidence');
  return {
    appVersion: 'bench', workspace: { nom: 'Commune de Banc-d’Essai', typeCollectivite: 'commune', codeInsee: null, population: null },
    referential: ref, score, jalon: { nom: 'Banc', date: '2026-04-01T00:00:00Z' }, statuts: new Map(), pilotes: new Map(), preuves,
    evidencePath: (h) => join(store, h.slice(0, 2), h.slice(2)),
  };
}

/**
 * Writes incompressible files (random bytes, 1 MiB buffer refilled for every MiB) of log-uniform sizes from 1 KiB
 * to 50 MiB (the first two exactly 1 KiB and 50 MiB) until `totalBytes`, in a content-addressed store under `dir`,
 * and their preuves (one mesure each) in `dir/preuves.json`. Returns the byte total and the file paths.
 */
function generate(dir: string, totalBytes: number): { total: number; paths: string[] } {
  const rnd = prng(42);
  const { mesures } = referential();
  const store = join(dir, 'evidence');
  const buf = Buffer.allocUnsafe(MiB);
  const exts = ['pdf', 'jpg', 'png', 'mp4', 'docx'];
  const preuves: PackPreuve[] = [];
  const paths: string[] = [];
  let total = 0;
  for (let i = 0; total < totalBytes; i++) {
    const size = i === 0 ? 1024 : i === 1 ? 50 * MiB : Math.round(1024 * Math.exp(rnd() * Math.log(50 * 1024)));
    const hash = createHash('sha256');
    const tmp = join(dir, 'tmp');
    const fd = openSync(tmp, 'w');
    for (let done = 0; done < size; ) {
      const n = Math.min(MiB, size - done);
      randomFillSync(buf, 0, n);
      hash.update(buf.subarray(0, n));
      writeSync(fd, buf, 0, n);
      done += n;
    }
    closeSync(fd);
    const h = hash.digest('hex');
    mkdirSync(join(store, h.slice(0, 2)), { recursive: true });
    const path = join(store, h.slice(0, 2), h.slice(2));
    renameSync(tmp, path);
    paths.push(path);
    total += size;
    const ext = exts[i % exts.length] as string;
    const nodeId = mesures[Math.floor(rnd() * mesures.length)] as string;
    preuves.push({ id: `p${i}`, kind: 'fichier', titre: `Preuve ${i}`, fileName: `preuve-${i}.${ext}`, size, sha256: h, url: null, addedAt: '2026-01-01', nodeIds: [nodeId] });
  }
  writeFileSync(join(dir, 'preuves.json'), JSON.stringify(preuves));
  return { total, paths };
}

interface ChildResult {
  seconds: number;
  maxRssMiB: number;
  detail: string;
}

/** Child-process side: runs one phase and prints a ChildResult as JSON. */
async function child(phase: string, dir: string): Promise<void> {
  const out = join(dir, 'pack.zip');
  const startMiB = process.memoryUsage().rss / MiB;
  let docsPeakMiB = 0;
  const t0 = performance.now();
  let detail: string;
  if (phase === 'build') {
    rmSync(out, { force: true });
    let first = true;
    const r = await buildPack(inputOf(dir), out, {
      onProgress: () => {
        if (first) docsPeakMiB = process.resourceUsage().maxRSS / 1024;
        first = false;
      },
    });
    detail = `${r.entries} entrées, ${(r.bytes / MiB).toFixed(1)} Mio, RSS ${startMiB.toFixed(0)} Mio au départ, ${docsPeakMiB.toFixed(0)} Mio après les documents`;
  } else {
    const r = await verifyPack(out);
    detail = `RSS ${startMiB.toFixed(0)} Mio au départ, ok=${r.ok}${r.ok ? '' : ` (${r.problems.slice(0, 3).join(' | ')})`}`;
  }
  const seconds = (performance.now() - t0) / 1000;
  const res: ChildResult = { seconds, maxRssMiB: process.resourceUsage().maxRSS / 1024, detail };
  process.stdout.write(JSON.stringify(res));
}

function runChild(phase: string, dir: string): ChildResult {
  const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), `--child=${phase}`, dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`phase ${phase} : ${r.stderr}`);
  return JSON.parse(r.stdout) as ChildResult;
}

function timeCommand(cmd: string, args: string[], cwd: string): number {
  const t0 = performance.now();
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 64 * MiB });
  return (performance.now() - t0) / 1000;
}

async function main(): Promise<void> {
  const totalMiB = arg('totalMiB', 1100);
  const rounds = Math.max(1, arg('rounds', 2));
  const dir = mkdtempSync(join(tmpdir(), 'bench-pack-'));
  try {
    let t0 = performance.now();
    const { total, paths } = generate(dir, totalMiB * MiB);
    const sizes = paths.map((p) => statSync(p).size);
    console.log(
      `${paths.length} fichiers incompressibles, ${(total / MiB).toFixed(0)} Mio (de ${(Math.min(...sizes) / 1024).toFixed(0)} Kio à ${(Math.max(...sizes) / MiB).toFixed(0)} Mio), générés en ${((performance.now() - t0) / 1000).toFixed(1)} s ; Node ${process.version}, ${rounds} tour(s), meilleur temps retenu`,
    );
    const zipOut = join(dir, 'infozip.zip');
    const best = { build: Infinity, zip: Infinity, verify: Infinity, sha: Infinity, zipNoSync: Infinity };
    let buildRss = 0;
    let verifyRss = 0;
    let buildDetail = '';
    let verifyDetail = '';
    for (let r = 0; r < rounds; r++) {
      rmSync(zipOut, { force: true });
      t0 = performance.now();
      execFileSync('zip', ['-0', '-r', '-q', zipOut, '.'], { cwd: join(dir, 'evidence'), stdio: 'inherit' });
      best.zipNoSync = Math.min(best.zipNoSync, (performance.now() - t0) / 1000);
      execFileSync('sync', [zipOut]);
      best.zip = Math.min(best.zip, (performance.now() - t0) / 1000);

      const b = runChild('build', dir);
      best.build = Math.min(best.build, b.seconds);
      buildRss = Math.max(buildRss, b.maxRssMiB);
      buildDetail = b.detail;

      const sha = timeCommand('sh', ['-c', 'find . -type f -print0 | xargs -0 sha256sum > /dev/null'], join(dir, 'evidence'));
      best.sha = Math.min(best.sha, sha);

      const v = runChild('verify', dir);
      best.verify = Math.min(best.verify, v.seconds);
      verifyRss = Math.max(verifyRss, v.maxRssMiB);
      verifyDetail = v.detail;
    }
    const rate = (s: number) => `${(total / MiB / s).toFixed(0)} Mio/s`;
    console.log(`zip -0 -r + fsync (réf.) : ${best.zip.toFixed(2)} s, ${rate(best.zip)} (sans fsync ${best.zipNoSync.toFixed(2)} s)`);
    console.log(`buildPack (fsync)        : ${best.build.toFixed(2)} s, ${rate(best.build)}, ${buildDetail}, RSS max ${buildRss.toFixed(0)} Mio`);
    console.log(`  rapport export / zip -0 : ${(best.build / best.zip).toFixed(2)} × (objectif ≤ 1,3 ×)`);
    console.log(`sha256sum (réf.)         : ${best.sha.toFixed(2)} s, ${rate(best.sha)}`);
    console.log(`verifyPack               : ${best.verify.toFixed(2)} s, ${rate(best.verify)}, ${verifyDetail}, RSS max ${verifyRss.toFixed(0)} Mio`);
    console.log(`  rapport verify / sha256sum : ${(best.verify / best.sha).toFixed(2)} × (objectif ≤ 1,3 ×)`);
    console.log(`RSS max (export, verify) : ${Math.max(buildRss, verifyRss).toFixed(0)} Mio (objectif < 200 Mo)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const childPhase = process.argv.find((a) => a.startsWith('--child='))?.slice('--child='.length);
if (childPhase !== undefined) await child(childPhase, process.argv[process.argv.indexOf(`--child=${childPhase}`) + 1] as string);
else await main();
