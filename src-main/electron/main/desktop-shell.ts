/**
 * The shell's side of alerts: desktop notifications from the main process, the tray icon coloured
 * by the worst open alert, the taskbar badge (or, on Windows, an overlay icon) and a flash of the
 * window's taskbar entry for a critical alert nobody is looking at. Glue only: which icon, badge
 * and flash is decided in attention.ts; payloads are validated before they reach this file.
 */
import { app, Menu, nativeImage, Notification, Tray, type BrowserWindow, type NativeImage } from 'electron';
import type { AttentionLevel, DesktopAttention, DesktopNotice } from '../../../src-shared/api/desktop.js';
import { attentionIconBitmap, badgeCount, combineAttention, NO_ATTENTION, shouldFlash, trayTooltip } from './attention.js';

export interface DesktopShellOptions {
  /** The console window to focus (opening one if none is open). */
  readonly focusConsole: () => BrowserWindow | null;
  /** Shows a console route in the console window. */
  readonly navigate: (route: string) => void;
  /** The console windows open now (their taskbar entries get the overlay and the flash). */
  readonly consoleWindows: () => readonly BrowserWindow[];
  readonly quit: () => void;
}

export interface DesktopShell {
  notify(notice: DesktopNotice): void;
  /** A console window's attention; the shell shows the worst of all windows. */
  setAttention(windowId: number, attention: DesktopAttention): void;
  /** A window closed: its attention no longer counts. */
  forgetWindow(windowId: number): void;
  /** Ends any flash of a window the user has just looked at. */
  windowFocused(window: BrowserWindow): void;
  destroy(): void;
}

function attentionImage(level: AttentionLevel): NativeImage {
  // 16 DIP, drawn at 1× and 2× so the tray stays sharp on high-DPI screens.
  const image = nativeImage.createFromBitmap(attentionIconBitmap(level, 16), { width: 16, height: 16, scaleFactor: 1 });
  image.addRepresentation({ buffer: attentionIconBitmap(level, 32), width: 32, height: 32, scaleFactor: 2 });
  return image;
}

/** Creates the tray icon and starts with no attention. */
export function createDesktopShell(options: DesktopShellOptions): DesktopShell {
  const perWindow = new Map<number, DesktopAttention>();
  // Notifications are kept until closed: one that is garbage-collected loses its click handler.
  const shown = new Map<string, Notification>();
  let current: DesktopAttention = NO_ATTENTION;
  let tray: Tray | null = null;
  try {
    tray = new Tray(attentionImage('none'));
    tray.setToolTip(trayTooltip(NO_ATTENTION));
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: 'Show Floorwatch', click: () => options.focusConsole() },
        { type: 'separator' },
        { label: 'Quit Floorwatch', click: () => options.quit() },
      ]),
    );
    tray.on('click', () => options.focusConsole());
  } catch (error) {
    // A desktop without a status area (some Linux sessions) has no tray; the badge and flash still work.
    console.warn(`Floorwatch has no tray icon on this desktop: ${error instanceof Error ? error.message : String(error)}`);
  }

  function show(attention: DesktopAttention): void {
    const previous = current;
    current = attention;
    if (previous.level !== attention.level) tray?.setImage(attentionImage(attention.level));
    tray?.setToolTip(trayTooltip(attention));
    app.setBadgeCount(badgeCount(attention.openCount));
    for (const window of options.consoleWindows()) {
      if (window.isDestroyed()) continue;
      if (process.platform === 'win32') {
        window.setOverlayIcon(current.openCount > 0 ? attentionImage(current.level) : null, current.openCount > 0 ? trayTooltip(current) : '');
      }
      if (shouldFlash(current.level, window.isFocused())) window.flashFrame(true);
      else if (current.level !== 'critical') window.flashFrame(false);
    }
  }

  return {
    notify(notice) {
      if (!Notification.isSupported()) return;
      shown.get(notice.tag)?.close();
      const notification = new Notification({ id: notice.tag, title: notice.title, body: notice.body, silent: !notice.sound });
      shown.set(notice.tag, notification);
      // navigate brings the console window forward (or opens one) before showing the route.
      notification.on('click', () => options.navigate(notice.route));
      notification.on('close', () => {
        if (shown.get(notice.tag) === notification) shown.delete(notice.tag);
      });
      notification.show();
    },
    setAttention(windowId, attention) {
      perWindow.set(windowId, attention);
      show(combineAttention(perWindow.values()));
    },
    forgetWindow(windowId) {
      if (!perWindow.delete(windowId)) return;
      show(combineAttention(perWindow.values()));
    },
    windowFocused(window) {
      window.flashFrame(false);
    },
    destroy() {
      for (const notification of shown.values()) notification.close();
      shown.clear();
      tray?.destroy();
      tray = null;
      app.setBadgeCount(0);
    },
  };
}
