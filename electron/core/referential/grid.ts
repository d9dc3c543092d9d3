/**
 * Importers of a points grid (Label NR): the project's JSON format (`referential/label-nr-collectivites.json`,
 * described by `referential/referential.schema.json`) and a simple spreadsheet export (CSV).
 * Tree: référentiel › thème (depth 1) › critère (depth 2); statuts are entered on critères.
 * Source of the rules: ../shared/docs/DOMAIN.md ("Referentials to support", Label NR; the working grid).
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { compareIdentifiants, type Niveau, type PreuveAttendue, type Referential, type ReferentialNode } from '../../../shared/domain';
import { UserError, type Bilingual, type ErrorLocation } from '../../../shared/errors';
import { csvParseReason, detectCsvDelimiter, isControlCharacter } from './csv';
import { parseJsonSource } from './rgesn-json';
import type { SourceFile } from './source';

const text = z.string().trim().min(1);
/** Cross-references of a critère to other referentials' identifiants (kept in `meta` as `references.<id>`). */
const referencesSchema = z
  .object({
    rgesn: z.array(z.string().regex(/^\d+\.\d+$/)).optional().meta({ description: 'Numéros de critères RGESN 2024, ex. « 4.1 ».' }),
    rgaa: z.array(z.string().regex(/^\d+(\.\d+)?$/)).optional().meta({ description: 'Thématiques ou critères RGAA 4.1.2, ex. « 1 », « 11.1 ».' }),
    'gbp-nr': z.array(z.string().regex(/^[a-i]\.\d+$/)).optional().meta({ description: 'Pratiques du Guide de bonnes pratiques NR v1, ex. « a.1 ».' }),
  })
  .strict();
const critereSchema = z
  .object({
    identifiant: z.string().regex(/^\d+\.\d+$/).meta({ description: 'Identifiant « thème.critère », ex. « 1.2 ».' }),
    nom: text,
    description: text.meta({ description: "Ce que la collectivité doit montrer." }),
    points: z.number().nonnegative().meta({ description: 'Points du critère (la grille totalise `total`).' }),
    preuvesAttendues: z.array(text).min(1).max(5).meta({ description: 'Preuves attendues, par leur intitulé.' }),
    references: referencesSchema.optional(),
    referent: text
      .optional()
      .meta({ description: 'Rôle à nommer avant une demande de label : le pilote de ce critère le tient (ex. « Référent·e numérique responsable »).' }),
  })
  .strict();
const themeSchema = z
  .object({
    identifiant: z.string().regex(/^\d+$/),
    nom: text,
    description: text.optional(),
    module: text.optional().meta({ description: 'Module sectoriel auquel le thème appartient, s’il y a lieu.' }),
    points: z.number().nonnegative().optional().meta({ description: 'Si présent, doit égaler la somme des points de ses critères.' }),
    criteres: z.array(critereSchema).min(1),
  })
  .strict();
const niveauSchema = z.object({ rang: z.number().int().min(1), nom: text, seuil: z.number().min(0).max(1) }).strict();

/** Runtime check of the grid JSON format; `referential/referential.schema.json` is its JSON Schema twin. */
export const gridSchema = z
  .object({
    $schema: z.string().optional(),
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    version: text,
    nom: text,
    model: z.literal('points'),
    avertissement: text.nullable(),
    validiteAnnees: z.number().int().positive().optional().meta({ description: 'Durée de validité du label, en années.' }),
    total: z.number().positive().optional().meta({ description: 'Total déclaré des points ; vérifié à l’import.' }),
    niveaux: z.array(niveauSchema).meta({ description: 'Seuils en fraction 0..1 du potentiel, par seuil croissant.' }),
    sources: z.array(text).optional(),
    themes: z.array(themeSchema).min(1),
  })
  .strict();
/** A grid JSON file, as validated by `gridSchema`. */
export type GridFile = z.infer<typeof gridSchema>;

interface DraftCritere {
  identifiant: string;
  nom: string;
  description: string | null;
  points: number;
  preuves: string[];
  meta: Record<string, string>;
  at: ErrorLocation & { label: Bilingual };
}
interface DraftTheme extends Omit<DraftCritere, 'points' | 'preuves'> {
  points: number | null;
  criteres: DraftCritere[];
}
interface GridHead {
  id: string;
  version: string;
  nom: string;
  avertissement: string | null;
  niveaux: Niveau[];
  rootMeta: Record<string, string>;
  total: number | null;
}

