/**
 * The spreadsheet round trip of a pilote or a service (issue 5 item 2): the lead exports one workbook with their
 * criteria (ids in protected columns, a drop-down of the referential's statuts in French, a very hidden sheet
 * recording the export time and the exported values, also kept in table `export_pilote`); the filled workbook — or
 * a CSV saved from it — is read back as a preview (each change before → after; conflicts where the app changed
 * since the export; rejected rows with sheet, cell and reason), then applied on confirmation in one transaction,
 * the history recording the pilote's name.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Detail, Referential, Statut } from '../../../shared/domain';
import { UserError, isUserError, type Bilingual } from '../../../shared/errors';
import { checkDetail } from '../../../shared/statut';
import { allowedStatutLabels, statutFromLabel, statutLabelFr } from '../../../shared/statut-labels';
import { readDay, readShare } from '../exchange/cells';
import { type SheetRow, type SheetTable, readSheetTable } from '../exchange/sheet';
import { type ServiceContext, inTransaction } from './context';
import { appendHistory } from './history';
import { type MonCritere, type Owner, criteresOf } from './mes-criteres';
import { setEcheance } from './nodes';
import { getReferential } from './referentials';
import { canHoldStatut, setExplication, writeStatut } from './statuts';

/** The values of one criterion the round trip carries; `echeance` YYYY-MM-DD (the node's own). */
export interface Valeurs {
  statut: Statut;
  detail: Detail | null;
  explication: string | null;
  echeance: string | null;
}

/** A field the round trip can change. */
export type Champ = 'statut' | 'explication' | 'echeance';

/** A Champ in English words, for the English errors (renderer/src/i18n/en.ts: status, explanation, due date). */
const CHAMP_EN: Readonly<Record<Champ, string>> = { statut: 'status', explication: 'explanation', echeance: 'due date' };

/** One change of the preview: `avant` is the app's value now, `apres` the file's (both as the user reads them). */
export interface Changement {
  id: string;
  referentialId: string;
  nodeId: string;
  identifiant: string;
  nom: string;
  champ: Champ;
  avant: string;
  apres: string;
  cellule: string;
}

/** A conflict: the app changed the field since the export and the file changed it differently. */
export interface Conflit extends Omit<Changement, 'avant' | 'apres'> {
  exporte: string;
  app: string;
  fichier: string;
}

/**
 * A rejected row: the sheet, the cell and the reason, in a complete French sentence (`message`) and in English
 * (`raisonEn`, `messageEn`; issue 8 item 2: the « Mes critères » preview shows the one of the interface's language).
 */
export interface Rejet {
  feuille: string;
  ligne: number;
  cellule: string;
  raison: string;
  message: string;
  raisonEn: string;
  messageEn: string;
}

/** The Rejet of `sheet`, row `ligne`, cell `cellule`, for a reason in both languages. */
function rejet(feuille: string, ligne: number, cellule: string, raison: Bilingual): Rejet {
  return {
    feuille,
    ligne,
    cellule,
    raison: raison.fr,
    message: `Feuille « ${feuille} », cellule ${cellule} : ${raison.fr}. Ligne ignorée.`,
    raisonEn: raison.en,
    messageEn: `Sheet “${feuille}”, cell ${cellule}: ${raison.en}. Row ignored.`,
  };
}

/** What `previewPiloteImport` answers. */
export interface ApercuImport {
  exportId: string;
  exporteLe: string;
  owner: { kind: Owner['kind']; id: string; nom: string };
  changements: Changement[];
  conflits: Conflit[];
  rejets: Rejet[];
  /** Rows read without any change. */
  inchanges: number;
}

/** What `applyPiloteImport` answers: the changes written, the rows rejected (at preview or while writing). */
export interface ResultatImport {
  appliques: number;
  conflitsGardes: number;
  rejets: Rejet[];
}

