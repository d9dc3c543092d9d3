/**
 * The auditor's workspace of the current audit cycle (issue 6 item 3; DOMAIN.md "Audit cycle"): per mesure an état
 * (non audité, en cours, audité), notes (text, author, date) and an « ordre du jour » flag; the agenda of the
 * audit session; and the auditor's own statut and explication changes while the audit is open, recorded under the
 * auditor's name (audit-lock.ts `asAuditeur`). Each write is one transaction with its history event.
 */
import type { Referential, ReferentialNode } from '../../../shared/domain';
import { type Bilingual, UserError } from '../../../shared/errors';
import { asAuditeur } from './audit-lock';
import { type AuditCycle, ETAPE_LABELS, ETAPE_LABELS_EN, type Etape, currentCycle, listCycles } from './audit';
import { type ServiceContext, inTransaction, prepared } from './context';
import { appendHistory } from './history';
import { getReferential, requireNode } from './referentials';
import { type SetStatutInput, type StatutWrite, computeScore, setExplication, setStatut } from './statuts';
import { canHoldStatut } from './statuts';
import { treeIndex } from './tree';
import type { ScoreResult } from '../../../shared/domain';

/** What the auditor says of a mesure. */
export const ETATS = ['non_audite', 'en_cours', 'audite'] as const;
export type EtatAudit = (typeof ETATS)[number];

/** French words of the états. */
export const ETAT_LABELS: Readonly<Record<EtatAudit, string>> = { non_audite: 'Non audité', en_cours: 'En cours', audite: 'Audité' };

/** One note of the auditor on a mesure; `at` ISO 8601. */
export interface NoteAudit {
  id: number;
  nodeId: string;
  texte: string;
  auteur: string;
  at: string;
}

/** A mesure as the auditor's workspace shows it, with its axe (level 1 ancestor) and the score of the mesure. */
export interface MesureAudit {
  nodeId: string;
  identifiant: string;
  nom: string;
  axeId: string;
  etat: EtatAudit;
  ordreDuJour: boolean;
  notes: NoteAudit[];
  /** Points fait / potentiel of the mesure (0 when it has no score, as a désactivé mesure). */
  pointFait: number;
  pointPotentiel: number;
}

/** The auditor's workspace of one cycle: the cycle and every mesure in tree order. */
export interface EspaceAudit {
  cycle: AuditCycle;
  mesures: MesureAudit[];
}

/** The agenda of the audit session: the mesures on the ordre du jour, grouped by axe in tree order. */
export interface OrdreDuJour {
  cycle: AuditCycle;
  axes: Array<{ axeId: string; identifiant: string; nom: string; mesures: MesureAudit[] }>;
}

/**
 * The nodes the auditor judges one by one: TETE mesures (actions, depth = actionLevel; tete-referentials.md §1.2),
 * the critères (leaves) of the other models.
 */
export function isMesure(ref: Referential, node: ReferentialNode): boolean {
  if (node.parentId === null) return false;
  return ref.model === 'tete' ? node.depth === ref.actionLevel : canHoldStatut(ref, node.id);
}

function requireMesure(ref: Referential, nodeId: string): ReferentialNode {
  const node = requireNode(ref, nodeId);
  if (!isMesure(ref, node)) {
    const word = ref.model === 'tete' ? 'mesure' : 'critère';
    const wordEn = ref.model === 'tete' ? 'measure' : 'criterion';
    let hint = '';
    let hintEn = '';
    if (ref.model === 'tete') {
      let up: ReferentialNode | undefined = node;
      while (up && up.depth > ref.actionLevel) up = up.parentId ? treeIndex(ref).byId.get(up.parentId) : undefined;
      if (up && up.depth === ref.actionLevel) {
        hint = ` (sa mesure : ${up.id})`;
        hintEn = ` (its measure: ${up.id})`;
      }
    }
    throw new UserError(
      'INPUT_INVALID',
      {
        fr: `Le nœud ${nodeId} n'est pas une ${word} : l'état d'audit, les notes et l'ordre du jour se tiennent par ${word}${hint}.`,
        en: `The item ${nodeId} is not a ${wordEn}: the audit state, the notes and the agenda are kept per ${wordEn}${hintEn}.`,
      },
      { nodeId },
    );
  }
  return node;
}

