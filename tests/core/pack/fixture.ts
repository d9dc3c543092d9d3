/**
 * A small hand-built TETE-like pack input: 2 axes, scores computed by hand, statuts, pilotes, 4 file preuves
 * (one used by two nodes, one named with `:` and accents in NFD, one missing on disk, one colliding by case)
 * and 2 links (one `javascript:`). Evidence bytes are written to a temporary content-addressed store.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NodeScore, Referential, ReferentialNode, ScoreResult } from '../../../shared/domain';
import type { PackInput, PackPreuve } from '../../../electron/core/pack/types';

function node(id: string, identifiant: string, type: string, nom: string, points: number, categorie: string | null = null): ReferentialNode {
  const depth = identifiant === '' ? 0 : identifiant.split('.').length;
  const parentIdent = identifiant.split('.').slice(0, -1).join('.');
  return {
    id,
    parentId: depth === 0 ? null : depth === 1 ? 't' : `t_${parentIdent}`,
    identifiant,
    depth,
    type,
    nom,
    description: depth === 3 ? `Description de ${identifiant}` : null,
    contexte: null,
    exemples: null,
    ressources: null,
    perimetreEvaluation: null,
    reductionPotentiel: null,
    categorie,
    points,
    pourcentage: null,
    pointReferentiel: points,
    ordre: 0,
    meta: {},
  };
}

export const MESURE_1 = '1.1.1 Définir la stratégie « climat » de l’œuvre';
export const MESURE_2 = '2.1.1 Rénover les bâtiments ≥ 1 000 m²';
export const DIR_1 = `preuves/1 Planification territoriale/1.1 Stratégie globale/${MESURE_1}`;
export const DIR_2 = `preuves/2 Patrimoine de la collectivité/2.1 Bâtiments publics/${MESURE_2}`;

export const referential: Referential = {
  id: 't',
  version: '2026-01-01',
  nom: 'Référentiel d’essai Climat-Air-Énergie',
  model: 'tete',
  hierarchie: ['referentiel', 'axe', 'sous-axe', 'action', 'sous-action', 'tache'],
  actionLevel: 3,
  redistribution: true,
  niveaux: [
    { rang: 1, nom: '1 étoile', seuil: 0 },
    { rang: 2, nom: '2 étoiles', seuil: 0.35 },
    { rang: 3, nom: '3 étoiles', seuil: 0.5 },
  ],
  avertissement: null,
  nodes: [
    node('t', '', 'referentiel', 'Référentiel d’essai', 50),
    node('t_1', '1', 'axe', 'Planification territoriale', 20),
    node('t_1.1', '1.1', 'sous-axe', 'Stratégie globale', 20),
    node('t_1.1.1', '1.1.1', 'action', 'Définir la stratégie « climat » de l’œuvre', 20),
    node('t_1.1.1.1', '1.1.1.1', 'sous-action', 'Adopter le plan', 10, 'bases'),
    node('t_1.1.1.2', '1.1.1.2', 'sous-action', 'Suivre le plan', 10, 'mise en œuvre'),
    node('t_1.1.1.2.1', '1.1.1.2.1', 'tache', 'Tableau de bord', 5, 'mise en œuvre'),
    node('t_1.1.1.2.2', '1.1.1.2.2', 'tache', 'Bilan annuel', 5, 'mise en œuvre'),
    node('t_2', '2', 'axe', 'Patrimoine de la collectivité', 30),
    node('t_2.1', '2.1', 'sous-axe', 'Bâtiments publics', 30),
    node('t_2.1.1', '2.1.1', 'action', 'Rénover les bâtiments ≥ 1 000 m²', 30),
    node('t_2.1.1.1', '2.1.1.1', 'sous-action', 'Auditer le parc', 20, 'effets'),
    node('t_2.1.1.2', '2.1.1.2', 'sous-action', 'Former les agents', 10, 'bases'),
  ],
  preuvesAttendues: [],
};

function ns(pot: number, fait: number, prog: number, pas: number, leaves: number, statut: NodeScore['statut'] = null): NodeScore {
  return {
    pointReferentiel: pot,
    pointPotentiel: pot,
    pointPotentielPerso: null,
    pointFait: fait,
    pointProgramme: prog,
    pointPasFait: pas,
    pointNonRenseigne: pot - fait - prog - pas,
    totalTachesCount: leaves,
    completedTachesCount: leaves,
    faitTachesAvancement: 0,
    programmeTachesAvancement: 0,
    pasFaitTachesAvancement: 0,
    pasConcerneTachesAvancement: 0,
    concerne: true,
    desactive: false,
    renseigne: true,
    statut,
  };
}

/**
 * Scores by hand (tete-referentials.md §2.3 without redistribution: every node concerné):
 * 1.1.1.1 fait 10; 1.1.1.2 programmé 10 (its tâches inherit: 5 + 5 programmé);
 * 2.1.1.1 pas fait 20; 2.1.1.2 fait 10. Root: potentiel 50, fait 20 → 40 % → "2 étoiles" (seuil 35 %).
 */
