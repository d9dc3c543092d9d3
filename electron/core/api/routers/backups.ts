/**
 * `backups.*` procedures (issue 7 item 2; the Sauvegardes screen): the list, « Sauvegarder maintenant », and the
 * restore of a backup of that list, by name. A path on this machine never crosses the router: restoring any other
 * file is the CLI's `label-audit restore FICHIER`.
 */
import { z } from 'zod';
import { procedure, router } from '../trpc';

export const backupsRouter = router({
  list: procedure.query(({ ctx }) => ctx.core.backups.list()),
  create: procedure.mutation(({ ctx }) => ctx.core.backups.create('manuelle')),
  /**
   * « Sauvegarder maintenant » with a progress bar: `progress` events (pages copied of the total), then `done`
   * with the backup. Unsubscribing cancels it and leaves no file behind (issue 8 item 4).
   */
  createProgress: procedure.subscription(async function* ({ ctx, signal }) {
    yield* ctx.core.backups.createEvents('manuelle', signal);
  }),
  restore: procedure
    .input(z.object({ name: z.string().min(1).max(120) }))
    .mutation(({ ctx, input }) => ctx.core.backups.restoreNamed(input.name)),
});
