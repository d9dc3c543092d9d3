/**
 * Syntax tree of a personnalisation formula (tete-referentials.md §2.6). Every node keeps `offset`, its 0-based
 * position in the source text, for messages. Calls with a fixed meaning (`identite`, `reponse`, `score`,
 * indicators) have their own node kinds, their arguments checked at parse time.
 */

/** Fields `identite(field, value)` accepts (§2.5 IdentiteCollectivite, §2.6). */
export type ChampIdentite = 'type' | 'soustype' | 'population' | 'localisation' | 'dans_aire_urbaine';

/** Binary operators, loosest first: ou < et < comparison < + - < * / (§2.6 "Precedence"). */
export type Operateur = 'ou' | 'et' | '=' | '<' | '>' | '<=' | '>=' | '+' | '-' | '*' | '/';

/** A literal argument: a bare identifier (a string), a boolean (VRAI/OUI, FAUX/NON) or a number. */
export type Litteral = string | boolean | number;

export type Formula =
  /** `si condition alors alors [sinon sinon]`; a missing sinon is null. */
  | { kind: 'si'; offset: number; condition: Formula; alors: Formula; sinon: Formula | null }
  | { kind: 'binaire'; offset: number; op: Operateur; left: Formula; right: Formula }
  /** Unary minus. */
  | { kind: 'oppose'; offset: number; operand: Formula }
  /** A number, a boolean, or a bare identifier read as a string (`EPCI`, `voirie_1_b`). */
  | { kind: 'litteral'; offset: number; value: Litteral }
  | { kind: 'minmax'; offset: number; fonction: 'min' | 'max'; args: [Formula, Formula] }
  /** `identite(champ, valeur)`; `valeur` is canonical (e.g. `EPCI`, `Metropole`), a boolean for dans_aire_urbaine. */
  | { kind: 'identite'; offset: number; champ: ChampIdentite; valeur: string | boolean }
  /** `reponse(question)` (the answer) or `reponse(question, valeur)` (strict equality test). */
  | { kind: 'reponse'; offset: number; question: string; valeur: Litteral | null }
  /** `score(nodeId)`: the done-ratio of a node (score rules only). */
  | { kind: 'score'; offset: number; nodeId: string }
  /** `val(ind)`, `opt_val(ind)`, `limite(ind)`, `cible(ind)`: indicator formulas (§1.3 `expr_score`), parsed but
   * evaluated to null (out of scope). */
  | { kind: 'indicateur'; offset: number; fonction: 'val' | 'opt_val' | 'limite' | 'cible'; indicateur: string };
