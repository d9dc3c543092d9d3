/**
 * Readiness for a label: the checklist of what a demande needs for a target étoile / niveau, each condition met or
 * not, with what is missing (numbers), what to do and where (DOMAIN.md "Audit cycle": demande).
 * TETE (CAE, ECi): tete-referentials.md §3 "Labelling thresholds (étoiles)" — the score thresholds, the per-action
 * prerequisites and the "Other conditions enforced by the platform before a request" (complétude 100 %, global
 * % fait ≥ seuil, every per-action criterion, a candidature document, élu référent and référent technique named).
 * Label NR (points): complétude, score ≥ the niveau's seuil, and the référents the referential file asks for
 * (critère meta `referent`). Thresholds live in the referential (`Referential.niveaux`), never here.
 * Pure: the caller passes the tree, the engine's ScoreResult (after personnalisation), and what the store knows.
 */
import type { Niveau, NodeScore, Referential, ReferentialNode, ScoreResult } from './domain';
import { UserError } from './errors';
import type { Lang } from './locale';
import { ratioBase, ratioBaseKind, ratioFait, speaksConformite } from './scoring/ratios';
import { ratiosOf } from './scoring/tete';
import {
  articleDe,
  articleLe,
  capitalize,
  ceil3,
  count,
  elide,
  formatPoints,
  formatPts,
  levelWord,
  lisible,
  lowerFirst,
  pct,
  plural,
  round3,
  seuilPct,
} from './readiness-words';

/**
 * One per-action prerequisite (§3 "Per-action prerequisites"; platform table `labellisation.action_critere`, one row
 * of `derived/labellisation-criteres-action.csv`). Percentages 0..100 as in the source.
 */
export interface CritereLabellisation {
  /** Lowest étoile the criterion applies to (it applies up to the next criterion of the same action). */
  etoile: number;
  /** Order of the criteria of one étoile. */
  priorite: number;
  referentiel: string;
  /** Node id of the action (any level: mesure, sous-action, tâche), e.g. `cae_5.1.2.1.1`. */
  actionId: string;
  formulation: string;
  /** Met when % fait ≥ this (0..100). */
  minRealisePourcentage: number;
  /** Also met when % fait + % programmé ≥ this (0..100); null when only `minRealisePourcentage` counts. */
  minProgrammePourcentage: number | null;
}

/**
 * A role that must be named before a demande (§3 condition 5): the pilotes of the mesure holding `actionId`
 * (CAE élu référent 5.1.2.1.1, référent technique 5.1.1.1.3; ECi 1.1.1.1 and 1.1.1.3).
 */
export interface ReferentLabellisation {
  /** Stable key (`elu`, `technique`, or the critère id for a grid's référent). */
  role: string;
  /** Role name shown, e.g. "Élu·e référent·e". */
  nom: string;
  actionId: string;
}

/** The candidature documents expected for some étoiles (§3 condition 4), in words: "l'acte d'engagement signé". */
export interface DocumentsCandidatureAttendus {
  etoiles: number[];
  texte: string;
}

/**
 * What a referential asks beyond the score, from the app's bundled file `referential/tete-criteres-labellisation.json`
 * (TETE). `criteres` are this referential's only. Null in the context for referentials the file does not list.
 */
export interface ExigencesLabellisation {
  /** Validity of the label in years (§3 "Rulebook facts": 4 for CAE / ECi), or null. */
  validiteAnnees: number | null;
  criteres: CritereLabellisation[];
  referents: ReferentLabellisation[];
  /** Empty when the referential asks for no candidature document. */
  documentsCandidature: DocumentsCandidatureAttendus[];
}

/** What the store knows that the score does not. */
export interface ReadinessContext {
  /** Preuves attached to the referential's root node (node id = referential id): the candidature documents. */
  documentsCandidature: ReadonlyArray<{ id: string; titre: string }>;
  /** Pilote names by node id (nodes without pilote may be absent). */
  pilotes: Readonly<Record<string, readonly string[]>>;
  exigences: ExigencesLabellisation | null;
}

/** A screen a condition points to: the referential tree, or the documents section of the Candidature screen. */
export type ReadinessScreen = 'referentiel' | 'documents-candidature';

