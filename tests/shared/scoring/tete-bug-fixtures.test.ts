/**
 * The two platform fixtures named `.bug.yml` (tete-referentials.md §2.8 caveats), left out of the "every fixture"
 * suite (tete-personnalisation.test.ts) because the platform itself marks them as known failures of its legacy
 * engine. Here, what we compute for each, against what the fixture claims and against the rule of §2.3:
 *
 * - `cae_1.2.2.1_potentiel_sous_actions.bug.yml` (EPCI; tâches 1.2.2.1.1 and .2 non concernées, 1.2.2.1.3
 *   deactivated by `identite(type, EPCI)`): the fixture states the intended values (mesure 12, 1.2.2.1 at 0, +0.3 on
 *   each of the four other sous-actions) and, in comments, what the legacy engine gave (« BUG est à 10.8 », 1.62,
 *   3.24: « le désactivé ne fait pas la même chose que le non concerné », « pas de fix »). Under §2.3 a deactivated
 *   node is not concerned like a non-concerné one (steps 2–3), so 1.2.2.1 becomes not concerned (step 3, bottom-up)
 *   and its 1.2 pts go in equal shares to its siblings (step 4): we compute the intended values, every one of them.
 * - `cae_1.2.2.5_AOM_10000hab.bug.yml` (EPCI over 100 000 inhabitants, AOM_1 = OUI): not valid YAML (its
 *   `cae_1.2.2.5:` key starts at column 1 inside `Scores`), and once re-indented it still gives
 *   `point_referentiel: 1.8` for 1.2.2.3, which is 3.6 in the CSV (30 % of 12). Its intended potentials follow
 *   §2.3: the réduction 0 of 1.2.2.1 applies before redistribution (step 1), so it has nothing to give, and
 *   1.2.2.5 × 0.4/0.3 = 4.8; the legacy engine's values in its comments (2.1, 3.9, 2.1, 3.9) shared the 1.2 pts of
 *   1.2.2.1 (+0.3 each) and left out the 0.4/0.3 factor. The same case is covered by the
 *   valid `cae_1.2.2.1_potentiel_sous_actions_plus_10000.test.yml`, which the suite reproduces.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseTeteCsv } from '../../../electron/core/referential/tete-csv';
import type { NodeScore, ScoreResult } from '../../../shared/domain';
import type { IdentiteCollectivite } from '../../../shared/formula';
import { teteEngine } from '../../../shared/scoring/tete';
import { personnalisationOf } from '../../../shared/scoring/tete-personnalisation';
import { DATA, describeWithSharedData } from '../../helpers/shared-data';

const TESTS_DIR = join(DATA.propagationFixtures, '..');
const PERSONNALISATION = join(TESTS_DIR, 'personnalisation');

type Scores = Record<string, Record<string, unknown>>;

const camel = (key: string): string => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const yesNo = (v: unknown): unknown => (v === 'no' ? false : v === 'yes' ? true : v);

/** `{ 'cae_1.2.2.2.pointPotentiel': 1.62, … }`: the legacy engine's values given in `# BUG est à X` comments. */
function legacyValues(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  let node = '';
  for (const line of text.split('\n')) {
    const key = /^\s*(cae_[\d.]+):\s*$/.exec(line);
    if (key) node = key[1]!;
    const bug = /^\s*([a-z_]+)\s*:.*#.*BUG est à ([\d.]+)/.exec(line);
    if (bug) out[`${node}.${camel(bug[1]!)}`] = Number(bug[2]);
  }
  return out;
}

/** Every numeric / yes-no field the fixture gives, as `node.field` → [expected, computed]. */
function compare(scores: Scores, result: ScoreResult): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const [nodeId, fields] of Object.entries(scores)) {
    for (const [key, raw] of Object.entries(fields)) {
      if (key === 'test') continue;
      const field = camel(key) as keyof NodeScore;
      out[`${nodeId}.${field}`] = [yesNo(raw), result.nodes[nodeId]![field]];
    }
  }
  return out;
}

const epci = (population: string[]): IdentiteCollectivite => ({ type: 'EPCI', soustype: null, population, localisation: 'Metropole', dansAireUrbaine: null });