const SHEET = 'Critères';
const HIDDEN = '_export';
const COLUMNS = [
  { header: 'Référentiel', key: 'referentiel', width: 12 },
  { header: 'Identifiant', key: 'identifiant', width: 22 },
  { header: 'Intitulé', key: 'intitule', width: 60 },
  { header: 'Statut', key: 'statut', width: 18 },
  { header: 'Fait (%)', key: 'fait', width: 10 },
  { header: 'Programmé (%)', key: 'programme', width: 14 },
  { header: 'Pas fait (%)', key: 'pasfait', width: 12 },
  { header: 'Explication', key: 'explication', width: 50 },
  { header: 'Échéance', key: 'echeance', width: 12 },
  { header: 'Preuves attendues', key: 'preuvesattendues', width: 40 },
] as const;
const EDITABLE = new Set(['statut', 'fait', 'programme', 'pasfait', 'explication', 'echeance']);
const HEADER_ROW = 3;

const key = (referentialId: string, nodeId: string) => `${referentialId}|${nodeId}`;
const frDay = (iso: string | null) => (iso === null ? '' : `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`);
const pct = (x: number) => `${(Math.round(x * 1000) / 10).toLocaleString('fr-FR')} %`;

/** The text of a field value as the preview shows it (« Détaillé (50 % / 30 % / 20 %) », « 15/03/2027 », « (vide) »). */
function shown(ref: Referential, champ: Champ, v: Valeurs): string {
  if (champ === 'statut') return v.statut === 'detaille' && v.detail ? `Détaillé (${v.detail.map(pct).join(' / ')})` : statutLabelFr(v.statut, ref.model);
  const text = champ === 'echeance' ? frDay(v.echeance) : (v.explication ?? '');
  return text === '' ? '(vide)' : text;
}

function same(champ: Champ, a: Valeurs, b: Valeurs): boolean {
  if (champ === 'statut') return a.statut === b.statut && JSON.stringify(a.detail) === JSON.stringify(b.detail);
  return (a[champ] ?? '') === (b[champ] ?? '');
}

function valeursOf(ctx: ServiceContext, c: MonCritere): Valeurs {
  const own = ctx.db.prepare('SELECT echeance FROM echeance WHERE referential_id = ? AND node_id = ?').get(c.referentialId, c.nodeId) as { echeance: string } | undefined;
  return { statut: c.statut, detail: c.detail, explication: c.explication, echeance: own?.echeance ?? null };
}

/**
 * The workbook of `owner`'s criteria (see `criteresOf`), in tree order per referential: sheet « Critères » with a
 * title row naming the person or service, the export date and its reference, the header on row 3, then one row per
 * criterion. Référentiel, Identifiant, Intitulé and Preuves attendues are locked (sheet protected without password,
 * sorting and filtering allowed); Statut offers the referential's statuts in French; the split is in %, the
 * échéance a date cell (dd/mm/yyyy). A very hidden sheet `_export` and table `export_pilote` keep the values.
 * Returns the file name (`criteres-<nom>-<AAAA-MM-JJ>.xlsx`), its bytes and the export id. Throws NOT_FOUND.
 */