/** One condition of the checklist. */
export interface ReadinessCondition {
  /**
   * Stable id: `completude`, `score`, `critere:<nodeId>`, `documents-candidature`, `referent:<role>`.
   */
  id: string;
  met: boolean;
  /** True when the condition does not apply (désactivé by personnalisation, non concerné): counted as met. */
  sansObjet: boolean;
  /** What is required, in French: "Critère 1.1.2 : Engager un diagnostic territorial". */
  label: string;
  /** Where things stand, with numbers: "12,5 % fait, il faut 20 %". */
  detail: string;
  /** What to do; null when the condition is met. */
  action: string | null;
  /** Where to do it: a node of the tree (`#/referentiel/<id>/<nodeId>`) or a screen. */
  where: { nodeId?: string; screen?: ReadinessScreen };
}

/** The checklist for one target niveau. */
export interface Readiness {
  referentialId: string;
  /** The target étoile / niveau. */
  cible: Niveau;
  /** Every condition met. */
  met: boolean;
  conditions: ReadinessCondition[];
  /** Validity of the label in years (TETE from the bundled file, Label NR from the grid's `validiteAnnees`), or null. */
  validiteAnnees: number | null;
}

/** Only against float noise in `ratio >= seuil` (as the engine's niveau): far below the 0.001-point resolution. */
const EPSILON = 1e-9;
/** Display statuts meaning "this sous-action has its own statut" (tete-referentials.md §2.1). */
const OWN_STATUT = new Set(['fait', 'programme', 'pas_fait', 'detaille']);

/**
 * The default target of the checklist (tete-referentials.md §4.2 "Préparation": the max of the label obtained, the
 * next étoile and the étoile the score allows; no label is recorded in the app, so): the niveau the score reaches
 * (`score.root.niveau`), else the lowest niveau. Returns its `rang`.
 * @throws UserError INPUT_INVALID when the referential has no niveaux (RGESN).
 */
export function defaultCible(referential: Referential, score: ScoreResult): number {
  const niveaux = sortedNiveaux(referential);
  const reached = score.root.niveau?.rang ?? 0;
  return Math.max(niveaux[0]!.rang, reached);
}

/**
 * The checklist of a demande for niveau `target` (a `rang` of `referential.niveaux`), in this order:
 * 1. `completude`: every scoring leaf has a statut (non concerné counts), for every étoile (§3 condition 1); the
 *    detail counts what is missing (and in how many mesures, TETE) and `where` is the first element without statut.
 * 2. `score`: `score.root.score` (pointFait / pointPotentiel after personnalisation, unrounded ratio of the engine's
 *    points) ≥ the niveau's `seuil`; a value just under (34,9996 % for 35 %) is not reached (§3 condition 2).
 * 3. `critere:<actionId>` (TETE, from `context.exigences.criteres`): per action the criterion with the highest étoile
 *    ≤ target; met if % fait ≥ min_realise, or % fait + % programmé ≥ min_programme when set; judged on the parent
 *    sous-action when that one has its own statut; désactivé by the personnalisation → met, `sansObjet`; declared
 *    non concerné by the user → unmet (the criterion stays required); a 0-point node uses
 *    the leaf-count ratios (`ratiosOf`, §2.2); an action absent from the imported tree is not met (§3 condition 3).
 * 4. `documents-candidature` (when the exigences expect documents): at least one preuve on the root (§3 condition 4;
 *    the COT exception for the first étoile is not modelled).
 * 5. `referent:<role>`: someone is pilote of the mesure holding the role's action (§3 condition 5), or of a node
 *    between that mesure and the action; roles from the exigences (TETE) and from critères whose meta carries
 *    `referent` (the grid file's own référents, Label NR).
 * `lang` is the language of every `label`, `detail` and `action` (issue 8 item 2): French by default (the
 * reference), English for the screens in English; the referential's own texts (node names, critère formulations,
 * niveau names, a grid's référent) stay as the referential writes them.
 * @throws UserError INPUT_INVALID (field `target`) when the referential has no niveaux or `target` is not one of
 *   them; the message lists the valid ones.
 */
