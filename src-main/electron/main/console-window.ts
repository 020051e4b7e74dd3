/**
 * The console window with hardened defaults. Everything the page may do is decided by the
 * preload's one bridge object; Node, remote content and extra windows are all off.
 */
import { BrowserWindow, Menu, type MenuItemConstructorOptions, type WebContents, type WebPreferences } from 'electron';
import { APP_ENTRY_URL } from './app-location.js';
import { errorMessage } from '../../../src-shared/errors.js';
import { buildContextMenu } from './menu-template.js';
import type { WindowSizeLimits, WindowState } from './window-state.js';

export interface ConsoleWindowOptions {
  readonly preloadPath: string;
  readonly isDevelopment: boolean;
  /** Where to open, already fitted to the screens present (clampWindowState); null for the default. */
  readonly state: WindowState | null;
  /** Called with the window's normal bounds and maximised state as it closes, to be remembered. */
  readonly onClose: (state: WindowState) => void;
}

/** The console window's default and smallest size. */
export const CONSOLE_WINDOW_SIZE: WindowSizeLimits = { width: 1440, height: 900, minWidth: 960, minHeight: 600 };

/** Copy and select all on the page, cut and paste in fields (Electron shows no context menu of its own). */
export function installContextMenu(contents: WebContents): void {
  contents.on('context-menu', (_event, params) => {
    const entries = buildContextMenu({
      isEditable: params.isEditable,
      hasSelection: params.selectionText.length > 0,
      canCut: params.editFlags.canCut,
      canPaste: params.editFlags.canPaste,
    });
    const template: MenuItemConstructorOptions[] = entries.map(({ role, type, enabled }) => ({ ...(role === undefined ? {} : { role }), ...(type === undefined ? {} : { type }), ...(enabled === undefined ? {} : { enabled }) }));
    Menu.buildFromTemplate(template).popup();
  });
}

/**
 * The web preferences of every window the app opens (console and wallboard): sandboxed, isolated,
 * no Node, no remote content, no <webview>. One copy, so a new window cannot forget a line.
 */
export function hardenedWebPreferences(preloadPath: string, isDevelopment: boolean): WebPreferences {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
    devTools: isDevelopment,
  };
}

/** Creates and loads a console window; it shows itself once the first paint is ready. */
export function createConsoleWindow(options: ConsoleWindowOptions): BrowserWindow {
  const bounds = options.state?.bounds;
  const window = new BrowserWindow({
    title: 'Floorwatch',
    ...(bounds === undefined ? { width: CONSOLE_WINDOW_SIZE.width, height: CONSOLE_WINDOW_SIZE.height } : bounds),
    minWidth: CONSOLE_WINDOW_SIZE.minWidth,
    minHeight: CONSOLE_WINDOW_SIZE.minHeight,
    show: false,
    backgroundColor: '#101418',
    webPreferences: hardenedWebPreferences(options.preloadPath, options.isDevelopment),
  });
  window.once('ready-to-show', () => {
    if (options.state?.maximized === true) window.maximize();
    window.show();
  });
  window.on('close', () => options.onClose({ bounds: window.getNormalBounds(), maximized: window.isMaximized() }));
  installContextMenu(window.webContents);
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    console.error(`Floorwatch could not load its console page: ${errorMessage(error)}`);
  });
  return window;
}
