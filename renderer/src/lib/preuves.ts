/**
 * Rules of the preuves section (DOMAIN.md "preuve"): checking a link typed by the user before sending it (the
 * server accepts absolute http(s) URLs only: PREUVE_INVALID), and recognising a re-uploaded file the evidence store
 * already holds (ARCHITECTURE.md "Storage": the same bytes are stored once; `preuves.addFile` then returns the
 * existing preuve, attached to this node).
 */
import { tr } from '../i18n/tr';

/** Outcome of `checkLinkUrl`: the URL to send (trimmed), or a French message saying how to fix the text. */
export type LinkCheck = { ok: true; url: string } | { ok: false; message: string };

/**
 * Checks a link typed in the « Lien » field.
 * @returns ok with the trimmed URL for an absolute http:// or https:// address; otherwise a French message: empty
 *   field, a web address without its scheme (« www.exemple.fr » → suggests « https://www.exemple.fr »), another
 *   scheme (javascript:, ftp:, file:), or text that is not an address.
 */
export function checkLinkUrl(text: string): LinkCheck {
  const t = text.trim();
  if (t === '') return { ok: false, message: tr('link.empty') };
  const url = parseUrl(t);
  if (url && (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '') return { ok: true, url: t };
  const bare = /^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+(:\d+)?([/?#].*)?$/u.test(t);
  if (bare) return { ok: false, message: tr('link.bare', { t }) };
  if (url) return { ok: false, message: tr('link.scheme', { t }) };
  return { ok: false, message: tr('link.notWeb', { t }) };
}

/** `new URL(text)`, or null when the text is not an absolute URL. */
function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** The message shown when an uploaded file was already in the store (not an error: it is now attached here). */
export const ALREADY_STORED = 'Ce fichier est déjà enregistré ; il est rattaché à ce critère.';

/**
 * Whether the preuve `preuves.addFile` returned was already stored before this upload: it was already on this node
 * (`knownIds`), or it was added before the upload started (another node had it; 2 s of clock slack).
 * @param startedAt epoch milliseconds when the upload started
 */
export function wasAlreadyStored(preuve: { id: string; addedAt: string }, knownIds: ReadonlySet<string>, startedAt: number): boolean {
  if (knownIds.has(preuve.id)) return true;
  const added = Date.parse(preuve.addedAt);
  return Number.isFinite(added) && added < startedAt - 2000;
}

/** The fields of a preuve the library rules read (`Preuve` of electron/core/services/preuves.ts). */
export interface LibraryPreuve {
  id: string;
  kind: 'fichier' | 'lien';
  titre: string;
  fileName: string | null;
  url: string | null;
  confidentiel: boolean;
  proprietaire: string | null;
  rattachements: ReadonlyArray<{ referentialId: string; nodeId: string }>;
  couvertures: ReadonlyArray<{ referentialId: string; preuveAttendueId: string }>;
}

/** Filters of the library screen: `referentialId` '' = all; '(aucun)' = attached nowhere. */
export interface LibraryFilter {
  q: string;
  referentialId: string;
  kind: '' | 'fichier' | 'lien';
  confidentiel: '' | 'oui' | 'non';
}

/** The referential filter value meaning « attached to no criterion ». */
export const NOWHERE = '(aucun)';

const fold = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/**
 * The preuves matching `f`, in the given order. `q` matches, accents and case aside, every word in the titre, file
 * name, URL, owner or an attached node id (« délib 1.1 » finds « Délibération » on cae_1.1.1).
 */
export function filterLibrary<P extends LibraryPreuve>(preuves: readonly P[], f: LibraryFilter): P[] {
  const words = fold(f.q).split(/\s+/).filter((w) => w !== '');
  return preuves.filter((p) => {
    if (f.kind && p.kind !== f.kind) return false;
    if (f.confidentiel === 'oui' && !p.confidentiel) return false;
    if (f.confidentiel === 'non' && p.confidentiel) return false;
    if (f.referentialId === NOWHERE && p.rattachements.length > 0) return false;
    if (f.referentialId && f.referentialId !== NOWHERE && !p.rattachements.some((r) => r.referentialId === f.referentialId)) return false;
    if (words.length === 0) return true;
    const hay = fold([p.titre, p.fileName ?? '', p.url ?? '', p.proprietaire ?? '', ...p.rattachements.map((r) => r.nodeId)].join(' '));
    return words.every((w) => hay.includes(w));
  });
}

/** The preuves of `preuves` marked as answering preuve attendue `attendueId` of `referentialId` (tete-referentials.md §4.6). */
export function coveringPreuves<P extends Pick<LibraryPreuve, 'couvertures'>>(preuves: readonly P[], referentialId: string, attendueId: string): P[] {
  return preuves.filter((p) => p.couvertures.some((c) => c.referentialId === referentialId && c.preuveAttendueId === attendueId));
}
