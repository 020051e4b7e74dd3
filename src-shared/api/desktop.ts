/**
 * What the desktop shell offers the renderer beyond the API: notifications from the main
 * process, the tray's and taskbar's attention, and routes opened from outside the window (a
 * notification click, a `floorwatch://` link, a second launch), and a page saved as PDF. The browser
 * console has none of this (window.floorwatch.desktop is absent) and uses the web Notification
 * API and the browser's print dialog instead.
 */

/** The worst open alert a console has, which colours the tray icon and the taskbar. */
export type AttentionLevel = 'none' | 'info' | 'warning' | 'critical';

/** One desktop notification, already grouped and rate-limited by the renderer. */
export interface DesktopNotice {
  /** Replaces an earlier notice with the same tag instead of stacking (one per queue and kind). */
  readonly tag: string;
  readonly title: string;
  readonly body: string;
  /** The console route a click opens, as a URL fragment without '#', e.g. `/queue/q-1`. */
  readonly route: string;
  /** Plays the alert sound the user opted into. */
  readonly sound: boolean;
}

/** The attention the tray icon, the taskbar badge and the window flash show. */
export interface DesktopAttention {
  readonly level: AttentionLevel;
  /** Open alerts not acknowledged or snoozed: the taskbar badge. */
  readonly openCount: number;
}

/** A dashboard to save as a PDF: the name the save dialog suggests (the shell makes it a safe file name). */
export interface PdfRequest {
  readonly suggestedName: string;
}

/** How saving a PDF ended: where it went, cancelled in the save dialog, or why it failed. */
export type PdfOutcome = { readonly state: 'saved'; readonly path: string } | { readonly state: 'cancelled' } | { readonly state: 'failed'; readonly error: string };

/** window.floorwatch.desktop: present only in the Electron shell. */
export interface DesktopBridge {
  /** Prints the window's page (its print stylesheet) to an A4 landscape PDF the user saves. */
  printToPdf(request: PdfRequest): Promise<PdfOutcome>;
  notify(notice: DesktopNotice): void;
  setAttention(attention: DesktopAttention): void;
  /** Routes the shell asks the window to show; returns a function that stops listening. */
  onNavigate(listener: (route: string) => void): () => void;
}
