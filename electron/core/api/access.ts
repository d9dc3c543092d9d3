/**
 * The core's role check (issue 5 item 4: « every write checks the role in the core, not in the UI »). The table of
 * who may call what lives in shared/access.ts (pure, also read by the renderer to show only the controls a role may
 * use); the tRPC middleware `accessControl` (trpc.ts) calls `checkAccess` with the request's actor before the
 * procedure runs, which adds what the table alone cannot know: whether a pilote owns the criterion or preuve. A
 * caller without actor is the local référent (shared/roles.ts). Refusals are in French and English.
 */
import { accessOf } from '../../../shared/access';
import { UserError } from '../../../shared/errors';
import { elide } from '../../../shared/readiness-words';
import { ROLE_LABELS, ROLE_LABELS_EN, type Actor } from '../../../shared/roles';
import type { Core } from '../core';
import { ownsNode, ownsPreuve } from '../services/ownership';

export { ACCESS, accessOf, type AccessClass, type AccessEntry } from '../../../shared/access';

const str = (o: unknown, key: string): string | undefined => {
  const v = typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' ? v : undefined;
};

/** The reason added after the action, in both languages (« : ce critère n'est pas l'un des vôtres »). */
const WHY = {
  none: { fr: '', en: '' },
  piloteLecture: { fr: ' : un pilote ne voit que ses critères et le score', en: ': a lead only sees their own criteria and the score' },
  autrePersonne: { fr: ' autre que la sienne', en: ' other than yourself' },
  pasSonCritere: { fr: " : ce critère n'est pas l'un des vôtres", en: ': this criterion is not one of yours' },
  pasSaPreuve: { fr: " : cette preuve n'est rattachée à aucun de vos critères", en: ': this evidence is attached to none of your criteria' },
} as const;

function refuse(actor: Actor, action: { action: string; actionEn: string }, why: { fr: string; en: string } = WHY.none): never {
  throw new UserError(
    'FORBIDDEN',
    {
      fr: `Action refusée : le rôle « ${ROLE_LABELS[actor.role]} » (${actor.name}) ne permet pas ${elide('de', action.action)}${why.fr}.`,
      en: `Action refused: the role “${ROLE_LABELS_EN[actor.role]}” (${actor.name}) does not allow you to ${action.actionEn}${why.en}.`,
    },
    {},
  );
}

/**
 * Checks that `actor` may call procedure `path` (type `type`) with `rawInput` (not yet validated: only strings are
 * read from it). Returns normally when allowed; throws UserError FORBIDDEN naming the role, the person and the
 * action otherwise (for a pilote's write: the node or preuve that is not theirs).
 */
export function checkAccess(core: Core, actor: Actor, path: string, type: 'query' | 'mutation' | 'subscription', rawInput: unknown): void {
  if (actor.role === 'referent') return;
  const entry = accessOf(path, type);
  const { access } = entry;
  switch (access) {
    case 'pilote-lecture':
      return;
    case 'lecture':
      if (actor.role !== 'pilote') return;
      return refuse(actor, entry, WHY.piloteLecture);
    case 'mes-criteres': {
      if (actor.role !== 'pilote') return;
      const owner = typeof rawInput === 'object' && rawInput !== null ? (rawInput as { owner?: unknown }).owner : undefined;
      if (actor.personId !== null && str(owner, 'personId') === actor.personId) return;
      return refuse(actor, entry, WHY.autrePersonne);
    }
    case 'audit':
      if (actor.role === 'auditeur') return;
      return refuse(actor, entry);
    case 'noeud-pilote': {
      if (actor.role !== 'pilote') return refuse(actor, entry);
      const referentialId = str(rawInput, 'referentialId');
      const nodeId = str(rawInput, 'nodeId');
      if (actor.personId !== null && referentialId !== undefined && nodeId !== undefined && ownsNode(core.ctx, actor.personId, referentialId, nodeId)) return;
      return refuse(actor, { action: `${entry.action} de ${nodeId ?? '?'}`, actionEn: `${entry.actionEn} for ${nodeId ?? '?'}` }, WHY.pasSonCritere);
    }
    case 'preuve-pilote': {
      if (actor.role !== 'pilote') return refuse(actor, entry);
      const preuveId = str(rawInput, 'preuveId');
      if (actor.personId !== null && preuveId !== undefined && ownsPreuve(core.ctx, actor.personId, preuveId)) return;
      return refuse(actor, entry, WHY.pasSaPreuve);
    }
    case 'referent-lecture':
    case 'referent':
      return refuse(actor, entry);
  }
}
