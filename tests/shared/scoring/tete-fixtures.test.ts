/**
 * The `tete` engine on the real CAE / ECi trees against the platform's propagation fixtures
 * (tete-referentials.md §2.8 B): every fixture without `Réponses:` nor `Collectivité:` (no personnalisation),
 * compared to the third decimal on every field it gives; plus three with personnalisation translated by hand.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseTeteCsv } from '../../../electron/core/referential/tete-csv';
import type { NodeScore, Referential, StatutRecord } from '../../../shared/domain';
import type { Personnalisation } from '../../../shared/scoring/engine';
import { teteEngine } from '../../../shared/scoring/tete';
import { DATA, describeWithSharedData } from '../../helpers/shared-data';

const load = (structure: string): Referential => parseTeteCsv({ structure: { name: structure, text: readFileSync(structure, 'utf8') } });

/** Fixture statut value → stored record (§2.1); unknown strings (`pas fait`, `desactive`) → no statut. */
function toRecord(nodeId: string, value: unknown): StatutRecord | null {
  if (Array.isArray(value) && value.length === 3 && value.every((x) => typeof x === 'number')) {
    const [f, p, pf] = value as [number, number, number];
    return { nodeId, avancement: 'detaille', detail: [f, p, pf], concerne: true };
  }
  if (value === 'non_concerne') return { nodeId, avancement: 'non_renseigne', detail: null, concerne: false };
  if (value === 'fait' || value === 'programme' || value === 'pas_fait') return { nodeId, avancement: value, detail: null, concerne: true };
  return null;
}

/** `point_fait` → `pointFait`; `concerne: no` → false. */
const camel = (key: string): string => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const yesNo = (v: unknown): unknown => (v === 'no' ? false : v === 'yes' ? true : v);

