/** `people.*` and `services.*` procedures. */
import { z } from 'zod';
import { procedure, router } from '../trpc';
import { text } from './schemas';

export const peopleRouter = router({
  list: procedure.query(({ ctx }) => ctx.core.people.list()),
  create: procedure
    .input(z.object({ nom: text(200), email: text(254).nullable().optional(), serviceId: z.string().nullable().optional() }))
    .mutation(({ ctx, input }) => ctx.core.people.create(input)),
});

export const servicesRouter = router({
  list: procedure.query(({ ctx }) => ctx.core.services.list()),
  create: procedure.input(z.object({ nom: text(200) })).mutation(({ ctx, input }) => ctx.core.services.create(input)),
});
