/**
 * When Historical Insights' agent-time pass (MetricsWriter.sumAgentTime) may take its steps on the
 * core's thread.
 *
 * While the feed is quiet, at every turn the pass has work, as before. While it is busy (at least
 * BUSY_EVENTS_PER_S events in the last second: a large floor), the pass waits BUSY_EVERY_MS after
 * the turn it last caught up in. Each finished conversation marks its agent's quarters dirty and a
 * step rebuilds every dirty agent quarter of the rows it reads once, so the longer the wait, the
 * more conversations of one agent share one rebuild; then it catches up one step a turn, each bounded
 * by time (BUSY_STEP_BUDGET), yielding between steps, so no turn holds the live views for more than
 * about that. What the pass computes is the same; only when it is computed moves (ADR 0049,
 * addenda 2 and 4).
 */
import type { StepBudget } from '../insights/agent-time-sums.js';
import { BusyFeedPacer } from './busy-pacer.js';

export { BUSY_EVENTS_PER_S } from './busy-pacer.js';
/** How long the pass waits while the feed is busy, after it last caught up. */
export const BUSY_EVERY_MS = 30_000;
/** One step while busy: milliseconds of intervals summed and agent quarters rebuilt (at least one of them a step). */
export const BUSY_STEP_BUDGET: StepBudget = { ms: 8 };

export class AgentTimePacer extends BusyFeedPacer {
  constructor(clock: () => number) {
    super(clock, BUSY_EVERY_MS);
  }

  /** The budget of one step: the pass's default while quiet, a bounded one while busy. */
  stepBudget(): StepBudget | undefined {
    return this.busy() ? BUSY_STEP_BUDGET : undefined;
  }
}