export function readiness(referential: Referential, score: ScoreResult, context: ReadinessContext, target: number, lang: Lang = 'fr'): Readiness {
  const niveaux = sortedNiveaux(referential);
  const cible = niveaux.find((n) => n.rang === target);
  if (!cible) {
    throw new UserError(
      'INPUT_INVALID',
      {
        fr: `Niveau visé « ${target} » inconnu pour le référentiel ${referential.id} : choisissez parmi ${niveaux.map((n) => `${n.rang} (${n.nom})`).join(', ')}.`,
        en: `Unknown target level “${target}” for the referential ${referential.id}: choose among ${niveaux.map((n) => `${n.rang} (${n.nom})`).join(', ')}.`,
      },
      { field: 'target' },
    );
  }
  const tree = indexTree(referential);
  const conditions: ReadinessCondition[] = [completudeCondition(referential, tree, score, lang), scoreCondition(referential, score, cible, lang)];
  const exigences = context.exigences;
  if (exigences) {
    for (const critere of criteresFor(exigences.criteres, cible.rang)) conditions.push(critereCondition(referential, tree, score, critere, lang));
    if (exigences.documentsCandidature.length > 0) conditions.push(documentsCondition(exigences.documentsCandidature, context.documentsCandidature, cible, lang));
  }
  for (const referent of referentsOf(referential, exigences)) conditions.push(referentCondition(referential, tree, context.pilotes, referent, lang));
  const gridValidite = Number(referential.nodes.find((n) => n.parentId === null)?.meta.validiteAnnees);
  return {
    referentialId: referential.id,
    cible: { ...cible },
    met: conditions.every((c) => c.met),
    conditions,
    validiteAnnees: exigences?.validiteAnnees ?? (Number.isInteger(gridValidite) && gridValidite > 0 ? gridValidite : null),
  };
}

/**
 * For target étoile `rang`: per action, the criterion with the highest étoile ≤ `rang` (§3), ordered by étoile then
 * priorité (the ★1 list first, then what a higher étoile adds or tightens).
 */
export function criteresFor(criteres: readonly CritereLabellisation[], rang: number): CritereLabellisation[] {
  const byAction = new Map<string, CritereLabellisation>();
  for (const c of criteres) {
    if (c.etoile > rang) continue;
    const kept = byAction.get(c.actionId);
    if (!kept || c.etoile > kept.etoile) byAction.set(c.actionId, c);
  }
  return [...byAction.values()].sort((a, b) => a.etoile - b.etoile || a.priorite - b.priorite);
}

// ---- The conditions ----

interface TreeIdx {
  byId: Map<string, ReferentialNode>;
  children: Map<string, ReferentialNode[]>;
  root: ReferentialNode;
}

/** The French or the English text, as `lang` asks. */
const say = (lang: Lang, fr: string, en: string) => (lang === 'en' ? en : fr);

function completudeCondition(ref: Referential, tree: TreeIdx, score: ScoreResult, lang: Lang): ReadinessCondition {
  const root = score.root;
  const total = root.totalTachesCount;
  const missing = Math.max(0, round3(total - root.completedTachesCount));
  const met = total > 0 && missing === 0;
  const en = lang === 'en';
  const label = say(lang, 'Référentiel renseigné à 100\u202f% (complétude)', 'Referential filled in at 100% (completeness)');
  if (met) {
    const all = `${count(total, lang)} / ${count(total, lang)}`;
    return { id: 'completude', met, sansObjet: false, label, detail: say(lang, `Tout est renseigné : ${all}.`, `Everything is filled in: ${all}.`), action: null, where: {} };
  }
  const first = firstIncomplete(tree, score);
  const leaf = levelWord(ref, ref.hierarchie.length - 1, lang);
  const what = en
    ? ref.model === 'tete'
      ? missing > 1 || missing < 1
        ? 'elements (tasks or sub-actions)'
        : 'element (task or sub-action)'
      : missing === 1
        ? leaf
        : plural(leaf)
    : ref.model === 'tete'
      ? missing > 1
        ? 'éléments (tâches ou sous-actions)'
        : 'élément (tâche ou sous-action)'
      : missing > 1
        ? plural(leaf)
        : leaf;
  let detail = en
    ? `Completeness ${pct(root.completude, lang)}: ${count(missing, lang)} ${what} without a status out of ${count(total, lang)}`
    : `Complétude ${pct(root.completude)} : ${count(missing)} ${what} sans statut sur ${count(total)}`;
  if (ref.model === 'tete') {
    const mesures = ref.nodes.filter((n) => n.depth === ref.actionLevel);
    const open = mesures.filter((n) => {
      const s = score.nodes[n.id];
      return s !== undefined && s.completedTachesCount < s.totalTachesCount;
    }).length;
    detail += en
      ? `, in ${count(open, lang)} ${open === 1 ? 'measure' : 'measures'} out of ${count(mesures.length, lang)}`
      : `, dans ${count(open)} ${open > 1 ? 'mesures' : 'mesure'} sur ${count(mesures.length)}`;
  }
  detail += first ? say(lang, ` ; le premier : ${first.identifiant} « ${lisible(first.nom)} ».`, `; the first: ${first.identifiant} “${lisible(first.nom)}”.`) : '.';
  const conformite = speaksConformite(ref.model);
  return {
    id: 'completude',
    met,
    sansObjet: false,
    label,
    detail,
    action: en
      ? `Give every element a status (“${conformite ? 'not applicable' : 'not concerned'}” counts too)${first ? `, starting with ${first.identifiant}` : ''}.`
      : `Donnez un statut à chaque élément (« ${conformite ? 'non applicable' : 'non concerné'} » compte aussi)${first ? `, en commençant par ${first.identifiant}` : ''}.`,
    where: first ? { nodeId: first.id } : { screen: 'referentiel' },
  };
}

