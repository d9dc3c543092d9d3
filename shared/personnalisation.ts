/**
 * Personnalisation of the TETE referentials (tete-referentials.md §2.5): the authority's identity, the competence
 * questions and their answers. Pure: which questions are shown, which answers count, the checks an answer must
 * pass, the population tags of a number of inhabitants, and which mesures each question changes.
 * The formula language itself is in `shared/formula/`; the consequences on the score in
 * `shared/scoring/tete-personnalisation.ts`.
 */
import type { Referential } from './domain';
import { isUserError, UserError } from './errors';
import { checkResultType, estVisible, FormulaError, parseFormula, POPULATION_TAGS, questionsOf, reglesOf, walk, type Formula, type FormulaContext, type IdentiteCollectivite, type RegleType, type Reponse, type TypeValeur } from './formula';

/** The three kinds of question (§2.5): binaire → boolean, choix → option id, proportion → fraction 0..1. */
export type QuestionType = 'binaire' | 'choix' | 'proportion';

/** One option of a `choix` question (`voirie_1_b`, "Oui uniquement sur les trottoirs…"). */
export interface QuestionChoix {
  id: string;
  formulation: string;
  ordonnancement: number | null;
}

/**
 * A competence question (§1.5 `import-personnalisation-questions.csv`). `exprVisible` is the source text of the
 * visibility formula (null: always shown once the type matches); `typesConcernes` empty means every type.
 */
export interface Question {
  id: string;
  type: QuestionType;
  formulation: string;
  description: string | null;
  consignesJustification: string | null;
  thematiqueId: string;
  ordonnancement: number | null;
  exprVisible: string | null;
  typesConcernes: ('commune' | 'EPCI')[];
  competenceCode: string | null;
  choix: QuestionChoix[];
}

/** A thématique grouping questions on the questionnaire (`amenager`, "Aménager son territoire"). */
export interface Thematique {
  id: string;
  nom: string;
}

/** The stored identity of the authority, as the user enters it (the formula's tags are derived from it). */
export interface Identite {
  type: 'commune' | 'EPCI' | null;
  /** `epci_a_fiscalite_propre` | `syndicat` | `pole`, or null. */
  soustype: string | null;
  /** Inhabitants, or null when unknown (then no population tag holds). */
  population: number | null;
  localisation: 'DOM' | 'Metropole';
  dansAireUrbaine: boolean | null;
}

export const SOUSTYPES = ['epci_a_fiscalite_propre', 'syndicat', 'pole'] as const;

/**
 * The cumulative population tags of §2.5 for a number of inhabitants: `moins_de_N` when population < N,
 * `plus_de_N` when population ≥ N (so that exactly 20 000 inhabitants is "plus de 20 000", never both nor neither).
 * Unknown population (null) → no tag, so every `identite(population, …)` test is false.
 */
export function populationTags(population: number | null): string[] {
  if (population === null) return [];
  return POPULATION_TAGS.filter((tag) => {
    const [sens, n] = tag.startsWith('moins_de_') ? (['moins', Number(tag.slice(9))] as const) : (['plus', Number(tag.slice(8))] as const);
    return sens === 'moins' ? population < n : population >= n;
  });
}

/** The formula language's view of an identity (§2.5 `IdentiteCollectivite`). */
export function identiteFormule(identite: Identite): IdentiteCollectivite {
  return {
    type: identite.type,
    soustype: identite.soustype,
    population: populationTags(identite.population),
    localisation: identite.localisation,
    dansAireUrbaine: identite.dansAireUrbaine,
  };
}

const visibleFormulas = new WeakMap<Question, Formula | null>();

/**
 * The parsed visibility formula of a question (cached per Question object).
 * @throws UserError REFERENTIAL_INVALID naming the question when `exprVisible` does not parse.
 */
export function visibiliteOf(question: Question): Formula | null {
  if (visibleFormulas.has(question)) return visibleFormulas.get(question)!;
  let formula: Formula | null = null;
  if (question.exprVisible !== null && question.exprVisible.trim() !== '') {
    try {
      formula = parseFormula(question.exprVisible);
    } catch (e) {
      // A FormulaError's English sentence when it has one, else its French one.
      const why = { fr: (e as Error).message, en: isUserError(e) ? e.messageIn('en') : (e as Error).message };
      throw new UserError(
        'REFERENTIAL_INVALID',
        { fr: `La condition d'affichage de la question ${question.id} est invalide : ${why.fr}`, en: `The display condition of question ${question.id} is invalid: ${why.en}` },
        { field: question.id },
      );
    }
  }
  visibleFormulas.set(question, formula);
  return formula;
}

/**
 * The answers that count (§2.5 "answers to inactive questions are dropped before the rules are evaluated") and the
 * set of questions shown. A question is active when its `typesConcernes` is empty or holds the identity's type
 * (an unknown type sees every question) and its `exprVisible` gives true with the answers that are themselves
 * active. Visibility can chain (Bois_3 depends on Bois_2, which depends on Bois_1), so this iterates to a fixed
 * point. Answers to unknown question ids are dropped too (callers refuse them before storing).
 */
