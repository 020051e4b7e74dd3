/**
 * Shows a planned notice: through the desktop shell when the console runs in Electron
 * (window.floorwatch.desktop, src-shared/api/desktop.ts), else through the web Notification API,
 * with a short WebAudio beep when the user chose a sound. A click opens the notice's route.
 */
import type { PlannedNotice } from '../../src-shared/alerts/notification-plan.js';
import type { AttentionLevel, DesktopBridge } from '../../src-shared/api/desktop.js';

/** The desktop shell's bridge, when the console runs in Electron. */
export function desktopBridge(): DesktopBridge | null {
  const bridge = (window as { floorwatch?: { desktop?: DesktopBridge } }).floorwatch?.desktop;
  return bridge ?? null;
}

/** Whether the browser can show notifications at all, and whether the user allowed them. */
export function webNotificationPermission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Asks the browser for permission; must run from a user gesture (a click). */
export async function requestWebNotifications(): Promise<NotificationPermission | 'unsupported'> {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}

let audio: AudioContext | null = null;

/** A short beep (WebAudio): the sound a notice makes in the browser. */
function beep(): void {
  try {
    audio ??= new AudioContext();
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = 880;
    gain.gain.value = 0.08;
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + 0.15);
  } catch {
    // No audio device: the notice itself still shows.
  }
}

/** Shows one notice; `open` navigates to its route when it is clicked. */
export function deliverNotice(notice: PlannedNotice, sound: boolean, open: (route: string) => void): void {
  const desktop = desktopBridge();
  if (desktop !== null) {
    desktop.notify({ tag: notice.tag, title: notice.title, body: notice.body, route: notice.route, sound });
    return;
  }
  if (webNotificationPermission() !== 'granted') return;
  const shown = new Notification(notice.title, { body: notice.body, tag: notice.tag, data: { route: notice.route, alertIds: notice.alertIds } });
  shown.onclick = () => {
    window.focus();
    open(notice.route);
    shown.close();
  };
  if (sound) beep();
}

/** Tells the desktop shell how much attention the open alerts need (tray colour, taskbar badge). */
export function setAttention(level: AttentionLevel, openCount: number): void {
  desktopBridge()?.setAttention({ level, openCount });
}
