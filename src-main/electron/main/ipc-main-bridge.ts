/**
 * Typed access to ipcMain: the request handler and push sender are the only main-process code
 * that touches the IPC channels, so a new raw channel cannot appear unnoticed.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { fail, type Result } from '../../../src-shared/result.js';
import { PUSH_CHANNEL, REQUEST_CHANNEL, type PushMessage } from '../common/ipc-channels.js';
import { errorMessage } from '../../../src-shared/errors.js';

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
