/**
 * The audit cycle as the « Audit » screen says it (issue 6 items 3–4; DOMAIN.md "Audit cycle"): the steps in
 * order with the current one, what can be done at each step, the états of a mesure, the decision in words.
 * Pure functions, tested in tests/renderer/audit.test.ts; the rules themselves are the core's (services/audit.ts).
 */
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
  return ETAPES.map((e, j) => ({ ...e, state: j < i ? 'fait' : j === i ? 'en-cours' : 'a-venir' }));
}

/** One sentence saying where the cycle stands and what comes next. */
export function etapeSentence(c: { numero: number; etape: Etape; auditeur: string | null; ouvertAt: string | null; closAt: string | null }): string {
  switch (c.etape) {
    case 'preparation':
      return `Cycle ${c.numero} en préparation : quand le dossier est prêt (voir Candidature), demandez l'audit.`;
    case 'demande':
      return `Cycle ${c.numero} : audit demandé. Préparez l'ordre du jour ; à l'ouverture, le jalon pré-audit est figé et les modifications de la collectivité sont verrouillées.`;
    case 'ouvert':
      return `Cycle ${c.numero} : audit ouvert par ${c.auditeur ?? "l'auditeur"} le ${formatDate(c.ouvertAt)}. Seul l'auditeur modifie les statuts, depuis cet écran ; chaque changement est enregistré à son nom.`;
    case 'clos':
      return `Cycle ${c.numero} : audit clos le ${formatDate(c.closAt)} (jalon post-audit figé). Enregistrez la décision du comité.`;
    case 'decision':
      return `Cycle ${c.numero} : décision rendue. Un nouveau cycle repart de l'état actuel du dossier ; celui-ci reste consultable.`;
  }
}

/** The decision in words: « 3 étoiles, le 15/04/2026 — valable jusqu'au 14/04/2030 (4 ans) ». */
export function decisionSentence(d: { niveau: number | null; nom: string; date: string; finValidite: string | null; validiteAnnees: number | null }): string {
  const validite =
    d.niveau === null ? '' : d.finValidite ? ` — valable jusqu'au ${formatDate(d.finValidite)} (${d.validiteAnnees} ans)` : ' — validité non précisée par le référentiel';
  return `${d.nom}, le ${formatDate(d.date)}${validite}`;
}
