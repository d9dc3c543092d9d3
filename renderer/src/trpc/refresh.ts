/**
 * What to refresh after each kind of mutation, in one place (ARCHITECTURE.md "One status change, end to end":
 * the response carries the new scores → TanStack Query updates the screens that show them).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { ScoreResult } from '../../../shared/domain';
import { useTRPC } from './client';

/** Callbacks to run in mutations' `onSuccess`. */
export function useRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMemo(
    () => ({
      /** A statut changed: put the returned score in the cache at once, then refetch statuts, node details, history. */
      afterStatut(referentialId: string, score: ScoreResult) {
        queryClient.setQueryData(trpc.scores.get.queryKey({ referentialId }), score);
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
