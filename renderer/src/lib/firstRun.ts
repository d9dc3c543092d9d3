/**
 * The first-run guide of a new workspace (issue 8 item 6): three steps — identité, référentiels, pilotes — and
 * when to show it. Pure; the guide is components/FirstRunGuide.tsx.
 */

/** The name a new empty workspace is created with (electron/core/core.ts, demo off). */
export const DEFAULT_WORKSPACE_NOM = 'Ma collectivité';

/** One step of the guide. */
export interface GuideStep {
  key: 'identite' | 'referentiels' | 'pilotes';
  titre: string;
  done: boolean;
  /** What is there now, or what to do, in French. */
  etat: string;
}

/** What the guide reads of the workspace. */
export interface GuideFacts {
  nom: string;
  referentials: ReadonlyArray<{ id: string; nom: string }>;
  people: number;
  services: number;
}

/**
 * The three steps with their state: identité done once the collectivité has its own name; référentiels done with
 * at least one referential (the working Label NR grid is built in: importing CAE / ECi is the usual next step);
 * pilotes done with at least one person.
 */
export function guideSteps(f: GuideFacts): GuideStep[] {
  const s = (n: number) => (n > 1 ? 's' : '');
  return [
    {
      key: 'identite',
      titre: 'Identité de la collectivité',
      done: f.nom.trim() !== '' && f.nom.trim() !== DEFAULT_WORKSPACE_NOM,
      etat: f.nom.trim() === DEFAULT_WORKSPACE_NOM ? 'Nom à saisir.' : `Nom : ${f.nom}.`,
    },
    {
      key: 'referentiels',
      titre: 'Référentiels',
      done: f.referentials.length > 0,
      etat: f.referentials.length === 0 ? 'Aucun référentiel : importez-en un.' : `${f.referentials.length} référentiel${s(f.referentials.length)} : ${f.referentials.map((r) => r.nom).join(', ')}.`,
    },
    {
      key: 'pilotes',
      titre: 'Pilotes et services',
      done: f.people > 0,
      etat: f.people === 0 ? 'Aucun pilote pour l’instant.' : `${f.people} pilote${s(f.people)}, ${f.services} service${s(f.services)}.`,
    },
  ];
}

/**
 * Whether to show the guide: never once closed for this workspace; otherwise while the workspace looks new (its
 * default name or nobody in it) — the demo workspace, named and peopled, never shows it.
 */
export function showGuide(f: Pick<GuideFacts, 'nom' | 'people'>, closed: boolean): boolean {
  if (closed) return false;
  return f.nom.trim() === DEFAULT_WORKSPACE_NOM || f.people === 0;
}

/** localStorage key remembering that the guide was closed for a workspace. */
export function guideClosedKey(workspaceId: string): string {
  return `label-audit:guide-ferme:${workspaceId}`;
}
