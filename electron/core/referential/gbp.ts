/**
 * Importer of the « Guide de bonnes pratiques numérique responsable pour les organisations » v1 (MiNumEco / DINUM,
 * MTECT, INR; 9 familles a.–i., 59 pratiques), from its JSON export (`{ title, version, updated_at, thematiques:
 * [{ id: "a.", titre, description, bonnesPratiques: [{ id: "a.1", titre, priorite, difficulte, pilotes[],
 * indicateurs[], url }] }] }`); the CSV export goes through gbp-csv.ts into the same builder.
 * Source of the scoring rules: ../shared/docs/DOMAIN.md, "Referentials to support" (gbp-nr, model `progress`).
 */
import { compareIdentifiants, emptyNodeTexts, type Referential, type ReferentialNode } from '../../../shared/domain';
import { UserError, type Bilingual, type ErrorLocation } from '../../../shared/errors';
import { parseJsonSource } from './rgesn-json';
import type { SourceFile } from './source';

/** A pratique read from either export, with where it came from for error messages. */
export interface GbpPratique {
  /** `a.1` */
  identifiant: string;
  titre: string;
  priorite: string;
  difficulte: string;
  pilotes: string[];
  indicateurs: string[];
  url: string | null;
  /** « guide.json, pratique a.1 (thematiques[0].bonnesPratiques[0]) » (and its English twin) and its location. */
  at: { label: Bilingual; location: ErrorLocation };
}

/** A famille (thématique) read from either export: its letter (`a`), titre and optional HTML description. */
export interface GbpFamille {
  lettre: string;
  titre: string;
  description: string | null;
  at: { label: Bilingual; location: ErrorLocation };
  pratiques: GbpPratique[];
}

/** What the guide says of itself (JSON: title, version, updated_at; CSV: from its file name). */
export interface GbpHead {
  version: string;
  title: string | null;
  updatedAt: string | null;
}

/** Pattern of a pratique identifiant: a famille letter, a dot, a number (`a.1`, `g.11`). */
export const PRATIQUE_ID = /^([a-z])\.([1-9]\d*)$/;

function fail(message: Bilingual, location: ErrorLocation): never {
  throw new UserError('REFERENTIAL_INVALID', message, location);
}
/** `label` then the reason, in both languages: « guide.json, pratique a.1 (…) : … » / "guide.json, practice a.1 (…): …". */
const at = (label: Bilingual, fr: string, en: string): Bilingual => ({ fr: `${label.fr} : ${fr}`, en: `${label.en}: ${en}` });

/**
 * Assembles the guide's tree from familles and their pratiques, checking what both exports share: each pratique's
 * letter is its famille's, a famille letter or a pratique identifiant appears once.
 * Tree: root (`gbp-nr`) › famille (depth 1, id `gbp-nr_a`, identifiant `a`, type `famille`) › pratique (depth 2,
 * id `gbp-nr_a.1`, type `pratique`), in natural order (`g.10` after `g.9`). model `progress`, actionLevel 2, no
 * niveaux. Every pratique's `pointReferentiel` is 1 (a famille's is its count). Texts: nom = titre; description =
 * the example indicateurs (`- …` lines) and pilotes; ressources = the guide's page (url); famille description =
 * the guide's HTML text. meta: famille, priorite, difficulte, pilotes (`, `-joined), url.
 * @throws UserError REFERENTIAL_INVALID naming the file and the pratique or famille (path or row).
 */
