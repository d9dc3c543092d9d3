/**
 * The core's role check (issue 5 item 4: « every write checks the role in the core, not in the UI »). The table of
 * who may call what lives in shared/access.ts (pure, also read by the renderer to show only the controls a role may
 * use); the tRPC middleware `accessControl` (trpc.ts) calls `checkAccess` with the request's actor before the
 * procedure runs, which adds what the table alone cannot know: whether a pilote owns the criterion or preuve. A
 * caller without actor is the local référent (shared/roles.ts).
 */
import { accessOf } from '../../../shared/access';
import { UserError } from '../../../shared/errors';
import { elide } from '../../../shared/readiness-words';
import { ROLE_LABELS, type Actor } from '../../../shared/roles';
import type { Core } from '../core';
import { ownsNode, ownsPreuve } from '../services/ownership';

export { ACCESS, accessOf, type AccessClass } from '../../../shared/access';

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
