/**
 * Whether the live feed is busy, and how long background work of the history area waits while it is.
 *
 * Work that follows the feed (Historical Insights' agent-time sums, the facts of each finished
 * conversation) runs on the core's thread, where every live view's push waits for it. While the
 * feed is quiet it runs at every turn it has work, as always. While the feed is busy (at least
 * BUSY_EVENTS_PER_S events in the last second: a large floor), a pass that has caught up waits
 * `everyMs` before it runs again, so what came due meanwhile is done together, in bounded steps
 * that yield between them (ADR 0049, addenda 2 and 3).
 */

/** Events in one second above which the feed is busy. */
export const BUSY_EVENTS_PER_S = 1_000;

export class BusyFeedPacer {
  private windowStart: number;
  private inWindow = 0;
  private lastWindow = 0;
  private caughtUpAt = -Infinity;

  /** `clock`: monotonic ms; `everyMs`: how long a caught-up pass waits while the feed is busy. */
  constructor(
    private readonly clock: () => number,
    private readonly everyMs: number,
  ) {
    this.windowStart = clock();
  }

  /** Counts events the live floor applied. */
  noteEvents(count: number): void {
    this.roll();
    this.inWindow += count;
  }

  /** At least BUSY_EVENTS_PER_S events in the second before now or in this one so far. */
  busy(): boolean {
    this.roll();
    return this.lastWindow >= BUSY_EVENTS_PER_S || this.inWindow >= BUSY_EVENTS_PER_S;
  }

  /** Milliseconds until the pass may step (0: now). */
  waitMs(): number {
    if (!this.busy()) return 0;
    return Math.max(0, this.caughtUpAt + this.everyMs - this.clock());
  }

  /** The pass has nothing left to do. */
  caughtUp(): void {
    this.caughtUpAt = this.clock();
  }

  private roll(): void {
    const elapsed = this.clock() - this.windowStart;
    if (elapsed < 1_000) return;
    this.lastWindow = elapsed < 2_000 ? this.inWindow : 0;
    this.inWindow = 0;
    this.windowStart += elapsed < 2_000 ? 1_000 : elapsed;
  }
}
