/**
 * Importer of the TETE referentials (CAE, ECi, TE) from the platform's CSV exports
 * (`referentiel-<id>-structure.csv` + optional `referentiel-<id>-preuves.csv`), tete-referentials.md §1.
 */
import { compareIdentifiants, emptyNodeTexts, type Referential, type ReferentialNode } from '../../../shared/domain';
import { UserError, type Bilingual, type ErrorLocation } from '../../../shared/errors';
import { FormulaError, reglesOf } from '../../../shared/formula';
import { cellDecimal, cellText, columnLetter, locateColumns, readCsvTable, type CsvRow, type CsvTable } from './csv';
import type { SourceFile } from './source';
import { teteNiveaux, teteNom, teteProfile } from './tete-hierarchie';
import { computePointsReferentiel, type PointsNode } from './tete-points';
import { parseTetePreuves } from './tete-preuves';

/** Version given to an import when the caller gives none: the date of the platform's CSV samples (§1.5). */
export const DEFAULT_TETE_VERSION = '2026-04-01';

/** Columns read into node fields. Names as in the CAE header; TE's capitalised names match once normalised. */
const FIELD_COLUMNS = {
  identifiant: 'identifiant',
  nom: 'nom',
  description: 'description',
  contexte: 'contexte',
  exemples: 'exemples',
  ressources: 'ressources',
  points: 'points',
  pourcentage: 'pourcentage',
  categorie: 'categorie',
  reductionPotentiel: 'reductionPotentiel',
  perimetreEvaluation: 'perimetreEvaluation',
} as const;

/** Columns kept in `meta` under the given key (§1.3, §1.5): personnalisation formulas, lists, TE extras. */
const META_COLUMNS = {
  'regle.desactivation': 'desactivation',
  'regle.desactivation.description': 'desactivationDesc',
  'regle.reduction': 'reduction',
  'regle.reduction.description': 'reductionDesc',
  'regle.score': 'score',
  'regle.score.description': 'scoreDesc',
  personnalisationQuestions: 'personnalisationQuestions',
  indicateurs: 'indicateurs',
  exprScore: 'exprScore',
  coremeasure: 'Coremeasure',
  origine: 'Origine',
  labels: 'Labels',
  indicateursWip: 'Indicateurs_WIP',
  thematiqueSgpe: 'thematiqueSGPE',
  adaptationNiveau: 'adaptationNiveau',
  adaptationDescriptifs: 'Adaptation - Descriptifs',
  adaptationCalcul: 'Adaptation - calcul',
  preuve: 'Preuve',
  reglementation: 'Réglementation',
  retoursExperience: "Retours d'expérience",
} as const;

/** Meta keys whose cell is a comma-separated list, normalised to `a,b,c`. */
const LIST_META = new Set(['personnalisationQuestions', 'indicateurs', 'labels']);

/** Dotted identifiant: numeric first segment; TE adds letter suffixes (`1.1.1alter`) and letter segments (`1.1.6.3.a`). */
const IDENTIFIANT = /^[0-9]+[a-z]*(\.([0-9]+[a-z]*|[a-z]+))*$/;

/** The three TETE referential ids a file name or a formula may carry. */
const TETE_IDS = ['cae', 'eci', 'te'] as const;

/**
 * The TETE ids (`cae`, `eci`, `te`) found as words of a file's base name, in order of first appearance, without
 * repeats: accents folded and case ignored, a word being a run of letters (any other character separates, so
 * `réf:CAE été 2026.csv` → `['cae']`: « été » folds to `ete`, not `te`).
 */
export function teteIdTokens(name: string): string[] {
  const base = name.split(/[\\/]/).pop() ?? '';
  const words = base.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().match(/[a-z]+/g) ?? [];
  return [...new Set(words.filter((w): w is (typeof TETE_IDS)[number] => (TETE_IDS as readonly string[]).includes(w)))];
}

/**
 * Referential id from a file name: `referentiel-cae-structure.csv` → `cae`, `…-eci-…` → `eci`, `…-te-…` → `te`,
 * `réf:CAE été 2026.csv` → `cae`; null when none of the three, or more than one, appears as a word of the base
 * name (`teteIdTokens`).
 */
export function teteIdFromFileName(name: string): string | null {
  const tokens = teteIdTokens(name);
  return tokens.length === 1 ? tokens[0]! : null;
}

