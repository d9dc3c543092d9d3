/** The audit cycle's words on the « Audit » screen (renderer/src/lib/audit.ts). */
import { describe, expect, it } from 'vitest';
import { decisionSentence, etapeSentence, etapesState } from '../../renderer/src/lib/audit';
import { actionFamilyLabel, describeEvent } from '../../renderer/src/lib/history';

describe('audit screen words', () => {
  it('marks the steps before the current one done, the current one, the next ones to come', () => {
    expect(etapesState('ouvert').map((e) => [e.label, e.state])).toEqual([
      ['Préparation', 'fait'],
      ['Audit demandé', 'fait'],
      ['Audit ouvert', 'en-cours'],
      ['Audit clos', 'a-venir'],
      ['Décision', 'a-venir'],
    ]);
  });

  it('says where the cycle stands', () => {
    expect(etapeSentence({ numero: 2, etape: 'ouvert', auditeur: 'Claire Auditrice', ouvertAt: '2026-03-01T10:00:00.000Z', closAt: null })).toBe(
      "Cycle 2 : audit ouvert par Claire Auditrice le 01/03/2026. Seul l'auditeur modifie les statuts, depuis cet écran ; chaque changement est enregistré à son nom.",
    );
    expect(etapeSentence({ numero: 1, etape: 'clos', auditeur: 'C', ouvertAt: null, closAt: '2026-03-05T10:00:00.000Z' })).toBe(
      'Cycle 1 : audit clos le 05/03/2026 (jalon post-audit figé). Enregistrez la décision du comité.',
    );
  });

  it('the decision with its validity, or without when not granted or not given', () => {
    expect(decisionSentence({ niveau: 3, nom: '3 étoiles', date: '2026-04-15', finValidite: '2030-04-14', validiteAnnees: 4 })).toBe(
      "3 étoiles, le 15/04/2026 — valable jusqu'au 14/04/2030 (4 ans)",
    );
    expect(decisionSentence({ niveau: null, nom: 'Non labellisé', date: '2026-04-15', finValidite: '2030-04-14', validiteAnnees: 4 })).toBe('Non labellisé, le 15/04/2026');
    expect(decisionSentence({ niveau: 1, nom: 'Niveau 1', date: '2026-04-15', finValidite: null, validiteAnnees: null })).toBe(
      'Niveau 1, le 15/04/2026 — validité non précisée par le référentiel',
    );
  });
});

describe('audit events in French words (shared/history-words.ts)', () => {
  const ev = (action: string, before: unknown, after: unknown) => describeEvent({ id: 1, at: '2026-03-01T10:00:00.000Z', who: 'X', action, referentialId: 'cae', nodeId: null, before, after });
  it.each([
    ['audit.demande', { numero: 1, etape: 'preparation' }, { numero: 1, etape: 'demande' }, 'Audit demandé (cycle 1)'],
    ['audit.ouverture', null, { numero: 1, auditeur: 'Claire' }, 'Audit ouvert par Claire (cycle 1) : jalon pré-audit figé, modifications de la collectivité verrouillées'],
    ['audit.cloture', null, { numero: 1 }, 'Audit clos (cycle 1) : jalon post-audit figé'],
    ['audit.decision', null, { niveau: 2, nom: '2 étoiles', date: '2026-04-15', finValidite: '2030-04-14' }, "Décision : 2 étoiles le 15/04/2026, valable jusqu'au 14/04/2030"],
    ['audit.decision', null, { niveau: null, nom: 'Non labellisé', date: '2026-04-15', finValidite: '2030-04-14' }, 'Décision : Non labellisé le 15/04/2026'],
    ['audit.cycle', null, { numero: 2 }, "Nouveau cycle d'audit (cycle 2) : en préparation"],
    ['audit.etat', 'non_audite', 'en_cours', "État d'audit : Non audité → En cours"],
    ['audit.ordre', false, true, "Inscrite à l'ordre du jour de l'audit"],
    ['audit.note', null, 'Vu en séance', "Note d'audit : « Vu en séance »"],
    ['audit.rapport', null, { fileName: 'rapport.pdf', size: 2048 }, "Rapport d'audit joint : rapport.pdf (2,0\u202fko)"],
    ['reponse.set', { question: 'dechets_1', valeur: true }, { question: 'dechets_1', valeur: false }, 'Réponse à la question dechets_1 : Oui → Non'],
  ])('%s', (action, before, after, text) => {
    expect(ev(action, before, after)).toBe(text);
  });

  it('names the family of an action for the filter', () => {
    expect([actionFamilyLabel('statut.cascade'), actionFamilyLabel('audit.note'), actionFamilyLabel('inconnu.x')]).toEqual(['Statuts et explications', 'Audit', 'Autre']);
  });
});
