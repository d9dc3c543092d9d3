/**
 * Importer of the RGESN 2024 (Référentiel général d'écoconception de services numériques) JSON file
 * published by DINUM/Arcep (`referentiel-ecoconception.json`: an array of 78 critères in 9 thématiques).
 * Source of the scoring rules: ../shared/docs/DOMAIN.md, "Referentials to support" (model `weighted`).
 */
import { compareIdentifiants, emptyNodeTexts, round3, type Referential, type ReferentialNode } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import type { SourceFile } from './source';

/**
 * Weight of a critère by its `priorite` (DOMAIN.md: Prioritaire 1.5, Recommandé 1.25, Modéré 1).
 * Keys are the exact strings of the 2024 file.
 */
export const RGESN_WEIGHTS: Readonly<Record<string, number>> = {
  Prioritaire: 1.5,
  Recommandé: 1.25,
  Modéré: 1,
};

/** Fields every critère of the file carries, all strings (checked one by one, in this order). */
const RGESN_FIELDS = ['numero', 'thematique', 'critere', 'difficulte', 'priorite', 'cible', 'metiers', 'objectif', 'miseEnOeuvre', 'controle'] as const;
type RgesnField = (typeof RGESN_FIELDS)[number];
type RgesnRow = Record<RgesnField, string>;

/**
 * Parses a JSON text, turning a syntax error into a `UserError` that names the file, the line and the column.
 * Node 20 does not always give the position: it is then found by bisecting on prefixes of the text (a prefix
 * that is still valid so far fails only at its very end).
 * @throws UserError REFERENTIAL_INVALID "<file> n'est pas un JSON valide (ligne L, colonne C) : …"
 */
export function parseJsonSource(file: SourceFile): unknown {
  try {
    return JSON.parse(file.text);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    const offset = jsonErrorOffset(file.text, reason);
    const before = file.text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    throw new UserError(
      'REFERENTIAL_INVALID',
      {
        fr: `${file.name} n'est pas un JSON valide (ligne ${line}, colonne ${column}, position ${offset}) : ${reason}`,
        en: `${file.name} is not valid JSON (line ${line}, column ${column}, position ${offset}): ${reason}`,
      },
      { file: file.name, row: line, path: `position ${offset}` },
    );
  }
}

function jsonErrorOffset(text: string, reason: string): number {
  const m = /at position (\d+)/.exec(reason);
  if (m?.[1]) return Number(m[1]);
  const failsInside = (k: number): boolean => {
    try {
      JSON.parse(text.slice(0, k));
      return false;
    } catch (e) {
      // Errors at the very end of the prefix only mean "incomplete so far".
      const message = e instanceof Error ? e.message : '';
      const at = /at position (\d+)/.exec(message)?.[1];
      return !(/Unexpected end of JSON input/.test(message) || (at !== undefined && Number(at) >= k));
    }
  };
  if (!failsInside(text.length)) return text.length;
  let lo = 0;
  let hi = text.length; // invariant: failsInside(hi), !failsInside(lo)
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (failsInside(mid)) hi = mid;
    else lo = mid;
  }
  return hi - 1;
}

function checkRow(raw: unknown, index: number, file: string): RgesnRow {
  const where = `${file}, critère n° ${index + 1} (index ${index})`;
  const whereEn = `${file}, criterion no. ${index + 1} (index ${index})`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new UserError('REFERENTIAL_INVALID', { fr: `${where} : un objet est attendu.`, en: `${whereEn}: an object is expected.` }, { file, path: `[${index}]` });
  }
  const obj = raw as Record<string, unknown>;
  const numero = typeof obj.numero === 'string' ? ` ${obj.numero}` : '';
  const named = { fr: `${where}${numero ? `, critère${numero}` : ''}`, en: `${whereEn}${numero ? `, criterion${numero}` : ''}` };
  for (const field of RGESN_FIELDS) {
    const value = obj[field];
    if (value === undefined || value === null) {
      throw new UserError(
        'REFERENTIAL_INVALID',
        { fr: `${named.fr} : le champ « ${field} » est absent.`, en: `${named.en}: the field “${field}” is missing.` },
        { file, field, path: `[${index}].${field}` },
      );
    }
    if (typeof value !== 'string') {
      throw new UserError(
        'REFERENTIAL_INVALID',
        { fr: `${named.fr} : le champ « ${field} » doit être un texte.`, en: `${named.en}: the field “${field}” must be a text.` },
        { file, field, path: `[${index}].${field}` },
      );
    }
  }
  return obj as RgesnRow;
}

