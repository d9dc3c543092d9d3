/**
 * `readiness.*`: the label checklist of the Candidature screen (tete-referentials.md §3). The score comes from
 * `scores.get`, the dashboard's, so both always agree (personnalisation included).
 */
import { z } from 'zod';
import { procedure, router } from '../trpc';
import { referentialId } from './schemas';

export const readinessRouter = router({
  /** `lang`: the language of the conditions' words (default French; issue 8 item 2). */
  get: procedure
    .input(z.object({ referentialId, target: z.number().int().min(1).max(99).optional(), lang: z.enum(['fr', 'en']).optional() }))
    .query(({ ctx, input }) => ctx.core.readiness.get(input.referentialId, ctx.core.scores.get(input.referentialId), input.target, input.lang)),
});
