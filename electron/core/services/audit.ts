/**
 * The audit cycle of a referential and its decision (issue 6 items 3–4; DOMAIN.md "Audit cycle"):
 * préparation → demandé → audit ouvert (pré-audit jalon frozen, the authority's edits locked: audit-lock.ts) →
 * audit clos (post-audit jalon frozen) → décision (niveau obtained, date, validity). « Nouveau cycle » starts the
 * next cycle from the current state; earlier cycles, their notes and decision stay readable. Every step is one
 * transaction with its history event (`audit.*` actions). The per-mesure workspace is audit-workspace.ts.
 */
import type { Referential } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import { exigencesTete } from '../referential/tete-criteres';
import { type ServiceContext, inTransaction, prepared } from './context';
import { appendHistory } from './history';
import { takeAuditJalon } from './audit-jalons';
import { asAuditeur } from './audit-lock';
import { cleanFileName, mimeTypeOf } from './preuves';
import { getReferential } from './referentials';
import { isIsoDate } from './nodes';

/** The steps of a cycle, in order (DOMAIN.md "Audit cycle"). */
export const ETAPES = ['preparation', 'demande', 'ouvert', 'clos', 'decision'] as const;
export type Etape = (typeof ETAPES)[number];

/** French words of each step, as the screens and the errors say them. */
export const ETAPE_LABELS: Readonly<Record<Etape, string>> = {
  preparation: 'en préparation',
  demande: 'audit demandé',
  ouvert: 'audit ouvert',
  clos: 'audit clos',
  decision: 'décision rendue',
};

/** English words of each step, as the English errors say them (renderer/src/i18n/en.ts `audit.etape_*`). */
export const ETAPE_LABELS_EN: Readonly<Record<Etape, string>> = {
  preparation: 'in preparation',
  demande: 'audit requested',
  ouvert: 'audit open',
  clos: 'audit closed',
  decision: 'decision given',
};

/** The auditor's report attached to a cycle: bytes in the evidence store by SHA-256. */
export interface RapportAudit {
  fileName: string;
  sha256: string;
  size: number;
  mimeType: string;
  addedAt: string;
  addedBy: string;
}

/** The labelling decision of a cycle. `niveau` null: label not granted. Dates YYYY-MM-DD. */
export interface DecisionAudit {
  niveau: number | null;
  /** Name of the niveau obtained (« 3 étoiles », « Niveau 1 »), or « Non labellisé ». */
  nom: string;
  date: string;
  /** Last day of validity (date + `validiteAnnees` years), null when the referential gives no validity. */
  finValidite: string | null;
  validiteAnnees: number | null;
  commentaire: string | null;
  at: string;
  by: string;
}

/**
 * One audit cycle. `id` null: the first cycle, not started yet (nothing stored; it is created by `demander`).
 * Times are ISO 8601; `jalonPreId` / `jalonPostId` are the frozen jalons of the opening and the closing.
 */
export interface AuditCycle {
  id: number | null;
  referentialId: string;
  numero: number;
  etape: Etape;
  auditeur: string | null;
  createdAt: string | null;
  demandeAt: string | null;
  ouvertAt: string | null;
  closAt: string | null;
  jalonPreId: number | null;
  jalonPostId: number | null;
  rapport: RapportAudit | null;
  decision: DecisionAudit | null;
}

interface CycleRow {
  id: number;
  referential_id: string;
  numero: number;
  etape: Etape;
  auditeur: string | null;
  created_at: string;
  demande_at: string | null;
  ouvert_at: string | null;
  clos_at: string | null;
  jalon_pre_id: number | null;
  jalon_post_id: number | null;
  rapport_file_name: string | null;
  rapport_sha256: string | null;
  rapport_size: number | null;
  rapport_mime_type: string | null;
  rapport_added_at: string | null;
  rapport_added_by: string | null;
  decision_niveau: number | null;
  decision_nom: string | null;
  decision_date: string | null;
  decision_fin_validite: string | null;
  decision_commentaire: string | null;
  decision_at: string | null;
  decision_by: string | null;
}

