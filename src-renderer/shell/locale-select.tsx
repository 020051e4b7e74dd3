/**
 * The device's choice of locale for dates, numbers, plurals and relative times
 * (format/locale.ts, docs/decisions/0030-locale-and-option-tables.md). Views read the locale as
 * they render, so a change reloads the page: every figure then speaks the same locale at once.
 */
import { useId } from 'react';
import { LOCALE_STORAGE_KEY, resolveLocale, setDeviceLocale, systemLanguages } from '../format/locale.js';
import { useT } from '../i18n/translate.js';

const t = useT('shell');

/** Locales offered besides the system's; any other stays reachable through the system setting. */
export const OFFERED_LOCALES: readonly { readonly tag: string; readonly label: string }[] = [
  { tag: 'en-GB', label: 'English (United Kingdom)' },
  { tag: 'en-US', label: 'English (United States)' },
  { tag: 'de-DE', label: 'Deutsch (Deutschland)' },
  { tag: 'es-ES', label: 'Español (España)' },
  { tag: 'fr-FR', label: 'Français (France)' },
  { tag: 'nl-NL', label: 'Nederlands (Nederland)' },
  { tag: 'pt-BR', label: 'Português (Brasil)' },
  { tag: 'ja-JP', label: '日本語 (日本)' },
];

const SYSTEM = 'system';

function storedChoice(): string {
  try {
    return localStorage.getItem(LOCALE_STORAGE_KEY) ?? SYSTEM;
  } catch {
    return SYSTEM;
  }
}

/** A native select: System, or one of the offered locales; the page reloads in the new one. */
export function LocaleSelect() {
  const id = useId();
  const choice = storedChoice();
  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid="locale-setting">
      <h2 id={`${id}-title`} className="connection-view__subtitle">
        {t('thisDevice')}
      </h2>
      <label className="field">
        <span>{t('datesAndNumbers')}</span>
        <select
          className="input"
          value={choice}
          data-testid="locale-select"
          onChange={(event) => {
            setDeviceLocale(event.target.value === SYSTEM ? null : event.target.value);
            location.reload();
          }}
        >
          <option value={SYSTEM}>{t('asTheSystem', { locale: resolveLocale(systemLanguages()) })}</option>
          {OFFERED_LOCALES.map((locale) => (
            <option key={locale.tag} value={locale.tag} lang={locale.tag}>
              {locale.label}
            </option>
          ))}
        </select>
      </label>
    </section>
  );
}
