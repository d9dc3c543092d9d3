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
 * French is the reference (the pack's words); every describer takes a `lang` ('fr' by default, 'en' for the
 * screens in English, issue 8 item 2): the words of each language are the WORDS table below.
 */
import type { ScoringModel, Statut } from './domain';
import { type Lang, formatDateIn } from './locale';
import { speaksConformite } from './scoring/ratios';
import { statutLabelFr } from './statut-labels';

const integerFr = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const oneDecimalFr = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const integerEn = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDecimalEn = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** 1111 → "1 111" (en "1,111"; non-finite → "—"). */
function formatCount(value: number, lang: Lang): string {
  return Number.isFinite(value) ? (lang === 'en' ? integerEn : integerFr).format(value) : '—';
}

/** 1 → "1 octet", 89 → "89 octets", 1536 → "1,5 ko" (1 ko = 1 024 octets), as the screens write sizes (en: bytes, KB). */
function formatBytes(bytes: number, lang: Lang): string {
  const en = lang === 'en';
  if (bytes < 1024) return en ? `${integerEn.format(bytes)} byte${bytes === 1 ? '' : 's'}` : `${integerFr.format(bytes)} octet${bytes >= 2 ? 's' : ''}`;
  const units = en ? ['KB', 'MB', 'GB', 'TB'] : ['ko', 'Mo', 'Go', 'To'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${(en ? oneDecimalEn : oneDecimalFr).format(Math.round(v * 10) / 10)}${en ? ' ' : '\u202f'}${units[i]}`;
}

/** "2026-03-05…" → fr "05/03/2026", en "5 Mar 2026" (shared/locale.ts: never read the American way); anything else unchanged. */
function formatDate(iso: string, lang: Lang): string {
  return formatDateIn(lang, iso);
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
const pctEn = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
/** Longest quoted text (explication) shown in one line. */
const QUOTE_MAX = 120;

/** English statut labels (the same words as the renderer's en.ts `statut.*`). */
const STATUT_EN: Record<Statut, string> = {
  non_renseigne: 'Not filled in',
  fait: 'Done',
  programme: 'Planned',
  pas_fait: 'Not done',
  detaille: 'Detailed',
  non_concerne: 'Not concerned',
  conforme: 'Compliant',
  non_conforme: 'Not compliant',
  non_applicable: 'Not applicable',
};

function statutLabel(statut: Statut, model: ScoringModel, lang: Lang): string {
  if (lang === 'fr') return statutLabelFr(statut, model);
  if (speaksConformite(model) && statut === 'non_renseigne') return 'Not evaluated';
  return STATUT_EN[statut];
}

/** The words of the describers in one language: fixed texts, and templates for the sentences with values. */
interface Words {
  open: string;
  close: string;
  statutSet: (b: string, a: string) => string;
  statutCascade: (b: string, a: string) => string;
  titre: (b: string, a: string) => string;
  dateDocument: (d: string) => string;
  dateDocumentRetiree: string;
  proprietaire: (p: string | null) => string;
  confidentielle: string;
  plusConfidentielle: string;
  preuveModifiee: (text: string, changes: string) => string;
  document: string;
  lien: string;
  none: string;
  pilotes: (list: string) => string;
  services: (list: string) => string;
  pilotesInchanges: (p: string, s: string) => string;
  echeanceRetireeEtait: (d: string) => string;
  echeanceRetiree: string;
  echeanceFixeeAuLieu: (a: string, b: string) => string;
  echeanceFixee: (a: string) => string;
  explicationEffacee: string;
  explicationModifiee: string;
  explicationAjoutee: string;
  elements: (n: string) => string;
  points: (n: string) => string;
  referentiel: string;
  importe: (id: string, version: string | null, what: string) => string;
  deVersion: (p: string, v: string) => string;
  version: (v: string) => string;
  retires: (n: number, count: string) => string;
  reimporte: (id: string, change: string, what: string, gone: string) => string;
  workspaceFields: Record<string, string>;
  workspaceCree: (nom: string | null) => string;
  workspaceModifie: (fields: string) => string;
  workspaceSansChangement: string;
  lienAjoute: string;
  preuveAjoutee: string;
  lienRattache: string;
  preuveRattachee: string;
  lienRetire: string;
  preuveRetiree: string;
  nouvelleVersion: (n: string, text: string) => string;
  preuveAttendue: string;
  plusFournie: (attendue: string, text: string) => string;
  fournie: (attendue: string, text: string) => string;
  sansNom: string;
  personneAjoutee: (nom: string) => string;
  serviceAjoute: (nom: string) => string;
  identiteModifiee: string;
  questionsImportees: (n: string | null) => string;
  fichierPilote: string;
  auditDemande: (n: string) => string;
  auditRetrait: (n: string) => string;
  auditOuverture: (auditeur: string | null, n: string) => string;
  auditCloture: (n: string) => string;
  auditCycle: (n: string) => string;
  etat: Record<string, string>;
  auditEtat: (b: string, a: string) => string;
  ordreInscrite: string;
  ordreRetiree: string;
  auditNote: (q: string) => string;
  rapportRemplace: string;
  rapportJoint: string;
  rapport: (verb: string, name: string, size: string | null) => string;
  modification: string;
  niveauInconnu: string;
  /** The decision without a niveau (the label not granted; audit.ts records « Non labellisé » as its name). */
  nonLabellise: string;
  decision: (nom: string, date: string | null, fin: string | null) => string;
  oui: string;
  non: string;
  sansReponse: string;
  reponseEffacee: (q: string) => string;
  reponse: (q: string, b: string, a: string) => string;
  families: Record<string, string>;
  autre: string;
}

const FR: Words = {
  open: '« ',
  close: ' »',
  statutSet: (b, a) => `Statut : ${b} → ${a}`,
  statutCascade: (b, a) => `Statut : ${b} → ${a}, car une tâche a reçu son propre statut`,
  titre: (b, a) => `titre « ${b} » → « ${a} »`,
  dateDocument: (d) => `date du document ${d}`,
  dateDocumentRetiree: 'date du document retirée',
  proprietaire: (p) => `propriétaire ${p ?? 'retiré'}`,
  confidentielle: 'marquée confidentielle',
  plusConfidentielle: 'plus confidentielle',
  preuveModifiee: (text, changes) => `Preuve modifiée : ${text}${changes}`,
  document: 'document',
  lien: 'lien',
  none: 'aucun',
  pilotes: (list) => `Pilotes : ${list}`,
  services: (list) => `Services : ${list}`,
  pilotesInchanges: (p, s) => `Pilotes inchangés : ${p} ; services : ${s}`,
  echeanceRetireeEtait: (d) => `Échéance retirée (elle était fixée au ${d})`,
  echeanceRetiree: 'Échéance retirée',
  echeanceFixeeAuLieu: (a, b) => `Échéance fixée au ${a} (au lieu du ${b})`,
  echeanceFixee: (a) => `Échéance fixée au ${a}`,
  explicationEffacee: 'Explication effacée',
  explicationModifiee: 'Explication modifiée',
  explicationAjoutee: 'Explication ajoutée',
  elements: (n) => `${n} éléments`,
  points: (n) => `${n} points`,
  referentiel: 'référentiel',
  importe: (id, version, what) => `Référentiel « ${id} »${version ? ` version ${version}` : ''} importé${what}`,
  deVersion: (p, v) => ` de la version ${p} à la version ${v}`,
  version: (v) => ` (version ${v})`,
  retires: (n, count) => `, ${count} élément${n > 1 ? 's' : ''} retiré${n > 1 ? 's' : ''}`,
  reimporte: (id, change, what, gone) => `Référentiel « ${id} » réimporté${change}${what}${gone}`,
  workspaceFields: { nom: 'nom', typeCollectivite: 'type de collectivité', codeInsee: 'code INSEE', population: 'population', utilisateur: 'utilisateur' },
  workspaceCree: (nom) => `Espace de travail créé${nom ? ` : ${nom}` : ''}`,
  workspaceModifie: (fields) => `Espace de travail modifié : ${fields}`,
  workspaceSansChangement: 'Espace de travail enregistré sans changement',
  lienAjoute: 'Lien ajouté',
  preuveAjoutee: 'Preuve ajoutée',
  lienRattache: 'Lien rattaché',
  preuveRattachee: 'Preuve rattachée (fichier déjà déposé)',
  lienRetire: 'Lien retiré',
  preuveRetiree: 'Preuve retirée',
  nouvelleVersion: (n, text) => `Nouvelle version (n° ${n}) de la preuve : ${text}`,
  preuveAttendue: 'preuve attendue',
  plusFournie: (attendue, text) => `« ${attendue} » n'est plus marquée comme fournie par : ${text}`,
  fournie: (attendue, text) => `« ${attendue} » marquée comme fournie par : ${text}`,
  sansNom: 'sans nom',
  personneAjoutee: (nom) => `Personne ajoutée : ${nom}`,
  serviceAjoute: (nom) => `Service ajouté : ${nom}`,
  identiteModifiee: 'Identité de la collectivité modifiée',
  questionsImportees: (n) => `Questions de personnalisation importées${n !== null ? ` : ${n} questions` : ''}`,
  fichierPilote: 'Fichier de pilote importé',
  auditDemande: (n) => `Audit demandé (cycle ${n})`,
  auditRetrait: (n) => `Demande d'audit retirée (cycle ${n}) : retour en préparation`,
  auditOuverture: (auditeur, n) => `Audit ouvert par ${auditeur ?? "l'auditeur"} (cycle ${n}) : jalon pré-audit figé, modifications de la collectivité verrouillées`,
  auditCloture: (n) => `Audit clos (cycle ${n}) : jalon post-audit figé`,
  auditCycle: (n) => `Nouveau cycle d'audit (cycle ${n}) : en préparation`,
  etat: { non_audite: 'Non audité', en_cours: 'En cours', audite: 'Audité' },
  auditEtat: (b, a) => `État d'audit : ${b} → ${a}`,
  ordreInscrite: "Inscrite à l'ordre du jour de l'audit",
  ordreRetiree: "Retirée de l'ordre du jour de l'audit",
  auditNote: (q) => `Note d'audit : ${q}`,
  rapportRemplace: "Rapport d'audit remplacé",
  rapportJoint: "Rapport d'audit joint",
  rapport: (verb, name, size) => `${verb} : ${name}${size !== null ? ` (${size})` : ''}`,
  modification: 'Modification enregistrée',
  niveauInconnu: 'niveau inconnu',
  nonLabellise: 'Non labellisé',
  decision: (nom, date, fin) => `Décision : ${nom}${date ? ` le ${date}` : ''}${fin ? `, valable jusqu'au ${fin}` : ''}`,
  oui: 'Oui',
  non: 'Non',
  sansReponse: 'sans réponse',
  reponseEffacee: (q) => `Réponse à la question ${q} effacée`,
  reponse: (q, b, a) => `Réponse à la question ${q} : ${b} → ${a}`,
  families: {
    statut: 'Statuts et explications',
    preuve: 'Preuves',
    node: 'Pilotes et échéances',
    audit: 'Audit',
    jalon: 'Jalons',
    reponse: 'Personnalisation',
    referential: 'Référentiels',
    workspace: 'Espace de travail',
  },
  autre: 'Autre',
};

const EN: Words = {
  open: '“',
  close: '”',
  statutSet: (b, a) => `Status: ${b} → ${a}`,
  statutCascade: (b, a) => `Status: ${b} → ${a}, because a task received its own status`,
  titre: (b, a) => `title “${b}” → “${a}”`,
  dateDocument: (d) => `document date ${d}`,
  dateDocumentRetiree: 'document date removed',
  proprietaire: (p) => (p ? `owner ${p}` : 'owner removed'),
  confidentielle: 'marked confidential',
  plusConfidentielle: 'no longer confidential',
  preuveModifiee: (text, changes) => `Evidence changed: ${text}${changes}`,
  document: 'document',
  lien: 'link',
  none: 'none',
  pilotes: (list) => `Leads: ${list}`,
  services: (list) => `Services: ${list}`,
  pilotesInchanges: (p, s) => `Leads unchanged: ${p}; services: ${s}`,
  echeanceRetireeEtait: (d) => `Due date removed (it was set to ${d})`,
  echeanceRetiree: 'Due date removed',
  echeanceFixeeAuLieu: (a, b) => `Due date set to ${a} (instead of ${b})`,
  echeanceFixee: (a) => `Due date set to ${a}`,
  explicationEffacee: 'Explanation erased',
  explicationModifiee: 'Explanation changed',
  explicationAjoutee: 'Explanation added',
  elements: (n) => `${n} items`,
  points: (n) => `${n} points`,
  referentiel: 'referential',
  importe: (id, version, what) => `Referential “${id}”${version ? ` version ${version}` : ''} imported${what}`,
  deVersion: (p, v) => ` from version ${p} to version ${v}`,
  version: (v) => ` (version ${v})`,
  retires: (n, count) => `, ${count} item${n === 1 ? '' : 's'} removed`,
  reimporte: (id, change, what, gone) => `Referential “${id}” imported again${change}${what}${gone}`,
  workspaceFields: { nom: 'name', typeCollectivite: 'type of local authority', codeInsee: 'INSEE code', population: 'population', utilisateur: 'user' },
  workspaceCree: (nom) => `Workspace created${nom ? `: ${nom}` : ''}`,
  workspaceModifie: (fields) => `Workspace changed: ${fields}`,
  workspaceSansChangement: 'Workspace saved without change',
  lienAjoute: 'Link added',
  preuveAjoutee: 'Evidence added',
  lienRattache: 'Link attached',
  preuveRattachee: 'Evidence attached (file already stored)',
  lienRetire: 'Link removed',
  preuveRetiree: 'Evidence removed',
  nouvelleVersion: (n, text) => `New version (no. ${n}) of the evidence: ${text}`,
  preuveAttendue: 'expected evidence',
  plusFournie: (attendue, text) => `“${attendue}” no longer marked as provided by: ${text}`,
  fournie: (attendue, text) => `“${attendue}” marked as provided by: ${text}`,
  sansNom: 'no name',
  personneAjoutee: (nom) => `Person added: ${nom}`,
  serviceAjoute: (nom) => `Service added: ${nom}`,
  identiteModifiee: 'Identity of the local authority changed',
  questionsImportees: (n) => `Customisation questions imported${n !== null ? `: ${n} questions` : ''}`,
  fichierPilote: 'Lead’s file imported',
  auditDemande: (n) => `Audit requested (cycle ${n})`,
  auditRetrait: (n) => `Audit request withdrawn (cycle ${n}): back to preparation`,
  auditOuverture: (auditeur, n) => `Audit opened by ${auditeur ?? 'the auditor'} (cycle ${n}): pre-audit milestone frozen, changes by the local authority locked`,
  auditCloture: (n) => `Audit closed (cycle ${n}): post-audit milestone frozen`,
  auditCycle: (n) => `New audit cycle (cycle ${n}): in preparation`,
  etat: { non_audite: 'Not audited', en_cours: 'In progress', audite: 'Audited' },
  auditEtat: (b, a) => `Audit state: ${b} → ${a}`,
  ordreInscrite: 'Put on the audit agenda',
  ordreRetiree: 'Removed from the audit agenda',
  auditNote: (q) => `Audit note: ${q}`,
  rapportRemplace: 'Audit report replaced',
  rapportJoint: 'Audit report attached',
  rapport: (verb, name, size) => `${verb}: ${name}${size !== null ? ` (${size})` : ''}`,
  modification: 'Change recorded',
  niveauInconnu: 'unknown level',
  nonLabellise: 'Not labelled',
  decision: (nom, date, fin) => `Decision: ${nom}${date ? ` on ${date}` : ''}${fin ? `, valid until ${fin}` : ''}`,
  oui: 'Yes',
  non: 'No',
  sansReponse: 'no answer',
  reponseEffacee: (q) => `Answer to question ${q} erased`,
  reponse: (q, b, a) => `Answer to question ${q}: ${b} → ${a}`,
  families: {
    statut: 'Statuses and explanations',
    preuve: 'Evidence',
    node: 'Leads and due dates',
    audit: 'Audit',
    jalon: 'Milestones',
    reponse: 'Customisation',
    referential: 'Referentials',
    workspace: 'Workspace',
  },
  autre: 'Other',
};

const WORDS: Record<Lang, Words> = { fr: FR, en: EN };

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const names = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** « texte » (en “text”) cut to QUOTE_MAX characters on one line. */
function quote(text: string, w: Words): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return `${w.open}${line.length > QUOTE_MAX ? `${line.slice(0, QUOTE_MAX - 1)}…` : line}${w.close}`;
}