function axeOf(ref: Referential, node: ReferentialNode): ReferentialNode {
  let cur = node;
  while (cur.depth > 1 && cur.parentId) cur = treeIndex(ref).byId.get(cur.parentId)!;
  return cur;
}

/** The cycle `numero` (default the current one). @throws NOT_FOUND for a cycle that does not exist. */
function cycleOf(ctx: ServiceContext, referentialId: string, numero?: number): AuditCycle {
  const cycles = listCycles(ctx, referentialId);
  if (numero === undefined) return cycles.at(-1)!;
  const found = cycles.find((c) => c.numero === numero);
  if (!found) {
    const list = cycles.map((c) => c.numero).join(', ');
    throw new UserError(
      'NOT_FOUND',
      { fr: `Le référentiel ${referentialId} n'a pas de cycle d'audit n° ${numero} (cycles : ${list}).`, en: `The referential ${referentialId} has no audit cycle no. ${numero} (cycles: ${list}).` },
      { field: 'numero' },
    );
  }
  return found;
}

/**
 * The auditor's workspace of cycle `numero` (default the current one; an earlier cycle stays readable): every mesure
 * with its état, flag and notes (oldest first), and its points in the current score.
 * @throws REFERENTIAL_UNKNOWN, NOT_FOUND (cycle).
 */
export function espaceAudit(ctx: ServiceContext, referentialId: string, numero?: number): EspaceAudit {
  const ref = getReferential(ctx, referentialId);
  const cycle = cycleOf(ctx, ref.id, numero);
  const rows = cycle.id === null ? [] : (prepared(ctx.db, 'SELECT node_id, etat, ordre_du_jour FROM audit_mesure WHERE cycle_id = ?').all(cycle.id) as Array<{ node_id: string; etat: EtatAudit; ordre_du_jour: number }>);
  const byNode = new Map(rows.map((r) => [r.node_id, r]));
  const notes = cycle.id === null ? [] : (prepared(ctx.db, 'SELECT id, node_id, texte, auteur, at FROM audit_note WHERE cycle_id = ? ORDER BY id').all(cycle.id) as Array<{ id: number; node_id: string; texte: string; auteur: string; at: string }>);
  const notesByNode = new Map<string, NoteAudit[]>();
  for (const n of notes) {
    const list = notesByNode.get(n.node_id) ?? [];
    list.push({ id: n.id, nodeId: n.node_id, texte: n.texte, auteur: n.auteur, at: n.at });
    notesByNode.set(n.node_id, list);
  }
  const score: ScoreResult = computeScore(ctx, ref.id);
  const mesures = ref.nodes
    .filter((n) => isMesure(ref, n))
    .map((n): MesureAudit => {
      const row = byNode.get(n.id);
      const s = score.nodes[n.id];
      return {
        nodeId: n.id,
        identifiant: n.identifiant,
        nom: n.nom,
        axeId: axeOf(ref, n).id,
        etat: row?.etat ?? 'non_audite',
        ordreDuJour: row?.ordre_du_jour === 1,
        notes: notesByNode.get(n.id) ?? [],
        pointFait: s?.pointFait ?? 0,
        pointPotentiel: s?.pointPotentiel ?? 0,
      };
    });
  return { cycle, mesures };
}

/** The agenda of cycle `numero` (default the current one): flagged mesures by axe. @throws as `espaceAudit`. */
export function ordreDuJour(ctx: ServiceContext, referentialId: string, numero?: number): OrdreDuJour {
  const ref = getReferential(ctx, referentialId);
  const espace = espaceAudit(ctx, ref.id, numero);
  const axes: OrdreDuJour['axes'] = [];
  for (const m of espace.mesures.filter((x) => x.ordreDuJour)) {
    let group = axes.find((a) => a.axeId === m.axeId);
    if (!group) {
      const axe = treeIndex(ref).byId.get(m.axeId)!;
      axes.push((group = { axeId: axe.id, identifiant: axe.identifiant, nom: axe.nom, mesures: [] }));
    }
    group.mesures.push(m);
  }
  return { cycle: espace.cycle, axes };
}

/**
 * Refuses a write of the auditor's workspace unless the current cycle is at one of `etapes`.
 * @throws UserError AUDIT_ETAPE naming the cycle and what is allowed.
 */
