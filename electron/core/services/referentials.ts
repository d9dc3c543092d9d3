/**
 * Referentials of the workspace: list, read (cached), import and re-import (DOMAIN.md "Referentials to support").
 * A re-import of the same id replaces the tree but keeps the statuts, pilotes and preuves of nodes that still
 * exist; it is refused, naming them, when statuts exist on nodes that would disappear.
 */
import type { Referential, ScoringModel } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import { questionsOf, reglesOf } from '../../../shared/formula';
import { checkReglesQuestions, questionsInconnues } from '../../../shared/personnalisation';
import { importReferentialFiles, importReferentialFilesAsync, type ImportInput, type ImportOptions } from '../referential';
import type { SourceFile } from '../referential/source';
import { type ServiceContext, inTransaction } from './context';
import { appendHistory } from './history';
import { listQuestions } from './personnalisation';
import { treeIndex } from './tree';
import { checkTree, loadReferential, nodeIds, referentialIds, saveReferential } from './referential-store';

/** One line of `referentials.list`: `nodes` = node count without the root; `points` = root pointReferentiel. */
export interface ReferentialSummary {
  id: string;
  version: string;
  nom: string;
  model: ScoringModel;
  avertissement: string | null;
  nodes: number;
  points: number;
  importedAt: string;
}

/** Result of an import: id, version, node count without root, root points. */
export interface ImportResult {
  id: string;
  version: string;
  nodes: number;
  points: number;
}

/**
 * The tree of referential `referentialId`, from the cache or the store.
 * Throws UserError REFERENTIAL_UNKNOWN naming it when it is not in the workspace.
 */
export function getReferential(ctx: ServiceContext, referentialId: string): Referential {
  const cached = ctx.cache.get(referentialId);
  if (cached) return cached;
  const loaded = loadReferential(ctx.db, referentialId);
  if (!loaded) {
    throw new UserError(
      'REFERENTIAL_UNKNOWN',
      { fr: `Le référentiel « ${referentialId} » n'est pas chargé dans cet espace de travail.`, en: `The referential “${referentialId}” is not loaded in this workspace.` },
      { field: 'referentialId' },
      { referentialId },
    );
  }
  const { importedAt: _importedAt, ...ref } = loaded;
  ctx.cache.set(referentialId, ref);
  return ref;
}

/** Every referential of the workspace, sorted by id. */
export function listReferentials(ctx: ServiceContext): ReferentialSummary[] {
  return referentialIds(ctx.db).map((id) => {
    const ref = getReferential(ctx, id);
    const row = ctx.db.prepare('SELECT imported_at FROM referential WHERE id = ?').get(id) as { imported_at: string };
    return {
      id: ref.id,
      version: ref.version,
      nom: ref.nom,
      model: ref.model,
      avertissement: ref.avertissement,
      nodes: ref.nodes.length - 1,
      points: ref.nodes[0]?.pointReferentiel ?? 0,
      importedAt: row.imported_at,
    };
  });
}

/** JSON text with object keys sorted and undefined dropped, to compare two trees by content. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** Whether the stored tree already holds exactly `ref` (import date aside). */
function sameReferential(stored: Referential & { importedAt: string }, ref: Referential): boolean {
  const { importedAt: _importedAt, ...rest } = stored;
  return canonical(rest) === canonical(ref);
}

/** What `checkStore` found: the stored version and model (absent on a first import), and the node ids that go. */
export interface StoreCheck {
  previous: { version: string; model: ScoringModel } | undefined;
  vanishing: string[];
}

/**
 * The checks `storeReferential` makes before writing, alone (the import with progress runs them in its
 * « Vérification » step, before the backup, then `storeReferential` runs them again inside its synchronous store).
 * Throws UserError REFERENTIAL_INVALID (bad tree; statuts on nodes the new version removes — listed, at most 10
 * named; a change of scoring model while statuts exist; unknown personnalisation questions); writes nothing.
 */
export function checkStore(ctx: ServiceContext, ref: Referential): StoreCheck {
  checkTree(ref);
  checkQuestions(ctx, ref);
  const newIds = new Set(ref.nodes.map((n) => n.id));
  const vanishing = nodeIds(ctx.db, ref.id).filter((id) => !newIds.has(id));
  if (vanishing.length > 0) {
    const withStatut = (ctx.db.prepare('SELECT node_id FROM statut WHERE referential_id = ? ORDER BY node_id').all(ref.id) as { node_id: string }[])
      .map((r) => r.node_id)
      .filter((id) => !newIds.has(id));
    if (withStatut.length > 0) {
      const shown = withStatut.slice(0, 10).join(', ');
      const more = withStatut.length > 10 ? ` et ${withStatut.length - 10} autre(s)` : '';
      const moreEn = withStatut.length > 10 ? ` and ${withStatut.length - 10} other(s)` : '';
      throw new UserError(
        'REFERENTIAL_INVALID',
        {
          fr: `La nouvelle version du référentiel ${ref.id} supprime ${withStatut.length} nœud(s) qui ont un statut : ${shown}${more}. Rien n'a été modifié.`,
          en: `The new version of the referential ${ref.id} removes ${withStatut.length} item(s) that have a status: ${shown}${moreEn}. Nothing was changed.`,
        },
        { nodeId: withStatut[0] },
      );
    }
  }
  const previous = ctx.db.prepare('SELECT version, model FROM referential WHERE id = ?').get(ref.id) as { version: string; model: ScoringModel } | undefined;
  if (previous && previous.model !== ref.model) {
    const n = (ctx.db.prepare('SELECT COUNT(*) AS n FROM statut WHERE referential_id = ?').get(ref.id) as { n: number }).n;
    if (n > 0) {
      throw new UserError(
        'REFERENTIAL_INVALID',
        {
          fr: `La nouvelle version du référentiel ${ref.id} change de modèle de calcul (${previous.model} → ${ref.model}) alors que ${n} statut(s) sont saisis : importez-la sous un autre identifiant. Rien n'a été modifié.`,
          en: `The new version of the referential ${ref.id} changes the scoring model (${previous.model} → ${ref.model}) while ${n} status(es) are entered: import it under another identifier. Nothing was changed.`,
        },
        { field: 'model' },
      );
    }
  }
  return { previous, vanishing };
}

