/**
 * Importer of the CSV export of the « Guide de bonnes pratiques numérique responsable » v1, the twin of its JSON
 * (gbp.ts). The export is not plain RFC 4180: the list columns (« Exemples pilotes », « Exemples indicateurs ») hold
 * an unquoted JSON array (`["Direction générale","Délégué au numérique responsable"]`, commas inside) and every
 * line ends with a comma. So it has its own small reader: a cell is a quoted text (`""` for a quote), a JSON array,
 * or plain text up to the next comma.
 * Source of the scoring rules: ../shared/docs/DOMAIN.md, "Referentials to support" (gbp-nr, model `progress`).
 */
import type { Referential } from '../../../shared/domain';
import { UserError, type Bilingual } from '../../../shared/errors';
import { checkControlCharacters, columnLetter, detectCsvDelimiter, normaliseColumnName } from './csv';
import { buildGuide, PRATIQUE_ID, type GbpFamille } from './gbp';
import type { SourceFile } from './source';

/** A cell of the export: a text, or the items of a JSON array. */
type Cell = string | string[];

/** Columns of the export (matched by normalised name: case, accents and spaces ignored). */
const COLUMNS = {
  id: 'Id',
  titre: 'Titre',
  thematique: 'Thématique',
  priorite: 'Priorité',
  difficulte: 'Difficulté',
  pilotes: 'Exemples pilotes',
  indicateurs: 'Exemples indicateurs',
  url: 'Url',
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: readonly Column[] = ['id', 'titre', 'thematique', 'priorite', 'difficulte'];

/**
 * True when a CSV header is the guide's export: it has the Id, Titre, Thématique, Priorité and Difficulté columns
 * (`header` as `csvHeader` gives it: lower-cased, unquoted).
 */
export function isGbpCsvHeader(header: readonly string[]): boolean {
  const names = new Set(header.map(normaliseColumnName));
  return REQUIRED.every((c) => names.has(normaliseColumnName(COLUMNS[c])));
}

function csvError(file: string, line: number, reason: Bilingual): never {
  throw new UserError(
    'REFERENTIAL_INVALID',
    { fr: `Le fichier « ${file} » n'est pas un CSV lisible, ligne ${line} : ${reason.fr}.`, en: `The file “${file}” is not a readable CSV, line ${line}: ${reason.en}.` },
    { file, row: line },
  );
}

/** End (exclusive) of the JSON array starting at `start` (`[`), strings and nesting respected; -1 if never closed. */
function arrayEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (ch === '[') depth++;
    else if (ch === ']' && --depth === 0) return i + 1;
    else if (ch === '\n' && depth > 0) return -1;
  }
  return -1;
}

/**
 * Splits the export into records of cells (see the file header for the cell forms); `\r\n` ends a line like `\n`.
 * Records keep the line they start on (1-based). @throws UserError naming the file and the line: a quote never
 * closed, a JSON array never closed or not a list of texts, text right after a closing quote or bracket.
 */
export function readExportRecords(file: SourceFile): Array<{ line: number; cells: Cell[] }> {
  const text = file.text.replace(/^\uFEFF/, '');
  const sep = detectCsvDelimiter(text);
  const records: Array<{ line: number; cells: Cell[] }> = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const start = line;
    const cells: Cell[] = [];
    for (;;) {
      let cell: Cell;
      if (text[i] === '"') {
        let value = '';
        for (i++; ; i++) {
          if (i >= text.length) {
            csvError(file.name, start, { fr: 'guillemet non fermé (un texte entre guillemets n\'est jamais refermé)', en: 'unclosed quote (a quoted text is never closed)' });
          }
          if (text[i] === '"' && text[i + 1] === '"') {
            value += '"';
            i++;
          } else if (text[i] === '"') {
            i++;
            break;
          } else {
            if (text[i] === '\n') line++;
            value += text[i];
          }
        }
        cell = value.replace(/\r\n?/g, '\n');
      } else if (text[i] === '[') {
        const end = arrayEnd(text, i);
        if (end < 0) csvError(file.name, line, { fr: 'liste JSON non fermée (« ] » manquant)', en: 'JSON list not closed (missing “]”)' });
        let items: unknown;
        try {
          items = JSON.parse(text.slice(i, end));
        } catch (e) {
          csvError(file.name, line, { fr: `liste JSON invalide (${(e as Error).message})`, en: `invalid JSON list (${(e as Error).message})` });
        }
        if (!Array.isArray(items) || !items.every((x) => typeof x === 'string')) {
          csvError(file.name, line, { fr: 'une liste JSON de textes est attendue', en: 'a JSON list of texts is expected' });
        }
        cell = items as string[];
        i = end;
      } else {
        let end = i;
        while (end < text.length && text[end] !== sep && text[end] !== '\n' && text[end] !== '\r') end++;
        cell = text.slice(i, end);
        i = end;
      }
      cells.push(cell);
      if (text[i] === sep) {
        i++;
        continue;
      }
      if (i >= text.length) break;
      if (text[i] === '\r' && text[i + 1] === '\n') i++;
      if (text[i] === '\n' || text[i] === '\r') {
        i++;
        line++;
        break;
      }
      const after = columnLetter(cells.length - 1);
      csvError(file.name, line, {
        fr: `caractère inattendu « ${text[i]} » après la cellule ${after} (${sep === ',' ? 'une virgule' : 'un point-virgule'} était attendu${sep === ',' ? 'e' : ''})`,
        en: `unexpected character “${text[i]}” after cell ${after} (a ${sep === ',' ? 'comma' : 'semicolon'} was expected)`,
      });
    }
    records.push({ line: start, cells });
  }
  return records;
}