function toCycle(r: CycleRow, ref: Referential | null): AuditCycle {
  return {
    id: r.id,
    referentialId: r.referential_id,
    numero: r.numero,
    etape: r.etape,
    auditeur: r.auditeur,
    createdAt: r.created_at,
    demandeAt: r.demande_at,
    ouvertAt: r.ouvert_at,
    closAt: r.clos_at,
    jalonPreId: r.jalon_pre_id,
    jalonPostId: r.jalon_post_id,
    rapport:
      r.rapport_sha256 === null
        ? null
        : { fileName: r.rapport_file_name ?? '', sha256: r.rapport_sha256, size: r.rapport_size ?? 0, mimeType: r.rapport_mime_type ?? '', addedAt: r.rapport_added_at ?? '', addedBy: r.rapport_added_by ?? '' },
    decision:
      r.decision_date === null
        ? null
        : {
            niveau: r.decision_niveau,
            nom: r.decision_nom ?? '',
            date: r.decision_date,
            finValidite: r.decision_fin_validite,
            validiteAnnees: ref ? validiteAnnees(ref) : null,
            commentaire: r.decision_commentaire,
            at: r.decision_at ?? '',
            by: r.decision_by ?? '',
          },
  };
}

function readCycles(ctx: ServiceContext, referentialId: string): CycleRow[] {
  return prepared(ctx.db, 'SELECT * FROM audit_cycle WHERE referential_id = ? ORDER BY numero').all(referentialId) as CycleRow[];
}

/**
 * Every cycle of a referential, oldest first; a referential never audited has one cycle « en préparation » with
 * `id` null. @throws UserError REFERENTIAL_UNKNOWN.
 */
export function listCycles(ctx: ServiceContext, referentialId: string): AuditCycle[] {
  const ref = getReferential(ctx, referentialId);
  const rows = readCycles(ctx, ref.id);
  if (rows.length === 0) return [notStarted(ref.id)];
  return rows.map((r) => toCycle(r, ref));
}

const notStarted = (referentialId: string): AuditCycle => ({
  id: null,
  referentialId,
  numero: 1,
  etape: 'preparation',
  auditeur: null,
  createdAt: null,
  demandeAt: null,
  ouvertAt: null,
  closAt: null,
  jalonPreId: null,
  jalonPostId: null,
  rapport: null,
  decision: null,
});

/** The current (latest) cycle of a referential. @throws UserError REFERENTIAL_UNKNOWN. */
export function currentCycle(ctx: ServiceContext, referentialId: string): AuditCycle {
  return listCycles(ctx, referentialId).at(-1)!;
}

/** The stored row of the current cycle, or undefined before the first request. */
function currentRow(ctx: ServiceContext, referentialId: string): CycleRow | undefined {
  return prepared(ctx.db, 'SELECT * FROM audit_cycle WHERE referential_id = ? ORDER BY numero DESC LIMIT 1').get(referentialId) as CycleRow | undefined;
}

/** What each step is called when asked (« demander l'audit », "request the audit"), for the error message. */
const ACTIONS = {
  demander: { fr: "de demander l'audit", en: 'request the audit' },
  retirer: { fr: 'de retirer la demande', en: 'withdraw the request' },
  ouvrir: { fr: "d'ouvrir l'audit", en: 'open the audit' },
  clore: { fr: "de clore l'audit", en: 'close the audit' },
  decider: { fr: "d'enregistrer la décision", en: 'save the decision' },
  nouveau: { fr: 'de commencer un nouveau cycle', en: 'start a new cycle' },
} as const;

/**
 * Refuses `action` unless the current cycle is at step `from`.
 * @throws UserError AUDIT_ETAPE naming the referential, the cycle, its step and the order of the steps.
 */
