/**
 * Electron main process: glue only. Starts the core in a utility process, serves the renderer on
 * app://floorwatch, opens hardened console windows, and relays the one API channel after checking
 * who is calling and what they sent. Every decision is made in a pure module beside this file.
 */
import { app, BrowserWindow, dialog, Menu, screen, session, type IpcMainInvokeEvent, type MenuItemConstructorOptions } from 'electron';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDataDir } from '../../core/config.js';
import { isAppUrl, checkSender, validateRendererRequest, type SenderFacts } from './security-policy.js';
import { registerAppScheme, serveAppScheme } from './app-protocol.js';
import { userArguments } from './app-location.js';
import { createConsoleWindow } from './console-window.js';
import { startCoreProcess, type CoreProcess } from './core-process-host.js';
import { hardenSession, hardenWebContents } from './hardening.js';
import { handleRendererRequests, sendPush } from './ipc-main-bridge.js';
import { buildMenuTemplate, type MenuCommand, type MenuEntry } from './menu-template.js';
import { chooseDisplay, displayMenuLabel, formatRememberedDisplay, parseRememberedDisplay } from './wallboard-display.js';
import { createWallboardWindow } from './wallboard-window.js';
import { createShutdownGate } from './shutdown-gate.js';
import { assertNever } from '../../../src-shared/result.js';
import { errorMessage } from '../../../src-shared/errors.js';

// The bundle lives in dist/electron; the renderer build sits beside it in dist/renderer.
const RENDERER_DIR = join(__dirname, '..', 'renderer');
const PRELOAD_PATH = join(__dirname, 'preload.cjs');
const CORE_PROCESS_PATH = join(__dirname, 'core-process.cjs');

const isDevelopment = !app.isPackaged;
const windows = new Map<number, BrowserWindow>();
let core: CoreProcess | null = null;

function describeSender(event: IpcMainInvokeEvent): SenderFacts {
  const frame = event.senderFrame;
  const window = BrowserWindow.fromWebContents(event.sender);
  const mainFrame = event.sender.mainFrame;
  return {
    windowId: window !== null && window.webContents === event.sender ? window.id : null,
    isMainFrame: frame !== null && frame.parent === null && frame.processId === mainFrame.processId && frame.routingId === mainFrame.routingId,
    frameUrl: frame?.url ?? null,
  };
}

function deliverPush(windowId: number, message: Parameters<typeof sendPush>[1]): void {
  const window = windows.get(windowId);
  if (window === undefined || window.isDestroyed()) return;
  // A window that somehow left the app origin gets no data.
  if (!isAppUrl(window.webContents.getURL())) return;
  sendPush(window.webContents, message);
}

function openConsoleWindow(running: CoreProcess): BrowserWindow {
  return registerWindow(running, createConsoleWindow({ preloadPath: PRELOAD_PATH, isDevelopment }));
}

/** Lets a window's page use the API, and stops its subscriptions when it navigates, crashes or closes. */
function registerWindow(running: CoreProcess, window: BrowserWindow): BrowserWindow {
  const windowId = window.id;
  windows.set(windowId, window);
  // A reload or a crashed renderer starts over; its old subscriptions must stop pushing.
  window.webContents.on('did-start-navigation', (event) => {
    if (event.isMainFrame && !event.isSameDocument) running.client.closeWindow(windowId);
  });
  window.webContents.on('render-process-gone', () => running.client.closeWindow(windowId));
  window.on('closed', () => {
    windows.delete(windowId);
    running.client.closeWindow(windowId);
  });
  return window;
}

function wallboardSettingsPath(): string {
  return join(app.getPath('userData'), 'wallboard-display.json');
}

function rememberedDisplay(): number | null {
  try {
    return parseRememberedDisplay(readFileSync(wallboardSettingsPath(), 'utf8'));
  } catch {
    return null;
  }
}

