/**
 * Load test of sharing on the local network (issue 5 item 4, "Done when"): on loopback, the app in browser mode
 * (electron/web.ts) turns sharing on, invites 20 pilotes (20 invitations, each owning one mesure of the demo's
 * TETE referential), and the 20 simulated pilotes each make 50 statut changes concurrently through the HTTP router
 * of the sharing listener (each pilote waits for an answer before its next change, passing the version it got
 * back as `expectedVersion`). Afterwards it checks that the history holds all 1 000 changes under the pilotes'
 * names, that each node holds the last statut its pilote set (none lost), and that the score the app answers
 * equals a recompute from scratch by a fresh core on the same database file.
 *
 * Baseline, measured in the same run before the load: one pilote alone making 100 changes in a row through the
 * same listener. Prints median and 99th percentile answer times of both; exits 1 when a check fails.
 *
 * Run: `npm run load:partage [-- pilotes=20 changes=50]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore } from '../electron/core/core';
import { startWebServer } from '../electron/web';
import type { Referential, ScoreResult, Statut } from '../shared/domain';

const arg = (name: string, fallback: number): number => Number(process.argv.find((a) => a.startsWith(`${name}=`))?.split('=')[1] ?? fallback);
const PILOTES = arg('pilotes', 20);
const CHANGES = arg('changes', 50);
const BASELINE = 100;
const CYCLE: Statut[] = ['fait', 'programme', 'pas_fait'];

/** Median and 99th percentile of `samples` (ms). */
function stats(samples: number[]): { median: number; p99: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, p99: s[Math.min(s.length - 1, Math.ceil(s.length * 0.99) - 1)]! };
}
const fmt = (ms: number): string => `${ms.toFixed(2).padStart(8)} ms`;

