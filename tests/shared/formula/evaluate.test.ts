/**
 * Evaluator of the formula language (tete-referentials.md §2.5, §2.6): tables of expressions with their values —
 * precedence, null propagation, every function — and the §2.5 example rules verbatim from the CAE / ECi CSVs with
 * chosen identities and answers (hand-computed values).
 */
import { describe, expect, it } from 'vitest';
import { round3 } from '../../../shared/domain';
import {
  asDesactivation,
  asNombre,
  estVisible,
  evaluateFormula,
  parseFormula,
  type FormulaContext,
  type IdentiteCollectivite,
  type Reponse,
  type Valeur,
} from '../../../shared/formula';
import { EXEMPLES } from './exemples';

const ev = (text: string, context: FormulaContext = {}): Valeur => evaluateFormula(parseFormula(text), context);

const COMMUNE: IdentiteCollectivite = { type: 'commune', soustype: null, population: ['moins_de_20000', 'moins_de_50000', 'moins_de_100000', 'plus_de_3000'], localisation: 'Metropole', dansAireUrbaine: true };
const EPCI_30000: IdentiteCollectivite = { type: 'EPCI', soustype: 'epci_a_fiscalite_propre', population: ['moins_de_50000', 'moins_de_100000', 'plus_de_3000', 'plus_de_20000'], localisation: 'Metropole', dansAireUrbaine: false };
const EPCI_DOM_10000: IdentiteCollectivite = { type: 'EPCI', soustype: 'epci_a_fiscalite_propre', population: ['moins_de_20000', 'moins_de_50000', 'moins_de_100000', 'plus_de_3000'], localisation: 'DOM', dansAireUrbaine: null };
const SYNDICAT: IdentiteCollectivite = { type: 'EPCI', soustype: 'syndicat', population: [], localisation: 'Metropole', dansAireUrbaine: null };

const ctx = (identite: IdentiteCollectivite | undefined, reponses: Record<string, Reponse> = {}): FormulaContext => ({ identite, reponses: new Map(Object.entries(reponses)) });

describe('evaluate — literals, precedence and conditionals', () => {
  const cases: [string, Valeur][] = [
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 - 4 - 3', 3],
    ['12 / 4 / 3', 1],
    ['-2 * 3', -6],
    ['2 * -3', -6],
    ['- (1 + 2)', -3],
    ['--2', 2],
    ['0.75', 0.75],
    ['1 + 2 = 3', true],
    ['1 <= 1', true],
    ['2 >= 3', false],
    ['1 < 2 et 3 > 4', false],
    ['1 < 2 ou 3 > 4', true],
    ['VRAI ou FAUX et FAUX', true],
    ['(VRAI ou FAUX) et FAUX', false],
    ['OUI', true],
    ['non', false],
    ['Vrai', true],
    ['EPCI', 'EPCI'],
    ['ouverture', 'ouverture'],
    ['sinon_x', 'sinon_x'],
    ['nonce = nonce', true],
    ['EPCI = epci', false],
    ['1 = VRAI', false],
    ['si VRAI alors 1 sinon 2', 1],
    ['si FAUX alors 1 sinon 2', 2],
    ['si FAUX alors 1', null],
    ['si FAUX alors 1 sinon si VRAI alors 2 sinon 3', 2],
    ['si VRAI alors si FAUX alors 1 sinon 2', 2],
    ['SI vrai ALORS 1 SINON 2', 1],
    ['si 1 alors 1 sinon 2', 2],
    ['(si VRAI alors 2) * 3', 6],
    ['min(1, 2)', 1],
    ['MAX(1, 2)', 2],
    ['max(2/12, 0.1)', 2 / 12],
    ['min(si VRAI alors 0.3, 0.5)', 0.3],
  ];
  it.each(cases)('%s → %j', (text, value) => expect(ev(text)).toBe(value));
});

describe('evaluate — nulls propagate (§2.6)', () => {
  const cases: [string, Valeur][] = [
    ['reponse(q) + 1', null],
    ['reponse(q) * 0', null],
    ['-reponse(q)', null],
    ['min(reponse(q), 1)', null],
    ['max(1, reponse(q))', null],
    ['reponse(q) < 1', null],
    ['reponse(q) = 1', null],
    ['(si FAUX alors 1) + 1', null],
    ['1 / 0', null],
    ['EPCI + 1', null],
    ['VRAI < FAUX', null],
    ['VRAI + 1', null],
    // A null condition, or a null operand of et / ou, counts as false.
    ['si reponse(q) alors 1 sinon 2', 2],
    ['reponse(q) et VRAI', false],
    ['reponse(q) ou VRAI', true],
    ['reponse(q) ou FAUX', false],
    // Indicator functions are parsed but give null, so the condition is false.
    ['val(cae_6.a)', null],
    ['si val(cae_6.a) > limite(cae_6.a) alors 0 sinon 1', 1],
    ['opt_val(cae_22) / cible(cae_22)', null],
  ];
  it.each(cases)('%s → %j', (text, value) => expect(ev(text)).toBe(value));
});

