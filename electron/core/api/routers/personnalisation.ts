/**
 * `personnalisation.*` procedures (tete-referentials.md §2.5): identity, question pool import, questionnaire,
 * answers, and the consequences the scores apply (for the renderer's "what if" preview).
 */
import { z } from 'zod';
import { decodeUtf8 } from '../../referential/decode';
import { procedure, router } from '../trpc';
import { base64, fromBase64, referentialId, text } from './schemas';

export const personnalisationRouter = router({
  identite: procedure.query(({ ctx }) => ctx.core.personnalisation.identite()),
  setIdentite: procedure
    .input(
      z.object({
        type: z.enum(['commune', 'EPCI']).nullable().optional(),
        soustype: z.enum(['epci_a_fiscalite_propre', 'syndicat', 'pole']).nullable().optional(),
        population: z.number().int().min(0).max(100_000_000).nullable().optional(),
        localisation: z.enum(['DOM', 'Metropole']).optional(),
        dansAireUrbaine: z.boolean().nullable().optional(),
      }),
    )
    .mutation(({ ctx, input }) => ctx.core.personnalisation.setIdentite(input)),
  questionnaire: procedure
    .input(z.object({ seulementUtiles: z.boolean().optional() }).optional())
    .query(({ ctx, input }) => ctx.core.personnalisation.questionnaire(input ?? {})),
  setReponse: procedure
    .input(
      z.object({
        questionId: z.string().min(1).max(120),
        valeur: z.union([z.boolean(), z.number(), z.string().max(120)]).nullable(),
        justification: text(5000).nullable().optional(),
      }),
    )
    .mutation(({ ctx, input }) => ctx.core.personnalisation.setReponse(input)),
  importQuestions: procedure
    .input(z.object({ files: z.array(z.object({ name: z.string().min(1).max(255), contentBase64: base64 })).min(1).max(4) }))
    .mutation(({ ctx, input }) =>
      ctx.core.personnalisation.importQuestions(input.files.map((f) => ({ name: f.name, text: decodeUtf8(f.name, fromBase64(f.contentBase64)) }))),
    ),
  consequences: procedure.input(z.object({ referentialId })).query(({ ctx, input }) => ctx.core.personnalisation.consequences(input.referentialId)),
});
