/** `history.*` and `pack.*` procedures. */
import { z } from 'zod';
import { procedure, router } from '../trpc';
import { isoDate, nodeId, referentialId } from './schemas';

export const historyRouter = router({
  list: procedure
    .input(
      z
        .object({
          referentialId: referentialId.optional(),
          nodeId: nodeId.optional(),
          who: z.string().min(1).max(500).optional(),
          action: z.string().min(1).max(60).optional(),
          from: isoDate.optional(),
          to: isoDate.optional(),
          limit: z.number().int().min(1).max(5000).optional(),
        })
        .optional(),
    )
    .query(({ ctx, input }) => ctx.core.history.list(input ?? {})),
  /** Every author of the history (the « qui » filter of the timeline). */
  authors: procedure.query(({ ctx }) => ctx.core.history.authors()),
});

/** Language of the report and of the grid's titles (issue 8 item 2); absent = French. */
const lang = z.enum(['fr', 'en']).optional();

export const packRouter = router({
  /** `complete`: refuse a pack with evidence files missing (PACK_INCOMPLETE) instead of marking it incomplete; `includeConfidentiel`: put the confidentiel preuves in too. */
  export: procedure
    .input(z.object({ referentialId, complete: z.boolean().optional(), includeConfidentiel: z.boolean().optional(), lang }))
    .mutation(({ ctx, input }) =>
      ctx.core.pack.export(input.referentialId, { complete: input.complete, includeConfidentiel: input.includeConfidentiel ?? false, lang: input.lang }),
    ),
  /**
   * The same export as a subscription (tRPC v11 async generator): `progress` events (files, bytes, seconds left),
   * then `done` with the result. Unsubscribing cancels it and leaves no file behind.
   */
  exportProgress: procedure
    .input(z.object({ referentialId, complete: z.boolean().optional(), includeConfidentiel: z.boolean().optional(), lang }))
    .subscription(async function* ({ ctx, input, signal }) {
      yield* ctx.core.pack.exportEvents(input.referentialId, { complete: input.complete, includeConfidentiel: input.includeConfidentiel ?? false, lang: input.lang, signal });
    }),
  verify: procedure.input(z.object({ path: z.string().min(1).max(4096) })).mutation(({ ctx, input }) => ctx.core.pack.verify(input.path)),
});
