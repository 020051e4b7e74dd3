/** FeedSocket over the `ws` package: the production transport of the feed client. */
import { WebSocket } from 'ws';
import type { FeedSocket } from './feed-socket.js';

/**
 * Generous on purpose: frames above the client's own limit must reach the decoder, which counts them
 * as oversized and carries on; a lower `ws` limit would kill the connection instead.
 */
export const WS_MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;

/**
 * How long frames are handled back to back before the socket pauses for one turn of the event
 * loop. A feed sending a backlog fills the socket faster than it is stored, and libuv reads up to
 * 32 chunks in one callback: without the pause a SIGTERM, or a console request, waited seconds
 * behind the frames (docs/decisions/0048-a-bounded-close-and-a-first-paint-that-waits-for-nothing.md).
 */
export const FRAME_SLICE_MS = 50;

/** Opens a WebSocket to the feed and adapts it to FeedSocket. */
export function wsFeedSocket(url: string): FeedSocket {
  const socket = new WebSocket(url, { maxPayload: WS_MAX_PAYLOAD_BYTES, perMessageDeflate: false, handshakeTimeout: 15_000 });
  let sliceStarted: number | null = null;
  let holds = 0;
  const endSlice = (): void => {
    sliceStarted = null;
    if (holds === 0 && socket.isPaused && socket.readyState === WebSocket.OPEN) socket.resume();
  };
  return {
    listen(handlers) {
      socket.on('open', () => handlers.open());
      socket.on('message', (data) => {
        if (sliceStarted === null) {
          sliceStarted = performance.now();
          setImmediate(endSlice);
        }
        handlers.message(data);
        // Reading goes on once the console's requests, timers and signals have had their turn.
        if (!socket.isPaused && performance.now() - sliceStarted > FRAME_SLICE_MS) socket.pause();
      });
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
    hold() {
      holds += 1;
      if (!socket.isPaused && socket.readyState === WebSocket.OPEN) socket.pause();
    },
    release() {
      holds = Math.max(0, holds - 1);
      if (holds === 0 && sliceStarted === null && socket.isPaused && socket.readyState === WebSocket.OPEN) socket.resume();
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
