/**
 * Puts a chunked snapshot (v1.1: `snapshot.begin`, `snapshot.chunk` 1…n, `snapshot.end`) back
 * together before anything of it is applied.
 *
 * A snapshot replaces the stream's state, so half of one is worse than none: the parts are kept
 * here (validated as they arrive, so only the events themselves are held, not their frames) and
 * handed over whole at the end, or dropped. Anything out of its place (a chunk out of order, a
 * second begin, an end whose counts disagree, more events than a snapshot may hold) refuses the
 * whole snapshot; the caller then reconnects and the feed sends a new one. The caller abandons an
 * open assembly when its connection ends, so a connection lost mid-snapshot leaves nothing behind.
 */
import { MAX_SNAPSHOT_EVENTS } from '../../../src-shared/protocol/frames.js';
import type { ServerFrameOf } from '../../../src-shared/protocol/frames.js';
import { validateEvents } from './frame-decoder.js';
import type { EventReject, UnknownEvent, ValidatedEvents } from './frame-decoder.js';
import type { FloorEvent } from '../../../src-shared/protocol/events.js';

export type SnapshotPartFrame = ServerFrameOf<'snapshot.begin'> | ServerFrameOf<'snapshot.chunk'> | ServerFrameOf<'snapshot.end'>;

/** A whole snapshot, its events validated: what a one-frame snapshot gives once decoded. */
export interface AssembledSnapshot extends ValidatedEvents {
  readonly stream: string;
  readonly epoch: string;
  readonly seq: number;
  readonly time: number;
}

export type AssemblyStep =
  | { readonly kind: 'pending'; readonly stream: string }
  | { readonly kind: 'complete'; readonly snapshot: AssembledSnapshot }
  | { readonly kind: 'refused'; readonly reason: 'bad_frame' | 'oversized'; readonly detail: string; readonly stream: string | null };

interface OpenSnapshot {
  readonly begin: ServerFrameOf<'snapshot.begin'>;
  parts: number;
  events: number;
  readonly valid: FloorEvent[];
  readonly unknown: UnknownEvent[];
  readonly rejects: EventReject[];
}

/** One connection's snapshot in progress: at most one at a time, and never applied in part. */
export class SnapshotAssembly {
  private current: OpenSnapshot | null = null;

  constructor(private readonly maxEvents: number = MAX_SNAPSHOT_EVENTS) {}

  /** Whether a snapshot has begun and not yet ended. */
  get open(): boolean {
    return this.current !== null;
  }

  /** Drops whatever was gathered (the connection ended, or the snapshot was refused). */
  abandon(): void {
    this.current = null;
  }

  /** Takes the next part; `complete` hands over the whole snapshot, `refused` drops all of it. */
  accept(frame: SnapshotPartFrame): AssemblyStep {
    switch (frame.type) {
      case 'snapshot.begin':
        return this.begin(frame);
      case 'snapshot.chunk':
        return this.chunk(frame);
      case 'snapshot.end':
        return this.end(frame);
    }
  }

  /**
   * Refuses the open snapshot because a frame arrived that cannot come inside one (a one-frame
   * snapshot); returns the refusal, or null when none is open.
   */
  interrupt(what: string): AssemblyStep | null {
    const current = this.current;
    if (current === null) return null;
    return this.refuse('bad_frame', `${what} arrived inside snapshot ${current.begin.snapshotId}`, current.begin.stream);
  }

  private begin(frame: ServerFrameOf<'snapshot.begin'>): AssemblyStep {
    const open = this.current;
    if (open !== null) return this.refuse('bad_frame', `snapshot ${frame.snapshotId} began before snapshot ${open.begin.snapshotId} ended`, open.begin.stream);
    this.current = { begin: frame, parts: 0, events: 0, valid: [], unknown: [], rejects: [] };
    return { kind: 'pending', stream: frame.stream };
  }

  private chunk(frame: ServerFrameOf<'snapshot.chunk'>): AssemblyStep {
    const open = this.opened(frame.snapshotId, `chunk ${frame.part}`);
    if (!('begin' in open)) return open;
    const stream = open.begin.stream;
    if (frame.part !== open.parts + 1) return this.refuse('bad_frame', `snapshot ${frame.snapshotId}: chunk ${frame.part} arrived where chunk ${open.parts + 1} was due`, stream);
    if (open.events + frame.events.length > this.maxEvents) {
      return this.refuse('oversized', `snapshot ${frame.snapshotId} holds more than ${this.maxEvents} events`, stream);
    }
    const { valid, unknown, rejects } = validateEvents(frame.events);
    for (const event of valid) open.valid.push(event);
    for (const event of unknown) open.unknown.push(event);
    for (const reject of rejects) open.rejects.push(reject);
    open.parts = frame.part;
    open.events += frame.events.length;
    return { kind: 'pending', stream };
  }

  private end(frame: ServerFrameOf<'snapshot.end'>): AssemblyStep {
    const open = this.opened(frame.snapshotId, 'its end');
    if (!('begin' in open)) return open;
    const { begin } = open;
    if (frame.parts !== open.parts || frame.events !== open.events) {
      return this.refuse('bad_frame', `snapshot ${frame.snapshotId} ended with ${frame.parts} chunks of ${frame.events} events; ${open.parts} chunks of ${open.events} arrived`, begin.stream);
    }
    this.current = null;
    return {
      kind: 'complete',
      snapshot: { stream: begin.stream, epoch: begin.epoch, seq: begin.seq, time: begin.time, valid: open.valid, unknown: open.unknown, rejects: open.rejects },
    };
  }

  private opened(snapshotId: string, what: string): OpenSnapshot | AssemblyStep {
    const open = this.current;
    if (open === null) return this.refuse('bad_frame', `snapshot ${snapshotId}: ${what} arrived with no snapshot begun`, null);
    if (open.begin.snapshotId !== snapshotId) return this.refuse('bad_frame', `snapshot ${snapshotId}: ${what} arrived inside snapshot ${open.begin.snapshotId}`, open.begin.stream);
    return open;
  }

  private refuse(reason: 'bad_frame' | 'oversized', detail: string, stream: string | null): AssemblyStep {
    this.current = null;
    return { kind: 'refused', reason, detail, stream };
  }
}
