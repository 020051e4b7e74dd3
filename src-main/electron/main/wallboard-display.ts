/**
 * Which display the TV window goes to, and how that choice is remembered: pure, so the rule is
 * tested without Electron. A remembered display that is no longer connected falls back to a
 * secondary display (a TV is rarely the primary one), then to the primary.
 */

export interface DisplayInfo {
  readonly id: number;
  readonly label: string;
  readonly primary: boolean;
}

/** The display to use: the one asked for, else the remembered one, else a secondary, else the primary. */
export function chooseDisplay(displays: readonly DisplayInfo[], requestedId: number | null, rememberedId: number | null): DisplayInfo | null {
  const byId = (id: number | null) => (id === null ? undefined : displays.find((display) => display.id === id));
  return byId(requestedId) ?? byId(rememberedId) ?? displays.find((display) => !display.primary) ?? displays[0] ?? null;
}

/** Reads the remembered display id from the settings file's text; anything unreadable is "none". */
export function parseRememberedDisplay(text: string | null): number | null {
  if (text === null) return null;
  try {
    const value = (JSON.parse(text) as { displayId?: unknown }).displayId;
    return typeof value === 'number' && Number.isInteger(value) ? value : null;
  } catch {
    return null;
  }
}

export function formatRememberedDisplay(displayId: number): string {
  return `${JSON.stringify({ displayId })}\n`;
}

/** The menu's name for a display: its label, or its size when it has none, marked when primary. */
export function displayMenuLabel(display: DisplayInfo, index: number, size: { readonly width: number; readonly height: number }): string {
  const name = display.label.trim().length > 0 ? display.label.trim() : `Display ${index + 1} (${size.width}×${size.height})`;
  return display.primary ? `${name} — primary` : name;
}
