/**
 * The i18next instance with the two catalogues (French the source and the fallback), and `tr` for code outside
 * React (lib/errors.ts, lib/ helpers). Free of DOM access, so that lib/ modules stay testable under Node;
 * index.ts adds the stored choice, the switch and the React hook.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { fr } from './fr';

void i18next.use(initReactI18next).init({
  resources: { fr: { translation: fr }, en: { translation: en } },
  lng: 'fr',
  fallbackLng: 'fr',
  // React escapes what it renders; i18next must not escape a second time (« l'opération » would show &#39;).
  interpolation: { escapeValue: false },
  initAsync: false,
});

/** The current language's text of `key` (`{{name}}` filled from `options`), for code outside React. */
export function tr(key: string, options?: Record<string, unknown>): string {
  return i18next.t(key, options ?? {}) as string;
}

/**
 * The plural form of `n` in the current language, as the catalogues name it (`key_one` / `key_other`): French
 * singular up to 1 (« 0 fichier », « 1,5 pt »), English singular for 1 only. Not i18next's own `count` plurals:
 * Intl gives French a `many` form (1 000 000) that the catalogues do not write.
 */
export function plural(n: number): 'one' | 'other' {
  const lang = i18next.language === 'en' ? 'en' : 'fr';
  return (lang === 'fr' ? Math.abs(n) <= 1 : n === 1) ? 'one' : 'other';
}

export { i18next };
