/** `statuts.*` procedures: a write returns the recomputed score (ARCHITECTURE.md "One status change"). */
import { z } from 'zod';
import { procedure, router } from '../trpc';
import { detail, nodeId, referentialId, statut, text } from './schemas';

/** The node version the renderer displayed (statuts.ts `expectedVersion`). */
const version = z.number().int().min(0);

export const statutsRouter = router({
  list: procedure.input(z.object({ referentialId })).query(({ ctx, input }) => ctx.core.statuts.list(input.referentialId)),
  set: procedure
    .input(z.object({ referentialId, nodeId, statut, detail: detail.nullable().optional(), explication: text(20_000).nullable().optional(), expectedVersion: version.optional() }))
    .mutation(({ ctx, input }) => ctx.core.statuts.set(input)),
  setExplication: procedure
    .input(z.object({ referentialId, nodeId, explication: text(20_000).nullable(), expectedVersion: version.optional() }))
    .mutation(({ ctx, input }) => ctx.core.statuts.setExplication(input.referentialId, input.nodeId, input.explication, input.expectedVersion)),
});
