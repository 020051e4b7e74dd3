/**
 * The theme a person sees: their stored choice, or the system's preference when they chose
 * "System" (or nothing, or something this version does not know).
 */
import { describe, expect, it } from 'vitest';
import { parseThemeChoice, resolveTheme, THEME_CHOICES, type ThemeChoice } from '../../../../src-renderer/shell/theme-model.js';

describe('parseThemeChoice', () => {
  it.each(THEME_CHOICES)('keeps a stored %s', (choice) => {
    expect(parseThemeChoice(choice)).toBe(choice);
  });

  it.each([null, undefined, '', 'Light', 'high-contrast', 'theme-dark'])('follows the system for %j', (stored) => {
    expect(parseThemeChoice(stored)).toBe('system');
  });
});

describe('resolveTheme', () => {
  const cases: readonly [ThemeChoice, boolean, 'light' | 'dark'][] = [
    ['system', true, 'light'],
    ['system', false, 'dark'],
    ['light', false, 'light'],
    ['light', true, 'light'],
    ['dark', true, 'dark'],
    ['dark', false, 'dark'],
  ];
  it.each(cases)('%s with a system that prefers light=%s shows %s', (choice, systemPrefersLight, theme) => {
    expect(resolveTheme(choice, systemPrefersLight)).toBe(theme);
  });
});
