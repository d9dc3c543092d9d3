/**
 * The generated (non-evidence) entries of the pack: rapport.pdf, grille.xlsx, grille.csv, audit.json,
 * audit.schema.json, historique.csv (when the input carries the history) and every liens.csv. Layout: DOMAIN.md "The audit pack", tete-referentials.md §4.6 and §7.
 */
import { AUDIT_SCHEMA, buildAuditJson } from './audit-json';
import { toCsv } from './csv';
import { buildGrid, gridCsvRows } from './grid';
import type { EvidencePlan } from './layout';
import { writeReportPdf, type ReportContext } from './report-pdf';
import type { PackHistorique, PackInput } from './types';
import { actionFamilyLabel } from '../../../shared/history-words';
import type { Lang } from '../../../shared/locale';
import { HISTORIQUE_WORDS, PACK_FILE_WORDS, PACK_WORDS } from './words';
import { writeGridXlsx } from './xlsx';

/** A generated entry: pack path and bytes. */
export interface GeneratedEntry {
  path: string;
  data: Buffer;
}

function json(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
}

/**
 * historique.csv: a header row, then one row per event, oldest first (date and time UTC as recorded, ISO 8601 in
 * both languages). `lang` gives the header and the action family's name (the sentences are already in it).
 */
export function historiqueCsvRows(lines: readonly PackHistorique[], lang: Lang = 'fr'): string[][] {
  return [
    [...HISTORIQUE_WORDS[lang].csvHeader],
    ...lines.map((l) => [l.at, l.who, actionFamilyLabel(l.action, lang), l.identifiant ?? '', l.nodeId ?? '', l.description]),
  ];
}

/**
 * Builds every generated entry (unsorted). `date` is the parsed jalon date.
 * Shapes: returns `{ path, data }[]`; sizes are a few MB at most for the biggest referential (CAE, 1 470 nodes).
 */
export async function generateDocuments(input: PackInput, plan: EvidencePlan, ctx: ReportContext, date: Date): Promise<GeneratedEntry[]> {
  const grid = buildGrid(input, ctx.preuvesOf, (p) => ctx.missingReason(p) !== null);
  const title = `${input.referential.nom} — ${input.workspace.nom} — ${input.jalon.nom}`;
  const [pdf, xlsx] = await Promise.all([writeReportPdf(input, ctx, date), writeGridXlsx(grid, date, title, PACK_WORDS[input.lang ?? 'fr'].gridSheet)]);
  const entries: GeneratedEntry[] = [
    { path: 'rapport.pdf', data: pdf },
    { path: 'grille.xlsx', data: xlsx },
    { path: 'grille.csv', data: toCsv(gridCsvRows(grid), input.lang ?? 'fr') },
    { path: 'audit.json', data: json(buildAuditJson(input, plan.paths, ctx.missingReason)) },
    { path: 'audit.schema.json', data: json(AUDIT_SCHEMA) },
  ];
  if (input.historique) entries.push({ path: 'historique.csv', data: toCsv(historiqueCsvRows(input.historique, input.lang ?? 'fr'), input.lang ?? 'fr') });
  for (const l of plan.liens) entries.push({ path: l.path, data: toCsv([[...PACK_FILE_WORDS[input.lang ?? 'fr'].liensHeader], ...l.rows], input.lang ?? 'fr') });
  return entries;
}
