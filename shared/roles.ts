/**
 * Who is calling the core: the role and, for a pilote, the person whose criteria they own. Every write checks
 * the actor in the core (issue 5 item 4; ARCHITECTURE.md, "the core decides"), never only in the UI.
 *
 * - `referent`: the audit lead, everything (the local app, the CLI and the tests act as the référent).
 * - `pilote`: statut, explication and preuves of the criteria they own (`personId`), nothing else.
 * - `auditeur`: reads everything, writes audit notes (and, while an audit is open, statuts — issue 6).
 * - `lecture`: reads only.
 */
export type Role = 'referent' | 'pilote' | 'auditeur' | 'lecture';

/** The caller of a procedure. `personId` is the id of the person row (`person.id`, a UUID text) for a pilote,
 *  null otherwise; `name` is what the history records as the author. `invitationId` is the invitation the
 *  request was authenticated with (sharing on the local network), absent for in-process callers. */
export interface Actor {
  role: Role;
  personId: string | null;
  name: string;
  invitationId?: string;
}

/** The actor of the local app, the CLI and in-process callers: the référent. The history author stays the one
 *  each procedure already records. */
export const LOCAL_REFERENT: Actor = Object.freeze({ role: 'referent', personId: null, name: 'référent' });

/** French labels of the roles, for the UI. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  referent: 'Référent',
  pilote: 'Pilote',
  auditeur: 'Auditeur',
  lecture: 'Lecture seule',
};

/** The roles' names in English (the English UI catalogue's `roles.*`), for the core's English messages. */
export const ROLE_LABELS_EN: Readonly<Record<Role, string>> = { referent: 'Referent', pilote: 'Lead', auditeur: 'Auditor', lecture: 'Read only' };
