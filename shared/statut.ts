/**
 * The user's statut ↔ the stored record the engines read, and the check of a détaillé split
 * (tete-referentials.md §2.1; DOMAIN.md "statut"). Pure: used by the core's statuts service and by the
 * renderer to check a split before sending it.
 */
import type { Avancement, Detail, Referential, Statut } from './domain';
import { UserError } from './errors';

/**
 * Statuts a user may enter, per scoring model (tete-referentials.md §2.1; DOMAIN.md for RGESN and RGAA —
 * conforme, non conforme, non applicable, non évalué — and for the good-practice guide — fait, programmé, pas
 * fait, non concerné, non renseigné; no détaillé).
 */
export const STATUTS_BY_MODEL: Record<Referential['model'], readonly Statut[]> = {
  tete: ['fait', 'programme', 'pas_fait', 'non_renseigne', 'detaille', 'non_concerne'],
  points: ['fait', 'programme', 'pas_fait', 'non_renseigne', 'detaille', 'non_concerne'],
  weighted: ['conforme', 'non_conforme', 'non_applicable', 'non_renseigne'],
  rate: ['conforme', 'non_conforme', 'non_applicable', 'non_renseigne'],
  progress: ['fait', 'programme', 'pas_fait', 'non_concerne', 'non_renseigne'],
};

/**
 * Whether a stored row says nothing to the engines: non renseigné, concerné, no split. Such rows exist to carry an
 * explication typed before any statut, or after a reset; the platform keeps explications in a separate table, so
 * for it they are no row at all — and a row would otherwise keep a sous-action concerned whose tâches are all
 * non concernées (tete-referentials.md §2.3 step 3). Engines' inputs leave them out.
 */
export function sansStatut(r: { avancement: Avancement; concerne: boolean; detail: unknown }): boolean {
  return r.avancement === 'non_renseigne' && r.concerne && r.detail === null;
}

/**
 * The stored row for a user statut (tete-referentials.md §2.1 table): fait/programme/pas_fait as is;
 * detaille keeps its split unless it is exactly [1,0,0] / [0,1,0] / [0,0,1] (stored as fait / programme / pas_fait);
 * non_concerne → non_renseigne with concerne false. RGESN: conforme ↔ fait, non_conforme ↔ pas_fait,
 * non_applicable ↔ concerne false.
 */
export function toRecord(statut: Statut, detail: Detail | null): { avancement: Avancement; detail: Detail | null; concerne: boolean } {
  switch (statut) {
    case 'fait':
    case 'conforme':
      return { avancement: 'fait', detail: null, concerne: true };
    case 'programme':
      return { avancement: 'programme', detail: null, concerne: true };
    case 'pas_fait':
    case 'non_conforme':
      return { avancement: 'pas_fait', detail: null, concerne: true };
    case 'non_concerne':
    case 'non_applicable':
      return { avancement: 'non_renseigne', detail: null, concerne: false };
    case 'non_renseigne':
      return { avancement: 'non_renseigne', detail: null, concerne: true };
    case 'detaille': {
      const d = detail as Detail;
      const pure: Avancement[] = ['fait', 'programme', 'pas_fait'];
      for (let i = 0; i < 3; i++) if (d[i] === 1) return { avancement: pure[i]!, detail: null, concerne: true };
      return { avancement: 'detaille', detail: d, concerne: true };
    }
  }
}

/**
 * A share as the user typed it, in percent with French decimals (0.333 → « 33,3 % », −0.2 → « −20 % »,
 * NaN → « non numérique »): the détaillé form takes percentages, so its errors speak in percent.
 */
function percentText(x: number): string {
  if (!Number.isFinite(x)) return 'non numérique';
  const tenths = Math.round(x * 1000) / 10;
  const text = Math.abs(tenths).toLocaleString('fr-FR', { maximumFractionDigits: 1, useGrouping: false });
  return `${tenths < 0 ? '\u2212' : ''}${text} %`;
}

