/**
 * Personnalisation of the workspace (tete-referentials.md §2.5): the authority's identity, the pool of competence
 * questions (imported from the platform's CSVs) and the answers with their justification. Every write is one
 * transaction with its history event; the scores read `personnalisationFor` (§2.3 inputs).
 */
import type { Referential } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import {
  checkReponse,
  identiteFormule,
  impactsParQuestion,
  questionsInconnues,
  reponsesActives,
  SOUSTYPES,
  type Identite,
  type Question,
  type QuestionImpact,
  type Thematique,
  visibiliteOf,
} from '../../../shared/personnalisation';
import { questionsOf, type Reponse } from '../../../shared/formula';
import { personnalisationOf, type Personnalisation } from '../../../shared/scoring';
import { parseQuestionsCsv } from '../referential/questions-csv';
import type { SourceFile } from '../referential/source';
import { type ServiceContext, inTransaction } from './context';
import { appendHistory } from './history';
import { referentialIds } from './referential-store';
import { getReferential } from './referentials';
import { checkPersonnalisationUnlocked } from './audit-lock';

interface WorkspaceIdentiteRow {
  type_collectivite: 'commune' | 'EPCI' | 'autre';
  soustype: string | null;
  population: number | null;
  localisation: 'DOM' | 'Metropole';
  dans_aire_urbaine: number | null;
}

/** The authority's identity (workspace row). Type `autre` (a syndicat, a département…) is no formula type: null. */
export function getIdentite(ctx: ServiceContext): Identite {
  const r = ctx.db.prepare('SELECT type_collectivite, soustype, population, localisation, dans_aire_urbaine FROM workspace LIMIT 1').get() as
    | WorkspaceIdentiteRow
    | undefined;
  if (!r) throw new UserError('NOT_FOUND', { fr: "Cet espace de travail n'a pas de collectivité enregistrée.", en: 'This workspace has no local authority recorded.' }, {});
  return {
    type: r.type_collectivite === 'autre' ? null : r.type_collectivite,
    soustype: r.soustype,
    population: r.population,
    localisation: r.localisation,
    dansAireUrbaine: r.dans_aire_urbaine === null ? null : r.dans_aire_urbaine === 1,
  };
}

/** Fields of `setIdentite`; undefined keeps the stored value. */
export type IdentiteUpdate = Partial<Identite>;
export type { Identite };

/**
 * Updates the identity (the workspace's type and population included), with an `identite.update` history event.
 * @throws UserError INPUT_INVALID for an unknown sous-type, a sous-type on a commune, a population that is not a
 *   whole non-negative number.
 */
export function setIdentite(ctx: ServiceContext, patch: IdentiteUpdate): Identite {
  checkPersonnalisationUnlocked(ctx, { fr: "L'identité de la collectivité", en: 'The identity of the local authority' });
  const before = getIdentite(ctx);
  const after: Identite = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
  if (after.soustype !== null && !(SOUSTYPES as readonly string[]).includes(after.soustype)) {
    throw new UserError(
      'INPUT_INVALID',
      { fr: `Sous-type « ${after.soustype} » inconnu (${SOUSTYPES.join(', ')}).`, en: `Unknown sub-type “${after.soustype}” (${SOUSTYPES.join(', ')}).` },
      { field: 'soustype' },
    );
  }
  if (after.type === 'commune' && after.soustype !== null) {
    throw new UserError(
      'INPUT_INVALID',
      { fr: "Une commune n'a pas de sous-type (il ne s'applique qu'aux EPCI).", en: 'A municipality (commune) has no sub-type (it applies only to EPCIs).' },
      { field: 'soustype' },
    );
  }
  if (after.population !== null && (!Number.isInteger(after.population) || after.population < 0)) {
    throw new UserError(
      'INPUT_INVALID',
      { fr: `La population doit être un nombre entier d'habitants (reçu ${after.population}).`, en: `The population must be a whole number of inhabitants (received ${after.population}).` },
      { field: 'population' },
    );
  }
  if (JSON.stringify(after) === JSON.stringify(before)) return before;
  inTransaction(ctx, () => {
    ctx.db
      .prepare('UPDATE workspace SET type_collectivite = ?, soustype = ?, population = ?, localisation = ?, dans_aire_urbaine = ?')
      .run(after.type ?? 'autre', after.soustype, after.population, after.localisation, after.dansAireUrbaine === null ? null : after.dansAireUrbaine ? 1 : 0);
    appendHistory(ctx, { action: 'identite.update', before, after });
  });
  return getIdentite(ctx);
}

const questionCache = new WeakMap<ServiceContext, { questions: Question[]; thematiques: Thematique[] }>();

