/**
 * The helpers that write sentences for the screens merged after the first translation pass (issue 8 item 2): the
 * same input in French (the reference wording, unchanged) and in English, through the interface language
 * (i18next + lib/format.ts) or the `lang` parameter of shared/history-words.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actionFamilyLabel, describeEvent, describeStatut } from '../../shared/history-words';
import { scorePointsLine } from '../../renderer/src/components/ScoreCard';
import { i18next } from '../../renderer/src/i18n/tr';
import { decisionSentence, etapeSentence, etapesState, etatLabel } from '../../renderer/src/lib/audit';
import { axeChartDescription, progressionDescription, progressionPoints } from '../../renderer/src/lib/charts';
import { jalonKindLabel } from '../../renderer/src/lib/comparaison';
import { commitEcheance } from '../../renderer/src/lib/echeance';
import { guideSteps } from '../../renderer/src/lib/firstRun';
import { setFormatLang } from '../../renderer/src/lib/format';

const NNBSP = '\u202f';
const ev = (action: string, before: unknown, after: unknown) => ({ id: 1, at: '2026-03-01T10:00:00.000Z', who: 'X', action, referentialId: 'cae', nodeId: null, before, after });

async function use(lang: 'fr' | 'en'): Promise<void> {
  setFormatLang(lang);
  await i18next.changeLanguage(lang);
}

describe('history sentences in both languages (shared/history-words.ts, lang defaults to French)', () => {
  it.each([
    ['statut.set', 'non_renseigne', { statut: 'fait' }, 'Statut : Non renseigné → Fait', 'Status: Not filled in → Done'],
    ['node.echeance', '2027-01-31', '2027-06-30', 'Échéance fixée au 30/06/2027 (au lieu du 31/01/2027)', 'Due date set to 30 Jun 2027 (instead of 31 Jan 2027)'],
    ['node.pilotes', { pilotes: [], services: [] }, { pilotes: ['Jeanne Martin'], services: [] }, 'Pilotes : Jeanne Martin', 'Leads: Jeanne Martin'],
    ['preuve.add', null, { kind: 'fichier', titre: 'Délibération', fileName: 'delib.pdf', size: 1536 }, `Preuve ajoutée : Délibération (delib.pdf, 1,5${NNBSP}ko)`, 'Evidence added: Délibération (delib.pdf, 1.5 KB)'],
    ['statut.explication', null, 'Fait en 2025', 'Explication ajoutée : « Fait en 2025 »', 'Explanation added: “Fait en 2025”'],
    ['audit.etat', 'non_audite', 'audite', "État d'audit : Non audité → Audité", 'Audit state: Not audited → Audited'],
    ['audit.decision', null, { nom: '3 étoiles', niveau: 3, date: '2026-04-15', finValidite: '2030-04-14' }, "Décision : 3 étoiles le 15/04/2026, valable jusqu'au 14/04/2030", 'Decision: 3 étoiles on 15 Apr 2026, valid until 14 Apr 2030'],
    ['audit.decision', null, { nom: 'Non labellisé', niveau: null, date: '2026-04-15', finValidite: null }, 'Décision : Non labellisé le 15/04/2026', 'Decision: Not labelled on 15 Apr 2026'],
    ['referential.import', { version: '1', nodesRemoved: 2 }, { id: 'cae', version: '2', nodes: 1470 }, `Référentiel « cae » réimporté de la version 1 à la version 2 : 1${NNBSP}470 éléments, 2 éléments retirés`, 'Referential “cae” imported again from version 1 to version 2: 1,470 items, 2 items removed'],
    ['reponse.set', { question: 'AOM_1', valeur: true }, { question: 'AOM_1', valeur: false }, 'Réponse à la question AOM_1 : Oui → Non', 'Answer to question AOM_1: Yes → No'],
    ['reponse.set', null, { question: 'AOM_2', valeur: 0.05 }, 'Réponse à la question AOM_2 : sans réponse → 5\u202f%', 'Answer to question AOM_2: no answer → 5%'],
    ['reponse.set', { question: 'dechets_4', valeur: 0.125 }, { question: 'dechets_4', valeur: 1 }, 'Réponse à la question dechets_4 : 12,5\u202f% → 100\u202f%', 'Answer to question dechets_4: 12.5% → 100%'],
    ['something.new', null, null, 'Modification enregistrée', 'Change recorded'],
  ])('%s', (action, before, after, fr, en) => {
    expect(describeEvent(ev(action, before, after))).toBe(fr);
    expect(describeEvent(ev(action, before, after), 'tete', 'fr')).toBe(fr);
    expect(describeEvent(ev(action, before, after), 'tete', 'en')).toBe(en);
  });

  it('statuts in the words of the model, families of actions', () => {
    expect(describeStatut(null, 'weighted', 'en')).toBe('Not evaluated');
    expect(describeStatut({ statut: 'detaille', detail: [0.7, 0.2, 0.1] }, 'tete', 'en')).toBe('Detailed (70% / 20% / 10%)');
    expect(describeStatut({ statut: 'detaille', detail: [0.7, 0.2, 0.1] })).toBe(`Détaillé (70${NNBSP}% / 20${NNBSP}% / 10${NNBSP}%)`);
    expect(actionFamilyLabel('node.echeance')).toBe('Pilotes et échéances');
    expect(actionFamilyLabel('node.echeance', 'en')).toBe('Leads and due dates');
    expect(actionFamilyLabel('inconnu.x', 'en')).toBe('Other');
  });
});

describe('screen helpers follow the interface language', () => {
  beforeEach(() => use('en'));
  afterEach(() => use('fr'));

  it('audit cycle steps, sentences and decision', async () => {
    expect(etapesState('ouvert').map((e) => e.label)).toEqual(['Preparation', 'Audit requested', 'Audit open', 'Audit closed', 'Decision']);
    expect(etapeSentence({ numero: 1, etape: 'clos', auditeur: 'C', ouvertAt: null, closAt: '2026-03-05T10:00:00.000Z' })).toBe(
      'Cycle 1: audit closed on 5 Mar 2026 (post-audit milestone frozen). Record the committee’s decision.',
    );
    expect(decisionSentence({ niveau: null, nom: 'Non labellisé', date: '2026-04-15', finValidite: null, validiteAnnees: null })).toBe('Not labelled, on 15 Apr 2026');
    expect(etatLabel('en_cours')).toBe('In progress');
    await use('fr');
    expect(etatLabel('en_cours')).toBe('En cours');
    expect(decisionSentence({ niveau: null, nom: 'Non labellisé', date: '2026-04-15', finValidite: null, validiteAnnees: null })).toBe('Non labellisé, le 15/04/2026');
  });

  it('chart text alternatives and the « today » point', async () => {
    const bars = [{ id: 'a', label: '1 Planning', value: 74.9, text: '74.9%' }];
    expect(axeChartDescription('axis', bars, [{ nom: '2 étoiles', value: 35 }])).toBe('Score by axis: 1 Planning 74.9%. Thresholds: 2 étoiles 35.0%.');
    const points = progressionPoints([{ nom: 'Pré-audit', at: '2026-03-12T10:00:00Z', referentiels: [{ referentialId: 'cae', score: 0.25 }] }], 'cae', null);
    expect(points.at(-1)!.label).toBe('Today');
    expect(progressionDescription(points, [])).toBe('Score progression: Pré-audit (12/03/2026) 25.0%; Today not computable.');
    await use('fr');
    expect(progressionDescription(progressionPoints([], 'cae', null), [])).toBe('Progression du score : .');
  });

  it('ScoreCard lines with their plurals', async () => {
    expect(scorePointsLine('rate', { pointFait: 1, pointProgramme: 0, pointPasFait: 1, pointPotentiel: 2, pointReferentiel: 106 })).toBe('1 compliant of 2 evaluated (106 criteria)');
    expect(scorePointsLine('progress', { pointFait: 0, pointProgramme: 0, pointPasFait: 1, pointPotentiel: 1, pointReferentiel: 1 })).toBe('0 done of 1 filled in (1 practice)');
    expect(scorePointsLine('weighted', { pointFait: 1.5, pointPasFait: 0, pointPotentiel: 1.5, pointReferentiel: 100.25 })).toBe('1.5 pts compliant of 1.5 evaluated (100.25 in total)');
    await use('fr');
    // French: singular up to 1 (« 0 faite »), as before the catalogues.
    expect(scorePointsLine('progress', { pointFait: 0, pointProgramme: 0, pointPasFait: 1, pointPotentiel: 1, pointReferentiel: 1 })).toBe('0 faite sur 1 renseignée (1 pratique)');
  });

  it('échéance messages, first-run steps, jalon kinds', () => {
    expect(commitEcheance('', true, null)).toEqual({ kind: 'error', message: 'Incomplete date: enter the day, the month and the year, or empty the field to remove the due date.' });
    expect(commitEcheance('2026-02-30', false, null)).toEqual({ kind: 'error', message: '30 Feb 2026 does not exist: check the day and the month.' });
    const steps = guideSteps({ nom: 'Ma collectivité', referentials: [{ id: 'label-nr', nom: 'Label NR' }], people: 1, services: 2 });
    expect(steps.map((s) => [s.titre, s.etat])).toEqual([
      ['Identity of the local authority', 'Name to enter.'],
      ['Referentials', '1 referential: Label NR.'],
      ['Leads and services', '1 lead, 2 services.'],
    ]);
    expect(jalonKindLabel('manuel')).toBe('Named save');
  });
});