function requireEtape(cycle: AuditCycle, from: Etape, action: keyof typeof ACTIONS): void {
  if (cycle.etape === from) return;
  throw new UserError(
    'AUDIT_ETAPE',
    {
      fr: `Impossible ${ACTIONS[action].fr} : le cycle ${cycle.numero} du référentiel ${cycle.referentialId} est « ${ETAPE_LABELS[cycle.etape]} », il doit être « ${ETAPE_LABELS[from]} ». Ordre des étapes : préparation → audit demandé → audit ouvert → audit clos → décision.`,
      en: `Cannot ${ACTIONS[action].en}: cycle ${cycle.numero} of the referential ${cycle.referentialId} is “${ETAPE_LABELS_EN[cycle.etape]}”, it must be “${ETAPE_LABELS_EN[from]}”. Order of the steps: preparation → audit requested → audit open → audit closed → decision.`,
    },
    { field: 'etape' },
  );
}

function record(ctx: ServiceContext, action: string, referentialId: string, before: unknown, after: unknown): void {
  appendHistory(ctx, { action, referentialId, nodeId: null, before, after });
}

const etapeState = (c: Pick<AuditCycle, 'numero' | 'etape'>) => ({ numero: c.numero, etape: c.etape });

/** préparation → demandé: the authority asks for the audit (creates the first cycle). @throws AUDIT_ETAPE, REFERENTIAL_UNKNOWN. */
export function demander(ctx: ServiceContext, referentialId: string): AuditCycle {
  const cycle = currentCycle(ctx, referentialId);
  requireEtape(cycle, 'preparation', 'demander');
  inTransaction(ctx, () => {
    if (cycle.id === null) {
      prepared(ctx.db, "INSERT INTO audit_cycle (referential_id, numero, etape, created_at, demande_at) VALUES (?, 1, 'demande', ?, ?)").run(cycle.referentialId, ctx.now(), ctx.now());
    } else {
      prepared(ctx.db, "UPDATE audit_cycle SET etape = 'demande', demande_at = ? WHERE id = ?").run(ctx.now(), cycle.id);
    }
    record(ctx, 'audit.demande', cycle.referentialId, etapeState(cycle), { numero: cycle.numero, etape: 'demande' });
  });
  return currentCycle(ctx, referentialId);
}

/** demandé → préparation: the request is withdrawn (the file goes back to préparation). @throws AUDIT_ETAPE. */
export function retirer(ctx: ServiceContext, referentialId: string): AuditCycle {
  const cycle = currentCycle(ctx, referentialId);
  requireEtape(cycle, 'demande', 'retirer');
  inTransaction(ctx, () => {
    prepared(ctx.db, "UPDATE audit_cycle SET etape = 'preparation', demande_at = NULL WHERE id = ?").run(cycle.id);
    record(ctx, 'audit.retrait', cycle.referentialId, etapeState(cycle), { numero: cycle.numero, etape: 'preparation' });
  });
  return currentCycle(ctx, referentialId);
}

/** The auditor's name, trimmed; 1–200 characters. @throws UserError INPUT_INVALID. */
function checkAuditeur(name: string): string {
  const t = name.replace(/\s+/g, ' ').trim();
  if (t === '') {
    throw new UserError(
      'INPUT_INVALID',
      { fr: "Indiquez le nom de l'auditeur pour ouvrir l'audit : ses modifications seront enregistrées à son nom.", en: "Enter the auditor's name to open the audit: their changes will be recorded in their name." },
      { field: 'auditeur' },
    );
  }
  if (t.length > 200) {
    throw new UserError('INPUT_INVALID', { fr: `Le nom de l'auditeur dépasse 200 caractères (${t.length}).`, en: `The auditor's name is longer than 200 characters (${t.length}).` }, { field: 'auditeur' });
  }
  return t;
}

/**
 * demandé → audit ouvert, by the auditor `auditeur`: freezes the pré-audit jalon and locks the authority's edits
 * of the referential until the closing (audit-lock.ts). @throws AUDIT_ETAPE, INPUT_INVALID (auditor's name).
 */
