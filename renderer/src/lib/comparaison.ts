/**
 * Pure helpers of the Jalons and Comparaison screens (issue 6): the labels of jalon kinds, a side of a comparison
 * read from the route, and the text of one compared value (points, truncated %, statut).
 */
import { tr } from '../i18n/tr';
import { formatPercent, formatPoints } from './format';

/** French label of a jalon kind. */
export const JALON_KIND_LABELS: Record<'manuel' | 'pre-audit' | 'post-audit', string> = {
  manuel: 'Sauvegarde nommée',
  'pre-audit': 'Pré-audit',
  'post-audit': 'Post-audit',
};

/** A side of a comparison as the API takes it: a jalon id, or 'maintenant'. Null when the route's text is neither. */
export function coteOf(text: string | null): number | 'maintenant' | null {
  if (text === null) return null;
  if (text === 'maintenant') return 'maintenant';
  return /^[1-9]\d{0,8}$/.test(text) ? Number(text) : null;
}

/** A jalon kind in the interface language (catalogue `jalons.kind_<kind>`; French: JALON_KIND_LABELS). */
export function jalonKindLabel(kind: 'manuel' | 'pre-audit' | 'post-audit'): string {
  return tr(`jalons.kind_${kind}`);
}

/** The compared fields, in column order, with their column titles (`court`: the header, `titre`: its tooltip). */
export const CHAMPS: ReadonlyArray<{ key: ChampCompare; titre: string; court: string; kind: 'points' | 'percent' | 'text' }> = [
  { key: 'potentiel', titre: 'Potentiel personnalisé', court: 'Potentiel', kind: 'points' },
  { key: 'pointFait', titre: 'Points faits', court: 'Fait', kind: 'points' },
  { key: 'pctFait', titre: '% fait', court: '%', kind: 'percent' },
  { key: 'pointProgramme', titre: 'Points programmés', court: 'Prog.', kind: 'points' },
  { key: 'pctProgramme', titre: '% programmé', court: '%', kind: 'percent' },
  { key: 'pointPasFait', titre: 'Points pas faits', court: 'Pas fait', kind: 'points' },
  { key: 'pctPasFait', titre: '% pas fait', court: '%', kind: 'percent' },
  { key: 'statut', titre: 'Statut', court: 'Statut', kind: 'text' },
];

export type ChampCompare = 'potentiel' | 'pointFait' | 'pctFait' | 'pointProgramme' | 'pctProgramme' | 'pointPasFait' | 'pctPasFait' | 'statut';

/** The text of a compared value: points « 12,5 », % « 37,5 % » (truncated), statut as is; « — » when empty. */
export function valeurText(kind: 'points' | 'percent' | 'text', v: number | string | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (kind === 'text') return String(v);
  if (typeof v !== 'number') return String(v);
  return kind === 'percent' ? formatPercent(v, '—') : formatPoints(v);
}
