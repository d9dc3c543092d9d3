/**
 * One-line French descriptions of history events (API contract HistoryEvent: `{ id, at, who, action, before,
 * after }`). The core names actions; known ones get a sentence, others show the action name and values.
 */
import type { Statut } from '../../../shared/domain';
import { statutLabel } from './statuts';

export interface HistoryEventLike {
  id: string | number;
  at: string;
  who: string;
  action: string;
  referentialId: string | null;
  nodeId: string | null;
  before?: unknown;
  after?: unknown;
}

const STATUT_KEYS = new Set<string>(['fait', 'programme', 'pas_fait', 'non_renseigne', 'detaille', 'non_concerne', 'conforme', 'non_conforme', 'non_applicable']);

/** A value of `before`/`after` in words: a statut label, a statut row's statut, a short JSON otherwise. */
export function describeValue(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return STATUT_KEYS.has(v) ? statutLabel(v as Statut, 'tete') : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.statut === 'string') {
      const base = describeValue(o.statut);
      const d = o.detail;
      if (Array.isArray(d) && d.length === 3) return `${base} (${d.map((x) => `${Math.round(Number(x) * 1000) / 10} %`).join(' / ')})`;
      return base;
    }
    const json = JSON.stringify(v);
    return json.length > 120 ? `${json.slice(0, 117)}…` : json;
  }
  return String(v);
}

/** "Statut : Non renseigné → Fait" for statut events, "<action> : before → after" otherwise. */
export function describeEvent(e: HistoryEventLike): string {
  const label = e.action.startsWith('statut') ? 'Statut' : e.action.startsWith('explication') ? 'Explication' : e.action;
  return `${label} : ${describeValue(e.before)} → ${describeValue(e.after)}`;
}