function fail(message: Bilingual, location: ErrorLocation): never {
  throw new UserError('REFERENTIAL_INVALID', message, location);
}
/** `label` then the reason, in both languages: « grille.csv, ligne 3 : … » / "grille.csv, row 3: …". */
const at = (label: Bilingual, fr: string, en: string): Bilingual => ({ fr: `${label.fr} : ${fr}`, en: `${label.en}: ${en}` });
/** The same text in both languages (a file name). */
const same = (s: string): Bilingual => ({ fr: s, en: s });
const milli = (x: number): number => Math.round(x * 1000);
const stripLabel = ({ label: _label, ...loc }: ErrorLocation & { label: Bilingual }): ErrorLocation => loc;

/** `preuve` id from its name: lower case ASCII, `_` separated (`Délibération NR` → `deliberation_nr`). */
export function preuveIdFromNom(nom: string): string {
  return nom
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 80);
}

function blank(): Pick<ReferentialNode, 'contexte' | 'exemples' | 'ressources' | 'perimetreEvaluation' | 'reductionPotentiel' | 'categorie' | 'pourcentage'> {
  return { contexte: null, exemples: null, ressources: null, perimetreEvaluation: null, reductionPotentiel: null, categorie: null, pourcentage: null };
}

/** Checks and assembles the tree shared by both formats (duplicates, thème sums, declared total, niveaux order). */
function buildGrid(head: GridHead, themes: DraftTheme[], file: string): Referential {
  const seen = new Map<string, Bilingual>();
  for (const node of themes.flatMap((t) => [t, ...t.criteres])) {
    const first = seen.get(node.identifiant);
    if (first !== undefined) {
      fail(at(node.at.label, `l'identifiant ${node.identifiant} est en double (déjà utilisé : ${first.fr}).`, `identifiant ${node.identifiant} is duplicated (already used: ${first.en}).`), stripLabel(node.at));
    }
    seen.set(node.identifiant, node.at.label);
  }
  for (let i = 1; i < head.niveaux.length; i++) {
    const [a, b] = [head.niveaux[i - 1], head.niveaux[i]];
    if (a && b && !(a.seuil < b.seuil && a.rang < b.rang)) {
      fail(at(same(file), `les niveaux doivent être rangés par rang et seuil croissants (« ${a.nom} » puis « ${b.nom} »).`, `the levels (niveaux) must be in ascending order of rang and seuil (“${a.nom}” then “${b.nom}”).`), {
        file,
        field: 'niveaux',
      });
    }
  }
  const nodes: ReferentialNode[] = [];
  const preuves = new Map<string, PreuveAttendue>();
  let totalMilli = 0;
  const sortedThemes = [...themes].sort((a, b) => compareIdentifiants(a.identifiant, b.identifiant));
  for (const [ordre, theme] of sortedThemes.entries()) {
    const themeId = `${head.id}_${theme.identifiant}`;
    const criteres = [...theme.criteres].sort((a, b) => compareIdentifiants(a.identifiant, b.identifiant));
    const sumMilli = criteres.reduce((s, c) => s + milli(c.points), 0);
    if (theme.points !== null && milli(theme.points) !== sumMilli) {
      fail(
        at(
          theme.at.label,
          `le thème ${theme.identifiant} déclare ${theme.points} points mais ses critères en totalisent ${sumMilli / 1000}.`,
          `theme ${theme.identifiant} declares ${theme.points} points but its criteria total ${sumMilli / 1000}.`,
        ),
        { ...stripLabel(theme.at), nodeId: themeId },
      );
    }
    totalMilli += sumMilli;
    nodes.push({ ...blank(), id: themeId, parentId: head.id, identifiant: theme.identifiant, depth: 1, type: 'theme', nom: theme.nom,
      description: theme.description, points: theme.points, pointReferentiel: sumMilli / 1000, ordre, meta: theme.meta });
    for (const [i, c] of criteres.entries()) {
      const id = `${head.id}_${c.identifiant}`;
      nodes.push({ ...blank(), id, parentId: themeId, identifiant: c.identifiant, depth: 2, type: 'critere', nom: c.nom,
        description: c.description, points: c.points, pointReferentiel: milli(c.points) / 1000, ordre: i, meta: c.meta });
      for (const nom of c.preuves) {
        const pid = preuveIdFromNom(nom);
        const known = preuves.get(pid) ?? { id: pid, nom, description: null, nodeIds: [] };
        if (!known.nodeIds.includes(id)) known.nodeIds.push(id);
        preuves.set(pid, known);
      }
    }
  }
  if (head.total !== null && milli(head.total) !== totalMilli) {
    fail(at(same(file), `le total déclaré est de ${head.total} points mais les critères en totalisent ${totalMilli / 1000}.`, `the declared total is ${head.total} points but the criteria total ${totalMilli / 1000}.`), {
      file,
      field: 'total',
    });
  }
  const root: ReferentialNode = { ...blank(), id: head.id, parentId: null, identifiant: '', depth: 0, type: 'referentiel', nom: head.nom,
    description: null, points: head.total, pointReferentiel: totalMilli / 1000, ordre: 0, meta: head.rootMeta };
  return {
    id: head.id,
    version: head.version,
    nom: head.nom,
    model: 'points',
    hierarchie: ['referentiel', 'theme', 'critere'],
    actionLevel: 2,
    redistribution: false,
    niveaux: head.niveaux,
    avertissement: head.avertissement,
    nodes: [root, ...nodes],
    preuvesAttendues: [...preuves.values()].sort((a, b) => a.id.localeCompare(b.id)),
  };
}