const cellText = (c: Cell | undefined): string => (Array.isArray(c) ? c.join(', ') : (c ?? '')).trim();

/**
 * Builds the guide from its CSV export: one row per pratique, its famille from the letter of its Id and named by its
 * Thématique (see `buildGuide` for the tree). Version from the file name (`…-version-v1.csv` → `v1`), else `v1`.
 * @throws UserError REFERENTIAL_INVALID naming the file, the row and the cell (`C7`): unreadable CSV (line), a
 *   missing column, an empty file, an empty Id / Titre / Priorité / Difficulté, an Id not of the form `a.1`, a
 *   Thématique that differs from the other pratiques of its letter (or one Thématique under two letters), a
 *   duplicate pratique, a control character.
 */
export function parseGbpCsv(file: SourceFile, id = 'gbp-nr'): Referential {
  const name = file.name;
  const records = readExportRecords(file).filter((r) => r.cells.some((c) => cellText(c) !== ''));
  const [header, ...rows] = records;
  if (!header) {
    throw new UserError('REFERENTIAL_INVALID', { fr: `Le fichier « ${name} » est vide : il n'a pas de ligne d'en-tête.`, en: `The file “${name}” is empty: it has no header row.` }, { file: name });
  }
  const index = new Map<string, number>();
  header.cells.forEach((c, i) => {
    const key = normaliseColumnName(cellText(c));
    if (key !== '' && !index.has(key)) index.set(key, i);
  });
  const col = Object.fromEntries((Object.keys(COLUMNS) as Column[]).map((k) => [k, index.get(normaliseColumnName(COLUMNS[k])) ?? -1])) as Record<Column, number>;
  for (const key of REQUIRED) {
    if (col[key] < 0) {
      throw new UserError(
        'REFERENTIAL_INVALID',
        {
          fr: `Le fichier « ${name} » n'a pas de colonne « ${COLUMNS[key]} » (obligatoire) dans sa ligne d'en-tête.`,
          en: `The file “${name}” has no “${COLUMNS[key]}” column (required) in its header row.`,
        },
        { file: name, row: 1, column: COLUMNS[key] },
      );
    }
  }
  if (rows.length === 0) {
    throw new UserError('REFERENTIAL_INVALID', { fr: `Le fichier « ${name} » est vide : aucune pratique sous l'en-tête.`, en: `The file “${name}” is empty: no practice under the header.` }, { file: name, row: 2 });
  }

  const familles = new Map<string, GbpFamille>();
  for (const { line, cells } of rows) {
    checkControlCharacters(name, cells.map(cellText), line);
    const value = (k: Column): string => cellText(cells[col[k]]);
    const list = (k: Column): string[] => {
      const c = col[k] < 0 ? undefined : cells[col[k]];
      return (Array.isArray(c) ? c : c ? [c] : []).map((x) => x.trim()).filter((x) => x !== '');
    };
    const at = (k: Column) => ({ file: name, row: line, cell: `${columnLetter(col[k])}${line}`, column: COLUMNS[k] });
    for (const k of REQUIRED) {
      if (value(k) === '') {
        const loc = at(k);
        throw new UserError(
          'REFERENTIAL_INVALID',
          { fr: `Fichier « ${name} », ligne ${line}, cellule ${loc.cell} : la colonne « ${COLUMNS[k]} » est vide.`, en: `File “${name}”, row ${line}, cell ${loc.cell}: the “${COLUMNS[k]}” column is empty.` },
          loc,
        );
      }
    }
    const identifiant = value('id');
    const lettre = PRATIQUE_ID.exec(identifiant)?.[1];
    if (!lettre) {
      const loc = at('id');
      throw new UserError(
        'REFERENTIAL_INVALID',
        {
          fr: `Fichier « ${name} », ligne ${line}, cellule ${loc.cell} : l'identifiant « ${identifiant} » n'a pas la forme « a.1 ».`,
          en: `File “${name}”, row ${line}, cell ${loc.cell}: the identifiant “${identifiant}” does not have the form “a.1”.`,
        },
        loc,
      );
    }
    const thematique = value('thematique');
    const label = { fr: `Fichier « ${name} », ligne ${line}, pratique ${identifiant}`, en: `File “${name}”, row ${line}, practice ${identifiant}` };
    let famille = familles.get(lettre);
    if (!famille) {
      famille = { lettre, titre: thematique, description: null, at: { label, location: at('thematique') }, pratiques: [] };
      familles.set(lettre, famille);
    } else if (famille.titre !== thematique) {
      const loc = at('thematique');
      throw new UserError(
        'REFERENTIAL_INVALID',
        {
          fr: `${label.fr}, cellule ${loc.cell} : la thématique « ${thematique} » ne correspond pas à « ${famille.titre} » des autres pratiques ${lettre}.x.`,
          en: `${label.en}, cell ${loc.cell}: the topic “${thematique}” does not match “${famille.titre}” of the other practices ${lettre}.x.`,
        },
        loc,
      );
    }
    famille.pratiques.push({
      identifiant,
      titre: value('titre'),
      priorite: value('priorite'),
      difficulte: value('difficulte'),
      pilotes: list('pilotes'),
      indicateurs: list('indicateurs'),
      url: col.url < 0 || value('url') === '' ? null : value('url'),
      at: { label, location: { file: name, row: line, cell: `${columnLetter(col.id)}${line}`, column: COLUMNS.id } },
    });
  }
  const version = /version-(v\d+(?:\.\d+)*)/i.exec(name)?.[1]?.toLowerCase() ?? 'v1';
  return buildGuide(name, { version, title: null, updatedAt: null }, [...familles.values()], id);
}
