/**
 * The first-run guide of a new workspace (issue 8 item 6): three steps — identité, référentiels, pilotes — and
 * when to show it. Pure; the guide is components/FirstRunGuide.tsx.
 */
import { plural, tr } from '../i18n/tr';

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
  const n = (key: string, count: number, values: Record<string, unknown> = {}) => tr(`firstRun.${key}_${plural(count)}`, { n: count, ...values });
  return [
    {
      key: 'identite',
      titre: tr('firstRun.identite'),
      done: f.nom.trim() !== '' && f.nom.trim() !== DEFAULT_WORKSPACE_NOM,
      etat: f.nom.trim() === DEFAULT_WORKSPACE_NOM ? tr('firstRun.nomASaisir') : tr('firstRun.nom', { nom: f.nom }),
    },
    {
      key: 'referentiels',
      titre: tr('firstRun.referentiels'),
      done: f.referentials.length > 0,
      etat: f.referentials.length === 0 ? tr('firstRun.noReferential') : n('referentials', f.referentials.length, { noms: f.referentials.map((r) => r.nom).join(', ') }),
    },
    {
      key: 'pilotes',
      titre: tr('pilotes.title'),
      done: f.people > 0,
      etat: f.people === 0 ? tr('firstRun.noPilote') : `${n('pilotes', f.people)}, ${n('services', f.services)}.`,
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