/** `themes[1].criteres[3].points` from a zod issue path. */
function pathText(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('') || '(racine)';
}

/**
 * Parses the project's grid JSON format (schema: `referential/referential.schema.json`, runtime check `gridSchema`).
 * Ids: root = `id` (`label-nr`), thèmes `label-nr_1`, critères `label-nr_1.2`. `pointReferentiel` of a critère is
 * its points; thèmes and root sum them (exact to 3 decimals). hierarchie `['referentiel','theme','critere']`,
 * actionLevel 2 (the critère is where statuts are entered and pilotes attach), redistribution false.
 * Critère meta: `references.rgesn` / `references.rgaa` / `references.gbp-nr` as comma-separated identifiants
 * (node ids are `<referentiel>_<identifiant>`), `referent` (a role its pilote holds, checked before a demande:
 * shared/readiness.ts); thème meta `module`. Root meta: `validiteAnnees` (years), `sources`.
 * Preuves attendues: one catalogue entry per distinct name (id from `preuveIdFromNom`), linked to its critères.
 * @throws UserError REFERENTIAL_INVALID naming the file and the JSON path (and critère): not JSON (line/column),
 *   schema violation, a critère not under its thème's number, duplicate identifiant, a thème whose `points`
 *   differ from its critères' sum, a `total` different from the sum, niveaux not ascending.
 */