export function reponsesActives(
  questions: readonly Question[],
  identite: IdentiteCollectivite,
  reponses: ReadonlyMap<string, Reponse>,
): { actives: Map<string, Reponse>; visibles: Set<string> } {
  const byType = questions.filter((q) => q.typesConcernes.length === 0 || identite.type === null || q.typesConcernes.includes(identite.type));
  const answered = byType.filter((q) => reponses.has(q.id));
  let actives = new Map(answered.map((q) => [q.id, reponses.get(q.id)!]));
  let visibles = new Set<string>();
  // Fixed point of "active = answered and visible with the active answers". Chains are short (Bois_1 → Bois_2 →
  // Bois_3); the pass count is bounded in case a referential's conditions contradict each other.
  for (let pass = 0; pass <= answered.length + 1; pass++) {
    const context: FormulaContext = { identite, reponses: actives };
    visibles = new Set(byType.filter((q) => estVisible(visibiliteOf(q), context)).map((q) => q.id));
    const next = new Map(answered.filter((q) => visibles.has(q.id)).map((q) => [q.id, reponses.get(q.id)!]));
    const stable = next.size === actives.size && [...next.keys()].every((id) => actives.has(id));
    actives = next;
    if (stable) break;
  }
  return { actives, visibles };
}

/**
 * Checks an answer against its question (§2.5): binaire → boolean, choix → one of the question's option ids,
 * proportion → a number in 0..1. Returns the value to store.
 * @throws UserError INPUT_INVALID naming the question and what was expected.
 */
export function checkReponse(question: Question, valeur: unknown): Reponse {
  const fail = (attendu: string, en: string): never => {
    const got = JSON.stringify(valeur);
    throw new UserError(
      'INPUT_INVALID',
      { fr: `Réponse invalide à la question ${question.id} : ${attendu} (reçu ${got}).`, en: `Invalid answer to question ${question.id}: ${en} (received ${got}).` },
      { field: question.id },
    );
  };
  switch (question.type) {
    case 'binaire':
      return typeof valeur === 'boolean' ? valeur : fail('oui ou non attendu', 'yes or no expected');
    case 'choix': {
      const ids = question.choix.map((c) => c.id);
      return typeof valeur === 'string' && ids.includes(valeur) ? valeur : fail(`un de ${ids.join(', ')} attendu`, `one of ${ids.join(', ')} expected`);
    }
    case 'proportion':
      return typeof valeur === 'number' && Number.isFinite(valeur) && valeur >= 0 && valeur <= 1
        ? valeur
        : fail('une proportion entre 0 et 1 (0 % à 100 %) attendue', 'a proportion between 0 and 1 (0% to 100%) expected');
  }
}

/** One rule of a referential that reads a question: which node, which kind of rule. */
export interface QuestionImpact {
  referentialId: string;
  nodeId: string;
  regle: RegleType;
}

/**
 * For each question id, the rules of the given referentials that read it through `reponse(…)` (§2.5), in node
 * order: what the questionnaire shows as "mesures concernées". Rules that do not parse are skipped here (the
 * importer refuses them).
 */
export function impactsParQuestion(referentials: readonly Referential[]): Map<string, QuestionImpact[]> {
  const result = new Map<string, QuestionImpact[]>();
  for (const ref of referentials) {
    let list;
    try {
      list = reglesOf(ref).list;
    } catch {
      continue;
    }
    for (const regle of list) {
      for (const q of questionsOf(regle.formula)) {
        const impacts = result.get(q) ?? [];
        impacts.push({ referentialId: ref.id, nodeId: regle.nodeId, regle: regle.type });
        result.set(q, impacts);
      }
    }
  }
  return result;
}

/**
 * Question ids the rules of `referential` read that `known` does not hold: a referential whose rules ask
 * questions the workspace cannot answer would score as if they were unanswered. Sorted.
 */
export function questionsInconnues(referential: Referential, known: ReadonlySet<string>): string[] {
  const missing = new Set<string>();
  for (const regle of reglesOf(referential).list) for (const q of questionsOf(regle.formula)) if (!known.has(q)) missing.add(q);
  return [...missing].sort();
}

/**
 * Checks a referential's rules against the question pool (§2.5, §2.6): `reponse(q, v)` must compare with a value the
 * question can take (OUI / NON for a binaire, one of its options for a choix, a number for a proportion), and a rule
 * must give the type of its kind once `reponse(q)` is typed by its question (a proportion is a number, a binaire a
 * boolean). Questions absent from the pool are left to `questionsInconnues`.
 * @throws FormulaError naming the node, the rule and the column.
 */
export function checkReglesQuestions(referential: Referential, questions: readonly Question[]): void {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const typeOfAnswer = (id: string): TypeValeur => {
    const q = byId.get(id);
    return q === undefined ? 'inconnu' : q.type === 'binaire' ? 'booleen' : q.type === 'proportion' ? 'nombre' : 'texte';
  };
  for (const regle of reglesOf(referential).list) {
    const origin = { nodeId: regle.nodeId, regle: regle.type };
    walk(regle.formula, (f) => {
      if (f.kind !== 'reponse' || f.valeur === null) return;
      const q = byId.get(f.question);
      if (!q) return;
      const ok =
        q.type === 'binaire' ? typeof f.valeur === 'boolean' : q.type === 'proportion' ? typeof f.valeur === 'number' : q.choix.some((c) => c.id === f.valeur);
      if (ok) return;
      const attendu = q.type === 'binaire' ? 'OUI ou NON' : q.type === 'proportion' ? 'un nombre' : `une de ses options (${q.choix.map((c) => c.id).join(', ')})`;
      const expected = q.type === 'binaire' ? 'OUI or NON' : q.type === 'proportion' ? 'a number' : `one of its options (${q.choix.map((c) => c.id).join(', ')})`;
      throw new FormulaError(
        regle.formule,
        f.offset,
        { fr: `la question ${q.id} (${q.type}) ne peut pas valoir « ${String(f.valeur)} » : ${attendu} attendu`, en: `question ${q.id} (${q.type}) cannot be “${String(f.valeur)}”: ${expected} expected` },
        origin,
      );
    });
    checkResultType(regle.formule, regle.formula, regle.type, origin, typeOfAnswer);
  }
}
