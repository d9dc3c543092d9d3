/**
 * History events as French sentences (issue 6 item 5, the timeline; API contract HistoryEvent:
 * `{ id, at, who, action, before, after }`), shared by the screens (renderer/src/lib/history.ts re-exports it) and
 * the audit pack's historique.csv and report page. One sentence per action the core records
 * (electron/core/services/*.ts): statut.set / statut.cascade / statut.explication (statuts.ts), node.pilotes /
 * node.echeance (nodes.ts), preuve.add / preuve.attach / preuve.detach (preuves.ts), preuve.revision / preuve.update /
 * preuve.couverture (preuves-library.ts), referential.import (referentials.ts), person.create / service.create
 * (people.ts), workspace.create / workspace.update (workspace.ts), reponse.set / identite.update /
 * questions.import (personnalisation.ts), import.pilote (pilote-sheet.ts), audit.* (audit.ts, audit-workspace.ts).
 * Never raw JSON nor action keys: an unknown action reads « Modification enregistrée ». Pure: no DOM, no Node.
 */
import type { ScoringModel, Statut } from './domain';
import { statutLabelFr as statutLabel } from './statut-labels';

const integerFr = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const oneDecimalFr = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** 1111 → "1 111" (non-finite → "—"). */
function formatCount(value: number): string {
  return Number.isFinite(value) ? integerFr.format(value) : '—';
}

/** 1 → "1 octet", 89 → "89 octets", 1536 → "1,5 ko" (1 ko = 1 024 octets), as the screens write sizes. */
function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${integerFr.format(bytes)} octet${bytes >= 2 ? 's' : ''}`;
  const units = ['ko', 'Mo', 'Go', 'To'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${oneDecimalFr.format(Math.round(v * 10) / 10)}\u202f${units[i]}`;
}

