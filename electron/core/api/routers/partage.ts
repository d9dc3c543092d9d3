/** `partage.*` procedures: sharing on the local network, invitations (issue 5 item 4; classified in access.ts). */
import { z } from 'zod';
import { LOCAL_REFERENT } from '../../../../shared/roles';
import { adressesPossibles, arreterPartage, demarrerPartage, etatPartage, lienInvitation } from '../../partage';
import { procedure, router } from '../trpc';
import { text } from './schemas';

const role = z.enum(['referent', 'pilote', 'auditeur', 'lecture']);

export const partageRouter = router({
  /** Who the caller is: the invitation's actor over the shared link, the local référent otherwise. */
  moi: procedure.query(({ ctx }) => {
    const a = ctx.actor ?? LOCAL_REFERENT;
    return { role: a.role, personId: a.personId, nom: a.name, distant: ctx.actor?.invitationId !== undefined };
  }),
  etat: procedure.query(({ ctx }) => ({ ...etatPartage(ctx.core), adresses: adressesPossibles() })),
  invitations: procedure.query(({ ctx }) => ctx.core.invitations.list()),
  demarrer: procedure
    .input(z.object({ host: z.string().min(1).max(64), port: z.number().int().min(0).max(65535).optional() }))
    .mutation(({ ctx, input }) => demarrerPartage(ctx.core, input)),
  arreter: procedure.mutation(({ ctx }) => arreterPartage(ctx.core)),
  /** A new invitation; `token` and `lien` are shown once (only the token's SHA-256 is kept). */
  inviter: procedure
    .input(z.object({ role, personId: z.string().min(1).max(80).nullable().optional(), nom: text(200).optional(), validiteJours: z.number().int().optional() }))
    .mutation(({ ctx, input }) => {
      const { invitation, token } = ctx.core.invitations.create(input);
      return { invitation, token, lien: lienInvitation(ctx.core, token) };
    }),
  revoquer: procedure.input(z.object({ id: z.string().min(1).max(80) })).mutation(({ ctx, input }) => ctx.core.invitations.revoke(input.id)),
});
