/** The status topic on a hand-moved clock: at once, then at most every 250 ms, and every second anyway. */
import { describe, expect, it } from 'vitest';
import type { FeedStatus } from '../../../../src-shared/api/live.js';
import { createStatusPublisher } from '../../../../src-main/core/live-views/status-publisher.js';
import { manualTimers } from '../../../support/manual-timers.js';

function feed(timers: { now(): number }) {
  const listeners = new Set<() => void>();
  let lastSeq = 0;
  return {
    status: () => ({ lastSeq, now: timers.now() }) as unknown as FeedStatus,
    onStatus(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    change() {
      lastSeq += 1;
      for (const listener of listeners) listener();
    },
    listeners,
  };
}

describe('createStatusPublisher', () => {
  it('sends the status at once, then changes at most every 250 ms, then once a second', () => {
    const timers = manualTimers(0);
    const source = feed(timers);
    const sent: number[] = [];
    const stop = createStatusPublisher(source, { timers }).subscribe((status) => sent.push(status.now));
    expect(sent).toEqual([0]);
    timers.advance(10);
    source.change();
    source.change();
    timers.advance(300);
    expect(sent).toEqual([0, 250]);
    timers.advance(700);
    expect(sent).toEqual([0, 250, 1_000]);
    stop();
    expect(source.listeners.size).toBe(0);
    timers.advance(5_000);
    expect(sent).toEqual([0, 250, 1_000]);
    expect(timers.pending()).toBe(0);
  });
});
