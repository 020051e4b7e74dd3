/**
 * The main process's side of the main ↔ core protocol: turns a window's validated request into a
 * tagged ClientMessage, matches the core's response to the waiting call, routes pushes to their
 * window, and never leaves a caller hanging (core failure, exit, window close, timeout and
 * shutdown all settle pending calls with an error Result). Pure: the glue injects postMessage and
 * a timer, so it is tested under plain Node.
 */
import { COMMAND_WAIT_MS } from '../../../src-shared/api/commands.js';
import type { ApiRequest } from '../../../src-shared/api/contract.js';
import type { PushMessage } from '../common/ipc-channels.js';
import { assertNever, fail, type Result } from '../../../src-shared/result.js';
import { parseCoreToMain, type MainToCore, type WindowAudience } from '../common/core-process-protocol.js';

export type CoreState = 'starting' | 'ready' | 'failed' | 'stopping' | 'stopped';

/** Runs a callback after a delay; returns a function that cancels it. */
export type Schedule = (delayMs: number, run: () => void) => () => void;

export interface CoreClientOptions {
  readonly post: (message: MainToCore) => void;
  readonly onPush: (windowId: number, message: PushMessage) => void;
  /** The core could not start, or its process ended without being asked to. */
  readonly onFailure: (reason: string) => void;
  readonly schedule: Schedule;
  readonly requestTimeoutMs?: number;
  readonly shutdownTimeoutMs?: number;
}

export interface CoreClient {
  readonly state: CoreState;
  /** Asks the core process to start the core with the user's arguments. */
  start(argv: readonly string[], dataDir: string): void;
  /** Sends a validated request on behalf of a window and resolves with the core's Result. */
  request(windowId: number, request: ApiRequest): Promise<Result<unknown>>;
  /** Names whom a new window's connection runs as; call before its page loads. */
  setWindowAudience(windowId: number, audience: WindowAudience): void;
  /** Drops a window's connection (and its subscriptions) in the core. */
  closeWindow(windowId: number): void;
  /** A message from the core process. */
  receive(message: unknown): void;
  /** The core process ended. */
  exited(code: number): void;
  /** Asks the core to close and flush; resolves when it has, when it ended, or after the timeout. */
  shutdown(): Promise<void>;
}

interface Pending {
  readonly windowId: number;
  readonly resolve: (result: Result<unknown>) => void;
  readonly cancelTimer: () => void;
}

/** Longer than the core's own wait for the feed, so a command's answer always arrives before main gives up. */
const DEFAULT_REQUEST_TIMEOUT_MS = COMMAND_WAIT_MS.main;
const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

/** Creates the client in the `starting` state; call start() once the process is forked. */
export function createCoreClient(options: CoreClientOptions): CoreClient {
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
  const pending = new Map<number, Pending>();
  let state: CoreState = 'starting';
  let unavailable = '';
  let nextId = 1;
  let stoppedWaiters: (() => void)[] = [];

  function settle(id: number, result: Result<unknown>): void {
    const call = pending.get(id);
    if (!call) return;
    pending.delete(id);
    call.cancelTimer();
    call.resolve(result);
  }

  function settleAll(reason: string, windowId?: number): void {
    for (const [id, call] of [...pending]) {
      if (windowId === undefined || call.windowId === windowId) settle(id, fail(reason));
    }
  }

  function becomeStopped(): void {
    state = 'stopped';
    unavailable = unavailable || 'The core has stopped.';
    settleAll(unavailable);
    const waiters = stoppedWaiters;
    stoppedWaiters = [];
    for (const waiter of waiters) waiter();
  }

  return {
    get state() {
      return state;
    },

    start(argv, dataDir) {
      options.post({ kind: 'start', argv: [...argv], dataDir });
    },

    request(windowId, request) {
      if (state === 'failed' || state === 'stopping' || state === 'stopped') {
        return Promise.resolve(fail(state === 'stopping' ? 'The core is shutting down.' : unavailable));
      }
      const id = nextId++;
      return new Promise((resolve) => {
        const cancelTimer = options.schedule(requestTimeoutMs, () => settle(id, fail(`The core did not answer within ${requestTimeoutMs} ms.`)));
        pending.set(id, { windowId, resolve, cancelTimer });
        options.post({ kind: 'request', windowId, message: { kind: 'request', id, request } });
      });
    },

    setWindowAudience(windowId, audience) {
      if (state === 'starting' || state === 'ready') options.post({ kind: 'window-audience', windowId, audience });
    },

    closeWindow(windowId) {
      settleAll('The window was closed.', windowId);
      if (state === 'starting' || state === 'ready') options.post({ kind: 'close-window', windowId });
    },

    receive(raw) {
      const message = parseCoreToMain(raw);
      if (message === null) return;
      switch (message.kind) {
        case 'ready':
          if (state === 'starting') state = 'ready';
          return;
        case 'failed':
          if (state === 'stopped') return;
          unavailable = message.error;
          if (state !== 'stopping') state = 'failed';
          settleAll(message.error);
          options.onFailure(message.error);
          return;
        case 'server': {
          const server = message.message;
          if (server.kind === 'push') {
            options.onPush(message.windowId, server);
            return;
          }
          if (server.kind === 'error') {
            // An id-less refusal: this process builds every request itself, so one means a bug here.
            console.error(`[core] refused a request without a readable id (${server.reason}): ${server.error}`);
            return;
          }
          // A response is only accepted for the window that asked.
          if (pending.get(server.id)?.windowId === message.windowId) settle(server.id, server.result);
          return;
        }
        case 'stopped':
          if (message.error !== null) unavailable = `The core stopped with an error: ${message.error}`;
          becomeStopped();
          return;
        default:
          return assertNever(message, 'core message');
      }
    },

    exited(code) {
      if (state === 'stopped') return;
      const expected = state === 'stopping';
      if (!expected) unavailable = `The core process ended unexpectedly (exit code ${code}).`;
      becomeStopped();
      if (!expected) options.onFailure(unavailable);
    },

    shutdown() {
      if (state === 'stopped') return Promise.resolve();
      const done = new Promise<void>((resolve) => {
        const cancelTimer = options.schedule(shutdownTimeoutMs, resolve);
        stoppedWaiters.push(() => {
          cancelTimer();
          resolve();
        });
      });
      if (state !== 'stopping') {
        state = 'stopping';
        settleAll('The core is shutting down.');
        options.post({ kind: 'shutdown' });
      }
      return done;
    },
  };
}
