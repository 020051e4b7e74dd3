/**
 * ConsoleClient over the host's API WebSocket (a browser, a TV, the end-to-end tests). Reconnects
 * forever with jittered backoff; the shared core re-subscribes after each reconnect.
 */
import { backoffDelay, type BackoffPolicy } from '../../src-shared/backoff.js';

/** The UI↔core link is local: retry sooner and cap lower than the feed. */
export const LINK_BACKOFF: BackoffPolicy = { baseMs: 250, capMs: 5_000 };
import { createClientCore } from './client-core.js';
import type { Timers } from './client-core.js';
import type { ConsoleClient } from './console-client.js';
import { apiPath, apiSubprotocol, apiTokenSubprotocolPrefix } from './wire-constants.js';
import { errorMessage } from '../../src-shared/errors.js';

/** The subset of the DOM WebSocket the client uses; injected so tests and other runtimes can supply one. */
export interface WebSocketLike {
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: { readonly code: number; readonly reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface WebSocketClientOptions {
  readonly url: string;
  /**
   * Sent as the `auth.<token>` subprotocol; null connects without one (the host will refuse unless
   * it allows it). A function is asked at every connect, so a rotated token is used on the next one.
   */
  readonly token: string | null | (() => string | null);
  readonly createSocket?: (url: string, protocols: string[]) => WebSocketLike;
  readonly random?: () => number;
  readonly timers?: Timers;
  readonly requestTimeoutMs?: number;
}

/** The API address of the host that served this page: same origin, ws or wss to match http or https. */
export function apiWebSocketUrl(location: { readonly protocol: string; readonly host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${apiPath}`;
}

/** Subprotocols offered in the handshake: the API name, then the token (headers cannot be set from a browser). */
export function apiSubprotocols(token: string | null): string[] {
  return token === null ? [apiSubprotocol] : [apiSubprotocol, `${apiTokenSubprotocolPrefix}${token}`];
}

function describeClose(code: number, reason: string): string {
  if (reason.length > 0) return `closed with code ${code}: ${reason}`;
  if (code === 1006) return 'connection dropped';
  return `closed with code ${code}`;
}

const browserTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/**
 * Opens the WebSocket client and starts connecting at once.
 * The socket factory, randomness and timers are injected so the reconnect loop runs the same in tests.
 */
export function createWebSocketClient(options: WebSocketClientOptions): ConsoleClient {
  const timers = options.timers ?? browserTimers;
  const random = options.random ?? Math.random;
  const createSocket = options.createSocket ?? ((url: string, protocols: string[]) => new WebSocket(url, protocols) as unknown as WebSocketLike);
  let socket: WebSocketLike | null = null;
  let retryTimer: unknown = undefined;
  let attempt = 0;
  let stopped = false;

  const core = createClientCore({
    timers,
    ...(options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs }),
    onClose: () => {
      stopped = true;
      timers.clearTimeout(retryTimer);
      const current = socket;
      socket = null;
      current?.close(1000, 'console closed');
    },
  });

  function scheduleReconnect(): void {
    if (stopped) return;
    const delay = backoffDelay(attempt, LINK_BACKOFF, random);
    attempt += 1;
    retryTimer = timers.setTimeout(connect, delay);
  }

  function connect(): void {
    if (stopped) return;
    core.linkConnecting();
    let current: WebSocketLike;
    try {
      current = createSocket(options.url, apiSubprotocols(typeof options.token === 'function' ? options.token() : options.token));
    } catch (error) {
      core.linkClosed(errorMessage(error));
      scheduleReconnect();
      return;
    }
    socket = current;
    current.onopen = () => {
      if (socket !== current) return;
      core.linkOpened({ send: (message) => current.send(JSON.stringify(message)) });
    };
    current.onmessage = (event) => {
      if (socket !== current) return;
      // The backoff starts over only once the core has answered: a socket that a full or revoked
      // wallboard slot opens and at once closes (1013, 1008) must not be retried at the shortest delay.
      attempt = 0;
      if (typeof event.data !== 'string') {
        core.receive(null);
        return;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(event.data);
      } catch {
        parsed = null;
      }
      core.receive(parsed);
    };
    current.onerror = () => {
      // A close event always follows; reconnecting is handled there.
    };
    current.onclose = (event) => {
      if (socket !== current) return;
      socket = null;
      core.linkClosed(describeClose(event.code, event.reason));
      scheduleReconnect();
    };
  }

  connect();
  return core.client;
}
