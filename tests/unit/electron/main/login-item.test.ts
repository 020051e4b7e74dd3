import { describe, expect, it } from 'vitest';
import { crashReloadDelayMs, isEnabledAutostartEntry, linuxAutostartEntry, linuxAutostartPath } from '../../../../src-main/electron/main/login-item.js';

describe('linux autostart', () => {
  it('lives in the XDG config folder', () => {
    expect(linuxAutostartPath({}, '/home/tv')).toBe('/home/tv/.config/autostart/floorwatch.desktop');
    expect(linuxAutostartPath({ XDG_CONFIG_HOME: '/cfg' }, '/home/tv')).toBe('/cfg/autostart/floorwatch.desktop');
    expect(linuxAutostartPath({ XDG_CONFIG_HOME: 'relative' }, '/home/tv')).toBe('/home/tv/.config/autostart/floorwatch.desktop');
  });

  it('starts the app with the wallboard, quoting a path with spaces', () => {
    const entry = linuxAutostartEntry('/opt/Floorwatch App/floorwatch');
    expect(entry).toContain('Exec="/opt/Floorwatch App/floorwatch" --wallboard\n');
    expect(isEnabledAutostartEntry(entry)).toBe(true);
  });

  it('escapes what the desktop entry format gives meaning to', () => {
    expect(linuxAutostartEntry('/tmp/a$b"c%d', [])).toContain('Exec="/tmp/a\\$b\\"c%%d"');
  });

  it('reads an entry turned off by hand as off', () => {
    expect(isEnabledAutostartEntry(null)).toBe(false);
    expect(isEnabledAutostartEntry(linuxAutostartEntry('/x').replace('X-GNOME-Autostart-enabled=true', 'X-GNOME-Autostart-enabled=false'))).toBe(false);
    expect(isEnabledAutostartEntry('[Desktop Entry]\nName=Other\n')).toBe(false);
  });
});

describe('crashReloadDelayMs', () => {
  const now = 1_000_000_000;
  it('waits a second after a first crash, doubling with each recent one, up to a minute', () => {
    expect(crashReloadDelayMs([now], now)).toBe(1000);
    expect(crashReloadDelayMs([now - 2000, now], now)).toBe(2000);
    expect(crashReloadDelayMs(Array.from({ length: 12 }, (_, index) => now - index * 1000), now)).toBe(60_000);
  });

  it('forgets crashes older than ten minutes', () => {
    expect(crashReloadDelayMs([now - 11 * 60_000, now - 20 * 60_000, now], now)).toBe(1000);
  });
});
