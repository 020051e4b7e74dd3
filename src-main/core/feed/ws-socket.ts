/** FeedSocket over the `ws` package: the production transport of the feed client. */
import { WebSocket } from 'ws';
import type { FeedSocket } from './feed-socket.js';

/**
 * Generous on purpose: frames above the client's own limit must reach the decoder, which counts them
 * as oversized and carries on; a lower `ws` limit would kill the connection instead.
 */
export const WS_MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;

/** Opens a WebSocket to the feed and adapts it to FeedSocket. */
export function wsFeedSocket(url: string): FeedSocket {
  const socket = new WebSocket(url, { maxPayload: WS_MAX_PAYLOAD_BYTES, perMessageDeflate: false, handshakeTimeout: 15_000 });
  return {
    listen(handlers) {
      socket.on('open', () => handlers.open());
      socket.on('message', (data) => handlers.message(data));
      socket.on('close', (code, reason) => handlers.close(code, reason.toString('utf8')));
      socket.on('error', (error) => handlers.error(error));
    },
    send(text) {
      if (socket.readyState === WebSocket.OPEN) socket.send(text);
    },
    close(code, reason) {
      if (socket.readyState === WebSocket.CLOSED) return;
      if (socket.readyState === WebSocket.CONNECTING) {
        socket.terminate();
        return;
      }
      socket.close(code, reason);
    },
    terminate() {
      if (socket.readyState !== WebSocket.CLOSED) socket.terminate();
    },
  };
}

/**
 * A feed client's clock, timers and randomness on a real socket: the process's own (tests pass
 * fixed ones where they need them).
 */
export const SYSTEM_FEED_TIMING = {
  now: Date.now,
  setTimer: (fn: () => void, ms: number): unknown => setTimeout(fn, ms),
  clearTimer: (handle: unknown): void => clearTimeout(handle as ReturnType<typeof setTimeout>),
  random: Math.random,
} as const;