/**
 * The id prefixes the content itself uses for node ids: `score(cae_1.2.3)` in the personnalisation formulas of the
 * structure (`desactivation`, `reduction`, `score` columns) and the `actions` of the preuves CSV (`cae_1.1.1.1`).
 * Other columns are not read: TE's `Origine` and `exprScore` name CAE/ECi measures on purpose.
 */
function contentIdPrefixes(table: CsvTable, col: Record<keyof typeof META_COLUMNS, number>, preuves: SourceFile | undefined): Set<string> {
  const found = new Set<string>();
  const formulaColumns = [col['regle.desactivation'], col['regle.reduction'], col['regle.score']];
  for (const row of table.rows) {
    for (const index of formulaColumns) {
      for (const m of cellText(row, index).matchAll(/score\(\s*([a-z][a-z0-9-]*)_/gi)) found.add(m[1]!.toLowerCase());
    }
  }
  if (preuves !== undefined) {
    const pt = readCsvTable(preuves, { allowNoRows: true });
    const actions = locateColumns(pt, { actions: 'actions' }, []).actions;
    for (const row of pt.rows) {
      for (const nodeId of cellText(row, actions).split(/[,;\n]/)) {
        const m = /^\s*([a-z][a-z0-9-]*)_/i.exec(nodeId);
        if (m) found.add(m[1]!.toLowerCase());
      }
    }
  }
  return found;
}

/**
 * The id of a TETE import the user did not name: the prefix the content uses for node ids when there is exactly
 * one (`contentIdPrefixes`: it must match, or the formulas and the preuves would point to unknown nodes), else the
 * one TETE word of the structure file's name (`teteIdTokens`), else `fallbackId` when the name holds none.
 * @throws UserError('REFERENTIAL_INVALID') naming the file(s) and asking to fill in the form's « Identifiant »
 *   field when the content uses several prefixes, or (no prefix in the content) the name holds several TETE words
 *   or none and there is no fallback.
 */
function resolveTeteId(structure: SourceFile, preuves: SourceFile | undefined, content: ReadonlySet<string>, fallbackId: string | undefined): string {
  const files = preuves === undefined ? `« ${structure.name} »` : `« ${structure.name} » et « ${preuves.name} »`;
  const filesEn = preuves === undefined ? `“${structure.name}”` : `“${structure.name}” and “${preuves.name}”`;
  const fill = { fr: "indiquez-le dans le champ « Identifiant » du formulaire d'import", en: 'enter it in the “Identifier” field of the import form' };
  if (content.size === 1) return [...content][0]!;
  if (content.size > 1) {
    const list = [...content].sort().join(', ');
    throw new UserError(
      'REFERENTIAL_INVALID',
      {
        fr: `Impossible de savoir quel référentiel contiennent les fichiers ${files} : leurs formules et leurs preuves désignent des nœuds de plusieurs référentiels (${list}) ; ${fill.fr} (cae, eci ou te).`,
        en: `Cannot tell which referential the files ${filesEn} hold: their formulas and evidence name nodes of several referentials (${list}); ${fill.en} (cae, eci or te).`,
      },
      { file: structure.name, field: 'id' },
    );
  }
  const tokens = teteIdTokens(structure.name);
  if (tokens.length === 1) return tokens[0]!;
  if (tokens.length === 0 && fallbackId !== undefined) return fallbackId;
  throw new UserError(
    'REFERENTIAL_INVALID',
    tokens.length === 0
      ? {
          fr: `Impossible de savoir quel référentiel contient le fichier « ${structure.name} » : son nom ne contient ni « cae », ni « eci », ni « te » ; ${fill.fr}.`,
          en: `Cannot tell which referential the file “${structure.name}” holds: its name contains neither “cae”, nor “eci”, nor “te”; ${fill.en}.`,
        }
      : {
          fr: `Impossible de savoir quel référentiel contient le fichier « ${structure.name} » : son nom contient à la fois ${tokens.map((t) => `« ${t} »`).join(' et ')} ; ${fill.fr}.`,
          en: `Cannot tell which referential the file “${structure.name}” holds: its name contains both ${tokens.map((t) => `“${t}”`).join(' and ')}; ${fill.en}.`,
        },
    { file: structure.name, field: 'id' },
  );
}

interface RawNode extends PointsNode {
  depth: number;
  parentIdentifiant: string;
  fields: Omit<ReferentialNode, 'id' | 'parentId' | 'identifiant' | 'depth' | 'type' | 'pointReferentiel' | 'ordre'>;
}

/**
 * Parses a TETE structure CSV (and its optional preuves CSV) into a `Referential` (model `tete`).
 * - `id` (the user's) defaults to the prefix the content uses for node ids, else the TETE word of the structure's
 *   name, else `fallbackId` (`resolveTeteId`); `version` to `DEFAULT_TETE_VERSION`.
 * - Nodes: root (`id`, identifiant '', depth 0, type `referentiel`) then every row in natural depth-first order;
 *   `parentId` from the identifiant, `type` from the hierarchie (§1.1), `ordre` = natural rank among siblings.
 * - `pointReferentiel` in points as §1.4 (3 decimals); `points`/`pourcentage` as written (comma decimals accepted).
 * - `meta`: coremeasure `x` → `'true'`, lists (`personnalisationQuestions`, `indicateurs`) as `a,b`, the raw
 *   personnalisation formulas as `regle.desactivation` / `regle.reduction` / `regle.score` (+ `.description`).
 * - `niveaux`: étoiles from `referential/tete-etoiles.json` (§3).
 * @throws UserError('REFERENTIAL_INVALID') naming the file, the row (header = 1) and the column or cell for: an
 *   empty file, a row with fewer cells than the header (`readCsvTable` `fullRows`), an id that cannot be told
 *   (`resolveTeteId`: asks to fill in the form's « Identifiant » field), a missing required column (identifiant, nom, points; pourcentage except for `te`), an empty or
 *   malformed identifiant, an identifiant deeper than the hierarchie, a duplicate identifiant (both rows), an
 *   orphan (parent absent), a non-numeric points/pourcentage, percentages of siblings not summing to 100 (parent and
 *   sum), a TE sous-action without points, an unknown id, a personnalisation formula (`desactivation`, `reduction`,
 *   `score` column) that does not parse or reads `score(…)` of an unknown node or outside a score rule (the node,
 *   the rule type and the column in the formula named, see `checkRegles`); plus the preuves errors of
 *   `parseTetePreuves`. Question ids in `reponse(…)` are not checked (the questions are not imported yet).
 */
export function parseTeteCsv(input: { structure: SourceFile; preuves?: SourceFile; id?: string; fallbackId?: string; version?: string }): Referential {
  const { structure } = input;
  const table = readCsvTable(structure, { fullRows: true });
  const wanted = { ...FIELD_COLUMNS, ...META_COLUMNS };
  const located = locateColumns(table, wanted, ['identifiant', 'nom', 'points']);
  const id = input.id ?? resolveTeteId(structure, input.preuves, contentIdPrefixes(table, located, input.preuves), input.fallbackId);
  if (!/^[a-z][a-z0-9-]*$/.test(id)) {
    throw new UserError(
      'REFERENTIAL_INVALID',
      {
        fr: `Identifiant de référentiel « ${id} » invalide pour le fichier « ${structure.name} » (attendu : lettres minuscules, chiffres, tirets).`,
        en: `Invalid referential id “${id}” for the file “${structure.name}” (expected: lowercase letters, digits, hyphens).`,
      },
      { file: structure.name },
    );
  }
  const col = id === 'te' ? located : locateColumns(table, wanted, ['identifiant', 'nom', 'points', 'pourcentage']);

  const raws = table.rows.map((row) => readRow(table, row, col, id));
  const maxDepth = raws.reduce((m, r) => Math.max(m, r.depth), 0);
  const profile = teteProfile(id, maxDepth);

  // Index, duplicates, depth, parents.
  const rootIndex = raws.length;
  const root: RawNode = { id, identifiant: '', row: null, points: null, pourcentage: null, children: [], depth: 0, parentIdentifiant: '', fields: { nom: '', ...emptyNodeTexts() } };
  const all: RawNode[] = [...raws, root];
  const byIdentifiant = new Map<string, number>([['', rootIndex]]);
  raws.forEach((r, i) => {
    const previous = byIdentifiant.get(r.identifiant);
    if (previous !== undefined) {
      const rows = `${raws[previous]!.row} et ${r.row}`;
      throw rowError(table, r.row!, col.identifiant, 'identifiant', {
        fr: `l'identifiant « ${r.identifiant} » apparaît deux fois (lignes ${rows})`,
        en: `the identifiant “${r.identifiant}” appears twice (rows ${raws[previous]!.row} and ${r.row})`,
      });
    }
    if (r.depth >= profile.hierarchie.length) {
      const levels = profile.hierarchie.slice(1);
      throw rowError(table, r.row!, col.identifiant, 'identifiant', {
        fr: `l'identifiant « ${r.identifiant} » a ${r.depth} niveaux, plus que les ${levels.length} de la hiérarchie (${levels.join(' › ')})`,
        en: `the identifiant “${r.identifiant}” has ${r.depth} levels, more than the ${levels.length} of the hierarchy (${levels.map((l) => LEVEL_EN[l] ?? l).join(' › ')})`,
      });
    }
    byIdentifiant.set(r.identifiant, i);
  });
  raws.forEach((r, i) => {
    const parent = byIdentifiant.get(r.parentIdentifiant);
    if (parent === undefined) {
      throw rowError(table, r.row!, col.identifiant, 'identifiant', {
        fr: `le parent « ${r.parentIdentifiant} » de « ${r.identifiant} » est absent du fichier`,
        en: `the parent “${r.parentIdentifiant}” of “${r.identifiant}” is not in the file`,
      });
    }
    all[parent]!.children.push(i);
  });
  for (const n of all) n.children.sort((a, b) => compareIdentifiants(all[a]!.identifiant, all[b]!.identifiant));

  if (id === 'te') {
    const sousAction = profile.hierarchie.indexOf('sous-action');
    const missing = raws.find((r) => r.depth === sousAction && r.points === null);
    if (missing) {
      throw rowError(table, missing.row!, col.points, 'points', {
        fr: `la sous-action « ${missing.identifiant} » n'a pas de points (obligatoires pour le référentiel TE)`,
        en: `the sub-action “${missing.identifiant}” has no points (required for the TE referential)`,
      });
    }
  }

  if (raws.every((r) => r.points === null)) {
    throw new UserError(
      'REFERENTIAL_INVALID',
      {
        fr: `Fichier « ${structure.name} » : aucune ligne n'a de points (colonne « points » vide partout) ; un référentiel TETE donne au moins les points de ses mesures.`,
        en: `File “${structure.name}”: no row has points (the “points” column is empty everywhere); a TETE referential gives at least the points of its measures.`,
      },
      { file: structure.name, column: 'points' },
    );
  }
  const pointReferentiel = computePointsReferentiel(all, rootIndex, structure.name);

  // Depth-first natural order, root first.
  const nodes: ReferentialNode[] = [];
  const visit = (i: number, parentId: string | null, ordre: number): void => {
    const n = all[i]!;
    nodes.push({
      id: n.id,
      parentId,
      identifiant: n.identifiant,
      depth: n.depth,
      type: profile.hierarchie[n.depth]!,
      ...n.fields,
      nom: i === rootIndex ? teteNom(id) : n.fields.nom,
      pointReferentiel: pointReferentiel[i]!,
      ordre,
    });
    n.children.forEach((k, rank) => visit(k, n.id, rank));
  };
  visit(rootIndex, null, 0);

  const preuvesAttendues = input.preuves ? parseTetePreuves(input.preuves, new Set(nodes.map((n) => n.id))) : [];
  const referential: Referential = {
    id,
    version: input.version ?? DEFAULT_TETE_VERSION,
    nom: teteNom(id),
    model: 'tete',
    hierarchie: [...profile.hierarchie],
    actionLevel: profile.actionLevel,
    redistribution: profile.redistribution,
    niveaux: teteNiveaux(),
    avertissement: id === 'te' ? 'Référentiel Climat Ressources (TE) encore en évolution : données de test de la plateforme.' : null,
    nodes,
    preuvesAttendues,
  };
  checkRegles(referential, table, col, new Map(raws.map((r) => [r.id, r.row!])));
  return referential;
}

/**
 * Parses every personnalisation rule of `referential` (`reglesOf`, tete-referentials.md §2.6), as the platform's
 * importer validates its formulas before accepting a sheet (§1.5), so that a bad formula is refused at import
 * instead of failing a later score. The parsed rules stay cached on the referential object.
 * @throws UserError('REFERENTIAL_INVALID') « Fichier « f », ligne R, cellule C (colonne « reduction ») : formule de
 *   <node> (réduction), colonne K : <what> », located by file, row, cell, column, nodeId and field `regle.<type>`.
 */
function checkRegles(referential: Referential, table: CsvTable, col: Record<keyof typeof META_COLUMNS, number>, rowOf: ReadonlyMap<string, number>): void {
  try {
    reglesOf(referential);
  } catch (e) {
    const nodeId = e instanceof FormulaError ? e.origin.nodeId : undefined;
    const regle = e instanceof FormulaError ? e.origin.regle : undefined;
    const row = nodeId === undefined ? undefined : rowOf.get(nodeId);
    if (row === undefined || regle === undefined) throw e;
    // A FormulaError's English sentence when it has one (shared/formula), else its French one.
    const what = { fr: (e as FormulaError).message.replace(/^Formule/, 'formule'), en: (e as FormulaError).messageIn('en').replace(/^Formula/, 'formula') };
    throw rowError(table, row, col[`regle.${regle}`], META_COLUMNS[`regle.${regle}`], what, { nodeId, field: `regle.${regle}` });
  }
}

function readRow(table: CsvTable, row: CsvRow, col: Record<keyof typeof FIELD_COLUMNS | keyof typeof META_COLUMNS, number>, id: string): RawNode {
  const identifiant = cellText(row, col.identifiant);
  if (identifiant === '') throw rowError(table, row.row, col.identifiant, 'identifiant', { fr: "l'identifiant est vide", en: 'the identifiant is empty' });
  if (!IDENTIFIANT.test(identifiant)) {
    throw rowError(table, row.row, col.identifiant, 'identifiant', {
      fr: `l'identifiant « ${identifiant} » est mal formé (attendu : chiffres séparés par des points, par exemple 1.2.3)`,
      en: `the identifiant “${identifiant}” is malformed (expected: digits separated by dots, for example 1.2.3)`,
    });
  }
  const nom = cellText(row, col.nom); // may be empty: the TE test data has an unnamed `alter` row
  const text = (k: keyof typeof FIELD_COLUMNS): string | null => cellText(row, col[k]) || null;
  const points = cellDecimal(table, row, col.points, 'points');
  const pourcentage = cellDecimal(table, row, col.pourcentage, 'pourcentage');
  const meta: Record<string, string> = {};
  for (const key of Object.keys(META_COLUMNS) as (keyof typeof META_COLUMNS)[]) {
    const value = cellText(row, col[key]);
    if (value === '') continue;
    if (key === 'coremeasure') meta[key] = 'true';
    else if (LIST_META.has(key)) meta[key] = value.split(/[,\n]/).map((s) => s.trim()).filter(Boolean).join(',');
    else meta[key] = value;
  }
  const segments = identifiant.split('.');
  return {
    id: `${id}_${identifiant}`,
    identifiant,
    row: row.row,
    points,
    pourcentage,
    children: [],
    depth: segments.length,
    parentIdentifiant: segments.slice(0, -1).join('.'),
    fields: {
      nom,
      description: text('description'),
      contexte: text('contexte'),
      exemples: text('exemples'),
      ressources: text('ressources'),
      perimetreEvaluation: text('perimetreEvaluation'),
      reductionPotentiel: text('reductionPotentiel'),
      categorie: text('categorie')?.toLowerCase() ?? null,
      points,
      pourcentage,
      meta,
    },
  };
}

/** English names of the TETE hierarchy levels, as the English UI shows them (renderer/src/i18n/en.ts `level`). */
const LEVEL_EN: Readonly<Record<string, string>> = { axe: 'axis', 'sous-axe': 'sub-axis', action: 'measure', mesure: 'measure', 'sous-action': 'sub-action', tache: 'task' };

function rowError(table: CsvTable, row: number, colIndex: number, column: string, what: Bilingual, extra: ErrorLocation = {}): UserError {
  const cell = `${columnLetter(colIndex)}${row}`;
  return new UserError(
    'REFERENTIAL_INVALID',
    {
      fr: `Fichier « ${table.file} », ligne ${row}, cellule ${cell} (colonne « ${column} ») : ${what.fr}.`,
      en: `File “${table.file}”, row ${row}, cell ${cell} (column “${column}”): ${what.en}.`,
    },
    { file: table.file, row, cell, column, ...extra },
  );
}
