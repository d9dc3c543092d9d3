/**
 * `preuves.*` procedures: list (one referential), library (all), add a file (bytes or local path), add a link,
 * attach an existing preuve, detach, revisions (list, add), metadata (titre, date, owner, confidentiel), coverage
 * of a preuve attendue, and the « À compléter » lists.
 */
import { z } from 'zod';
import { procedure, router } from '../trpc';
import { base64, fromBase64, isoDate, nodeId, referentialId, text } from './schemas';

const titre = text(300).optional();
const preuveId = z.string().min(1).max(100);
const preuveAttendueId = z.string().min(1).max(200).optional();

export const preuvesRouter = router({
  list: procedure.input(z.object({ referentialId })).query(({ ctx, input }) => ctx.core.preuves.list(input.referentialId)),
  library: procedure.query(({ ctx }) => ctx.core.preuves.library()),
  aCompleter: procedure.input(z.object({ referentialId: referentialId.optional() }).optional()).query(({ ctx, input }) => ctx.core.preuves.aCompleter(input?.referentialId)),
  revisions: procedure.input(z.object({ preuveId })).query(({ ctx, input }) => ctx.core.preuves.revisions(input.preuveId)),
  addFile: procedure
    .input(z.object({ referentialId, nodeId, fileName: z.string().min(1).max(1000), contentBase64: base64, titre, preuveAttendueId }))
    .mutation(({ ctx, input }) =>
      ctx.core.preuves.addFile({
        referentialId: input.referentialId,
        nodeId: input.nodeId,
        fileName: input.fileName,
        bytes: fromBase64(input.contentBase64),
        titre: input.titre,
        preuveAttendueId: input.preuveAttendueId,
      }),
    ),
  addPath: procedure
    .input(z.object({ referentialId, nodeId, path: z.string().min(1).max(4096), titre, preuveAttendueId }))
    .mutation(({ ctx, input }) => ctx.core.preuves.addPath(input)),
  addLink: procedure
    .input(z.object({ referentialId, nodeId, url: z.string().min(1).max(4096), titre, preuveAttendueId }))
    .mutation(({ ctx, input }) => ctx.core.preuves.addLink(input)),
  attach: procedure.input(z.object({ preuveId, referentialId, nodeId, preuveAttendueId })).mutation(({ ctx, input }) => ctx.core.preuves.attach(input)),
  detach: procedure.input(z.object({ preuveId: z.string().min(1), nodeId })).mutation(({ ctx, input }) => ctx.core.preuves.detach(input)),
  addRevision: procedure
    .input(z.object({ preuveId, fileName: z.string().min(1).max(1000), contentBase64: base64 }))
    .mutation(({ ctx, input }) => ctx.core.preuves.addRevision({ preuveId: input.preuveId, fileName: input.fileName, bytes: fromBase64(input.contentBase64) })),
  update: procedure
    .input(
      z.object({
        preuveId,
        titre: text(300).optional(),
        dateDocument: isoDate.nullable().optional(),
        proprietaireId: z.string().min(1).max(100).nullable().optional(),
        confidentiel: z.boolean().optional(),
      }),
    )
    .mutation(({ ctx, input }) => ctx.core.preuves.update(input)),
  setCouverture: procedure
    .input(z.object({ preuveId, referentialId, preuveAttendueId: z.string().min(1).max(200), couvre: z.boolean() }))
    .mutation(({ ctx, input }) => ctx.core.preuves.setCouverture(input)),
});
