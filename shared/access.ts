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

/** What a procedure is: its class and the action named in a refusal, in French (`action`, elided after « de ») and
 *  English (`actionEn`, after "to"). */
export interface AccessEntry {
  access: AccessClass;
  action: string;
  actionEn: string;
}

/** A procedure's path (`statuts.set`) → its class and the action named in a refusal (French and English). */
export const ACCESS: Readonly<Record<string, AccessEntry>> = {
  'workspace.get': { access: 'pilote-lecture', action: 'lire la fiche de la collectivité', actionEn: 'read the local authority\'s record' },
  'workspace.update': { access: 'referent', action: 'modifier la fiche de la collectivité', actionEn: 'change the local authority\'s record' },
  'referentials.list': { access: 'pilote-lecture', action: 'lister les référentiels', actionEn: 'list the referentials' },
  'referentials.get': { access: 'lecture', action: 'lire un référentiel', actionEn: 'read a referential' },
  'referentials.import': { access: 'referent', action: 'importer un référentiel', actionEn: 'import a referential' },
  'referentials.stageImport': { access: 'referent', action: 'importer un référentiel', actionEn: 'import a referential' },
  'referentials.importEvents': { access: 'referent', action: 'importer un référentiel', actionEn: 'import a referential' },
  'referentials.importOutcome': { access: 'referent-lecture', action: "lire l'issue d'un import de référentiel", actionEn: 'read the outcome of a referential import' },
  'scores.get': { access: 'pilote-lecture', action: 'lire le score', actionEn: 'read the score' },
  'statuts.list': { access: 'lecture', action: 'lire les statuts', actionEn: 'read the statuses' },
  'statuts.set': { access: 'noeud-pilote', action: 'modifier le statut', actionEn: 'change the status' },
  'statuts.setExplication': { access: 'noeud-pilote', action: "modifier l'explication", actionEn: 'change the explanation' },
  'people.list': { access: 'lecture', action: 'lister les personnes', actionEn: 'list the people' },
  'people.create': { access: 'referent', action: 'ajouter une personne', actionEn: 'add a person' },
  'services.list': { access: 'lecture', action: 'lister les services', actionEn: 'list the services' },
  'services.create': { access: 'referent', action: 'ajouter un service', actionEn: 'add a service' },
  'nodes.detail': { access: 'lecture', action: "lire la fiche d'un critère", actionEn: 'read a criterion\'s sheet' },
  'nodes.overview': { access: 'lecture', action: 'lire la vue des critères', actionEn: 'read the overview of the criteria' },
  'nodes.setPilotes': { access: 'referent', action: 'désigner les pilotes', actionEn: 'name the leads' },
  'nodes.setEcheance': { access: 'referent', action: 'fixer une échéance', actionEn: 'set a due date' },
  'preuves.list': { access: 'lecture', action: 'lire les preuves', actionEn: 'read the evidence' },
  'preuves.library': { access: 'lecture', action: 'lire la bibliothèque de preuves', actionEn: 'read the evidence library' },
  'preuves.aCompleter': { access: 'lecture', action: 'lire les preuves à compléter', actionEn: 'read the evidence to complete' },
  'preuves.revisions': { access: 'lecture', action: "lire les versions d'une preuve", actionEn: 'read the versions of a piece of evidence' },
  'preuves.addFile': { access: 'noeud-pilote', action: 'ajouter une preuve', actionEn: 'add evidence' },
  'preuves.addLink': { access: 'noeud-pilote', action: 'ajouter un lien de preuve', actionEn: 'add an evidence link' },
  'preuves.addRevision': { access: 'preuve-pilote', action: "déposer une nouvelle version d'une preuve", actionEn: 'upload a new version of a piece of evidence' },
  'preuves.addPath': { access: 'referent', action: 'ajouter une preuve depuis un fichier du poste', actionEn: 'add evidence from a file on this computer' },
  'preuves.addRevisionPath': { access: 'referent', action: 'déposer une version depuis un fichier du poste', actionEn: 'upload a version from a file on this computer' },
  'preuves.attach': { access: 'referent', action: 'rattacher une preuve de la bibliothèque', actionEn: 'attach evidence from the library' },
  'preuves.detach': { access: 'referent', action: 'détacher une preuve', actionEn: 'detach evidence' },
  'preuves.update': { access: 'referent', action: 'modifier une preuve', actionEn: 'change a piece of evidence' },
  'preuves.setCouverture': { access: 'referent', action: 'marquer la couverture des preuves attendues', actionEn: 'mark the coverage of the expected evidence' },
  'personnalisation.identite': { access: 'lecture', action: "lire l'identité de la collectivité", actionEn: 'read the local authority\'s identity' },
  'personnalisation.questionnaire': { access: 'lecture', action: 'lire le questionnaire', actionEn: 'read the questionnaire' },
  'personnalisation.consequences': { access: 'lecture', action: 'lire les conséquences de la personnalisation', actionEn: 'read the consequences of the customisation' },
  'personnalisation.setIdentite': { access: 'referent', action: "modifier l'identité de la collectivité", actionEn: 'change the local authority\'s identity' },
  'personnalisation.setReponse': { access: 'referent', action: 'répondre au questionnaire', actionEn: 'answer the questionnaire' },
  'personnalisation.importQuestions': { access: 'referent', action: 'importer les questions', actionEn: 'import the questions' },
  'history.list': { access: 'lecture', action: "lire l'historique", actionEn: 'read the history' },
  'pack.export': { access: 'referent', action: "exporter le dossier d'audit", actionEn: 'export the audit pack' },
  'pack.exportProgress': { access: 'referent', action: "exporter le dossier d'audit", actionEn: 'export the audit pack' },
  'pack.verify': { access: 'referent', action: "vérifier un dossier d'audit", actionEn: 'verify an audit pack' },
  'readiness.get': { access: 'lecture', action: 'lire la préparation au label', actionEn: 'read the label readiness' },
  'mesCriteres.list': { access: 'mes-criteres', action: "lire les critères d'une personne", actionEn: 'read the criteria of a person' },
  'mesCriteres.retards': { access: 'lecture', action: 'lire la synthèse des retards', actionEn: 'read the summary of delays' },
  'mesCriteres.exportXlsx': { access: 'referent', action: 'exporter un classeur de pilote', actionEn: 'export a lead\'s workbook' },
  'mesCriteres.previewImport': { access: 'referent', action: 'importer un classeur de pilote', actionEn: 'import a lead\'s workbook' },
  'mesCriteres.applyImport': { access: 'referent', action: 'importer un classeur de pilote', actionEn: 'import a lead\'s workbook' },
  'backups.list': { access: 'lecture', action: 'lister les sauvegardes', actionEn: 'list the backups' },
  'backups.create': { access: 'referent', action: 'créer une sauvegarde', actionEn: 'create a backup' },
  'backups.restore': { access: 'referent', action: 'restaurer une sauvegarde', actionEn: 'restore a backup' },
  'partage.moi': { access: 'pilote-lecture', action: 'savoir qui est connecté', actionEn: 'know who is connected' },
  'partage.etat': { access: 'referent-lecture', action: "voir l'état du partage", actionEn: 'see the sharing state' },
  'partage.invitations': { access: 'referent-lecture', action: 'lister les invitations', actionEn: 'list the invitations' },
  'partage.demarrer': { access: 'referent', action: 'activer le partage', actionEn: 'turn sharing on' },
  'partage.arreter': { access: 'referent', action: 'arrêter le partage', actionEn: 'turn sharing off' },
  'partage.inviter': { access: 'referent', action: 'inviter une personne', actionEn: 'invite a person' },
  'partage.revoquer': { access: 'referent', action: 'révoquer une invitation', actionEn: 'revoke an invitation' },
  'history.authors': { access: 'lecture', action: "lister les auteurs de l'historique", actionEn: 'list the authors of the history' },
  'audit.cycles': { access: 'lecture', action: "lire les cycles d'audit", actionEn: 'read the audit cycles' },
  'audit.espace': { access: 'lecture', action: "lire l'espace de l'auditeur", actionEn: 'read the auditor\'s space' },
  'audit.ordreDuJour': { access: 'lecture', action: "lire l'ordre du jour de l'audit", actionEn: 'read the audit\'s agenda' },
  'audit.demander': { access: 'referent', action: "demander l'audit", actionEn: 'request the audit' },
  'audit.retirer': { access: 'referent', action: "retirer la demande d'audit", actionEn: 'withdraw the audit request' },
  'audit.ouvrir': { access: 'referent', action: "ouvrir l'audit", actionEn: 'open the audit' },
  'audit.decider': { access: 'referent', action: 'enregistrer la décision', actionEn: 'record the decision' },
  'audit.nouveauCycle': { access: 'referent', action: 'commencer un nouveau cycle', actionEn: 'start a new cycle' },
  'audit.clore': { access: 'audit', action: "clore l'audit", actionEn: 'close the audit' },
  'audit.setEtat': { access: 'audit', action: "changer l'état d'audit d'une mesure", actionEn: 'change a measure\'s audit state' },
  'audit.setOrdreDuJour': { access: 'audit', action: "modifier l'ordre du jour", actionEn: 'change the agenda' },
  'audit.addNote': { access: 'audit', action: "écrire une note d'audit", actionEn: 'write an audit note' },
  'audit.setStatut': { access: 'audit', action: "modifier un statut pendant l'audit", actionEn: 'change a status during the audit' },
  'audit.setExplication': { access: 'audit', action: "modifier une explication pendant l'audit", actionEn: 'change an explanation during the audit' },
  'audit.attachRapport': { access: 'audit', action: "joindre le rapport d'audit", actionEn: 'attach the audit report' },
  'backups.createProgress': { access: 'referent', action: 'créer une sauvegarde', actionEn: 'create a backup' },
  'examples.list': { access: 'lecture', action: 'lister les exemples', actionEn: 'list the examples' },
  'examples.load': { access: 'referent', action: 'charger un exemple', actionEn: 'load an example' },
  'jalons.list': { access: 'lecture', action: 'lister les jalons', actionEn: 'list the milestones' },
  'jalons.get': { access: 'lecture', action: 'lire un jalon', actionEn: 'read a milestone' },
  'jalons.compare': { access: 'lecture', action: 'comparer deux jalons', actionEn: 'compare two milestones' },
  'jalons.take': { access: 'referent', action: 'prendre un jalon', actionEn: 'take a milestone' },
  'jalons.exportPack': { access: 'referent', action: "exporter le dossier d'audit d'un jalon", actionEn: 'export a milestone\'s audit pack' },
  'jalons.compareXlsx': { access: 'referent', action: 'exporter la comparaison en XLSX', actionEn: 'export the comparison as XLSX' },
};

/** The class of `path` of type `type`: the table's, else the default (query → lecture, else référent only). */
export function accessOf(path: string, type: ProcedureType): AccessEntry {
  return ACCESS[path] ?? { access: type === 'query' ? 'lecture' : 'referent', action: `appeler « ${path} »`, actionEn: `call “${path}”` };
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