/** Scores `referential` with the fixture's statuts and compares every field of its `Scores` to the third decimal. */
function checkFixture(dir: string, file: string, referential: Referential, personnalisation: Personnalisation = {}): void {
  const doc = parseYaml(readFileSync(join(dir, file), 'utf8')) as { Statuts?: Record<string, unknown>; Scores: Record<string, Record<string, unknown>> };
  const statuts = new Map<string, StatutRecord>();
  for (const [nodeId, value] of Object.entries(doc.Statuts ?? {})) {
    const r = toRecord(nodeId, value);
    if (r) statuts.set(nodeId, r);
  }
  const result = teteEngine.compute(referential, statuts, personnalisation);
  let checked = 0;
  for (const [nodeId, expected] of Object.entries(doc.Scores)) {
    const actual = (nodeId === referential.id ? result.root : result.nodes[nodeId]) as NodeScore | undefined;
    expect(actual, nodeId).toBeDefined();
    for (const [key, raw] of Object.entries(expected)) {
      if (key === 'test') continue; // a sentence describing the check
      const field = camel(key) as keyof NodeScore;
      const want = yesNo(raw);
      const got = actual![field];
      if (typeof want === 'number') expect(got, `${nodeId}.${field}`).toBeCloseTo(want, 3);
      else expect(got, `${nodeId}.${field}`).toEqual(want);
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(10);
}

describeWithSharedData('tete engine — propagation fixtures without personnalisation', () => {
  const cae = load(DATA.caeStructure);
  const eci = load(DATA.eciStructure);
  const files = readdirSync(DATA.propagationFixtures)
    .filter((f) => f.endsWith('.test.yml'))
    .filter((f) => !/^(Réponses|Collectivité):/m.test(readFileSync(join(DATA.propagationFixtures, f), 'utf8')));

  it('selects the two personnalisation-free fixtures', () => {
    expect(files.sort()).toEqual(['cae_1.1.1.test.yml', 'cae_5.1.2_non_concerne.test.yml']);
  });

  for (const file of files) it(file, () => checkFixture(DATA.propagationFixtures, file, file.startsWith('eci') ? eci : cae));

  // Fixtures with Réponses, their personnalisation consequences translated by hand from the rules in the CSV
  // (the formula language is a later issue). Empty identity: `identite(type, syndicat)` is false.
  it('cae_3.2.1_DOM_cogen (DOM, recuperation_cogeneration = NON): reduction 2/12, 3.2.1.2 and 3.2.1.3 deactivated', () => {
    checkFixture(DATA.propagationFixtures, 'cae_3.2.1_DOM_cogen.test.yml', cae, {
      'cae_3.2.1': { potentielPerso: 2 / 12 },
      'cae_3.2.1.2': { desactive: true },
      'cae_3.2.1.3': { desactive: true },
    });
  });

  it('cae_4.2.1_non_concerne (EPCI, voirie_1_b): reduction 0.5; pas fait sous-actions win over their non-concerné tâches', () => {
    checkFixture(DATA.propagationFixtures, 'cae_4.2.1_non_concerne.test.yml', cae, { 'cae_4.2.1': { potentielPerso: 0.5 } });
  });

  const dechets1Non: Personnalisation = Object.fromEntries(
    // dechets_1 = NON, plus the two rules that hold for any non-syndicat (1.2.4, 4.2.5: `si identite(type, syndicat) … sinon VRAI`).
    ['eci_1.2.4', 'eci_2.2', 'eci_2.4.2', 'eci_2.4.3', 'eci_4.2.1', 'eci_4.2.2', 'eci_4.2.3', 'eci_4.2.4', 'eci_4.2.5'].map((id) => [id, { desactive: true }]),
  );
  it('eci_2.4_dechets_1_non: 6 pts of 2.4.2 + 2.4.3 shared +2 each, 2.4.0 stays 0, root 465', () => {
    checkFixture(DATA.propagationFixtures, 'eci_2.4_dechets_1_non.test.yml', eci, dechets1Non);
  });
  it('referentiels/eci.test.yml: default identity deactivates 1.2.4 and 4.2.5 (6 leaves), root stays 500 with 274 leaves', () => {
    checkFixture(DATA.referentielFixtures, 'eci.test.yml', eci, { 'eci_1.2.4': { desactive: true }, 'eci_4.2.5': { desactive: true } });
  });
  it('personnalisation/eci_2.4.2 (dechets_1 = NON)', () => {
    checkFixture(join(DATA.propagationFixtures, '../personnalisation'), 'eci_2.4.2.test.yml', eci, dechets1Non);
  });

  it('cae_1.1.1 in words (§2.8 B): fait 3.3, programmé 3.9, pas fait 3.6 of 12; 1.1.1.4.3 non concerné gives 0.3 to each sibling', () => {
    const fixture = parseYaml(readFileSync(join(DATA.propagationFixtures, 'cae_1.1.1.test.yml'), 'utf8')) as { Statuts: Record<string, unknown> };
    const statuts = new Map<string, StatutRecord>();
    for (const [id, v] of Object.entries(fixture.Statuts)) {
      const r = toRecord(id, v);
      if (r) statuts.set(id, r);
    }
    const r = teteEngine.compute(cae, statuts);
    expect(r.nodes['cae_1.1.1']).toMatchObject({ pointFait: 3.3, pointProgramme: 3.9, pointPasFait: 3.6, pointPotentiel: 12 });
    expect(r.nodes['cae_1.1.1.7']).toMatchObject({ pointFait: 2.1, pointProgramme: 2.1, statut: 'detaille_a_la_tache' });
    // 1.1.1.4 is fait: its own statut wins, so its tâches show "non renseignable"; 1.1.1.4.3 is non concerné.
    expect(r.nodes['cae_1.1.1.4.1']!.statut).toBe('non_renseignable');
    expect(r.nodes['cae_1.1.1.4.3']!.statut).toBe('non_concerne');
    expect(r.nodes['cae_1.1.1.4.1']!.pointPotentiel).toBe(0.3);
    expect(r.nodes['cae_1.1.1']!.statut).toBeNull();
  });

  it('CAE without statuts: root 500 pts, 1 111 scoring leaves, nothing complete', () => {
    const r = teteEngine.compute(cae, new Map());
    expect(r.root).toMatchObject({ pointPotentiel: 500, pointNonRenseigne: 500, totalTachesCount: 1111, completedTachesCount: 0, score: 0, completude: 0 });
    expect(r.root.niveau?.rang).toBe(1);
    expect(Object.keys(r.nodes)).toHaveLength(1470);
  });

  it('ECi without statuts nor personnalisation: root 500 pts, 274 leaves (eci.test.yml before its 6 deactivations)', () => {
    const r = teteEngine.compute(eci, new Map());
    expect(r.root).toMatchObject({ pointPotentiel: 500, pointReferentiel: 500, totalTachesCount: 274, completedTachesCount: 0 });
  });

  it('cae_1.2.2.1 with its 3 tâches non concernées: +0.3 to each of the 4 other sous-actions, mesure stays 12 (§2.8 B)', () => {
    const statuts = new Map<string, StatutRecord>();
    for (const t of ['1', '2', '3']) statuts.set(`cae_1.2.2.1.${t}`, { nodeId: `cae_1.2.2.1.${t}`, avancement: 'non_renseigne', detail: null, concerne: false });
    const r = teteEngine.compute(cae, statuts);
    expect(r.nodes['cae_1.2.2.1']).toMatchObject({ concerne: false, pointPotentiel: 0 });
    expect(['2', '3', '4', '5'].map((s) => r.nodes[`cae_1.2.2.${s}`]!.pointPotentiel)).toEqual([2.1, 3.9, 2.1, 3.9]);
    expect(r.nodes['cae_1.2.2']!.pointPotentiel).toBe(12);
    expect(r.root.pointPotentiel).toBe(500);
  });
});
