/**
 * The tRPC client of the renderer (ARCHITECTURE.md: "its tRPC client picks the IPC link inside Electron and the
 * HTTP link in a browser"), and the React context giving `useTRPC()` (@trpc/tanstack-react-query v11:
 * `trpc.x.y.queryOptions()` / `mutationOptions()` / `pathFilter()` with TanStack Query hooks).
 * Plain JSON on both transports (no transformer): dates are ISO strings.
 */
import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, type TRPCLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../electron/core/api/router';
import { ipcLink } from './ipcLink';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** Outputs and inputs of every procedure, e.g. `RouterOutputs['scores']['get']`. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;

/**
 * `ipcLink` inside Electron (the preload put `window.labelAudit`; it carries subscriptions too), else, in browser
 * mode, subscriptions as Server-Sent Events (`httpSubscriptionLink`, GET `/trpc/<path>`) and everything else as
 * HTTP batches to `/trpc`.
 */
export function transportLink(): TRPCLink<AppRouter> {
  if (typeof window !== 'undefined' && window.labelAudit) return ipcLink<AppRouter>(window.labelAudit);
  return splitLink<AppRouter>({
    condition: (op) => op.type === 'subscription',
    true: httpSubscriptionLink({ url: '/trpc' }),
    false: httpBatchLink<AppRouter>({ url: '/trpc' }),
  });
}

/** Whether the app runs in a browser (downloads go through `/exports/…`) rather than in Electron. */
export function isBrowserMode(): boolean {
  return typeof window !== 'undefined' && !window.labelAudit;
}

export function createAppTrpcClient() {
  return createTRPCClient<AppRouter>({ links: [transportLink()] });
}

/**
 * Query client: the core is local, so no retries on errors (a UserError will not fix itself) and no refetch
 * on window focus; referentials are static, the rest is invalidated after each mutation.
 */
export function createAppQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
}
