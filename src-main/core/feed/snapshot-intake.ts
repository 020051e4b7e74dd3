/**
 * How the feed client takes a snapshot, in one frame or in chunks (v1.1): validated, stored by the
 * sink in one go, the stream's cursor moved to its seq, and only then the listeners told.
 *
 * A chunked snapshot is gathered by SnapshotAssembly and applied only once whole; a refused one
 * (chunks out of order, counts that disagree, too many events, another frame inside it) is
 * dropped entirely and the client reconnects for a new one, so the store and the live floor see
 * the whole snapshot or none of it.
 */
import type { ServerFrameOf } from '../../../src-shared/protocol/frames.js';
import { LIVE_STREAM } from '../../../src-shared/protocol/frames.js';
import { assertNever } from '../../../src-shared/result.js';
import type { FeedHealth } from './feed-health.js';
import type { FeedSink, FeedSnapshot, RejectInput } from './feed-types.js';
import { validateEvents } from './frame-decoder.js';
import { SnapshotAssembly } from './snapshot-assembly.js';
import type { AssembledSnapshot, AssemblyStep, SnapshotPartFrame } from './snapshot-assembly.js';
import type { StreamCursors } from './stream-cursors.js';

export interface SnapshotIntakeOptions {
  readonly cursors: StreamCursors;
  readonly sink: FeedSink;
  readonly health: FeedHealth;
  readonly now: () => number;
  /** Records rejects (the sink and the counters). */
  readonly reject: (rejects: RejectInput[]) => void;
  /** A snapshot was stored: the connection made progress. */
  readonly progressed: () => void;
  /** A live-stream snapshot was stored: tell the listeners. */
  readonly applied: (snapshot: FeedSnapshot) => void;
  /** A chunked snapshot was refused: leave the connection and ask again. */
  readonly refused: () => void;
}

/** The snapshot side of one feed client: whole frames applied at once, chunks applied once whole. */
export class SnapshotIntake {
  private readonly assembly: SnapshotAssembly;

  constructor(
    private readonly options: SnapshotIntakeOptions,
    maxEvents?: number,
  ) {
    this.assembly = new SnapshotAssembly(maxEvents);
  }

  /** Whether a chunked snapshot is open (begun, not ended). */
  get assembling(): boolean {
    return this.assembly.open;
  }

  /** Forgets the parts gathered so far (the connection they came on has ended). */
  abandon(): void {
    this.assembly.abandon();
  }

  /** A one-frame snapshot. */
  whole(frame: ServerFrameOf<'snapshot'>): void {
    this.apply({ stream: frame.stream, epoch: frame.epoch, seq: frame.seq, time: frame.time, ...validateEvents(frame.events) });
  }

  /** One part of a chunked snapshot. */
  part(frame: SnapshotPartFrame): void {
    this.step(this.assembly.accept(frame));
  }

  /** A frame that cannot come inside a chunked snapshot arrived: the open one is refused. */
  interrupt(what: string): void {
    const step = this.assembly.interrupt(what);
    if (step !== null) this.step(step);
  }

  private step(step: AssemblyStep): void {
    switch (step.kind) {
      case 'pending': {
        // Parts arriving are progress: heartbeats meanwhile do not make the promised snapshot late.
        const cursor = this.options.cursors.get(step.stream);
        if (cursor) cursor.behindSince = null;
        return;
      }
      case 'complete':
        return this.apply(step.snapshot);
      case 'refused': {
        const reject: RejectInput = step.stream === null ? { reason: step.reason, detail: step.detail } : { reason: step.reason, detail: step.detail, stream: step.stream };
        this.options.reject([reject]);
        this.options.health.recordError(`snapshot refused: ${step.detail}`);
        this.options.refused();
        return;
      }
      default:
        assertNever(step, 'snapshot assembly step');
    }
  }

  private apply(assembled: AssembledSnapshot): void {
    const { stream, epoch, seq, time, valid, unknown, rejects } = assembled;
    const { cursors, health } = this.options;
    const cursor = cursors.get(stream);
    if (!cursor) {
      this.options.reject([{ reason: 'unknown_stream', detail: `snapshot for stream "${stream}" that the feed did not announce`, stream }]);
      return;
    }
    // A feed filters a snapshot by leaving events out: a `feed.withheld` in one stands for nothing, and is dropped.
    const snapshot: FeedSnapshot = { stream, epoch, seq, time, events: valid.filter((event) => event.type !== 'feed.withheld') };
    this.options.sink.snapshot(snapshot);
    cursors.adoptSnapshot(cursor, epoch, seq);
    this.options.progressed();
    if (rejects.length > 0) this.options.reject(rejects.map((reject) => ({ ...reject, stream })));
    health.count('unknown_event_type', unknown.length);
    if (stream !== LIVE_STREAM) return;
    health.liveLastSeq = seq;
    health.lastEventAt = this.options.now();
    this.options.applied(snapshot);
  }
}
