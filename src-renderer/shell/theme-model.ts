/**
 * The console's colour theme: the person's choice (follow the system, or always light or dark),
 * kept per device, and the theme it resolves to. Pure, so the rules are tested without a browser;
 * shell/theme.ts applies the result to the page.
 */

import { translate } from '../i18n/translate.js';

export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];
export type Theme = 'light' | 'dark';

/** The localStorage key: a device setting, shared by every console tab and window on it. */
export const THEME_STORAGE_KEY = 'floorwatch.theme';

export const THEME_CHOICE_LABELS: Readonly<Record<ThemeChoice, string>> = { system: translate('shell', 'themeSystem'), light: translate('shell', 'themeLight'), dark: translate('shell', 'themeDark') };

/** Reads a stored choice; anything unknown (nothing stored, an old value) follows the system. */
export function parseThemeChoice(stored: string | null | undefined): ThemeChoice {
  return (THEME_CHOICES as readonly string[]).includes(stored ?? '') ? (stored as ThemeChoice) : 'system';
}

/**
 * The theme a choice shows. The console was dark-only and runs on dim floors, so a system that
 * states no preference gets dark; only an explicit light preference turns "system" light.
 */
export function resolveTheme(choice: ThemeChoice, systemPrefersLight: boolean): Theme {
  if (choice === 'system') return systemPrefersLight ? 'light' : 'dark';
  return choice;
}

