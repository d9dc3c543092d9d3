/**
 * The header's switches: language (Français / English, issue 8 item 2) and theme (system / light / dark, item 1).
 * Native selects, so the keyboard and screen readers get the platform's behaviour.
 */
import { useState } from 'react';
import { LANGS, isLang } from '../../../shared/locale';
import { setLang, useT } from '../i18n';
import { applyTheme, storedTheme, type Theme } from '../lib/theme';

const LANG_NAMES = { fr: 'Français', en: 'English' } as const;

export function HeaderSettings() {
  const { t, lang } = useT();
  const [theme, setTheme] = useState<Theme>(storedTheme);
  return (
    <div className="header-settings">
      <label className="header-setting">
        <span>{t('app.language')}</span>
        <select
          data-testid="lang-select"
          value={lang}
          onChange={(e) => {
            if (isLang(e.target.value)) setLang(e.target.value);
          }}
        >
          {LANGS.map((l) => (
            <option key={l} value={l} lang={l}>
              {LANG_NAMES[l]}
            </option>
          ))}
        </select>
      </label>
      <label className="header-setting">
        <span>{t('app.theme')}</span>
        <select
          data-testid="theme-select"
          value={theme}
          onChange={(e) => {
            const next = e.target.value as Theme;
            setTheme(next);
            applyTheme(next);
          }}
        >
          <option value="system">{t('app.themeSystem')}</option>
          <option value="light">{t('app.themeLight')}</option>
          <option value="dark">{t('app.themeDark')}</option>
        </select>
      </label>
    </div>
  );
}
