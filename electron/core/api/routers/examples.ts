/** `examples.*` procedures: the example statuts shipped with the app (services/examples.ts). */
import { z } from 'zod';
import { procedure, router } from '../trpc';

export const examplesRouter = router({
  list: procedure.query(({ ctx }) => ctx.core.examples.list()),
  load: procedure
    .input(z.object({ id: z.string().min(1).max(80), remplacer: z.boolean().optional() }))
    .mutation(({ ctx, input }) => ctx.core.examples.load(input.id, { remplacer: input.remplacer })),
});
