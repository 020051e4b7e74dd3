/**
 * The TV window: the wallboard route full screen (kiosk) on a chosen display, no menu, no cursor,
 * and the display kept awake while it is open. Same hardened web preferences as the console
 * window; the page is the same renderer, so it talks to the core through the same bridge.
 */
import { BrowserWindow, powerSaveBlocker, type Display } from 'electron';
import { APP_ENTRY_URL } from './app-location.js';
import { hardenedWebPreferences } from './console-window.js';
import { errorMessage } from '../../../src-shared/errors.js';

export interface WallboardWindowOptions {
  readonly preloadPath: string;
  readonly display: Display;
  readonly isDevelopment: boolean;
}

/** Hides the pointer over the whole page: nobody points at a TV, and a parked cursor burns in. */
const HIDE_CURSOR_CSS = '*, *::before, *::after { cursor: none !important; }';

/** Opens the wallboard window on `display`; closing it releases the display's sleep blocker. */
export function createWallboardWindow(options: WallboardWindowOptions): BrowserWindow {
  const { bounds } = options.display;
  const window = new BrowserWindow({
    title: 'Floorwatch wallboard',
    x: bounds.x,
    y: bounds.y,
    width: bounds.width,
    height: bounds.height,
    show: false,
    frame: false,
    fullscreen: true,
    kiosk: true,
    autoHideMenuBar: true,
    backgroundColor: '#000000',
    // A TV board must keep updating while the window is in the background.
    webPreferences: { ...hardenedWebPreferences(options.preloadPath, options.isDevelopment), backgroundThrottling: false },
  });
  window.removeMenu();
  const blocker = powerSaveBlocker.start('prevent-display-sleep');
  window.on('closed', () => {
    if (powerSaveBlocker.isStarted(blocker)) powerSaveBlocker.stop(blocker);
  });
  window.webContents.on('dom-ready', () => {
    window.webContents.insertCSS(HIDE_CURSOR_CSS).catch(() => undefined);
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(`${APP_ENTRY_URL}#/wallboard`).catch((error: unknown) => {
    console.error(`Floorwatch could not load the wallboard page: ${errorMessage(error)}`);
  });
  return window;
}