/**
 * The score condition of the models judged on what is evaluated (RGAA `rate`, RGESN `weighted`, guide `progress`;
 * DOMAIN.md): conformes (or faites) over the évalués, in their own words; a niveau at 0 % has no minimum.
 */
function scoreConditionEvalues(ref: Referential, score: ScoreResult, cible: Niveau, lang: Lang): ReadinessCondition {
  const root = score.root;
  const value = ratioFait(ref.model, root);
  const base = ratioBase(ref.model, root);
  const counts = ref.model !== 'weighted';
  const en = lang === 'en';
  const progress = ref.model === 'progress';
  const w = en
    ? progress
      ? { ok: 'done', what: 'practices', one: 'practice', evaluated: 'filled in', evaluatedOne: 'filled in' }
      : { ok: 'compliant', what: 'criteria', one: 'criterion', evaluated: 'evaluated', evaluatedOne: 'evaluated' }
    : progress
      ? { ok: 'faites', what: 'pratiques', one: 'pratique', evaluated: 'renseignées', evaluatedOne: 'renseignée' }
      : { ok: 'conformes', what: 'critères', one: 'critère', evaluated: 'évalués', evaluatedOne: 'évalué' };
  const fig = (x: number) => (counts ? count(Math.round(x), lang) : formatPoints(x, lang));
  const seuil = seuilPct(cible.seuil * 100, lang);
  const state =
    value === null
      ? say(lang, `Aucun des ${w.what} n'est encore ${w.evaluatedOne}`, `None of the ${w.what} is ${w.evaluatedOne} yet`)
      : say(lang, `${pct(value)} ${w.ok} (${fig(root.pointFait)} sur ${fig(base)} ${w.evaluated})`, `${pct(value, lang)} ${w.ok} (${fig(root.pointFait)} of ${fig(base)} ${w.evaluated})`);
  if (cible.seuil <= 0) {
    return { id: 'score', met: true, sansObjet: false, label: say(lang, `Score : pas de minimum pour ${cible.nom}`, `Score: no minimum for ${cible.nom}`), detail: `${state}.`, action: null, where: {} };
  }
  const label = say(lang, `Au moins ${seuil} de ${w.what} ${w.ok} (${cible.nom})`, `At least ${seuil} of ${w.what} ${w.ok} (${cible.nom})`);
  const met = value !== null && value + EPSILON >= cible.seuil;
  const detail = say(lang, `${state}, il faut ${seuil}.`, `${state}, ${seuil} needed.`);
  if (met) return { id: 'score', met, sansObjet: false, label, detail, action: null, where: {} };
  const manque = value === null ? null : Math.max(counts ? 1 : 0.001, counts ? Math.ceil(cible.seuil * base - root.pointFait - EPSILON) : ceil3(cible.seuil * base - root.pointFait));
  let action: string;
  if (manque === null) {
    action = en
      ? `Evaluate the ${w.what} (${progress ? 'done, planned, not done' : 'compliant, non-compliant'} or not applicable).`
      : `Évaluez les ${w.what} (${progress ? 'fait, programmé, pas fait' : 'conforme, non conforme'} ou non applicable).`;
  } else if (en) {
    action = `${fig(manque)} more ${manque === 1 ? w.one : w.what} ${w.ok} needed on the current base: work on the ${w.what} not ${w.ok}.`;
  } else {
    action = `Il manque ${fig(manque)} ${manque > 1 ? w.what : w.what.slice(0, -1)} ${manque > 1 ? w.ok : w.ok.slice(0, -1)} sur la base actuelle : traitez les ${w.what} non ${w.ok}.`;
  }
  return { id: 'score', met, sansObjet: false, label, detail, action, where: { screen: 'referentiel' } };
}