/** The same share in English (0.333 → “33.3%”, NaN → “not a number”), for the English sentence. */
function percentTextEn(x: number): string {
  if (!Number.isFinite(x)) return 'not a number';
  const tenths = Math.round(x * 1000) / 10;
  return `${tenths < 0 ? '\u2212' : ''}${Math.abs(tenths).toLocaleString('en-GB', { maximumFractionDigits: 1, useGrouping: false })}%`;
}

/** A split rounded to tenths of a percent, as stored: 0.7004 → 0.7 (fractions 0..1). */
export function roundDetail(detail: Detail): Detail {
  return detail.map((x) => Math.round(x * 1000) / 1000) as unknown as Detail;
}

/**
 * A split that sums to 100 % when `tenths` (parts in tenths of a percent) miss it by at most 0,5 % — the rounding
 * of thirds: the difference goes to the largest part (the last one on a tie). Null otherwise.
 */
function nearSplit(tenths: readonly number[]): number[] | null {
  const diff = 1000 - tenths.reduce((s, x) => s + x, 0);
  if (Math.abs(diff) > 5) return null;
  let at = 0;
  tenths.forEach((x, i) => {
    if (x >= (tenths[at] ?? 0)) at = i;
  });
  const fixed = tenths.map((x, i) => (i === at ? x + diff : x));
  return fixed.every((x) => x >= 0 && x <= 1000) ? fixed : null;
}

/**
 * Checks a détaillé split and returns it as stored: three finite fractions in 0..1, each rounded to the nearest
 * tenth of a percent, whose rounded parts sum to exactly 100 % (0.7004 + 0.2004 + 0.1004 → [0.7, 0.2, 0.1]; three
 * thirds 0.333 → 99,9 %, refused) (tete-referentials.md §2.1). Throws UserError DETAIL_INVALID naming the node, in
 * percent as the user typed it: « La répartition fait / programmé / pas fait de cae_1.1.1.3 fait 90 % au lieu de
 * 100 % (50 % / 30 % / 10 %). », with « ; par exemple 33,3 % / 33,3 % / 33,4 % » when only rounding is off.
 */
export function checkDetail(nodeId: string, detail: Detail | undefined | null): Detail {
  const what = `La répartition fait / programmé / pas fait de ${nodeId}`;
  const whatEn = `The done / planned / not done split of ${nodeId}`;
  if (!detail) {
    throw new UserError(
      'DETAIL_INVALID',
      { fr: `Le statut « détaillé » de ${nodeId} demande une répartition fait / programmé / pas fait.`, en: `The “detailed” status of ${nodeId} needs a done / planned / not done split.` },
      { nodeId, field: 'detail' },
    );
  }
  const parts = detail.map(percentText).join(' / ');
  const partsEn = detail.map(percentTextEn).join(' / ');
  if (detail.length !== 3 || detail.some((x) => !Number.isFinite(x) || x < 0 || x > 1)) {
    throw new UserError(
      'DETAIL_INVALID',
      { fr: `${what} doit contenir trois parts entre 0 et 100 % (reçu ${parts}).`, en: `${whatEn} must hold three parts between 0 and 100% (received ${partsEn}).` },
      { nodeId, field: 'detail' },
    );
  }
  const tenths = detail.map((x) => Math.round(x * 1000));
  const sum = tenths.reduce((s, x) => s + x, 0);
  if (sum !== 1000) {
    const near = nearSplit(tenths);
    const hint = near ? ` ; par exemple ${near.map((x) => percentText(x / 1000)).join(' / ')}` : '';
    const hintEn = near ? `; for example ${near.map((x) => percentTextEn(x / 1000)).join(' / ')}` : '';
    throw new UserError(
      'DETAIL_INVALID',
      {
        fr: `${what} fait ${percentText(sum / 1000)} au lieu de 100 % (${parts})${hint}.`,
        en: `${whatEn} makes ${percentTextEn(sum / 1000)} instead of 100% (${partsEn})${hintEn}.`,
      },
      { nodeId, field: 'detail' },
    );
  }
  return roundDetail(detail);
}