export async function exportPiloteXlsx(ctx: ServiceContext, owner: Owner): Promise<{ fileName: string; bytes: Uint8Array; exportId: string }> {
  const list = criteresOf(ctx, owner);
  const order = (c: MonCritere) => getReferential(ctx, c.referentialId).nodes.findIndex((n) => n.id === c.nodeId);
  const criteres = [...list.criteres].sort((a, b) => a.referentialId.localeCompare(b.referentialId) || order(a) - order(b));
  const exportId = randomUUID();
  const at = ctx.now();
  const valeurs: Record<string, Valeurs> = {};
  for (const c of criteres) valeurs[key(c.referentialId, c.nodeId)] = valeursOf(ctx, c);

  const wb = new ExcelJS.Workbook();
  wb.creator = 'Label Audit';
  wb.created = new Date(at);
  const ws = wb.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: HEADER_ROW }] });
  ws.columns = COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  ws.getCell('A1').value = `Critères de ${list.owner.nom} — exporté le ${frDay(at.slice(0, 10))} — réf. ${exportId}`;
  ws.getCell('A1').font = { bold: true, size: 13 };
  ws.getRow(HEADER_ROW).values = COLUMNS.map((c) => c.header);
  ws.getRow(HEADER_ROW).font = { bold: true };
  for (const c of criteres) {
    const ref = getReferential(ctx, c.referentialId);
    const v = valeurs[key(c.referentialId, c.nodeId)]!;
    const row = ws.addRow({
      referentiel: c.referentialId,
      identifiant: c.nodeId,
      intitule: `${c.identifiant} ${c.nom}`,
      statut: statutLabelFr(v.statut, ref.model),
      fait: v.detail?.[0] ?? null,
      programme: v.detail?.[1] ?? null,
      pasfait: v.detail?.[2] ?? null,
      explication: v.explication ?? '',
      echeance: v.echeance === null ? null : new Date(`${v.echeance}T00:00:00Z`),
      preuvesattendues: c.preuvesManquantes.join('\n'),
    });
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const k = COLUMNS[col - 1]?.key ?? '';
      cell.protection = { locked: !EDITABLE.has(k) };
      if (k === 'fait' || k === 'programme' || k === 'pasfait') cell.numFmt = '0.0%';
      if (k === 'echeance') cell.numFmt = 'dd/mm/yyyy';
      if (k === 'explication' || k === 'intitule' || k === 'preuvesattendues') cell.alignment = { wrapText: true, vertical: 'top' };
    });
    row.getCell('statut').dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${allowedStatutLabels(ref.model).join(',')}"`],
      showErrorMessage: true,
      errorTitle: 'Statut',
      error: `Choisissez un statut de la liste (${allowedStatutLabels(ref.model).join(', ')}).`,
    };
  }
  ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: COLUMNS.length } };
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, sort: true, autoFilter: true });

  const hidden = wb.addWorksheet(HIDDEN, { state: 'veryHidden' });
  hidden.addRow(['exportId', exportId]);
  hidden.addRow(['exporteLe', at]);
  hidden.addRow(['owner', owner.kind, owner.id, list.owner.nom]);
  for (const [k, v] of Object.entries(valeurs)) hidden.addRow(['valeurs', k, JSON.stringify(v)]);

  ctx.db
    .prepare('INSERT INTO export_pilote (id, at, who, owner_kind, owner_id, owner_nom, valeurs) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(exportId, at, ctx.user, owner.kind, owner.id, list.owner.nom, JSON.stringify(valeurs));
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const slug = list.owner.nom
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  return { fileName: `criteres-${slug}-${at.slice(0, 10)}.xlsx`, bytes, exportId };
}

interface Baseline {
  exportId: string;
  at: string;
  owner: ApercuImport['owner'];
  valeurs: Record<string, Valeurs>;
}

/** The export the file came from: its reference in the title row, then table `export_pilote`, else the hidden sheet. */
function baselineOf(ctx: ServiceContext, table: SheetTable): Baseline {
  const ref = /réf\.\s*([0-9a-f-]{36})/i.exec(table.top.join('\n'))?.[1];
  const row = ref
    ? (ctx.db.prepare('SELECT * FROM export_pilote WHERE id = ?').get(ref) as
        | { id: string; at: string; owner_kind: Owner['kind']; owner_id: string; owner_nom: string; valeurs: string }
        | undefined)
    : undefined;
  if (row) return { exportId: row.id, at: row.at, owner: { kind: row.owner_kind, id: row.owner_id, nom: row.owner_nom }, valeurs: JSON.parse(row.valeurs) as Record<string, Valeurs> };
  const hidden = table.workbook?.getWorksheet(HIDDEN);
  if (hidden) {
    const b: Baseline = { exportId: '', at: '', owner: { kind: 'person', id: '', nom: '' }, valeurs: {} };
    hidden.eachRow((r) => {
      const [, k, a, c, d] = r.values as unknown[];
      if (k === 'exportId') b.exportId = String(a);
      if (k === 'exporteLe') b.at = String(a);
      if (k === 'owner') b.owner = { kind: a as Owner['kind'], id: String(c), nom: String(d) };
      if (k === 'valeurs') b.valeurs[String(a)] = JSON.parse(String(c)) as Valeurs;
    });
    if (b.exportId !== '' && (ref === undefined || ref === b.exportId)) return b;
  }
  throw new UserError(
    'INPUT_INVALID',
    {
      fr: `Le fichier ${table.file} ne vient pas d'un export « Mes critères » de cet espace de travail (référence d'export ${ref ? `« ${ref} » inconnue` : 'absente de la première ligne'}) : exportez à nouveau le classeur du pilote.`,
      en: `The file ${table.file} does not come from a “My criteria” export of this workspace (export reference ${ref ? `“${ref}” unknown` : 'missing from the first row'}): export the lead’s workbook again.`,
    },
    { file: table.file, row: 1, cell: 'A1' },
  );
}