describe('evaluate — reponse, identite, score', () => {
  const reponses = { AOM_1: true, dechets_1: false, EP_1: 'EP_1_b', habitat_2: 0.1 };
  const cases: [string, Valeur][] = [
    ['reponse(AOM_1, OUI)', true],
    ['reponse(AOM_1, VRAI)', true],
    ['reponse(AOM_1, NON)', false],
    ['reponse(AOM_1)', true],
    ['reponse(dechets_1, NON)', true],
    ['reponse(dechets_1, OUI)', false],
    ['reponse(inconnue, OUI)', false],
    ['reponse(inconnue, NON)', false],
    ['reponse(inconnue)', null],
    ['reponse(aom_1, OUI)', false], // question ids are exact
    ['reponse(EP_1, EP_1_b)', true],
    ['reponse(EP_1, EP_1_a)', false],
    ['reponse(EP_1)', 'EP_1_b'],
    ['reponse(EP_1) = EP_1_b', true],
    ['reponse(habitat_2)', 0.1],
    ['reponse(habitat_2, 0.1)', true],
    ['reponse(habitat_2) * 10', 1],
  ];
  it.each(cases)('answers %j: %s → %j', (text, value) => expect(ev(text, ctx(undefined, reponses))).toBe(value));

  const identites: [string, IdentiteCollectivite | undefined, boolean][] = [
    ['identite(type, commune)', COMMUNE, true],
    ['identite(type, EPCI)', COMMUNE, false],
    ['identite(type, epci)', EPCI_30000, true],
    ['identite(type, syndicat)', SYNDICAT, true],
    ['identite(type, syndicat)', EPCI_30000, false],
    ['identite(soustype, syndicat)', SYNDICAT, true],
    ['identite(soustype, epci_a_fiscalite_propre)', EPCI_30000, true],
    ['identite(population, plus_de_20000)', EPCI_30000, true],
    ['identite(population, moins_de_20000)', EPCI_30000, false],
    ['identite(population, moins_de_20000)', COMMUNE, true],
    ['identite(localisation, DOM)', EPCI_DOM_10000, true],
    ['identite(localisation,DOM)', COMMUNE, false],
    ['identite(localisation, Metropole)', COMMUNE, true],
    ['identite(localisation, Metropole)', EPCI_DOM_10000, false],
    ['identite(dans_aire_urbaine, OUI)', COMMUNE, true],
    ['identite(dans_aire_urbaine, NON)', EPCI_30000, true],
    ['identite(dans_aire_urbaine, NON)', EPCI_DOM_10000, false], // unknown: neither
    ['identite(type, commune)', undefined, false],
    ['identite(localisation, Metropole)', undefined, false],
    ['identite(type, commune)', { ...COMMUNE, type: null }, false],
  ];
  it.each(identites)('%s with %j → %j', (text, identite, value) => expect(ev(text, ctx(identite))).toBe(value));

  it('score(node) reads the context; null without one or for a node it does not know', () => {
    const score = (id: string): number | null => ({ 'cae_1.2.3': 0.5, 'cae_3.3.5': 0.3 })[id] ?? null;
    expect(ev('score(cae_1.2.3)', { score })).toBe(0.5);
    expect(ev('score(cae_1.2.3)')).toBeNull();
    expect(ev('min(score(cae_9), 1)', { score })).toBeNull();
  });
});

/** A rule's value with an identity and answers; numbers rounded to 3 decimals for comparison. */
const rule = (text: string, identite: IdentiteCollectivite | undefined, reponses: Record<string, Reponse> = {}): Valeur => {
  const v = evaluateFormula(parseFormula(text), ctx(identite, reponses));
  return typeof v === 'number' ? round3(v) : v;
};

