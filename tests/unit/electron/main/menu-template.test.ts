import { describe, expect, it } from 'vitest';
import { buildContextMenu, buildMenuTemplate, type MenuEntry } from '../../../../src-main/electron/main/menu-template.js';

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

describe('help menu', () => {
  function help(platform: NodeJS.Platform, startAtLogin: boolean | null): MenuEntry[] {
    const menu = buildMenuTemplate({ platform, isDevelopment: false, startAtLogin }).find((entry) => entry.label === 'Help');
    return menu?.submenu ?? [];
  }

  it('opens the logs folder and reports a problem on every platform', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      expect(help(platform, false).map((entry) => entry.command?.kind)).toEqual(expect.arrayContaining(['open-logs-folder', 'report-problem']));
    }
  });

  it('has About on Windows and Linux (macOS has it in the application menu)', () => {
    expect(roles(help('linux', false))).toContain('about');
    expect(roles(help('win32', false))).toContain('about');
    expect(roles(help('darwin', false))).not.toContain('about');
  });

  it('shows start at login checked as it is, disabled where the platform cannot tell', () => {
    const item = (startAtLogin: boolean | null) => help('linux', startAtLogin).find((entry) => entry.type === 'checkbox');
    expect(item(true)).toMatchObject({ checked: true, command: { kind: 'toggle-start-at-login' } });
    expect(item(false)).toMatchObject({ checked: false });
    expect(item(null)).toMatchObject({ enabled: false });
  });
});

describe('buildContextMenu', () => {
  it('offers copy and select all on the page', () => {
    expect(roles(buildContextMenu({ isEditable: false, hasSelection: true, canCut: false, canPaste: false }))).toEqual(['copy', 'selectAll']);
  });

  it('adds cut and paste in an editable field, enabled as the field allows', () => {
    const menu = buildContextMenu({ isEditable: true, hasSelection: false, canCut: true, canPaste: true });
    expect(roles(menu)).toEqual(['cut', 'copy', 'paste', 'selectAll']);
    expect(menu.find((entry) => entry.role === 'cut')?.enabled).toBe(false);
    expect(menu.find((entry) => entry.role === 'paste')?.enabled).toBe(true);
  });
});