export function parseGridJson(file: SourceFile): Referential {
  const data = parseJsonSource(file);
  const checked = gridSchema.safeParse(data, { error: z.locales.fr().localeError });
  if (!checked.success) {
    const issue = checked.error.issues[0];
    // The same check again with zod's English messages, for the English sentence (same first issue).
    const issueEn = gridSchema.safeParse(data, { error: z.locales.en().localeError }).error?.issues[0];
    const path = issue ? pathText(issue.path) : '(racine)';
    const pathEn = issue ? pathText(issue.path) : '(root)';
    const m = /^themes\[(\d+)\](?:\.criteres\[(\d+)\])?/.exec(path);
    const themes = (data as { themes?: Array<{ identifiant?: unknown; criteres?: Array<{ identifiant?: unknown }> }> } | null)?.themes;
    const t = m?.[1] !== undefined && Array.isArray(themes) ? themes[Number(m[1])] : undefined;
    const node = m?.[2] !== undefined ? t?.criteres?.[Number(m[2])] : t;
    const named = typeof node?.identifiant === 'string' ? ` (${m?.[2] !== undefined ? 'critère' : 'thème'} ${node.identifiant})` : '';
    const namedEn = typeof node?.identifiant === 'string' ? ` (${m?.[2] !== undefined ? 'criterion' : 'theme'} ${node.identifiant})` : '';
    fail(
      { fr: `${file.name}, ${path}${named} : ${issue?.message ?? 'format invalide'}.`, en: `${file.name}, ${pathEn}${namedEn}: ${issueEn?.message ?? 'invalid format'}.` },
      { file: file.name, path },
    );
  }
  const grid = checked.data as GridFile;
  const drafts: DraftTheme[] = grid.themes.map((t, ti) => ({
    identifiant: t.identifiant,
    nom: t.nom,
    description: t.description ?? null,
    points: t.points ?? null,
    meta: t.module ? { module: t.module } : ({} as Record<string, string>),
    at: { file: file.name, path: `themes[${ti}]`, label: { fr: `${file.name}, themes[${ti}] (thème ${t.identifiant})`, en: `${file.name}, themes[${ti}] (theme ${t.identifiant})` } },
    criteres: t.criteres.map((c, ci) => {
      const place = `${file.name}, themes[${ti}].criteres[${ci}]`;
      const label = { fr: `${place} (critère ${c.identifiant})`, en: `${place} (criterion ${c.identifiant})` };
      if (c.identifiant.split('.')[0] !== t.identifiant) {
        fail(at(label, `le critère ${c.identifiant} n'appartient pas au thème ${t.identifiant}.`, `criterion ${c.identifiant} does not belong to theme ${t.identifiant}.`), {
          file: file.name,
          path: `themes[${ti}].criteres[${ci}]`,
        });
      }
      const meta: Record<string, string> = {};
      for (const [ref, ids] of Object.entries(c.references ?? {})) if (ids && ids.length > 0) meta[`references.${ref}`] = ids.join(', ');
      if (c.referent) meta.referent = c.referent;
      return { identifiant: c.identifiant, nom: c.nom, description: c.description, points: c.points, preuves: c.preuvesAttendues, meta,
        at: { file: file.name, path: `themes[${ti}].criteres[${ci}]`, label } };
    }),
  }));
  const rootMeta: Record<string, string> = {};
  if (grid.validiteAnnees !== undefined) rootMeta.validiteAnnees = String(grid.validiteAnnees);
  if (grid.sources?.length) rootMeta.sources = grid.sources.join('\n');
  return buildGrid(
    { id: grid.id, version: grid.version, nom: grid.nom, avertissement: grid.avertissement, niveaux: grid.niveaux, rootMeta, total: grid.total ?? null },
    drafts,
    file.name,
  );
}

/** Columns of a spreadsheet grid (CSV or XLSX), by the key of their header cell (`columnKey`). */
export const GRID_COLUMNS = ['identifiant', 'intitule', 'points', 'description', 'preuves_attendues'] as const;
/** One column key of a spreadsheet grid. */
export type GridColumn = (typeof GRID_COLUMNS)[number];
const GRID_REQUIRED = ['identifiant', 'intitule', 'points'] as const;

