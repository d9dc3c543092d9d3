/** `mesCriteres.*` procedures: a person's or service's criteria, the lead's overview, the pilote spreadsheet round trip. */
import { z } from 'zod';
import type { Owner } from '../../services/mes-criteres';
import { procedure, router } from '../trpc';
import { base64, fromBase64, isoDate, text } from './schemas';

const owner = z.union([z.object({ personId: z.string().min(1).max(80) }), z.object({ serviceId: z.string().min(1).max(80) })]);
const toOwner = (o: z.infer<typeof owner>): Owner => ('personId' in o ? { kind: 'person', id: o.personId } : { kind: 'service', id: o.serviceId });
/** A file sent by the renderer: its name and its bytes in base64 (at most 20 MB once decoded). */
const file = z.object({ fileName: text(255).min(1), base64: base64.max(28_000_000) });

export const mesCriteresRouter = router({
  list: procedure.input(z.object({ owner, today: isoDate.optional() })).query(({ ctx, input }) => ctx.core.mesCriteres.list(toOwner(input.owner), input.today)),
  retards: procedure.input(z.object({ today: isoDate.optional() }).optional()).query(({ ctx, input }) => ctx.core.mesCriteres.retards(input?.today)),
  exportXlsx: procedure.input(z.object({ owner })).mutation(async ({ ctx, input }) => {
    const out = await ctx.core.mesCriteres.exportXlsx(toOwner(input.owner));
    return { fileName: out.fileName, exportId: out.exportId, base64: Buffer.from(out.bytes).toString('base64') };
  }),
  previewImport: procedure.input(file).mutation(({ ctx, input }) => ctx.core.mesCriteres.previewImport({ name: input.fileName, bytes: fromBase64(input.base64) })),
  applyImport: procedure
    .input(file.extend({ decisions: z.record(z.string().max(300), z.enum(['app', 'fichier'])).default({}) }))
    .mutation(({ ctx, input }) => ctx.core.mesCriteres.applyImport({ name: input.fileName, bytes: fromBase64(input.base64) }, input.decisions)),
});