/**
 * A statut value (a key, or a stored row `{ statut, detail }`) in words: "Fait", "Détaillé (70 % / 20 % / 10 %)"
 * (fait / programmé / pas fait). Nothing stored → "Non renseigné" ("Non évalué" for the weighted model).
 * `lang` 'en' gives "Done", "Detailed (70% / 20% / 10%)", "Not filled in".
 */
export function describeStatut(v: unknown, model: ScoringModel = 'tete', lang: Lang = 'fr'): string {
  const row = obj(v);
  const key = row ? row.statut : v;
  if (typeof key !== 'string' || !STATUT_KEYS.has(key)) return statutLabel('non_renseigne', model, lang);
  const label = statutLabel(key as Statut, model, lang);
  const detail = row?.detail;
  if (key === 'detaille' && Array.isArray(detail) && detail.length === 3) {
    const f = lang === 'en' ? pctEn : pct;
    return `${label} (${detail.map((x) => `${f.format(Math.round(Number(x) * 1000) / 10)}${lang === 'en' ? '' : NNBSP}%`).join(' / ')})`;
  }
  return label;
}

/** What changed on a preuve's metadata (titre, date of the document, owner, confidentiel), in one sentence. */
function describePreuveUpdate(before: Obj | null, after: Obj | null, lang: Lang): string {
  const w = WORDS[lang];
  const changes: string[] = [];
  if (str(before?.titre) !== str(after?.titre)) changes.push(w.titre(str(before?.titre) ?? '', str(after?.titre) ?? ''));
  if (str(before?.dateDocument) !== str(after?.dateDocument)) {
    const d = str(after?.dateDocument);
    changes.push(d ? w.dateDocument(formatDate(d, lang)) : w.dateDocumentRetiree);
  }
  if (str(before?.proprietaire) !== str(after?.proprietaire)) changes.push(w.proprietaire(str(after?.proprietaire)));
  if (before?.confidentiel !== after?.confidentiel) changes.push(after?.confidentiel === true ? w.confidentielle : w.plusConfidentielle);
  return w.preuveModifiee(describePreuve(after, lang).text, changes.length > 0 ? ` — ${changes.join(', ')}` : '');
}

