/**
 * Comparison of two states of one referential (issue 6 item 2): two jalons, or a jalon and « maintenant », side by
 * side per node — potentiel, points and % fait / programmé / pas fait, statut — with what changed. The values are
 * those of the national score grid (pack/grid.ts, tete-referentials.md §7) built from each state, so the screen, the
 * XLSX (pack/comparison-xlsx.ts: a second block of columns F–O per state) and a jalon's pack always agree.
 */
import { compareIdentifiants } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import { buildGrid, type Grid, type GridRow, type GridValue } from '../pack/grid';
import { preuvesByNode } from '../pack/layout';
import { writeComparisonXlsx } from '../pack/comparison-xlsx';
import { parseJalonDate } from '../pack/format';
import type { PackInput } from '../pack/types';
import type { ServiceContext } from './context';
import { etatCourant } from './etat';
import { type JalonKind, getJalon, jalonEtat } from './jalons';
import { packInputOf } from './pack';
import { referentialIds } from './referential-store';

/** One side of a comparison: a jalon id, or `'maintenant'` (the live state). */
export type Cote = number | 'maintenant';

/** Who a side is: the jalon (`jalonId`, `kind`) or the live state (`jalonId` null, kind `maintenant`), its label and date. */
export interface CoteInfo {
  jalonId: number | null;
  kind: JalonKind | 'maintenant';
  nom: string;
  /** ISO 8601: the jalon's date, or the live state's last change. */
  date: string;
  /** Version of the referential in that state. */
  version: string;
  /** Label of the column block: « Pré-audit (01/03/2026) », « Maintenant (01/03/2026) ». */
  label: string;
}

/**
 * The compared figures of one node in one state, as the national grid shows them: points (3 decimals), % as
 * fractions 0..1 truncated to tenths of a percent (null when not computable), statut label (null when blank).
 */
export interface ValeursComparees {
  potentiel: number | null;
  pointFait: number | null;
  pctFait: number | null;
  pointProgramme: number | null;
  pctProgramme: number | null;
  pointPasFait: number | null;
  pctPasFait: number | null;
  statut: string | null;
}

/** The compared fields, in column order (grid columns F–M). */
export const CHAMPS_COMPARES: readonly (keyof ValeursComparees)[] = ['potentiel', 'pointFait', 'pctFait', 'pointProgramme', 'pctProgramme', 'pointPasFait', 'pctPasFait', 'statut'];

/**
 * One row: the node (identifiant '' for the Total row), its figures in A and in B (null where the node is absent
 * from that state's referential), and the fields that differ (every field when the node is only on one side).
 */
export interface LigneComparaison {
  nodeId: string;
  identifiant: string;
  nom: string;
  depth: number;
  a: ValeursComparees | null;
  b: ValeursComparees | null;
  changes: (keyof ValeursComparees)[];
}

/** A comparison: the referential, both sides, the rows (Total first, then nodes in natural order), how many changed. */
export interface Comparaison {
  referentialId: string;
  nom: string;
  a: CoteInfo;
  b: CoteInfo;
  lignes: LigneComparaison[];
  /** Rows with at least one change (whatever `seulementChanges`). */
  changed: number;
}

/** Input of `compareJalons`: `referentialId` may be left out when the two states share exactly one referential. */
export interface CompareInput {
  a: Cote;
  b: Cote;
  referentialId?: string;
  /** Keep only the rows that changed. */
  seulementChanges?: boolean;
}

const dateFr = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

function referentialsOf(ctx: ServiceContext, cote: Cote): string[] {
  return cote === 'maintenant' ? referentialIds(ctx.db) : getJalon(ctx, cote).referentiels.map((r) => r.referentialId);
}

const coteName = (cote: Cote) => (cote === 'maintenant' ? 'l’état courant' : `le jalon n° ${cote}`);
const coteNameEn = (cote: Cote) => (cote === 'maintenant' ? 'the current state' : `milestone no. ${cote}`);

