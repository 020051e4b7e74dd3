/**
 * What the feed client reports about itself: the connection and since when, data age, the live
 * stream's position, the last error, and the counters (frames, events, duplicates, gaps, rejects).
 */
import type { ConnectionState, FeedCounters } from '../../../src-shared/api/live.js';

export class FeedHealth {
  connection: ConnectionState = 'connecting';
  connectionSince: number;
  lastFrameAt: number | null = null;
  lastEventAt: number | null = null;
  /** The live stream's last stored seq. */
  liveLastSeq = 0;
  lastError: string | null = null;
  /** An error was recorded on the current connection, so its close needs no message of its own. */
  errorThisConnection = false;
  framesReceived = 0;
  eventsIngested = 0;
  eventsDuplicate = 0;
  gaps = 0;
  private readonly rejectCounts = new Map<string, number>();

  constructor(private readonly now: () => number) {
    this.connectionSince = now();
  }

  /** Moves to a connection state; returns false when it was already there. */
  setConnection(connection: ConnectionState): boolean {
    if (this.connection === connection) return false;
    this.connection = connection;
    this.connectionSince = this.now();
    return true;
  }

  recordError(message: string): void {
    this.lastError = message;
    this.errorThisConnection = true;
  }

  /** Adds to the count of rejects of one reason. */
  count(reason: string, amount: number): void {
    if (amount > 0) this.rejectCounts.set(reason, (this.rejectCounts.get(reason) ?? 0) + amount);
  }

  counters(): FeedCounters {
    const rejects: Record<string, number> = {};
    for (const [reason, count] of this.rejectCounts) rejects[reason] = count;
    return { framesReceived: this.framesReceived, eventsIngested: this.eventsIngested, eventsDuplicate: this.eventsDuplicate, gaps: this.gaps, rejects };
  }
}
