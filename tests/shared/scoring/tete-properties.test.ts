/**
 * Property-based tests (fast-check) of the `tete` engine on the real CAE tree (issue 3, "Done when"), with random
 * statuts and, in a second pass, a random personnalisation (identity + answers to the questions the CAE rules read,
 * through `personnalisationOf`). Rules checked, from tete-referentials.md §2.3:
 * - step 5: fait + programmé + pas fait + non renseigné = potentiel at every node no score rule touches (step 6
 *   changes only pointFait, §2.9);
 * - step 4: a mesure keeps its potentiel when some of its sous-actions / tâches become non concerné (equal-share
 *   redistribution), as long as one concerned sous-action with points is left to receive them;
 * - pas fait → fait never lowers a pointFait nor a score, except below a score-rule node (step 6 rescales the
 *   pointFait of its descendants by result / ratio, so they can move down: see the last test);
 * - the result does not depend on the insertion order of the statuts (engine) nor on the order they were written
 *   through the service.
 * Fixed seed: the same cases on every run; numRuns sized so the file stays well under 30 s on a busy 2-core machine.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseTeteCsv } from '../../../electron/core/referential/tete-csv';
import { computeScore, writeStatut } from '../../../electron/core/services/statuts';
import type { Detail, NodeScore, Referential, ScoreResult, Statut, StatutRecord } from '../../../shared/domain';
import { reglesDuType } from '../../../shared/formula';
import type { Personnalisation } from '../../../shared/scoring/engine';
import { createTeteEngine, teteEngine } from '../../../shared/scoring/tete';
import { sansStatut, toRecord } from '../../../shared/statut';
import { memoryCore } from '../../core/helpers/context';
import { DATA, describeWithSharedData } from '../../helpers/shared-data';
import { personnalisationArb, questionsOfRules, record, statutNodesOf, statutsArb } from '../../helpers/tete-situations';

const SEED = 20_260_301;
/** Per property and per variant (without / with personnalisation). */
const RUNS = 100;
const params = (numRuns = RUNS): fc.Parameters<unknown> => ({ seed: SEED, numRuns, endOnFailure: true });

/** Points are rounded to 3 decimals (§2.3 step 7): five rounded figures may disagree by up to 5 × 0.0005. */
const SUM_TOLERANCE = 0.0025 + 1e-9;
/** Two computations of the same exact value may fall either side of a rounding boundary only through float noise. */
const SAME = 1e-9;

// ---------------------------------------------------------------------------------------------------------------
// The tree and what the rules reach, derived from the referential itself.

interface Tree {
  ref: Referential;
  /** Nodes a statut can be entered on (sous-actions and tâches, §2.1), in tree order. */
  statutNodes: string[];
  children: Map<string, string[]>;
  parent: Map<string, string | null>;
  mesures: string[];
}

function treeOf(ref: Referential): Tree {
  const children = new Map<string, string[]>();
  const parent = new Map<string, string | null>();
  for (const n of ref.nodes) {
    parent.set(n.id, n.parentId);
    if (n.parentId !== null) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n.id]);
  }
  return {
    ref,
    statutNodes: statutNodesOf(ref),
    children,
    parent,
    mesures: ref.nodes.filter((n) => n.depth === ref.actionLevel).map((n) => n.id),
  };
}

function descendants(t: Tree, id: string): string[] {
  const out: string[] = [];
  const stack = [...(t.children.get(id) ?? [])];
  while (stack.length > 0) {
    const k = stack.pop()!;
    out.push(k);
    stack.push(...(t.children.get(k) ?? []));
  }
  return out;
}

function ancestors(t: Tree, id: string): string[] {
  const out: string[] = [];
  for (let p = t.parent.get(id) ?? null; p !== null; p = t.parent.get(p) ?? null) out.push(p);
  return out;
}

/** Nodes whose pointFait a `score` rule of the referential may change (§2.3 step 6): the rule's node, its subtree, its ancestors. */
function scoreRuleReach(t: Tree): Set<string> {
  const reach = new Set<string>();
  for (const nodeId of reglesDuType(t.ref, 'score').keys()) for (const id of [nodeId, ...descendants(t, nodeId), ...ancestors(t, nodeId)]) reach.add(id);
  return reach;
}

