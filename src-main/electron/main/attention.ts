/**
 * What the tray icon, the taskbar badge and the window flash show for the console's open alerts.
 * Pure: the icons are drawn here as raw BGRA bitmaps (no image files to ship or keep in step), the
 * glue hands them to `nativeImage.createFromBitmap`.
 */
import type { AttentionLevel, DesktopAttention } from '../../../src-shared/api/desktop.js';

export const ATTENTION_LEVELS: readonly AttentionLevel[] = ['none', 'info', 'warning', 'critical'];

/** Colours of the console's status tokens: calm grey, blue, amber, red. */
export const ATTENTION_COLOURS: Readonly<Record<AttentionLevel, readonly [red: number, green: number, blue: number]>> = {
  none: [0x8a, 0x94, 0x9e],
  info: [0x3b, 0x82, 0xf6],
  warning: [0xf5, 0x9e, 0x0b],
  critical: [0xdc, 0x26, 0x26],
};

export const NO_ATTENTION: DesktopAttention = { level: 'none', openCount: 0 };

function rank(level: AttentionLevel): number {
  return ATTENTION_LEVELS.indexOf(level);
}

/**
 * The attention of the whole app from each console window's: the worst level, and the largest
 * count (two windows of one user show the same alerts, so counts are not added).
 */
export function combineAttention(perWindow: Iterable<DesktopAttention>): DesktopAttention {
  let combined = NO_ATTENTION;
  for (const attention of perWindow) {
    combined = {
      level: rank(attention.level) > rank(combined.level) ? attention.level : combined.level,
      openCount: Math.max(combined.openCount, attention.openCount),
    };
  }
  return combined;
}

/** The taskbar / dock badge: nothing at zero, the count up to 99, then "99+". */
export function badgeText(openCount: number): string {
  if (openCount <= 0) return '';
  return openCount > 99 ? '99+' : String(Math.floor(openCount));
}

/** The number for `app.setBadgeCount` (0 clears the badge). */
export function badgeCount(openCount: number): number {
  return Math.max(0, Math.floor(openCount));
}

/** Whether to flash the window's taskbar entry: only for a critical alert, and only when nobody is looking at the window. */
export function shouldFlash(level: AttentionLevel, windowFocused: boolean): boolean {
  return level === 'critical' && !windowFocused;
}

/** The tray icon's tooltip, which is also what a screen reader says for it. */
export function trayTooltip(attention: DesktopAttention): string {
  if (attention.openCount <= 0 || attention.level === 'none') return 'Floorwatch: no open alerts';
  const alerts = attention.openCount === 1 ? '1 open alert' : `${attention.openCount} open alerts`;
  return `Floorwatch: ${alerts} (worst: ${attention.level})`;
}

/**
 * A filled disc in the level's colour on a transparent square, as BGRA bytes (what
 * `nativeImage.createFromBitmap` takes). The edge is anti-aliased by coverage so it stays round
 * at 16 px.
 */
export function attentionIconBitmap(level: AttentionLevel, size: number): Buffer {
  const [red, green, blue] = ATTENTION_COLOURS[level];
  const pixels = Buffer.alloc(size * size * 4);
  const centre = size / 2;
  const radius = size / 2 - size / 16;
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const distance = Math.hypot(x + 0.5 - centre, y + 0.5 - centre);
      const coverage = Math.min(1, Math.max(0, radius + 0.5 - distance));
      const offset = (y * size + x) * 4;
      pixels[offset] = blue;
      pixels[offset + 1] = green;
      pixels[offset + 2] = red;
      pixels[offset + 3] = Math.round(coverage * 255);
    }
  }
  return pixels;
}
