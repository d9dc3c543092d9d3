/**
 * Who may call what (issue 5 item 4: « every write checks the role in the core, not in the UI »). Every procedure
 * of the router is classified here by its path; the tRPC middleware `accessControl` (trpc.ts) applies the table to
 * the request's actor before the procedure runs. A caller without actor is the local référent (shared/roles.ts).
 *
 * Roles (shared/roles.ts): référent everything; pilote the statut, explication and preuves of the criteria they
 * own and the few reads their screen needs; auditeur reads everything and writes audit notes; lecture reads only.
 * A procedure missing from the table is a read for auditeur and lecture when it is a query (never for a pilote),
 * and référent-only when it is a mutation or a subscription: a new procedure is safe until classified.
 */
import { UserError } from '../../../shared/errors';
import { elide } from '../../../shared/readiness-words';
import { ROLE_LABELS, type Actor } from '../../../shared/roles';
import type { Core } from '../core';
import { ownsNode, ownsPreuve } from '../services/ownership';

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
  'referentials.stageImport': { access: 'referent', action: 'importer un référentiel' },
  'referentials.importEvents': { access: 'referent', action: 'importer un référentiel' },
  'referentials.importOutcome': { access: 'referent-lecture', action: "lire l'issue d'un import de référentiel" },
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
export function accessOf(path: string, type: 'query' | 'mutation' | 'subscription'): { access: AccessClass; action: string } {
  return ACCESS[path] ?? { access: type === 'query' ? 'lecture' : 'referent', action: `appeler « ${path} »` };
}

const str = (o: unknown, key: string): string | undefined => {
  const v = typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' ? v : undefined;
};

function refuse(actor: Actor, action: string, why = ''): never {
  throw new UserError('FORBIDDEN', `Action refusée : le rôle « ${ROLE_LABELS[actor.role]} » (${actor.name}) ne permet pas ${elide('de', action)}${why}.`, {});
}

/**
 * Checks that `actor` may call procedure `path` (type `type`) with `rawInput` (not yet validated: only strings are
 * read from it). Returns normally when allowed; throws UserError FORBIDDEN naming the role, the person and the
 * action otherwise (for a pilote's write: the node or preuve that is not theirs).
 */
export function checkAccess(core: Core, actor: Actor, path: string, type: 'query' | 'mutation' | 'subscription', rawInput: unknown): void {
  if (actor.role === 'referent') return;
  const { access, action } = accessOf(path, type);
  switch (access) {
    case 'pilote-lecture':
      return;
    case 'lecture':
      if (actor.role !== 'pilote') return;
      return refuse(actor, action, ' : un pilote ne voit que ses critères et le score');
    case 'mes-criteres': {
      if (actor.role !== 'pilote') return;
      const owner = typeof rawInput === 'object' && rawInput !== null ? (rawInput as { owner?: unknown }).owner : undefined;
      if (actor.personId !== null && str(owner, 'personId') === actor.personId) return;
      return refuse(actor, action, ' autre que la sienne');
    }
    case 'audit':
      if (actor.role === 'auditeur') return;
      return refuse(actor, action);
    case 'noeud-pilote': {
      if (actor.role !== 'pilote') return refuse(actor, action);
      const referentialId = str(rawInput, 'referentialId');
      const nodeId = str(rawInput, 'nodeId');
      if (actor.personId !== null && referentialId !== undefined && nodeId !== undefined && ownsNode(core.ctx, actor.personId, referentialId, nodeId)) return;
      return refuse(actor, `${action} de ${nodeId ?? '?'}`, " : ce critère n'est pas l'un des vôtres");
    }
    case 'preuve-pilote': {
      if (actor.role !== 'pilote') return refuse(actor, action);
      const preuveId = str(rawInput, 'preuveId');
      if (actor.personId !== null && preuveId !== undefined && ownsPreuve(core.ctx, actor.personId, preuveId)) return;
      return refuse(actor, action, " : cette preuve n'est rattachée à aucun de vos critères");
    }
    case 'referent-lecture':
    case 'referent':
      return refuse(actor, action);
  }
}
