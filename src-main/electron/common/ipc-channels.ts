/**
 * The IPC channels between a window and the main process: the API's request and push channels,
 * and the desktop bridge's three (src-shared/api/desktop.ts). The preload bundles this file, so it
 * must stay free of runtime imports (a sandboxed preload may require only electron).
 */
import type { ApiRequestInput, ServerMessage } from '../../../src-shared/api/contract.js';

/** Renderer → main, via invoke: one API request, answered with a Result. */
export const REQUEST_CHANNEL = 'floorwatch:request';
/** Main → renderer: subscription pushes for that window only. */
export const PUSH_CHANNEL = 'floorwatch:push';

/** What travels on REQUEST_CHANNEL; an object so the envelope can grow without a new channel. */
export interface RequestEnvelope {
  readonly request: ApiRequestInput;
}

/** What travels on PUSH_CHANNEL: a subscription push from the core, for one window. */
export type PushMessage = Extract<ServerMessage, { kind: 'push' }>;

/** Renderer → main, one way: a desktop notification (DesktopNotice), validated in main. */
export const NOTIFY_CHANNEL = 'floorwatch:desktop-notify';
/** Renderer → main, one way: the window's attention (DesktopAttention) for the tray, badge and flash. */
export const ATTENTION_CHANNEL = 'floorwatch:desktop-attention';
/** Renderer → main, via invoke: save the window's page as a PDF (PdfRequest), answered with a PdfOutcome. */
export const PRINT_PDF_CHANNEL = 'floorwatch:print-pdf';
/** Main → renderer: a console route (fragment without '#') to show, from a link, a click or a second launch. */
export const NAVIGATE_CHANNEL = 'floorwatch:navigate';