function requireCycle(ctx: ServiceContext, referentialId: string, etapes: readonly Etape[], what: Bilingual): AuditCycle & { id: number } {
  const cycle = currentCycle(ctx, referentialId);
  if (cycle.id === null || !etapes.includes(cycle.etape)) {
    throw new UserError(
      'AUDIT_ETAPE',
      {
        fr: `${what.fr} : le cycle ${cycle.numero} du référentiel ${referentialId} est « ${ETAPE_LABELS[cycle.etape]} » (possible quand il est ${etapes.map((e) => `« ${ETAPE_LABELS[e]} »`).join(' ou ')}).`,
        en: `${what.en}: cycle ${cycle.numero} of the referential ${referentialId} is “${ETAPE_LABELS_EN[cycle.etape]}” (possible when it is ${etapes.map((e) => `“${ETAPE_LABELS_EN[e]}”`).join(' or ')}).`,
      },
      { field: 'etape' },
    );
  }
  return cycle as AuditCycle & { id: number };
}

/** The context writing for the cycle: the auditor's once the audit is open (their name on every row), else `ctx`. */
function writer(ctx: ServiceContext, cycle: AuditCycle): ServiceContext {
  return cycle.auditeur && (cycle.etape === 'ouvert' || cycle.etape === 'clos') ? asAuditeur(ctx, cycle.auditeur) : ctx;
}

function readMesure(ctx: ServiceContext, cycleId: number, nodeId: string): { etat: EtatAudit; ordreDuJour: boolean } {
  const row = prepared(ctx.db, 'SELECT etat, ordre_du_jour FROM audit_mesure WHERE cycle_id = ? AND node_id = ?').get(cycleId, nodeId) as { etat: EtatAudit; ordre_du_jour: number } | undefined;
  return { etat: row?.etat ?? 'non_audite', ordreDuJour: row?.ordre_du_jour === 1 };
}

function writeMesure(ctx: ServiceContext, cycleId: number, nodeId: string, m: { etat: EtatAudit; ordreDuJour: boolean }): void {
  prepared(
    ctx.db,
    `INSERT INTO audit_mesure (cycle_id, node_id, etat, ordre_du_jour, modified_at, modified_by) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (cycle_id, node_id) DO UPDATE SET etat = excluded.etat, ordre_du_jour = excluded.ordre_du_jour,
       modified_at = excluded.modified_at, modified_by = excluded.modified_by`,
  ).run(cycleId, nodeId, m.etat, m.ordreDuJour ? 1 : 0, ctx.now(), ctx.user);
}

/**
 * Sets the état of a mesure while the audit is open, under the auditor's name (`audit.etat` event); the same état
 * records nothing. @throws REFERENTIAL_UNKNOWN, NODE_UNKNOWN, INPUT_INVALID (not a mesure, unknown état), AUDIT_ETAPE.
 */
export function setEtat(ctx: ServiceContext, referentialId: string, nodeId: string, etat: EtatAudit): MesureAudit {
  const ref = getReferential(ctx, referentialId);
  requireMesure(ref, nodeId);
  if (!(ETATS as readonly string[]).includes(etat)) {
    throw new UserError(
      'INPUT_INVALID',
      { fr: `État d'audit « ${etat} » inconnu pour ${nodeId} (non_audite, en_cours, audite).`, en: `Unknown audit state “${etat}” for ${nodeId} (non_audite, en_cours, audite).` },
      { nodeId, field: 'etat' },
    );
  }
  const cycle = requireCycle(ctx, ref.id, ['ouvert'], { fr: `L'état de ${nodeId} se change pendant l'audit`, en: `The state of ${nodeId} is changed during the audit` });
  const w = writer(ctx, cycle);
  inTransaction(w, () => {
    const before = readMesure(w, cycle.id, nodeId);
    if (before.etat === etat) return;
    writeMesure(w, cycle.id, nodeId, { ...before, etat });
    appendHistory(w, { action: 'audit.etat', referentialId: ref.id, nodeId, before: before.etat, after: etat });
  });
  return espaceAudit(ctx, ref.id).mesures.find((m) => m.nodeId === nodeId)!;
}

/**
 * Puts a mesure on (or off) the ordre du jour of the audit session, from the request to the closing
 * (`audit.ordre` event). @throws REFERENTIAL_UNKNOWN, NODE_UNKNOWN, INPUT_INVALID (not a mesure), AUDIT_ETAPE.
 */