/**
 * Stores `ref` in one transaction with a `referential.import` history event, and drops the cached tree; the same
 * content again writes nothing and records nothing (the pack date does not move).
 * Throws what `checkStore` throws; nothing is written then.
 */
export function storeReferential(ctx: ServiceContext, ref: Referential): ImportResult {
  const { previous, vanishing } = checkStore(ctx, ref);
  const result: ImportResult = { id: ref.id, version: ref.version, nodes: ref.nodes.length - 1, points: ref.nodes[0]?.pointReferentiel ?? 0 };
  const stored = previous ? loadReferential(ctx.db, ref.id) : null;
  if (stored && sameReferential(stored, ref)) return result; // the same content again: nothing written, no history event
  inTransaction(ctx, () => {
    saveReferential(ctx.db, ref, ctx.now());
    appendHistory(ctx, {
      action: 'referential.import',
      referentialId: ref.id,
      before: previous ? { version: previous.version, nodesRemoved: vanishing.length } : null,
      after: result,
    });
  });
  ctx.cache.delete(ref.id);
  return result;
}

/**
 * Refuses a TETE referential whose personnalisation rules read questions the workspace's question pool lacks
 * (tete-referentials.md §2.5): they would silently count as unanswered. No check while the pool is empty (the
 * questions may be imported after the referential; the questionnaire then lists the missing ids).
 * @throws UserError REFERENTIAL_INVALID naming the referential, the unknown question ids (at most 10) and a node;
 *   FormulaError when a rule compares a question with a value it cannot take or gives the wrong type (§2.6).
 */
function checkQuestions(ctx: ServiceContext, ref: Referential): void {
  if (ref.model !== 'tete') return;
  const pool = new Set((ctx.db.prepare('SELECT id FROM question').all() as { id: string }[]).map((r) => r.id));
  if (pool.size === 0) return;
  const missing = questionsInconnues(ref, pool);
  if (missing.length === 0) {
    // Known questions: each rule must compare them with values they can take and give the type of its kind.
    checkReglesQuestions(ref, listQuestions(ctx).questions);
    return;
  }
  const node = reglesOf(ref).list.find((r) => questionsOf(r.formula).includes(missing[0]!))?.nodeId;
  const more = missing.length > 10 ? ` et ${missing.length - 10} autre(s)` : '';
  const moreEn = missing.length > 10 ? ` and ${missing.length - 10} other(s)` : '';
  const shown = missing.slice(0, 10).join(', ');
  throw new UserError(
    'REFERENTIAL_INVALID',
    {
      fr: `Les règles de personnalisation du référentiel ${ref.id} lisent ${missing.length} question(s) inconnue(s) de l'espace de travail : ${shown}${more} (par exemple sur ${node ?? '?'}). Importez d'abord les questions à jour (label-audit import-questions). Rien n'a été modifié.`,
      en: `The customisation rules of the referential ${ref.id} read ${missing.length} question(s) unknown to the workspace: ${shown}${moreEn} (for example on ${node ?? '?'}). First import the up-to-date questions (label-audit import-questions). Nothing was changed.`,
    },
    { nodeId: node },
  );
}

/**
 * Imports text files (paths or decoded SourceFiles) through the format dispatcher, then stores the referential.
 * Synchronous, for callers inside a transaction (the demo seed); a workbook needs `importReferentialAsync`.
 */
export function importReferential(ctx: ServiceContext, files: string[] | SourceFile[], opts: ImportOptions = {}): ImportResult {
  return storeReferential(ctx, importReferentialFiles(files, opts));
}

/**
 * Imports any files — paths, decoded SourceFiles or bytes, an Excel workbook included (`importReferentialFilesAsync`)
 * — then stores the referential (`storeReferential`). The file is fully parsed and checked before the store is
 * touched: on any UserError nothing is written.
 */
export async function importReferentialAsync(ctx: ServiceContext, files: readonly ImportInput[], opts: ImportOptions = {}): Promise<ImportResult> {
  return storeReferential(ctx, await importReferentialFilesAsync(files, opts));
}

/** The node `nodeId` of `ref`, or UserError NODE_UNKNOWN naming both. */
export function requireNode(ref: Referential, nodeId: string): Referential['nodes'][number] {
  const node = treeIndex(ref).byId.get(nodeId);
  if (!node) {
    throw new UserError(
      'NODE_UNKNOWN',
      { fr: `Le nœud « ${nodeId} » n'existe pas dans le référentiel ${ref.id}.`, en: `The item “${nodeId}” does not exist in the referential ${ref.id}.` },
      { nodeId },
      { nodeId, referentialId: ref.id },
    );
  }
  return node;
}