/** Header cell → column key: accents, case and spacing ignored (`Intitulé` → `intitule`, `Preuves attendues` → `preuves_attendues`). */
export function columnKey(cell: string): string {
  return cell.replace(/^\uFEFF/, '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** A points cell: decimal comma or point, spaces as thousands separators (`1 000`, `12,5`). null when empty. */
function parsePointsCell(raw: string): number | null | 'invalid' {
  const v = raw.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (v === '') return null;
  return /^\d+(\.\d+)?$/.test(v) ? Number(v) : 'invalid';
}

/** How a spreadsheet names a place in its messages, in both languages (`grille.csv, ligne 3, colonne « points »` /
 *  `grille.csv, row 3, column “points”`), and its location. */
export interface GridPlace {
  label: Bilingual;
  location: ErrorLocation;
}

/**
 * A spreadsheet grid as rows of cell texts, before validation: the one intermediate form of the CSV and XLSX
 * importers (`parseGridCsv`, `parseGridXlsx` in grid-xlsx.ts), which `gridFromTable` checks and builds.
 */
export interface GridTable {
  /** File name, used in messages and as the default version. */
  file: string;
  /** The header row: where it is named in a « colonne absente » message, and its column keys (`columnKey`). */
  header: GridPlace & { columns: readonly string[] };
  /** Data rows in sheet order, blank rows left out: `row` is 1-based as the spreadsheet shows it; texts trimmed. */
  rows: Array<{ row: number; cells: Partial<Record<GridColumn, string>> }>;
  /** Names a cell (`column`) or, with null, the row of a node (duplicates, orphans, sums). */
  place(row: number, column: GridColumn | null): GridPlace;
  /** Extra root meta (the CSV gives none; the XLSX gives its sheet name). */
  meta?: Record<string, string>;
}

/** Options of the spreadsheet importers: version (default: file name without extension), nom (default: id), niveaux (default: none), avertissement (default: null). */
export interface GridSheetOptions {
  version?: string;
  nom?: string;
  niveaux?: Niveau[];
  avertissement?: string | null;
}

/**
 * Checks the rows of a spreadsheet grid and builds its tree (rules in `parseGridCsv`'s docstring).
 * @throws UserError REFERENTIAL_INVALID with `table.place` of the faulty cell or row: missing column, no data
 *   row, empty or malformed identifiant, empty intitulé, missing or non-numeric points, duplicate identifiant,
 *   orphan critère, thème without critère, thème points ≠ sum of its critères, declared total ≠ sum.
 */
export function gridFromTable(table: GridTable, id: string, options: GridSheetOptions = {}): Referential {
  const name = table.file;
  for (const key of GRID_REQUIRED) {
    if (!table.header.columns.includes(key)) {
      const expected = GRID_COLUMNS.join(';');
      fail(at(table.header.label, `la colonne « ${key} » est absente (colonnes attendues : ${expected}).`, `the “${key}” column is missing (expected columns: ${expected}).`), {
        ...table.header.location,
        column: key,
      });
    }
  }
  if (table.rows.length === 0) fail(at(table.header.label, "aucune ligne de données sous l'en-tête.", 'no data row under the header.'), table.header.location);
  for (const r of table.rows) {
    for (const [key, text] of Object.entries(r.cells) as [GridColumn, string][]) {
      const bad = [...text].find((ch) => isControlCharacter(ch.codePointAt(0) as number));
      if (bad === undefined) continue;
      const where = table.place(r.row, key);
      const hex = `U+${(bad.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`;
      fail(at(where.label, `caractère de contrôle ${hex} interdit (fichier binaire ou export abîmé ?).`, `control character ${hex} not allowed (a binary file or a damaged export?).`), where.location);
    }
  }
  const themes = new Map<string, DraftTheme>();
  const criteres: Array<DraftCritere & { theme: string }> = [];
  let total: number | null = null;
  for (const { row, cells } of table.rows) {
    const cell = (key: GridColumn): string => cells[key] ?? '';
    const place = (key: GridColumn): GridPlace => table.place(row, key);
    const failAt: (key: GridColumn, fr: string, en: string) => never = (key, fr, en) => fail(at(place(key).label, fr, en), place(key).location);
    const identifiant = cell('identifiant');
    const points = parsePointsCell(cell('points'));
    if (points === 'invalid') failAt('points', `« ${cell('points')} » n'est pas un nombre de points.`, `“${cell('points')}” is not a number of points.`);
    const pts = points;
    if (identifiant.toLowerCase() === 'total' || (identifiant === '' && /^total\b/i.test(cell('intitule')))) {
      total = pts;
      continue;
    }
    if (identifiant === '') failAt('identifiant', 'identifiant vide.', 'empty identifiant.');
    const m = /^(\d+)(?:\.(\d+))?$/.exec(identifiant);
    if (!m?.[1]) failAt('identifiant', `« ${identifiant} » n'est ni un thème (« 1 ») ni un critère (« 1.2 »).`, `“${identifiant}” is neither a theme (“1”) nor a criterion (“1.2”).`);
    if (cell('intitule') === '') failAt('intitule', `intitulé vide pour ${identifiant}.`, `empty intitulé for ${identifiant}.`);
    const node = table.place(row, null);
    const description = cell('description') || null;
    const draft = { identifiant, nom: cell('intitule'), description, meta: {}, at: { ...node.location, label: node.label } };
    if (m?.[2] === undefined) {
      const previous = themes.get(identifiant);
      if (previous) failAt('identifiant', `le thème ${identifiant} est en double (${previous.at.label.fr}).`, `theme ${identifiant} is duplicated (${previous.at.label.en}).`);
      themes.set(identifiant, { ...draft, points: pts, criteres: [] });
      continue;
    }
    if (pts === null) failAt('points', `points manquants pour le critère ${identifiant}.`, `missing points for criterion ${identifiant}.`);
    const preuves = cell('preuves_attendues').split(/\s*[|\n]\s*/).filter((p) => p !== '');
    criteres.push({ ...draft, points: pts, preuves, theme: m[1] });
  }
  for (const c of criteres) {
    const theme = themes.get(c.theme);
    if (!theme) {
      return fail(
        at(c.at.label, `le critère ${c.identifiant} n'a pas de thème ${c.theme} (ligne de thème absente).`, `criterion ${c.identifiant} has no theme ${c.theme} (the theme row is missing).`),
        table.place(c.at.row ?? 0, 'identifiant').location,
      );
    }
    theme.criteres.push(c);
  }
  for (const t of themes.values()) {
    if (t.criteres.length === 0) fail(at(t.at.label, `le thème ${t.identifiant} n'a aucun critère.`, `theme ${t.identifiant} has no criterion.`), { ...stripLabel(t.at), nodeId: `${id}_${t.identifiant}` });
  }
  const version = options.version ?? (name.split(/[\\/]/).pop() ?? name).replace(/\.[^.]*$/, '');
  return buildGrid(
    { id, version, nom: options.nom ?? id, avertissement: options.avertissement ?? null, niveaux: options.niveaux ?? [], rootMeta: { source: name, ...table.meta }, total },
    [...themes.values()],
    name,
  );
}

/**
 * Parses a grid exported from a spreadsheet (the official Label NR grid is handed to candidates as one).
 * Columns (header row 1, any order, accents/case ignored): `identifiant`, `intitule`, `points` required;
 * `description`, `preuves_attendues` (several separated by `|` or line breaks) optional. Separator `;` or `,`,
 * detected from the header; decimal comma accepted. A row whose identifiant has one segment (`1`) is a thème,
 * two segments (`1.2`) a critère of thème `1`; a row whose identifiant is `total` (or empty, with an intitulé
 * starting with « Total ») declares the total points.
 * Thème points may be empty (then the sum of its critères). Same tree and ids as `parseGridJson`;
 * `options` give version (default: file name without extension), nom (default: id) and niveaux (default: none).
 * @throws UserError REFERENTIAL_INVALID naming the file, the row as a spreadsheet shows it (header = 1) and the
 *   column: unreadable CSV, another separator (tab, `|`), missing column, empty or malformed identifiant, empty intitulé, missing or
 *   non-numeric points, duplicate identifiant, orphan critère, thème without critère, thème points ≠ sum of its
 *   critères, declared total ≠ sum.
 */
export function parseGridCsv(file: SourceFile, id: string, options: GridSheetOptions = {}): Referential {
  const name = file.name;
  let records: string[][];
  try {
    records = parseCsv(file.text, { delimiter: detectCsvDelimiter(file.text, ';'), record_delimiter: ['\r\n', '\n', '\r'], bom: true, relax_column_count: true, relax_quotes: true, trim: false });
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    const reason = csvParseReason(e);
    const where = { fr: `${name}${line ? `, ligne ${line}` : ''}`, en: `${name}${line ? `, line ${line}` : ''}` };
    return fail(at(where, `CSV illisible (${reason.fr}).`, `unreadable CSV (${reason.en}).`), { file: name, row: line });
  }
  const header = (records[0] ?? []).map(columnKey);
  // A header in one cell holding tabs or `|` is another separator: say so rather than « colonne absente ».
  const other = header.length === 1 ? ['\t', '|'].find((c) => (records[0]?.[0] ?? '').includes(c)) : undefined;
  if (other !== undefined) {
    fail(
      {
        fr: `${name}, ligne 1 : les colonnes sont séparées par ${other === '\t' ? 'des tabulations' : 'des barres verticales (|)'} ; enregistrez le fichier en CSV séparé par des virgules ou des points-virgules.`,
        en: `${name}, row 1: the columns are separated by ${other === '\t' ? 'tabs' : 'vertical bars (|)'}; save the file as CSV separated by commas or semicolons.`,
      },
      { file: name, row: 1 },
    );
  }
  if (records.length < 2) fail(at(same(name), 'le fichier ne contient aucune ligne de données.', 'the file holds no data row.'), { file: name });
  const rows: GridTable['rows'] = [];
  records.forEach((record, index) => {
    if (index === 0 || record.every((c) => c.trim() === '')) return;
    const cells: Partial<Record<GridColumn, string>> = {};
    for (const key of GRID_COLUMNS) {
      const col = header.indexOf(key);
      if (col >= 0) cells[key] = (record[col] ?? '').trim();
    }
    rows.push({ row: index + 1, cells });
  });
  const place = (row: number, column: GridColumn | null): GridPlace =>
    column === null
      ? { label: { fr: `${name}, ligne ${row}`, en: `${name}, row ${row}` }, location: { file: name, row } }
      : { label: { fr: `${name}, ligne ${row}, colonne « ${column} »`, en: `${name}, row ${row}, column “${column}”` }, location: { file: name, row, column } };
  return gridFromTable({ file: name, header: { ...place(1, null), columns: header }, rows, place }, id, options);
}