export function ouvrir(ctx: ServiceContext, referentialId: string, auditeur: string): AuditCycle {
  const cycle = currentCycle(ctx, referentialId);
  requireEtape(cycle, 'demande', 'ouvrir');
  const name = checkAuditeur(auditeur);
  inTransaction(ctx, () => {
    const jalon = takeAuditJalon(ctx, cycle.referentialId, 'pre-audit', `Pré-audit ${cycle.referentialId} — cycle ${cycle.numero}`);
    prepared(ctx.db, "UPDATE audit_cycle SET etape = 'ouvert', auditeur = ?, ouvert_at = ?, jalon_pre_id = ? WHERE id = ?").run(name, ctx.now(), jalon, cycle.id);
    record(ctx, 'audit.ouverture', cycle.referentialId, etapeState(cycle), { numero: cycle.numero, etape: 'ouvert', auditeur: name, jalonId: jalon });
  });
  return currentCycle(ctx, referentialId);
}

/** audit ouvert → audit clos: freezes the post-audit jalon and lifts the lock. @throws AUDIT_ETAPE. */
export function clore(ctx: ServiceContext, referentialId: string): AuditCycle {
  const cycle = currentCycle(ctx, referentialId);
  requireEtape(cycle, 'ouvert', 'clore');
  inTransaction(ctx, () => {
    const jalon = takeAuditJalon(ctx, cycle.referentialId, 'post-audit', `Post-audit ${cycle.referentialId} — cycle ${cycle.numero}`);
    prepared(ctx.db, "UPDATE audit_cycle SET etape = 'clos', clos_at = ?, jalon_post_id = ? WHERE id = ?").run(ctx.now(), jalon, cycle.id);
    record(ctx, 'audit.cloture', cycle.referentialId, etapeState(cycle), { numero: cycle.numero, etape: 'clos', auditeur: cycle.auditeur, jalonId: jalon });
  });
  return currentCycle(ctx, referentialId);
}

/**
 * Validity of the label in years: for TETE the bundled rule file (4 years for CAE and ECi), 4 for another TETE
 * referential (te, imported: issue 6 item 4); else the referential file's `validiteAnnees` (Label NR: 3 in the
 * shipped grid); null when the file gives none.
 */
export function validiteAnnees(ref: Referential): number | null {
  if (ref.model === 'tete') return exigencesTete(ref.id)?.validiteAnnees ?? 4;
  const v = Number(ref.nodes.find((n) => n.parentId === null)?.meta?.validiteAnnees);
  return Number.isInteger(v) && v > 0 ? v : null;
}

/**
 * The last day of validity of a label decided on `date` (YYYY-MM-DD) for `annees` years: the same day `annees`
 * years later, the day before that anniversary (a label decided on 2026-03-15 for 4 years is valid until
 * 2030-03-14). A 29 February ends on 28 February.
 */
export function finValidite(date: string, annees: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const anniversary = new Date(Date.UTC(y + annees, m - 1, d));
  // 29 February + N years on a common year rolls to 1 March: the anniversary is then 1 March, and the day before is 28 February.
  anniversary.setUTCDate(anniversary.getUTCDate() - 1);
  return anniversary.toISOString().slice(0, 10);
}

/** Input of the decision: `niveau` a rang of the referential's niveaux, or null (label not granted); `date` YYYY-MM-DD. */
export interface DecisionInput {
  niveau: number | null;
  date: string;
  commentaire?: string | null;
}

/**
 * audit clos → décision: records the level obtained, its date and its validity.
 * @throws UserError AUDIT_ETAPE; INPUT_INVALID when `niveau` is not a niveau of the referential, the date is not a
 *   real YYYY-MM-DD date or is before the closing of the audit, or the comment exceeds 5 000 characters.
 */
