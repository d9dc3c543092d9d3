/**
 * The workspace created on first start. Demo (default): "Commune de Valmont-sur-Loire" (imaginary commune,
 * 12 400 habitants) with the built-in Label NR grid, CAE when the TETE sample CSVs are found, people, services,
 * pilotes, about 30 statuts on Label NR and 40 on CAE, explications, échéances and a few preuves.
 * Not demo: an empty "Ma collectivité" with only Label NR (the grid is loaded on first start in any case).
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Referential, Statut } from '../../shared/domain';
import { minimalPdf, textFile } from './demo-files';
import { loadBuiltinLabelNr } from './referential/builtin';
import type { ServiceContext } from './services/context';
import { setPilotes, setEcheance } from './services/nodes';
import { createPerson, createService } from './services/people';
import { addPreuveFile, addPreuveLink } from './services/preuves';
import { importReferential, storeReferential, getReferential } from './services/referentials';
import { canHoldStatut, writeStatut } from './services/statuts';
import { createWorkspace } from './services/workspace';
import { importQuestions, listQuestions, setReponse } from './services/personnalisation';
import { readSourceFile } from './referential/decode';

const SAMPLES = join('apps', 'backend', 'src', 'referentiels', 'import-referentiel', 'samples');
const CAE_FILES = ['referentiel-cae-structure.csv', 'referentiel-cae-preuves.csv'];

/**
 * Folder holding the TETE sample CSVs: `$LABEL_AUDIT_TETE_DATA`, else `<repo>/../shared/data/tet-referentiels/
 * snapshot-<date>/apps/…/samples` (newest snapshot first), looked up from this file and from the working directory.
 * Null when absent (a user's machine).
 */
export function findTeteSamples(env: NodeJS.ProcessEnv = process.env): string | null {
  const has = (dir: string): boolean => existsSync(join(dir, CAE_FILES[0]!));
  if (env.LABEL_AUDIT_TETE_DATA) return has(env.LABEL_AUDIT_TETE_DATA) ? env.LABEL_AUDIT_TETE_DATA : null;
  const here = dirname(fileURLToPath(import.meta.url));
  for (const repo of [resolve(here, '../..'), process.cwd()]) {
    const tet = resolve(repo, '../shared/data/tet-referentiels');
    if (!existsSync(tet)) continue;
    const snapshots = readdirSync(tet).filter((d) => d.startsWith('snapshot-')).sort().reverse();
    for (const s of snapshots) if (has(join(tet, s, SAMPLES))) return join(tet, s, SAMPLES);
  }
  return null;
}

/** Options of `seedWorkspace`. */
export interface SeedOptions {
  demo: boolean;
  log: (line: string) => void;
  /** Folder of the TETE samples (default `findTeteSamples()`); null skips CAE. */
  teteSamples?: string | null;
  /** Label NR tree (default the built-in grid). */
  labelNr?: Referential;
}

/** Creates the workspace row and its first content, in one transaction. */
export function seedWorkspace(ctx: ServiceContext, opts: SeedOptions): void {
  const labelNr = opts.labelNr ?? loadBuiltinLabelNr();
  ctx.db.transaction(() => {
    if (!opts.demo) {
      // Type unknown ('autre') until the user says: no personnalisation rule applies by guess (§2.5).
      createWorkspace(ctx, { id: ctx.workspaceId, nom: 'Ma collectivité', typeCollectivite: 'autre', codeInsee: null, population: null, utilisateur: ctx.user });
      storeReferential(ctx, labelNr);
      return;
    }
    createWorkspace(ctx, {
      id: ctx.workspaceId,
      nom: 'Commune de Valmont-sur-Loire',
      typeCollectivite: 'commune',
      codeInsee: null,
      population: 12400,
      utilisateur: ctx.user,
    });
    storeReferential(ctx, labelNr);
    const samples = opts.teteSamples === undefined ? findTeteSamples() : opts.teteSamples;
    if (samples) importReferential(ctx, CAE_FILES.map((f) => join(samples, f)).filter((p) => existsSync(p)), { id: 'cae' });
    else opts.log('Démo : fichiers TETE introuvables (LABEL_AUDIT_TETE_DATA ou ../shared/data) — référentiel CAE non chargé.');
    seedPeopleAndStatuts(ctx, labelNr.id, samples ? 'cae' : null);
    if (samples) seedPersonnalisation(ctx, samples);
  })();
}

/**
 * The question CSVs beside the TETE samples: the same folder (a user's `LABEL_AUDIT_TETE_DATA` holding every CSV),
 * else the platform's own location relative to the referential samples. Empty when absent.
 */