/** "2026-03-05…" → "05/03/2026"; anything else unchanged. */
function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** A URL with its percent-escapes decoded for reading (`decodeURI`); malformed escapes leave it as is. */
function displayUrl(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

export interface HistoryEventLike {
  id: string | number;
  at: string;
  who: string;
  action: string;
  referentialId: string | null;
  nodeId: string | null;
  before?: unknown;
  after?: unknown;
}

const STATUT_KEYS = new Set<string>(['fait', 'programme', 'pas_fait', 'non_renseigne', 'detaille', 'non_concerne', 'conforme', 'non_conforme', 'non_applicable']);
const NNBSP = '\u202f';
const pct = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
/** Longest quoted text (explication) shown in one line. */
const QUOTE_MAX = 120;

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const names = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** « texte » cut to QUOTE_MAX characters on one line. */
function quote(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return `« ${line.length > QUOTE_MAX ? `${line.slice(0, QUOTE_MAX - 1)}…` : line} »`;
}

/**
 * A statut value (a key, or a stored row `{ statut, detail }`) in words: "Fait", "Détaillé (70 % / 20 % / 10 %)"
 * (fait / programmé / pas fait). Nothing stored → "Non renseigné" ("Non évalué" for the weighted model).
 */
export function describeStatut(v: unknown, model: ScoringModel = 'tete'): string {
  const row = obj(v);
  const key = row ? row.statut : v;
  if (typeof key !== 'string' || !STATUT_KEYS.has(key)) return statutLabel('non_renseigne', model);
  const label = statutLabel(key as Statut, model);
  const detail = row?.detail;
  if (key === 'detaille' && Array.isArray(detail) && detail.length === 3) {
    return `${label} (${detail.map((x) => `${pct.format(Math.round(Number(x) * 1000) / 10)}${NNBSP}%`).join(' / ')})`;
  }
  return label;
}

/** What changed on a preuve's metadata (titre, date of the document, owner, confidentiel), in one sentence. */
function describePreuveUpdate(before: Obj | null, after: Obj | null): string {
  const changes: string[] = [];
  if (str(before?.titre) !== str(after?.titre)) changes.push(`titre « ${str(before?.titre) ?? ''} » → « ${str(after?.titre) ?? ''} »`);
  if (str(before?.dateDocument) !== str(after?.dateDocument)) {
    const d = str(after?.dateDocument);
    changes.push(d ? `date du document ${formatDate(d)}` : 'date du document retirée');
  }
  if (str(before?.proprietaire) !== str(after?.proprietaire)) changes.push(`propriétaire ${str(after?.proprietaire) ?? 'retiré'}`);
  if (before?.confidentiel !== after?.confidentiel) changes.push(after?.confidentiel === true ? 'marquée confidentielle' : 'plus confidentielle');
  return `Preuve modifiée : ${describePreuve(after).text}${changes.length > 0 ? ` — ${changes.join(', ')}` : ''}`;
}

/** A preuve record (`Preuve` of preuves.ts) in words: file "Titre (nom.pdf, 89 octets)" or link "Titre (url décodée)". */
function describePreuve(p: Obj | null): { lien: boolean; text: string } {
  if (!p) return { lien: false, text: 'document' };
  const lien = p.kind === 'lien';
  const titre = str(p.titre);
  if (lien) {
    const url = str(p.url);
    const shownTitre = titre && titre !== url ? titre : null;
    if (shownTitre && url) return { lien, text: `${shownTitre} (${displayUrl(url)})` };
    return { lien, text: shownTitre ?? (url ? displayUrl(url) : 'lien') };
  }
  const fileName = str(p.fileName);
  const size = num(p.size);
  const facts = [fileName && fileName !== titre ? fileName : null, size !== null ? formatBytes(size) : null].filter((x) => x !== null);
  const name = titre ?? fileName ?? 'document';
  return { lien, text: facts.length > 0 ? `${name} (${facts.join(', ')})` : name };
}

function describePilotes(before: unknown, after: unknown): string {
  const b = obj(before);
  const a = obj(after);
  const list = (xs: string[], none: string) => (xs.length > 0 ? xs.join(', ') : none);
  const parts: string[] = [];
  const [bp, ap, bs, as] = [names(b?.pilotes), names(a?.pilotes), names(b?.services), names(a?.services)];
  if (bp.join('\n') !== ap.join('\n')) parts.push(`Pilotes : ${list(ap, 'aucun')}`);
  if (bs.join('\n') !== as.join('\n')) parts.push(`Services : ${list(as, 'aucun')}`);
  if (parts.length === 0) return `Pilotes inchangés : ${list(ap, 'aucun')} ; services : ${list(as, 'aucun')}`;
  return parts.join(' · ');
}

function describeEcheance(before: unknown, after: unknown): string {
  const b = str(before);
  const a = str(after);
  if (a === null) return b ? `Échéance retirée (elle était fixée au ${formatDate(b)})` : 'Échéance retirée';
  return b && b !== a ? `Échéance fixée au ${formatDate(a)} (au lieu du ${formatDate(b)})` : `Échéance fixée au ${formatDate(a)}`;
}

function describeExplication(before: unknown, after: unknown): string {
  const b = str(before);
  const a = str(after);
  if (a === null) return 'Explication effacée';
  return `${b ? 'Explication modifiée' : 'Explication ajoutée'} : ${quote(a)}`;
}

function describeImport(before: unknown, after: unknown): string {
  const a = obj(after);
  const b = obj(before);
  const id = str(a?.id) ?? 'référentiel';
  const version = str(a?.version);
  const nodes = num(a?.nodes);
  const points = num(a?.points);
  const facts = [nodes !== null ? `${formatCount(nodes)} éléments` : null, points !== null ? `${formatCount(points)} points` : null].filter((x) => x !== null);
  const what = facts.length > 0 ? ` : ${facts.join(', ')}` : '';
  if (!b) return `Référentiel « ${id} »${version ? ` version ${version}` : ''} importé${what}`;
  const previous = str(b.version);
  const removed = num(b.nodesRemoved) ?? 0;
  const change = previous && version && previous !== version ? ` de la version ${previous} à la version ${version}` : version ? ` (version ${version})` : '';
  const gone = removed > 0 ? `, ${formatCount(removed)} élément${removed > 1 ? 's' : ''} retiré${removed > 1 ? 's' : ''}` : '';
  return `Référentiel « ${id} » réimporté${change}${what}${gone}`;
}

const WORKSPACE_FIELDS: Record<string, string> = {
  nom: 'nom',
  typeCollectivite: 'type de collectivité',
  codeInsee: 'code INSEE',
  population: 'population',
  utilisateur: 'utilisateur',
};

function describeWorkspace(before: unknown, after: unknown): string {
  const a = obj(after);
  const b = obj(before);
  if (!b) return `Espace de travail créé${str(a?.nom) ? ` : ${str(a?.nom)}` : ''}`;
  const changed = Object.keys(WORKSPACE_FIELDS).filter((k) => a && JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  return changed.length > 0 ? `Espace de travail modifié : ${changed.map((k) => WORKSPACE_FIELDS[k]).join(', ')}` : 'Espace de travail enregistré sans changement';
}

/**
 * The event as one French sentence, e.g. "Statut : Non renseigné → Fait", « Échéance fixée au 30/06/2027 »,
 * « Pilotes : Jeanne Martin, Paul Roux », « Preuve ajoutée : Délibération.pdf (89 octets) », « Lien ajouté : … ».
 * `model` names statuts as the referential does (RGESN: "Non évalué"). Never throws, whatever the JSON.
 */
export function describeEvent(e: HistoryEventLike, model: ScoringModel = 'tete'): string {
  switch (e.action) {
    case 'statut.set':
      return `Statut : ${describeStatut(e.before, model)} → ${describeStatut(e.after, model)}`;
    case 'statut.cascade':
      return `Statut : ${describeStatut(e.before, model)} → ${describeStatut(e.after, model)}, car une tâche a reçu son propre statut`;
    case 'statut.explication':
      return describeExplication(e.before, e.after);
    case 'node.pilotes':
      return describePilotes(e.before, e.after);
    case 'node.echeance':
      return describeEcheance(e.before, e.after);
    case 'preuve.add': {
      const p = describePreuve(obj(e.after));
      return `${p.lien ? 'Lien ajouté' : 'Preuve ajoutée'} : ${p.text}`;
    }
    case 'preuve.attach': {
      const p = describePreuve(obj(e.after));
      // Only files are reused (same bytes and name already in the evidence store).
      return `${p.lien ? 'Lien rattaché' : 'Preuve rattachée (fichier déjà déposé)'} : ${p.text}`;
    }
    case 'preuve.detach': {
      const p = describePreuve(obj(e.before) ?? obj(e.after));
      return `${p.lien ? 'Lien retiré' : 'Preuve retirée'} : ${p.text}`;
    }
    case 'preuve.revision': {
      const after = obj(e.after);
      return `Nouvelle version (n° ${num(after?.revision) ?? '?'}) de la preuve : ${describePreuve(after).text}`;
    }
    case 'preuve.update':
      return describePreuveUpdate(obj(e.before), obj(e.after));
    case 'preuve.couverture': {
      const after = obj(e.after);
      const attendue = str(obj(after?.preuveAttendue)?.nom) ?? 'preuve attendue';
      return after?.couvre === false
        ? `« ${attendue} » n'est plus marquée comme fournie par : ${describePreuve(after).text}`
        : `« ${attendue} » marquée comme fournie par : ${describePreuve(after).text}`;
    }
    case 'referential.import':
      return describeImport(e.before, e.after);
    case 'person.create':
      return `Personne ajoutée : ${str(obj(e.after)?.nom) ?? 'sans nom'}`;
    case 'service.create':
      return `Service ajouté : ${str(obj(e.after)?.nom) ?? 'sans nom'}`;
    case 'workspace.create':
    case 'workspace.update':
      return describeWorkspace(e.action === 'workspace.create' ? null : e.before, e.after);
    case 'reponse.set':
      return describeReponse(e.before, e.after);
    case 'identite.update':
      return 'Identité de la collectivité modifiée';
    case 'questions.import':
      return `Questions de personnalisation importées${num(obj(e.after)?.questions) !== null ? ` : ${formatCount(num(obj(e.after)?.questions)!)} questions` : ''}`;
    case 'import.pilote':
      return 'Fichier de pilote importé';
    case 'audit.demande':
      return `Audit demandé (cycle ${num(obj(e.after)?.numero) ?? '?'})`;
    case 'audit.retrait':
      return `Demande d'audit retirée (cycle ${num(obj(e.after)?.numero) ?? '?'}) : retour en préparation`;
    case 'audit.ouverture':
      return `Audit ouvert par ${str(obj(e.after)?.auditeur) ?? "l'auditeur"} (cycle ${num(obj(e.after)?.numero) ?? '?'}) : jalon pré-audit figé, modifications de la collectivité verrouillées`;
    case 'audit.cloture':
      return `Audit clos (cycle ${num(obj(e.after)?.numero) ?? '?'}) : jalon post-audit figé`;
    case 'audit.decision':
      return describeDecision(obj(e.after));
    case 'audit.cycle':
      return `Nouveau cycle d'audit (cycle ${num(obj(e.after)?.numero) ?? '?'}) : en préparation`;
    case 'audit.etat':
      return `État d'audit : ${ETAT_WORDS[String(e.before)] ?? 'Non audité'} → ${ETAT_WORDS[String(e.after)] ?? 'Non audité'}`;
    case 'audit.ordre':
      return e.after === true ? "Inscrite à l'ordre du jour de l'audit" : "Retirée de l'ordre du jour de l'audit";
    case 'audit.note':
      return `Note d'audit : ${quote(str(e.after) ?? '')}`;
    case 'audit.rapport': {
      const a = obj(e.after);
      const size = num(a?.size);
      return `${obj(e.before) ? "Rapport d'audit remplacé" : "Rapport d'audit joint"} : ${str(a?.fileName) ?? 'document'}${size !== null ? ` (${formatBytes(size)})` : ''}`;
    }
    default:
      return 'Modification enregistrée';
  }
}

const ETAT_WORDS: Record<string, string> = { non_audite: 'Non audité', en_cours: 'En cours', audite: 'Audité' };

/** « Décision : 3 étoiles le 15/04/2026, valable jusqu'au 14/04/2030 » (or « Non labellisé »). */
function describeDecision(a: Obj | null): string {
  const nom = str(a?.nom) ?? 'niveau inconnu';
  const date = str(a?.date);
  const fin = str(a?.finValidite);
  return `Décision : ${nom}${date ? ` le ${formatDate(date)}` : ''}${fin && a?.niveau !== null ? `, valable jusqu'au ${formatDate(fin)}` : ''}`;
}

/** An answer value in words: Oui / Non, a number (a proportion 0..1 as a percentage is the caller's), an option key. */
function reponseWords(v: unknown): string {
  if (v === true) return 'Oui';
  if (v === false) return 'Non';
  if (typeof v === 'number') return pct.format(v);
  return typeof v === 'string' ? v : 'sans réponse';
}

function describeReponse(before: unknown, after: unknown): string {
  const b = obj(before);
  const a = obj(after);
  const q = str(a?.question) ?? str(b?.question) ?? '?';
  if (!a) return `Réponse à la question ${q} effacée`;
  return `Réponse à la question ${q} : ${b ? reponseWords(b.valeur) : 'sans réponse'} → ${reponseWords(a.valeur)}`;
}

/** The families of actions the timeline filters on (the part before the dot), with their French names. */
export const ACTION_FAMILIES: ReadonlyArray<{ action: string; label: string }> = [
  { action: 'statut', label: 'Statuts et explications' },
  { action: 'preuve', label: 'Preuves' },
  { action: 'node', label: 'Pilotes et échéances' },
  { action: 'audit', label: 'Audit' },
  { action: 'jalon', label: 'Jalons' },
  { action: 'reponse', label: 'Personnalisation' },
  { action: 'referential', label: 'Référentiels' },
  { action: 'workspace', label: 'Espace de travail' },
];

/** The French name of an action's family (« Statuts et explications »), « Autre » when unknown. */
export function actionFamilyLabel(action: string): string {
  const family = action.split('.')[0];
  return ACTION_FAMILIES.find((f) => f.action === family)?.label ?? 'Autre';
}
