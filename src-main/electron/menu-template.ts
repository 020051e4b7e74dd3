/**
 * The application menu as data. Kept to what a supervisor needs (quit, copy and paste into search
 * boxes, zoom and full screen for a wallboard, window management); reload and developer tools
 * appear only in development, where a stale renderer is the common case.
 */
export type MenuRole =
  | 'appMenu'
  | 'editMenu'
  | 'windowMenu'
  | 'quit'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen';

/** A menu item; structurally a subset of Electron's MenuItemConstructorOptions. */
export interface MenuEntry {
  readonly label?: string;
  readonly role?: MenuRole;
  readonly type?: 'separator';
  readonly submenu?: MenuEntry[];
}

export interface MenuContext {
  readonly platform: NodeJS.Platform;
  readonly isDevelopment: boolean;
}

/**
 * Builds the menu for a platform.
 *
 * macOS puts quit in the application menu; elsewhere it lives under File.
 */
export function buildMenuTemplate(context: MenuContext): MenuEntry[] {
  const developerItems: MenuEntry[] = context.isDevelopment
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
    : [];
  const first: MenuEntry = context.platform === 'darwin' ? { role: 'appMenu' } : { label: 'File', submenu: [{ role: 'quit' }] };
  return [
    first,
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [...developerItems, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    { role: 'windowMenu' },
  ];
}
