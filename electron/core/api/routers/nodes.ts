/** `nodes.*` procedures: detail panel, pilotes and services, échéance, tree overview. */
import { z } from 'zod';
import { procedure, router } from '../trpc';
import { isoDate, nodeId, referentialId } from './schemas';

export const nodesRouter = router({
  detail: procedure.input(z.object({ referentialId, nodeId })).query(({ ctx, input }) => ctx.core.nodes.detail(input.referentialId, input.nodeId)),
  setPilotes: procedure
    .input(z.object({ referentialId, nodeId, personIds: z.array(z.string()).max(50), serviceIds: z.array(z.string()).max(50) }))
    .mutation(({ ctx, input }) => ctx.core.nodes.setPilotes(input)),
  setEcheance: procedure
    .input(z.object({ referentialId, nodeId, echeance: isoDate.nullable() }))
    .mutation(({ ctx, input }) => ctx.core.nodes.setEcheance(input)),
  overview: procedure.input(z.object({ referentialId })).query(({ ctx, input }) => ctx.core.nodes.overview(input.referentialId)),
});
