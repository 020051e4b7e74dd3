/**
 * When Historical Insights' agent-time pass (MetricsWriter.sumAgentTime) may take its steps on the
 * core's thread.
 *
 * While the feed is quiet, at every turn the pass has work, as before. While it is busy (at least
 * BUSY_EVENTS_PER_S events in the last second: a large floor), the pass waits BUSY_EVERY_MS after
 * the turn it last caught up in. Each finished conversation marks its agent's quarters dirty and a
 * step rebuilds every dirty agent quarter of the rows it reads once, so the longer the wait, the
 * more conversations of one agent share one rebuild; then it catches up one bounded step a turn
 * (STEP_BUDGET), yielding between steps, so no turn holds the live views for the whole backlog.
 * What the pass computes is the same; only when it is computed moves (ADR 0049, addendum 2).
 */
import type { StepBudget } from '../insights/agent-time-sums.js';

/** Events in one second above which the feed is busy. */
export const BUSY_EVENTS_PER_S = 1_000;
/** How long the pass waits while the feed is busy, after it last caught up. */
export const BUSY_EVERY_MS = 30_000;
/** One step while busy: status intervals read and dirty rows rebuilt (each a few SQLite statements). */
export const BUSY_STEP_BUDGET: StepBudget = { intervals: 1_000, quarters: 250 };

export class AgentTimePacer {
  private windowStart: number;
  private inWindow = 0;
  private lastWindow = 0;
  private caughtUpAt = -Infinity;

  constructor(private readonly clock: () => number) {
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
    return Math.max(0, this.caughtUpAt + BUSY_EVERY_MS - this.clock());
  }

  /** The budget of one step: the pass's default while quiet, a bounded one while busy. */
  stepBudget(): StepBudget | undefined {
    return this.busy() ? BUSY_STEP_BUDGET : undefined;
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