export function findQuestionFiles(samples: string): string[] {
  const names = QUESTION_FILES.map((k) => `import-personnalisation-${k}.csv`);
  for (const dir of [samples, resolve(samples, '../../../collectivites/personnalisations/import-personnalisation-questions/samples')]) {
    if (existsSync(join(dir, names[0]!))) return names.map((n) => join(dir, n)).filter((p) => existsSync(p));
  }
  return [];
}
const QUESTION_FILES = ['questions', 'choices', 'thematiques'];

/** The demo commune's answers (tete-referentials.md §2.5): a town of 12 400 inhabitants whose mobility and waste
 * competences lie with its communauté de communes. */
const DEMO_REPONSES: Array<{ questionId: string; valeur: boolean | string | number; justification: string }> = [
  { questionId: 'AOM_1', valeur: false, justification: 'Compétence mobilité transférée à la communauté de communes (arrêté préfectoral du 14/06/2021).' },
  { questionId: 'centre_urbain', valeur: true, justification: 'Ville-centre du bassin de vie (INSEE, zonage 2020).' },
  { questionId: 'dechets_1', valeur: false, justification: 'Collecte des déchets exercée par le SMICTOM du Val de Loire.' },
  { questionId: 'dechets_2', valeur: false, justification: 'Traitement des déchets exercé par le SMICTOM du Val de Loire.' },
  { questionId: 'AOM_2', valeur: 0.05, justification: 'Part de la commune dans la communauté de communes : 5 % des sièges.' },
];

function seedPersonnalisation(ctx: ServiceContext, samples: string): void {
  const files = findQuestionFiles(samples);
  if (files.length === 0) return;
  importQuestions(ctx, files.map((f) => readSourceFile(f)));
  const pool = new Set(listQuestions(ctx).questions.map((q) => q.id));
  for (const r of DEMO_REPONSES) if (pool.has(r.questionId)) setReponse(ctx, r);
}

const PEOPLE: Array<{ nom: string; email: string; service: number }> = [
  { nom: 'Claire Morel', email: 'claire.morel@valmont-sur-loire.example', service: 0 },
  { nom: 'Julien Fabre', email: 'julien.fabre@valmont-sur-loire.example', service: 1 },
  { nom: 'Nadia Benali', email: 'nadia.benali@valmont-sur-loire.example', service: 2 },
  { nom: 'Thomas Girard', email: 'thomas.girard@valmont-sur-loire.example', service: 3 },
  { nom: 'Élise Rouvière', email: 'elise.rouviere@valmont-sur-loire.example', service: 0 },
];
const SERVICES = ['Direction des systèmes d’information', 'Commande publique', 'Ressources humaines', 'Communication'];

const CYCLE: Statut[] = ['fait', 'fait', 'programme', 'pas_fait', 'fait', 'programme'];
const EXPLICATIONS = [
  'Délibération du conseil municipal adoptée ; suivi annuel en commission.',
  'Prévu au budget de l’an prochain, cahier des charges en cours de rédaction.',
  'Pas encore engagé faute de moyens humains ; à reprendre après le recrutement.',
];

function seedPeopleAndStatuts(ctx: ServiceContext, labelNrId: string, caeId: string | null): void {
  const services = SERVICES.map((nom) => createService(ctx, { nom }));
  const people = PEOPLE.map((p) => createPerson(ctx, { nom: p.nom, email: p.email, serviceId: services[p.service]!.id }));

  // Label NR: statuts on the first 30 critères, pilotes on the thèmes' first critères.
  const nr = getReferential(ctx, labelNrId);
  const nrLeaves = nr.nodes.filter((n) => canHoldStatut(nr, n.id));
  nrLeaves.slice(0, 30).forEach((n, i) => {
    const statut: Statut = i === 7 ? 'non_concerne' : i === 11 ? 'detaille' : CYCLE[i % CYCLE.length]!;
    writeStatut(ctx, {
      referentialId: nr.id,
      nodeId: n.id,
      statut,
      detail: statut === 'detaille' ? [0.7, 0.2, 0.1] : undefined,
      explication: i % 4 === 0 ? EXPLICATIONS[i % 3]! : undefined,
    });
  });
  const nrThemes = nr.nodes.filter((n) => n.depth === 1);
  nrThemes.forEach((theme, i) => {
    const first = nr.nodes.find((n) => n.parentId === theme.id);
    if (!first) return;
    setPilotes(ctx, { referentialId: nr.id, nodeId: first.id, personIds: [people[i % people.length]!.id], serviceIds: [services[i % services.length]!.id] });
    setEcheance(ctx, { referentialId: nr.id, nodeId: first.id, echeance: `2027-0${(i % 9) + 1}-30`.replace('-02-30', '-02-28') });
  });
  const firstNr = nrLeaves[0];
  if (firstNr) {
    addPreuveFile(ctx, {
      referentialId: nr.id,
      nodeId: firstNr.id,
      fileName: 'deliberation-strategie-numerique-responsable.pdf',
      titre: 'Délibération : stratégie numérique responsable',
      bytes: minimalPdf('Commune de Valmont-sur-Loire', [
        'Extrait du registre des deliberations du conseil municipal',
        'Objet : adoption de la strategie numerique responsable 2026-2030',
        'Document de demonstration genere par Label Audit.',
      ]),
    });
    addPreuveLink(ctx, { referentialId: nr.id, nodeId: firstNr.id, url: 'https://www.valmont-sur-loire.example/numerique-responsable', titre: 'Page publique de la démarche' });
  }
  const inventory = textFile(['Inventaire du parc informatique — Valmont-sur-Loire', 'Postes fixes : 212', 'Portables : 96', 'Âge moyen : 5,2 ans']);
  for (const n of nrLeaves.slice(2, 4)) {
    addPreuveFile(ctx, { referentialId: nr.id, nodeId: n.id, fileName: 'inventaire-parc-informatique.txt', titre: 'Inventaire du parc informatique', bytes: inventory });
  }

  if (caeId === null) return;
  seedCae(ctx, caeId, people.map((p) => p.id), services.map((s) => s.id), inventory);
}

