/**
 * The words of the pack's human documents in each language (issue 8 item 2: exports in the chosen language): the
 * headings, labels and column titles of rapport.pdf and of the score grid (grille.xlsx / grille.csv), and the statut
 * labels. French is the reference (the national export's column titles, tete-referentials.md §7, and column M's
 * statut labels); English is for a reader of the pack who does not read French. audit.json, manifest.json and the
 * file names stay language-neutral. Numbers and dates follow shared/locale.ts.
 */
import type { DisplayStatut, NodeScore, ScoringModel } from '../../../shared/domain';
import { formatCountIn, type Lang } from '../../../shared/locale';
import { LABEL_REMINDER, leafCountsFr, RATE_REMINDER, STATUT_LABELS } from './format';

/** Column M labels in English (the French ones are STATUT_LABELS); `non_renseignable` is blank in both. */
const STATUT_LABELS_EN: Record<DisplayStatut, string> = {
  non_renseigne: 'Not filled in',
  fait: 'Done',
  pas_fait: 'Not done',
  programme: 'Planned',
  detaille: 'Detailed by %',
  detaille_a_la_tache: 'Detailed by task',
  non_concerne: 'Not concerned',
  conforme: 'Compliant',
  non_conforme: 'Not compliant',
  non_applicable: 'Not applicable',
  non_renseignable: '',
};

/** A statut's label in `lang` (blank for `non_renseignable`). */
export function statutLabelIn(lang: Lang, statut: DisplayStatut): string {
  return (lang === 'en' ? STATUT_LABELS_EN : STATUT_LABELS)[statut];
}

/** Column titles of the grid's row 7 (A–S): fr = the national export's (§7), en = their translation. */
export const GRID_COLUMNS_BY_LANG: Record<Lang, readonly string[]> = {
  fr: [
    'N°',
    'Intitulé',
    'Description',
    'Phase',
    'Potentiel max',
    'Potentiel personnalisé',
    'Points faits',
    '% fait',
    'Points programmés',
    '% programmé',
    'Points pas faits',
    '% pas fait',
    'Statut',
    "Champs de précision de l'état d'avancement",
    'Score lié à un indicateur',
    'Personnes pilotes',
    'Services ou Directions pilotes',
    'Documents liés',
    'Actions liées',
  ],
  en: [
    'No.',
    'Title',
    'Description',
    'Phase',
    'Maximum potential',
    'Customised potential',
    'Points done',
    '% done',
    'Points planned',
    '% planned',
    'Points not done',
    '% not done',
    'Status',
    'Notes on progress',
    'Score linked to an indicator',
    'Lead people',
    'Lead services or departments',
    'Linked documents',
    'Linked actions',
  ],
};

/** The other words of the grid and of the report, per language. */
export interface PackWords {
  /** The grid's worksheet name in grille.xlsx. */
  gridSheet: string;
  gridExportDate: string;
  gridJalon: string;
  gridReferential: string;
  total: string;
  reportTitle: string;
  version: string;
  collectivite: string;
  type: string;
  codeInsee: string;
  population: string;
  habitants: string;
  jalon: string;
  jalonOf: (nom: string, date: string) => string;
  seuils: string;
  completude: string;
  renseignes: (done: string, total: string) => string;
  criteres: string;
  pratiques: string;
  pointsProgrammes: (programme: string, pasFait: string, nonRenseigne: string) => string;
  generatedBy: (version: string) => string;
  scoresBy: (level: string) => string;
  detailBy: (level: string) => string;
  levels: Record<string, string>;
  no: string;
  intitule: string;
  statut: string;
  explication: string;
  pilotes: string;
  preuves: string;
  pointsFaitsPotentiel: string;
  conformesApplicables: string;
  faitesApplicables: string;
  fichierManquant: string;
  echeance: (date: string) => string;
  echeanceOf: (id: string, date: string) => string;
  preuvesManquantes: string;
  aucunFaitSansPreuve: string;
  faitSansPreuve: (n: string) => string;
  fichiersNonInclus: string;
  aucunFichierManquant: string;
  footer: (ws: string, ref: string, jalon: string, page: number, pages: number) => string;
  niveauLabel: (rate: boolean) => string;
  aucun: string;
  axeColumns: (model: 'rate' | 'progress' | 'points', conformite: boolean) => [string, string, string, string, string];
  /** What to recall beside the niveau while the complétude is under 100 % (format.ts RATE_REMINDER, LABEL_REMINDER). */
  niveauReminder: (rate: boolean) => string;
  /** The cover's leaf counts of the rate and progress models (format.ts `leafCountsFr`); null for the others. */
  leafCounts: (model: ScoringModel, s: NodeScore) => string | null;
  /** The cover's label of the planned points (models counted in points). */
  pointsProgrammesLabel: string;
  /** A line of the explication cell naming the sous-action or tâche it comes from. */
  explicationOf: (identifiant: string, explication: string) => string;
  /** A line of the statut cell of a mesure without its own statut: a label and how many children have it. */
  statutCount: (label: string, n: number) => string;
}

