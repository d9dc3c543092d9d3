/**
 * The TETE expected-evidence catalogue ("preuves attendues", `referentiel-<id>-preuves.csv`,
 * tete-referentials.md §1.5 and §4.6): columns `id, nom, actions, description`, `actions` a comma-separated
 * list of node ids (always sous-actions in the platform data).
 */
import type { PreuveAttendue } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import { cellText, columnLetter, locateColumns, readCsvTable } from './csv';
import type { SourceFile } from './source';

const COLUMNS = { id: 'id', nom: 'nom', actions: 'actions', description: 'description' } as const;

/**
 * Parses the preuves CSV into `PreuveAttendue[]` (file order). A header-only file gives `[]`.
 * `nodeIds` must all be ids of the referential (`knownNodeIds`, e.g. `cae_1.1.1.3`).
 * @throws UserError('REFERENTIAL_INVALID') naming file, row and column for: a missing `id`/`nom`/`actions`
 *   column, an empty id or nom, a duplicate id (both rows), an unknown node id in `actions`.
 */
export function parseTetePreuves(file: SourceFile, knownNodeIds: ReadonlySet<string>): PreuveAttendue[] {
  const table = readCsvTable(file, { allowNoRows: true, fullRows: true });
  const col = locateColumns(table, COLUMNS, ['id', 'nom', 'actions']);
  const seen = new Map<string, number>();
  const out: PreuveAttendue[] = [];
  for (const row of table.rows) {
    const id = cellText(row, col.id);
    const nom = cellText(row, col.nom);
    for (const [key, value] of [['id', id], ['nom', nom]] as const) {
      if (value === '') {
        const cell = `${columnLetter(col[key])}${row.row}`;
        throw new UserError(
          'REFERENTIAL_INVALID',
          { fr: `Fichier « ${file.name} », ligne ${row.row}, cellule ${cell} : la colonne « ${key} » est vide.`, en: `File “${file.name}”, row ${row.row}, cell ${cell}: the “${key}” column is empty.` },
          { file: file.name, row: row.row, cell, column: key },
        );
      }
    }
    const previous = seen.get(id);
    if (previous !== undefined) {
      throw new UserError(
        'REFERENTIAL_INVALID',
        {
          fr: `Fichier « ${file.name} » : la preuve « ${id} » est définie deux fois (lignes ${previous} et ${row.row}, colonne « id »).`,
          en: `File “${file.name}”: the evidence “${id}” is defined twice (rows ${previous} and ${row.row}, column “id”).`,
        },
        { file: file.name, row: row.row, column: 'id' },
      );
    }
    seen.set(id, row.row);
    const nodeIds = cellText(row, col.actions)
      .split(/[,;\n]/)
      .map((s) => s.trim())
      .filter((s) => s !== '');
    for (const nodeId of nodeIds) {
      if (!knownNodeIds.has(nodeId)) {
        const cell = `${columnLetter(col.actions)}${row.row}`;
        throw new UserError(
          'REFERENTIAL_INVALID',
          {
            fr: `Fichier « ${file.name} », ligne ${row.row}, cellule ${cell} (colonne « actions ») : la preuve « ${id} » vise « ${nodeId} », qui n'existe pas dans le référentiel.`,
            en: `File “${file.name}”, row ${row.row}, cell ${cell} (column “actions”): the evidence “${id}” points to “${nodeId}”, which does not exist in the referential.`,
          },
          { file: file.name, row: row.row, cell, column: 'actions', nodeId },
        );
      }
    }
    const description = cellText(row, col.description);
    out.push({ id, nom, description: description === '' ? null : description, nodeIds });
  }
  return out;
}
