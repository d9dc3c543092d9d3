/**
 * Who may call what, as a pure table shared by the core and the renderer (issue 5 item 4: « every write checks the
 * role in the core, not in the UI »; the UI follows the same table so that an invited person sees only the controls
 * they may use). Every procedure of the router is classified here by its path; the core's tRPC middleware
 * (electron/core/api/access.ts `checkAccess`) applies it to the request's actor before the procedure runs, with the
 * ownership checks a pilote's writes need; the renderer asks `allowed(role, path)` to show or hide a control.
 *
 * Roles (shared/roles.ts): référent everything; pilote the statut, explication and preuves of the criteria they
 * own and the few reads their screen needs; auditeur reads everything and writes audit notes; lecture reads only.
 * A procedure missing from the table is a read for auditeur and lecture when it is a query (never for a pilote),
 * and référent-only when it is a mutation or a subscription: a new procedure is safe until classified.
 */
import type { Role } from './roles';

/**
 * Classes of procedures:
 * - `lecture`: reads; référent, auditeur, lecture (not a pilote).
 * - `pilote-lecture`: reads a pilote's screen needs too (the score, the referential list, who am I); every role.
 * - `mes-criteres`: every role except that a pilote may only ask for their own person's list.
 * - `referent-lecture`: reads for the référent only (invitations, sharing state).
 * - `referent`: writes of the référent only.
 * - `noeud-pilote`: référent; a pilote when the input's `referentialId` / `nodeId` is one of their criteria.
 * - `preuve-pilote`: référent; a pilote when the input's `preuveId` is attached to one of their criteria.
 * - `audit`: référent and auditeur (audit notes, issue 6).
 */
export type AccessClass = 'lecture' | 'pilote-lecture' | 'mes-criteres' | 'referent-lecture' | 'referent' | 'noeud-pilote' | 'preuve-pilote' | 'audit';

