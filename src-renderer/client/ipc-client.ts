/**
 * ConsoleClient over the Electron preload bridge (window.floorwatch). The bridge has no request
 * ids of its own, so each request's promise is turned back into a correlated response for the
 * shared core; the link is always open.
 */
import type { FloorwatchBridge } from '../../src-shared/api/contract.js';
import { fail } from '../../src-shared/result.js';
import { createClientCore } from './client-core.js';
import type { Timers } from './client-core.js';
import type { ConsoleClient } from './console-client.js';
import { errorMessage } from '../../src-shared/errors.js';

/** The preload bridge, when this page runs inside the desktop app; null in a plain browser. */
export function findBridge(scope: object = globalThis): FloorwatchBridge | null {
  const candidate: unknown = (scope as { floorwatch?: unknown }).floorwatch;
  if (typeof candidate !== 'object' || candidate === null) return null;
  const { request, onPush } = candidate as Partial<Record<keyof FloorwatchBridge, unknown>>;
  if (typeof request !== 'function' || typeof onPush !== 'function') return null;
  return candidate as FloorwatchBridge;
}

export interface IpcClientOptions {
  readonly timers?: Timers;
  readonly requestTimeoutMs?: number;
}

/** Wraps the bridge in a ConsoleClient. */
export function createIpcClient(bridge: FloorwatchBridge, options: IpcClientOptions = {}): ConsoleClient {
  let removePushListener: (() => void) | null = null;
  const core = createClientCore({
    ...(options.timers === undefined ? {} : { timers: options.timers }),
    ...(options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs }),
    onClose: () => removePushListener?.(),
  });
  removePushListener = bridge.onPush((push) => core.receive(push));
  core.linkOpened({
    send: (message) => {
      bridge.request(message.request).then(
        (result) => core.receive({ kind: 'response', id: message.id, result }),
        (error: unknown) => core.receive({ kind: 'response', id: message.id, result: fail(`The console core refused the request: ${errorMessage(error)}`) }),
      );
    },
  });
  return core.client;
}