/** `n` and its noun, singular up to 1: (2, 'compliant') → `2 compliant` (English adjectives do not agree). */
function countEn(n: number, singular: string, plural = singular): string {
  return `${formatCountIn('en', n)} ${Math.abs(n) === 1 ? singular : plural}`;
}

/** The leaf counts in English: rate `52 compliant · 53 not compliant · 0 not evaluated · 1 not applicable`; progress likewise. */
function leafCountsEn(model: ScoringModel, s: NodeScore): string | null {
  const nonRenseigne = Math.round(s.totalTachesCount - s.completedTachesCount);
  const [fait, programme, pasFait, nc] = [s.faitTachesAvancement, s.programmeTachesAvancement, s.pasFaitTachesAvancement, s.pasConcerneTachesAvancement].map(Math.round) as [number, number, number, number];
  if (model === 'rate') return [countEn(fait, 'compliant'), countEn(pasFait, 'not compliant'), countEn(nonRenseigne, 'not evaluated'), countEn(nc, 'not applicable')].join(' · ');
  if (model === 'progress') return [countEn(fait, 'done'), countEn(programme, 'planned'), countEn(pasFait, 'not done'), countEn(nonRenseigne, 'not filled in'), countEn(nc, 'not concerned')].join(' · ');
  return null;
}