interface QuestionRow {
  id: string;
  type: Question['type'];
  formulation: string;
  description: string | null;
  consignes_justification: string | null;
  thematique_id: string;
  ordonnancement: number | null;
  expr_visible: string | null;
  types_concernes: string;
  competence_code: string | null;
}

/** The question pool and its thématiques, in import order (cached until the next import). */
export function listQuestions(ctx: ServiceContext): { questions: Question[]; thematiques: Thematique[] } {
  const cached = questionCache.get(ctx);
  if (cached) return cached;
  const rows = ctx.db.prepare('SELECT * FROM question ORDER BY ordre').all() as QuestionRow[];
  const choix = ctx.db.prepare('SELECT question_id, id, formulation, ordonnancement FROM question_choix ORDER BY ordre').all() as {
    question_id: string;
    id: string;
    formulation: string;
    ordonnancement: number | null;
  }[];
  const questions: Question[] = rows.map((r) => ({
    id: r.id,
    type: r.type,
    formulation: r.formulation,
    description: r.description,
    consignesJustification: r.consignes_justification,
    thematiqueId: r.thematique_id,
    ordonnancement: r.ordonnancement,
    exprVisible: r.expr_visible,
    typesConcernes: JSON.parse(r.types_concernes) as Question['typesConcernes'],
    competenceCode: r.competence_code,
    choix: choix.filter((c) => c.question_id === r.id).map((c) => ({ id: c.id, formulation: c.formulation, ordonnancement: c.ordonnancement })),
  }));
  const thematiques = ctx.db.prepare('SELECT id, nom FROM question_thematique ORDER BY ordre').all() as Thematique[];
  const built = { questions, thematiques };
  questionCache.set(ctx, built);
  return built;
}

/** What an import of the question pool did. `reponsesOrphelines`: stored answers whose question is no longer in
 * the pool (kept, not counted). `questionsManquantes`: question ids the imported referentials' rules read that the
 * pool lacks (those rules then see them unanswered). */
export interface QuestionsImportResult {
  questions: number;
  thematiques: number;
  reponsesOrphelines: string[];
  questionsManquantes: string[];
}

/**
 * Replaces the question pool with the given CSVs (see `parseQuestionsCsv`), in one transaction with a
 * `questions.import` history event. Answers are never deleted.
 * @throws UserError from `parseQuestionsCsv` (file, row, cell); REFERENTIAL_INVALID when the pool lacks a question
 *   the stored TETE referentials' rules read (named); nothing stored changes.
 */
