/**
 * The core API: tRPC v11 router `appRouter` (type `AppRouter` for the renderer). Inputs validated with zod 4;
 * user errors mapped in trpc.ts. In-process use (CLI, tests): `appRouter.createCaller({ core })`.
 */
import { auditRouter } from './routers/audit';
import { backupsRouter } from './routers/backups';
import { examplesRouter } from './routers/examples';
import { historyRouter, packRouter } from './routers/history';
import { jalonsRouter } from './routers/jalons';
import { mesCriteresRouter } from './routers/mes-criteres';
import { nodesRouter } from './routers/nodes';
import { partageRouter } from './routers/partage';
import { peopleRouter, servicesRouter } from './routers/people';
import { personnalisationRouter } from './routers/personnalisation';
import { preuvesRouter } from './routers/preuves';
import { readinessRouter } from './routers/readiness';
import { referentialsRouter, scoresRouter } from './routers/referentials';
import { statutsRouter } from './routers/statuts';
import { workspaceRouter } from './routers/workspace';
import { router } from './trpc';

export const appRouter = router({
  workspace: workspaceRouter,
  referentials: referentialsRouter,
  statuts: statutsRouter,
  scores: scoresRouter,
  people: peopleRouter,
  services: servicesRouter,
  nodes: nodesRouter,
  preuves: preuvesRouter,
  personnalisation: personnalisationRouter,
  history: historyRouter,
  pack: packRouter,
  readiness: readinessRouter,
  mesCriteres: mesCriteresRouter,
  backups: backupsRouter,
  partage: partageRouter,
  examples: examplesRouter,
  jalons: jalonsRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;
export type { Context, UserErrorData } from './trpc';
