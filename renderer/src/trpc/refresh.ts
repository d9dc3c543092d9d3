/**
 * What to refresh after each kind of mutation, in one place (ARCHITECTURE.md "One status change, end to end":
 * the response carries the new scores → TanStack Query updates the screens that show them).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Referential, ScoreResult } from '../../../shared/domain';
import { ratioFait } from '../../../shared/scoring/ratios';
import { tr } from '../i18n/tr';
import { announce } from '../lib/announce';
import { formatPercent, formatPointsRatio } from '../lib/format';
import { useTRPC } from './client';

/** The sentence read out after a save: « Score mis à jour : Climat Air Énergie, 3,3 / 500 pts (0,6 %) ». */
export function scoreAnnouncement(score: ScoreResult, referential: Pick<Referential, 'nom' | 'model'> | undefined): string {
  const root = score.root;
  const pct = formatPercent(referential ? ratioFait(referential.model, root) : root.pointPotentiel > 0 ? root.pointFait / root.pointPotentiel : null);
  const text = `${referential ? `${referential.nom}, ` : ''}${formatPointsRatio(root.pointFait, root.pointPotentiel)} (${pct})`;
  return tr('app.scoreAnnounce', { score: text });
}

/** Callbacks to run in mutations' `onSuccess`. */
export function useRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMemo(
    () => ({
      /**
       * A statut changed: put the returned score in the cache at once and announce it (live region), then refetch
       * statuts, node details, history.
       */
      afterStatut(referentialId: string, score: ScoreResult) {
        queryClient.setQueryData(trpc.scores.get.queryKey({ referentialId }), score);
        // Screen readers hear the new score without the focus leaving the statut radios (issue 8 item 1).
        announce(scoreAnnouncement(score, queryClient.getQueryData<Referential>(trpc.referentials.get.queryKey({ referentialId }))));
        void queryClient.invalidateQueries(trpc.statuts.pathFilter());
        void queryClient.invalidateQueries(trpc.nodes.pathFilter());
        void queryClient.invalidateQueries(trpc.history.pathFilter());
        void queryClient.invalidateQueries(trpc.readiness.pathFilter());
      },
      /** Explication, pilotes, services, échéance or preuves changed on a node. */
      afterNode() {
        void queryClient.invalidateQueries(trpc.statuts.pathFilter());
        void queryClient.invalidateQueries(trpc.nodes.pathFilter());
        void queryClient.invalidateQueries(trpc.preuves.pathFilter());
        void queryClient.invalidateQueries(trpc.history.pathFilter());
        void queryClient.invalidateQueries(trpc.readiness.pathFilter());
      },
      /** Scores may have changed elsewhere (a conflict, another person's change over the shared link): refetch them. */
      afterScores() {
        void queryClient.invalidateQueries(trpc.scores.pathFilter());
        void queryClient.invalidateQueries(trpc.mesCriteres.pathFilter());
      },
      /** A person or a service was created. */
      afterPeople() {
        void queryClient.invalidateQueries(trpc.people.pathFilter());
        void queryClient.invalidateQueries(trpc.services.pathFilter());
      },
    }),
    [trpc, queryClient],
  );
}
