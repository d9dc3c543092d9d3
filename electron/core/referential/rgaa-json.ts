/**
 * Importer of the RGAA 4.1.2 (Référentiel général d'amélioration de l'accessibilité) JSON file published by DINUM
 * (`RGAA/criteres.json` of accessibilite.numerique.gouv.fr: `{ wcag, topics: [{ number, topic, criteria: [{
 * criterium: { number, title, tests, particularCases?, technicalNote?, references? } }] }] }` — 13 thématiques,
 * 106 critères, 258 tests). Source of the scoring rules: ../shared/docs/DOMAIN.md, "Referentials to support"
 * (model `rate`).
 */
import { compareIdentifiants, emptyNodeTexts, type Niveau, type Referential, type ReferentialNode } from '../../../shared/domain';
import { UserError, type Bilingual } from '../../../shared/errors';
import { parseJsonSource } from './rgesn-json';
import type { SourceFile } from './source';

/**
 * The three states of an RGAA accessibility declaration, as niveaux of the taux de conformité (fraction of the
 * applicable critères that are conformes): « Non conforme » below 50 %, « Partiellement conforme » from 50 %,
 * « Totalement conforme » at 100 % (the RGAA's own wording; DOMAIN.md "Referentials to support").
 */
export const RGAA_NIVEAUX: readonly Niveau[] = [
  { rang: 1, nom: 'Non conforme', seuil: 0 },
  { rang: 2, nom: 'Partiellement conforme', seuil: 0.5 },
  { rang: 3, nom: 'Totalement conforme', seuil: 1 },
];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `where` names the thématique or critère in both languages (« thématique 3 (topics[2]) » / "thématique 3 (topics[2])"). */
function fail(file: string, where: Bilingual, message: Bilingual, path: string, extra: { field?: string; nodeId?: string } = {}): never {
  throw new UserError('REFERENTIAL_INVALID', { fr: `${file}, ${where.fr} : ${message.fr}`, en: `${file}, ${where.en}: ${message.en}` }, { file, path, ...extra });
}

/** A glossary link of the RGAA text, `[image porteuse d’information](#image-porteuse-d-information)`, kept as its words. */
export function stripGlossaryLinks(text: string): string {
  return text.replace(/\[([^\]]+)\]\(#[^)\s]*\)/g, '$1');
}

/** A positive integer field (`number`), or UserError naming the path. */
function positiveInteger(obj: Json, field: string, file: string, where: Bilingual, path: string): number {
  const value = obj[field];
  if (value === undefined || value === null) fail(file, where, { fr: `le champ « ${field} » est absent.`, en: `the field “${field}” is missing.` }, `${path}.${field}`, { field });
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    const got = JSON.stringify(value);
    fail(file, where, { fr: `le champ « ${field} » doit être un entier positif (reçu ${got}).`, en: `the field “${field}” must be a positive integer (received ${got}).` }, `${path}.${field}`, { field });
  }
  return value;
}

/** A non-empty text field, trimmed, or UserError naming the path. */
function text(obj: Json, field: string, file: string, where: Bilingual, path: string): string {
  const value = obj[field];
  if (value === undefined || value === null) fail(file, where, { fr: `le champ « ${field} » est absent.`, en: `the field “${field}” is missing.` }, `${path}.${field}`, { field });
  if (typeof value !== 'string' || value.trim() === '') {
    fail(file, where, { fr: `le champ « ${field} » doit être un texte non vide.`, en: `the field “${field}” must be a non-empty text.` }, `${path}.${field}`, { field });
  }
  return value.trim();
}

/**
 * Lines of an RGAA text block (`particularCases`, `technicalNote`): strings, or `{ ul: [...] }` / `{ ol: [...] }`
 * lists whose items become `- …` Markdown lines. Absent or null → []. Anything else: UserError naming the path.
 */
