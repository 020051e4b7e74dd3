/**
 * The little the feed client needs from a WebSocket. The client takes a factory for these, so tests
 * and other transports plug in without the client knowing about `ws`.
 */
import type { RawFrameData } from './frame-decoder.js';

export interface FeedSocketHandlers {
  open(): void;
  message(data: RawFrameData): void;
  /** Called once when the socket is gone, whatever the cause (after error too). */
  close(code: number, reason: string): void;
  error(error: Error): void;
}

export interface FeedSocket {
  /** Registers the handlers; called once, right after the socket is created. */
  listen(handlers: FeedSocketHandlers): void;
  /** Sends a text frame; silently dropped when the socket is not open (the close handler follows). */
  send(text: string): void;
  close(code?: number, reason?: string): void;
  /** Drops the connection without a closing handshake (dead peer). */
  terminate(): void;
  /**
   * Stops reading frames until `release` (each hold needs its release). Frames already read may
   * still arrive meanwhile; the client keeps them in order. Optional: a transport without it simply
   * goes on reading.
   */
  hold?(): void;
  release?(): void;
}

export type FeedSocketFactory = (url: string) => FeedSocket;
