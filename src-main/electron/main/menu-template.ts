/**
 * The application menu and the page's context menu as data. Kept to what a supervisor needs (quit,
 * copy and paste into search boxes, zoom and full screen for a wallboard, window management, the
 * logs and a problem report when something goes wrong); reload and developer tools appear only in
 * development, where a stale renderer is the common case.
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
  | 'togglefullscreen'
  | 'about'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll';

/** What a menu item asks the main process to do (items with a role need none). */
export type MenuCommand =
  | { readonly kind: 'open-wallboard'; readonly displayId: number }
  | { readonly kind: 'open-logs-folder' }
  | { readonly kind: 'report-problem' }
  | { readonly kind: 'toggle-start-at-login' };

/** A menu item; structurally a subset of Electron's MenuItemConstructorOptions, plus the command it runs. */
export interface MenuEntry {
  readonly label?: string;
  readonly role?: MenuRole;
  readonly type?: 'separator' | 'checkbox';
  readonly checked?: boolean;
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
  /** Whether the app starts at login (opening the wallboard); null where the platform cannot tell. */
  readonly startAtLogin?: boolean | null;
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
    helpMenu(context),
  ];
}

function helpMenu(context: MenuContext): MenuEntry {
  const startAtLogin = context.startAtLogin ?? null;
  return {
    label: 'Help',
    submenu: [
      { label: 'Open Logs Folder', command: { kind: 'open-logs-folder' } },
      { label: 'Report a Problem…', command: { kind: 'report-problem' } },
      { type: 'separator' },
      // For the PC behind a TV: after a power cut it comes back showing the board, nobody logging in to start it.
      startAtLogin === null
        ? { label: 'Start at Login with the Wallboard', type: 'checkbox', checked: false, enabled: false }
        : { label: 'Start at Login with the Wallboard', type: 'checkbox', checked: startAtLogin, command: { kind: 'toggle-start-at-login' } },
      // macOS has About in the application menu already.
      ...(context.platform === 'darwin' ? [] : [{ type: 'separator' } as const, { role: 'about' } as const]),
    ],
  };
}

/** What the glue knows about the place a context menu was asked for (Electron's context-menu params). */
export interface ContextMenuFacts {
  readonly isEditable: boolean;
  readonly hasSelection: boolean;
  readonly canCut: boolean;
  readonly canPaste: boolean;
}

/**
 * The page's context menu: copy and select all everywhere, cut and paste in editable fields.
 * Items the place does not allow are shown disabled, so the menu keeps its shape.
 */
export function buildContextMenu(facts: ContextMenuFacts): MenuEntry[] {
  if (facts.isEditable) {
    return [
      { role: 'cut', enabled: facts.canCut && facts.hasSelection },
      { role: 'copy', enabled: facts.hasSelection },
      { role: 'paste', enabled: facts.canPaste },
      { type: 'separator' },
      { role: 'selectAll' },
    ];
  }
  return [{ role: 'copy', enabled: facts.hasSelection }, { role: 'selectAll' }];
}
