/**
 * Typed access to ipcRenderer for the preload: the two calls the bridge needs, nothing generic.
 * Bundled into the sandboxed preload, so it may import only electron and dependency-free files.
 */
import { ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiRequestInput } from '../../../src-shared/api/contract.js';
import { fail, type Result } from '../../../src-shared/result.js';
import { ATTENTION_CHANNEL, NAVIGATE_CHANNEL, NOTIFY_CHANNEL, PRINT_PDF_CHANNEL, PUSH_CHANNEL, REQUEST_CHANNEL, type RequestEnvelope, type PushMessage } from '../common/ipc-channels.js';
import type { DesktopAttention, DesktopNotice, PdfOutcome, PdfRequest } from '../../../src-shared/api/desktop.js';
import { errorMessage } from '../../../src-shared/errors.js';

/** Sends one API request to the main process; a transport failure becomes an error Result. */
export async function invokeRequest(request: ApiRequestInput): Promise<Result<unknown>> {
  const envelope: RequestEnvelope = { request };
  try {
    return (await ipcRenderer.invoke(REQUEST_CHANNEL, envelope)) as Result<unknown>;
  } catch (error) {
    return fail(`The request could not reach the core: ${errorMessage(error)}`);
  }
}

/**
 * Calls listener with each push for this window.
 *
 * The IPC event is dropped: it carries the sender and ipcRenderer itself, which must never reach
 * page code. Returns a function that stops listening.
 */
export function listenForPushes(listener: (message: PushMessage) => void): () => void {
  const relay = (_event: IpcRendererEvent, message: PushMessage): void => listener(message);
  ipcRenderer.on(PUSH_CHANNEL, relay);
  return () => {
    ipcRenderer.removeListener(PUSH_CHANNEL, relay);
  };
}

/** Asks the shell to show a notification; main validates it and ignores anything malformed. */
export function sendNotice(notice: DesktopNotice): void {
  ipcRenderer.send(NOTIFY_CHANNEL, notice);
}

/** Tells the shell this window's attention (worst open alert, open count). */
export function sendAttention(attention: DesktopAttention): void {
  ipcRenderer.send(ATTENTION_CHANNEL, attention);
}

/**
 * Calls listener with each route the shell asks this window to show. Only strings reach page
 * code; the IPC event is dropped. Returns a function that stops listening.
 */
export function listenForNavigation(listener: (route: string) => void): () => void {
  const relay = (_event: IpcRendererEvent, route: unknown): void => {
    if (typeof route === 'string') listener(route);
  };
  ipcRenderer.on(NAVIGATE_CHANNEL, relay);
  return () => {
    ipcRenderer.removeListener(NAVIGATE_CHANNEL, relay);
  };
}

/** Asks the shell to save this window's page as a PDF; a transport failure becomes a failed outcome. */
export async function requestPdf(request: PdfRequest): Promise<PdfOutcome> {
  try {
    return (await ipcRenderer.invoke(PRINT_PDF_CHANNEL, request)) as PdfOutcome;
  } catch (error) {
    return { state: 'failed', error: `The PDF could not be made: ${errorMessage(error)}` };
  }
}