describeWithSharedData('platform fixtures marked .bug.yml — what we compute, and why they are left out', () => {
  const cae = parseTeteCsv({ structure: { name: DATA.caeStructure, text: readFileSync(DATA.caeStructure, 'utf8') } });

  it('there are exactly two, both in personnalisation/', () => {
    const bugs = ['propagation', 'personnalisation', 'referentiels'].flatMap((d) => readdirSync(join(TESTS_DIR, d)).filter((f) => f.endsWith('.bug.yml')).map((f) => `${d}/${f}`));
    expect(bugs.sort()).toEqual(['personnalisation/cae_1.2.2.1_potentiel_sous_actions.bug.yml', 'personnalisation/cae_1.2.2.5_AOM_10000hab.bug.yml']);
  });

  it('cae_1.2.2.1_potentiel_sous_actions.bug.yml: we give every intended value (mesure 12, +0.3 each), not the legacy 10.8 / 1.62 / 3.24', () => {
    const text = readFileSync(join(PERSONNALISATION, 'cae_1.2.2.1_potentiel_sous_actions.bug.yml'), 'utf8');
    const doc = parseYaml(text) as { Collectivité: { type: string[] }; Statuts: Record<string, string>; Scores: Scores };
    expect(doc.Collectivité.type).toEqual(['EPCI']);
    const perso = personnalisationOf(cae, { identite: epci([]) });
    expect(perso['cae_1.2.2.1.3']).toEqual({ desactive: true });
    const statuts = new Map(Object.keys(doc.Statuts).map((nodeId) => [nodeId, { nodeId, avancement: 'non_renseigne' as const, detail: null, concerne: false }]));
    expect([...statuts.keys()]).toEqual(['cae_1.2.2.1.1', 'cae_1.2.2.1.2']);
    const result = teteEngine.compute(cae, statuts, perso);

    const pairs = compare(doc.Scores, result);
    expect(Object.keys(pairs)).toHaveLength(12);
    for (const [what, [expected, computed]] of Object.entries(pairs)) expect(computed, what).toBeCloseTo(expected as number, 3);
    expect(result.nodes['cae_1.2.2.1']).toMatchObject({ concerne: false, desactive: false, pointPotentiel: 0 });

    const legacy = legacyValues(text);
    expect(legacy).toEqual({
      'cae_1.2.2.pointPotentiel': 10.8,
      'cae_1.2.2.2.pointPotentiel': 1.62,
      'cae_1.2.2.3.pointPotentiel': 3.24,
      'cae_1.2.2.4.pointPotentiel': 1.62,
      'cae_1.2.2.5.pointPotentiel': 3.24,
    });
    for (const [what, value] of Object.entries(legacy)) expect(pairs[what]![1], what).not.toBeCloseTo(value, 3);
  });

  it('cae_1.2.2.5_AOM_10000hab.bug.yml: not valid YAML; re-indented, we give its intended potentials, its 1.8 referential points for 1.2.2.3 is a typo (3.6)', () => {
    const text = readFileSync(join(PERSONNALISATION, 'cae_1.2.2.5_AOM_10000hab.bug.yml'), 'utf8');
    expect(() => parseYaml(text)).toThrow(/All mapping items must start at the same column at line 45/);
    const repaired = text.replace(/^cae_1\.2\.2\.5:\n((?: {4}.*\n)+)/m, (_, body: string) => `  cae_1.2.2.5:\n${body}`);
    expect(repaired).not.toBe(text);
    const doc = parseYaml(repaired) as { Collectivité: { type: string[]; population: string[] }; Réponses: Record<string, string>; Scores: Scores };
    expect(doc.Collectivité).toEqual({ type: ['EPCI'], population: ['plus_de_100000'] });
    expect(doc.Réponses).toEqual({ AOM_1: 'OUI' });

    const perso = personnalisationOf(cae, { identite: epci(['plus_de_100000']), reponses: new Map([['AOM_1', true]]) });
    expect(perso['cae_1.2.2.1']).toEqual({ desactive: true, potentielPerso: 0 });
    expect(perso['cae_1.2.2.5']!.potentielPerso).toBeCloseTo(4 / 3, 12);
    const result = teteEngine.compute(cae, new Map(), perso);

    const pairs = compare(doc.Scores, result);
    expect(pairs['cae_1.2.2.3.pointReferentiel']).toEqual([1.8, 3.6]); // the fixture's typo: 30 % of 12 in the CSV
    delete pairs['cae_1.2.2.3.pointReferentiel'];
    expect(Object.keys(pairs)).toHaveLength(17);
    for (const [what, [expected, computed]] of Object.entries(pairs)) {
      if (typeof expected === 'number') expect(computed, what).toBeCloseTo(expected, 3);
      else expect(computed, what).toBe(expected);
    }
    const legacy = legacyValues(repaired);
    expect(legacy).toEqual({
      'cae_1.2.2.2.pointPotentiel': 2.1,
      'cae_1.2.2.3.pointPotentiel': 3.9,
      'cae_1.2.2.4.pointPotentiel': 2.1,
      'cae_1.2.2.5.pointPotentiel': 3.9,
    });
    for (const [what, value] of Object.entries(legacy)) expect(pairs[what]![1], what).not.toBeCloseTo(value, 3);
  });
});
