/**
 * Structural points of a TETE tree at import (`pointReferentiel`), tete-referentials.md §1.4: the spread itself is
 * `shared/scoring/tete-points.ts` (also used by the engine); here it is rounded and a bad split is rejected.
 */
import { round3 } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import { spreadTetePoints } from '../../../shared/scoring/tete-points';

/** What the points computation needs of a node; `children` are indexes into the same array. */
export interface PointsNode {
  /** Node id, e.g. `cae_1.1.1` (the root: `cae`). */
  id: string;
  /** Dotted identifiant ('' for the root). */
  identifiant: string;
  /** Spreadsheet row of the node (null for the root, which has no row). */
  row: number | null;
  /** Points as written (null when empty). */
  points: number | null;
  /** Share of the parent in % as written (null when empty). */
  pourcentage: number | null;
  children: number[];
}

/**
 * Computes `pointReferentiel` for every node (same indexes as `nodes`; `rootIndex` is the tree root), with the
 * rules of `spreadTetePoints` (§1.4), rounded with round3 (§2.3 step 7) only after the whole computation.
 * Units: points.
 * @throws UserError('REFERENTIAL_INVALID') naming the file, the parent (identifiant and row) and the sum when an
 *   explicit split does not sum to 100 (the first such parent in depth-first order).
 */
export function computePointsReferentiel(nodes: readonly PointsNode[], rootIndex: number, fileName: string): number[] {
  const { points, invalid } = spreadTetePoints(nodes, rootIndex);
  const first = invalid[0];
  if (first) throw pourcentageError(nodes[first.index]!, first.sum, fileName);
  return points.map(round3);
}

function pourcentageError(parent: PointsNode, sum: number, fileName: string): UserError {
  const shown = String(Math.round(sum * 1000) / 1000).replace('.', ',');
  const who = parent.identifiant === '' ? `de la racine « ${parent.id} »` : `de « ${parent.identifiant} »${parent.row !== null ? ` (ligne ${parent.row})` : ''}`;
  const whoEn = parent.identifiant === '' ? `of the root “${parent.id}”` : `of “${parent.identifiant}”${parent.row !== null ? ` (row ${parent.row})` : ''}`;
  const shownEn = String(Math.round(sum * 1000) / 1000);
  return new UserError(
    'REFERENTIAL_INVALID',
    {
      fr: `Fichier « ${fileName} » : les pourcentages des enfants ${who} totalisent ${shown} % au lieu de 100 % (colonne « pourcentage »).`,
      en: `File “${fileName}”: the percentages of the children ${whoEn} total ${shownEn}% instead of 100% (column “pourcentage”).`,
    },
    { file: fileName, nodeId: parent.id, column: 'pourcentage', ...(parent.row !== null ? { row: parent.row } : {}) },
  );
}
