/**
 * French first, English second (issue 8 item 2): i18next with the two catalogues of this folder, French the
 * source language and the fallback. The choice is kept in the renderer's localStorage (`label-audit.lang`; the
 * workspace has no settings of its own to carry it) and applied at once: `<html lang>`, the formatters of
 * lib/format.ts, and every component that calls `useT()`.
 *
 * The pattern for a screen: `const { t } = useT();` then `t('section.key', { n })`; each key is written in fr.ts
 * (the reference wording) and en.ts (same keys, checked by the type `Catalogue` and tests/renderer/i18n.test.ts).
 */
import { useTranslation } from 'react-i18next';
import { isLang, type Lang } from '../../../shared/locale';
import { setFormatLang } from '../lib/format';
import { i18next, plural, tr } from './tr';

const STORAGE_KEY = 'label-audit.lang';

/** The language stored by the switch, else French (the app's reference language; the browser's is not guessed). */
export function storedLang(): Lang {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    return isLang(v) ? v : 'fr';
  } catch {
    return 'fr';
  }
}

function apply(lang: Lang): void {
  setFormatLang(lang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

const initial = typeof window !== 'undefined' ? storedLang() : 'fr';
apply(initial);
void i18next.changeLanguage(initial);

/** Switches the interface (and the formatters, and `<html lang>`) to `lang` and remembers the choice. */
export function setLang(lang: Lang): void {
  apply(lang);
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // A storage refused (private mode) only forgets the choice at the next start.
  }
  void i18next.changeLanguage(lang);
}

/** The current language of the interface. */
export function currentLang(): Lang {
  return isLang(i18next.language) ? i18next.language : 'fr';
}

/** `t` and the current language for a component; re-renders it when the language changes. */
export function useT(): { t: (key: string, options?: Record<string, unknown>) => string; lang: Lang } {
  const { t, i18n } = useTranslation();
  return { t: t as (key: string, options?: Record<string, unknown>) => string, lang: isLang(i18n.language) ? i18n.language : 'fr' };
}

export { i18next, plural, tr };