/** One valid row of the file: the node and the values the file gives. */
interface LigneFichier {
  sheet: string;
  row: number;
  ref: Referential;
  nodeId: string;
  valeurs: Valeurs;
  cells: Record<Champ, string>;
}

/** Reads a data row into values, or a Rejet naming the sheet, cell and reason. */
function readRow(ctx: ServiceContext, table: SheetTable, r: SheetRow, baseline: Baseline): LigneFichier | Rejet {
  const cell = (k: string) => r.cells.get(k);
  const reject = (address: string, raison: Bilingual): Rejet => rejet(table.sheet, r.row, address, raison);
  for (const c of r.cells.values()) if (c.error) return reject(c.address, { fr: c.error, en: c.errorEn ?? c.error });
  const idCell = cell('identifiant')!;
  const nodeId = typeof idCell.value === 'string' ? idCell.value.trim() : String(idCell.value ?? '');
  const refCell = cell('referentiel');
  const referentialId = (refCell?.value === null || refCell?.value === undefined ? (nodeId.split('_')[0] ?? '') : String(refCell.value)).trim();
  let ref: Referential;
  try {
    ref = getReferential(ctx, referentialId);
  } catch {
    return reject(refCell?.address ?? idCell.address, { fr: `référentiel « ${referentialId} » inconnu`, en: `unknown referential “${referentialId}”` });
  }
  if (!ref.nodes.some((n) => n.id === nodeId)) return reject(idCell.address, { fr: `identifiant « ${nodeId} » inconnu dans le référentiel ${ref.id}`, en: `identifier “${nodeId}” unknown in referential ${ref.id}` });
  const before = baseline.valeurs[key(ref.id, nodeId)];
  if (!before || !canHoldStatut(ref, nodeId)) return reject(idCell.address, { fr: `le critère « ${nodeId} » ne fait pas partie de cet export`, en: `criterion “${nodeId}” is not part of this export` });

  const statutCell = cell('statut');
  const label = statutCell?.value === null || statutCell?.value === undefined ? '' : String(statutCell.value);
  const statut = statutFromLabel(label, ref.model);
  if (statut === null) {
    // The statut labels are the sheet's own (its drop-down list is in French), so they are quoted as such in English.
    return reject(statutCell!.address, {
      fr: `statut « ${label.trim()} » non autorisé pour ${ref.id} (statuts possibles : ${allowedStatutLabels(ref.model).join(', ')})`,
      en: `status “${label.trim()}” not allowed for ${ref.id} (possible statuses: ${allowedStatutLabels(ref.model).join(', ')})`,
    });
  }
  let detail: Detail | null = null;
  if (statut === 'detaille') {
    const parts: number[] = [];
    for (const k of ['fait', 'programme', 'pasfait']) {
      const c = cell(k);
      const share = readShare(c?.value ?? null);
      if ('reason' in share) return reject(c!.address, { fr: share.reason, en: share.reasonEn });
      parts.push(share.share ?? 0);
    }
    try {
      detail = checkDetail(nodeId, parts as Detail);
    } catch (e) {
      if (!isUserError(e)) throw e;
      return reject(cell('fait')?.address ?? statutCell!.address, { fr: e.message.replace(/\.$/, ''), en: e.messageIn('en').replace(/\.$/, '') });
    }
  }
  const explCell = cell('explication');
  const explication = explCell?.value === null || explCell?.value === undefined ? null : String(explCell.value).replace(/\r\n?/g, '\n').trim() || null;
  const echCell = cell('echeance');
  let echeance = before.echeance;
  if (echCell) {
    const day = readDay(echCell.value, table.date1904);
    if ('reason' in day) return reject(echCell.address, { fr: day.reason, en: day.reasonEn });
    echeance = day.day;
  }
  return {
    sheet: table.sheet,
    row: r.row,
    ref,
    nodeId,
    valeurs: { statut, detail, explication: explCell ? explication : before.explication, echeance },
    cells: { statut: statutCell?.address ?? idCell.address, explication: explCell?.address ?? idCell.address, echeance: echCell?.address ?? idCell.address },
  };
}

