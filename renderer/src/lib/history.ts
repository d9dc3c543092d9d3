/**
 * History events as French sentences for the authority and its auditor (API contract HistoryEvent:
 * `{ id, at, who, action, before, after }`). One sentence per action the core records
 * (electron/core/services/*.ts): statut.set / statut.cascade / statut.explication (statuts.ts), node.pilotes /
 * node.echeance (nodes.ts), preuve.add / preuve.attach / preuve.detach (preuves.ts), preuve.revision / preuve.update /
 * preuve.couverture (preuves-library.ts), referential.import
 * (referentials.ts), person.create / service.create (people.ts), workspace.create / workspace.update
 * (workspace.ts). Never raw JSON nor action keys: an unknown action reads « Modification enregistrée ».
 */
import type { ScoringModel, Statut } from '../../../shared/domain';
import { displayUrl, formatBytes, formatCount, formatDate } from './format';
import { statutLabel } from './statuts';

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
    default:
      return 'Modification enregistrée';
  }
}
