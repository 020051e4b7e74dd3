import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, type MenuEntry } from '../../../../src-main/electron/main/menu-template.js';

function roles(entries: readonly MenuEntry[]): string[] {
  return entries.flatMap((entry) => [...(entry.role ? [entry.role] : []), ...roles(entry.submenu ?? [])]);
}

describe('buildMenuTemplate', () => {
  it('offers reload and developer tools in development only', () => {
    const developerRoles = ['reload', 'forceReload', 'toggleDevTools'];
    expect(roles(buildMenuTemplate({ platform: 'linux', isDevelopment: true }))).toEqual(expect.arrayContaining(developerRoles));
    const production = roles(buildMenuTemplate({ platform: 'linux', isDevelopment: false }));
    for (const role of developerRoles) expect(production).not.toContain(role);
  });

  it('puts quit under File, or in the application menu on macOS', () => {
    expect(buildMenuTemplate({ platform: 'win32', isDevelopment: false })[0]).toEqual({ label: 'File', submenu: [{ role: 'quit' }] });
    expect(buildMenuTemplate({ platform: 'darwin', isDevelopment: false })[0]).toEqual({ role: 'appMenu' });
  });

  it('always has editing, full screen and window management', () => {
    expect(roles(buildMenuTemplate({ platform: 'linux', isDevelopment: false }))).toEqual(expect.arrayContaining(['editMenu', 'togglefullscreen', 'windowMenu']));
  });
});
