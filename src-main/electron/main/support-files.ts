/**
 * The main process's files beside the data: its rolling log, the problem report, the start-at-login
 * entry and the console window's remembered state. Glue around pure modules (log-files.ts,
 * problem-report.ts, login-item.ts, window-state.ts): read, write, reveal.
 */
import { app, clipboard, shell } from 'electron';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, arch, platform, release } from 'node:os';
import { dirname, join } from 'node:path';
import { startProcessLog, type FileLogger } from '../../core/logging/file-logger.js';
import { logsDir, newestLogFile, tailLines } from '../../core/logging/log-files.js';
import { errorMessage } from '../../../src-shared/errors.js';
import { buildCommit } from './build-info.js';
import { isEnabledAutostartEntry, linuxAutostartEntry, linuxAutostartPath, LOGIN_ARGUMENTS } from './login-item.js';
import { buildProblemReport, problemReportFileName, REPORT_LOG_LINES } from './problem-report.js';
import { formatWindowState, parseWindowState, type WindowState } from './window-state.js';

/** Opens `<dataDir>/logs/main.<n>.log` and copies console output into it; null if the folder cannot be written. */
export function startMainLogging(dataDir: string): Promise<FileLogger | null> {
  return startProcessLog(dataDir, 'main', { message: 'Floorwatch started', fields: { version: app.getVersion(), commit: buildCommit(), packaged: app.isPackaged } });
}

/** Opens the logs folder in the file manager (made first, so the menu item always leads somewhere). */
export async function openLogsFolder(dataDir: string): Promise<void> {
  const folder = logsDir(dataDir);
  mkdirSync(folder, { recursive: true });
  const failure = await shell.openPath(folder);
  if (failure !== '') console.error(`Floorwatch could not open ${folder}: ${failure}`);
}

function lastLines(folder: string, processName: string): { readonly name: string; readonly lines: readonly string[] } | null {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return null;
  }
  const newest = newestLogFile(names, processName);
  if (newest === null) return null;
  try {
    return { name: newest, lines: tailLines(readFileSync(join(folder, newest), 'utf8'), REPORT_LOG_LINES) };
  } catch {
    return null;
  }
}

/**
 * Writes a problem report into the logs folder, copies it to the clipboard and shows the file, so
 * it can be attached to a mail or pasted into a ticket. Returns the file's path.
 */
export function reportProblem(dataDir: string, mainLog: FileLogger | null): string {
  mainLog?.flush();
  const folder = logsDir(dataDir);
  mkdirSync(folder, { recursive: true });
  const now = new Date();
  const report = buildProblemReport({
    appVersion: app.getVersion(),
    commit: buildCommit(),
    versions: { electron: process.versions.electron ?? 'unknown', chrome: process.versions.chrome ?? 'unknown', node: process.versions.node },
    os: { platform: platform(), release: release(), arch: arch() },
    isPackaged: app.isPackaged,
    logsFolder: folder,
    logs: [lastLines(folder, 'main'), lastLines(folder, 'core')].filter((log) => log !== null),
    now,
  });
  const file = join(folder, problemReportFileName(now));
  writeFileSync(file, report, { mode: 0o600 });
  clipboard.writeText(report);
  shell.showItemInFolder(file);
  return file;
}

/** Whether the app starts at login; null where this platform (or a development run) cannot tell. */
export function readStartAtLogin(): boolean | null {
  if (!app.isPackaged) return null;
  if (process.platform === 'linux') {
    try {
      return isEnabledAutostartEntry(readFileSync(linuxAutostartPath(process.env, homedir()), 'utf8'));
    } catch {
      return false;
    }
  }
  return app.getLoginItemSettings({ args: [...LOGIN_ARGUMENTS] }).openAtLogin;
}

/** Turns start at login (with the wallboard) on or off. */
export function writeStartAtLogin(enabled: boolean): void {
  if (process.platform === 'linux') {
    const path = linuxAutostartPath(process.env, homedir());
    if (enabled) {
      mkdirSync(dirname(path), { recursive: true });
      // An AppImage runs from a temporary mount: the entry must start the AppImage file itself.
      writeFileSync(path, linuxAutostartEntry(process.env.APPIMAGE ?? process.execPath));
    } else rmSync(path, { force: true });
    return;
  }
  app.setLoginItemSettings({ openAtLogin: enabled, args: [...LOGIN_ARGUMENTS] });
}

function windowStatePath(): string {
  return join(app.getPath('userData'), 'window-state.json');
}

/** The console window's last state, unfitted (clampWindowState fits it to today's screens). */
export function readWindowState(): WindowState | null {
  try {
    return parseWindowState(readFileSync(windowStatePath(), 'utf8'));
  } catch {
    return null;
  }
}

export function writeWindowState(state: WindowState): void {
  try {
    writeFileSync(windowStatePath(), formatWindowState(state));
  } catch (error) {
    console.error(`Floorwatch could not remember the window's position: ${errorMessage(error)}`);
  }
}