function scoreCondition(ref: Referential, score: ScoreResult, cible: Niveau, lang: Lang): ReadinessCondition {
  if (ratioBaseKind(ref.model) === 'evalues') return scoreConditionEvalues(ref, score, cible, lang);
  const root = score.root;
  const value = root.score;
  const hors = say(lang, 'Vérifiez le référentiel et la personnalisation : tous les points sont hors potentiel.', 'Check the referential and the customisation: every point is outside the potential.');
  if (cible.seuil <= 0) {
    const met = value !== null;
    return {
      id: 'score',
      met,
      sansObjet: false,
      label: say(lang, `Score : pas de minimum pour ${cible.nom}`, `Score: no minimum for ${cible.nom}`),
      detail: met
        ? say(lang, `${pct(value)} fait ; ${cible.nom} n'exige pas de score minimum.`, `${pct(value, lang)} done; ${cible.nom} requires no minimum score.`)
        : say(lang, 'Score non calculable : aucun point potentiel.', 'Score not computable: no potential points.'),
      action: met ? null : hors,
      where: met ? {} : { screen: 'referentiel' },
    };
  }
  const seuil = seuilPct(cible.seuil * 100, lang);
  const label = say(lang, `Score d'au moins ${seuil} fait (${cible.nom})`, `Score of at least ${seuil} done (${cible.nom})`);
  if (value === null) {
    return {
      id: 'score',
      met: false,
      sansObjet: false,
      label,
      detail: say(lang, `Score non calculable (aucun point potentiel), il faut ${seuil}.`, `Score not computable (no potential points), ${seuil} needed.`),
      action: hors,
      where: { screen: 'referentiel' },
    };
  }
  const met = value + EPSILON >= cible.seuil;
  const points = `${formatPoints(root.pointFait, lang)} / ${formatPts(root.pointPotentiel, lang)}`;
  const state = say(lang, `${pct(value)} fait (${points}), il faut ${seuil}`, `${pct(value, lang)} done (${points}), ${seuil} needed`);
  if (met) {
    return { id: 'score', met, sansObjet: false, label, detail: `${state}.`, action: null, where: {} };
  }
  const manque = ceil3(Math.max(0.001, cible.seuil * root.pointPotentiel - root.pointFait));
  const tete = ref.model === 'tete';
  return {
    id: 'score',
    met,
    sansObjet: false,
    label,
    detail: say(lang, `${state} : il manque ${formatPts(manque)}.`, `${state}: ${formatPts(manque, lang)} missing.`),
    action: say(
      lang,
      `Gagnez au moins ${formatPts(manque)} de plus en passant des ${tete ? 'sous-actions ou tâches' : 'critères'} à « fait ».`,
      `Gain at least ${formatPts(manque, lang)} more by setting ${tete ? 'sub-actions or tasks' : 'criteria'} to “done”.`,
    ),
    where: { screen: 'referentiel' },
  };
}

