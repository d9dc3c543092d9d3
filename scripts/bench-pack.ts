/**
 * Benchmark of the audit pack builder (electron/core/pack): 2 000 generated evidence files (~200 MB, half
 * incompressible "pdf/jpg" stored as is, half text deflated) on a generated 100-mesure referential.
 * Prints MB/s of buildPack and verifyPack against a baseline of plain `fs.copyFile` of the same files in the
 * same run, and the peak RSS of each phase.
 *
 * Run: npx tsx scripts/bench-pack.ts [files=2000] [totalMB=200]
 */
import { createHash, randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NodeScore, Referential, ReferentialNode, ScoreResult } from '../shared/domain';
import { buildPack, verifyPack } from '../electron/core/pack/index';
import type { PackInput, PackPreuve } from '../electron/core/pack/types';

const FILES = Number(process.argv[2] ?? 2000);
const TOTAL_MB = Number(process.argv[3] ?? 200);
const MB = 1024 * 1024;

/** Deterministic PRNG (mulberry32) so that every run builds the same tree and sizes. */
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

/** Samples RSS every 20 ms while `fn` runs; returns its duration (s) and the peak RSS (MB). */
async function measure<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number; peakMB: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  try {
    const value = await fn();
    return { value, seconds: (performance.now() - t0) / 1000, peakMB: Math.max(peak, process.memoryUsage().rss) / MB };
  } finally {
    clearInterval(timer);
  }
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-pack-'));
  try {
    const rnd = prng(42);
    const store = join(dir, 'evidence');
    const avg = (TOTAL_MB * MB) / FILES;
    const { ref, score, mesures } = referential();
    const preuves: PackPreuve[] = [];
    let total = 0;
    const textLine = Buffer.from('Compte rendu du comité de pilotage : consommation énergétique des bâtiments communaux, 2025.\n');
    for (let i = 0; i < FILES; i++) {
      const size = Math.max(1024, Math.round(avg * (0.2 + 1.6 * rnd())));
      const binary = i % 2 === 0;
      const bytes = binary ? randomBytes(size) : Buffer.concat(Array.from({ length: Math.ceil(size / textLine.length) }, (_, k) => (k % 7 === 0 ? Buffer.from(`ligne ${i}-${k}\n`) : textLine))).subarray(0, size);
      const h = createHash('sha256').update(bytes).digest('hex');
      await mkdir(join(store, h.slice(0, 2)), { recursive: true });
      await writeFile(join(store, h.slice(0, 2), h.slice(2)), bytes);
      total += bytes.length;
      const ext = binary ? (i % 4 === 0 ? 'pdf' : 'jpg') : 'txt';
      const nodeId = mesures[Math.floor(rnd() * mesures.length)] as string;
      preuves.push({ id: `p${i}`, kind: 'fichier', titre: `Preuve ${i}`, fileName: `preuve-${i}.${ext}`, size: bytes.length, sha256: h, url: null, addedAt: '2026-01-01', nodeIds: [nodeId] });
    }
    const paths = preuves.map((p) => join(store, (p.sha256 as string).slice(0, 2), (p.sha256 as string).slice(2)));
    console.log(`${FILES} fichiers de preuve, ${(total / MB).toFixed(1)} Mo (moitié incompressible stockée, moitié texte compressée), Node ${process.version}`);

    const copyDir = join(dir, 'copy');
    await mkdir(copyDir);
    const copy = await measure(async () => {
      for (let i = 0; i < paths.length; i++) await copyFile(paths[i] as string, join(copyDir, `f${i}`));
    });
    await rm(copyDir, { recursive: true });

    const input: PackInput = {
      appVersion: 'bench', workspace: { nom: 'Commune de Banc-d’Essai', typeCollectivite: 'commune', codeInsee: null, population: null },
      referential: ref, score, jalon: { nom: 'Banc', date: '2026-04-01T00:00:00Z' }, statuts: new Map(), pilotes: new Map(), preuves,
      evidencePath: (h) => join(store, h.slice(0, 2), h.slice(2)),
    };
    const out = join(dir, 'pack.zip');
    let firstProgress = 0;
    const t0 = performance.now();
    const build = await measure(() =>
      buildPack(input, out, {
        onProgress: () => {
          if (firstProgress === 0) firstProgress = performance.now() - t0;
        },
      }),
    );
    // Until the first evidence file is done: stat pass + rapport.pdf + grille.xlsx/csv + audit.json.
    const docsSeconds = firstProgress / 1000;
    const zipBytes = (await stat(out)).size;
    const verify = await measure(() => verifyPack(out));

    const rate = (s: number) => `${(total / MB / s).toFixed(1)} Mo/s`;
    console.log(`fs.copyFile (référence) : ${copy.seconds.toFixed(2)} s, ${rate(copy.seconds)}, RSS max ${copy.peakMB.toFixed(0)} Mo`);
    console.log(`buildPack               : ${build.seconds.toFixed(2)} s, ${rate(build.seconds)} (${(copy.seconds / build.seconds * 100).toFixed(0)} % de copyFile), RSS max ${build.peakMB.toFixed(0)} Mo, zip ${(zipBytes / MB).toFixed(1)} Mo, ${build.value.entries} entrées`);
 console.log(`  dont documents (stat, PDF, XLSX, CSV, JSON) ≈ ${docsSeconds.toFixed(2)} s ; preuves seules ≈ ${rate(build.seconds - docsSeconds)}`);
    console.log(`verifyPack              : ${verify.seconds.toFixed(2)} s, ${rate(verify.seconds)}, RSS max ${verify.peakMB.toFixed(0)} Mo, ok=${verify.value.ok} (${verify.value.problems.length} problème(s))`);
    console.log(`RSS max du processus (getrusage) : ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} Mo`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
