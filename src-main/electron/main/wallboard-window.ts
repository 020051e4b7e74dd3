/**
 * The TV window: the wallboard route full screen (kiosk) on a chosen display, no menu, no cursor,
 * and the display kept awake while it is open. Same hardened web preferences as the console
 * window; the page is the same renderer, so it talks to the core through the same bridge, but as
 * a wallboard-role session (the main process names the window's audience to the core). It never
 * leaves the `#/wallboard` routes, and it reloads itself after its page crashed: nobody is at a
 * TV to press reload.
 */
import { BrowserWindow, powerSaveBlocker, type Display } from 'electron';
import { APP_ENTRY_URL } from './app-location.js';
import { hardenedWebPreferences } from './console-window.js';
import { errorMessage } from '../../../src-shared/errors.js';
import { isWallboardPageUrl } from './security-policy.js';
import { crashReloadDelayMs } from './login-item.js';

const WALLBOARD_URL = `${APP_ENTRY_URL}#/wallboard`;

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
  const load = (): void => {
    if (window.isDestroyed()) return;
    window.loadURL(WALLBOARD_URL).catch((error: unknown) => {
      console.error(`Floorwatch could not load the wallboard page: ${errorMessage(error)}`);
    });
  };
  // A link or a typed fragment that leads to the console's views goes back to the board.
  window.webContents.on('will-navigate', (event) => {
    if (!isWallboardPageUrl(event.url)) event.preventDefault();
  });
  window.webContents.on('did-navigate-in-page', (_event, url, isMainFrame) => {
    if (isMainFrame && !isWallboardPageUrl(url)) load();
  });
  const crashes: number[] = [];
  window.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    const now = Date.now();
    crashes.push(now);
    const delay = crashReloadDelayMs(crashes, now);
    console.error(`The wallboard page stopped (${details.reason}); reloading in ${delay} ms.`);
    setTimeout(load, delay);
  });
  window.once('ready-to-show', () => window.show());
  load();
  return window;
}
