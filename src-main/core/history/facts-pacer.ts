/**
 * When the facts of finished conversations (the Conversation Manager's search facts and Historical
 * Insights' facts, MetricsWriter.computeFor) are computed on the core's thread.
 *
 * While the feed is quiet, at every turn some are due, in slices of QUIET_SLICE, as before. While it
 * is busy (a large floor: at least BUSY_EVENTS_PER_S events in the last second) the conversations
 * that finish are gathered for BUSY_EVERY_MS after the facts last caught up, then done oldest first
 * one small transaction a turn (BUSY_SLICE), so a live view's push waits for at most that rather
 * than a run of them after every batch. Nothing is dropped and the order is kept; a finished
 * conversation is found by a search's filters at most about BUSY_EVERY_MS later while the feed is
 * busy, at once when it is quiet (ADR 0049, addendum 3).
 */
import { BusyFeedPacer } from './busy-pacer.js';

/** How long finished conversations are gathered while the feed is busy, after the facts last caught up. */
export const BUSY_EVERY_MS = 5_000;

export interface FactsSlice {
  /** Conversations whose facts are stored in one transaction. */
  readonly chunk: number;
  /** Time a slice may run before it yields, ms (a chunk is never cut; 0: one chunk a turn). */
  readonly budgetMs: number;
}

/** A slice while the feed is quiet (a backfill's live tail, a small floor). */
export const QUIET_SLICE: FactsSlice = { chunk: 32, budgetMs: 10 };
/** A slice while it is busy: one transaction of a few dozen conversations (about 4 ms at 10,000 agents; 8 a transaction wrote 2.8 times the WAL a conversation, ADR 0058). */
export const BUSY_SLICE: FactsSlice = { chunk: 32, budgetMs: 0 };

export class FactsPacer extends BusyFeedPacer {
  constructor(clock: () => number) {
    super(clock, BUSY_EVERY_MS);
  }

  /** The slice of one turn: small while the feed is busy. */
  slice(): FactsSlice {
    return this.busy() ? BUSY_SLICE : QUIET_SLICE;
  }
}