/** A preuve record (`Preuve` of preuves.ts) in words: file "Titre (nom.pdf, 89 octets)" or link "Titre (url décodée)". */
function describePreuve(p: Obj | null, lang: Lang): { lien: boolean; text: string } {
  const w = WORDS[lang];
  if (!p) return { lien: false, text: w.document };
  const lien = p.kind === 'lien';
  const titre = str(p.titre);
  if (lien) {
    const url = str(p.url);
    const shownTitre = titre && titre !== url ? titre : null;
    if (shownTitre && url) return { lien, text: `${shownTitre} (${displayUrl(url)})` };
    return { lien, text: shownTitre ?? (url ? displayUrl(url) : w.lien) };
  }
  const fileName = str(p.fileName);
  const size = num(p.size);
  const facts = [fileName && fileName !== titre ? fileName : null, size !== null ? formatBytes(size, lang) : null].filter((x) => x !== null);
  const name = titre ?? fileName ?? w.document;
  return { lien, text: facts.length > 0 ? `${name} (${facts.join(', ')})` : name };
}

function describePilotes(before: unknown, after: unknown, w: Words): string {
  const b = obj(before);
  const a = obj(after);
  const list = (xs: string[]) => (xs.length > 0 ? xs.join(', ') : w.none);
  const parts: string[] = [];
  const [bp, ap, bs, as] = [names(b?.pilotes), names(a?.pilotes), names(b?.services), names(a?.services)];
  if (bp.join('\n') !== ap.join('\n')) parts.push(w.pilotes(list(ap)));
  if (bs.join('\n') !== as.join('\n')) parts.push(w.services(list(as)));
  if (parts.length === 0) return w.pilotesInchanges(list(ap), list(as));
  return parts.join(' · ');
}

