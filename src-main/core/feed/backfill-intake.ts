/**
 * Storing a backfill frame without holding the core's thread for all of it. Feeds send backfills
 * thousands of events a frame; one 5,000-event frame held the thread about 110 ms, and every console
 * request arriving meanwhile (a search, then its answer) waited behind it. A frame with more than
 * `partEvents` events is stored in parts, one turn of the event loop each: the socket is held
 * (FeedSocket.hold), the frames that still arrive meanwhile are kept in order, and they are handled
 * once the last part is stored. A connection left meanwhile drops the rest: the next connection asks
 * for the backfill again, and storing is idempotent by seq.
 */
import { errorMessage } from '../../../src-shared/errors.js';
import type { FloorEvent } from '../../../src-shared/protocol/events.js';
import type { ServerFrameOf } from '../../../src-shared/protocol/frames.js';
import type { BackfillJob } from './backfill-job.js';
import type { FeedHealth } from './feed-health.js';
import type { FeedSocket } from './feed-socket.js';
import type { FeedSink, RejectInput } from './feed-types.js';
import { validateEvents, type RawFrameData } from './frame-decoder.js';

/** Events of a backfill frame stored in one turn. */
export const BACKFILL_PART_EVENTS = 1_000;

export interface BackfillIntakeOptions {
  readonly partEvents: number;
  readonly sink: FeedSink;
  readonly job: BackfillJob;
  readonly health: FeedHealth;
  /** Records events the frame carried that are not valid. */
  readonly reject: (rejects: RejectInput[]) => void;
  /** The connection frames are read from now. */
  readonly socket: () => FeedSocket | null;
  /** Counts a frame as it arrives (and re-arms the liveness watch), kept or not. */
  readonly arrived: () => void;
  /** Handles a frame; `counted` when `arrived` ran for it already. */
  readonly handle: (data: RawFrameData, counted: boolean) => void;
  /** After the last part and the kept frames. */
  readonly settled: () => void;
}

export class BackfillIntake {
  private parts: { readonly socket: FeedSocket } | null = null;
  private kept: RawFrameData[] = [];

  constructor(private readonly options: BackfillIntakeOptions) {}

  /** A frame from the current connection: handled now, or kept while a frame is stored in parts. */
  receive(data: RawFrameData): void {
    if (this.parts === null) return this.options.handle(data, false);
    this.options.arrived();
    this.kept.push(data);
  }

  /** A new connection: what the last one left is dropped. */
  reset(): void {
    this.parts = null;
    this.kept = [];
  }

  /** A backfill frame of the running backfill: its valid events stored, now or in parts, then its progress. */
  frame(frame: ServerFrameOf<'backfill'>): void {
    const { job, health } = this.options;
    if (!job.accepts(frame)) return;
    const { valid, unknown, rejects } = validateEvents(frame.events);
    this.store(frame, valid, () => {
      if (rejects.length > 0) this.options.reject(rejects.map((reject) => ({ ...reject, stream: frame.stream })));
      health.count('unknown_event_type', unknown.length);
      job.progress(frame);
    });
  }

  /** Stores events of the frame; false when the store refused them. */
  private storePart(frame: ServerFrameOf<'backfill'>, events: FloorEvent[], done: boolean): boolean {
    try {
      this.options.sink.backfill?.({ stream: frame.stream, epoch: frame.epoch, events, progress: frame.progress, done });
      return true;
    } catch (error) {
      // History is a bonus: a failed backfill must not take the live feed down with it.
      const message = `storing backfill failed: ${errorMessage(error)}`;
      this.options.job.fail(message);
      this.options.health.recordError(message);
      return false;
    }
  }

  /** Stores the frame's valid events, now or in parts; `stored` runs once all of them are. */
  private store(frame: ServerFrameOf<'backfill'>, events: FloorEvent[], stored: () => void): void {
    const size = Math.max(1, this.options.partEvents);
    const socket = this.options.socket();
    if (events.length <= size || socket === null) {
      if (this.storePart(frame, events, frame.done)) stored();
      return;
    }
    if (!this.storePart(frame, events.slice(0, size), false)) return;
    const parts = { socket };
    this.parts = parts;
    socket.hold?.();
    let next = size;
    const storeNext = (): void => {
      if (this.parts !== parts) return;
      // The connection was left (or the client stopped): the rest is dropped, the next one asks again.
      if (this.options.socket() !== socket) {
        this.parts = null;
        return;
      }
      const end = Math.min(events.length, next + size);
      const ok = this.storePart(frame, events.slice(next, end), end === events.length && frame.done);
      next = end;
      if (ok && end < events.length) {
        setImmediate(storeNext);
        return;
      }
      if (ok) stored();
      this.parts = null;
      socket.release?.();
      // In order, until one of them is a backfill frame stored in parts again.
      while (this.kept.length > 0 && this.parts === null && this.options.socket() === socket) this.options.handle(this.kept.shift() as RawFrameData, true);
      this.options.settled();
    };
    // The next turn, after the I/O that waits (a console's request), with no timer's delay.
    setImmediate(storeNext);
  }
}
