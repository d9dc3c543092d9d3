/** `history.*` and `pack.*` procedures. */
import { z } from 'zod';
import { procedure, router } from '../trpc';
import { nodeId, referentialId } from './schemas';

export const historyRouter = router({
  list: procedure
    .input(z.object({ referentialId: referentialId.optional(), nodeId: nodeId.optional(), limit: z.number().int().min(1).max(5000).optional() }).optional())
    .query(({ ctx, input }) => ctx.core.history.list(input ?? {})),
});

export const packRouter = router({
  export: procedure
    .input(z.object({ referentialId, includeConfidentiel: z.boolean().optional() }))
    .mutation(({ ctx, input }) => ctx.core.pack.export(input.referentialId, { includeConfidentiel: input.includeConfidentiel ?? false })),
  verify: procedure.input(z.object({ path: z.string().min(1).max(4096) })).mutation(({ ctx, input }) => ctx.core.pack.verify(input.path)),
});
