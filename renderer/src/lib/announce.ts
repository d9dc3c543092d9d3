/**
 * Polite announcements for screen readers (issue 8 item 1: "announced updates of the score"): `announce(text)`
 * puts `text` in the app's single `aria-live` region (components/LiveRegion.tsx), so that a score recomputed after
 * a save is read out without moving the focus.
 */
type Listener = (text: string) => void;
const listeners = new Set<Listener>();

/** Says `text` through the live region (the latest text replaces the previous one). */
export function announce(text: string): void {
  for (const l of listeners) l(text);
}

/** Subscribes the live region; returns the unsubscribe function. */
export function onAnnounce(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