/** A procedure's path (`statuts.set`) → its class and the French action named in a refusal. */
export const ACCESS: Readonly<Record<string, { access: AccessClass; action: string }>> = {
  'workspace.get': { access: 'pilote-lecture', action: 'lire la fiche de la collectivité' },
  'workspace.update': { access: 'referent', action: 'modifier la fiche de la collectivité' },
  'referentials.list': { access: 'pilote-lecture', action: 'lister les référentiels' },
  'referentials.get': { access: 'lecture', action: 'lire un référentiel' },
  'referentials.import': { access: 'referent', action: 'importer un référentiel' },
  'scores.get': { access: 'pilote-lecture', action: 'lire le score' },
  'statuts.list': { access: 'lecture', action: 'lire les statuts' },
  'statuts.set': { access: 'noeud-pilote', action: 'modifier le statut' },
  'statuts.setExplication': { access: 'noeud-pilote', action: "modifier l'explication" },
  'people.list': { access: 'lecture', action: 'lister les personnes' },
  'people.create': { access: 'referent', action: 'ajouter une personne' },
  'services.list': { access: 'lecture', action: 'lister les services' },
  'services.create': { access: 'referent', action: 'ajouter un service' },
  'nodes.detail': { access: 'lecture', action: "lire la fiche d'un critère" },
  'nodes.overview': { access: 'lecture', action: 'lire la vue des critères' },
  'nodes.setPilotes': { access: 'referent', action: 'désigner les pilotes' },
  'nodes.setEcheance': { access: 'referent', action: 'fixer une échéance' },
  'preuves.list': { access: 'lecture', action: 'lire les preuves' },
  'preuves.library': { access: 'lecture', action: 'lire la bibliothèque de preuves' },
  'preuves.aCompleter': { access: 'lecture', action: 'lire les preuves à compléter' },
  'preuves.revisions': { access: 'lecture', action: "lire les versions d'une preuve" },
  'preuves.addFile': { access: 'noeud-pilote', action: 'ajouter une preuve' },
  'preuves.addLink': { access: 'noeud-pilote', action: 'ajouter un lien de preuve' },
  'preuves.addRevision': { access: 'preuve-pilote', action: "déposer une nouvelle version d'une preuve" },
  'preuves.addPath': { access: 'referent', action: 'ajouter une preuve depuis un fichier du poste' },
  'preuves.addRevisionPath': { access: 'referent', action: 'déposer une version depuis un fichier du poste' },
  'preuves.attach': { access: 'referent', action: 'rattacher une preuve de la bibliothèque' },
  'preuves.detach': { access: 'referent', action: 'détacher une preuve' },
  'preuves.update': { access: 'referent', action: 'modifier une preuve' },
  'preuves.setCouverture': { access: 'referent', action: 'marquer la couverture des preuves attendues' },
  'personnalisation.identite': { access: 'lecture', action: "lire l'identité de la collectivité" },
  'personnalisation.questionnaire': { access: 'lecture', action: 'lire le questionnaire' },
  'personnalisation.consequences': { access: 'lecture', action: 'lire les conséquences de la personnalisation' },
  'personnalisation.setIdentite': { access: 'referent', action: "modifier l'identité de la collectivité" },
  'personnalisation.setReponse': { access: 'referent', action: 'répondre au questionnaire' },
  'personnalisation.importQuestions': { access: 'referent', action: 'importer les questions' },
  'history.list': { access: 'lecture', action: "lire l'historique" },
  'pack.export': { access: 'referent', action: "exporter le dossier d'audit" },
  'pack.exportProgress': { access: 'referent', action: "exporter le dossier d'audit" },
  'pack.verify': { access: 'referent', action: "vérifier un dossier d'audit" },
  'readiness.get': { access: 'lecture', action: 'lire la préparation au label' },
  'mesCriteres.list': { access: 'mes-criteres', action: "lire les critères d'une personne" },
  'mesCriteres.retards': { access: 'lecture', action: 'lire la synthèse des retards' },
  'mesCriteres.exportXlsx': { access: 'referent', action: 'exporter un classeur de pilote' },
  'mesCriteres.previewImport': { access: 'referent', action: 'importer un classeur de pilote' },
  'mesCriteres.applyImport': { access: 'referent', action: 'importer un classeur de pilote' },
  'backups.list': { access: 'lecture', action: 'lister les sauvegardes' },
  'backups.create': { access: 'referent', action: 'créer une sauvegarde' },
  'backups.restore': { access: 'referent', action: 'restaurer une sauvegarde' },
  'partage.moi': { access: 'pilote-lecture', action: 'savoir qui est connecté' },
  'partage.etat': { access: 'referent-lecture', action: "voir l'état du partage" },
  'partage.invitations': { access: 'referent-lecture', action: 'lister les invitations' },
  'partage.demarrer': { access: 'referent', action: 'activer le partage' },
  'partage.arreter': { access: 'referent', action: 'arrêter le partage' },
  'partage.inviter': { access: 'referent', action: 'inviter une personne' },
  'partage.revoquer': { access: 'referent', action: 'révoquer une invitation' },
  'history.authors': { access: 'lecture', action: "lister les auteurs de l'historique" },
  'audit.cycles': { access: 'lecture', action: "lire les cycles d'audit" },
  'audit.espace': { access: 'lecture', action: "lire l'espace de l'auditeur" },
  'audit.ordreDuJour': { access: 'lecture', action: "lire l'ordre du jour de l'audit" },
  'audit.demander': { access: 'referent', action: "demander l'audit" },
  'audit.retirer': { access: 'referent', action: "retirer la demande d'audit" },
  'audit.ouvrir': { access: 'referent', action: "ouvrir l'audit" },
  'audit.decider': { access: 'referent', action: 'enregistrer la décision' },
  'audit.nouveauCycle': { access: 'referent', action: 'commencer un nouveau cycle' },
  'audit.clore': { access: 'audit', action: "clore l'audit" },
  'audit.setEtat': { access: 'audit', action: "changer l'état d'audit d'une mesure" },
  'audit.setOrdreDuJour': { access: 'audit', action: "modifier l'ordre du jour" },
  'audit.addNote': { access: 'audit', action: "écrire une note d'audit" },
  'audit.setStatut': { access: 'audit', action: "modifier un statut pendant l'audit" },
  'audit.setExplication': { access: 'audit', action: "modifier une explication pendant l'audit" },
  'audit.attachRapport': { access: 'audit', action: "joindre le rapport d'audit" },
  'backups.createProgress': { access: 'referent', action: 'créer une sauvegarde' },
  'examples.list': { access: 'lecture', action: 'lister les exemples' },
  'examples.load': { access: 'referent', action: 'charger un exemple' },
  'jalons.list': { access: 'lecture', action: 'lister les jalons' },
  'jalons.get': { access: 'lecture', action: 'lire un jalon' },
  'jalons.compare': { access: 'lecture', action: 'comparer deux jalons' },
  'jalons.take': { access: 'referent', action: 'prendre un jalon' },
  'jalons.exportPack': { access: 'referent', action: "exporter le dossier d'audit d'un jalon" },
  'jalons.compareXlsx': { access: 'referent', action: 'exporter la comparaison en XLSX' },
};