export function decider(ctx: ServiceContext, referentialId: string, input: DecisionInput): AuditCycle {
  const ref = getReferential(ctx, referentialId);
  const cycle = currentCycle(ctx, ref.id);
  requireEtape(cycle, 'clos', 'decider');
  let nom = 'Non labellisé';
  if (input.niveau !== null) {
    const niveau = ref.niveaux.find((n) => n.rang === input.niveau);
    if (!niveau) {
      const offered = ref.niveaux.map((n) => `${n.rang} (${n.nom})`).join(', ');
      throw new UserError(
        'INPUT_INVALID',
        {
          fr: `Le niveau ${input.niveau} n'existe pas pour le référentiel ${ref.id}${offered ? ` : niveaux possibles ${offered}, ou aucun (non labellisé)` : ' : il ne définit aucun niveau, seule « non labellisé » est possible'}.`,
          en: `Level ${input.niveau} does not exist for the referential ${ref.id}${offered ? `: possible levels ${offered}, or none (not labelled)` : ': it defines no level, only “not labelled” is possible'}.`,
        },
        { field: 'niveau' },
      );
    }
    nom = niveau.nom;
  }
  if (!isIsoDate(input.date)) {
    throw new UserError(
      'INPUT_INVALID',
      { fr: `La date de décision « ${input.date} » n'est pas une date valide (AAAA-MM-JJ).`, en: `The decision date “${input.date}” is not a valid date (YYYY-MM-DD).` },
      { field: 'date' },
    );
  }
  const closDay = (cycle.closAt ?? '').slice(0, 10);
  if (input.date < closDay) {
    throw new UserError(
      'INPUT_INVALID',
      { fr: `La date de décision (${input.date}) précède la clôture de l'audit (${closDay}).`, en: `The decision date (${input.date}) is before the closing of the audit (${closDay}).` },
      { field: 'date' },
    );
  }
  const commentaire = input.commentaire?.trim() || null;
  if (commentaire !== null && commentaire.length > 5000) {
    throw new UserError(
      'INPUT_INVALID',
      { fr: `Le commentaire de la décision dépasse 5 000 caractères (${commentaire.length}).`, en: `The comment on the decision is longer than 5,000 characters (${commentaire.length}).` },
      { field: 'commentaire' },
    );
  }
  const annees = validiteAnnees(ref);
  const fin = annees === null ? null : finValidite(input.date, annees);
  inTransaction(ctx, () => {
    prepared(
      ctx.db,
      `UPDATE audit_cycle SET etape = 'decision', decision_niveau = ?, decision_nom = ?, decision_date = ?, decision_fin_validite = ?,
         decision_commentaire = ?, decision_at = ?, decision_by = ? WHERE id = ?`,
    ).run(input.niveau, nom, input.date, fin, commentaire, ctx.now(), ctx.user, cycle.id);
    record(ctx, 'audit.decision', ref.id, etapeState(cycle), { numero: cycle.numero, etape: 'decision', niveau: input.niveau, nom, date: input.date, finValidite: fin, commentaire });
  });
  return currentCycle(ctx, ref.id);
}

/**
 * décision → a new cycle « en préparation », numbered next. The file continues from its current state (statuts,
 * preuves, answers are not touched); the previous cycle, its notes, états and decision stay as they were.
 * @throws AUDIT_ETAPE unless the current cycle has its decision.
 */
export function nouveauCycle(ctx: ServiceContext, referentialId: string): AuditCycle {
  const cycle = currentCycle(ctx, referentialId);
  requireEtape(cycle, 'decision', 'nouveau');
  inTransaction(ctx, () => {
    prepared(ctx.db, "INSERT INTO audit_cycle (referential_id, numero, etape, created_at) VALUES (?, ?, 'preparation', ?)").run(cycle.referentialId, cycle.numero + 1, ctx.now());
    record(ctx, 'audit.cycle', cycle.referentialId, etapeState(cycle), { numero: cycle.numero + 1, etape: 'preparation' });
  });
  return currentCycle(ctx, referentialId);
}

/** Largest report accepted, in bytes (a PDF report is a few MB). */
export const RAPPORT_MAX_BYTES = 200 * 1024 * 1024;