/** Strict descendants of the score-rule nodes: step 6 multiplies their pointFait by the node's factor. */
function belowScoreRules(t: Tree): Set<string> {
  return new Set([...reglesDuType(t.ref, 'score').keys()].flatMap((id) => descendants(t, id)));
}

const noPerso = fc.constant({ perso: {} as Personnalisation, context: 'sans personnalisation' });

const scoreOf = (r: ScoreResult, t: Tree, id: string): NodeScore => (id === t.ref.id ? r.root : r.nodes[id]!);
const parts = (s: NodeScore): number => s.pointFait + s.pointProgramme + s.pointPasFait + s.pointNonRenseigne;

/** The first node (among those `check` accepts) whose four parts do not sum to its potentiel, with the figures; null when none. */
function firstWrongSum(r: ScoreResult, check: (id: string) => boolean): string | null {
  for (const [id, s] of [[r.referential.id, r.root] as const, ...Object.entries(r.nodes)]) {
    if (check(id) && Math.abs(parts(s) - s.pointPotentiel) > SUM_TOLERANCE) return `${id}: ${parts(s)} ≠ ${s.pointPotentiel}`;
  }
  return null;
}

describeWithSharedData('tete engine — properties on the real CAE tree (fast-check, fixed seed)', () => {
  const cae = parseTeteCsv({ structure: { name: DATA.caeStructure, text: readFileSync(DATA.caeStructure, 'utf8') } });
  const t = treeOf(cae);
  const reach = scoreRuleReach(t);
  const below = belowScoreRules(t);
  const withoutScoreRules = createTeteEngine({ scoreReglesDuReferentiel: false });
  const variants = [
    ['sans personnalisation', noPerso],
    ['avec personnalisation aléatoire', personnalisationArb(cae)],
  ] as const;

  it('what the properties rely on: 1 384 statut nodes, 61 mesures, the score rule of 3.3.5 reaching its subtree and ancestors, 48 questions', () => {
    expect(t.statutNodes).toHaveLength(1384);
    expect(t.mesures).toHaveLength(61);
    expect([...reglesDuType(cae, 'score').keys()]).toEqual(['cae_3.3.5']);
    expect(reach.has('cae_3.3.5') && reach.has('cae_3.3') && reach.has('cae_3') && reach.has('cae') && reach.has('cae_3.3.5.1.1')).toBe(true);
    expect(reach.has('cae_3.3.4') || reach.has('cae_1.2.3')).toBe(false);
    expect(reach.size).toBe(1 + descendants(t, 'cae_3.3.5').length + 3);
    expect(questionsOfRules(cae).size).toBe(48);
  });

  for (const [label, persoArb] of variants) {
    it(`the four parts sum to the potentiel wherever no score rule reaches (${label})`, () => {
      let mixed = 0; // cases with statuts and some leaf non concerné
      fc.assert(
        fc.property(statutsArb(cae), persoArb, (entries, { perso }) => {
          const r = teteEngine.compute(cae, new Map(entries), perso);
          expect(firstWrongSum(r, (id) => !reach.has(id))).toBeNull();
          // Without the referential's score rule, every node adds up, the root included.
          expect(firstWrongSum(withoutScoreRules.compute(cae, new Map(entries), perso), () => true)).toBeNull();
          if (r.root.pointNonRenseigne < r.root.pointPotentiel && r.root.pasConcerneTachesAvancement > 0) mixed++;
        }),
        params(),
      );
      expect(mixed).toBeGreaterThan(RUNS / 4);
    });

    it(`a mesure keeps its potentiel when some of its sous-actions / tâches become non concernés (${label})`, () => {
      let checked = 0;
      fc.assert(
        fc.property(
          statutsArb(cae),
          persoArb,
          fc.integer({ min: 0, max: t.mesures.length - 1 }),
          fc.nat(),
          fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
          (entries, { perso }, m, survivorPick, marks) => {
            const mesure = t.mesures[m]!;
            const before = teteEngine.compute(cae, new Map(entries), perso);
            // One sous-action concerned with points is left alone: it (at least) receives what the others lose.
            const receivers = (t.children.get(mesure) ?? []).filter((id) => before.nodes[id]!.concerne && before.nodes[id]!.pointPotentiel > 0);
            if (receivers.length === 0) return; // the mesure has nothing left to redistribute to (deactivated, or reduced to 0)
            const survivor = receivers[survivorPick % receivers.length]!;
            const spared = new Set([survivor, ...descendants(t, survivor)]);
            const candidates = descendants(t, mesure).filter((id) => !spared.has(id));
            const changed = new Map(entries);
            candidates.forEach((id, i) => {
              if (marks[i % marks.length]) changed.set(id, record(id, 'non_concerne', [0, 0, 0]));
            });
            const after = teteEngine.compute(cae, changed, perso);
            expect(after.nodes[mesure]!.concerne).toBe(true);
            expect(Math.abs(after.nodes[mesure]!.pointPotentiel - before.nodes[mesure]!.pointPotentiel), mesure).toBeLessThanOrEqual(SAME);
            checked++;
          },
        ),
        params(),
      );
      expect(checked).toBeGreaterThan(RUNS / 2);
    });

    it(`pas fait → fait never lowers a pointFait nor a score, below a score-rule node aside (${label})`, () => {
      let raised = 0; // cases where the change counts (the node is concerned and no sous-action statut hides it)
      fc.assert(
        fc.property(statutsArb(cae), persoArb, fc.integer({ min: 0, max: t.statutNodes.length - 1 }), (entries, { perso }, k) => {
          const nodeId = t.statutNodes[k]!;
          const base = new Map(entries);
          base.set(nodeId, record(nodeId, 'pas_fait', [0, 0, 1]));
          const before = teteEngine.compute(cae, base, perso);
          base.set(nodeId, record(nodeId, 'fait', [1, 0, 0]));
          const after = teteEngine.compute(cae, base, perso);
          const lowered = cae.nodes.find((node) => {
            if (below.has(node.id)) return false;
            const b = scoreOf(before, t, node.id);
            const a = scoreOf(after, t, node.id);
            return a.pointPotentiel !== b.pointPotentiel || a.pointFait < b.pointFait - SAME;
          });
          expect(lowered?.id ?? null).toBeNull();
          expect(after.root.score!).toBeGreaterThanOrEqual(before.root.score! - SAME);
          expect(after.root.niveau?.rang ?? 0).toBeGreaterThanOrEqual(before.root.niveau?.rang ?? 0);
          if (after.root.pointFait > before.root.pointFait) raised++;
        }),
        params(),
      );
      expect(raised).toBeGreaterThan(RUNS / 4);
    });

    it(`the result does not depend on the order the statuts were entered in the map (${label})`, () => {
      const entriesAndOrder = statutsArb(cae).chain((entries) => fc.tuple(fc.constant(entries), fc.shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length })));
      fc.assert(
        fc.property(entriesAndOrder, persoArb, ([entries, shuffled], { perso }) => {
          const reversedPerso: Personnalisation = Object.fromEntries(Object.entries(perso).reverse());
          // Compared as JSON text (same key order from the engine): a deep toEqual on 1 471 nodes is 10× slower.
          expect(JSON.stringify(teteEngine.compute(cae, new Map(shuffled), reversedPerso))).toBe(JSON.stringify(teteEngine.compute(cae, new Map(entries), perso)));
        }),
        params(),
      );
    });
  }

  it('score rule (§2.3 step 6): pas fait → fait inside 3.3.5 may lower the pointFait of another sous-action of 3.3.5', () => {
    // 1.2.3 at 10 % fait caps 3.3.5; 3.3.5.1 fait, the rest pas fait: the factor is 0.1 / ratio(3.3.5).
    const statuts = new Map<string, StatutRecord>();
    const sousActions = (id: string) => t.children.get(id)!;
    for (const id of sousActions('cae_1.2.3')) statuts.set(id, record(id, 'detaille', [0.1, 0, 0.9]));
    const [first, ...rest] = sousActions('cae_3.3.5');
    statuts.set(first!, record(first!, 'fait', [1, 0, 0]));
    for (const id of rest) statuts.set(id, record(id, 'pas_fait', [0, 0, 1]));
    const before = teteEngine.compute(cae, statuts, {});
    statuts.set(rest[0]!, record(rest[0]!, 'fait', [1, 0, 0]));
    const after = teteEngine.compute(cae, statuts, {});
    // The mesure itself never goes down (min(score 1.2.3, score 3.3.5) × potentiel = 10 %) …
    expect(before.nodes['cae_3.3.5']!.pointFait).toBeCloseTo(0.1 * before.nodes['cae_3.3.5']!.pointPotentiel, 3);
    expect(after.nodes['cae_3.3.5']!.pointFait).toBeCloseTo(before.nodes['cae_3.3.5']!.pointFait, 3);
    // … but its 10 % are now spread over two fait sous-actions: the first one's share goes down.
    expect(after.nodes[first!]!.pointFait).toBeLessThan(before.nodes[first!]!.pointFait);
    // And the parts of 3.3.5 no longer add up to its potentiel (§2.9), which is why the sum property skips it.
    expect(parts(after.nodes['cae_3.3.5']!)).toBeLessThan(after.nodes['cae_3.3.5']!.pointPotentiel - 1);
  });
});

