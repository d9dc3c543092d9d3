/**
 * The words of the pack's human documents in each language (issue 8 item 2: exports in the chosen language): the
 * headings, labels and column titles of rapport.pdf and of the score grid (grille.xlsx / grille.csv), and the statut
 * labels. French is the reference (the national export's column titles, tete-referentials.md §7, and column M's
 * statut labels); English is for a reader of the pack who does not read French. audit.json, manifest.json and the
 * file names stay language-neutral. Numbers and dates follow shared/locale.ts.
 */
import type { DisplayStatut } from '../../../shared/domain';
import type { Lang } from '../../../shared/locale';
import { STATUT_LABELS } from './format';

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
}

export const PACK_WORDS: Record<Lang, PackWords> = {
  fr: {
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
  },
  en: {
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