export function buildGuide(file: string, head: GbpHead, familles: GbpFamille[], id: string): Referential {
  const lettres = new Map<string, Bilingual>();
  const titres = new Map<string, string>();
  const pratiques = new Map<string, Bilingual>();
  for (const f of familles) {
    const first = lettres.get(f.lettre);
    if (first !== undefined) {
      fail(at(f.at.label, `la famille ${f.lettre} est en double (déjà ${first.fr}).`, `family ${f.lettre} is duplicated (already ${first.en}).`), { ...f.at.location, nodeId: `${id}_${f.lettre}` });
    }
    lettres.set(f.lettre, f.at.label);
    const other = titres.get(f.titre);
    if (other !== undefined) {
      fail(at(f.at.label, `la thématique « ${f.titre} » porte deux lettres (${other} et ${f.lettre}).`, `the topic “${f.titre}” has two letters (${other} and ${f.lettre}).`), {
        ...f.at.location,
        field: 'thematique',
      });
    }
    titres.set(f.titre, f.lettre);
    for (const p of f.pratiques) {
      const lettre = PRATIQUE_ID.exec(p.identifiant)?.[1];
      if (lettre !== f.lettre) {
        fail(
          at(
            p.at.label,
            `la pratique ${p.identifiant} n'appartient pas à la famille ${f.lettre} (« ${f.titre} ») : son identifiant doit commencer par « ${f.lettre}. ».`,
            `practice ${p.identifiant} does not belong to family ${f.lettre} (“${f.titre}”): its identifiant must start with “${f.lettre}.”.`,
          ),
          {
          ...p.at.location,
          nodeId: `${id}_${p.identifiant}`,
          },
        );
      }
      const seen = pratiques.get(p.identifiant);
      if (seen !== undefined) {
        fail(at(p.at.label, `la pratique ${p.identifiant} est en double (déjà ${seen.fr}).`, `practice ${p.identifiant} is duplicated (already ${seen.en}).`), {
          ...p.at.location,
          nodeId: `${id}_${p.identifiant}`,
        });
      }
      pratiques.set(p.identifiant, p.at.label);
    }
  }

  const nodes: ReferentialNode[] = [];
  const sorted = [...familles].sort((a, b) => compareIdentifiants(a.lettre, b.lettre));
  for (const [ordre, f] of sorted.entries()) {
    const familleId = `${id}_${f.lettre}`;
    nodes.push({ ...emptyNodeTexts(), id: familleId, parentId: id, identifiant: f.lettre, depth: 1, type: 'famille', nom: f.titre, description: f.description,
      pointReferentiel: f.pratiques.length, ordre });
    const kids = [...f.pratiques].sort((a, b) => compareIdentifiants(a.identifiant, b.identifiant));
    for (const [i, p] of kids.entries()) {
      const description = [
        p.indicateurs.length > 0 ? `**Exemples d’indicateurs**\n\n${p.indicateurs.map((x) => `- ${x}`).join('\n')}` : null,
        p.pilotes.length > 0 ? `**Exemples de pilotes** : ${p.pilotes.join(', ')}` : null,
      ].filter((s) => s !== null);
      nodes.push({
        ...emptyNodeTexts(),
        id: `${id}_${p.identifiant}`,
        parentId: familleId,
        identifiant: p.identifiant,
        depth: 2,
        type: 'pratique',
        nom: p.titre,
        description: description.length > 0 ? description.join('\n\n') : null,
        ressources: p.url,
        pointReferentiel: 1,
        ordre: i,
        meta: {
          famille: f.titre,
          priorite: p.priorite,
          difficulte: p.difficulte,
          ...(p.pilotes.length > 0 ? { pilotes: p.pilotes.join(', ') } : {}),
          ...(p.url ? { url: p.url } : {}),
        },
      });
    }
  }
  const count = pratiques.size;
  const title = head.title ?? 'Guide de bonnes pratiques numérique responsable pour les organisations';
  const root: ReferentialNode = {
    ...emptyNodeTexts(),
    id,
    parentId: null,
    identifiant: '',
    depth: 0,
    type: 'referentiel',
    nom: title,
    pointReferentiel: count,
    ordre: 0,
    meta: { source: file, ...(head.updatedAt ? { miseAJour: head.updatedAt } : {}) },
  };
  return {
    id,
    version: head.version,
    nom: title,
    model: 'progress',
    hierarchie: ['referentiel', 'famille', 'pratique'],
    actionLevel: 2,
    redistribution: false,
    niveaux: [],
    avertissement: null,
    nodes: [root, ...nodes],
    preuvesAttendues: [],
  };
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A non-empty text field, trimmed; `optional` → null when absent or blank. @throws UserError naming the path. */
function field(obj: Json, name: string, label: Bilingual, location: ErrorLocation, optional = false): string | null {
  const value = obj[name];
  if ((value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) && optional) return null;
  const where = { ...location, field: name, path: `${location.path}.${name}` };
  if (value === undefined || value === null) fail(at(label, `le champ « ${name} » est absent.`, `the field “${name}” is missing.`), where);
  if (typeof value !== 'string' || value.trim() === '') fail(at(label, `le champ « ${name} » doit être un texte non vide.`, `the field “${name}” must be a non-empty text.`), where);
  return value.trim();
}

/** A list of texts (pilotes, indicateurs); absent → []. @throws UserError naming the path. */
function texts(obj: Json, name: string, label: Bilingual, location: ErrorLocation): string[] {
  const value = obj[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((x) => typeof x === 'string')) {
    fail(at(label, `le champ « ${name} » doit être une liste de textes.`, `the field “${name}” must be a list of texts.`), { ...location, field: name, path: `${location.path}.${name}` });
  }
  return (value as string[]).map((x) => x.trim()).filter((x) => x !== '');
}

/**
 * Builds the guide from its JSON export (see `buildGuide` for the tree). Version: the file's `version` (`v1`);
 * root meta `miseAJour` = its `updated_at`.
 * @throws UserError REFERENTIAL_INVALID naming the file, the famille / pratique and its JSON path
 *   (`thematiques[0].bonnesPratiques[3].id`): not JSON (line, column), no `thematiques` list, a famille without id
 *   (`a.`), titre or pratiques, a pratique without id (`a.1`), titre, priorité or difficulté, a pratique filed under
 *   another famille's letter, a duplicate famille or pratique.
 */
export function parseGbpJson(file: SourceFile, id = 'gbp-nr'): Referential {
  const name = file.name;
  const data = parseJsonSource(file);
  if (!isObject(data) || !Array.isArray(data.thematiques)) {
    fail(
      { fr: `${name} : un objet { "thematiques": [...] } (les familles du guide) est attendu à la racine du JSON.`, en: `${name}: an object { "thematiques": [...] } (the guide's families) is expected at the root of the JSON.` },
      { file: name, path: 'thematiques' },
    );
  }
  if (data.thematiques.length === 0) fail({ fr: `${name} : la liste « thematiques » est vide.`, en: `${name}: the “thematiques” list is empty.` }, { file: name, path: 'thematiques' });
  const familles = data.thematiques.map((raw: unknown, t): GbpFamille => {
    const path = `thematiques[${t}]`;
    let label: Bilingual = { fr: `${name}, famille n° ${t + 1} (${path})`, en: `${name}, family no. ${t + 1} (${path})` };
    const location: ErrorLocation = { file: name, path };
    if (!isObject(raw)) fail(at(label, 'un objet est attendu.', 'an object is expected.'), location);
    const rawId = field(raw, 'id', label, location) as string;
    const lettre = /^([a-z])\.?$/.exec(rawId)?.[1];
    if (!lettre) {
      fail(at(label, `l'identifiant de famille « ${rawId} » n'a pas la forme « a. ».`, `the family identifiant “${rawId}” does not have the form “a.”.`), { ...location, field: 'id', path: `${path}.id` });
    }
    label = { fr: `${name}, famille ${lettre} (${path})`, en: `${name}, family ${lettre} (${path})` };
    const titre = field(raw, 'titre', label, location) as string;
    if (!Array.isArray(raw.bonnesPratiques) || raw.bonnesPratiques.length === 0) {
      fail(at(label, 'le champ « bonnesPratiques » doit être une liste non vide de pratiques.', 'the field “bonnesPratiques” must be a non-empty list of practices.'), {
        ...location,
        field: 'bonnesPratiques',
        path: `${path}.bonnesPratiques`,
      });
    }
    const pratiques = raw.bonnesPratiques.map((p: unknown, i): GbpPratique => {
      const pPath = `${path}.bonnesPratiques[${i}]`;
      let pLabel: Bilingual = { fr: `${name}, famille ${lettre}, pratique n° ${i + 1} (${pPath})`, en: `${name}, family ${lettre}, practice no. ${i + 1} (${pPath})` };
      const pLoc: ErrorLocation = { file: name, path: pPath };
      if (!isObject(p)) fail(at(pLabel, 'un objet est attendu.', 'an object is expected.'), pLoc);
      const identifiant = field(p, 'id', pLabel, pLoc) as string;
      if (!PRATIQUE_ID.test(identifiant)) {
        fail(at(pLabel, `l'identifiant « ${identifiant} » n'a pas la forme « a.1 ».`, `the identifiant “${identifiant}” does not have the form “a.1”.`), { ...pLoc, field: 'id', path: `${pPath}.id` });
      }
      pLabel = { fr: `${name}, pratique ${identifiant} (${pPath})`, en: `${name}, practice ${identifiant} (${pPath})` };
      return {
        identifiant,
        titre: field(p, 'titre', pLabel, pLoc) as string,
        priorite: field(p, 'priorite', pLabel, pLoc) as string,
        difficulte: field(p, 'difficulte', pLabel, pLoc) as string,
        pilotes: texts(p, 'pilotes', pLabel, pLoc),
        indicateurs: texts(p, 'indicateurs', pLabel, pLoc),
        url: field(p, 'url', pLabel, pLoc, true),
        at: { label: pLabel, location: pLoc },
      };
    });
    return { lettre, titre, description: field(raw, 'description', label, location, true), at: { label, location }, pratiques };
  });
  const version = typeof data.version === 'string' && data.version.trim() !== '' ? data.version.trim() : 'v1';
  const title = typeof data.title === 'string' && data.title.trim() !== '' ? data.title.trim() : null;
  const updatedAt = typeof data.updated_at === 'string' && data.updated_at.trim() !== '' ? data.updated_at.trim() : null;
  return buildGuide(name, { version, title, updatedAt }, familles, id);
}
