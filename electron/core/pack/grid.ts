/**
 * The score grid (grille.xlsx / grille.csv): one row per node in the national export's layout,
 * tete-referentials.md §7 (rows 1/3 header, row 6 group header, row 7 titles, row 8 Total, columns A–S).
 * Pure: builds values; `xlsx.ts` and `csv.ts` write them.
 */
import type { NodeScore, ReferentialNode, ScoringModel } from '../../../shared/domain';
import type { Lang } from '../../../shared/locale';
import { sharesOf, truncatedFraction } from './format';
import { GRID_COLUMNS_BY_LANG, PACK_FILE_WORDS, PACK_WORDS, statutLabelIn } from './words';
import { isHttpUrl } from './layout';
import type { PackInput, PackPreuve } from './types';

/** Column titles of row 7 (A–S), as in the national single-snapshot export (§7). */
export const GRID_COLUMNS = GRID_COLUMNS_BY_LANG.fr;

/**
 * 0-based indexes of the % columns (H, J, L): fractions 0..1 following `sharesOf` (% fait = ratioFait, the
 * screen's and the CLI's headline ratio), truncated to tenths of a percent; null when not computable.
 */
export const PERCENT_COLUMNS: ReadonlySet<number> = new Set([7, 9, 11]);
/** 0-based indexes of the point columns (E, F, G, I, K): values in points, 3 decimals. */
export const POINT_COLUMNS: ReadonlySet<number> = new Set([4, 5, 6, 8, 10]);

/** 1-based sheet row of the column titles and of the Total row (§7). */
export const TITLE_ROW = 7;
export const TOTAL_ROW = 8;

export type GridValue = string | number | null;

/** One data row: outline `depth` (0 for Total), `axe` number (1-based, null for Total) and the 19 values A–S. */
export interface GridRow {
  depth: number;
  axe: number | null;
  values: GridValue[];
}

/** The whole sheet: header rows 1–7 (ragged) and data rows from row 8 (Total first). */
export interface Grid {
  header: GridValue[][];
  rows: GridRow[];
  /** Label of the snapshot (jalon nom), shown in row 6 over the score columns F–O. */
  groupLabel: string;
}

/** Excel's limit on the characters of one cell; LibreOffice and the CSV readers of the labelling body follow it. */
export const MAX_CELL_CHARS = 32_767;
/**
 * A text cell within `MAX_CELL_CHARS`: longer texts are cut and end with « … (texte tronqué, voir audit.json) »
 * (English: words.ts PACK_FILE_WORDS `truncated`; audit.json keeps every text whole), never split inside a surrogate
 * pair. Other values as they are.
 */
export function fitCell(value: GridValue, lang: Lang = 'fr'): GridValue {
  if (typeof value !== 'string' || value.length <= MAX_CELL_CHARS) return value;
  const TRUNCATED = PACK_FILE_WORDS[lang].truncated;
  let cut = MAX_CELL_CHARS - TRUNCATED.length;
  const last = value.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return `${value.slice(0, cut)}${TRUNCATED}`;
}

function capitalise(s: string | null): string | null {
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : null;
}

function scoreValues(model: ScoringModel, s: NodeScore | undefined): GridValue[] {
  if (!s) return [null, null, null, null, null, null, null, null];
  const shares = sharesOf(model, s);
  return [
    s.pointReferentiel,
    s.pointPotentiel,
    s.pointFait,
    truncatedFraction(shares.fait),
    s.pointProgramme,
    truncatedFraction(shares.programme),
    s.pointPasFait,
    truncatedFraction(shares.pasFait),
  ];
}

/** Column R's line of a preuve: the link's address, or the file's name, marked when withdrawn or missing (in `lang`). */
function documentLine(p: PackPreuve, missing: boolean, lang: Lang): string {
  const w = PACK_FILE_WORDS[lang];
  if (p.kind === 'lien') return p.url !== null && isHttpUrl(p.url) ? p.url : w.lienRetireCell(p.titre);
  const name = (p.fileName ?? p.titre).normalize('NFC');
  return missing ? w.fichierManquantCell(name) : name;
}

