import { describe, expect, it } from 'vitest';
import { AgentTimePacer, BUSY_EVENTS_PER_S, BUSY_EVERY_MS, BUSY_STEP_BUDGET } from '../../../../src-main/core/history/agent-time-pacer.js';

/** A pacer over a clock the test moves. */
function pacer(): { readonly pacer: AgentTimePacer; advance(ms: number): void } {
  let time = 1_000_000;
  return { pacer: new AgentTimePacer(() => time), advance: (ms) => (time += ms) };
}

describe('AgentTimePacer', () => {
  it('lets the pass step at every turn, with its own budget, while the feed is quiet', () => {
    const { pacer: quiet, advance } = pacer();
    quiet.noteEvents(BUSY_EVENTS_PER_S - 1);
    quiet.caughtUp();
    advance(10);
    expect(quiet.busy()).toBe(false);
    expect(quiet.waitMs()).toBe(0);
    expect(quiet.stepBudget()).toBeUndefined();
  });

  it('makes a caught-up pass wait while the feed is busy, then steps it in bounded steps', () => {
    const { pacer: busy, advance } = pacer();
    busy.noteEvents(BUSY_EVENTS_PER_S);
    // Never caught up yet: it starts at once, in bounded steps.
    expect(busy.waitMs()).toBe(0);
    expect(busy.stepBudget()).toEqual(BUSY_STEP_BUDGET);
    busy.caughtUp();
    expect(busy.waitMs()).toBe(BUSY_EVERY_MS);
    for (let second = 1; second < BUSY_EVERY_MS / 1_000; second += 1) {
      advance(1_000);
      busy.noteEvents(BUSY_EVENTS_PER_S);
      expect(busy.waitMs()).toBe(BUSY_EVERY_MS - second * 1_000);
    }
    advance(1_000);
    expect(busy.waitMs()).toBe(0);
  });

  it('is quiet again a second after the events stop, and the pass no longer waits', () => {
    const { pacer: calming, advance } = pacer();
    calming.noteEvents(5 * BUSY_EVENTS_PER_S);
    calming.caughtUp();
    advance(1_500);
    // The second before had the events: still busy.
    expect(calming.waitMs()).toBe(BUSY_EVERY_MS - 1_500);
    advance(1_000);
    expect(calming.busy()).toBe(false);
    expect(calming.waitMs()).toBe(0);
  });
});
