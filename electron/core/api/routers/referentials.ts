/** `referentials.*` and `scores.*` procedures. */
import { z } from 'zod';
import { REFERENTIAL_FORMATS } from '../../referential';
import { procedure, router } from '../trpc';
import { base64, fromBase64, referentialId } from './schemas';

/** Files and options of an import: 1 to 4 files as base64 bytes, an optional forced format and id. */
const importInput = z.object({
  files: z.array(z.object({ name: z.string().min(1).max(255), contentBase64: base64 })).min(1).max(4),
  format: z.enum(REFERENTIAL_FORMATS).optional(),
  id: z.string().max(60).optional(),
});

/** A staging id as `stageImport` gives it (32 hex digits). */
const stagingId = z.string().regex(/^[0-9a-f]{32}$/, 'identifiant d’import préparé attendu (32 chiffres hexadécimaux)');

export const referentialsRouter = router({
  list: procedure.query(({ ctx }) => ctx.core.referentials.list()),
  get: procedure.input(z.object({ referentialId })).query(({ ctx, input }) => ctx.core.referentials.get(input.referentialId)),
  import: procedure
    .input(importInput)
    // Bytes, not text: the dispatcher decodes text formats as UTF-8 and reads an .xlsx workbook as is.
    .mutation(({ ctx, input }) => {
      const files = input.files.map((f) => ({ name: f.name, bytes: fromBase64(f.contentBase64) }));
      return ctx.core.referentials.importAsync(files, { format: input.format, id: input.id });
    }),
  /**
   * The import with progress, first half (issue 8 item 4): holds the files in memory (bounded, 10 minutes) and
   * returns `{ stagingId, bytes, expiresAt }` for `importEvents` — a subscription's input travels in the URL over
   * HTTP, so the bytes cannot go there.
   */
  stageImport: procedure.input(importInput).mutation(({ ctx, input }) => {
    const files = input.files.map((f) => ({ name: f.name, bytes: fromBase64(f.contentBase64) }));
    return ctx.core.referentials.stage(files, { format: input.format, id: input.id });
  }),
  /**
   * Runs a staged import: `progress` events (step, done of total, lines, nodes, cancellable) then `done` with the
   * result. Unsubscribing before the store began cancels it and nothing is written; after, it completes.
   */
  importEvents: procedure.input(z.object({ stagingId })).subscription(async function* ({ ctx, input, signal }) {
    yield* ctx.core.referentials.importEvents(input.stagingId, signal);
  }),
  /** How a staged import ended, for a renderer that unsubscribed (cancelled, or done when the store had begun). */
  importOutcome: procedure.input(z.object({ stagingId })).query(({ ctx, input }) => ctx.core.referentials.importOutcome(input.stagingId)),
});

export const scoresRouter = router({
  get: procedure.input(z.object({ referentialId })).query(({ ctx, input }) => ctx.core.scores.get(input.referentialId)),
});
