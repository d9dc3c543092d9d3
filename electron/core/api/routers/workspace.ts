/** `workspace.*` procedures (contract: the core engineer's brief, API section). */
import { z } from 'zod';
import { procedure, router } from '../trpc';
import { text } from './schemas';

export const workspaceRouter = router({
  get: procedure.query(({ ctx }) => ctx.core.workspace.get()),
  update: procedure
    .input(
      z.object({
        nom: text(200).optional(),
        typeCollectivite: z.enum(['commune', 'EPCI', 'autre']).optional(),
        codeInsee: z.string().max(5).nullable().optional(),
        population: z.number().int().min(0).nullable().optional(),
        utilisateur: text(120).optional(),
      }),
    )
    .mutation(({ ctx, input }) => ctx.core.workspace.update(input)),
});
