/**
 * Electron main process: glue only. Starts the core in a utility process, serves the renderer on
 * app://floorwatch, opens hardened console windows, and relays the API channel and the desktop
 * bridge (notifications, attention, routes from `floorwatch://` links and second launches) after
 * checking who is calling and what they sent. Keeps a rolling log and local crash dumps in the
 * data folder. Every decision is made in a pure module beside this file.
 */
import { app, BrowserWindow, crashReporter, dialog, Menu, screen, session, type IpcMainEvent, type IpcMainInvokeEvent, type MenuItemConstructorOptions } from 'electron';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDataDir, resolveConfig } from '../../core/config.js';
import type { FileLogger } from '../../core/logging/file-logger.js';
import { isAppUrl, checkSender, validateDesktopAttention, validateDesktopNotice, validateRendererRequest, type SenderFacts } from './security-policy.js';
import { registerAppScheme, serveAppScheme } from './app-protocol.js';
import { userArguments } from './app-location.js';
import { CONSOLE_WINDOW_SIZE, createConsoleWindow } from './console-window.js';
import { startCoreProcess, type CoreProcess } from './core-process-host.js';
import { hardenSession, hardenWebContents } from './hardening.js';
import { handleDesktopMessages, handlePdfRequests, handleRendererRequests, sendNavigate, sendPush } from './ipc-main-bridge.js';
import { renderReportPdf } from './report-pdf-window.js';
import { dashboardPdfOptions, pdfFileName, pdfSaveDialogOptions, validatePdfRequest } from './dashboard-pdf.js';
import { buildMenuTemplate, type MenuCommand, type MenuEntry } from './menu-template.js';
import { aboutPanelOptions } from './build-info.js';
import { createDesktopShell, type DesktopShell } from './desktop-shell.js';
import { isConsoleRoute, PROTOCOL_SCHEME, routeFromArguments, routeFromProtocolUrl, withoutProtocolLinks } from './protocol-url.js';
import { openLogsFolder, readStartAtLogin, readWindowState, reportProblem, startMainLogging, writeStartAtLogin, writeWindowState } from './support-files.js';
import { clampWindowState } from './window-state.js';
import type { WindowAudience } from '../common/core-process-protocol.js';
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
const wallboardWindows = new Set<number>();
let core: CoreProcess | null = null;
let shell: DesktopShell | null = null;
let mainLog: FileLogger | null = null;
/** A route asked for before the console window could take it (a link that launched the app). */
let pendingRoute: string | null = routeFromArguments(process.argv);

/** The user's arguments the core resolves its configuration from. */
function coreArguments(): readonly string[] {
  return withoutProtocolLinks(userArguments(process.argv, app.isPackaged));
}

/** The data folder as the core will resolve it (--data-dir, FLOORWATCH_DATA_DIR or the default): logs and crash dumps go there too. */
function resolveDataDir(): string {
  const fallback = defaultDataDir(process.env);
  try {
    return resolveConfig(coreArguments(), process.env, { dataDir: fallback }).dataDir;
  } catch {
    return fallback;
  }
}
const dataDir = resolveDataDir();

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

function workAreas() {
  const primary = screen.getPrimaryDisplay();
  return [primary, ...screen.getAllDisplays().filter((display) => display.id !== primary.id)].map((display) => ({ workArea: display.workArea }));
}

function openConsoleWindow(running: CoreProcess): BrowserWindow {
  const state = clampWindowState(readWindowState(), workAreas(), CONSOLE_WINDOW_SIZE);
  const window = registerWindow(running, createConsoleWindow({ preloadPath: PRELOAD_PATH, isDevelopment, state, onClose: writeWindowState }), 'console');
  window.on('focus', () => shell?.windowFocused(window));
  if (pendingRoute !== null) {
    const route = pendingRoute;
    pendingRoute = null;
    window.webContents.once('did-finish-load', () => sendNavigate(window.webContents, route));
  }
  return window;
}