export const score: ScoreResult = {
  referential: { id: 't', version: '2026-01-01' },
  root: { ...ns(50, 20, 10, 20, 5), score: 0.4, completude: 1, niveau: { rang: 2, nom: '2 étoiles', seuil: 0.35 } },
  nodes: {
    t_1: ns(20, 10, 10, 0, 3),
    't_1.1': ns(20, 10, 10, 0, 3),
    't_1.1.1': ns(20, 10, 10, 0, 3),
    't_1.1.1.1': ns(10, 10, 0, 0, 1, 'fait'),
    't_1.1.1.2': ns(10, 0, 10, 0, 2, 'programme'),
    't_1.1.1.2.1': ns(5, 0, 5, 0, 1, 'non_renseigne'),
    't_1.1.1.2.2': ns(5, 0, 5, 0, 1, 'non_renseigne'),
    t_2: ns(30, 10, 0, 20, 2),
    't_2.1': ns(30, 10, 0, 20, 2),
    't_2.1.1': ns(30, 10, 0, 20, 2),
    't_2.1.1.1': ns(20, 0, 0, 20, 1, 'pas_fait'),
    't_2.1.1.2': ns(10, 10, 0, 0, 1, 'fait'),
  },
};

export const BYTES = {
  deliberation: Buffer.from('%PDF-1.4 délibération du conseil\n'),
  inventaire: Buffer.from('inventaire du parc informatique, 120 postes\n'.repeat(50)),
  rapportMaj: Buffer.from('Rapport de visite (majuscules)\n'),
  manquant: Buffer.from('jamais écrit sur le disque'),
};

export function sha(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

/** Writes the evidence store into a new temporary folder and returns a complete PackInput. */
export function makeInput(): { input: PackInput; dir: string; storePath: (sha256: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'pack-'));
  const store = join(dir, 'evidence');
  const storePath = (h: string) => join(store, h.slice(0, 2), h.slice(2));
  for (const [key, b] of Object.entries(BYTES)) {
    if (key === 'manquant') continue;
    mkdirSync(join(store, sha(b).slice(0, 2)), { recursive: true });
    writeFileSync(storePath(sha(b)), b);
  }
  const file = (id: string, titre: string, fileName: string, b: Buffer, nodeIds: string[]): PackPreuve => ({
    id,
    kind: 'fichier',
    titre,
    fileName,
    size: b.length,
    sha256: sha(b),
    url: null,
    addedAt: '2026-02-01T09:00:00.000Z',
    nodeIds,
  });
  const lien = (id: string, titre: string, url: string, nodeIds: string[]): PackPreuve => ({
    id,
    kind: 'lien',
    titre,
    fileName: null,
    size: null,
    sha256: null,
    url,
    addedAt: '2026-02-02T09:00:00.000Z',
    nodeIds,
  });
  const input: PackInput = {
    appVersion: '0.1.0',
    workspace: { nom: 'Commune de Saint-Étienne-lès-Œufs', typeCollectivite: 'commune', codeInsee: '42218', population: 12345 },
    referential,
    score,
    jalon: { nom: 'Pré-audit', date: '2026-03-15T10:00:00.000Z' },
    statuts: new Map([
      ['t_1.1.1.1', { statut: 'fait', detail: null, explication: 'Plan adopté le 3 mars ; voir la délibération.', modifiedAt: '2026-02-01T09:00:00.000Z', modifiedBy: 'Camille' }],
      ['t_1.1.1.2', { statut: 'programme', detail: null, explication: null, modifiedAt: '2026-02-01T09:00:00.000Z', modifiedBy: 'Camille' }],
      ['t_2.1.1.1', { statut: 'pas_fait', detail: null, explication: "=cmd|' /C calc'!A0", modifiedAt: '2026-02-01T09:00:00.000Z', modifiedBy: 'Dominique' }],
      ['t_2.1.1.2', { statut: 'fait', detail: null, explication: 'Formation faite en janvier.', modifiedAt: '2026-02-01T09:00:00.000Z', modifiedBy: 'Dominique' }],
    ]),
    pilotes: new Map([['t_1.1.1', { personnes: ['Camille Lefèvre', 'Noé Dupré'], services: ['Service urbanisme'], echeance: '2026-06-30' }]]),
    preuves: [
      file('p1', 'Délibération PCAET', 'Délibération: PCAET été.pdf'.normalize('NFD'), BYTES.deliberation, ['t_1.1.1.1']),
      file('p2', 'Inventaire du parc', 'inventaire.txt', BYTES.inventaire, ['t_1.1.1.2.1', 't_2.1.1.1']),
      file('p3', 'Rapport manquant', 'rapport.pdf', BYTES.manquant, ['t_2.1.1.1']),
      file('p4', 'Rapport de visite', 'Rapport.PDF', BYTES.rapportMaj, ['t_2.1.1.1']),
      lien('p5', 'Site de la collectivité', 'https://example.fr/climat', ['t_1.1.1.1']),
      lien('p6', 'Lien piégé', 'javascript:alert(1)', ['t_1.1.1']),
    ],
    evidencePath: storePath,
  };
  return { input, dir, storePath };
}