export const PACK_WORDS: Record<Lang, PackWords> = {
  fr: {
    gridSheet: 'Grille',
    gridExportDate: "Date d'export",
    gridJalon: 'Jalon',
    gridReferential: 'Référentiel',
    total: 'Total',
    reportTitle: 'Rapport d’audit',
    version: 'version',
    collectivite: 'Collectivité',
    type: 'Type',
    codeInsee: 'Code INSEE',
    population: 'Population',
    habitants: 'habitants',
    jalon: 'Jalon',
    jalonOf: (nom, date) => `« ${nom} » du ${date}`,
    seuils: 'Seuils',
    completude: 'Complétude',
    renseignes: (done, total) => `${done} / ${total} éléments renseignés`,
    criteres: 'Critères',
    pratiques: 'Pratiques',
    pointsProgrammes: (p, pf, nr) => `${p} ; pas faits : ${pf} ; non renseignés : ${nr}`,
    generatedBy: (v) => `Pack généré par Label Audit ${v}. Toutes les dates du pack sont celles du jalon. Les empreintes SHA-256 de chaque fichier figurent dans manifest.json et SHA256SUMS.`,
    scoresBy: (level) => `Scores par ${level}`,
    detailBy: (level) => `Détail par ${level}`,
    levels: { action: 'mesure', critere: 'critère', theme: 'thème', thematique: 'thématique' },
    no: 'N°',
    intitule: 'Intitulé',
    statut: 'Statut',
    explication: 'Explication',
    pilotes: 'Pilotes',
    preuves: 'Preuves',
    pointsFaitsPotentiel: 'Points faits / potentiel',
    conformesApplicables: 'Conformes / applicables',
    faitesApplicables: 'Faites / applicables',
    fichierManquant: 'fichier manquant',
    echeance: (d) => `Échéance : ${d}`,
    echeanceOf: (id, d) => `Échéance ${id} : ${d}`,
    preuvesManquantes: 'Preuves manquantes',
    aucunFaitSansPreuve: 'Aucun élément « fait » sans preuve.',
    faitSansPreuve: (n) => `${n} élément(s) marqué(s) « fait » sans aucune preuve rattachée :`,
    fichiersNonInclus: 'Fichiers non inclus dans le pack',
    aucunFichierManquant: 'Aucun : tous les fichiers de preuve sont dans le pack.',
    footer: (ws, ref, jalon, page, pages) => `${ws} — ${ref} — jalon « ${jalon} » — page ${page} / ${pages}`,
    niveauLabel: (rate) => (rate ? 'Conformité RGAA' : 'Seuil de score atteint'),
    aucun: 'aucun',
    axeColumns: (model, conformite) =>
      model === 'rate'
        ? ['Applicables', 'Conformes', '% conforme (évalués)', 'Programmé', 'Non conformes']
        : model === 'progress'
          ? ['Applicables', 'Faites', '% fait (renseignées)', 'Programmées', 'Pas faites']
          : ['Potentiel (pts)', 'Fait (pts)', conformite ? '% conforme (évalués)' : '% fait', 'Programmé (pts)', 'Pas fait (pts)'],
    niveauReminder: (rate) => (rate ? RATE_REMINDER : LABEL_REMINDER),
    leafCounts: leafCountsFr,
    pointsProgrammesLabel: 'Points programmés',
    explicationOf: (id, e) => `${id} : ${e}`,
    statutCount: (label, n) => `${label} : ${n}`,
  },
  en: {
    gridSheet: 'Grid',
    gridExportDate: 'Export date',
    gridJalon: 'Milestone',
    gridReferential: 'Referential',
    total: 'Total',
    reportTitle: 'Audit report',
    version: 'version',
    collectivite: 'Local authority',
    type: 'Type',
    codeInsee: 'INSEE code',
    population: 'Population',
    habitants: 'inhabitants',
    jalon: 'Milestone',
    jalonOf: (nom, date) => `“${nom}” of ${date}`,
    seuils: 'Thresholds',
    completude: 'Completeness',
    renseignes: (done, total) => `${done} / ${total} items filled in`,
    criteres: 'Criteria',
    pratiques: 'Practices',
    pointsProgrammes: (p, pf, nr) => `${p}; not done: ${pf}; not filled in: ${nr}`,
    generatedBy: (v) => `Pack generated by Label Audit ${v}. Every date in the pack is the milestone's. The SHA-256 fingerprints of each file are in manifest.json and SHA256SUMS.`,
    scoresBy: (level) => `Scores by ${level}`,
    detailBy: (level) => `Detail by ${level}`,
    levels: { axe: 'axis', 'sous-axe': 'sub-axis', action: 'measure', mesure: 'measure', critere: 'criterion', theme: 'theme', thematique: 'theme' },
    no: 'No.',
    intitule: 'Title',
    statut: 'Status',
    explication: 'Explanation',
    pilotes: 'Leads',
    preuves: 'Evidence',
    pointsFaitsPotentiel: 'Points done / potential',
    conformesApplicables: 'Compliant / applicable',
    faitesApplicables: 'Done / applicable',
    fichierManquant: 'missing file',
    echeance: (d) => `Due: ${d}`,
    echeanceOf: (id, d) => `Due ${id}: ${d}`,
    preuvesManquantes: 'Missing evidence',
    aucunFaitSansPreuve: 'No item marked “done” without evidence.',
    faitSansPreuve: (n) => `${n} item(s) marked “done” without any evidence attached:`,
    fichiersNonInclus: 'Files not included in the pack',
    aucunFichierManquant: 'None: every evidence file is in the pack.',
    footer: (ws, ref, jalon, page, pages) => `${ws} — ${ref} — milestone “${jalon}” — page ${page} / ${pages}`,
    niveauLabel: (rate) => (rate ? 'RGAA compliance' : 'Score threshold reached'),
    aucun: 'none',
    axeColumns: (model, conformite) =>
      model === 'rate'
        ? ['Applicable', 'Compliant', '% compliant (evaluated)', 'Planned', 'Not compliant']
        : model === 'progress'
          ? ['Applicable', 'Done', '% done (filled in)', 'Planned', 'Not done']
          : ['Potential (pts)', 'Done (pts)', conformite ? '% compliant (evaluated)' : '% done', 'Planned (pts)', 'Not done (pts)'],
    niveauReminder: (rate) =>
      rate
        ? 'computed on the evaluated criteria only: an accessibility statement requires every criterion evaluated'
        : 'a labelling application also requires 100% completeness and the criteria per measure',
    leafCounts: leafCountsEn,
    pointsProgrammesLabel: 'Points planned',
    explicationOf: (id, e) => `${id}: ${e}`,
    statutCount: (label, n) => `${label}: ${n}`,
  },
};