export function importQuestions(ctx: ServiceContext, files: readonly SourceFile[]): QuestionsImportResult {
  const parsed = parseQuestionsCsv(files);
  const ids = new Set(parsed.questions.map((q) => q.id));
  // A pool that lacks a question the stored referentials' rules read would silently stop counting its answer.
  const lacking = [...new Set(tetes(ctx).flatMap((ref) => questionsInconnues(ref, ids)))].sort();
  if (lacking.length > 0) {
    const more = lacking.length > 10 ? ` et ${lacking.length - 10} autre(s)` : '';
    const moreEn = lacking.length > 10 ? ` and ${lacking.length - 10} other(s)` : '';
    const shown = lacking.slice(0, 10).join(', ');
    throw new UserError(
      'REFERENTIAL_INVALID',
      {
        fr: `Ces questions manquent alors que les règles des référentiels importés les lisent : ${shown}${more}. Importez la liste complète des questions. Rien n'a été modifié.`,
        en: `These questions are missing although the rules of the imported referentials read them: ${shown}${moreEn}. Import the complete list of questions. Nothing was changed.`,
      },
      { field: lacking[0] },
    );
  }
  inTransaction(ctx, () => {
    ctx.db.exec('DELETE FROM question_choix; DELETE FROM question; DELETE FROM question_thematique;');
    const insT = ctx.db.prepare('INSERT INTO question_thematique (id, nom, ordre) VALUES (?, ?, ?)');
    parsed.thematiques.forEach((t, i) => insT.run(t.id, t.nom, i));
    // Thématiques named by questions but absent from the thématiques file are listed under their id.
    const known = new Set(parsed.thematiques.map((t) => t.id));
    let ordre = parsed.thematiques.length;
    for (const q of parsed.questions) {
      if (!known.has(q.thematiqueId)) {
        insT.run(q.thematiqueId, q.thematiqueId, ordre++);
        known.add(q.thematiqueId);
      }
    }
    const insQ = ctx.db.prepare(
      `INSERT INTO question (id, type, formulation, description, consignes_justification, thematique_id, ordonnancement, expr_visible,
        types_concernes, competence_code, ordre) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insC = ctx.db.prepare('INSERT INTO question_choix (question_id, id, formulation, ordonnancement, ordre) VALUES (?, ?, ?, ?, ?)');
    parsed.questions.forEach((q, i) => {
      insQ.run(q.id, q.type, q.formulation, q.description, q.consignesJustification, q.thematiqueId, q.ordonnancement, q.exprVisible, JSON.stringify(q.typesConcernes), q.competenceCode, i);
      q.choix.forEach((c, j) => insC.run(q.id, c.id, c.formulation, c.ordonnancement, j));
    });
    appendHistory(ctx, { action: 'questions.import', after: { questions: parsed.questions.length, thematiques: parsed.thematiques.length, fichiers: files.map((f) => f.name) } });
  });
  questionCache.delete(ctx);
  const reponses = ctx.db.prepare('SELECT question_id FROM reponse ORDER BY question_id').all() as { question_id: string }[];
  return {
    questions: parsed.questions.length,
    thematiques: countThematiques(parsed),
    reponsesOrphelines: reponses.map((r) => r.question_id).filter((id) => !ids.has(id)),
    questionsManquantes: [...new Set(tetes(ctx).flatMap((ref) => questionsInconnues(ref, ids)))].sort(),
  };
}

const countThematiques = (p: { thematiques: Thematique[]; questions: Question[] }): number => new Set([...p.thematiques.map((t) => t.id), ...p.questions.map((q) => q.thematiqueId)]).size;

/** The stored TETE referentials (the only ones with personnalisation rules). */
function tetes(ctx: ServiceContext): Referential[] {
  return referentialIds(ctx.db)
    .map((id) => getReferential(ctx, id))
    .filter((r) => r.model === 'tete');
}

/** One stored answer, with who gave it and when. */
export interface ReponseView {
  questionId: string;
  valeur: Reponse;
  justification: string | null;
  modifiedAt: string;
  modifiedBy: string;
}

/** Every stored answer by question id (answers to hidden questions included: they are kept, not counted). */
export function listReponses(ctx: ServiceContext): Map<string, ReponseView> {
  const rows = ctx.db.prepare('SELECT * FROM reponse ORDER BY question_id').all() as {
    question_id: string;
    valeur: string;
    justification: string | null;
    modified_at: string;
    modified_by: string;
  }[];
  return new Map(
    rows.map((r) => [r.question_id, { questionId: r.question_id, valeur: JSON.parse(r.valeur) as Reponse, justification: r.justification, modifiedAt: r.modified_at, modifiedBy: r.modified_by }]),
  );
}

/** Input of `setReponse`: `valeur` null clears the answer; `justification` undefined keeps the stored text. */
export interface SetReponseInput {
  questionId: string;
  valeur: Reponse | null;
  justification?: string | null;
}

/**
 * Records (or clears) the answer to one question, with a `reponse.set` history event (before → after). Nothing
 * is written when nothing changes.
 * @throws UserError NOT_FOUND for a question the pool does not hold; INPUT_INVALID for an answer of the wrong
 *   type, an unknown option, a proportion outside 0..1 (`checkReponse`), or a justification over 5 000 characters.
 */
export function setReponse(ctx: ServiceContext, input: SetReponseInput): ReponseView | null {
  const question = listQuestions(ctx).questions.find((q) => q.id === input.questionId);
  if (!question) {
    throw new UserError(
      'NOT_FOUND',
      {
        fr: `Question de personnalisation « ${input.questionId} » inconnue : importez les questions, ou vérifiez l'identifiant.`,
        en: `Unknown customisation question “${input.questionId}”: import the questions, or check the identifier.`,
      },
      { field: input.questionId },
    );
  }
  checkPersonnalisationUnlocked(ctx, { fr: `La réponse à la question ${question.id}`, en: `The answer to question ${question.id}` });
  const valeur = input.valeur === null ? null : checkReponse(question, input.valeur);
  const before = listReponses(ctx).get(question.id) ?? null;
  const justification = input.justification === undefined ? (before?.justification ?? null) : input.justification?.trim() || null;
  if (justification !== null && justification.length > 5000) {
    throw new UserError(
      'INPUT_INVALID',
      { fr: `La justification de la question ${question.id} dépasse 5 000 caractères.`, en: `The justification of question ${question.id} is longer than 5,000 characters.` },
      { field: 'justification' },
    );
  }
  const beforeState = before ? { valeur: before.valeur, justification: before.justification } : null;
  const afterState = valeur === null ? null : { valeur, justification };
  if (JSON.stringify(beforeState) === JSON.stringify(afterState)) return before;
  inTransaction(ctx, () => {
    if (afterState === null) ctx.db.prepare('DELETE FROM reponse WHERE question_id = ?').run(question.id);
    else {
      ctx.db
        .prepare(
          `INSERT INTO reponse (question_id, valeur, justification, modified_at, modified_by) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (question_id) DO UPDATE SET valeur = excluded.valeur, justification = excluded.justification,
             modified_at = excluded.modified_at, modified_by = excluded.modified_by`,
        )
        .run(question.id, JSON.stringify(afterState.valeur), afterState.justification, ctx.now(), ctx.user);
    }
    appendHistory(ctx, { action: 'reponse.set', nodeId: null, before: beforeState ? { question: question.id, ...beforeState } : null, after: afterState ? { question: question.id, ...afterState } : null });
  });
  return listReponses(ctx).get(question.id) ?? null;
}