function critereCondition(ref: Referential, tree: TreeIdx, score: ScoreResult, c: CritereLabellisation, lang: Lang): ReadinessCondition {
  const id = `critere:${c.actionId}`;
  const node = tree.byId.get(c.actionId);
  const s = node ? score.nodes[node.id] : undefined;
  const need = requirement(c, lang);
  const critere = say(lang, 'Critère', 'Criterion');
  if (!node || !s) {
    return {
      id,
      met: false,
      sansObjet: false,
      label: say(lang, `Critère ${c.actionId} : ${lisible(c.formulation)}`, `Criterion ${c.actionId}: ${lisible(c.formulation)}`),
      detail: say(
        lang,
        `${c.actionId} n'existe pas dans la version ${ref.version} du référentiel importé : ce critère ne peut pas être vérifié (il faut ${need}).`,
        `${c.actionId} does not exist in version ${ref.version} of the imported referential: this criterion cannot be checked (${need} needed).`,
      ),
      action: say(lang, `Importez la version du référentiel ${ref.id} qui contient ${c.actionId}.`, `Import the version of the referential ${ref.id} that contains ${c.actionId}.`),
      where: { screen: 'referentiel' },
    };
  }
  const label = `${critere} ${node.identifiant}${say(lang, ' : ', ': ')}${lisible(c.formulation)}`;
  // §3 skips only actions deactivated by the personnalisation. One the user declares non concerné stays required: the
  // platform judges it on its leaves (fait 0) and refuses the request.
  if (s.desactive) {
    return {
      id,
      met: true,
      sansObjet: true,
      label,
      detail: say(lang, `Sans objet : ${node.identifiant} est désactivé par la personnalisation.`, `Not applicable: ${node.identifiant} is deactivated by the customisation.`),
      action: null,
      where: { nodeId: node.id },
    };
  }
  if (!s.concerne) {
    return {
      id,
      met: false,
      sansObjet: false,
      label,
      detail: say(
        lang,
        `${node.identifiant} est déclaré non concerné, mais ce critère de labellisation reste exigé (il faut ${need}).`,
        `${node.identifiant} is declared not concerned, but this labelling criterion is still required (${need} needed).`,
      ),
      action: say(
        lang,
        `Ouvrez ${node.identifiant} et donnez-lui son vrai statut : « non concerné » ne dispense pas d'un critère de labellisation.`,
        `Open ${node.identifiant} and give it its real status: “not concerned” does not exempt from a labelling criterion.`,
      ),
      where: { nodeId: node.id },
    };
  }
  // §3: "the parent is used instead of the action when the parent sous-action has its own status".
  const parent = node.parentId !== null ? tree.byId.get(node.parentId) : undefined;
  const parentScore = parent && parent.depth > ref.actionLevel ? score.nodes[parent.id] : undefined;
  const onParent = parent !== undefined && parentScore !== undefined && parentScore.statut !== null && OWN_STATUT.has(parentScore.statut);
  const judged = onParent ? parent : node;
  const js: NodeScore = onParent ? parentScore : s;
  const r = ratiosOf(js);
  const minR = c.minRealisePourcentage / 100;
  const minP = c.minProgrammePourcentage === null ? null : c.minProgrammePourcentage / 100;
  const met = r.fait + EPSILON >= minR || (minP !== null && r.fait + r.programme + EPSILON >= minP);
  let detail: string;
  if (lang === 'en') {
    const where = onParent ? ` (status entered on the sub-action ${judged.identifiant})` : '';
    const state = js.completedTachesCount === 0 ? 'not filled in' : `${pct(r.fait, lang)} done${minP !== null ? `, ${pct(r.programme, lang)} planned` : ''}`;
    detail = `${capitalize(state)}${where}, ${need} needed.`;
  } else {
    const where = onParent ? ` (statut saisi sur la sous-action ${judged.identifiant})` : '';
    const state = js.completedTachesCount === 0 ? 'non renseigné' : `${pct(r.fait)} fait${minP !== null ? `, ${pct(r.programme)} programmé` : ''}`;
    detail = `${capitalize(state)}${where}, il faut ${need}.`;
  }
  if (met) return { id, met, sansObjet: false, label, detail, action: null, where: { nodeId: judged.id } };
  return { id, met, sansObjet: false, label, detail, action: critereAction(ref, tree, judged, js, c, lang), where: { nodeId: judged.id } };
}

/** "100 % fait", "100 % fait ou programmé", "20 % fait", "50 % fait, ou 80 % fait + programmé" (en "100% done or planned"…). */
function requirement(c: CritereLabellisation, lang: Lang = 'fr'): string {
  const r = seuilPct(c.minRealisePourcentage, lang);
  const [fait, ou, programme] = lang === 'en' ? ['done', 'or', 'planned'] : ['fait', 'ou', 'programmé'];
  if (c.minProgrammePourcentage === null) return `${r} ${fait}`;
  if (c.minProgrammePourcentage === c.minRealisePourcentage) return `${r} ${fait} ${ou} ${programme}`;
  return `${r} ${fait}, ${ou} ${seuilPct(c.minProgrammePourcentage, lang)} ${fait} + ${programme}`;
}

