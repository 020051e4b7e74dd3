/** A real WebSocket client for the simulator tests: records frames and waits on them with a deadline. */
import { WebSocket } from 'ws';
import { PROTOCOL_VERSION } from '../../../src-shared/protocol/events.js';
import type { FloorEvent } from '../../../src-shared/protocol/events.js';
import type { ServerFrame, StreamPosition } from '../../../src-shared/protocol/frames.js';

type Waiter = { readonly predicate: (frame: ServerFrame) => boolean; readonly resolve: (frame: ServerFrame) => void; from: number };

export class FeedTestClient {
  readonly frames: ServerFrame[] = [];
  readonly closed: Promise<number>;
  private readonly waiters = new Set<Waiter>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as ServerFrame;
      this.frames.push(frame);
      for (const waiter of [...this.waiters]) {
        if (waiter.predicate(frame)) {
          this.waiters.delete(waiter);
          waiter.resolve(frame);
        }
      }
    });
    this.closed = new Promise((resolve) => socket.on('close', (code) => resolve(code)));
  }

  static open(url: string): Promise<FeedTestClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      socket.once('open', () => resolve(new FeedTestClient(socket)));
      socket.once('error', reject);
    });
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  hello(streams: StreamPosition[] = [], token = ''): void {
    this.send({ type: 'hello', protocolVersion: PROTOCOL_VERSION, token, client: { name: 'test', version: '1' }, streams });
  }

  /** The first frame, received before or after now, that matches; fails after the deadline. */
  waitFor<T extends ServerFrame>(predicate: (frame: ServerFrame) => frame is T, what: string, timeoutMs?: number): Promise<T>;
  waitFor(predicate: (frame: ServerFrame) => boolean, what: string, timeoutMs?: number): Promise<ServerFrame>;
  waitFor(predicate: (frame: ServerFrame) => boolean, what: string, timeoutMs = 15_000): Promise<ServerFrame> {
    const existing = this.frames.find(predicate);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { predicate, resolve: (frame) => (clearTimeout(deadline), resolve(frame)), from: this.frames.length };
      const deadline = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Live events received so far (events frames of the floor stream), in arrival order. */
  liveEvents(): FloorEvent[] {
    return this.frames.flatMap((frame) => (frame.type === 'events' ? (frame.events as FloorEvent[]) : []));
  }

  lastSeq(): number {
    const events = this.liveEvents();
    const snapshot = this.frames.find((frame) => frame.type === 'snapshot');
    return events.at(-1)?.seq ?? (snapshot?.type === 'snapshot' ? snapshot.seq : 0);
  }

  close(): Promise<number> {
    this.socket.close();
    return this.closed;
  }
}
