/**
 * The lock of an open audit (issue 6 item 3; DOMAIN.md "Audit cycle"): while the audit of a referential is open,
 * its statuts, explications and preuves — and, for a TETE referential, the personnalisation answers and identity
 * that change its potentiel — are written only by the auditor, through the `audit.*` procedures, and recorded
 * under the auditor's name. Any other write is refused in the core with a UserError « L'audit est ouvert : … » ("The audit is open: …").
 * Kept apart from audit.ts so that the write services can check it without importing the audit service.
 */
import { type Bilingual, UserError } from '../../../shared/errors';
import { formatDateIn } from '../../../shared/locale';
import { type ServiceContext, prepared } from './context';

/** Contexts acting as the auditor of an open audit (made by `asAuditeur`, never by a caller). */
const auditorContexts = new WeakSet<ServiceContext>();

/**
 * A copy of `ctx` acting as the auditor `name`: its writes pass the lock and every row and history event it writes
 * carries `name` as author. The copy shares the database, the evidence store and the referential cache.
 */
export function asAuditeur(ctx: ServiceContext, name: string): ServiceContext {
  const auditor: ServiceContext = { ...ctx, user: name };
  auditorContexts.add(auditor);
  return auditor;
}

/** An open audit: referential, cycle number, auditor, opening time (ISO). */
export interface OpenAudit {
  referentialId: string;
  numero: number;
  auditeur: string;
  ouvertAt: string;
}

interface OpenRow {
  referential_id: string;
  numero: number;
  auditeur: string | null;
  ouvert_at: string | null;
}

const toOpen = (r: OpenRow): OpenAudit => ({ referentialId: r.referential_id, numero: r.numero, auditeur: r.auditeur ?? '', ouvertAt: r.ouvert_at ?? '' });

/**
 * `sql`'s first row, or undefined on a database of a schema before 009 (no audit table: nothing can be locked).
 * Services are bound to such databases only by the migration tests, which open an old schema and write to it.
 */
function firstRow(ctx: ServiceContext, sql: string, ...args: unknown[]): OpenRow | undefined {
  try {
    return prepared(ctx.db, sql).get(...args) as OpenRow | undefined;
  } catch (e) {
    if (e instanceof Error && /no such table: audit_cycle/.test(e.message)) return undefined;
    throw e;
  }
}

/** The open audit of `referentialId`, or null. */
export function openAuditOf(ctx: ServiceContext, referentialId: string): OpenAudit | null {
  const row = firstRow(ctx, "SELECT referential_id, numero, auditeur, ouvert_at FROM audit_cycle WHERE referential_id = ? AND etape = 'ouvert'", referentialId);
  return row ? toOpen(row) : null;
}

function lockedError(audit: OpenAudit, what: Bilingual): UserError {
  const { referentialId: id, numero, auditeur, ouvertAt } = audit;
  return new UserError(
    'AUDIT_OUVERT',
    {
      fr: `L'audit est ouvert : le référentiel ${id} (cycle ${numero}) est en cours d'audit par ${auditeur} depuis le ${formatDateIn('fr', ouvertAt)}. ${what.fr} ne peut être modifié que par l'auditeur, dans l'écran « Audit », jusqu'à la clôture de l'audit.`,
      en: `The audit is open: the referential ${id} (cycle ${numero}) has been under audit by ${auditeur} since ${formatDateIn('en', ouvertAt)}. ${what.en} can only be changed by the auditor, in the “Audit” screen, until the audit is closed.`,
    },
    { field: 'audit' },
  );
}

/**
 * Refuses a write on `referentialId` while its audit is open, unless `ctx` acts as the auditor (`asAuditeur`).
 * `what` names the thing in both languages, as the subject of the sentence (« Le statut de cae_1.1.1 », "The status
 * of cae_1.1.1").
 * @throws UserError AUDIT_OUVERT « L'audit est ouvert : … ».
 */
export function checkUnlocked(ctx: ServiceContext, referentialId: string, what: Bilingual): void {
  if (auditorContexts.has(ctx)) return;
  const audit = openAuditOf(ctx, referentialId);
  if (audit) throw lockedError(audit, what);
}

/**
 * Refuses a write of the personnalisation (identity, answers) while the audit of a TETE referential is open: they
 * change its potentiel (tete-referentials.md §2.5). The auditor's context passes.
 * @throws UserError AUDIT_OUVERT.
 */
export function checkPersonnalisationUnlocked(ctx: ServiceContext, what: Bilingual): void {
  if (auditorContexts.has(ctx)) return;
  const row = firstRow(
    ctx,
    "SELECT c.referential_id, c.numero, c.auditeur, c.ouvert_at FROM audit_cycle c JOIN referential r ON r.id = c.referential_id WHERE c.etape = 'ouvert' AND r.model = 'tete' ORDER BY c.referential_id LIMIT 1",
  );
  if (row) throw lockedError(toOpen(row), what);
}

/**
 * Refuses a write on a preuve (new version, titre, couverture…) attached to a node of a referential whose audit is
 * open, unless `ctx` acts as the auditor. @throws UserError AUDIT_OUVERT.
 */
export function checkPreuveUnlocked(ctx: ServiceContext, preuveId: string): void {
  if (auditorContexts.has(ctx)) return;
  const refs = prepared(ctx.db, 'SELECT DISTINCT referential_id FROM preuve_node WHERE preuve_id = ? ORDER BY referential_id').pluck().all(preuveId) as string[];
  for (const r of refs) checkUnlocked(ctx, r, { fr: `La preuve « ${preuveId} »`, en: `The evidence “${preuveId}”` });
}
