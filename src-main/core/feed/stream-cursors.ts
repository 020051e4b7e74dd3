/**
 * Where each stream of the current connection stands: its epoch, the last seq stored, whether a
 * snapshot must come first, and since when heartbeats have shown the server ahead of us.
 */
import type { ServerFrameOf } from '../../../src-shared/protocol/frames.js';

/** Heartbeats showing the server ahead of us, with no events arriving, before we call it a gap. */
const STALL_HEARTBEATS = 2;

export interface StreamCursor {
  epoch: string;
  lastSeq: number;
  /** The server said a snapshot follows: events before it belong to a state we do not have. */
  awaitingSnapshot: boolean;
  /** Since when heartbeats have shown the server ahead of us without events arriving. */
  behindSince: number | null;
}

type StoredPosition = { readonly epoch: string; readonly lastSeq: number } | null;

export class StreamCursors {
  private readonly cursors = new Map<string, StreamCursor>();

  /**
   * Takes the welcome's resume points against what is stored: same epoch resumes from the stored
   * seq; another epoch or an announced snapshot waits for the snapshot; nothing stored starts the
   * epoch from seq 1.
   */
  resume(streams: ServerFrameOf<'welcome'>['streams'], stored: (stream: string) => StoredPosition): void {
    this.cursors.clear();
    for (const resume of streams) {
      const position = stored(resume.stream);
      const storedEpoch = position && position.epoch.length > 0 ? position.epoch : null;
      const awaitingSnapshot = resume.resume === 'snapshot' || (storedEpoch !== null && storedEpoch !== resume.epoch);
      const lastSeq = !awaitingSnapshot && position && storedEpoch === resume.epoch ? position.lastSeq : 0;
      this.cursors.set(resume.stream, { epoch: resume.epoch, lastSeq, awaitingSnapshot, behindSince: null });
    }
  }

  get(stream: string): StreamCursor | undefined {
    return this.cursors.get(stream);
  }

  /** A snapshot was stored: the stream continues from its seq. */
  adoptSnapshot(cursor: StreamCursor, epoch: string, seq: number): void {
    cursor.epoch = epoch;
    cursor.lastSeq = seq;
    cursor.awaitingSnapshot = false;
    cursor.behindSince = null;
  }

  /**
   * Reads a heartbeat's heads: returns why the connection must be dropped when a stream has been
   * behind the server for two heartbeat intervals with nothing arriving (an event went missing
   * between frames, or the promised snapshot never came), else null.
   */
  stalled(heads: ServerFrameOf<'heartbeat'>['heads'], now: number, heartbeatIntervalMs: number): string | null {
    for (const [stream, cursor] of this.cursors) {
      const head = heads[stream];
      const behind = cursor.awaitingSnapshot || (head !== undefined && head > cursor.lastSeq);
      if (!behind) {
        cursor.behindSince = null;
        continue;
      }
      if (cursor.behindSince === null) {
        cursor.behindSince = now;
        continue;
      }
      if (now - cursor.behindSince >= STALL_HEARTBEATS * heartbeatIntervalMs) {
        return cursor.awaitingSnapshot ? `stream ${stream}: the promised snapshot did not arrive` : `stream ${stream} stalled: the feed is at seq ${head}, stored ${cursor.lastSeq}`;
      }
    }
    return null;
  }
}
