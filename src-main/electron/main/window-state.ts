/**
 * The console window's size, position and maximised state, remembered between runs and fitted to
 * the screens present at the next start. Pure: the glue reads the displays' work areas from
 * Electron's `screen` (in device-independent pixels, so a change of scale factor shows up as a
 * smaller work area) and the saved text from a file.
 */

export interface Rectangle {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface WindowState {
  /** The normal (not maximised) bounds, so un-maximising returns to them. */
  readonly bounds: Rectangle;
  readonly maximized: boolean;
}

/** What the clamping needs of a display: its work area (without taskbar or dock) in DIPs. */
export interface DisplayArea {
  readonly workArea: Rectangle;
}

export interface WindowSizeLimits {
  readonly width: number;
  readonly height: number;
  readonly minWidth: number;
  readonly minHeight: number;
}

function isRectangle(value: unknown): value is Rectangle {
  if (typeof value !== 'object' || value === null) return false;
  const { x, y, width, height } = value as Record<string, unknown>;
  return [x, y, width, height].every((n) => typeof n === 'number' && Number.isFinite(n)) && (width as number) > 0 && (height as number) > 0;
}

/** Reads the saved state; anything unreadable is "nothing saved" (the window opens at its default). */
export function parseWindowState(text: string | null): WindowState | null {
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as { bounds?: unknown; maximized?: unknown };
    if (!isRectangle(value.bounds)) return null;
    const { x, y, width, height } = value.bounds;
    return { bounds: { x, y, width, height }, maximized: value.maximized === true };
  } catch {
    return null;
  }
}

export function formatWindowState(state: WindowState): string {
  return `${JSON.stringify({ bounds: state.bounds, maximized: state.maximized })}\n`;
}

function overlap(a: Rectangle, b: Rectangle): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

function clampRange(start: number, length: number, areaStart: number, areaLength: number): number {
  return Math.min(Math.max(start, areaStart), areaStart + areaLength - length);
}

function centred(size: { readonly width: number; readonly height: number }, area: Rectangle): Rectangle {
  return {
    x: Math.round(area.x + (area.width - size.width) / 2),
    y: Math.round(area.y + (area.height - size.height) / 2),
    width: size.width,
    height: size.height,
  };
}

function fittedSize(width: number, height: number, limits: WindowSizeLimits, area: Rectangle): { width: number; height: number } {
  // The minimum size gives way to a screen smaller than it: a window larger than its screen cannot be used.
  return {
    width: Math.round(Math.min(Math.max(width, Math.min(limits.minWidth, area.width)), area.width)),
    height: Math.round(Math.min(Math.max(height, Math.min(limits.minHeight, area.height)), area.height)),
  };
}

/**
 * Where the window opens: the saved bounds on the display they overlap most, shrunk to fit its
 * work area and moved fully inside it; centred on the first (primary) display when nothing was
 * saved or the saved display is gone.
 *
 * `displays` lists the primary display first. Returns null only when there is no display at all.
 */
export function clampWindowState(saved: WindowState | null, displays: readonly DisplayArea[], limits: WindowSizeLimits): WindowState | null {
  const primary = displays[0];
  if (primary === undefined) return null;
  if (saved === null) {
    return { bounds: centred(fittedSize(limits.width, limits.height, limits, primary.workArea), primary.workArea), maximized: false };
  }
  let best: DisplayArea | null = null;
  let bestOverlap = 0;
  for (const display of displays) {
    const area = overlap(saved.bounds, display.workArea);
    if (area > bestOverlap) {
      best = display;
      bestOverlap = area;
    }
  }
  if (best === null) {
    return { bounds: centred(fittedSize(saved.bounds.width, saved.bounds.height, limits, primary.workArea), primary.workArea), maximized: saved.maximized };
  }
  const area = best.workArea;
  const size = fittedSize(saved.bounds.width, saved.bounds.height, limits, area);
  return {
    bounds: {
      x: Math.round(clampRange(saved.bounds.x, size.width, area.x, area.width)),
      y: Math.round(clampRange(saved.bounds.y, size.height, area.y, area.height)),
      width: size.width,
      height: size.height,
    },
    maximized: saved.maximized,
  };
}
