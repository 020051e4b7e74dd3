/**
 * The host listens before its core has started (ADR 0048, addendum): the page is served at once,
 * and what needs the core waits for it here. A console socket is accepted and its messages kept,
 * in order, until the core is bound; then they are handed to the API as if they had just arrived.
 */
import type { RawData, WebSocket } from 'ws';

/** Messages a socket may send before the core has started; past this it is closed and reconnects. */
export const MAX_HELD_MESSAGES = 256;

/** Close code and reason of a socket held while the core did not start. */
export const CORE_DID_NOT_START_CLOSE = { code: 1011, reason: 'The console core did not start' } as const;

/** A value known later, settled once: read at once when it is, else waited for. */
export interface Pending<T> {
  current(): T | null;
  then(onValue: (value: T) => void, onFailure: (reason: string) => void): void;
  resolve(value: T): void;
  reject(reason: string): void;
}

export function pending<T>(): Pending<T> {
  let value: T | null = null;
  let failure: string | null = null;
  let waiting: { readonly onValue: (value: T) => void; readonly onFailure: (reason: string) => void }[] = [];
  const settle = (run: (waiter: (typeof waiting)[number]) => void): void => {
    const settled = waiting;
    waiting = [];
    for (const waiter of settled) run(waiter);
  };
  return {
    current: () => value,
    then(onValue, onFailure) {
      if (value !== null) onValue(value);
      else if (failure !== null) onFailure(failure);
      else waiting.push({ onValue, onFailure });
    },
    resolve(next) {
      if (value !== null || failure !== null) return;
      value = next;
      settle((waiter) => waiter.onValue(next));
    },
    reject(reason) {
      if (value !== null || failure !== null) return;
      failure = reason;
      settle((waiter) => waiter.onFailure(reason));
    },
  };
}

/**
 * Keeps what an open socket sends until `core` settles; then `attach` binds it (its own message
 * listener in place) and the kept messages are delivered to that listener in order. A socket
 * that sends too much meanwhile, or whose core does not start, is closed.
 */
export function holdUntilBound<T>(ws: WebSocket, core: Pending<T>, attach: (value: T) => void): void {
  const held: (readonly [RawData, boolean])[] = [];
  const hold = (data: RawData, isBinary: boolean): void => {
    if (held.length >= MAX_HELD_MESSAGES) {
      ws.close(1013, 'The console is still starting; reconnect');
      return;
    }
    held.push([data, isBinary]);
  };
  ws.on('message', hold);
  core.then(
    (value) => {
      ws.off('message', hold);
      if (ws.readyState !== ws.OPEN) return;
      attach(value);
      for (const [data, isBinary] of held) ws.emit('message', data, isBinary);
    },
    () => {
      ws.off('message', hold);
      if (ws.readyState === ws.OPEN) ws.close(CORE_DID_NOT_START_CLOSE.code, CORE_DID_NOT_START_CLOSE.reason);
    },
  );
}