/**
 * The words of the « Historique » page of rapport.pdf and of historique.csv, per language (issue 6 item 5; issue 8
 * item 2: an English pack has an English history). The sentences of the events themselves come from
 * shared/history-words.ts `describeEvent` in the same language.
 */
export interface HistoriqueWords {
  /** The page's heading. */
  title: string;
  /** The line under the heading: how many changes, and where the full list is. `count` is `n` formatted. */
  intro: (count: string, n: number) => string;
  /** Heading of the audit cycle's steps. */
  cycle: string;
  /** Heading of the most recent changes when they are more than the page shows. */
  latest: (n: string) => string;
  /** Heading when the page shows them all. */
  all: string;
  none: string;
  /** The page's columns: when (UTC), who, the node's N°, the sentence. */
  columns: { date: string; who: string; no: string; change: string };
  /** historique.csv's header row: date (UTC), who, family of the action, N°, node id, the sentence. */
  csvHeader: readonly [string, string, string, string, string, string];
}

export const HISTORIQUE_WORDS: Record<Lang, HistoriqueWords> = {
  fr: {
    title: 'Historique',
    intro: (count) => `${count} modification(s) enregistrée(s) jusqu'à la date du jalon ; la liste complète est dans historique.csv.`,
    cycle: "Cycle d'audit",
    latest: (n) => `Les ${n} dernières modifications`,
    all: 'Toutes les modifications',
    none: 'Aucune modification enregistrée.',
    columns: { date: 'Date (UTC)', who: 'Qui', no: 'N°', change: 'Modification' },
    csvHeader: ['Date (UTC)', 'Qui', 'Action', 'N°', 'Élément', 'Modification'],
  },
  en: {
    title: 'History',
    intro: (count, n) => `${count} change${n === 1 ? '' : 's'} recorded up to the milestone date; the full list is in historique.csv.`,
    cycle: 'Audit cycle',
    latest: (n) => `The ${n} latest changes`,
    all: 'All changes',
    none: 'No change recorded.',
    columns: { date: 'Date (UTC)', who: 'Who', no: 'No.', change: 'Change' },
    csvHeader: ['Date (UTC)', 'Who', 'Action', 'No.', 'Item', 'Change'],
  },
};

/**
 * The words of the pack's text files, per language (issue 8 item 2): the lines of `_manifeste/fichiers-manquants.txt`
 * (`"<path> — <reason>"`, tete-referentials.md §4.6), the header and comments of each `liens.csv`, and the marks of
 * the grid's column R and of a cut cell. French is the reference, byte for byte the pack's historical text.
 */