function blockLines(value: unknown, file: string, where: Bilingual, path: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(file, where, { fr: 'une liste de textes est attendue.', en: 'a list of texts is expected.' }, path);
  return value.flatMap((item, i) => {
    if (typeof item === 'string') return [stripGlossaryLinks(item.trim())];
    const list = isObject(item) ? (item.ul ?? item.ol) : undefined;
    if (Array.isArray(list) && list.every((x) => typeof x === 'string')) {
      return (list as string[]).map((x) => {
        const line = stripGlossaryLinks(x.trim());
        return line.startsWith('- ') ? line : `- ${line}`;
      });
    }
    return fail(file, where, { fr: 'un texte ou une liste { ul: [...] } est attendu.', en: 'a text or a list { ul: [...] } is expected.' }, `${path}[${i}]`);
  });
}

/**
 * The tests of a critère as Markdown, one paragraph per test: `**Test 1.1.5** : question ?` then its conditions as
 * `- …` lines. Returns the text and the number of tests.
 * @throws UserError when `tests` is not a non-empty object of numbered, non-empty lists of texts.
 */
function testsText(tests: unknown, ident: string, file: string, where: Bilingual, path: string): { markdown: string; count: number } {
  if (!isObject(tests) || Object.keys(tests).length === 0) {
    fail(file, where, { fr: 'le champ « tests » doit être un objet non vide { "1": [...], "2": [...] }.', en: 'the field “tests” must be a non-empty object { "1": [...], "2": [...] }.' }, `${path}.tests`, {
      field: 'tests',
    });
  }
  const keys = Object.keys(tests).sort((a, b) => Number(a) - Number(b));
  const paragraphs = keys.map((key) => {
    const lines = tests[key];
    const at = `${path}.tests.${key}`;
    if (!/^[1-9]\d*$/.test(key)) fail(file, where, { fr: `le test « ${key} » doit être numéroté 1, 2, 3…`, en: `test “${key}” must be numbered 1, 2, 3…` }, at, { field: 'tests' });
    if (!Array.isArray(lines) || lines.length === 0 || !lines.every((l) => typeof l === 'string' && l.trim() !== '')) {
      fail(file, where, { fr: `le test ${ident}.${key} doit être une liste non vide de textes.`, en: `test ${ident}.${key} must be a non-empty list of texts.` }, at, { field: 'tests' });
    }
    const [question, ...conditions] = (lines as string[]).map((l) => stripGlossaryLinks(l.trim()));
    return [`**Test ${ident}.${key}** : ${question ?? ''}`, ...conditions.map((c) => `- ${c}`)].join('\n');
  });
  return { markdown: paragraphs.join('\n\n'), count: keys.length };
}

/** `references: [{ wcag: [...] }, { techniques: [...] }]` as `{ wcag: '1.1.1 …; 4.1.2 …', techniques: 'H36, H37' }`. */
function references(value: unknown, file: string, where: Bilingual, path: string): Record<string, string[]> {
  if (value === undefined || value === null) return {};
  if (!Array.isArray(value)) fail(file, where, { fr: 'le champ « references » doit être une liste.', en: 'the field “references” must be a list.' }, `${path}.references`, { field: 'references' });
  const out: Record<string, string[]> = {};
  value.forEach((ref, i) => {
    if (!isObject(ref)) {
      fail(file, where, { fr: 'chaque référence doit être un objet { wcag: [...] }.', en: 'each reference must be an object { wcag: [...] }.' }, `${path}.references[${i}]`, { field: 'references' });
    }
    for (const [key, list] of Object.entries(ref)) {
      if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) {
        fail(file, where, { fr: `la référence « ${key} » doit être une liste de textes.`, en: `the reference “${key}” must be a list of texts.` }, `${path}.references[${i}].${key}`, {
          field: 'references',
        });
      }
      out[key] = [...(out[key] ?? []), ...(list as string[]).map((x) => x.trim())];
    }
  });
  return out;
}

