/**
 * Routes the desktop shell asks this window to show (a notification click, a `floorwatch://`
 * link, a second launch) become the page's location; the router does the rest. The shell has
 * already refused anything that is not a console route. Nothing happens in a plain browser.
 */
import { useEffect } from 'react';
import type { DesktopBridge } from '../../src-shared/api/desktop.js';

/** The desktop bridge, when this page runs inside the desktop app (window.floorwatch.desktop). */
function findDesktop(scope: object): DesktopBridge | null {
  const bridge: unknown = (scope as { floorwatch?: unknown }).floorwatch;
  if (typeof bridge !== 'object' || bridge === null) return null;
  const desktop: unknown = (bridge as { desktop?: unknown }).desktop;
  if (typeof desktop !== 'object' || desktop === null || typeof (desktop as Partial<DesktopBridge>).onNavigate !== 'function') return null;
  return desktop as DesktopBridge;
}

/**
 * Follows the shell's routes by setting `location.hash`; returns a function that stops, or null
 * when there is no desktop bridge.
 */
export function followDesktopRoutes(scope: object, location: { hash: string }): (() => void) | null {
  const desktop = findDesktop(scope);
  if (desktop === null) return null;
  return desktop.onNavigate((route) => {
    if (typeof route === 'string' && route.startsWith('/')) location.hash = route;
  });
}

/** Follows the shell's routes for as long as the app is mounted. */
export function useDesktopNavigation(): void {
  useEffect(() => followDesktopRoutes(globalThis, window.location) ?? undefined, []);
}
