/**
 * Random TETE situations for property tests and benchmarks (fast-check arbitraries): statuts on the sous-actions
 * and tâches of a referential, and a personnalisation (identity + answers to the questions its rules read) turned
 * into consequences by `personnalisationOf` (tete-referentials.md §2.1, §2.5).
 */
import fc from 'fast-check';
import type { Detail, Referential, StatutRecord } from '../../shared/domain';
import { POPULATION_TAGS, reglesOf, walk, type IdentiteCollectivite, type Reponse } from '../../shared/formula';
import type { Personnalisation } from '../../shared/scoring/engine';
import { personnalisationOf } from '../../shared/scoring/tete-personnalisation';

/**
 * The questions the referential's rules read and what each answer can be, by how the rules use it: compared to
 * OUI / NON → binaire; compared to option ids → choix (those ids, plus one no rule names); read as a value
 * (`reponse(q)`) → proportion 0..1.
 */
export function questionsOfRules(ref: Referential): Map<string, fc.Arbitrary<Reponse>> {
  const seen = new Map<string, { booleans: boolean; choices: Set<string>; value: boolean }>();
  for (const regle of reglesOf(ref).list) {
    walk(regle.formula, (f) => {
      if (f.kind !== 'reponse') return;
      const q = seen.get(f.question) ?? { booleans: false, choices: new Set<string>(), value: false };
      if (f.valeur === null) q.value = true;
      else if (typeof f.valeur === 'boolean') q.booleans = true;
      else q.choices.add(String(f.valeur));
      seen.set(f.question, q);
    });
  }
  const proportion = fc.oneof(fc.constantFrom(0, 0.1, 0.25, 0.5, 1), fc.double({ min: 0, max: 1, noNaN: true }));
  return new Map(
    [...seen].map(([id, q]): [string, fc.Arbitrary<Reponse>] => [
      id,
      q.value ? proportion : q.choices.size > 0 ? fc.constantFrom(...q.choices, `${id}_autre`) : fc.boolean(),
    ]),
  );
}

export type Kind = 'fait' | 'programme' | 'pas_fait' | 'non_renseigne' | 'non_concerne' | 'detaille';

/** The stored record of a statut kind (§2.1 table); `detail` is used only by `detaille`. */
export function record(nodeId: string, kind: Kind, detail: Detail): StatutRecord {
  if (kind === 'non_concerne') return { nodeId, avancement: 'non_renseigne', detail: null, concerne: false };
  if (kind === 'detaille') return { nodeId, avancement: 'detaille', detail, concerne: true };
  return { nodeId, avancement: kind, detail: null, concerne: true };
}

/** A split stored as the service stores it: tenths of a percent, summing to 1 (§2.1 détaillé). */
export const detailArb: fc.Arbitrary<Detail> = fc
  .tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }))
  .map(([x, y]) => {
    const [a, b] = x <= y ? [x, y] : [y, x];
    return [a / 1000, (b - a) / 1000, (1000 - b) / 1000];
  });

/** Mostly fait / programmé / pas fait, some détaillé, non renseigné and non concerné. */
export const kindArb: fc.Arbitrary<Kind> = fc.oneof(
  { arbitrary: fc.constantFrom<Kind>('fait', 'programme', 'pas_fait'), weight: 6 },
  { arbitrary: fc.constant<Kind>('detaille'), weight: 2 },
  { arbitrary: fc.constant<Kind>('non_renseigne'), weight: 1 },
  { arbitrary: fc.constant<Kind>('non_concerne'), weight: 1 },
);

/** The nodes a statut can be entered on: sous-actions and tâches (depth > actionLevel, §2.1), in tree order. */
export function statutNodesOf(ref: Referential): string[] {
  return ref.nodes.filter((n) => n.depth > ref.actionLevel).map((n) => n.id);
}

/**
 * Statuts on up to `maxLength` random sous-actions / tâches of `ref`, one per node, as [nodeId, record] entries
 * (a sous-action and its tâches may both have one: the engine lets the sous-action win).
 */
export function statutsArb(ref: Referential, maxLength = 400): fc.Arbitrary<[string, StatutRecord][]> {
  const statutNodes = statutNodesOf(ref);
  return fc
    .array(fc.tuple(fc.integer({ min: 0, max: statutNodes.length - 1 }), kindArb, detailArb), { maxLength, size: 'max' })
    .map((rows) => {
      const byId = new Map<string, StatutRecord>();
      for (const [i, kind, detail] of rows) byId.set(statutNodes[i]!, record(statutNodes[i]!, kind, detail));
      return [...byId];
    });
}

/** Population tags of a head count, cumulative as the platform gives them (§2.5). */
export function populationTags(population: number): string[] {
  return POPULATION_TAGS.filter((tag) => {
    const [, sens, n] = /^(moins|plus)_de_(\d+)$/.exec(tag)!;
    return sens === 'moins' ? population < Number(n) : population > Number(n);
  });
}

/** Any identity of §2.5, the population tags consistent with one head count. */
export const identiteArb: fc.Arbitrary<IdentiteCollectivite> = fc.record({
  type: fc.constantFrom<IdentiteCollectivite['type']>('commune', 'EPCI', null),
  soustype: fc.constantFrom(null, 'epci_a_fiscalite_propre', 'syndicat', 'pole'),
  population: fc.integer({ min: 200, max: 2_500_000 }).map(populationTags),
  localisation: fc.constantFrom<IdentiteCollectivite['localisation']>('Metropole', 'DOM'),
  dansAireUrbaine: fc.constantFrom(true, false, null),
});

/** A random identity and answers to the questions `ref`'s rules read (each answered 3 times in 4). */
export function contexteArb(ref: Referential): fc.Arbitrary<{ identite: IdentiteCollectivite; reponses: Map<string, Reponse> }> {
  const questions = questionsOfRules(ref);
  const answers = fc.tuple(...[...questions].map(([id, arb]) => fc.option(arb.map((v): [string, Reponse] => [id, v]), { freq: 4, nil: null })));
  return fc.tuple(identiteArb, answers).map(([identite, list]) => ({ identite, reponses: new Map(list.filter((x): x is [string, Reponse] => x !== null)) }));
}

/** `contexteArb` turned into consequences by the referential's rules (`perso`), with the context as JSON text for reports. */
export function personnalisationArb(ref: Referential): fc.Arbitrary<{ perso: Personnalisation; context: string }> {
  return contexteArb(ref).map(({ identite, reponses }) => ({
    perso: personnalisationOf(ref, { identite, reponses }),
    context: JSON.stringify({ identite, reponses: [...reponses] }),
  }));
}