/** The current values of a node in the app. */
function currentValeurs(ctx: ServiceContext, referentialId: string, nodeId: string): Valeurs {
  const s = ctx.db.prepare('SELECT statut, detail, explication FROM statut WHERE referential_id = ? AND node_id = ?').get(referentialId, nodeId) as
    | { statut: Statut; detail: string | null; explication: string | null }
    | undefined;
  const e = ctx.db.prepare('SELECT echeance FROM echeance WHERE referential_id = ? AND node_id = ?').get(referentialId, nodeId) as { echeance: string } | undefined;
  return { statut: s?.statut ?? 'non_renseigne', detail: s?.detail ? (JSON.parse(s.detail) as Detail) : null, explication: s?.explication ?? null, echeance: e?.echeance ?? null };
}

interface Analyse extends ApercuImport {
  lignes: LigneFichier[];
}

async function analyse(ctx: ServiceContext, file: { name: string; bytes: Uint8Array }): Promise<Analyse> {
  const table = await readSheetTable(file, 'identifiant');
  const baseline = baselineOf(ctx, table);
  const out: Analyse = { exportId: baseline.exportId, exporteLe: baseline.at, owner: baseline.owner, changements: [], conflits: [], rejets: [], inchanges: 0, lignes: [] };
  const seen = new Map<string, number>();
  for (const r of table.rows) {
    const line = readRow(ctx, table, r, baseline);
    if ('raison' in line) {
      out.rejets.push(line);
      continue;
    }
    const k = key(line.ref.id, line.nodeId);
    if (seen.has(k)) {
      const address = r.cells.get('identifiant')!.address;
      out.rejets.push(rejet(table.sheet, r.row, address, { fr: `le critère « ${line.nodeId} » figure déjà ligne ${seen.get(k)}`, en: `criterion “${line.nodeId}” is already on row ${seen.get(k)}` }));
      continue;
    }
    seen.set(k, r.row);
    out.lignes.push(line);
    const exported = baseline.valeurs[k]!;
    const app = currentValeurs(ctx, line.ref.id, line.nodeId);
    const node = line.ref.nodes.find((n) => n.id === line.nodeId)!;
    let changed = false;
    for (const champ of ['statut', 'explication', 'echeance'] as const) {
      if (same(champ, line.valeurs, exported) || same(champ, line.valeurs, app)) continue;
      changed = true;
      const base = { id: `${k}|${champ}`, referentialId: line.ref.id, nodeId: line.nodeId, identifiant: node.identifiant, nom: node.nom, champ, cellule: line.cells[champ] };
      if (same(champ, app, exported)) out.changements.push({ ...base, avant: shown(line.ref, champ, app), apres: shown(line.ref, champ, line.valeurs) });
      else out.conflits.push({ ...base, exporte: shown(line.ref, champ, exported), app: shown(line.ref, champ, app), fichier: shown(line.ref, champ, line.valeurs) });
    }
    if (!changed) out.inchanges++;
  }
  return out;
}

