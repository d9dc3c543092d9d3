/**
 * A "situation" file: an authority's identity, answers and statuts in the YAML layout of the platform's scoring
 * fixtures (tete-referentials.md §2.8 B: `Collectivité`, `Réponses`, `Statuts`, optional `Scores` and `Test`),
 * scored without touching the workspace (`label-audit score REF --situation FILE.yml`). Lets a user, an auditor
 * or a test check our numbers against the national engine's, case by case.
 */
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { Referential, StatutRecord } from '../../shared/domain';
import { isUserError, UserError } from '../../shared/errors';
import { POPULATION_TAGS, type IdentiteCollectivite, type Reponse } from '../../shared/formula';
import { checkReponse, reponsesActives, type Question } from '../../shared/personnalisation';
import { personnalisationOf, type Personnalisation } from '../../shared/scoring';
import type { SourceFile } from './referential/source';
import { canHoldStatut } from './services/statuts';

/** A parsed situation: what the engine needs. `statuts` by node id; `desactives` the nodes the file says are
 * expected deactivated (`desactive`, not a statut: the rules decide). */
export interface Situation {
  identite: IdentiteCollectivite;
  reponses: Map<string, Reponse>;
  statuts: Map<string, StatutRecord>;
  desactives: string[];
}

const STATUT_ALIASES: Record<string, 'fait' | 'programme' | 'pas_fait' | 'non_renseigne' | 'non_concerne' | 'desactive'> = {
  fait: 'fait',
  programme: 'programme',
  pas_fait: 'pas_fait',
  'pas fait': 'pas_fait',
  non_renseigne: 'non_renseigne',
  'non renseigne': 'non_renseigne',
  non_concerne: 'non_concerne',
  'non concerne': 'non_concerne',
  desactive: 'desactive',
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a situation file for `referential`, in either layout:
 * - the CLI contract (JSON, or the same in YAML): `{"identite": {"type": "commune"|"EPCI", "soustype": …,
 *   "population": [tags], "localisation": "DOM"|"metropole", "dansAireUrbaine": bool}, "reponses": {QUESTION: true |
 *   false | "CHOICE_ID" | 0.35}, "statuts": {NODE: "fait" | … | [f, p, pf]}}`; missing identity fields default to a
 *   commune in metropolitan France with no population tag;
 * - the platform's fixtures (§2.8 B), where a missing type stays unknown. Their accepted values: `Collectivité.type` [commune | EPCI],
 * `population` [tags of §2.5], `localisation` [DOM | Metropole], `soustype`, `dans_aire_urbaine`; `Réponses`
 * OUI / NON (binaire), an option id (choix), a number 0..1 (proportion) — checked against `questions` when the
 * workspace has a question pool, and the ids must then be known; `Statuts` fait, programme, pas_fait,
 * non_renseigne, non_concerne (spaces accepted for underscores), a triplet [fait, programmé, pas fait] summing to
 * 1 (détaillé), or `desactive` (an expectation, not a statut).
 * @throws UserError INPUT_INVALID naming the file and the key (YAML syntax with its line, an unknown section,
 *   node, tag, question, statut, or an answer of the wrong type).
 */
export function parseSituation(file: SourceFile, referential: Referential, questions: readonly Question[] = []): Situation {
  const bad: (where: string, fr: string, en: string) => never = (where, fr, en) => {
    throw new UserError('INPUT_INVALID', { fr: `Situation « ${file.name} », ${where} : ${fr}.`, en: `Situation “${file.name}”, ${where}: ${en}.` }, { file: file.name, field: where });
  };
  let doc: unknown;
  const json = file.name.toLowerCase().endsWith('.json');
  if (json) {
    try {
      doc = JSON.parse(file.text.replace(/^\uFEFF/, ''));
    } catch (e) {
      const pos = /position (\d+)/.exec((e as Error).message)?.[1];
      const line = pos === undefined ? undefined : file.text.slice(0, Number(pos)).split('\n').length;
      throw new UserError(
        'INPUT_INVALID',
        {
          fr: `Situation « ${file.name} » : JSON illisible${line ? ` ligne ${line}` : ''} (virgule, guillemet ou accolade en trop ou manquant).`,
          en: `Situation “${file.name}”: unreadable JSON${line ? ` at line ${line}` : ''} (a comma, quote or brace too many or missing).`,
        },
        { file: file.name, ...(line ? { row: line } : {}) },
      );
    }
  } else {
    try {
      doc = parseYaml(file.text);
    } catch (e) {
      const line = e instanceof YAMLParseError ? e.linePos?.[0]?.line : undefined;
      const why = (e as Error).message.split('\n')[0];
      throw new UserError(
        'INPUT_INVALID',
        { fr: `Situation « ${file.name} » : YAML illisible${line ? ` ligne ${line}` : ''} (${why}).`, en: `Situation “${file.name}”: unreadable YAML${line ? ` at line ${line}` : ''} (${why}).` },
        { file: file.name, ...(line ? { row: line } : {}) },
      );
    }
  }
  if (!isRecord(doc)) {
    bad('racine', 'un document avec les sections identite, reponses, statuts (ou Collectivité, Réponses, Statuts) est attendu', 'a document with the sections identite, reponses, statuts (or Collectivité, Réponses, Statuts) is expected');
  }
  const root = doc as Record<string, unknown>;
  // Two layouts: the CLI contract's JSON (`identite`, `reponses`, `statuts`; a missing type is a commune) and the
  // platform's fixtures (`Collectivité`, `Réponses`, `Statuts`; a missing type is unknown, as the fixtures expect).
  const contract = Object.keys(root).length === 0 || Object.keys(root).some((k) => k === 'identite' || k === 'reponses' || k === 'statuts');
  const S = contract
    ? { identite: 'identite', reponses: 'reponses', statuts: 'statuts', aire: 'dansAireUrbaine', all: ['identite', 'reponses', 'statuts'] }
    : { identite: 'Collectivité', reponses: 'Réponses', statuts: 'Statuts', aire: 'dans_aire_urbaine', all: ['Test', 'Collectivité', 'Réponses', 'Statuts', 'Scores'] };
  for (const key of Object.keys(root)) if (!S.all.includes(key)) bad(key, `section inconnue (${S.all.join(', ')})`, `unknown section (${S.all.join(', ')})`);

  const identite: IdentiteCollectivite = { type: contract ? 'commune' : null, soustype: null, population: [], localisation: 'Metropole', dansAireUrbaine: null };
  const coll = root[S.identite] ?? {};
  if (!isRecord(coll)) bad(S.identite, 'une liste de champs est attendue', 'a list of fields is expected');
  const list = (key: string): string[] => {
    const v = (coll as Record<string, unknown>)[key];
    if (v === undefined || v === null) return [];
    const values = Array.isArray(v) ? v : [v];
    return values.map((x) => (typeof x === 'string' || typeof x === 'boolean' ? String(x) : bad(`${S.identite}.${key}`, `valeur ${JSON.stringify(x)} inattendue`, `unexpected value ${JSON.stringify(x)}`)));
  };
  const champs = ['type', 'soustype', 'population', 'localisation', S.aire];
  for (const key of Object.keys(coll as object)) if (!champs.includes(key)) bad(`${S.identite}.${key}`, `champ inconnu (${champs.join(', ')})`, `unknown field (${champs.join(', ')})`);
  const [type, ...moreTypes] = list('type');
  if (moreTypes.length > 0) bad(`${S.identite}.type`, 'un seul type attendu', 'a single type is expected');
  if (type !== undefined) identite.type = type === 'commune' || type === 'EPCI' ? type : bad(`${S.identite}.type`, `« ${type} » inconnu (commune ou EPCI)`, `unknown “${type}” (commune or EPCI)`);
  const [soustype] = list('soustype');
  if (soustype !== undefined) identite.soustype = ['epci_a_fiscalite_propre', 'syndicat', 'pole'].includes(soustype) ? soustype : bad(`${S.identite}.soustype`, `« ${soustype} » inconnu`, `unknown “${soustype}”`);
  identite.population = list('population').map((t) => ((POPULATION_TAGS as readonly string[]).includes(t) ? t : bad(`${S.identite}.population`, `étiquette « ${t} » inconnue (${POPULATION_TAGS.join(', ')})`, `unknown tag “${t}” (${POPULATION_TAGS.join(', ')})`)));
  const [loc] = list('localisation');
  if (loc !== undefined) {
    const l = loc.toLowerCase();
    identite.localisation = l === 'dom' ? 'DOM' : l === 'metropole' || l === 'métropole' ? 'Metropole' : bad(`${S.identite}.localisation`, `« ${loc} » inconnue (DOM ou metropole)`, `unknown “${loc}” (DOM or metropole)`);
  }
  const [aire] = list(S.aire);
  if (aire !== undefined) identite.dansAireUrbaine = aire === 'true' || aire === 'OUI' ? true : aire === 'false' || aire === 'NON' ? false : bad(`${S.identite}.${S.aire}`, 'oui ou non attendu', 'yes or no expected (OUI / NON, true / false)');

  const reponses = new Map<string, Reponse>();
  const rep = root[S.reponses] ?? {};
  if (!isRecord(rep)) bad(S.reponses, 'une liste « question: réponse » est attendue', 'a list “question: answer” is expected');
  const pool = new Map(questions.map((q) => [q.id, q]));
  for (const [id, raw] of Object.entries(rep as Record<string, unknown>)) {
    const value: Reponse =
      raw === 'OUI' || raw === true ? true : raw === 'NON' || raw === false ? false : typeof raw === 'number' || typeof raw === 'string' ? raw : bad(`${S.reponses}.${id}`, `réponse ${JSON.stringify(raw)} illisible`, `unreadable answer ${JSON.stringify(raw)}`);
    if (pool.size > 0) {
      const q = pool.get(id);
      if (!q) bad(`${S.reponses}.${id}`, "question inconnue de l'espace de travail", 'question unknown to the workspace');
      try {
        checkReponse(q, value);
      } catch (e) {
        bad(`${S.reponses}.${id}`, (e as Error).message.replace(/\.$/, ''), (isUserError(e) ? e.messageIn('en') : (e as Error).message).replace(/\.$/, ''));
      }
    } else if (typeof value === 'number' && !(value >= 0 && value <= 1)) bad(`${S.reponses}.${id}`, `proportion ${value} hors de 0..1`, `proportion ${value} outside 0..1`);
    reponses.set(id, value);
  }

  const statuts = new Map<string, StatutRecord>();
  const desactives: string[] = [];
  const sts = root[S.statuts] ?? {};
  if (!isRecord(sts)) bad(S.statuts, 'une liste « nœud: statut » est attendue', 'a list “node: status” is expected');
  const known = new Set(referential.nodes.map((n) => n.id));
  for (const [nodeId, raw] of Object.entries(sts as Record<string, unknown>)) {
    if (!known.has(nodeId)) bad(`${S.statuts}.${nodeId}`, `nœud inconnu du référentiel ${referential.id}`, `node unknown to the referential ${referential.id}`);
    // As set-statut: statuts go on sous-actions and tâches (tete-referentials.md §2.1), never on axes or mesures.
    if (!canHoldStatut(referential, nodeId)) {
      bad(`${S.statuts}.${nodeId}`, 'ce nœud ne prend pas de statut (seulement les sous-actions et les tâches)', 'this node takes no status (only the sub-actions and the tasks)');
    }
    if (Array.isArray(raw)) {
      const ok = raw.length === 3 && raw.every((x) => typeof x === 'number' && x >= 0 && x <= 1) && Math.abs((raw as number[]).reduce((a, b) => a + b, 0) - 1) < 1e-9;
      if (!ok) {
        bad(
          `${S.statuts}.${nodeId}`,
          `détaillé attendu en trois fractions [fait, programmé, pas fait] de somme 1 (reçu ${JSON.stringify(raw)})`,
          `detailed expected as three fractions [done, planned, not done] summing to 1 (received ${JSON.stringify(raw)})`,
        );
      }
      statuts.set(nodeId, { nodeId, avancement: 'detaille', detail: raw as [number, number, number], concerne: true });
      continue;
    }
    const s = typeof raw === 'string' ? STATUT_ALIASES[raw.trim().toLowerCase()] : undefined;
    if (s === undefined) {
      const accepted = 'fait, programme, pas_fait, non_renseigne, non_concerne, [f, p, pf], desactive';
      bad(`${S.statuts}.${nodeId}`, `statut ${JSON.stringify(raw)} inconnu (${accepted})`, `unknown status ${JSON.stringify(raw)} (${accepted})`);
    }
    if (s === 'desactive') desactives.push(nodeId);
    else if (s === 'non_concerne') statuts.set(nodeId, { nodeId, avancement: 'non_renseigne', detail: null, concerne: false });
    else statuts.set(nodeId, { nodeId, avancement: s, detail: null, concerne: true });
  }
  return { identite, reponses, statuts, desactives };
}

/**
 * The personnalisation of a situation (§2.3 inputs): answers to questions hidden by their visibility formula or
 * type are dropped first when the workspace has a question pool (§2.5); without a pool every answer counts.
 */
export function situationPersonnalisation(referential: Referential, situation: Situation, questions: readonly Question[] = []): Personnalisation {
  const reponses = questions.length > 0 ? reponsesActives(questions, situation.identite, situation.reponses).actives : situation.reponses;
  return personnalisationOf(referential, { identite: situation.identite, reponses });
}
