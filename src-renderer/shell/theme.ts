/**
 * Applies the theme to the page: `data-theme` and `color-scheme` on <html>, from the stored choice
 * and the system's `prefers-color-scheme`, kept current when either changes (another window on the
 * same device included). Started once before the first render, so the page never flashes dark.
 */
import { useSyncExternalStore } from 'react';
import { parseThemeChoice, resolveTheme, THEME_STORAGE_KEY, type Theme, type ThemeChoice } from './theme-model.js';

const listeners = new Set<() => void>();
let choice: ThemeChoice = 'system';
let started = false;

function storedChoice(): ThemeChoice {
  try {
    return parseThemeChoice(window.localStorage.getItem(THEME_STORAGE_KEY));
  } catch {
    // Storage refused (a locked-down profile): the system decides.
    return 'system';
  }
}

function systemQuery(): MediaQueryList {
  return window.matchMedia('(prefers-color-scheme: light)');
}

function apply(): void {
  const theme: Theme = resolveTheme(choice, systemQuery().matches);
  const root = document.documentElement;
  root.dataset.theme = theme;
  root.style.colorScheme = theme;
  for (const listener of listeners) listener();
}

/** Reads the stored choice, applies it, and follows the system and other windows from then on. */
export function startTheme(): void {
  if (started) return;
  started = true;
  choice = storedChoice();
  apply();
  systemQuery().addEventListener('change', apply);
  window.addEventListener('storage', (event) => {
    if (event.key !== THEME_STORAGE_KEY) return;
    choice = parseThemeChoice(event.newValue);
    apply();
  });
}

/** Keeps a choice for this device and shows it at once. */
export function setThemeChoice(next: ThemeChoice): void {
  choice = next;
  try {
    window.localStorage.setItem(THEME_STORAGE_KEY, next);
  } catch {
    // Not kept across restarts, but shown for this session.
  }
  apply();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The person's choice (System, Light or Dark), re-rendering when it changes. */
export function useThemeChoice(): ThemeChoice {
  return useSyncExternalStore(subscribe, () => choice);
}
