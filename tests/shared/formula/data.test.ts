/**
 * Every formula of the real data parses (tete-referentials.md §2.5, §2.6): the personnalisation rules of the CAE,
 * ECi and TE CSVs, the indicator formulas (exprScore), and the questions' exprVisible; counts asserted. Then every
 * rule is evaluated for a few identities and answer sets and gives a value of the right type.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { expect, it } from 'vitest';
import { parseTeteCsv } from '../../../electron/core/referential/tete-csv';
import type { Referential } from '../../../shared/domain';
import { evaluateFormula, parseFormula, questionsOf, reglesOf, type FormulaContext, type IdentiteCollectivite, type Reponse } from '../../../shared/formula';
import { DATA, describeWithSharedData } from '../../helpers/shared-data';
import { EXEMPLES } from './exemples';

const load = (path: string): Referential => parseTeteCsv({ structure: { name: path, text: readFileSync(path, 'utf8') } });
const QUESTIONS = join(dirname(DATA.caeStructure), '../../../collectivites/personnalisations/import-personnalisation-questions/samples/import-personnalisation-questions.csv');

describeWithSharedData('formula language — every formula of the real data', () => {
  const cae = load(DATA.caeStructure);
  const eci = load(DATA.eciStructure);
  const te = load(DATA.teStructure);
  const questions = parse(readFileSync(QUESTIONS, 'utf8'), { columns: true }) as { id: string; type: string; exprVisible: string }[];
  const questionIds = new Set(questions.map((q) => q.id));

  const summary = (r: Referential) => {
    const { list, byType } = reglesOf(r);
    return { regles: list.length, noeuds: new Set(list.map((x) => x.nodeId)).size, desactivation: byType.desactivation.size, reduction: byType.reduction.size, score: byType.score.size };
  };

  it('CAE: 93 rules on 82 nodes (38 désactivation, 54 réduction, 1 score) — §2.5', () => {
    expect(summary(cae)).toEqual({ regles: 93, noeuds: 82, desactivation: 38, reduction: 54, score: 1 });
    expect(reglesOf(cae).byType.score.get('cae_3.3.5')).toMatchObject({ formule: EXEMPLES['cae_3.3.5 score'], formula: { kind: 'minmax', fonction: 'min' } });
  });

  it('ECi: 22 rules on 22 nodes (20 désactivation, 2 réduction)', () => {
    expect(summary(eci)).toEqual({ regles: 22, noeuds: 22, desactivation: 20, reduction: 2, score: 0 });
  });

  it('TE: 173 désactivation rules on 173 nodes, nothing else (§1.5: TE personnalisation is only Desactivation)', () => {
    expect(summary(te)).toEqual({ regles: 173, noeuds: 173, desactivation: 173, reduction: 0, score: 0 });
  });

  it('parses the rules once per Referential object', () => {
    expect(reglesOf(cae)).toBe(reglesOf(cae));
    expect(reglesOf(load(DATA.caeStructure))).not.toBe(reglesOf(cae));
  });

  it('every reponse(…) of the rules names a question of the questions CSV (103 questions)', () => {
    expect(questions).toHaveLength(103);
    const used = new Set<string>();
    for (const r of [cae, eci, te]) for (const regle of reglesOf(r).list) for (const q of questionsOf(regle.formula)) used.add(q);
    expect([...used].filter((q) => !questionIds.has(q))).toEqual([]);
    expect(used.size).toBeGreaterThan(50);
  });

  it('every exprVisible parses: 10 of the 103 questions have one, reading known questions', () => {
    const visibles = questions.filter((q) => q.exprVisible.trim() !== '');
    expect(visibles.map((q) => q.id)).toEqual(['AOM_2', 'PAT_2', 'EP_2', 'Bat_2', 'PCAET_2', 'Bois_2', 'Bois_3', 'assainissement_4bis', 'dev_eco_2', 'Deblais']);
    for (const q of visibles) {
      const f = parseFormula(q.exprVisible, { questionId: q.id });
      expect(questionsOf(f).every((id) => questionIds.has(id)), q.id).toBe(true);
    }
  });

  it('every indicator formula (exprScore) parses: 35 in CAE, 31 in TE', () => {
    const count = (r: Referential): number => r.nodes.filter((n) => n.meta.exprScore !== undefined && parseFormula(n.meta.exprScore, { nodeId: n.id }) !== null).length;
    expect([count(cae), count(eci), count(te)]).toEqual([35, 0, 31]);
  });

  it('the §2.5 example formulas used in evaluate.test.ts are verbatim from the CSVs', () => {
    const meta = (r: Referential, id: string, type: string): string | undefined => r.nodes.find((n) => n.id === id)?.meta[`regle.${type}`];
    for (const [key, formule] of Object.entries(EXEMPLES)) {
      const [id, type] = key.endsWith(' score') ? [key.slice(0, -6), 'score'] : [key, ''];
      const r = id.startsWith('eci') ? eci : cae;
      const found = type ? meta(r, id, type) : (meta(r, id, 'reduction') === formule ? formule : meta(r, id, 'desactivation'));
      expect(found, key).toBe(formule);
    }
  });

  it('every rule evaluates to the type its rule needs, for several identities and answer sets', () => {
    const identites: IdentiteCollectivite[] = [
      { type: 'commune', soustype: null, population: ['moins_de_3000', 'moins_de_5000', 'moins_de_10000', 'moins_de_20000', 'moins_de_50000', 'moins_de_100000'], localisation: 'Metropole', dansAireUrbaine: false },
      { type: 'EPCI', soustype: 'epci_a_fiscalite_propre', population: ['plus_de_3000', 'plus_de_20000', 'plus_de_50000', 'plus_de_100000'], localisation: 'DOM', dansAireUrbaine: true },
      { type: 'EPCI', soustype: 'syndicat', population: ['plus_de_3000', 'moins_de_50000'], localisation: 'Metropole', dansAireUrbaine: null },
    ];
    const answers = (value: boolean): Map<string, Reponse> =>
      new Map(questions.map((q): [string, Reponse] => [q.id, q.type === 'binaire' ? value : q.type === 'proportion' ? (value ? 0.8 : 0.1) : `${q.id}_${value ? 'a' : 'c'}`]));
    const contexts: FormulaContext[] = identites.flatMap((identite) => [{ identite }, { identite, reponses: answers(true) }, { identite, reponses: answers(false) }]);
    const seen = { desactivationTrue: 0, reductions: new Set<number>() };
    for (const r of [cae, eci, te]) {
      for (const regle of reglesOf(r).list) {
        if (regle.type === 'score') continue;
        for (const context of contexts) {
          const v = evaluateFormula(regle.formula, context);
          if (regle.type === 'desactivation') {
            expect(v === null || typeof v === 'boolean', `${regle.nodeId} ${regle.formule}`).toBe(true);
            if (v === true) seen.desactivationTrue++;
          } else {
            expect(v === null || (typeof v === 'number' && v >= 0 && v <= 3), `${regle.nodeId} ${regle.formule} → ${String(v)}`).toBe(true);
            if (typeof v === 'number') seen.reductions.add(Math.round(v * 1000) / 1000);
          }
        }
      }
    }
    expect(seen.desactivationTrue).toBeGreaterThan(100);
    // Factors seen include the shifts > 1 of §2.5 (5/4, 1.625, 12/8, 2, and ECi 3.7.1's 3).
    for (const f of [0, 0.167, 0.5, 1.25, 1.5, 1.625, 2, 3]) expect(seen.reductions.has(f), String(f)).toBe(true);
  });
});
