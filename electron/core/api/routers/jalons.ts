/** `jalons.*` procedures (issue 6 items 1–2): take, list, get a jalon; export its pack; compare two states. */
import { z } from 'zod';
import { procedure, router } from '../trpc';
import { referentialId, text } from './schemas';

const jalonId = z.number().int().min(1);
/** One side of a comparison: a jalon id, or 'maintenant' (the live state). */
const cote = z.union([jalonId, z.literal('maintenant')]);
const compareInput = z.object({ a: cote, b: cote, referentialId: referentialId.optional(), seulementChanges: z.boolean().optional() });

export const jalonsRouter = router({
  list: procedure.query(({ ctx }) => ctx.core.jalons.list()),
  get: procedure.input(z.object({ id: jalonId })).query(({ ctx, input }) => ctx.core.jalons.get(input.id)),
  /** A named save (kind `manuel`) unless told; the audit workflow takes `pre-audit` / `post-audit`. */
  take: procedure
    .input(z.object({ name: text(400), kind: z.enum(['manuel', 'pre-audit', 'post-audit']).default('manuel'), referentialIds: z.array(referentialId).max(50).optional() }))
    .mutation(({ ctx, input }) => ctx.core.jalons.take({ name: input.name, kind: input.kind, referentialIds: input.referentialIds })),
  /** `lang`: the language of the pack's report, grid, history and text files (default French; issue 8 item 2). */
  exportPack: procedure
    .input(z.object({ id: jalonId, referentialId, complete: z.boolean().optional(), includeConfidentiel: z.boolean().optional(), lang: z.enum(['fr', 'en']).optional() }))
    .mutation(({ ctx, input }) =>
      ctx.core.jalons.exportPack(input.id, input.referentialId, { complete: input.complete, includeConfidentiel: input.includeConfidentiel ?? false, lang: input.lang }),
    ),
  compare: procedure.input(compareInput).query(({ ctx, input }) => ctx.core.jalons.compare(input)),
  compareXlsx: procedure.input(compareInput).mutation(async ({ ctx, input }) => {
    const out = await ctx.core.jalons.compareXlsx(input);
    return { fileName: out.fileName, base64: out.bytes.toString('base64') };
  }),
});