describe('evaluate — the §2.5 example rules, verbatim', () => {
  it('cae_1.1.2.0.1 désactivation: the PCAET obligation only applies to EPCI over 20 000 inhabitants', () => {
    expect(rule(EXEMPLES['cae_1.1.2.0.1'], COMMUNE)).toBe(true);
    expect(rule(EXEMPLES['cae_1.1.2.0.1'], EPCI_DOM_10000)).toBe(true);
    expect(rule(EXEMPLES['cae_1.1.2.0.1'], EPCI_30000)).toBeNull(); // no consequence: not deactivated
    expect(asDesactivation(rule(EXEMPLES['cae_1.1.2.0.1'], EPCI_30000))).toBe(false);
  });

  it('cae_1.1.2.2 réduction 5/4 for an EPCI over 20 000 (40 % → 50 % of the mesure), nothing for a commune', () => {
    expect(rule(EXEMPLES['cae_1.1.2.2'], EPCI_30000)).toBe(1.25);
    expect(rule(EXEMPLES['cae_1.1.2.2'], COMMUNE)).toBeNull();
  });

  it('cae_1.2.2 réduction: 2/12 without centre urbain nor AOM, halved without AOM, nothing with AOM', () => {
    expect(rule(EXEMPLES['cae_1.2.2'], COMMUNE, { centre_urbain: false, AOM_1: false })).toBe(0.167);
    expect(rule(EXEMPLES['cae_1.2.2'], COMMUNE, { centre_urbain: true, AOM_1: false })).toBe(0.5);
    expect(rule(EXEMPLES['cae_1.2.2'], COMMUNE, { centre_urbain: false, AOM_1: true })).toBeNull();
    expect(rule(EXEMPLES['cae_1.2.2'], COMMUNE)).toBeNull();
  });

  it('cae_3.2.1 réduction and cae_3.2.1.2 désactivation on recuperation_cogeneration (DOM fixture of §2.8 B: potentiel 2 of 12)', () => {
    expect(rule(EXEMPLES['cae_3.2.1'], EPCI_DOM_10000, { recuperation_cogeneration: true })).toBe(0.833);
    expect(rule(EXEMPLES['cae_3.2.1'], EPCI_DOM_10000, { recuperation_cogeneration: false })).toBe(0.167);
    expect(round3(12 * asNombre(evaluateFormula(parseFormula(EXEMPLES['cae_3.2.1']), ctx(EPCI_DOM_10000, { recuperation_cogeneration: false })))!)).toBe(2);
    expect(rule(EXEMPLES['cae_3.2.1'], EPCI_30000, { recuperation_cogeneration: true })).toBeNull();
    expect(rule(EXEMPLES['cae_3.2.1.2'], EPCI_DOM_10000, { recuperation_cogeneration: false })).toBe(true);
    expect(rule(EXEMPLES['cae_3.2.1.2'], EPCI_DOM_10000, { recuperation_cogeneration: true })).toBe(false);
    expect(rule(EXEMPLES['cae_3.2.1.2'], EPCI_DOM_10000)).toBe(false);
  });

  it('cae_3.3.5 réduction: 2/12 for a commune without the competence, the syndicate share with a floor of 2/12 for an EPCI', () => {
    expect(rule(EXEMPLES['cae_3.3.5'], COMMUNE, { dechets_2: false })).toBe(0.167);
    expect(rule(EXEMPLES['cae_3.3.5'], EPCI_30000, { dechets_2: false, dechets_4: 0.4 })).toBe(0.4);
    expect(rule(EXEMPLES['cae_3.3.5'], EPCI_30000, { dechets_2: false, dechets_4: 0.1 })).toBe(0.167);
    expect(rule(EXEMPLES['cae_3.3.5'], EPCI_30000, { dechets_2: false })).toBeNull(); // share unanswered: max(null, …) is null
    expect(rule(EXEMPLES['cae_3.3.5'], EPCI_30000, { dechets_2: true })).toBeNull();
  });

  it('cae_3.3.5 score: the done-ratio is capped by cae_1.2.3', () => {
    const f = parseFormula(EXEMPLES['cae_3.3.5 score']);
    expect(evaluateFormula(f, { score: (id) => ({ 'cae_1.2.3': 0.5, 'cae_3.3.5': 1 })[id] ?? null })).toBe(0.5);
    expect(evaluateFormula(f, { score: (id) => ({ 'cae_1.2.3': 0.5, 'cae_3.3.5': 0.3 })[id] ?? null })).toBe(0.3);
  });

  it('cae_6.2.1 réduction (§2.8 B): 10 % share with a seat → potentiel 3 of 10; 50 % → 6; 10 % without a seat → 2', () => {
    const potentiel = (identite: IdentiteCollectivite, reponses: Record<string, Reponse>): number | null => {
      const f = asNombre(evaluateFormula(parseFormula(EXEMPLES['cae_6.2.1']), ctx(identite, reponses)));
      return f === null ? null : round3(10 * f);
    };
    expect(potentiel(COMMUNE, { habitat_2: 0.1, habitat_3: true })).toBe(3);
    expect(potentiel(COMMUNE, { habitat_2: 0.5, habitat_3: true })).toBe(6);
    expect(potentiel(COMMUNE, { habitat_2: 0.1, habitat_3: false })).toBe(2);
    expect(potentiel(EPCI_30000, { habitat_2: 0.1, habitat_3: true })).toBeNull();
  });

  it('cae_6.3.1.x: without dev_eco_4, 6.3.1.4 is deactivated and its 25 % go to 6.3.1.3 and 6.3.1.5 (20 % × 1.625 = 32.5 %)', () => {
    expect(rule(EXEMPLES['cae_6.3.1.4'], COMMUNE, { dev_eco_4: false })).toBe(true);
    expect(rule(EXEMPLES['cae_6.3.1.3'], COMMUNE, { dev_eco_4: false })).toBe(1.625);
    expect(rule(EXEMPLES['cae_6.3.1.3'], COMMUNE, { dev_eco_4: true })).toBeNull();
  });

  it('cae_6.4.1 SAU = OUI halves the mesure; cae_6.4.1.6 × 4/3 in a DOM only', () => {
    expect(rule(EXEMPLES['cae_6.4.1'], COMMUNE, { SAU: true })).toBe(0.5);
    expect(rule(EXEMPLES['cae_6.4.1'], COMMUNE, { SAU: false })).toBeNull();
    expect(rule(EXEMPLES['cae_6.4.1.6'], EPCI_DOM_10000)).toBe(1.333);
    expect(rule(EXEMPLES['cae_6.4.1.6'], COMMUNE)).toBeNull();
  });

  it('cae_2.3.1: choice answers (EP_1_b → 2/6, EP_1_c → 0) and otherwise the proportion EP_2 itself', () => {
    expect(rule(EXEMPLES['cae_2.3.1'], EPCI_30000, { EP_1: 'EP_1_b' })).toBe(0.333);
    expect(rule(EXEMPLES['cae_2.3.1'], EPCI_30000, { EP_1: 'EP_1_c', EP_2: 0.4 })).toBe(0);
    expect(rule(EXEMPLES['cae_2.3.1'], COMMUNE, { EP_1: 'EP_1_b', EP_2: 0.4 })).toBe(0.4);
    expect(rule(EXEMPLES['cae_2.3.1'], COMMUNE)).toBeNull();
  });

  it('eci_1.2.4: the legacy identite(type, syndicat) tests the soustype', () => {
    expect(rule(EXEMPLES['eci_1.2.4'], SYNDICAT)).toBe(false);
    expect(rule(EXEMPLES['eci_1.2.4'], EPCI_30000)).toBe(true);
    expect(rule(EXEMPLES['eci_1.2.4'], COMMUNE)).toBe(true);
  });

  it('asNombre keeps finite numbers only; asDesactivation only true', () => {
    expect([asNombre(0), asNombre(0.5), asNombre(true), asNombre('EPCI'), asNombre(null)]).toEqual([0, 0.5, null, null, null]);
    expect([asDesactivation(true), asDesactivation(false), asDesactivation(null), asDesactivation(1)]).toEqual([true, false, false, false]);
  });
});

describe('estVisible — question visibility (§2.5 exprVisible)', () => {
  const ep2 = parseFormula('si reponse(EP_1, EP_1_a) alors FAUX sinon VRAI');
  const aom2 = parseFormula('Si reponse(AOM_1, NON) alors VRAI');
  it.each([
    ['EP_2 when EP_1 = EP_1_a', ep2, { EP_1: 'EP_1_a' }, false],
    ['EP_2 when EP_1 = EP_1_b', ep2, { EP_1: 'EP_1_b' }, true],
    ['EP_2 when EP_1 is unanswered', ep2, {}, true],
    ['AOM_2 when AOM_1 = NON', aom2, { AOM_1: false }, true],
    ['AOM_2 when AOM_1 = OUI (no sinon: null, hidden)', aom2, { AOM_1: true }, false],
    ['AOM_2 when AOM_1 is unanswered', aom2, {}, false],
    ['a question without formula', null, {}, true],
  ] as const)('%s → %j', (_label, formula, reponses, visible) => {
    expect(estVisible(formula, ctx(undefined, reponses as Record<string, Reponse>))).toBe(visible);
  });
});
