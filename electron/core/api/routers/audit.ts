/**
 * `audit.*` procedures (issue 6 items 3–4): the audit cycle of a referential, the auditor's workspace and the
 * decision. While an audit is open the « Audit » screen calls `audit.setStatut` / `audit.setExplication`, which act
 * as the auditor recorded at the opening (audit-lock.ts); `statuts.*` and `preuves.*` writes are refused meanwhile.
 */
import { z } from 'zod';
import { procedure, router } from '../trpc';
import { base64, detail, fromBase64, isoDate, nodeId, referentialId, statut, text } from './schemas';

const numero = z.number().int().min(1).max(10_000).optional();
const etat = z.enum(['non_audite', 'en_cours', 'audite']);

export const auditRouter = router({
  cycles: procedure.input(z.object({ referentialId })).query(({ ctx, input }) => ctx.core.audit.cycles(input.referentialId)),
  espace: procedure.input(z.object({ referentialId, numero })).query(({ ctx, input }) => ctx.core.audit.espace(input.referentialId, input.numero)),
  ordreDuJour: procedure.input(z.object({ referentialId, numero })).query(({ ctx, input }) => ctx.core.audit.ordreDuJour(input.referentialId, input.numero)),
  demander: procedure.input(z.object({ referentialId })).mutation(({ ctx, input }) => ctx.core.audit.demander(input.referentialId)),
  retirer: procedure.input(z.object({ referentialId })).mutation(({ ctx, input }) => ctx.core.audit.retirer(input.referentialId)),
  ouvrir: procedure.input(z.object({ referentialId, auditeur: z.string().max(500) })).mutation(({ ctx, input }) => ctx.core.audit.ouvrir(input.referentialId, input.auditeur)),
  clore: procedure.input(z.object({ referentialId })).mutation(({ ctx, input }) => ctx.core.audit.clore(input.referentialId)),
  decider: procedure
    .input(z.object({ referentialId, niveau: z.number().int().min(0).max(100).nullable(), date: isoDate, commentaire: text(20_000).nullable().optional() }))
    .mutation(({ ctx, input }) => ctx.core.audit.decider(input.referentialId, { niveau: input.niveau, date: input.date, commentaire: input.commentaire })),
  nouveauCycle: procedure.input(z.object({ referentialId })).mutation(({ ctx, input }) => ctx.core.audit.nouveauCycle(input.referentialId)),
  setEtat: procedure.input(z.object({ referentialId, nodeId, etat })).mutation(({ ctx, input }) => ctx.core.audit.setEtat(input.referentialId, input.nodeId, input.etat)),
  setOrdreDuJour: procedure
    .input(z.object({ referentialId, nodeId, inscrite: z.boolean() }))
    .mutation(({ ctx, input }) => ctx.core.audit.setOrdreDuJour(input.referentialId, input.nodeId, input.inscrite)),
  addNote: procedure.input(z.object({ referentialId, nodeId, texte: text(20_000) })).mutation(({ ctx, input }) => ctx.core.audit.addNote(input.referentialId, input.nodeId, input.texte)),
  setStatut: procedure
    .input(z.object({ referentialId, nodeId, statut, detail: detail.nullable().optional(), explication: text(20_000).nullable().optional() }))
    .mutation(({ ctx, input }) => ctx.core.audit.setStatut(input)),
  setExplication: procedure
    .input(z.object({ referentialId, nodeId, explication: text(20_000).nullable() }))
    .mutation(({ ctx, input }) => ctx.core.audit.setExplication(input.referentialId, input.nodeId, input.explication)),
  attachRapport: procedure
    .input(z.object({ referentialId, fileName: z.string().min(1).max(1000), contentBase64: base64 }))
    .mutation(({ ctx, input }) => ctx.core.audit.attachRapport(input.referentialId, { fileName: input.fileName, bytes: fromBase64(input.contentBase64) })),
});