function consoleWindows(): BrowserWindow[] {
  return [...windows.values()].filter((window) => !wallboardWindows.has(window.id) && !window.isDestroyed());
}

/** Shows a console route in the console window (opening one if needed), once its page has loaded. */
function navigateConsole(route: string): void {
  if (!isConsoleRoute(route)) return;
  const window = focusConsole();
  if (window === null) {
    pendingRoute = route;
    return;
  }
  if (window.webContents.isLoading()) window.webContents.once('did-finish-load', () => sendNavigate(window.webContents, route));
  else sendNavigate(window.webContents, route);
}

/** Lets a window's page use the API as its audience, and stops its subscriptions when it navigates, crashes or closes. */
function registerWindow(running: CoreProcess, window: BrowserWindow, audience: WindowAudience): BrowserWindow {
  const windowId = window.id;
  windows.set(windowId, window);
  if (audience === 'wallboard') wallboardWindows.add(windowId);
  // Before the page can send anything: the core must know whom this window's connection runs as.
  running.client.setWindowAudience(windowId, audience);
  // A reload or a crashed renderer starts over; its old subscriptions must stop pushing.
  window.webContents.on('did-start-navigation', (event) => {
    if (event.isMainFrame && !event.isSameDocument) running.client.closeWindow(windowId);
  });
  window.webContents.on('render-process-gone', () => running.client.closeWindow(windowId));
  window.on('closed', () => {
    windows.delete(windowId);
    wallboardWindows.delete(windowId);
    shell?.forgetWindow(windowId);
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
  registerWindow(running, createWallboardWindow({ preloadPath: PRELOAD_PATH, display, isDevelopment }), 'wallboard');
}

function runMenuCommand(command: MenuCommand): void {
  switch (command.kind) {
    case 'open-wallboard':
      if (core !== null) openWallboardWindow(core, command.displayId);
      return;
    case 'open-logs-folder':
      void openLogsFolder(dataDir);
      return;
    case 'report-problem':
      try {
        reportProblem(dataDir, mainLog);
      } catch (error) {
        dialog.showErrorBox('Floorwatch could not write the problem report', errorMessage(error));
      }
      return;
    case 'toggle-start-at-login':
      try {
        writeStartAtLogin(readStartAtLogin() !== true);
      } catch (error) {
        dialog.showErrorBox('Floorwatch could not change start at login', errorMessage(error));
      }
      installMenu();
      return;
    default:
      return assertNever(command, 'menu command');
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
  const template = buildMenuTemplate({ platform: process.platform, isDevelopment, displays, startAtLogin: readStartAtLogin() });
  Menu.setApplicationMenu(Menu.buildFromTemplate(toElectronMenu(template)));
}

/** Brings the console window forward (never the TV window), opening one if none is open. */
function focusConsole(): BrowserWindow | null {
  const window = consoleWindows()[0];
  if (window === undefined) {
    if (core !== null && app.isReady()) return openConsoleWindow(core);
    return null;
  }
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
  return window;
}

/** A second launch: its link (if any) opens in this console, `--wallboard` opens the TV window. */
function onSecondInstance(argv: readonly string[]): void {
  const route = routeFromArguments(argv);
  if (route !== null) navigateConsole(route);
  else focusConsole();
  if (argv.includes('--wallboard') && core !== null && wallboardWindows.size === 0) openWallboardWindow(core, null);
}

/** The sender of a desktop-bridge message, if it is one of our console windows' main frame (the TV window notifies nobody). */
function consoleSender(event: IpcMainEvent | IpcMainInvokeEvent): number | null {
  const frame = event.senderFrame;
  const window = BrowserWindow.fromWebContents(event.sender);
  const mainFrame = event.sender.mainFrame;
  const facts: SenderFacts = {
    windowId: window !== null && window.webContents === event.sender ? window.id : null,
    isMainFrame: frame !== null && frame.parent === null && frame.processId === mainFrame.processId && frame.routingId === mainFrame.routingId,
    frameUrl: frame?.url ?? null,
  };
  const checked = checkSender(facts, new Set(consoleWindows().map((candidate) => candidate.id)));
  return checked.ok ? checked.value : null;
}

function startDesktopBridge(): void {
  shell = createDesktopShell({ focusConsole, navigate: navigateConsole, consoleWindows, quit: () => app.quit() });
  handleDesktopMessages({
    notify(event, payload) {
      const notice = validateDesktopNotice(payload);
      if (consoleSender(event) === null || !notice.ok) return;
      shell?.notify(notice.value);
    },
    setAttention(event, payload) {
      const windowId = consoleSender(event);
      const attention = validateDesktopAttention(payload);
      if (windowId === null || !attention.ok) return;
      shell?.setAttention(windowId, attention.value);
    },
  });
  // A console window's page as an A4 landscape PDF (its print stylesheet), saved where the user says.
  handlePdfRequests(async (event, payload) => {
    const windowId = consoleSender(event);
    const request = validatePdfRequest(payload);
    const window = windowId === null ? null : BrowserWindow.fromId(windowId);
    if (window === null || !request.ok) return { state: 'failed', error: request.ok ? 'Refused: not a console window.' : request.error };
    const fileName = pdfFileName(request.value.suggestedName, new Date().toISOString().slice(0, 10));
    const target = await dialog.showSaveDialog(window, pdfSaveDialogOptions(app.getPath('documents'), fileName));
    if (target.canceled || target.filePath === undefined || target.filePath === '') return { state: 'cancelled' };
    writeFileSync(target.filePath, await event.sender.printToPDF(dashboardPdfOptions()));
    return { state: 'saved', path: target.filePath };
  });
}

function fatal(reason: string): void {
  console.error(reason);
  dialog.showErrorBox('Floorwatch could not start', reason);
  app.quit();
}

function onReady(): void {
  hardenSession(session.defaultSession);
  serveAppScheme(session.defaultSession, RENDERER_DIR);
  app.setAboutPanelOptions(aboutPanelOptions(app.getVersion(), { electron: process.versions.electron ?? '', chrome: process.versions.chrome ?? '', node: process.versions.node }));
  installMenu();
  screen.on('display-added', installMenu);
  screen.on('display-removed', installMenu);

  const running = startCoreProcess({
    modulePath: CORE_PROCESS_PATH,
    argv: coreArguments(),
    dataDir: defaultDataDir(process.env),
    onPush: deliverPush,
    onFailure: fatal,
    renderPdf: renderReportPdf,
  });
  core = running;
  startDesktopBridge();

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
  // The first instance receives this launch's arguments through 'second-instance'.
  app.quit();
} else {
  app.enableSandbox();
  registerAppScheme();
  // Crash dumps stay on this machine, beside the logs; nothing is uploaded.
  app.setPath('crashDumps', join(dataDir, 'crashes'));
  crashReporter.start({ uploadToServer: false, compress: true });
  void startMainLogging(dataDir).then((file) => {
    mainLog = file;
  });
  if (app.isPackaged) app.setAsDefaultProtocolClient(PROTOCOL_SCHEME);
  // macOS hands links to the running app as an event (before or after it is ready).
  app.on('open-url', (event, url) => {
    event.preventDefault();
    const route = routeFromProtocolUrl(url);
    if (route === null) return;
    if (app.isReady() && core !== null) navigateConsole(route);
    else pendingRoute = route;
  });

  const gate = createShutdownGate(
    async () => {
      await core?.stop();
    },
    () => app.quit(),
  );

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('session-created', hardenSession);
  app.on('second-instance', (_event, argv) => onSecondInstance(argv));
  app.on('before-quit', (event) => {
    if (!gate.beforeQuit()) {
      event.preventDefault();
      return;
    }
    shell?.destroy();
    mainLog?.flush();
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
