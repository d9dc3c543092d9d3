/**
 * Unsaved explication drafts, kept per node in the session's storage (sessionStorage in the app) so that a reload
 * or closing the fiche does not lose a text being written. A draft equal to the saved text is no draft: it is
 * removed. Storage failures (private mode, quota) are ignored: the draft is a comfort, not the record.
 */

/** The part of the Web Storage API the drafts use (sessionStorage, or a Map-backed stand-in in tests). */
export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Storage key of the explication draft of a node: `label-audit:explication:<referentialId>:<nodeId>`. */
export function draftKey(referentialId: string, nodeId: string): string {
  return `label-audit:explication:${referentialId}:${nodeId}`;
}

/** The draft of `key`, or null when there is none, it equals `saved`, or storage cannot be read. */
export function readDraft(storage: DraftStorage | null, key: string, saved: string): string | null {
  try {
    const draft = storage?.getItem(key) ?? null;
    return draft !== null && draft !== saved ? draft : null;
  } catch {
    return null;
  }
}

/** Keeps `text` as the draft of `key`, or removes the draft when `text` equals `saved`. */
export function writeDraft(storage: DraftStorage | null, key: string, text: string, saved: string): void {
  try {
    if (text === saved) storage?.removeItem(key);
    else storage?.setItem(key, text);
  } catch {
    // A draft that cannot be kept is only a lost comfort; the text is still on screen.
  }
}

/** Removes the draft of `key` (after a successful save). */
export function clearDraft(storage: DraftStorage | null, key: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    // Nothing to do: see writeDraft.
  }
}

/** The browser's sessionStorage, or null where there is none (tests, locked-down contexts). */
export function sessionDrafts(): DraftStorage | null {
  try {
    return typeof window !== 'undefined' ? window.sessionStorage : null;
  } catch {
    return null;
  }
}