/**
 * Reads a filled workbook (or a CSV saved from it) and answers what an import would do, writing nothing: for each
 * field (statut with its split, explication, échéance) the file changed since the export, a change (the app still
 * has the exported value) or a conflict (the app changed it since, to something else); rows with an unknown
 * referential or identifiant, a criterion not in the export, a statut not allowed, a split not summing to 100 %,
 * a date or share that cannot be read, or a formula without cached value are rejected with sheet, cell and reason.
 * Throws UserError FILE_UNREADABLE / INPUT_INVALID when the file is not a table of criteria or not from an export.
 */
export async function previewPiloteImport(ctx: ServiceContext, file: { name: string; bytes: Uint8Array }): Promise<ApercuImport> {
  const { lignes: _lignes, ...apercu } = await analyse(ctx, file);
  return apercu;
}

/**
 * Applies the import previewed by `previewPiloteImport` (recomputed now): every change, and each conflict whose
 * decision is `fichier` (`app` keeps the app's value), in one transaction, the history events recorded under the
 * pilote's (or service's) name with an `import.pilote` event summing it up. A row whose write the core refuses (a
 * tâche under a non-concerné sous-action…) is rejected with its cell while the others still apply.
 * Throws UserError INPUT_INVALID naming the first conflict without a decision (nothing is written then).
 */
export async function applyPiloteImport(
  ctx: ServiceContext,
  file: { name: string; bytes: Uint8Array },
  decisions: Record<string, 'app' | 'fichier'> = {},
): Promise<ResultatImport> {
  const a = await analyse(ctx, file);
  const pending = a.conflits.find((c) => decisions[c.id] === undefined);
  if (pending) {
    throw new UserError(
      'INPUT_INVALID',
      {
        fr: `Le conflit sur ${pending.identifiant} (${pending.champ}) n'est pas tranché : choisissez « garder l'application » ou « prendre le fichier ».`,
        en: `The conflict on ${pending.identifiant} (${CHAMP_EN[pending.champ]}) is not settled: choose “Keep the application’s” or “Take the file’s”.`,
      },
      { nodeId: pending.nodeId, field: pending.champ },
    );
  }
  const todo = new Map<string, Set<Champ>>();
  for (const c of [...a.changements, ...a.conflits.filter((c) => decisions[c.id] === 'fichier')]) {
    const k = key(c.referentialId, c.nodeId);
    todo.set(k, (todo.get(k) ?? new Set()).add(c.champ));
  }
  const rejets = [...a.rejets];
  let appliques = 0;
  const lead = ctx.user;
  inTransaction(ctx, () => {
    ctx.user = a.owner.nom;
    try {
      for (const line of a.lignes) {
        const champs = todo.get(key(line.ref.id, line.nodeId));
        if (!champs) continue;
        try {
          inTransaction(ctx, () => {
            const v = line.valeurs;
            if (champs.has('statut')) {
              writeStatut(ctx, { referentialId: line.ref.id, nodeId: line.nodeId, statut: v.statut, detail: v.detail, ...(champs.has('explication') ? { explication: v.explication } : {}) });
            } else if (champs.has('explication')) setExplication(ctx, line.ref.id, line.nodeId, v.explication);
            if (champs.has('echeance')) setEcheance(ctx, { referentialId: line.ref.id, nodeId: line.nodeId, echeance: v.echeance });
          });
          appliques += champs.size;
        } catch (e) {
          if (!isUserError(e)) throw e;
          const cellule = line.cells[champs.has('statut') ? 'statut' : champs.has('explication') ? 'explication' : 'echeance'];
          rejets.push(rejet(line.sheet, line.row, cellule, { fr: e.message.replace(/\.$/, ''), en: e.messageIn('en').replace(/\.$/, '') }));
        }
      }
      appendHistory(ctx, {
        action: 'import.pilote',
        after: { exportId: a.exportId, fichier: file.name, par: lead, changements: appliques, rejets: rejets.length },
      });
    } finally {
      ctx.user = lead;
    }
  });
  return { appliques, conflitsGardes: a.conflits.filter((c) => decisions[c.id] === 'app').length, rejets };
}
