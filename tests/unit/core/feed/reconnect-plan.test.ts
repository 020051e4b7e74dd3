/** When the client tries the feed again: at once after a gap, backoff after failures, slowly when refused. */
import { describe, expect, it } from 'vitest';
import { ReconnectPlan } from '../../../../src-main/core/feed/reconnect-plan.js';
import { manualTimers } from '../../../support/manual-timers.js';

function plan() {
  const timers = manualTimers(1_000);
  const opened: number[] = [];
  const reconnect = new ReconnectPlan({
    backoff: { baseMs: 250, capMs: 15_000 },
    refusedRetry: { minMs: 5_000, capMs: 60_000 },
    now: timers.now,
    // The top of the jitter range: delays are the cap of each step.
    random: () => 0.999_999,
    setTimer: timers.setTimeout,
    clearTimer: timers.clearTimeout,
  });
  const open = (): void => {
    opened.push(timers.now());
  };
  return { timers, opened, reconnect, open };
}

describe('ReconnectPlan', () => {
  it('reconnects at once after a gap, but backs off after a second gap with no progress', () => {
    const { reconnect, open } = plan();
    expect(reconnect.schedule('immediate', open)).toBe(0);
    expect(reconnect.schedule('immediate', open)).toBeGreaterThan(0);
    reconnect.progressed();
    expect(reconnect.schedule('immediate', open)).toBe(0);
  });

  it('grows the delay with each failed attempt, shows the next retry, and starts over once connected', () => {
    const { timers, reconnect, open, opened } = plan();
    const first = reconnect.schedule('backoff', open);
    const second = reconnect.schedule('backoff', open);
    expect(second).toBeGreaterThan(first);
    expect(reconnect.attempts).toBe(2);
    expect(reconnect.nextRetryAt).toBe(1_000 + second);
    timers.advance(second);
    // Only the last plan runs: one timer at a time.
    expect(opened).toEqual([1_000 + second]);
    reconnect.connected();
    expect(reconnect.attempts).toBe(0);
    expect(reconnect.nextRetryAt).toBeNull();
  });

  it('waits at least the refused minimum when the server refused us', () => {
    const { reconnect, open } = plan();
    expect(reconnect.schedule('refused', open)).toBeGreaterThanOrEqual(5_000);
  });

  it('runs nothing once cancelled', () => {
    const { timers, reconnect, open, opened } = plan();
    reconnect.schedule('backoff', open);
    reconnect.cancel();
    timers.advance(60_000);
    expect(opened).toEqual([]);
    expect(reconnect.nextRetryAt).toBeNull();
  });
});