function critereAction(ref: Referential, tree: TreeIdx, judged: ReferentialNode, js: NodeScore, c: CritereLabellisation, lang: Lang): string {
  const holdsStatut = judged.depth > ref.actionLevel;
  const hasChildren = (tree.children.get(judged.id)?.length ?? 0) > 0;
  const whole = c.minRealisePourcentage >= 100 && (c.minProgrammePourcentage === null || c.minProgrammePourcentage >= 100);
  const en = lang === 'en';
  if (holdsStatut && whole) {
    if (en) return `Set ${judged.identifiant}${hasChildren ? ' (or all its tasks)' : ''} to ${c.minProgrammePourcentage === null ? '“done”' : '“done” or “planned”'}.`;
    const statuts = c.minProgrammePourcentage === null ? '« fait »' : '« fait » ou « programmé »';
    return `Passez ${judged.identifiant}${hasChildren ? ' (ou toutes ses tâches)' : ''} à ${statuts}.`;
  }
  const word = levelWord(ref, judged.depth, lang);
  const base = en ? `Move the ${word} ${judged.identifiant} forward to ${requirement(c, lang)}` : `Faites avancer ${articleLe(word)} ${judged.identifiant} jusqu'à ${requirement(c)}`;
  if (js.pointPotentiel > 0) {
    const manque = ceil3(Math.max(0.001, (c.minRealisePourcentage / 100) * js.pointPotentiel - js.pointFait));
    return en ? `${base}: ${formatPts(manque, lang)} missing.` : `${base} : il manque ${formatPts(manque)}.`;
  }
  return `${base}.`;
}

/** English words of the bundled file's candidature documents (referential/tete-criteres-labellisation.json). */
const DOCUMENTS_EN: Record<string, string> = {
  "l'acte d'engagement signé": 'the signed commitment deed',
  'le dossier de demande de labellisation et ses annexes': 'the labelling application file and its appendices',
  "le courrier d'acte de candidature et l'arrêté de création de l'EPCI": 'the application letter and the order creating the EPCI',
};

function documentsCondition(attendus: readonly DocumentsCandidatureAttendus[], documents: ReadinessContext['documentsCandidature'], cible: Niveau, lang: Lang): ReadinessCondition {
  const en = lang === 'en';
  const fr = attendus.find((a) => a.etoiles.includes(cible.rang))?.texte;
  // The bundled file's texts are French: its known ones have their English words, any other is named generically.
  const texte = en ? ((fr !== undefined ? DOCUMENTS_EN[fr] : undefined) ?? 'the application documents') : (fr ?? 'les documents de candidature');
  const met = documents.length > 0;
  const label = say(lang, 'Au moins un document de candidature joint', 'At least one application document attached');
  if (met) {
    const titres = documents.map((d) => (en ? `“${d.titre}”` : `« ${d.titre} »`)).join(', ');
    const n = count(documents.length, lang);
    return {
      id: 'documents-candidature',
      met,
      sansObjet: false,
      label,
      detail: en
        ? `${n} document${documents.length === 1 ? '' : 's'}: ${titres}. Expected for ${cible.nom}: ${texte}.`
        : `${n} document${documents.length > 1 ? 's' : ''} : ${titres}. Attendu pour ${cible.nom} : ${texte}.`,
      action: null,
      where: { screen: 'documents-candidature' },
    };
  }
  return {
    id: 'documents-candidature',
    met,
    sansObjet: false,
    label,
    detail: say(lang, `Aucun document de candidature. Attendu pour ${cible.nom} : ${texte}.`, `No application document. Expected for ${cible.nom}: ${texte}.`),
    action: say(lang, `Joignez ${texte} dans « Documents de candidature ».`, `Attach ${texte} in “Application documents”.`),
    where: { screen: 'documents-candidature' },
  };
}

function referentsOf(ref: Referential, exigences: ExigencesLabellisation | null): ReferentLabellisation[] {
  const out = [...(exigences?.referents ?? [])];
  for (const n of ref.nodes) {
    const nom = n.meta.referent?.trim();
    if (nom) out.push({ role: n.id, nom, actionId: n.id });
  }
  return out;
}

/** English names of the bundled file's référent roles (referential/tete-criteres-labellisation.json, role key). */
const ROLE_EN: Record<string, string> = { elu: 'Elected referent', technique: 'Technical referent' };