/** The referential compared: the one asked (present on both sides), else the only one the two sides share. */
function pickReferential(ctx: ServiceContext, input: CompareInput): string {
  const inA = referentialsOf(ctx, input.a);
  const inB = referentialsOf(ctx, input.b);
  if (input.referentialId !== undefined) {
    for (const [cote, ids] of [[input.a, inA], [input.b, inB]] as const) {
      if (!ids.includes(input.referentialId)) {
        throw new UserError(
          'REFERENTIAL_UNKNOWN',
          {
            fr: `Comparaison impossible : ${coteName(cote)} ne contient pas le référentiel « ${input.referentialId} » (il contient : ${ids.join(', ') || 'aucun'}).`,
            en: `Cannot compare: ${coteNameEn(cote)} does not contain the referential “${input.referentialId}” (it contains: ${ids.join(', ') || 'none'}).`,
          },
          { field: 'referentialId' },
        );
      }
    }
    return input.referentialId;
  }
  const common = inA.filter((id) => inB.includes(id));
  if (common.length === 1) return common[0]!;
  if (common.length === 0) {
    throw new UserError(
      'INPUT_INVALID',
      {
        fr: `Comparaison impossible : ${coteName(input.a)} (${inA.join(', ') || 'aucun référentiel'}) et ${coteName(input.b)} (${inB.join(', ') || 'aucun référentiel'}) ne portent sur aucun référentiel commun ; on compare deux états d'un même référentiel.`,
        en: `Cannot compare: ${coteNameEn(input.a)} (${inA.join(', ') || 'no referential'}) and ${coteNameEn(input.b)} (${inB.join(', ') || 'no referential'}) share no referential; a comparison is between two states of the same referential.`,
      },
      { field: 'referentialId' },
    );
  }
  throw new UserError(
    'INPUT_INVALID',
    { fr: `Précisez le référentiel à comparer : ${common.join(', ')}.`, en: `Choose the referential to compare: ${common.join(', ')}.` },
    { field: 'referentialId' },
  );
}

/** The pack input and side information of one side. */
function side(ctx: ServiceContext, cote: Cote, referentialId: string): { input: PackInput; info: CoteInfo } {
  const path = (sha256: string) => ctx.evidence.pathOf(sha256);
  if (cote === 'maintenant') {
    const etat = etatCourant(ctx, referentialId);
    const input = packInputOf(etat, { nom: 'État des lieux courant', date: etat.date }, {}, path);
    return { input, info: { jalonId: null, kind: 'maintenant', nom: 'Maintenant', date: etat.date, version: etat.referential.version, label: `Maintenant (${dateFr(etat.date)})` } };
  }
  const jalon = getJalon(ctx, cote);
  const etat = jalonEtat(ctx, cote, referentialId);
  const input = packInputOf(etat, { nom: jalon.nom, date: jalon.at }, {}, path);
  return {
    input,
    info: { jalonId: jalon.id, kind: jalon.kind, nom: jalon.nom, date: jalon.at, version: etat.referential.version, label: `${jalon.nom} (${dateFr(jalon.at)})` },
  };
}

/** The two grids of a comparison, their sides, and the rows matched by identifiant. */
export interface ComparisonGrids {
  referentialId: string;
  nom: string;
  workspace: string;
  a: CoteInfo;
  b: CoteInfo;
  gridA: Grid;
  gridB: Grid;
  /** Matched rows: Total first, then every node of either side in natural order. */
  rows: Array<{ a: GridRow | null; b: GridRow | null; nodeId: string }>;
}

/**
 * Builds both sides' national grids and matches their rows. Throws UserError NOT_FOUND (unknown jalon),
 * REFERENTIAL_UNKNOWN (a side without the referential asked), INPUT_INVALID (no common referential, several and
 * none chosen, or two different scoring models under one id).
 */