/**
 * Builds the RGAA referential from `criteres.json`.
 * Tree: root (`rgaa`, depth 0) › thématique (depth 1, id `rgaa_<number>`, e.g. `rgaa_11`) › critère (depth 2, id
 * `rgaa_<thématique>.<number>`, e.g. `rgaa_11.13`), both in number order. model `rate`, actionLevel 2, niveaux
 * RGAA_NIVEAUX, version '4.1.2' (the file does not carry it). Every critère's `pointReferentiel` is 1, so a
 * thématique's is its number of critères (106 in all). Texts, glossary links kept as their words: nom = the
 * critère's question; description = its tests as Markdown, one paragraph each (« **Test 1.1.5** : … ? » then the
 * conditions as `- …` lines); contexte = « Cas particuliers » and « Notes techniques »; ressources = the WCAG
 * criteria and techniques. meta: thematique, tests (count), wcag (`; `-joined), techniques (`, `-joined).
 * @throws UserError REFERENTIAL_INVALID naming the file, the thématique / critère and its JSON path
 *   (`topics[2].criteria[0].criterium.number`): not JSON (line, column), no `topics` list, a thématique or critère
 *   without its number, title or tests, a number that is not a positive integer, a duplicate thématique or critère
 *   number, malformed tests / cases / notes / references.
 */