const nonEmpty = (s: string): string | null => (s.trim() === '' ? null : s.trim());

/**
 * Builds the RGESN referential from the 2024 JSON file.
 * Tree: root (`rgesn`, depth 0) › thématique (depth 1, id `rgesn_<n>`, n = first segment of its critères'
 * `numero`) › critère (depth 2, id `rgesn_<numero>`, e.g. `rgesn_4.10`). model `weighted`, actionLevel 2,
 * niveaux [], version '2024'. A critère's `pointReferentiel` is its weight (RGESN_WEIGHTS); thématiques and the
 * root sum their children (78 critères weigh 100.25 in the 2024 file). Texts: nom = the critère's question,
 * description = objectif + mise en œuvre (Markdown), perimetreEvaluation = contrôle; meta keeps thematique,
 * difficulte, priorite, cible, metiers.
 * @throws UserError REFERENTIAL_INVALID naming the file and the critère (index and numéro): not JSON (line,
 *   column), not an array, a missing or non-text field, a malformed or duplicate numéro, an unknown priorité,
 *   a thématique whose critères do not share one first segment.
 */
export function parseRgesnJson(file: SourceFile, id = 'rgesn'): Referential {
  const data = parseJsonSource(file);
  if (!Array.isArray(data)) {
    throw new UserError(
      'REFERENTIAL_INVALID',
      { fr: `${file.name} : un tableau de critères RGESN est attendu à la racine du JSON.`, en: `${file.name}: an array of RGESN criteria is expected at the root of the JSON.` },
      { file: file.name },
    );
  }
  if (data.length === 0) {
    throw new UserError('REFERENTIAL_INVALID', { fr: `${file.name} : le tableau de critères est vide.`, en: `${file.name}: the array of criteria is empty.` }, { file: file.name });
  }
  const rows = data.map((raw, i) => checkRow(raw, i, file.name));

  const themes = new Map<string, { nom: string; firstIndex: number }>();
  const critereIndex = new Map<string, number>();
  const critereNodes: ReferentialNode[] = [];
  rows.forEach((row, i) => {
    const where = `${file.name}, critère n° ${i + 1} (index ${i}), critère ${row.numero}`;
    const whereEn = `${file.name}, criterion no. ${i + 1} (index ${i}), criterion ${row.numero}`;
    const numero = row.numero.trim();
    const m = /^(\d+)\.(\d+)$/.exec(numero);
    if (!m?.[1]) {
      throw new UserError(
        'REFERENTIAL_INVALID',
        { fr: `${where} : le numéro « ${row.numero} » n'a pas la forme « 1.1 ».`, en: `${whereEn}: the numero “${row.numero}” does not have the form “1.1”.` },
        { file: file.name, field: 'numero', path: `[${i}].numero` },
      );
    }
    const previous = critereIndex.get(numero);
    if (previous !== undefined) {
      throw new UserError(
        'REFERENTIAL_INVALID',
        { fr: `${where} : le numéro ${numero} est déjà utilisé par le critère d'index ${previous}.`, en: `${whereEn}: numero ${numero} is already used by the criterion at index ${previous}.` },
        { file: file.name, field: 'numero', nodeId: `${id}_${numero}` },
      );
    }
    critereIndex.set(numero, i);
    const weight = RGESN_WEIGHTS[row.priorite.trim()];
    if (weight === undefined) {
      throw new UserError(
        'REFERENTIAL_INVALID',
        {
          fr: `${where} : priorité « ${row.priorite} » inconnue (attendu : ${Object.keys(RGESN_WEIGHTS).join(', ')}).`,
          en: `${whereEn}: unknown priorité “${row.priorite}” (expected: ${Object.keys(RGESN_WEIGHTS).join(', ')}).`,
        },
        { file: file.name, field: 'priorite', nodeId: `${id}_${numero}` },
      );
    }
    const themeKey = m[1];
    const thematique = row.thematique.trim();
    const known = themes.get(themeKey);
    if (known && known.nom !== thematique) {
      throw new UserError(
        'REFERENTIAL_INVALID',
        {
          fr: `${where} : la thématique « ${thematique} » ne correspond pas à « ${known.nom} » des autres critères ${themeKey}.x.`,
          en: `${whereEn}: the topic “${thematique}” does not match “${known.nom}” of the other criteria ${themeKey}.x.`,
        },
        { file: file.name, field: 'thematique', nodeId: `${id}_${numero}` },
      );
    }
    if (!known) themes.set(themeKey, { nom: thematique, firstIndex: i });
    const objectif = nonEmpty(row.objectif);
    const miseEnOeuvre = nonEmpty(row.miseEnOeuvre);
    const description = [objectif, miseEnOeuvre ? `**Mise en œuvre**\n\n${miseEnOeuvre}` : null].filter((s) => s !== null).join('\n\n');
    critereNodes.push({
      ...emptyNodeTexts(),
      id: `${id}_${numero}`,
      parentId: `${id}_${themeKey}`,
      identifiant: numero,
      depth: 2,
      type: 'critere',
      nom: row.critere.trim(),
      description: description === '' ? null : description,
      perimetreEvaluation: nonEmpty(row.controle),
      pointReferentiel: weight,
      ordre: 0,
      meta: {
        thematique,
        difficulte: row.difficulte.trim(),
        priorite: row.priorite.trim(),
        cible: row.cible.trim(),
        metiers: row.metiers.trim(),
      },
    });
  });

  for (const [key, theme] of themes) {
    const other = [...themes].find(([k, t]) => k !== key && t.nom === theme.nom);
    if (other) {
      throw new UserError(
        'REFERENTIAL_INVALID',
        { fr: `${file.name} : la thématique « ${theme.nom} » porte deux numéros (${key} et ${other[0]}).`, en: `${file.name}: the topic “${theme.nom}” has two numbers (${key} and ${other[0]}).` },
        { file: file.name, field: 'thematique' },
      );
    }
  }

  const themeNodes: ReferentialNode[] = [...themes.keys()].sort(compareIdentifiants).map((key, ordre) => {
    const children = critereNodes.filter((c) => c.parentId === `${id}_${key}`).sort((a, b) => compareIdentifiants(a.identifiant, b.identifiant));
    children.forEach((c, i) => (c.ordre = i));
    return {
      ...emptyNodeTexts(),
      id: `${id}_${key}`,
      parentId: id,
      identifiant: key,
      depth: 1,
      type: 'thematique',
      nom: themes.get(key)?.nom ?? key,
      pointReferentiel: round3(children.reduce((s, c) => s + c.pointReferentiel, 0)),
      ordre,
    };
  });
  const root: ReferentialNode = {
    ...emptyNodeTexts(),
    id,
    parentId: null,
    identifiant: '',
    depth: 0,
    type: 'referentiel',
    nom: 'Référentiel général d’écoconception de services numériques (RGESN)',
    pointReferentiel: round3(themeNodes.reduce((s, t) => s + t.pointReferentiel, 0)),
    ordre: 0,
    meta: { source: file.name },
  };
  const nodes: ReferentialNode[] = [root];
  for (const theme of themeNodes) {
    nodes.push(theme, ...critereNodes.filter((c) => c.parentId === theme.id).sort((a, b) => a.ordre - b.ordre));
  }
  return {
    id,
    version: '2024',
    nom: 'RGESN 2024 — écoconception de services numériques',
    model: 'weighted',
    hierarchie: ['referentiel', 'thematique', 'critere'],
    actionLevel: 2,
    redistribution: false,
    niveaux: [],
    avertissement: null,
    nodes,
    preuvesAttendues: [],
  };
}
