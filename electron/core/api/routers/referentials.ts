/** `referentials.*` and `scores.*` procedures. */
import { z } from 'zod';
import { REFERENTIAL_FORMATS } from '../../referential';
import { procedure, router } from '../trpc';
import { base64, fromBase64, referentialId } from './schemas';

export const referentialsRouter = router({
  list: procedure.query(({ ctx }) => ctx.core.referentials.list()),
  get: procedure.input(z.object({ referentialId })).query(({ ctx, input }) => ctx.core.referentials.get(input.referentialId)),
  import: procedure
    .input(
      z.object({
        files: z.array(z.object({ name: z.string().min(1).max(255), contentBase64: base64 })).min(1).max(4),
        format: z.enum(REFERENTIAL_FORMATS).optional(),
        id: z.string().max(60).optional(),
      }),
    )
    // Bytes, not text: the dispatcher decodes text formats as UTF-8 and reads an .xlsx workbook as is.
    .mutation(({ ctx, input }) => {
      const files = input.files.map((f) => ({ name: f.name, bytes: fromBase64(f.contentBase64) }));
      return ctx.core.referentials.importAsync(files, { format: input.format, id: input.id });
    }),
});

export const scoresRouter = router({
  get: procedure.input(z.object({ referentialId })).query(({ ctx, input }) => ctx.core.scores.get(input.referentialId)),
});
