/**
 * What the person using this screen may do, for the UI to show only the controls they may use (an invited
 * auditeur or lecteur sees values as text, not forms the core would refuse). One source of truth: the access
 * table of the core (shared/access.ts `allowed`), read for the role `partage.moi` gives; the core still checks
 * every call. The local app (no invitation) is the référent: everything, as before.
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { allowed, packDownloadAllowed, preuveDownloadAllowed, type ProcedureType } from '../../../shared/access';
import type { Role } from '../../../shared/roles';

/** The rights of the current person. */
export interface Droits {
  role: Role;
  /** True over the shared link (an invitation), false in the local app. */
  distant: boolean;
  /** Whether the core would accept a call of `path` (a write unless `type` says otherwise). `own`: the criterion,
   *  preuve or list is the pilote's own (shared/access.ts `allowed`). */
  peut(path: string, opts?: { type?: ProcedureType; own?: boolean }): boolean;
  /** True when the role writes nothing outside the audit screen (auditeur, lecture): screens show values as text. */
  lectureSeule: boolean;
  /** Whether a preuve's file may be opened (shared/access.ts `preuveDownloadAllowed`; a pilote's are their own). */
  peutOuvrir(preuve: { confidentiel: boolean }): boolean;
  /** Whether the audit pack may be downloaded over the shared link (`/paquet/<referentialId>`). */
  peutPaquet: boolean;
}

/** The rights of `role` (`distant`: over the shared link). */
export function droitsDe(role: Role, distant: boolean): Droits {
  return {
    role,
    distant,
    peut: (path, opts = {}) => allowed(role, path, opts.type ?? 'mutation', { own: opts.own }),
    lectureSeule: role === 'auditeur' || role === 'lecture',
    peutOuvrir: (preuve) => preuveDownloadAllowed(role, { confidentiel: preuve.confidentiel, own: role === 'pilote' }),
    peutPaquet: distant && packDownloadAllowed(role),
  };
}

const LOCAL = droitsDe('referent', false);
const DroitsContext = createContext<Droits>(LOCAL);

/** Gives the rights of `role` to the screens below (App.tsx, from `partage.moi`). */
export function DroitsProvider(props: { role: Role; distant: boolean; children: ReactNode }) {
  const value = useMemo(() => droitsDe(props.role, props.distant), [props.role, props.distant]);
  return <DroitsContext.Provider value={value}>{props.children}</DroitsContext.Provider>;
}

/** The rights of the current person (the local référent's outside a DroitsProvider). */
export function useDroits(): Droits {
  return useContext(DroitsContext);
}