export function parseRgaaJson(file: SourceFile, id = 'rgaa'): Referential {
  const name = file.name;
  const data = parseJsonSource(file);
  if (!isObject(data) || !Array.isArray(data.topics)) {
    throw new UserError(
      'REFERENTIAL_INVALID',
      { fr: `${name} : un objet { "topics": [...] } (les thématiques du RGAA) est attendu à la racine du JSON.`, en: `${name}: an object { "topics": [...] } (the RGAA's topics) is expected at the root of the JSON.` },
      { file: name, path: 'topics' },
    );
  }
  if (data.topics.length === 0) {
    throw new UserError('REFERENTIAL_INVALID', { fr: `${name} : la liste « topics » est vide.`, en: `${name}: the “topics” list is empty.` }, { file: name, path: 'topics' });
  }

  const themes: ReferentialNode[] = [];
  const criteres: ReferentialNode[] = [];
  const themePaths = new Map<number, string>();
  data.topics.forEach((topic: unknown, t) => {
    const tPath = `topics[${t}]`;
    let where: Bilingual = { fr: `thématique n° ${t + 1} (${tPath})`, en: `topic no. ${t + 1} (${tPath})` };
    if (!isObject(topic)) fail(name, where, { fr: 'un objet est attendu.', en: 'an object is expected.' }, tPath);
    const number = positiveInteger(topic, 'number', name, where, tPath);
    where = { fr: `thématique ${number} (${tPath})`, en: `topic ${number} (${tPath})` };
    const previous = themePaths.get(number);
    if (previous !== undefined) {
      fail(name, where, { fr: `le numéro ${number} est déjà celui de la thématique ${previous}.`, en: `number ${number} is already that of topic ${previous}.` }, `${tPath}.number`, {
        field: 'number',
        nodeId: `${id}_${number}`,
      });
    }
    themePaths.set(number, tPath);
    const nom = text(topic, 'topic', name, where, tPath);
    where = { fr: `thématique ${number} « ${nom} » (${tPath})`, en: `topic ${number} “${nom}” (${tPath})` };
    if (!Array.isArray(topic.criteria) || topic.criteria.length === 0) {
      fail(name, where, { fr: 'le champ « criteria » doit être une liste non vide de critères.', en: 'the field “criteria” must be a non-empty list of criteria.' }, `${tPath}.criteria`, {
        field: 'criteria',
      });
    }
    const themeId = `${id}_${number}`;
    const seen = new Map<number, string>();
    const kids: ReferentialNode[] = [];
    topic.criteria.forEach((raw: unknown, c) => {
      const path = `${tPath}.criteria[${c}].criterium`;
      let cWhere: Bilingual = { fr: `thématique ${number}, critère n° ${c + 1} (${path})`, en: `topic ${number}, criterion no. ${c + 1} (${path})` };
      const criterium = isObject(raw) ? raw.criterium : undefined;
      if (!isObject(criterium)) {
        fail(name, cWhere, { fr: 'un objet { "criterium": { number, title, tests } } est attendu.', en: 'an object { "criterium": { number, title, tests } } is expected.' }, `${tPath}.criteria[${c}]`);
      }
      const n = positiveInteger(criterium, 'number', name, cWhere, path);
      const ident = `${number}.${n}`;
      cWhere = { fr: `critère ${ident} (${path})`, en: `criterion ${ident} (${path})` };
      const before = seen.get(n);
      if (before !== undefined) {
        fail(name, cWhere, { fr: `le critère ${ident} est en double (déjà ${before}).`, en: `criterion ${ident} is duplicated (already ${before}).` }, `${path}.number`, {
          field: 'number',
          nodeId: `${id}_${ident}`,
        });
      }
      seen.set(n, path);
      const title = stripGlossaryLinks(text(criterium, 'title', name, cWhere, path));
      const tests = testsText(criterium.tests, ident, name, cWhere, path);
      const cases = blockLines(criterium.particularCases, name, cWhere, `${path}.particularCases`);
      const notes = blockLines(criterium.technicalNote, name, cWhere, `${path}.technicalNote`);
      const refs = references(criterium.references, name, cWhere, path);
      const contexte = [cases.length > 0 ? `**Cas particuliers**\n\n${cases.join('\n')}` : null, notes.length > 0 ? `**Notes techniques**\n\n${notes.join('\n')}` : null]
        .filter((s) => s !== null)
        .join('\n\n');
      const wcag = refs.wcag ?? [];
      const techniques = refs.techniques ?? [];
      const ressources = [wcag.length > 0 ? `WCAG : ${wcag.join(' ; ')}` : null, techniques.length > 0 ? `Techniques : ${techniques.join(', ')}` : null]
        .filter((s) => s !== null)
        .join('\n');
      kids.push({
        ...emptyNodeTexts(),
        id: `${id}_${ident}`,
        parentId: themeId,
        identifiant: ident,
        depth: 2,
        type: 'critere',
        nom: title,
        description: tests.markdown,
        contexte: contexte === '' ? null : contexte,
        ressources: ressources === '' ? null : ressources,
        pointReferentiel: 1,
        ordre: 0,
        meta: { thematique: nom, tests: String(tests.count), ...(wcag.length > 0 ? { wcag: wcag.join('; ') } : {}), ...(techniques.length > 0 ? { techniques: techniques.join(', ') } : {}) },
      });
    });
    kids.sort((a, b) => compareIdentifiants(a.identifiant, b.identifiant)).forEach((k, i) => (k.ordre = i));
    themes.push({ ...emptyNodeTexts(), id: themeId, parentId: id, identifiant: String(number), depth: 1, type: 'thematique', nom, pointReferentiel: kids.length, ordre: 0 });
    criteres.push(...kids);
  });
  themes.sort((a, b) => compareIdentifiants(a.identifiant, b.identifiant)).forEach((t, i) => (t.ordre = i));

  const wcagVersion = isObject(data.wcag) && (typeof data.wcag.version === 'number' || typeof data.wcag.version === 'string') ? String(data.wcag.version) : null;
  const root: ReferentialNode = {
    ...emptyNodeTexts(),
    id,
    parentId: null,
    identifiant: '',
    depth: 0,
    type: 'referentiel',
    nom: 'Référentiel général d’amélioration de l’accessibilité (RGAA)',
    pointReferentiel: criteres.length,
    ordre: 0,
    meta: { source: name, ...(wcagVersion ? { wcag: wcagVersion } : {}) },
  };
  const nodes: ReferentialNode[] = [root];
  for (const theme of themes) nodes.push(theme, ...criteres.filter((c) => c.parentId === theme.id));
  return {
    id,
    version: '4.1.2',
    nom: 'RGAA 4.1.2 — accessibilité numérique',
    model: 'rate',
    hierarchie: ['referentiel', 'thematique', 'critere'],
    actionLevel: 2,
    redistribution: false,
    niveaux: RGAA_NIVEAUX.map((n) => ({ ...n })),
    avertissement: null,
    nodes,
    preuvesAttendues: [],
  };
}