/** The class of `path` of type `type`: the table's, else the default (query → lecture, else référent only). */
export function accessOf(path: string, type: ProcedureType): { access: AccessClass; action: string } {
  return ACCESS[path] ?? { access: type === 'query' ? 'lecture' : 'referent', action: `appeler « ${path} »` };
}

/** Kind of a procedure (tRPC's `type`). */
export type ProcedureType = 'query' | 'mutation' | 'subscription';

/**
 * Whether `role` may call procedure `path` (of type `type`, default `mutation`: the renderer asks about writes) by
 * its class alone — the same decision as the core's `checkAccess`, before the checks that need the database. For
 * the classes a pilote may use only on what they own (`noeud-pilote`, `preuve-pilote`, `mes-criteres`), the answer
 * for a pilote is `opts.own` (default false): the caller knows whether the criterion, preuve or list is theirs.
 * The `audit` class is true for an auditeur even when no audit is open; the core refuses then (the audit screen
 * shows its controls only while the audit is open).
 */
export function allowed(role: Role, path: string, type: ProcedureType = 'mutation', opts: { own?: boolean } = {}): boolean {
  if (role === 'referent') return true;
  switch (accessOf(path, type).access) {
    case 'pilote-lecture':
      return true;
    case 'lecture':
      return role !== 'pilote';
    case 'mes-criteres':
      return role !== 'pilote' || opts.own === true;
    case 'audit':
      return role === 'auditeur';
    case 'noeud-pilote':
    case 'preuve-pilote':
      return role === 'pilote' && opts.own === true;
    case 'referent-lecture':
    case 'referent':
      return false;
  }
}

/**
 * Whether `role` may download the stored file of a preuve over the shared link (electron/core/partage/server.ts
 * `/preuves/<id>/fichier`; the local app always may). The référent: every preuve. A pilote: the preuves attached to
 * one of their criteria (`own`), confidentiel ones included (they are the collectivité's, on their criterion).
 * An auditeur and a lecteur: every preuve but the confidentiel ones, which the collectivité keeps out of the audit
 * pack too (tete-referentials.md §4.6 `bibliotheque_fichier.confidentiel`; electron/core/services/pack.ts).
 */
export function preuveDownloadAllowed(role: Role, preuve: { confidentiel: boolean; own: boolean }): boolean {
  switch (role) {
    case 'referent':
      return true;
    case 'pilote':
      return preuve.own;
    case 'auditeur':
    case 'lecture':
      return !preuve.confidentiel;
  }
}

/**
 * Whether `role` may download the audit pack of a referential over the shared link (`/paquet/<referentialId>`,
 * built without the confidentiel preuves): the référent and the auditeur (tete-referentials.md §4.6: the audit
 * evidence archive is the auditors' tool). Not a pilote, not a lecteur.
 */
export function packDownloadAllowed(role: Role): boolean {
  return role === 'referent' || role === 'auditeur';
}
