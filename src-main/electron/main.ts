/**
 * Electron main process: glue only. Starts the core in a utility process, serves the renderer on
 * app://floorwatch, opens hardened console windows, and relays the one API channel after checking
 * who is calling and what they sent. Every decision is made in a pure module beside this file.
 */
import { app, BrowserWindow, dialog, Menu, session, type IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import { defaultDataDir } from '../core/config.js';
import { isAppUrl, checkSender, validateRendererRequest, type SenderFacts } from './security-policy.js';
import { registerAppScheme, serveAppScheme } from './app-protocol.js';
import { userArguments } from './app-location.js';
import { createConsoleWindow } from './console-window.js';
import { startCoreProcess, type CoreProcess } from './core-process-host.js';
import { hardenSession, hardenWebContents } from './hardening.js';
import { handleRendererRequests, sendPush } from './ipc-main-bridge.js';
import { buildMenuTemplate } from './menu-template.js';
import { createShutdownGate } from './shutdown-gate.js';

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
  const window = createConsoleWindow({ preloadPath: PRELOAD_PATH, isDevelopment });
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
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({ platform: process.platform, isDevelopment })));

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
    .catch((error: unknown) => fatal(error instanceof Error ? error.message : String(error)));
}
