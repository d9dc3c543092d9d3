/**
 * The platform's personnalisation and propagation fixtures (tete-referentials.md §2.8 B) scored with the
 * consequences `personnalisationOf` computes from the referential's own rules (§2.5, §2.6) and the fixture's
 * `Collectivité` and `Réponses`: every `.test.yml` fixture, every field it gives, to the third decimal.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseTeteCsv } from '../../../electron/core/referential/tete-csv';
import type { NodeScore, Referential, StatutRecord } from '../../../shared/domain';
import type { IdentiteCollectivite, Reponse } from '../../../shared/formula';
import { teteEngine } from '../../../shared/scoring/tete';
import { personnalisationOf } from '../../../shared/scoring/tete-personnalisation';
import { DATA, describeWithSharedData } from '../../helpers/shared-data';

interface Fixture {
  Collectivité?: { type?: string[]; population?: string[]; localisation?: string[] };
  Réponses?: Record<string, unknown>;
  Statuts?: Record<string, unknown>;
  Scores: Record<string, Record<string, unknown>>;
}

/** Fixture identity → IdentiteCollectivite: absent type → null, absent localisation → Metropole. */
function identiteOf(c: Fixture['Collectivité']): IdentiteCollectivite {
  const type = c?.type?.[0];
  return {
    type: type === 'commune' || type === 'EPCI' ? type : null,
    soustype: null,
    population: c?.population ?? [],
    localisation: c?.localisation?.includes('DOM') ? 'DOM' : 'Metropole',
    dansAireUrbaine: null,
  };
}

/** OUI / NON → booleans (§2.8 B caveats), numbers stay numbers, choice ids stay strings. */
function reponsesOf(r: Fixture['Réponses']): Map<string, Reponse> {
  const map = new Map<string, Reponse>();
  for (const [q, v] of Object.entries(r ?? {})) {
    if (v === 'OUI' || v === true) map.set(q, true);
    else if (v === 'NON' || v === false) map.set(q, false);
    else if (typeof v === 'number' || typeof v === 'string') map.set(q, v);
  }
  return map;
}

function statutsOf(s: Fixture['Statuts']): Map<string, StatutRecord> {
  const map = new Map<string, StatutRecord>();
  for (const [nodeId, v] of Object.entries(s ?? {})) {
    if (Array.isArray(v)) map.set(nodeId, { nodeId, avancement: 'detaille', detail: v as [number, number, number], concerne: true });
    else if (v === 'non_concerne') map.set(nodeId, { nodeId, avancement: 'non_renseigne', detail: null, concerne: false });
    else if (v === 'fait' || v === 'programme' || v === 'pas_fait') map.set(nodeId, { nodeId, avancement: v, detail: null, concerne: true });
  }
  return map;
}

const camel = (key: string): string => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const yesNo = (v: unknown): unknown => (v === 'no' ? false : v === 'yes' ? true : v);

describeWithSharedData('tete engine + personnalisationOf — every platform fixture with its identity and answers', () => {
  const load = (path: string): Referential => parseTeteCsv({ structure: { name: path, text: readFileSync(path, 'utf8') } });
  const cae = load(DATA.caeStructure);
  const eci = load(DATA.eciStructure);
  const dirs = [DATA.propagationFixtures, join(DATA.propagationFixtures, '../personnalisation'), DATA.referentielFixtures];
  const files = dirs.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.test.yml')).map((f) => join(dir, f)));

  it('finds the 32 fixtures (10 propagation, 21 personnalisation, 1 referentiel; .bug.yml left out)', () => {
    expect(files.map((f) => f.split('/').at(-2))).toEqual([...Array<string>(10).fill('propagation'), ...Array<string>(21).fill('personnalisation'), 'referentiels']);
  });

  it('ECi, dechets_1 = NON, no identity: the 9 deactivations translated by hand in tete-fixtures.test.ts, nothing else', () => {
    const perso = personnalisationOf(eci, { identite: identiteOf(undefined), reponses: new Map([['dechets_1', false]]) });
    const ids = ['eci_1.2.4', 'eci_2.2', 'eci_2.4.2', 'eci_2.4.3', 'eci_4.2.1', 'eci_4.2.2', 'eci_4.2.3', 'eci_4.2.4', 'eci_4.2.5'];
    expect(perso).toEqual(Object.fromEntries(ids.map((id) => [id, { desactive: true }])));
  });

  it('CAE, DOM with recuperation_cogeneration = NON: 3.2.1 × 2/12, 3.2.1.2 and 3.2.1.3 deactivated, plus the DOM rules', () => {
    const perso = personnalisationOf(cae, { identite: { ...identiteOf(undefined), localisation: 'DOM' }, reponses: new Map([['recuperation_cogeneration', false]]) });
    expect(perso['cae_3.2.1']!.potentielPerso).toBeCloseTo(2 / 12, 12);
    expect(perso['cae_3.2.1.2']).toEqual({ desactive: true });
    expect(perso['cae_3.2.1.3']).toEqual({ desactive: true });
    expect(perso['cae_4.3.2.6']).toEqual({ desactive: true, potentielPerso: 0 });
    expect(perso['cae_4.3.2']!.potentielPerso).toBe(0.875); // DOM and cyclable unanswered: 14/16
    expect(Object.keys(perso)).toHaveLength(19);
    expect(Object.values(perso).filter((p) => p.desactive)).toHaveLength(7);
  });

  for (const path of files) {
    const name = path.split('/').slice(-2).join('/');
    it(name, () => {
      const doc = parseYaml(readFileSync(path, 'utf8')) as Fixture;
      const referential = name.includes('eci') ? eci : cae;
      const perso = personnalisationOf(referential, { identite: identiteOf(doc.Collectivité), reponses: reponsesOf(doc.Réponses) });
      const result = teteEngine.compute(referential, statutsOf(doc.Statuts), perso);
      let checked = 0;
      for (const [nodeId, expected] of Object.entries(doc.Scores)) {
        const actual = (nodeId === referential.id ? result.root : result.nodes[nodeId]) as NodeScore | undefined;
        expect(actual, nodeId).toBeDefined();
        for (const [key, raw] of Object.entries(expected)) {
          if (key === 'test') continue;
          const field = camel(key) as keyof NodeScore;
          const want = yesNo(raw);
          if (typeof want === 'number') expect(actual![field], `${nodeId}.${field}`).toBeCloseTo(want, 3);
          else expect(actual![field], `${nodeId}.${field}`).toEqual(want);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(0);
    });
  }
});
