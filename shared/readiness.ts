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
 * @throws UserError INPUT_INVALID (field `target`) when the referential has no niveaux or `target` is not one of
 *   them; the message lists the valid ones.
 */
export function readiness(referential: Referential, score: ScoreResult, context: ReadinessContext, target: number): Readiness {
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
  const conditions: ReadinessCondition[] = [completudeCondition(referential, tree, score), scoreCondition(referential, score, cible)];
  const exigences = context.exigences;
  if (exigences) {
    for (const critere of criteresFor(exigences.criteres, cible.rang)) conditions.push(critereCondition(referential, tree, score, critere));
    if (exigences.documentsCandidature.length > 0) conditions.push(documentsCondition(exigences.documentsCandidature, context.documentsCandidature, cible));
  }
  for (const referent of referentsOf(referential, exigences)) conditions.push(referentCondition(referential, tree, context.pilotes, referent));
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

function completudeCondition(ref: Referential, tree: TreeIdx, score: ScoreResult): ReadinessCondition {
  const root = score.root;
  const total = root.totalTachesCount;
  const missing = Math.max(0, round3(total - root.completedTachesCount));
  const met = total > 0 && missing === 0;
  const label = 'Référentiel renseigné à 100\u202f% (complétude)';
  if (met) {
    return { id: 'completude', met, sansObjet: false, label, detail: `Tout est renseigné : ${count(total)} / ${count(total)}.`, action: null, where: {} };
  }
  const first = firstIncomplete(tree, score);
  const leaf = levelWord(ref, ref.hierarchie.length - 1);
  const what =
    ref.model === 'tete' ? (missing > 1 ? 'éléments (tâches ou sous-actions)' : 'élément (tâche ou sous-action)') : missing > 1 ? plural(leaf) : leaf;
  let detail = `Complétude ${pct(root.completude)} : ${count(missing)} ${what} sans statut sur ${count(total)}`;
  if (ref.model === 'tete') {
    const mesures = ref.nodes.filter((n) => n.depth === ref.actionLevel);
    const open = mesures.filter((n) => {
      const s = score.nodes[n.id];
      return s !== undefined && s.completedTachesCount < s.totalTachesCount;
    }).length;
    detail += `, dans ${count(open)} ${open > 1 ? 'mesures' : 'mesure'} sur ${count(mesures.length)}`;
  }
  detail += first ? ` ; le premier : ${first.identifiant} « ${lisible(first.nom)} ».` : '.';
  return {
    id: 'completude',
    met,
    sansObjet: false,
    label,
    detail,
    action: `Donnez un statut à chaque élément (« ${speaksConformite(ref.model) ? 'non applicable' : 'non concerné'} » compte aussi)${first ? `, en commençant par ${first.identifiant}` : ''}.`,
    where: first ? { nodeId: first.id } : { screen: 'referentiel' },
  };
}

/**
 * The score condition of the models judged on what is evaluated (RGAA `rate`, RGESN `weighted`, guide `progress`;
 * DOMAIN.md): conformes (or faites) over the évalués, in their own words; a niveau at 0 % has no minimum.
 */
function scoreConditionEvalues(ref: Referential, score: ScoreResult, cible: Niveau): ReadinessCondition {
  const root = score.root;
  const value = ratioFait(ref.model, root);
  const base = ratioBase(ref.model, root);
  const counts = ref.model !== 'weighted';
  const w = ref.model === 'progress' ? { ok: 'faites', what: 'pratiques', evaluated: 'renseignées' } : { ok: 'conformes', what: 'critères', evaluated: 'évalués' };
  const fig = (x: number) => (counts ? count(Math.round(x)) : formatPoints(x));
  const state = value === null ? `Aucun des ${w.what} n'est encore ${w.evaluated.replace(/s$/, '')}` : `${pct(value)} ${w.ok} (${fig(root.pointFait)} sur ${fig(base)} ${w.evaluated})`;
  if (cible.seuil <= 0) {
    return { id: 'score', met: true, sansObjet: false, label: `Score : pas de minimum pour ${cible.nom}`, detail: `${state}.`, action: null, where: {} };
  }
  const label = `Au moins ${seuilPct(cible.seuil * 100)} de ${w.what} ${w.ok} (${cible.nom})`;
  const met = value !== null && value + EPSILON >= cible.seuil;
  if (met) return { id: 'score', met, sansObjet: false, label, detail: `${state}, il faut ${seuilPct(cible.seuil * 100)}.`, action: null, where: {} };
  const manque = value === null ? null : Math.max(counts ? 1 : 0.001, counts ? Math.ceil(cible.seuil * base - root.pointFait - EPSILON) : ceil3(cible.seuil * base - root.pointFait));
  return {
    id: 'score',
    met,
    sansObjet: false,
    label,
    detail: `${state}, il faut ${seuilPct(cible.seuil * 100)}.`,
    action:
      manque === null
        ? `Évaluez les ${w.what} (${w.ok === 'faites' ? 'fait, programmé, pas fait' : 'conforme, non conforme'} ou non applicable).`
        : `Il manque ${fig(manque)} ${manque > 1 ? w.what : w.what.slice(0, -1)} ${manque > 1 ? w.ok : w.ok.slice(0, -1)} sur la base actuelle : traitez les ${w.what} non ${w.ok}.`,
    where: { screen: 'referentiel' },
  };
}

function scoreCondition(ref: Referential, score: ScoreResult, cible: Niveau): ReadinessCondition {
  if (ratioBaseKind(ref.model) === 'evalues') return scoreConditionEvalues(ref, score, cible);
  const root = score.root;
  const value = root.score;
  if (cible.seuil <= 0) {
    const met = value !== null;
    return {
      id: 'score',
      met,
      sansObjet: false,
      label: `Score : pas de minimum pour ${cible.nom}`,
      detail: met ? `${pct(value)} fait ; ${cible.nom} n'exige pas de score minimum.` : 'Score non calculable : aucun point potentiel.',
      action: met ? null : 'Vérifiez le référentiel et la personnalisation : tous les points sont hors potentiel.',
      where: met ? {} : { screen: 'referentiel' },
    };
  }
  const label = `Score d'au moins ${seuilPct(cible.seuil * 100)} fait (${cible.nom})`;
  if (value === null) {
    return {
      id: 'score',
      met: false,
      sansObjet: false,
      label,
      detail: `Score non calculable (aucun point potentiel), il faut ${seuilPct(cible.seuil * 100)}.`,
      action: 'Vérifiez le référentiel et la personnalisation : tous les points sont hors potentiel.',
      where: { screen: 'referentiel' },
    };
  }
  const met = value + EPSILON >= cible.seuil;
  const points = `${formatPoints(root.pointFait)} / ${formatPts(root.pointPotentiel)}`;
  if (met) {
    return { id: 'score', met, sansObjet: false, label, detail: `${pct(value)} fait (${points}), il faut ${seuilPct(cible.seuil * 100)}.`, action: null, where: {} };
  }
  const manque = ceil3(Math.max(0.001, cible.seuil * root.pointPotentiel - root.pointFait));
  return {
    id: 'score',
    met,
    sansObjet: false,
    label,
    detail: `${pct(value)} fait (${points}), il faut ${seuilPct(cible.seuil * 100)} : il manque ${formatPts(manque)}.`,
    action: `Gagnez au moins ${formatPts(manque)} de plus en passant des ${ref.model === 'tete' ? 'sous-actions ou tâches' : 'critères'} à « fait ».`,
    where: { screen: 'referentiel' },
  };
}

function critereCondition(ref: Referential, tree: TreeIdx, score: ScoreResult, c: CritereLabellisation): ReadinessCondition {
  const id = `critere:${c.actionId}`;
  const node = tree.byId.get(c.actionId);
  const s = node ? score.nodes[node.id] : undefined;
  const need = requirement(c);
  if (!node || !s) {
    return {
      id,
      met: false,
      sansObjet: false,
      label: `Critère ${c.actionId} : ${lisible(c.formulation)}`,
      detail: `${c.actionId} n'existe pas dans la version ${ref.version} du référentiel importé : ce critère ne peut pas être vérifié (il faut ${need}).`,
      action: `Importez la version du référentiel ${ref.id} qui contient ${c.actionId}.`,
      where: { screen: 'referentiel' },
    };
  }
  const label = `Critère ${node.identifiant} : ${lisible(c.formulation)}`;
  // §3 skips only actions deactivated by the personnalisation. One the user declares non concerné stays required: the
  // platform judges it on its leaves (fait 0) and refuses the request.
  if (s.desactive) {
    return { id, met: true, sansObjet: true, label, detail: `Sans objet : ${node.identifiant} est désactivé par la personnalisation.`, action: null, where: { nodeId: node.id } };
  }
  if (!s.concerne) {
    return {
      id,
      met: false,
      sansObjet: false,
      label,
      detail: `${node.identifiant} est déclaré non concerné, mais ce critère de labellisation reste exigé (il faut ${need}).`,
      action: `Ouvrez ${node.identifiant} et donnez-lui son vrai statut : « non concerné » ne dispense pas d'un critère de labellisation.`,
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
  const where = onParent ? ` (statut saisi sur la sous-action ${judged.identifiant})` : '';
  const state = js.completedTachesCount === 0 ? 'non renseigné' : `${pct(r.fait)} fait${minP !== null ? `, ${pct(r.programme)} programmé` : ''}`;
  const detail = `${capitalize(state)}${where}, il faut ${need}.`;
  if (met) return { id, met, sansObjet: false, label, detail, action: null, where: { nodeId: judged.id } };
  return { id, met, sansObjet: false, label, detail, action: critereAction(ref, tree, judged, js, c), where: { nodeId: judged.id } };
}

/** "100 % fait", "100 % fait ou programmé", "20 % fait", "50 % fait, ou 80 % fait + programmé". */
function requirement(c: CritereLabellisation): string {
  const r = seuilPct(c.minRealisePourcentage);
  if (c.minProgrammePourcentage === null) return `${r} fait`;
  if (c.minProgrammePourcentage === c.minRealisePourcentage) return `${r} fait ou programmé`;
  return `${r} fait, ou ${seuilPct(c.minProgrammePourcentage)} fait + programmé`;
}

function critereAction(ref: Referential, tree: TreeIdx, judged: ReferentialNode, js: NodeScore, c: CritereLabellisation): string {
  const holdsStatut = judged.depth > ref.actionLevel;
  const hasChildren = (tree.children.get(judged.id)?.length ?? 0) > 0;
  const whole = c.minRealisePourcentage >= 100 && (c.minProgrammePourcentage === null || c.minProgrammePourcentage >= 100);
  if (holdsStatut && whole) {
    const statuts = c.minProgrammePourcentage === null ? '« fait »' : '« fait » ou « programmé »';
    return `Passez ${judged.identifiant}${hasChildren ? ' (ou toutes ses tâches)' : ''} à ${statuts}.`;
  }
  const word = levelWord(ref, judged.depth);
  const base = `Faites avancer ${articleLe(word)} ${judged.identifiant} jusqu'à ${requirement(c)}`;
  if (js.pointPotentiel > 0) {
    const manque = ceil3(Math.max(0.001, (c.minRealisePourcentage / 100) * js.pointPotentiel - js.pointFait));
    return `${base} : il manque ${formatPts(manque)}.`;
  }
  return `${base}.`;
}

function documentsCondition(attendus: readonly DocumentsCandidatureAttendus[], documents: ReadinessContext['documentsCandidature'], cible: Niveau): ReadinessCondition {
  const texte = attendus.find((a) => a.etoiles.includes(cible.rang))?.texte ?? 'les documents de candidature';
  const met = documents.length > 0;
  const label = 'Au moins un document de candidature joint';
  if (met) {
    const titres = documents.map((d) => `« ${d.titre} »`).join(', ');
    return {
      id: 'documents-candidature',
      met,
      sansObjet: false,
      label,
      detail: `${count(documents.length)} document${documents.length > 1 ? 's' : ''} : ${titres}. Attendu pour ${cible.nom} : ${texte}.`,
      action: null,
      where: { screen: 'documents-candidature' },
    };
  }
  return {
    id: 'documents-candidature',
    met,
    sansObjet: false,
    label,
    detail: `Aucun document de candidature. Attendu pour ${cible.nom} : ${texte}.`,
    action: `Joignez ${texte} dans « Documents de candidature ».`,
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

function referentCondition(ref: Referential, tree: TreeIdx, pilotes: ReadinessContext['pilotes'], referent: ReferentLabellisation): ReadinessCondition {
  const id = `referent:${referent.role}`;
  const node = tree.byId.get(referent.actionId);
  if (!node) {
    return {
      id,
      met: false,
      sansObjet: false,
      label: `${lisible(referent.nom)} nommé·e`,
      detail: `${referent.actionId}, qui porte ce rôle, n'existe pas dans la version ${ref.version} du référentiel importé.`,
      action: `Importez la version du référentiel ${ref.id} qui contient ${referent.actionId}.`,
      where: { screen: 'referentiel' },
    };
  }
  // The mesure holding the action, then every node down to the action itself.
  const path: ReferentialNode[] = [];
  for (let n: ReferentialNode | undefined = node; n && n.depth >= Math.min(ref.actionLevel, node.depth); n = n.parentId !== null ? tree.byId.get(n.parentId) : undefined) {
    path.unshift(n);
  }
  const mesure = path[0]!;
  const mesureWord = levelWord(ref, mesure.depth);
  const label = `${lisible(referent.nom)} nommé·e (pilote ${articleDe(mesureWord)} ${mesure.identifiant})`;
  const named = path.flatMap((n) => (pilotes[n.id] ?? []).map((nom) => ({ nom, at: n })));
  if (named.length > 0) {
    const names = [...new Set(named.map((p) => (p.at === mesure ? p.nom : `${p.nom} (sur ${p.at.identifiant})`)))];
    return { id, met: true, sansObjet: false, label, detail: `Pilote : ${names.join(', ')}.`, action: null, where: { nodeId: mesure.id } };
  }
  const holds = mesure === node ? '' : `, qui porte ${node.identifiant} « ${lisible(node.nom)} »`;
  return {
    id,
    met: false,
    sansObjet: false,
    label,
    detail: `Aucun pilote sur ${articleLe(mesureWord)} ${mesure.identifiant}${holds}.`,
    action: `Ouvrez ${articleLe(mesureWord)} ${mesure.identifiant} et cochez, dans « Pilotes », la personne qui tient le rôle ${elide('de', lowerFirst(lisible(referent.nom)))}.`,
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
