/**
 * Typed access to ipcMain: the request handler and push sender are the only main-process code
 * that touches the IPC channels, so a new raw channel cannot appear unnoticed.
 */
import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { fail, type Result } from '../../../src-shared/result.js';
import { ATTENTION_CHANNEL, NAVIGATE_CHANNEL, NOTIFY_CHANNEL, PRINT_PDF_CHANNEL, PUSH_CHANNEL, REQUEST_CHANNEL, type PushMessage } from '../common/ipc-channels.js';
import { errorMessage } from '../../../src-shared/errors.js';
import type { PdfOutcome } from '../../../src-shared/api/desktop.js';

export type RendererRequestHandler = (event: IpcMainInvokeEvent, payload: unknown) => Promise<Result<unknown>>;

/**
 * Answers REQUEST_CHANNEL with the handler's Result.
 *
 * A throw would reach the renderer as a rejected promise carrying main-process details, so it is
 * turned into an error Result here. Returns a function that removes the handler.
 */
export function handleRendererRequests(handler: RendererRequestHandler): () => void {
  ipcMain.handle(REQUEST_CHANNEL, async (event, ...payloads: unknown[]): Promise<Result<unknown>> => {
    if (payloads.length !== 1) return fail('Refused: a request carries exactly one payload.');
    try {
      return await handler(event, payloads[0]);
    } catch (error) {
      return fail(`Internal error: ${errorMessage(error)}`);
    }
  });
  return () => ipcMain.removeHandler(REQUEST_CHANNEL);
}

/** Delivers a subscription push to one window's renderer. */
export function sendPush(contents: WebContents, message: PushMessage): void {
  contents.send(PUSH_CHANNEL, message);
}

/** What a window sends on the desktop bridge's one-way channels; the handlers validate sender and payload. */
export interface DesktopMessageHandlers {
  readonly notify: (event: IpcMainEvent, payload: unknown) => void;
  readonly setAttention: (event: IpcMainEvent, payload: unknown) => void;
}

/**
 * Listens on NOTIFY_CHANNEL and ATTENTION_CHANNEL. A message with other than one payload is
 * dropped; a throwing handler is logged, never passed back. Returns a function that stops.
 */
export function handleDesktopMessages(handlers: DesktopMessageHandlers): () => void {
  const wrap =
    (name: string, handler: (event: IpcMainEvent, payload: unknown) => void) =>
    (event: IpcMainEvent, ...payloads: unknown[]): void => {
      if (payloads.length !== 1) return;
      try {
        handler(event, payloads[0]);
      } catch (error) {
        console.error(`Floorwatch could not handle ${name}: ${errorMessage(error)}`);
      }
    };
  const notify = wrap('a notification', handlers.notify);
  const attention = wrap('an attention update', handlers.setAttention);
  ipcMain.on(NOTIFY_CHANNEL, notify);
  ipcMain.on(ATTENTION_CHANNEL, attention);
  return () => {
    ipcMain.removeListener(NOTIFY_CHANNEL, notify);
    ipcMain.removeListener(ATTENTION_CHANNEL, attention);
  };
}

/** Asks one window's renderer to show a console route (already checked with isConsoleRoute). */
export function sendNavigate(contents: WebContents, route: string): void {
  contents.send(NAVIGATE_CHANNEL, route);
}

/**
 * Answers PRINT_PDF_CHANNEL with the handler's outcome; a request with other than one payload is
 * refused and a throw becomes a failed outcome. Returns a function that removes the handler.
 */
export function handlePdfRequests(handler: (event: IpcMainInvokeEvent, payload: unknown) => Promise<PdfOutcome>): () => void {
  ipcMain.handle(PRINT_PDF_CHANNEL, async (event, ...payloads: unknown[]): Promise<PdfOutcome> => {
    if (payloads.length !== 1) return { state: 'failed', error: 'Refused: a request carries exactly one payload.' };
    try {
      return await handler(event, payloads[0]);
    } catch (error) {
      return { state: 'failed', error: `The PDF could not be made: ${errorMessage(error)}` };
    }
  });
  return () => ipcMain.removeHandler(PRINT_PDF_CHANNEL);
}