/** The CAE part: the §2.8 B fixture on cae_1.1.1 (fait 3.3, programmé 3.9, pas fait 3.6 of 12), then more statuts. */
function seedCae(ctx: ServiceContext, caeId: string, personIds: string[], serviceIds: string[], inventory: Uint8Array): void {
  const cae = getReferential(ctx, caeId);
  const has = (id: string) => cae.nodes.some((n) => n.id === id);
  const set = (nodeId: string, statut: Statut, detail?: [number, number, number], explication?: string) => {
    if (has(nodeId)) writeStatut(ctx, { referentialId: caeId, nodeId, statut, detail, explication });
  };
  // tete-referentials.md §2.8 B, fixture on cae_1.1.1 (12 statuts, including the one non concerné).
  set('cae_1.1.1.1.1', 'fait', undefined, EXPLICATIONS[0]);
  set('cae_1.1.1.1.2', 'fait');
  set('cae_1.1.1.2', 'programme', undefined, EXPLICATIONS[1]);
  set('cae_1.1.1.4.1', 'fait');
  set('cae_1.1.1.4.2', 'fait');
  set('cae_1.1.1.4.3', 'non_concerne', undefined, 'La commune n’exerce pas cette compétence (transférée à l’intercommunalité).');
  set('cae_1.1.1.5', 'pas_fait', undefined, EXPLICATIONS[2]);
  set('cae_1.1.1.6', 'programme');
  set('cae_1.1.1.7.1', 'fait');
  set('cae_1.1.1.7.2', 'detaille', [0.5, 0.5, 0]);
  set('cae_1.1.1.7.3', 'programme');
  // 28 more sous-actions of other mesures, in tree order.
  const others = cae.nodes.filter((n) => n.depth === cae.actionLevel + 1 && !n.id.startsWith('cae_1.1.1.') && canHoldStatut(cae, n.id));
  others.slice(0, 29).forEach((n, i) => set(n.id, CYCLE[i % CYCLE.length]!, undefined, i % 5 === 0 ? EXPLICATIONS[i % 3] : undefined));

  const mesures = cae.nodes.filter((n) => n.depth === cae.actionLevel).slice(0, 6);
  mesures.forEach((m, i) => {
    setPilotes(ctx, { referentialId: caeId, nodeId: m.id, personIds: [personIds[i % personIds.length]!], serviceIds: [serviceIds[(i + 1) % serviceIds.length]!] });
    setEcheance(ctx, { referentialId: caeId, nodeId: m.id, echeance: `2027-${String(i + 3).padStart(2, '0')}-15` });
  });
  if (has('cae_1.1.1.3')) {
    addPreuveFile(ctx, {
      referentialId: caeId,
      nodeId: 'cae_1.1.1.3',
      fileName: 'pcaet-diagnostic.pdf',
      titre: 'Rapport de diagnostic du PCAET',
      bytes: minimalPdf('PCAET - Rapport de diagnostic', ['Commune de Valmont-sur-Loire', 'Document de demonstration genere par Label Audit.']),
    });
  }
  if (has('cae_5.2.2.1')) addPreuveFile(ctx, { referentialId: caeId, nodeId: 'cae_5.2.2.1', fileName: 'inventaire-parc-informatique.txt', titre: 'Inventaire du parc informatique', bytes: inventory });
}