/**
 * The personnalisation consequences for one referential (§2.3 inputs): from the identity and the answers that
 * count (hidden questions dropped, §2.5). Empty for models other than tete.
 * @throws FormulaError only for a stored referential whose rules do not parse (the importers refuse them).
 */
export function personnalisationFor(ctx: ServiceContext, referential: Referential): Personnalisation {
  if (referential.model !== 'tete') return {};
  const identite = identiteFormule(getIdentite(ctx));
  const stored = new Map([...listReponses(ctx)].map(([id, r]) => [id, r.valeur]));
  const { actives } = reponsesActives(listQuestions(ctx).questions, identite, stored);
  return personnalisationOf(referential, { identite, reponses: actives });
}

/** One question as the questionnaire shows it. */
export interface QuestionnaireItem {
  question: Question;
  /** Shown (type and visibility formula); a hidden question's answer is kept but not counted. */
  visible: boolean;
  reponse: ReponseView | null;
  /** The rules that read this question, with the mesure's identifiant and name and its current consequence. */
  impacts: (QuestionImpact & { identifiant: string; nom: string; desactive: boolean; facteur: number | null; pointReferentiel: number })[];
}

/** The questionnaire screen's data: identity, thématiques in order, each with its questions in order. */
export interface Questionnaire {
  identite: Identite;
  thematiques: { thematique: Thematique; questions: QuestionnaireItem[] }[];
  /** Answers to questions the pool no longer holds (kept, not counted). */
  reponsesOrphelines: ReponseView[];
  /** Question ids the stored referentials' rules read but the pool lacks (empty pool: every id). */
  questionsManquantes: string[];
}

/**
 * Everything the questionnaire shows. With `seulementUtiles` (default true) only questions that a stored
 * referential's rule reads, or whose visibility another such question depends on, are listed.
 */
export function questionnaire(ctx: ServiceContext, opts: { seulementUtiles?: boolean } = {}): Questionnaire {
  const identite = getIdentite(ctx);
  const { questions, thematiques } = listQuestions(ctx);
  const reponses = listReponses(ctx);
  const refs = tetes(ctx);
  const impacts = impactsParQuestion(refs);
  const formule = identiteFormule(identite);
  const { visibles, actives } = reponsesActives(
    questions,
    formule,
    new Map([...reponses].map(([id, r]) => [id, r.valeur])),
  );
  const perso = new Map(refs.map((ref) => [ref.id, personnalisationOf(ref, { identite: formule, reponses: actives })]));
  const nodes = new Map(refs.flatMap((ref) => ref.nodes.map((n) => [n.id, n] as const)));
  // Questions a rule reads, plus those their visibility depends on (transitively): AOM_2 needs AOM_1 answered.
  const utiles = new Set(impacts.keys());
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const id of [...utiles]) {
    const stack = [id];
    while (stack.length > 0) {
      const q = byId.get(stack.pop()!);
      const formula = q ? visibiliteOf(q) : null;
      for (const dep of formula ? questionsOf(formula) : []) {
        if (!utiles.has(dep)) {
          utiles.add(dep);
          stack.push(dep);
        }
      }
    }
  }
  const all = opts.seulementUtiles === false;
  const items = questions
    .filter((q) => all || utiles.has(q.id))
    .map((q): QuestionnaireItem => ({
      question: q,
      visible: visibles.has(q.id),
      reponse: reponses.get(q.id) ?? null,
      impacts: (impacts.get(q.id) ?? []).map((i) => {
        const n = nodes.get(i.nodeId);
        const c = perso.get(i.referentialId)?.[i.nodeId];
        return {
          ...i,
          identifiant: n?.identifiant ?? i.nodeId,
          nom: n?.nom ?? '',
          desactive: c?.desactive === true,
          facteur: c?.potentielPerso ?? null,
          pointReferentiel: n?.pointReferentiel ?? 0,
        };
      }),
    }));
  const ids = new Set(questions.map((q) => q.id));
  return {
    identite,
    thematiques: thematiques
      .map((t) => ({ thematique: t, questions: items.filter((i) => i.question.thematiqueId === t.id) }))
      .filter((t) => t.questions.length > 0),
    reponsesOrphelines: [...reponses.values()].filter((r) => !ids.has(r.questionId)),
    questionsManquantes: [...new Set(refs.flatMap((ref) => questionsInconnues(ref, ids)))].sort(),
  };
}