function displayInfos() {
  const primaryId = screen.getPrimaryDisplay().id;
  return screen.getAllDisplays().map((display) => ({ id: display.id, label: display.label, primary: display.id === primaryId, size: display.size }));
}

/** Opens the TV window on the chosen display (or the remembered one) and remembers the choice. */
function openWallboardWindow(running: CoreProcess, requestedDisplayId: number | null): void {
  const chosen = chooseDisplay(displayInfos(), requestedDisplayId, rememberedDisplay());
  const display = chosen === null ? undefined : screen.getAllDisplays().find((candidate) => candidate.id === chosen.id);
  if (display === undefined) return;
  try {
    writeFileSync(wallboardSettingsPath(), formatRememberedDisplay(display.id));
  } catch (error) {
    console.error(`Floorwatch could not remember the wallboard display: ${errorMessage(error)}`);
  }
  registerWindow(running, createWallboardWindow({ preloadPath: PRELOAD_PATH, display, isDevelopment }));
}

function runMenuCommand(command: MenuCommand): void {
  switch (command.kind) {
    case 'open-wallboard':
      if (core !== null) openWallboardWindow(core, command.displayId);
      return;
    default:
      return assertNever(command.kind, 'menu command');
  }
}

function toElectronMenu(entries: readonly MenuEntry[]): MenuItemConstructorOptions[] {
  return entries.map(({ command, submenu, ...item }) => ({
    ...item,
    ...(submenu === undefined ? {} : { submenu: toElectronMenu(submenu) }),
    ...(command === undefined ? {} : { click: () => runMenuCommand(command) }),
  }));
}

function installMenu(): void {
  const displays = displayInfos().map((display, index) => ({ id: display.id, label: displayMenuLabel(display, index, display.size) }));
  Menu.setApplicationMenu(Menu.buildFromTemplate(toElectronMenu(buildMenuTemplate({ platform: process.platform, isDevelopment, displays }))));
}

function focusConsole(): void {
  const window = windows.values().next().value;
  if (window === undefined) {
    if (core !== null && app.isReady()) openConsoleWindow(core);
    return;
  }
  if (window.isMinimized()) window.restore();
  window.focus();
}

function fatal(reason: string): void {
  console.error(reason);
  dialog.showErrorBox('Floorwatch could not start', reason);
  app.quit();
}

function onReady(): void {
  hardenSession(session.defaultSession);
  serveAppScheme(session.defaultSession, RENDERER_DIR);
  installMenu();
  screen.on('display-added', installMenu);
  screen.on('display-removed', installMenu);

  const running = startCoreProcess({
    modulePath: CORE_PROCESS_PATH,
    argv: userArguments(process.argv, app.isPackaged),
    dataDir: defaultDataDir(process.env),
    onPush: deliverPush,
    onFailure: fatal,
  });
  core = running;

  handleRendererRequests(async (event, payload) => {
    const sender = checkSender(describeSender(event), new Set(windows.keys()));
    if (!sender.ok) return sender;
    const request = validateRendererRequest(payload);
    if (!request.ok) return request;
    return running.client.request(sender.value, request.value);
  });

  openConsoleWindow(running);
  app.on('activate', () => {
    if (windows.size === 0) openConsoleWindow(running);
  });
  if (process.argv.includes('--wallboard')) openWallboardWindow(running, null);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.enableSandbox();
  registerAppScheme();

  const gate = createShutdownGate(
    async () => {
      await core?.stop();
    },
    () => app.quit(),
  );

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('session-created', hardenSession);
  app.on('second-instance', focusConsole);
  app.on('before-quit', (event) => {
    if (!gate.beforeQuit()) event.preventDefault();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Signals would otherwise end the process before the core flushes.
  process.on('SIGINT', () => app.quit());
  process.on('SIGTERM', () => app.quit());

  app
    .whenReady()
    .then(onReady)
    .catch((error: unknown) => fatal(errorMessage(error)));
}