/**
 * Column M (§7): a label for nodes carrying a statut; a tâche is left blank when its parent sous-action is
 * "Détaillé au %", or when it has no statut of its own and its parent has one or is non concerné.
 */
function statutLabel(input: PackInput, node: ReferentialNode, parent: ReferentialNode | undefined): string | null {
  const own = input.statuts.get(node.id);
  const display = input.score.nodes[node.id]?.statut ?? own?.statut ?? null;
  if (display === null) return null;
  const isTache = parent !== undefined && node.depth > input.referential.actionLevel + 1;
  if (isTache) {
    const ps = input.score.nodes[parent.id];
    const parentDisplay = ps?.statut ?? input.statuts.get(parent.id)?.statut ?? null;
    if (parentDisplay === 'detaille') return null;
    if (!own && (input.statuts.has(parent.id) || ps?.concerne === false)) return null;
  }
  return statutLabelIn(input.lang ?? 'fr', display) || null;
}

/**
 * Builds the grid of `input` (values, not formulas).
 * Shapes: header = rows 1–7; rows[0] = Total (row 8); then every node but the root in referential order.
 * `preuvesOf(nodeId)` lists the preuves attached to a node (column R, one per line); `isMissing(p)` marks
 * files whose bytes are not in the pack.
 */
export function buildGrid(
  input: PackInput,
  preuvesOf: (nodeId: string) => readonly PackPreuve[],
  isMissing: (p: PackPreuve) => boolean = () => false,
): Grid {
  const { referential: ref, score, workspace, jalon } = input;
  // The titles in the pack's language (French: the national export's, §7).
  const w = PACK_WORDS[input.lang ?? 'fr'];
  const header: GridValue[][] = [
    [workspace.nom],
    [],
    [w.gridExportDate, jalon.date.slice(0, 10)],
    [w.gridJalon, jalon.nom],
    [w.gridReferential, `${ref.nom} (${ref.id} ${ref.version})`],
    [null, null, null, null, null, jalon.nom],
    [...GRID_COLUMNS_BY_LANG[input.lang ?? 'fr']],
  ];
  const byId = new Map(ref.nodes.map((n) => [n.id, n]));
  const root = score.root;
  const rows: GridRow[] = [
    {
      depth: 0,
      axe: null,
      values: [w.total, ref.nom, null, null, ...scoreValues(ref.model, root), null, null, null, null, null, null, null],
    },
  ];
  for (const node of ref.nodes) {
    if (node.parentId === null) continue;
    const parent = byId.get(node.parentId);
    const pil = input.pilotes.get(node.id);
    const docs = preuvesOf(node.id).map((p) => documentLine(p, isMissing(p), input.lang ?? 'fr'));
    rows.push({
      depth: node.depth,
      axe: Number.parseInt(node.identifiant, 10) || null,
      values: [
        node.identifiant,
        node.nom,
        node.description,
        capitalise(node.categorie),
        ...scoreValues(ref.model, score.nodes[node.id]),
        statutLabel(input, node, parent),
        input.statuts.get(node.id)?.explication ?? null,
        null,
        pil && pil.personnes.length > 0 ? pil.personnes.join(', ') : null,
        pil && pil.services.length > 0 ? pil.services.join(', ') : null,
        docs.length > 0 ? docs.join('\n') : null,
        null,
      ],
    });
  }
  for (const r of rows) r.values = r.values.map((v) => fitCell(v, input.lang ?? 'fr'));
  return { header, rows, groupLabel: jalon.nom };
}

/**
 * The grid as CSV rows: % columns written as percentages with one decimal, as truncated in the grid (37,5 for
 * 37.5 %, 66,6 for 2/3), points as numbers;
 * header rows kept so the CSV is "the same worksheet written as CSV" (§7).
 */
export function gridCsvRows(grid: Grid): GridValue[][] {
  const body = grid.rows.map((r) =>
    r.values.map((v, i) => (PERCENT_COLUMNS.has(i) && typeof v === 'number' ? Math.round(v * 1000) / 10 : v)),
  );
  return [...grid.header, ...body];
}
