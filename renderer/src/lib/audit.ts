/**
 * The audit cycle as the « Audit » screen says it (issue 6 items 3–4; DOMAIN.md "Audit cycle"): the steps in
 * order with the current one, what can be done at each step, the états of a mesure, the decision in words.
 * Pure functions, tested in tests/renderer/audit.test.ts; the rules themselves are the core's (services/audit.ts).
 */
import { tr } from '../i18n/tr';
import { formatDate } from './format';

export type Etape = 'preparation' | 'demande' | 'ouvert' | 'clos' | 'decision';
export type EtatAudit = 'non_audite' | 'en_cours' | 'audite';

/** The steps in order, with their French names as the core's messages say them. */
export const ETAPES: ReadonlyArray<{ etape: Etape; label: string }> = [
  { etape: 'preparation', label: 'Préparation' },
  { etape: 'demande', label: 'Audit demandé' },
  { etape: 'ouvert', label: 'Audit ouvert' },
  { etape: 'clos', label: 'Audit clos' },
  { etape: 'decision', label: 'Décision' },
];

/** French names of the états of a mesure. */
export const ETAT_OPTIONS: ReadonlyArray<{ etat: EtatAudit; label: string }> = [
  { etat: 'non_audite', label: 'Non audité' },
  { etat: 'en_cours', label: 'En cours' },
  { etat: 'audite', label: 'Audité' },
];

/** Each step as done / current / to come, for the step list. */
export function etapesState(current: Etape): Array<{ etape: Etape; label: string; state: 'fait' | 'en-cours' | 'a-venir' }> {
  const i = ETAPES.findIndex((e) => e.etape === current);
  return ETAPES.map((e, j) => ({ etape: e.etape, label: tr(`audit.etape_${e.etape}`), state: j < i ? 'fait' : j === i ? 'en-cours' : 'a-venir' }));
}

/** One sentence saying where the cycle stands and what comes next. */
export function etapeSentence(c: { numero: number; etape: Etape; auditeur: string | null; ouvertAt: string | null; closAt: string | null }): string {
  switch (c.etape) {
    case 'preparation':
      return tr('audit.sentence_preparation', { n: c.numero });
    case 'demande':
      return tr('audit.sentence_demande', { n: c.numero });
    case 'ouvert':
      return tr('audit.sentence_ouvert', { n: c.numero, auditeur: c.auditeur ?? tr('audit.theAuditor'), date: formatDate(c.ouvertAt) });
    case 'clos':
      return tr('audit.sentence_clos', { n: c.numero, date: formatDate(c.closAt) });
    case 'decision':
      return tr('audit.sentence_decision', { n: c.numero });
  }
}

/** The decision in words: « 3 étoiles, le 15/04/2026 — valable jusqu'au 14/04/2030 (4 ans) ». */
export function decisionSentence(d: { niveau: number | null; nom: string; date: string; finValidite: string | null; validiteAnnees: number | null }): string {
  const validite =
    d.niveau === null
      ? ''
      : d.finValidite
        ? tr('audit.validite', { date: formatDate(d.finValidite), n: d.validiteAnnees })
        : tr('audit.validiteInconnue');
  return tr('audit.decisionSentence', { nom: d.niveau === null ? tr('audit.nonLabellise') : d.nom, date: formatDate(d.date), validite });
}

/** An audit état (non audité, en cours, audité) in the interface language. */
export function etatLabel(etat: EtatAudit): string {
  return tr(`audit.etat_${etat}`);
}
