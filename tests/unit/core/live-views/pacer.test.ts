/** The live views' pacer on a hand-moved clock: leading edge, 100 ms coalescing, periodic refresh. */
import { afterEach, describe, expect, it } from 'vitest';
import { createPacer, type Pacer } from '../../../../src-main/core/live-views/pacer.js';
import { manualTimers, type ManualTimers } from '../../../support/manual-timers.js';

const pacers: Pacer[] = [];
afterEach(() => {
  for (const pacer of pacers.splice(0)) pacer.close();
});

function paced(options: { minIntervalMs?: number; refreshMs?: number } = {}): { timers: ManualTimers; pacer: Pacer; runs: { at: number; refresh: boolean }[] } {
  const timers = manualTimers(1_000);
  const runs: { at: number; refresh: boolean }[] = [];
  const pacer = createPacer((refresh) => runs.push({ at: timers.now(), refresh }), {
    minIntervalMs: options.minIntervalMs ?? 100,
    refreshMs: options.refreshMs ?? 60_000,
    timers,
  });
  pacers.push(pacer);
  return { timers, pacer, runs };
}

describe('createPacer', () => {
  it('runs the first change after a quiet spell at once (leading edge)', () => {
    const { timers, pacer, runs } = paced();
    pacer.request();
    timers.advance(0);
    expect(runs).toEqual([{ at: 1_000, refresh: false }]);
  });

  it('coalesces the changes of the next 100 ms into one run at the end of the interval', () => {
    const { timers, pacer, runs } = paced();
    pacer.request();
    timers.advance(0);
    for (const step of [10, 30, 40]) {
      timers.advance(step);
      pacer.request();
      pacer.request();
    }
    timers.advance(19);
    expect(runs).toHaveLength(1);
    timers.advance(1);
    expect(runs.map((run) => run.at)).toEqual([1_000, 1_100]);
    // Quiet again for a full interval: the next change goes out at once.
    timers.advance(250);
    pacer.request();
    timers.advance(0);
    expect(runs.map((run) => run.at)).toEqual([1_000, 1_100, 1_350]);
  });

  it('arms at most one timer however many changes arrive', () => {
    const { timers, pacer } = paced();
    const before = timers.pending();
    for (let index = 0; index < 1_000; index += 1) pacer.request();
    expect(timers.pending()).toBe(before + 1);
  });

  it('runs every refresh period with refresh set, even with no change', () => {
    const { timers, runs } = paced({ refreshMs: 1_000 });
    timers.advance(3_000);
    expect(runs).toEqual([
      { at: 2_000, refresh: true },
      { at: 3_000, refresh: true },
      { at: 4_000, refresh: true },
    ]);
  });

  it('folds a due refresh into a run already waiting for its interval', () => {
    const { timers, pacer, runs } = paced({ minIntervalMs: 100, refreshMs: 1_000 });
    timers.advance(950);
    pacer.request();
    timers.advance(0);
    pacer.request();
    timers.advance(100);
    expect(runs).toEqual([
      { at: 1_950, refresh: false },
      { at: 2_050, refresh: true },
    ]);
  });

  it('runNow runs at once, takes a waiting run with it, and starts the interval from there', () => {
    const { timers, pacer, runs } = paced();
    pacer.request();
    timers.advance(0);
    timers.advance(20);
    pacer.request();
    pacer.runNow();
    timers.advance(99);
    pacer.request();
    timers.advance(0);
    expect(runs.map((run) => run.at)).toEqual([1_000, 1_020]);
    timers.advance(1);
    expect(runs.map((run) => run.at)).toEqual([1_000, 1_020, 1_120]);
  });

  it('runs nothing after close and leaves no timer armed', () => {
    const { timers, pacer, runs } = paced({ refreshMs: 1_000 });
    pacer.request();
    pacer.close();
    timers.advance(5_000);
    expect(runs).toEqual([]);
    expect(timers.pending()).toBe(0);
  });
});