function referentCondition(ref: Referential, tree: TreeIdx, pilotes: ReadinessContext['pilotes'], referent: ReferentLabellisation, lang: Lang): ReadinessCondition {
  const id = `referent:${referent.role}`;
  const node = tree.byId.get(referent.actionId);
  const en = lang === 'en';
  // A grid's own référent (critère meta) is the referential's text and stays as written.
  const nom = en ? (ROLE_EN[referent.role] ?? lisible(referent.nom)) : lisible(referent.nom);
  if (!node) {
    return {
      id,
      met: false,
      sansObjet: false,
      label: en ? `${nom} named` : `${nom} nommé·e`,
      detail: en
        ? `${referent.actionId}, which holds this role, does not exist in version ${ref.version} of the imported referential.`
        : `${referent.actionId}, qui porte ce rôle, n'existe pas dans la version ${ref.version} du référentiel importé.`,
      action: en ? `Import the version of the referential ${ref.id} that contains ${referent.actionId}.` : `Importez la version du référentiel ${ref.id} qui contient ${referent.actionId}.`,
      where: { screen: 'referentiel' },
    };
  }
  // The mesure holding the action, then every node down to the action itself.
  const path: ReferentialNode[] = [];
  for (let n: ReferentialNode | undefined = node; n && n.depth >= Math.min(ref.actionLevel, node.depth); n = n.parentId !== null ? tree.byId.get(n.parentId) : undefined) {
    path.unshift(n);
  }
  const mesure = path[0]!;
  const mesureWord = levelWord(ref, mesure.depth, lang);
  const label = en ? `${nom} named (lead of the ${mesureWord} ${mesure.identifiant})` : `${nom} nommé·e (pilote ${articleDe(mesureWord)} ${mesure.identifiant})`;
  const named = path.flatMap((n) => (pilotes[n.id] ?? []).map((p) => ({ nom: p, at: n })));
  if (named.length > 0) {
    const names = [...new Set(named.map((p) => (p.at === mesure ? p.nom : `${p.nom} (${en ? 'on' : 'sur'} ${p.at.identifiant})`)))];
    return { id, met: true, sansObjet: false, label, detail: `${en ? 'Lead:' : 'Pilote :'} ${names.join(', ')}.`, action: null, where: { nodeId: mesure.id } };
  }
  if (en) {
    const holds = mesure === node ? '' : `, which holds ${node.identifiant} “${lisible(node.nom)}”`;
    return {
      id,
      met: false,
      sansObjet: false,
      label,
      detail: `No lead on the ${mesureWord} ${mesure.identifiant}${holds}.`,
      action: `Open the ${mesureWord} ${mesure.identifiant} and tick, in “Leads”, the person who holds the role of ${lowerFirst(nom)}.`,
      where: { nodeId: mesure.id },
    };
  }
  const holds = mesure === node ? '' : `, qui porte ${node.identifiant} « ${lisible(node.nom)} »`;
  return {
    id,
    met: false,
    sansObjet: false,
    label,
    detail: `Aucun pilote sur ${articleLe(mesureWord)} ${mesure.identifiant}${holds}.`,
    action: `Ouvrez ${articleLe(mesureWord)} ${mesure.identifiant} et cochez, dans « Pilotes », la personne qui tient le rôle ${elide('de', lowerFirst(nom))}.`,
    where: { nodeId: mesure.id },
  };
}

// ---- Helpers ----

function sortedNiveaux(referential: Referential): Niveau[] {
  if (referential.niveaux.length === 0) {
    throw new UserError(
      'INPUT_INVALID',
      { fr: `Le référentiel ${referential.id} n'a pas de niveau de label : il n'y a pas de candidature à préparer.`, en: `The referential ${referential.id} has no label level: there is no application to prepare.` },
      { field: 'target' },
    );
  }
  return [...referential.niveaux].sort((a, b) => a.rang - b.rang);
}

function indexTree(ref: Referential): TreeIdx {
  const byId = new Map<string, ReferentialNode>();
  const children = new Map<string, ReferentialNode[]>();
  let root: ReferentialNode | undefined;
  for (const n of ref.nodes) {
    byId.set(n.id, n);
    if (n.parentId === null) root = n;
    else {
      const list = children.get(n.parentId);
      if (list) list.push(n);
      else children.set(n.parentId, [n]);
    }
  }
  if (!root) throw new UserError('REFERENTIAL_INVALID', { fr: `Le référentiel ${ref.id} n'a pas de racine.`, en: `The referential ${ref.id} has no root.` }, {});
  for (const list of children.values()) list.sort((a, b) => a.ordre - b.ordre);
  return { byId, children, root };
}

/** The first element without statut, in tree order: down from the root through the first incomplete child. */
function firstIncomplete(tree: TreeIdx, score: ScoreResult): ReferentialNode | null {
  const incomplete = (s: NodeScore | undefined) => s !== undefined && s.completedTachesCount < s.totalTachesCount;
  let current = tree.root;
  for (;;) {
    const next = (tree.children.get(current.id) ?? []).find((c) => incomplete(score.nodes[c.id]));
    if (!next) return current === tree.root ? null : current;
    current = next;
  }
}
