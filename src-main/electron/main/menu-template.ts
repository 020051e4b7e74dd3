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

/** What a menu item asks the main process to do (items with a role need none). */
export type MenuCommand = { readonly kind: 'open-wallboard'; readonly displayId: number };

/** A menu item; structurally a subset of Electron's MenuItemConstructorOptions, plus the command it runs. */
export interface MenuEntry {
  readonly label?: string;
  readonly role?: MenuRole;
  readonly type?: 'separator';
  readonly enabled?: boolean;
  readonly submenu?: MenuEntry[];
  readonly command?: MenuCommand;
}

/** A display the wallboard can open on, as the menu names it. */
export interface MenuDisplay {
  readonly id: number;
  readonly label: string;
}

export interface MenuContext {
  readonly platform: NodeJS.Platform;
  readonly isDevelopment: boolean;
  /** Connected displays, for "Open wallboard on display…"; none leaves the item disabled. */
  readonly displays?: readonly MenuDisplay[];
}

function wallboardMenu(displays: readonly MenuDisplay[]): MenuEntry {
  if (displays.length === 0) return { label: 'Open wallboard on display…', enabled: false };
  return {
    label: 'Open wallboard on display…',
    submenu: displays.map((display) => ({ label: display.label, command: { kind: 'open-wallboard', displayId: display.id } })),
  };
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
      submenu: [
        ...developerItems,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        wallboardMenu(context.displays ?? []),
      ],
    },
    { role: 'windowMenu' },
  ];
}