export interface PackFileWords {
  /** The evidence store has no file for the sha256. */
  absent: string;
  /** The store's path exists but is not a regular file. */
  notAFile: string;
  /** The stored file's size (bytes) differs from the recorded one. */
  sizeMismatch: (actual: number, expected: number) => string;
  /** The file cannot be read; `code` is the system's (EACCES…) or its message. */
  unreadable: (code: string) => string;
  /** A file whose bytes read while zipping do not match the recorded SHA-256 (hex). */
  changed: (read: string, expected: string) => string;
  /** A confidentiel preuve left out: `fichier` or `lien`, its title. */
  withheld: (kind: 'fichier' | 'lien', titre: string) => string;
  /** The whole file when nothing is missing. */
  noneMissing: string;
  /** liens.csv's header row. */
  liensHeader: readonly [string, string, string];
  /** liens.csv's comment: the N° of the nodes the link is attached to, or none. */
  rattacheA: (identifiants: string) => string;
  nonRattache: string;
  /** liens.csv's URL cell of a link that is not http(s). */
  lienRetire: string;
  /** The grid's column R: a link that is not http(s), a file missing from the pack. */
  lienRetireCell: (titre: string) => string;
  fichierManquantCell: (name: string) => string;
  /** The end of a grid cell cut at Excel's limit. */
  truncated: string;
}

export const PACK_FILE_WORDS: Record<Lang, PackFileWords> = {
  fr: {
    absent: 'fichier absent du magasin de preuves',
    notAFile: "l'emplacement du magasin de preuves n'est pas un fichier",
    sizeMismatch: (actual, expected) => `taille ${actual} octets au lieu des ${expected} octets enregistrés`,
    unreadable: (code) => `fichier illisible (${code})`,
    changed: (read, expected) => `contenu différent de l'empreinte enregistrée (SHA-256 lu ${read}, attendu ${expected}) : fichier inclus tel que lu`,
    withheld: (kind, titre) => `preuve confidentielle retenue (${kind} « ${titre} ») : non incluse dans le pack à la demande de la collectivité`,
    noneMissing: 'Aucun fichier manquant : toutes les preuves de type fichier sont dans le pack.',
    liensHeader: ['Titre', 'URL', 'Commentaire'],
    rattacheA: (ids) => `Rattaché à : ${ids}`,
    nonRattache: 'Non rattaché à un nœud',
    lienRetire: 'Lien retiré : seules les adresses http(s) sont acceptées',
    lienRetireCell: (titre) => `${titre} (lien retiré : adresse non http(s))`,
    fichierManquantCell: (name) => `${name} (fichier manquant)`,
    truncated: '… (texte tronqué, voir audit.json)',
  },
  en: {
    absent: 'file absent from the evidence store',
    notAFile: 'the evidence store location is not a file',
    sizeMismatch: (actual, expected) => `size ${actual} bytes instead of the ${expected} bytes recorded`,
    unreadable: (code) => `file unreadable (${code})`,
    changed: (read, expected) => `content differs from the recorded fingerprint (SHA-256 read ${read}, expected ${expected}): file included as read`,
    withheld: (kind, titre) => `confidential evidence withheld (${kind === 'fichier' ? 'file' : 'link'} “${titre}”): not included in the pack at the local authority's request`,
    noneMissing: 'No missing file: every evidence file is in the pack.',
    liensHeader: ['Title', 'URL', 'Comment'],
    rattacheA: (ids) => `Attached to: ${ids}`,
    nonRattache: 'Not attached to an item',
    lienRetire: 'Link removed: only http(s) addresses are accepted',
    lienRetireCell: (titre) => `${titre} (link removed: not an http(s) address)`,
    fichierManquantCell: (name) => `${name} (missing file)`,
    truncated: '… (text cut, see audit.json)',
  },
};