function describeEcheance(before: unknown, after: unknown, lang: Lang): string {
  const w = WORDS[lang];
  const b = str(before);
  const a = str(after);
  if (a === null) return b ? w.echeanceRetireeEtait(formatDate(b, lang)) : w.echeanceRetiree;
  return b && b !== a ? w.echeanceFixeeAuLieu(formatDate(a, lang), formatDate(b, lang)) : w.echeanceFixee(formatDate(a, lang));
}

function describeExplication(before: unknown, after: unknown, w: Words): string {
  const b = str(before);
  const a = str(after);
  if (a === null) return w.explicationEffacee;
  return `${b ? w.explicationModifiee : w.explicationAjoutee}${w === EN ? ':' : ' :'} ${quote(a, w)}`;
}

function describeImport(before: unknown, after: unknown, lang: Lang): string {
  const w = WORDS[lang];
  const a = obj(after);
  const b = obj(before);
  const id = str(a?.id) ?? w.referentiel;
  const version = str(a?.version);
  const nodes = num(a?.nodes);
  const points = num(a?.points);
  const facts = [nodes !== null ? w.elements(formatCount(nodes, lang)) : null, points !== null ? w.points(formatCount(points, lang)) : null].filter((x) => x !== null);
  const what = facts.length > 0 ? `${lang === 'en' ? ':' : ' :'} ${facts.join(', ')}` : '';
  if (!b) return w.importe(id, version, what);
  const previous = str(b.version);
  const removed = num(b.nodesRemoved) ?? 0;
  const change = previous && version && previous !== version ? w.deVersion(previous, version) : version ? w.version(version) : '';
  const gone = removed > 0 ? w.retires(removed, formatCount(removed, lang)) : '';
  return w.reimporte(id, change, what, gone);
}

