/**
 * The console window with hardened defaults. Everything the page may do is decided by the
 * preload's one bridge object; Node, remote content and extra windows are all off.
 */
import { BrowserWindow, type WebPreferences } from 'electron';
import { APP_ENTRY_URL } from './app-location.js';
import { errorMessage } from '../../../src-shared/errors.js';

export interface ConsoleWindowOptions {
  readonly preloadPath: string;
  readonly isDevelopment: boolean;
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
  const window = new BrowserWindow({
    title: 'Floorwatch',
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#101418',
    webPreferences: hardenedWebPreferences(options.preloadPath, options.isDevelopment),
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    console.error(`Floorwatch could not load its console page: ${errorMessage(error)}`);
  });
  return window;
}
