/** The renderer follows the routes the desktop shell sends, and does nothing in a browser. */
import { describe, expect, it } from 'vitest';
import type { DesktopBridge } from '../../../../src-shared/api/desktop.js';
import { followDesktopRoutes } from '../../../../src-renderer/shell/desktop-navigation.js';

function desktopScope(): { scope: object; send: (route: unknown) => void; listeners: Set<(route: string) => void> } {
  const listeners = new Set<(route: string) => void>();
  const desktop: DesktopBridge = {
    notify: () => undefined,
    setAttention: () => undefined,
    printToPdf: () => Promise.resolve({ state: 'cancelled' }),
    onNavigate(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { scope: { floorwatch: { request: () => undefined, onPush: () => () => undefined, desktop } }, send: (route) => listeners.forEach((listener) => listener(route as string)), listeners };
}

describe('followDesktopRoutes', () => {
  it('sets the location fragment to each route the shell sends, until stopped', () => {
    const { scope, send, listeners } = desktopScope();
    const location = { hash: '#/' };
    const stop = followDesktopRoutes(scope, location);
    send('/queue/q-1/performance');
    expect(location.hash).toBe('/queue/q-1/performance');
    send('javascript:alert(1)');
    expect(location.hash).toBe('/queue/q-1/performance');
    stop?.();
    expect(listeners.size).toBe(0);
  });

  it('does nothing without the desktop bridge (a browser, or an older preload)', () => {
    expect(followDesktopRoutes({}, { hash: '' })).toBeNull();
    expect(followDesktopRoutes({ floorwatch: { request: () => undefined } }, { hash: '' })).toBeNull();
  });
});