function describeWorkspace(before: unknown, after: unknown, w: Words): string {
  const a = obj(after);
  const b = obj(before);
  if (!b) return w.workspaceCree(str(a?.nom));
  const changed = Object.keys(w.workspaceFields).filter((k) => a && JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  return changed.length > 0 ? w.workspaceModifie(changed.map((k) => w.workspaceFields[k]).join(', ')) : w.workspaceSansChangement;
}

/**
 * The event as one sentence, French by default, e.g. "Statut : Non renseigné → Fait", « Échéance fixée au 30/06/2027 »,
 * « Pilotes : Jeanne Martin, Paul Roux », « Preuve ajoutée : Délibération.pdf (89 octets) », « Lien ajouté : … »;
 * `lang` 'en': "Status: Not filled in → Done", "Due date set to 30 Jun 2027" (dates as shared/locale.ts writes them).
 * `model` names statuts as the referential does (RGESN: "Non évalué"). Never throws, whatever the JSON.
 */
export function describeEvent(e: HistoryEventLike, model: ScoringModel = 'tete', lang: Lang = 'fr'): string {
  const w = WORDS[lang];
  const n = (v: unknown) => String(num(obj(v)?.numero) ?? '?');
  const colon = lang === 'en' ? ':' : ' :';
  switch (e.action) {
    case 'statut.set':
      return w.statutSet(describeStatut(e.before, model, lang), describeStatut(e.after, model, lang));
    case 'statut.cascade':
      return w.statutCascade(describeStatut(e.before, model, lang), describeStatut(e.after, model, lang));
    case 'statut.explication':
      return describeExplication(e.before, e.after, w);
    case 'node.pilotes':
      return describePilotes(e.before, e.after, w);
    case 'node.echeance':
      return describeEcheance(e.before, e.after, lang);
    case 'preuve.add': {
      const p = describePreuve(obj(e.after), lang);
      return `${p.lien ? w.lienAjoute : w.preuveAjoutee}${colon} ${p.text}`;
    }
    case 'preuve.attach': {
      const p = describePreuve(obj(e.after), lang);
      // Only files are reused (same bytes and name already in the evidence store).
      return `${p.lien ? w.lienRattache : w.preuveRattachee}${colon} ${p.text}`;
    }
    case 'preuve.detach': {
      const p = describePreuve(obj(e.before) ?? obj(e.after), lang);
      return `${p.lien ? w.lienRetire : w.preuveRetiree}${colon} ${p.text}`;
    }
    case 'preuve.revision': {
      const after = obj(e.after);
      return w.nouvelleVersion(String(num(after?.revision) ?? '?'), describePreuve(after, lang).text);
    }
    case 'preuve.update':
      return describePreuveUpdate(obj(e.before), obj(e.after), lang);
    case 'preuve.couverture': {
      const after = obj(e.after);
      const attendue = str(obj(after?.preuveAttendue)?.nom) ?? w.preuveAttendue;
      return after?.couvre === false ? w.plusFournie(attendue, describePreuve(after, lang).text) : w.fournie(attendue, describePreuve(after, lang).text);
    }
    case 'referential.import':
      return describeImport(e.before, e.after, lang);
    case 'person.create':
      return w.personneAjoutee(str(obj(e.after)?.nom) ?? w.sansNom);
    case 'service.create':
      return w.serviceAjoute(str(obj(e.after)?.nom) ?? w.sansNom);
    case 'workspace.create':
    case 'workspace.update':
      return describeWorkspace(e.action === 'workspace.create' ? null : e.before, e.after, w);
    case 'reponse.set':
      return describeReponse(e.before, e.after, lang);
    case 'identite.update':
      return w.identiteModifiee;
    case 'questions.import': {
      const q = num(obj(e.after)?.questions);
      return w.questionsImportees(q !== null ? formatCount(q, lang) : null);
    }
    case 'import.pilote':
      return w.fichierPilote;
    case 'audit.demande':
      return w.auditDemande(n(e.after));
    case 'audit.retrait':
      return w.auditRetrait(n(e.after));
    case 'audit.ouverture':
      return w.auditOuverture(str(obj(e.after)?.auditeur), n(e.after));
    case 'audit.cloture':
      return w.auditCloture(n(e.after));
    case 'audit.decision':
      return describeDecision(obj(e.after), lang);
    case 'audit.cycle':
      return w.auditCycle(n(e.after));
    case 'audit.etat':
      return w.auditEtat(w.etat[String(e.before)] ?? w.etat.non_audite!, w.etat[String(e.after)] ?? w.etat.non_audite!);
    case 'audit.ordre':
      return e.after === true ? w.ordreInscrite : w.ordreRetiree;
    case 'audit.note':
      return w.auditNote(quote(str(e.after) ?? '', w));
    case 'audit.rapport': {
      const a = obj(e.after);
      const size = num(a?.size);
      return w.rapport(obj(e.before) ? w.rapportRemplace : w.rapportJoint, str(a?.fileName) ?? w.document, size !== null ? formatBytes(size, lang) : null);
    }
    default:
      return w.modification;
  }
}

/** « Décision : 3 étoiles le 15/04/2026, valable jusqu'au 14/04/2030 » (or « Non labellisé »). */
function describeDecision(a: Obj | null, lang: Lang): string {
  const w = WORDS[lang];
  const nom = a?.niveau === null ? w.nonLabellise : (str(a?.nom) ?? w.niveauInconnu);
  const date = str(a?.date);
  const fin = str(a?.finValidite);
  return w.decision(nom, date ? formatDate(date, lang) : null, fin && a?.niveau !== null ? formatDate(fin, lang) : null);
}

/**
 * An answer value in words: Oui / Non, an option key, or a proportion as a percentage (only proportion questions
 * have a number answer, a fraction 0..1, tete-referentials.md §2.5: 0.05 → « 5 % », 0.125 → « 12,5 % »).
 */
function reponseWords(v: unknown, lang: Lang): string {
  const w = WORDS[lang];
  if (v === true) return w.oui;
  if (v === false) return w.non;
  if (typeof v === 'number') return `${(lang === 'en' ? pctEn : pct).format(Math.round(v * 1000) / 10)}${lang === 'en' ? '%' : '\u202f%'}`;
  return typeof v === 'string' ? v : w.sansReponse;
}

function describeReponse(before: unknown, after: unknown, lang: Lang): string {
  const w = WORDS[lang];
  const b = obj(before);
  const a = obj(after);
  const q = str(a?.question) ?? str(b?.question) ?? '?';
  if (!a) return w.reponseEffacee(q);
  return w.reponse(q, b ? reponseWords(b.valeur, lang) : w.sansReponse, reponseWords(a.valeur, lang));
}

/** The families of actions the timeline filters on (the part before the dot), with their French names. */
export const ACTION_FAMILIES: ReadonlyArray<{ action: string; label: string }> = Object.entries(FR.families).map(([action, label]) => ({ action, label }));

/** The name of an action's family (« Statuts et explications »; en "Statuses and explanations"), « Autre » when unknown. */
export function actionFamilyLabel(action: string, lang: Lang = 'fr'): string {
  const family = action.split('.')[0] ?? '';
  return WORDS[lang].families[family] ?? WORDS[lang].autre;
}