/** Calls a tRPC procedure over HTTP (GET for a query, POST for a mutation) and returns `result.data`; throws the server's message. */
async function call<T>(base: string, path: string, input: unknown, opts: { mutation?: boolean; cookie?: string } = {}): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.cookie) headers.cookie = opts.cookie;
  const url = opts.mutation ? `${base}trpc/${path}` : `${base}trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;
  const res = await fetch(url, opts.mutation ? { method: 'POST', headers, body: JSON.stringify(input) } : { headers });
  const body = (await res.json()) as { result?: { data: T }; error?: { message: string } };
  if (!res.ok || !body.result) throw new Error(`${path} (${res.status}) : ${body.error?.message ?? 'réponse inattendue'}`);
  return body.result.data;
}

interface Pilote {
  nom: string;
  cookie: string;
  nodes: string[];
  versions: Map<string, number>;
  last: Map<string, Statut>;
}

/** The nodes under `mesureId` that hold a statut and have no child (no §2.1 cascade between them). */
function leavesUnder(ref: Referential, mesureId: string): string[] {
  const children = new Map<string, string[]>();
  for (const n of ref.nodes) if (n.parentId !== null) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n.id]);
  const out: string[] = [];
  const visit = (id: string): void => {
    const kids = children.get(id) ?? [];
    if (kids.length === 0 && id !== mesureId) out.push(id);
    for (const k of kids) visit(k);
  };
  visit(mesureId);
  return out;
}

/** `changes` statut changes of one pilote, one after the other; returns the answer times (ms). */
async function run(share: string, refId: string, p: Pilote, changes: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < changes; i++) {
    const nodeId = p.nodes[i % p.nodes.length]!;
    const previous = p.last.get(nodeId);
    const statut = CYCLE[(previous === undefined ? 0 : CYCLE.indexOf(previous) + 1) % CYCLE.length]!;
    const t0 = performance.now();
    const r = await call<{ changed: boolean; version: number }>(share, 'statuts.set', { referentialId: refId, nodeId, statut, expectedVersion: p.versions.get(nodeId) ?? 0 }, { mutation: true, cookie: p.cookie });
    times.push(performance.now() - t0);
    if (!r.changed) throw new Error(`${p.nom} : le changement ${i + 1} (${nodeId} → ${statut}) n'a rien changé`);
    p.versions.set(nodeId, r.version);
    p.last.set(nodeId, statut);
  }
  return times;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'label-audit-load-'));
  const server = await startWebServer({ dataDir, port: 0, demo: true, rendererDir: join(dataDir, 'pas-de-rendu'), user: 'Référent' });
  const lead = server.url;
  let failed = false;
  const check = (ok: boolean, text: string): void => {
    console.log(`${ok ? 'OK   ' : 'ÉCHEC'} ${text}`);
    if (!ok) failed = true;
  };
  try {
    const refs = await call<Array<{ id: string; model: string; nodes: number }>>(lead, 'referentials.list', undefined);
    const tete = refs.filter((r) => r.model === 'tete').sort((a, b) => b.nodes - a.nodes)[0];
    if (!tete) throw new Error('aucun référentiel TETE dans le classeur de démonstration');
    const ref = await call<Referential>(lead, 'referentials.get', { referentialId: tete.id });
    const mesures = ref.nodes.filter((n) => n.depth === ref.actionLevel).map((n) => ({ id: n.id, leaves: leavesUnder(ref, n.id) })).filter((m) => m.leaves.length >= 3);
    if (mesures.length < PILOTES + 1) throw new Error(`seulement ${mesures.length} mesures utilisables dans ${tete.id}`);
    const etat = await call<{ url: string }>(lead, 'partage.demarrer', { host: '127.0.0.1', port: 0 }, { mutation: true });
    const share = etat.url;
    const pilotes: Pilote[] = [];
    for (let i = 0; i <= PILOTES; i++) {
      const nom = i === PILOTES ? 'Pilote témoin' : `Pilote de charge ${String(i + 1).padStart(2, '0')}`;
      const person = await call<{ id: string }>(lead, 'people.create', { nom }, { mutation: true });
      const mesure = mesures[i]!;
      await call(lead, 'nodes.setPilotes', { referentialId: tete.id, nodeId: mesure.id, personIds: [person.id], serviceIds: [] }, { mutation: true });
      const inv = await call<{ token: string }>(lead, 'partage.inviter', { role: 'pilote', personId: person.id }, { mutation: true });
      pilotes.push({ nom, cookie: `label_audit_invitation=${inv.token}`, nodes: mesure.leaves.slice(0, 10), versions: new Map(), last: new Map() });
    }
    // Start from what the demo already holds (versions and statuts of the nodes the pilotes will change).
    const initial = await call<Array<{ nodeId: string; statut: Statut; version: number }>>(lead, 'statuts.list', { referentialId: tete.id });
    for (const s of initial) {
      for (const p of pilotes) {
        if (!p.nodes.includes(s.nodeId)) continue;
        p.versions.set(s.nodeId, s.version);
        if (CYCLE.includes(s.statut)) p.last.set(s.nodeId, s.statut);
      }
    }
    console.log(`Référentiel ${tete.id} (${tete.nodes} nœuds), partage sur ${share}, ${PILOTES} pilotes invités (+ 1 témoin).`);

    // Baseline: one pilote alone, changes in a row.
    const temoin = pilotes.pop()!;
    const baseline = stats(await run(share, tete.id, temoin, BASELINE));
    const marker = (await call<Array<{ id: number }>>(lead, 'history.list', { limit: 1 }))[0]!.id;

    // Load: every pilote at once.
    const t0 = performance.now();
    const all = await Promise.all(pilotes.map((p) => run(share, tete.id, p, CHANGES)));
    const wall = performance.now() - t0;
    const load = stats(all.flat());

    // Checks.
    const events = (await call<Array<{ id: number; who: string; action: string; nodeId: string; after: { statut: Statut } }>>(lead, 'history.list', { limit: 5000 })).filter((e) => e.id > marker);
    const sets = events.filter((e) => e.action === 'statut.set');
    check(sets.length === PILOTES * CHANGES, `historique : ${sets.length} changements de statut enregistrés sur ${PILOTES * CHANGES} envoyés`);
    const perWho = new Map<string, number>();
    for (const e of sets) perWho.set(e.who, (perWho.get(e.who) ?? 0) + 1);
    check(pilotes.every((p) => perWho.get(p.nom) === CHANGES), `chaque pilote a ${CHANGES} changements à son nom dans l'historique`);
    const statuts = new Map((await call<Array<{ nodeId: string; statut: Statut }>>(lead, 'statuts.list', { referentialId: tete.id })).map((s) => [s.nodeId, s.statut]));
    const lost = pilotes.flatMap((p) => [...p.last].filter(([node, statut]) => statuts.get(node) !== statut).map(([node]) => `${p.nom} ${node}`));
    check(lost.length === 0, `aucune modification perdue : chaque nœud porte le dernier statut envoyé par son pilote${lost.length ? ` (perdues : ${lost.slice(0, 5).join(', ')})` : ''}`);
    const answered = await call<ScoreResult>(lead, 'scores.get', { referentialId: tete.id });
    const fresh = createCore({ dataDir, demo: false });
    const recomputed = fresh.scores.get(tete.id);
    fresh.close();
    check(JSON.stringify(answered) === JSON.stringify(recomputed), `score de l'application = recalcul complet par un cœur neuf (points faits ${answered.root.pointFait.toFixed(2)} / ${answered.root.pointPotentiel.toFixed(2)})`);

    console.log('');
    console.log(`Temps de réponse de statuts.set par le lien partagé (HTTP, boucle locale) :`);
    console.log(`  référence, 1 pilote seul, ${BASELINE} changements : médiane ${fmt(baseline.median)}   p99 ${fmt(baseline.p99)}`);
    console.log(`  charge, ${PILOTES} pilotes × ${CHANGES} en parallèle :       médiane ${fmt(load.median)}   p99 ${fmt(load.p99)}`);
    console.log(`  durée totale de la charge : ${(wall / 1000).toFixed(2)} s, soit ${((PILOTES * CHANGES) / (wall / 1000)).toFixed(0)} changements/s`);
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
}

await main();