export function comparisonGrids(ctx: ServiceContext, input: CompareInput): ComparisonGrids {
  const referentialId = pickReferential(ctx, input);
  const A = side(ctx, input.a, referentialId);
  const B = side(ctx, input.b, referentialId);
  if (A.input.referential.model !== B.input.referential.model) {
    throw new UserError(
      'INPUT_INVALID',
      {
        fr: `Comparaison impossible : le référentiel « ${referentialId} » n'a pas le même modèle de score dans ${coteName(input.a)} (${A.input.referential.model}) et ${coteName(input.b)} (${B.input.referential.model}).`,
        en: `Cannot compare: the referential “${referentialId}” does not have the same scoring model in ${coteNameEn(input.a)} (${A.input.referential.model}) and ${coteNameEn(input.b)} (${B.input.referential.model}).`,
      },
      { field: 'referentialId' },
    );
  }
  const gridOf = (i: PackInput) => {
    const byNode = preuvesByNode(i.preuves);
    return buildGrid(i, (id) => byNode.get(id) ?? []);
  };
  const gridA = gridOf(A.input);
  const gridB = gridOf(B.input);
  const idsA = [A.input.referential.id, ...A.input.referential.nodes.filter((n) => n.parentId !== null).map((n) => n.id)];
  const idsB = [B.input.referential.id, ...B.input.referential.nodes.filter((n) => n.parentId !== null).map((n) => n.id)];
  const rowA = new Map(idsA.map((id, i) => [id, gridA.rows[i]!]));
  const rowB = new Map(idsB.map((id, i) => [id, gridB.rows[i]!]));
  let order = idsB;
  if (idsA.length !== idsB.length || idsA.some((id) => !rowB.has(id))) {
    const identOf = new Map<string, string>([...A.input.referential.nodes, ...B.input.referential.nodes].map((n) => [n.id, n.identifiant]));
    order = [...new Set([...idsB, ...idsA])].sort((x, y) => (x === referentialId ? -1 : y === referentialId ? 1 : compareIdentifiants(identOf.get(x)!, identOf.get(y)!)));
  }
  return {
    referentialId,
    nom: B.input.referential.nom,
    workspace: B.input.workspace.nom,
    a: A.info,
    b: B.info,
    gridA,
    gridB,
    rows: order.map((nodeId) => ({ nodeId, a: rowA.get(nodeId) ?? null, b: rowB.get(nodeId) ?? null })),
  };
}

/** 0-based grid columns of the compared fields (F–M), in CHAMPS_COMPARES order. */
export const COMPARED_COLUMNS: readonly number[] = [5, 6, 7, 8, 9, 10, 11, 12];

function valeurs(row: GridRow | null): ValeursComparees | null {
  if (!row) return null;
  const v = (i: number): GridValue => row.values[i] ?? null;
  const num = (i: number) => (typeof v(i) === 'number' ? (v(i) as number) : null);
  return {
    potentiel: num(5),
    pointFait: num(6),
    pctFait: num(7),
    pointProgramme: num(8),
    pctProgramme: num(9),
    pointPasFait: num(10),
    pctPasFait: num(11),
    statut: typeof v(12) === 'string' ? (v(12) as string) : null,
  };
}

/** The fields that differ between two sides of a row (all of them when the node is on one side only). */
export function changesOf(a: ValeursComparees | null, b: ValeursComparees | null): (keyof ValeursComparees)[] {
  if (a === null || b === null) return a === b ? [] : [...CHAMPS_COMPARES];
  return CHAMPS_COMPARES.filter((k) => a[k] !== b[k]);
}

/**
 * Compares two states of a referential (see CompareInput), row by row. Throws what `comparisonGrids` throws.
 */
export function compareJalons(ctx: ServiceContext, input: CompareInput): Comparaison {
  const g = comparisonGrids(ctx, input);
  const lignes = g.rows.map(({ nodeId, a, b }): LigneComparaison => {
    const any = (b ?? a)!;
    const va = valeurs(a);
    const vb = valeurs(b);
    return {
      nodeId,
      identifiant: nodeId === g.referentialId ? '' : String(any.values[0]),
      nom: String(nodeId === g.referentialId ? 'Total' : any.values[1]),
      depth: any.depth,
      a: va,
      b: vb,
      changes: changesOf(va, vb),
    };
  });
  const changed = lignes.filter((l) => l.changes.length > 0).length;
  return {
    referentialId: g.referentialId,
    nom: g.nom,
    a: g.a,
    b: g.b,
    lignes: input.seulementChanges ? lignes.filter((l) => l.changes.length > 0) : lignes,
    changed,
  };
}

/**
 * The comparison as an XLSX workbook in the national comparison layout (pack/comparison-xlsx.ts), dated by the
 * later of the two sides, so two jalons always give the same bytes. Returns the file name
 * `comparaison-<referential>-<a>-<b>.xlsx` and the bytes. Throws what `comparisonGrids` throws.
 */
export async function comparisonXlsx(ctx: ServiceContext, input: CompareInput): Promise<{ fileName: string; bytes: Buffer }> {
  const g = comparisonGrids(ctx, input);
  const date = parseJalonDate(g.a.date > g.b.date ? g.a.date : g.b.date);
  const bytes = await writeComparisonXlsx(g, date);
  const tag = (c: Cote) => (c === 'maintenant' ? 'maintenant' : `jalon${c}`);
  return { fileName: `comparaison-${g.referentialId}-${tag(input.a)}-${tag(input.b)}.xlsx`, bytes };
}