export function setOrdreDuJour(ctx: ServiceContext, referentialId: string, nodeId: string, inscrite: boolean): MesureAudit {
  const ref = getReferential(ctx, referentialId);
  requireMesure(ref, nodeId);
  const cycle = requireCycle(ctx, ref.id, ['demande', 'ouvert'], { fr: `L'ordre du jour se prépare une fois l'audit demandé`, en: 'The agenda is prepared once the audit is requested' });
  const w = writer(ctx, cycle);
  inTransaction(w, () => {
    const before = readMesure(w, cycle.id, nodeId);
    if (before.ordreDuJour === inscrite) return;
    writeMesure(w, cycle.id, nodeId, { ...before, ordreDuJour: inscrite });
    appendHistory(w, { action: 'audit.ordre', referentialId: ref.id, nodeId, before: before.ordreDuJour, after: inscrite });
  });
  return espaceAudit(ctx, ref.id).mesures.find((m) => m.nodeId === nodeId)!;
}

/** Longest note, in characters. */
export const NOTE_MAX = 10_000;

/**
 * Adds a note on a mesure, from the request to the closing; its author is the auditor once the audit is open, else
 * the user (`audit.note` event). @throws REFERENTIAL_UNKNOWN, NODE_UNKNOWN, INPUT_INVALID (not a mesure, empty or
 * longer than NOTE_MAX), AUDIT_ETAPE.
 */
export function addNote(ctx: ServiceContext, referentialId: string, nodeId: string, texte: string): NoteAudit {
  const ref = getReferential(ctx, referentialId);
  requireMesure(ref, nodeId);
  const t = texte.trim();
  if (t === '') throw new UserError('INPUT_INVALID', { fr: `La note sur ${nodeId} est vide.`, en: `The note on ${nodeId} is empty.` }, { nodeId, field: 'texte' });
  if (t.length > NOTE_MAX) {
    throw new UserError(
      'INPUT_INVALID',
      {
        fr: `La note sur ${nodeId} dépasse ${NOTE_MAX.toLocaleString('fr-FR')} caractères (${t.length}).`,
        en: `The note on ${nodeId} is longer than ${NOTE_MAX.toLocaleString('en-GB')} characters (${t.length}).`,
      },
      { nodeId, field: 'texte' },
    );
  }
  const cycle = requireCycle(ctx, ref.id, ['demande', 'ouvert', 'clos'], {
    fr: `Une note d'audit sur ${nodeId} s'écrit entre la demande et la décision`,
    en: `An audit note on ${nodeId} is written between the request and the decision`,
  });
  const w = writer(ctx, cycle);
  return inTransaction(w, () => {
    const info = prepared(w.db, 'INSERT INTO audit_note (cycle_id, node_id, texte, auteur, at) VALUES (?, ?, ?, ?, ?)').run(cycle.id, nodeId, t, w.user, w.now());
    appendHistory(w, { action: 'audit.note', referentialId: ref.id, nodeId, before: null, after: t });
    return { id: Number(info.lastInsertRowid), nodeId, texte: t, auteur: w.user, at: w.now() };
  });
}

/**
 * The auditor changes a statut while the audit is open: the same checks and cascade as `statuts.set`, recorded
 * under the auditor's name. @throws AUDIT_ETAPE when no audit is open; what `setStatut` throws.
 */
export function auditeurSetStatut(ctx: ServiceContext, input: SetStatutInput): { score: ScoreResult } & StatutWrite {
  const cycle = requireCycle(ctx, input.referentialId, ['ouvert'], { fr: `L'auditeur ne modifie un statut que pendant l'audit`, en: 'The auditor changes a status only during the audit' });
  return setStatut(writer(ctx, cycle), input);
}

/** The auditor changes an explication while the audit is open, under their name. @throws AUDIT_ETAPE; what `setExplication` throws. */
export function auditeurSetExplication(ctx: ServiceContext, referentialId: string, nodeId: string, explication: string | null): { ok: true } {
  const cycle = requireCycle(ctx, referentialId, ['ouvert'], {
    fr: `L'auditeur ne modifie une explication que pendant l'audit`,
    en: 'The auditor changes an explanation only during the audit',
  });
  return setExplication(writer(ctx, cycle), referentialId, nodeId, explication);
}