/**
 * Attaches (or replaces) the auditor's report of the current cycle: the bytes go to the evidence store (stored
 * once by SHA-256, never deleted: a replaced report stays readable through the history), name, size and type on
 * the cycle. Allowed once the audit is open (ouvert, clos, décision).
 * @throws UserError AUDIT_ETAPE before the opening; PREUVE_INVALID for an empty file or a bad name (cleanFileName);
 *   INPUT_INVALID above RAPPORT_MAX_BYTES.
 */
export function attachRapport(ctx: ServiceContext, referentialId: string, file: { fileName: string; bytes: Uint8Array }): AuditCycle {
  const cycle = currentCycle(ctx, referentialId);
  if (cycle.etape === 'preparation' || cycle.etape === 'demande') {
    throw new UserError(
      'AUDIT_ETAPE',
      {
        fr: `Le rapport d'audit se joint une fois l'audit ouvert : le cycle ${cycle.numero} du référentiel ${cycle.referentialId} est « ${ETAPE_LABELS[cycle.etape]} ».`,
        en: `The audit report is attached once the audit is open: cycle ${cycle.numero} of the referential ${cycle.referentialId} is “${ETAPE_LABELS_EN[cycle.etape]}”.`,
      },
      { field: 'rapport' },
    );
  }
  const fileName = cleanFileName(file.fileName);
  if (file.bytes.byteLength === 0) {
    throw new UserError('PREUVE_INVALID', { fr: `Le rapport « ${fileName} » est vide (0 octet).`, en: `The report “${fileName}” is empty (0 bytes).` }, { field: 'rapport', file: fileName });
  }
  if (file.bytes.byteLength > RAPPORT_MAX_BYTES) {
    throw new UserError(
      'INPUT_INVALID',
      { fr: `Le rapport « ${fileName} » dépasse 200 Mo (${file.bytes.byteLength} octets).`, en: `The report “${fileName}” is larger than 200 MB (${file.bytes.byteLength} bytes).` },
      { field: 'rapport', file: fileName },
    );
  }
  const blob = ctx.evidence.addFromBuffer(file.bytes);
  // Attached during the audit, the report is the auditor's: their name, as on their other writes.
  const w = cycle.auditeur && (cycle.etape === 'ouvert' || cycle.etape === 'clos') ? asAuditeur(ctx, cycle.auditeur) : ctx;
  inTransaction(w, () => {
    const before = cycle.rapport;
    prepared(
      ctx.db,
      'UPDATE audit_cycle SET rapport_file_name = ?, rapport_sha256 = ?, rapport_size = ?, rapport_mime_type = ?, rapport_added_at = ?, rapport_added_by = ? WHERE id = ?',
    ).run(fileName, blob.sha256, blob.size, mimeTypeOf(fileName), w.now(), w.user, cycle.id);
    const after = currentRow(w, cycle.referentialId)!;
    record(w, 'audit.rapport', cycle.referentialId, before, toCycle(after, null).rapport);
  });
  return currentCycle(ctx, referentialId);
}

/** The stored report of cycle `numero` (default the current one): its path in the evidence store and metadata. @throws NOT_FOUND. */
export function rapportFile(ctx: ServiceContext, referentialId: string, numero?: number): RapportAudit & { path: string } {
  const cycles = listCycles(ctx, referentialId);
  const cycle = numero === undefined ? cycles.at(-1)! : cycles.find((c) => c.numero === numero);
  if (!cycle?.rapport) {
    const n = numero ?? cycle?.numero ?? 1;
    throw new UserError(
      'NOT_FOUND',
      { fr: `Aucun rapport d'audit n'est joint au cycle ${n} du référentiel ${referentialId}.`, en: `No audit report is attached to cycle ${n} of the referential ${referentialId}.` },
      { field: 'rapport' },
    );
  }
  return { ...cycle.rapport, path: ctx.evidence.pathOf(cycle.rapport.sha256) };
}
