/** The theme setting in the top bar: a native select, so keyboard and screen readers get it for free. */
import { useId } from 'react';
import { THEME_CHOICE_LABELS, THEME_CHOICES, parseThemeChoice } from './theme-model.js';
import { setThemeChoice, useThemeChoice } from './theme.js';
import { useT } from '../i18n/translate.js';

const t = useT('shell');

/** System, Light or Dark; kept for this device. */
export function ThemeSelect() {
  const choice = useThemeChoice();
  const id = useId();
  return (
    // The label is for screen readers: the options (System, Light, Dark) say what the select is, and the bar has little room.
    <span className="theme-select" title={t('themeTitle')}>
      <label className="visually-hidden" htmlFor={id}>
        {t('theme')}
      </label>
      <select id={id} className="input theme-select__input" value={choice} onChange={(event) => setThemeChoice(parseThemeChoice(event.target.value))} data-testid="theme-select">
        {THEME_CHOICES.map((option) => (
          <option key={option} value={option}>
            {THEME_CHOICE_LABELS[option]}
          </option>
        ))}
      </select>
    </span>
  );
}
