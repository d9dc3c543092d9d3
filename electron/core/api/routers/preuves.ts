/** `preuves.*` procedures: list, add a file (bytes or local path), add a link, detach. */
import { z } from 'zod';
import { procedure, router } from '../trpc';
import { base64, fromBase64, nodeId, referentialId, text } from './schemas';

const titre = text(300).optional();

export const preuvesRouter = router({
  list: procedure.input(z.object({ referentialId })).query(({ ctx, input }) => ctx.core.preuves.list(input.referentialId)),
  addFile: procedure
    .input(z.object({ referentialId, nodeId, fileName: z.string().min(1).max(1000), contentBase64: base64, titre }))
    .mutation(({ ctx, input }) =>
      ctx.core.preuves.addFile({ referentialId: input.referentialId, nodeId: input.nodeId, fileName: input.fileName, bytes: fromBase64(input.contentBase64), titre: input.titre }),
    ),
  addPath: procedure
    .input(z.object({ referentialId, nodeId, path: z.string().min(1).max(4096), titre }))
    .mutation(({ ctx, input }) => ctx.core.preuves.addPath(input)),
  addLink: procedure
    .input(z.object({ referentialId, nodeId, url: z.string().min(1).max(4096), titre }))
    .mutation(({ ctx, input }) => ctx.core.preuves.addLink(input)),
  detach: procedure.input(z.object({ preuveId: z.string().min(1), nodeId })).mutation(({ ctx, input }) => ctx.core.preuves.detach(input)),
});
