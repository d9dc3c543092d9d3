/**
 * The workspace: the one authority (collectivité) a database describes (DOMAIN.md "Who uses it").
 * One row in table `workspace`.
 */
import { UserError } from '../../../shared/errors';
import { type ServiceContext, inTransaction } from './context';
import { appendHistory } from './history';

export type TypeCollectivite = 'commune' | 'EPCI' | 'autre';

/** The workspace as the API shows it; `population` in inhabitants. */
export interface Workspace {
  id: string;
  nom: string;
  typeCollectivite: TypeCollectivite;
  codeInsee: string | null;
  population: number | null;
  utilisateur: string;
}

export type WorkspaceUpdate = Partial<Omit<Workspace, 'id'>>;

interface WorkspaceRow {
  id: string;
  nom: string;
  type_collectivite: TypeCollectivite;
  code_insee: string | null;
  population: number | null;
  utilisateur: string;
}

const toWorkspace = (r: WorkspaceRow): Workspace => ({
  id: r.id,
  nom: r.nom,
  typeCollectivite: r.type_collectivite,
  codeInsee: r.code_insee,
  population: r.population,
  utilisateur: r.utilisateur,
});

/** Checks the fields of a workspace; throws UserError INPUT_INVALID naming the field. */
function check(w: WorkspaceUpdate): void {
  if (w.nom !== undefined && w.nom.trim() === '') {
    throw new UserError('INPUT_INVALID', { fr: 'Le nom de la collectivité ne peut pas être vide.', en: 'The name of the local authority cannot be empty.' }, { field: 'nom' });
  }
  if (w.utilisateur !== undefined && w.utilisateur.trim() === '') {
    throw new UserError('INPUT_INVALID', { fr: "Le nom de l'utilisateur ne peut pas être vide.", en: "The user's name cannot be empty." }, { field: 'utilisateur' });
  }
  if (w.codeInsee !== undefined && w.codeInsee !== null && !/^(\d{5}|2[AB]\d{3})$/.test(w.codeInsee)) {
    throw new UserError(
      'INPUT_INVALID',
      { fr: `Le code INSEE « ${w.codeInsee} » est invalide : 5 caractères (ex. 45234, 2A004).`, en: `The INSEE code “${w.codeInsee}” is invalid: 5 characters (e.g. 45234, 2A004).` },
      { field: 'codeInsee' },
    );
  }
  if (w.population !== undefined && w.population !== null && (!Number.isInteger(w.population) || w.population < 0)) {
    throw new UserError(
      'INPUT_INVALID',
      { fr: `La population doit être un nombre entier d'habitants (reçu ${w.population}).`, en: `The population must be a whole number of inhabitants (received ${w.population}).` },
      { field: 'population' },
    );
  }
}

/** Creates the workspace row (once, when a workspace is created) with a `workspace.create` history event. */
export function createWorkspace(ctx: ServiceContext, w: Workspace): Workspace {
  check(w);
  inTransaction(ctx, () => {
    ctx.db
      .prepare('INSERT INTO workspace (id, nom, type_collectivite, code_insee, population, utilisateur, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(w.id, w.nom.trim(), w.typeCollectivite, w.codeInsee, w.population, w.utilisateur.trim(), ctx.now());
    appendHistory(ctx, { action: 'workspace.create', after: w });
  });
  return getWorkspace(ctx);
}

/** The workspace. Throws UserError NOT_FOUND when the database has none (a damaged file). */
export function getWorkspace(ctx: ServiceContext): Workspace {
  const row = ctx.db.prepare('SELECT * FROM workspace LIMIT 1').get() as WorkspaceRow | undefined;
  if (!row) throw new UserError('NOT_FOUND', { fr: "Cet espace de travail n'a pas de collectivité enregistrée.", en: 'This workspace has no local authority recorded.' }, {});
  return toWorkspace(row);
}

/** Updates the given fields (others kept), with a `workspace.update` history event. Throws INPUT_INVALID. */
export function updateWorkspace(ctx: ServiceContext, patch: WorkspaceUpdate): Workspace {
  check(patch);
  const before = getWorkspace(ctx);
  const after: Workspace = {
    ...before,
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
  };
  after.nom = after.nom.trim();
  after.utilisateur = after.utilisateur.trim();
  inTransaction(ctx, () => {
    ctx.db
      .prepare('UPDATE workspace SET nom = ?, type_collectivite = ?, code_insee = ?, population = ?, utilisateur = ? WHERE id = ?')
      .run(after.nom, after.typeCollectivite, after.codeInsee, after.population, after.utilisateur, before.id);
    appendHistory(ctx, { action: 'workspace.update', before, after });
  });
  return getWorkspace(ctx);
}