describeWithSharedData('statuts service — the score does not depend on the order the statuts were written', () => {
  const cae = parseTeteCsv({ structure: { name: DATA.caeStructure, text: readFileSync(DATA.caeStructure, 'utf8') } });
  const t = treeOf(cae);
  const depth = new Map(cae.nodes.map((n) => [n.id, n.depth]));
  let env: ReturnType<typeof memoryCore>;
  beforeAll(() => {
    env = memoryCore();
    env.core.referentials.store(cae);
  });
  afterAll(() => env.cleanup());

  const statutOf = (r: StatutRecord): { statut: Statut; detail: Detail | null } =>
    !r.concerne ? { statut: 'non_concerne', detail: null } : { statut: r.avancement, detail: r.avancement === 'detaille' ? r.detail : null };

  it('writing the same statuts in two orders (no tâche under a sous-action of the set: no cascade) gives the same score', () => {
    fc.assert(
      fc.property(
        statutsArb(cae, 150).chain((entries) => {
          // Keep one statut per sous-action subtree, so that the §2.1 cascade (which depends on the order by design) never fires.
          const taken = new Set<string>();
          const kept = entries.filter(([id]) => {
            const family = [id, ...ancestors(t, id)].filter((a) => depth.get(a)! > cae.actionLevel);
            const key = family.at(-1)!;
            if (taken.has(key)) return false;
            taken.add(key);
            return true;
          });
          return fc.tuple(fc.constant(kept), fc.shuffledSubarray(kept, { minLength: kept.length, maxLength: kept.length }));
        }),
        ([entries, shuffled]) => {
          const writeAll = (list: [string, StatutRecord][]): ScoreResult => {
            env.ctx.db.prepare('DELETE FROM statut').run();
            for (const [nodeId, r] of list) writeStatut(env.ctx, { referentialId: 'cae', nodeId, ...statutOf(r) });
            return computeScore(env.ctx, 'cae');
          };
          const a = writeAll(entries);
          const b = writeAll(shuffled);
          expect(JSON.stringify(b)).toBe(JSON.stringify(a));
          // The service leaves out rows that are no statut (non renseigné, concerné: shared/statut.ts `sansStatut`).
          const records = entries.map(([id, r]) => [id, { ...r, ...toRecord(statutOf(r).statut, statutOf(r).detail) }] as [string, StatutRecord]);
          // … and applies the workspace's personnalisation (memoryCore's identity), as the engine does when given it.
          expect(a).toEqual(teteEngine.compute(cae, new Map(records.filter(([, r]) => !sansStatut(r))), env.core.personnalisation.consequences('cae')));
        },
      ),
      params(10),
    );
  });
});
