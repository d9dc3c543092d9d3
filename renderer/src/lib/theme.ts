/**
 * Light and dark themes (issue 8 item 1: contrast in both): `system` follows `prefers-color-scheme`, `light` and
 * `dark` force one through `<html data-theme>` (styles/base.css holds both palettes). Kept in localStorage.
 */
export type Theme = 'system' | 'light' | 'dark';

const STORAGE_KEY = 'label-audit.theme';

/** The stored theme choice, `system` when none or unreadable. */
export function storedTheme(): Theme {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

/** Applies `theme` to the document (`data-theme` attribute, absent for `system`) and remembers it. */
export function applyTheme(theme: Theme, remember = true): void {
  const root = document.documentElement;
  if (theme === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', theme);
  if (!remember) return;
  try {
    if (theme === 'system') window.localStorage.removeItem(STORAGE_KEY);
    else window.localStorage.setItem(STORAGE_KEY, theme);
  } catch {
    // Not remembered in private mode: the choice holds until the window closes.
  }
}
