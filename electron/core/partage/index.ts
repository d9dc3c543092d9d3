/**
 * Sharing on the local network, off by default (issue 5 item 4): the référent turns it on from « Partage »; the
 * app then runs a second listener (server.ts) on the LAN address chosen, next to its own (the desktop window or
 * the browser mode on 127.0.0.1, unchanged). The entries (electron/web.ts, electron/shell/main.ts) register what
 * the listener needs with `configurePartage`; the `partage.*` procedures start, stop and describe it.
 */
import { networkInterfaces } from 'node:os';
import type { AnyTRPCRouter } from '@trpc/server';
import { UserError } from '../../../shared/errors';
import type { Core } from '../core';
import type { Invitation } from '../services/invitations';
import { startShareServer, type ShareServer } from './server';

/** What an entry gives for sharing: the router to serve and the built renderer folder (absolute). */
export interface PartageHost {
  router: AnyTRPCRouter;
  rendererDir: string;
}

/** The state the « Partage » screen and the banner show. */
export interface EtatPartage {
  /** False when this entry cannot share (no `configurePartage`: the CLI, in-process callers). */
  disponible: boolean;
  actif: boolean;
  /** `http://<address>:<port>/` while active. */
  url: string | null;
  /** ISO instant sharing was turned on. */
  depuis: string | null;
  /** Active invitations used within the last `CONNECTES_MINUTES` minutes. */
  connectes: Invitation[];
  /** Id of the last history event: the lead's screen reloads its data when it moves (a change made by an invitee). */
  derniereModification: number;
}

/** Someone is « connected » when their invitation was used within this many minutes. */
export const CONNECTES_MINUTES = 5;

interface State {
  host: PartageHost;
  server?: ShareServer;
  depuis?: string;
}
const states = new WeakMap<Core, State>();

/** Registers what sharing needs for `core` (called once by the entry that opened it). */
export function configurePartage(core: Core, host: PartageHost): void {
  const state = states.get(core);
  if (state) state.host = host;
  else states.set(core, { host });
}

/** The IPv4 addresses sharing may listen on: this machine's LAN interfaces, then 127.0.0.1 (this machine only). */
export function adressesPossibles(): Array<{ interface: string; adresse: string }> {
  const out: Array<{ interface: string; adresse: string }> = [];
  for (const [name, addrs] of Object.entries(networkInterfaces())) {
    for (const a of addrs ?? []) if (a.family === 'IPv4' && !a.internal) out.push({ interface: name, adresse: a.address });
  }
  out.push({ interface: 'boucle locale', adresse: '127.0.0.1' });
  return out;
}

/**
 * Turns sharing on at `host:port` (port 0: a free one); already on at another address, it moves there. Throws
 * UserError INPUT_INVALID when this entry cannot share, when `host` is not one of `adressesPossibles()` (naming
 * them), or when the port is taken.
 */
export async function demarrerPartage(core: Core, opts: { host: string; port?: number }): Promise<EtatPartage> {
  const state = states.get(core);
  if (!state) {
    throw new UserError(
      'INPUT_INVALID',
      { fr: "Le partage n'est pas disponible ici : lancez l'application (fenêtre ou mode navigateur).", en: 'Sharing is not available here: start the application (window or browser mode).' },
      {},
    );
  }
  const possibles = adressesPossibles().map((a) => a.adresse);
  if (!possibles.includes(opts.host)) {
    const list = possibles.join(', ');
    throw new UserError(
      'INPUT_INVALID',
      { fr: `L'adresse « ${opts.host} » n'est pas une adresse de ce poste (adresses possibles : ${list}).`, en: `The address “${opts.host}” is not an address of this computer (possible addresses: ${list}).` },
      { field: 'host' },
    );
  }
  const port = opts.port ?? 0;
  if (state.server && state.server.host === opts.host && (port === 0 || port === state.server.port)) return etatPartage(core);
  await arreterPartage(core);
  try {
    state.server = await startShareServer({ core, router: state.host.router, rendererDir: state.host.rendererDir, host: opts.host, port });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'EADDRINUSE') {
      throw new UserError(
        'INPUT_INVALID',
        { fr: `Le port ${port} est déjà utilisé sur ${opts.host} : choisissez-en un autre (ou 0 pour un port libre).`, en: `Port ${port} is already in use on ${opts.host}: choose another one (or 0 for a free port).` },
        { field: 'port' },
      );
    }
    if (code === 'EADDRNOTAVAIL') {
      throw new UserError('INPUT_INVALID', { fr: `L'adresse « ${opts.host} » n'est plus disponible sur ce poste.`, en: `The address “${opts.host}” is no longer available on this computer.` }, { field: 'host' });
    }
    throw e;
  }
  state.depuis = core.ctx.now();
  return etatPartage(core);
}

/** Turns sharing off (the invitations stay; their links work again when sharing is turned back on). Idempotent. */
export async function arreterPartage(core: Core): Promise<EtatPartage> {
  await fermerPartage(core);
  return etatPartage(core);
}

/**
 * Stops the sharing listener when the app closes: it stops accepting and drops open connections at once (before
 * the caller closes the core), the returned promise ends when the server has closed. Reads nothing from the core.
 */
export function fermerPartage(core: Core): Promise<void> {
  const state = states.get(core);
  const server = state?.server;
  if (state) {
    state.server = undefined;
    state.depuis = undefined;
  }
  return server?.close() ?? Promise.resolve();
}

/** The current state (see `EtatPartage`). */
export function etatPartage(core: Core): EtatPartage {
  const state = states.get(core);
  const server = state?.server;
  const last = core.ctx.db.prepare('SELECT MAX(id) AS id FROM history').get() as { id: number | null };
  return {
    disponible: state !== undefined,
    actif: server !== undefined,
    url: server?.url ?? null,
    depuis: state?.depuis ?? null,
    connectes: server ? core.invitations.connected(CONNECTES_MINUTES) : [],
    derniereModification: last.id ?? 0,
  };
}

/** The invitation link of `token` while sharing is on, else null. */
export function lienInvitation(core: Core, token: string): string | null {
  const url = states.get(core)?.server?.url;
  return url ? `${url}?token=${token}` : null;
}