/** A sentence of PACK_FILE_WORDS in both languages (for values built before the pack's language is known). */
export function packFileWordsBoth(pick: (w: PackFileWords) => string): { fr: string; en: string } {
  return { fr: pick(PACK_FILE_WORDS.fr), en: pick(PACK_FILE_WORDS.en) };
}

/**
 * The words of the « Personnalisation » page of a TETE report (tete-referentials.md §2.5), per language. The
 * questions, the options' labels, the justifications and the nodes' titles are referential content or typed by
 * people: they stay as they are.
 */
export interface PersonnalisationWords {
  title: string;
  /** The identity sentence; `line` is the `·`-separated identity. */
  identite: (line: string) => string;
  typeNonPrecise: string;
  populationNonPrecisee: string;
  /** `count` is the population already formatted. */
  habitants: (count: string) => string;
  dom: string;
  metropole: string;
  dansAireUrbaine: string;
  horsAireUrbaine: string;
  aucuneReponse: string;
  columns: { question: string; reponse: string; justification: string; parLe: string };
  /** A yes/no answer. */
  oui: string;
  non: string;
  /** A share answer: 0.05 → fr `5 %`, en `5%`. */
  part: (fraction: number) => string;
  /** The mark on an answer to a hidden question, which no longer counts. */
  nonPriseEnCompte: (reponse: string) => string;
  consequences: string;
  aucuneConsequence: string;
  effet: string;
  desactive: string;
  /** `facteur` is the potentiel's multiplier, ≤ 3 decimals. */
  potentielFois: (facteur: number) => string;
}

export const PERSONNALISATION_WORDS: Record<Lang, PersonnalisationWords> = {
  fr: {
    title: 'Personnalisation',
    identite: (line) => `Identité de la collectivité : ${line}.`,
    typeNonPrecise: 'type non précisé',
    populationNonPrecisee: 'population non précisée',
    habitants: (count) => `${count} habitants`,
    dom: 'outre-mer (DOM)',
    metropole: 'métropole',
    dansAireUrbaine: 'dans une aire urbaine',
    horsAireUrbaine: 'hors aire urbaine',
    aucuneReponse: 'Aucune réponse aux questions de compétence.',
    columns: { question: 'Question', reponse: 'Réponse', justification: 'Justification', parLe: 'Par, le' },
    oui: 'Oui',
    non: 'Non',
    part: (f) => `${(Math.round(f * 1000) / 10).toLocaleString('fr-FR')} %`,
    nonPriseEnCompte: (r) => `${r} (non prise en compte : question masquée)`,
    consequences: 'Conséquences sur le référentiel',
    aucuneConsequence: 'Aucune : le potentiel de chaque élément est celui du référentiel.',
    effet: 'Effet',
    desactive: 'désactivé',
    potentielFois: (f) => `potentiel × ${f.toLocaleString('fr-FR', { maximumFractionDigits: 3 })}`,
  },
  en: {
    title: 'Customisation',
    identite: (line) => `Identity of the local authority: ${line}.`,
    typeNonPrecise: 'type not given',
    populationNonPrecisee: 'population not given',
    habitants: (count) => `${count} inhabitants`,
    dom: 'overseas (DOM)',
    metropole: 'mainland France',
    dansAireUrbaine: 'in an urban area',
    horsAireUrbaine: 'outside any urban area',
    aucuneReponse: 'No answer to the competence questions.',
    columns: { question: 'Question', reponse: 'Answer', justification: 'Justification', parLe: 'By, on' },
    oui: 'Yes',
    non: 'No',
    part: (f) => `${(Math.round(f * 1000) / 10).toLocaleString('en-GB')}%`,
    nonPriseEnCompte: (r) => `${r} (not taken into account: hidden question)`,
    consequences: 'Consequences on the referential',
    aucuneConsequence: 'None: the potential of every item is the referential’s.',
    effet: 'Effect',
    desactive: 'disabled',
    potentielFois: (f) => `potential × ${f.toLocaleString('en-GB', { maximumFractionDigits: 3 })}`,
  },
};
