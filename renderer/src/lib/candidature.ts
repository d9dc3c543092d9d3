/**
 * Words and links of the Candidature screen (readiness checklist, tete-referentials.md §3), kept out of the
 * component so they can be tested: the summary sentence, a niveau's option label, a condition's statut and link.
 */
import type { Niveau } from '../../../shared/domain';
import type { ReadinessCondition } from '../../../shared/readiness';
import { formatHash } from '../router';
import { formatCount, formatLang } from './format';
import { formatNumberIn } from '../../../shared/locale';
import { plural, tr } from '../i18n/tr';

/**
 * A niveau in the target selector, in the current language: "2 étoiles — au moins 35 % fait", "1 étoile — sans
 * score minimum" (en "2 étoiles — at least 35% done", "1 étoile — no minimum score"). The niveau's name is the
 * referential's and stays as written.
 */
export function niveauOptionLabel(niveau: Niveau): string {
  if (niveau.seuil <= 0) return tr('candidature.niveauSansMinimum', { nom: niveau.nom });
  return tr('candidature.niveauSeuil', { nom: niveau.nom, seuil: formatNumberIn(formatLang(), niveau.seuil * 100, 1) });
}

/**
 * The sentence above the list: "Toutes les conditions sont remplies pour 2 étoiles : la demande peut être déposée."
 * or "3 conditions remplies sur 11 pour 2 étoiles : il en reste 8 à remplir." (counts with formatCount).
 */
export function summaryText(r: { cible: Niveau; met: boolean; conditions: ReadonlyArray<Pick<ReadinessCondition, 'met'>> }): string {
  if (r.met) return tr('candidature.allMet', { nom: r.cible.nom });
  const total = r.conditions.length;
  const met = r.conditions.filter((c) => c.met).length;
  const left = total - met;
  return tr(`candidature.summary_${plural(met)}`, { met: formatCount(met), total: formatCount(total), nom: r.cible.nom, left: formatCount(left) });
}

/** The statut of a condition, in words (never by colour only) with its badge class and symbol. */
export function conditionStatut(c: Pick<ReadinessCondition, 'met' | 'sansObjet'>): { key: 'remplie' | 'sans-objet' | 'a-faire'; text: string; symbol: string; badge: string } {
  if (c.met && c.sansObjet) return { key: 'sans-objet', text: tr('candidature.sansObjet'), symbol: '–', badge: 'badge-non-concerne' };
  if (c.met) return { key: 'remplie', text: tr('candidature.remplie'), symbol: '✓', badge: 'badge-fait' };
  return { key: 'a-faire', text: tr('candidature.aFaire'), symbol: '✗', badge: 'badge-pas-fait' };
}

/**
 * Where a condition's link goes: a node of the tree (`#/referentiel/<id>/<nodeId>`, text « Ouvrir 5.1.2 dans le
 * référentiel »), the tree (`#/referentiel/<id>`), or the documents section of this screen (`section`, no href).
 * Null when the condition points nowhere.
 */
export function conditionLink(
  referentialId: string,
  where: ReadinessCondition['where'],
): { kind: 'href'; href: string; text: string } | { kind: 'section'; text: string } | null {
  if (where.nodeId) {
    const prefix = `${referentialId}_`;
    const identifiant = where.nodeId.startsWith(prefix) ? where.nodeId.slice(prefix.length) : where.nodeId;
    return { kind: 'href', href: formatHash({ page: 'referentiel', referentialId, nodeId: where.nodeId }), text: tr('candidature.openNode', { id: identifiant }) };
  }
  if (where.screen === 'referentiel') return { kind: 'href', href: formatHash({ page: 'referentiel', referentialId, nodeId: null }), text: tr('candidature.openRef') };
  if (where.screen === 'documents-candidature') return { kind: 'section', text: tr('candidature.goDocuments') };
  return null;
}
