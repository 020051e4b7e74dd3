import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '../../../../src-shared/api/wallboard.js';
import { chartPoints, combineMinutes, createRedrawGate, samePoints, timeTicks, volumeBucketMs, volumeBuckets } from '../../../../src-renderer/views/wallboard/chart-data.js';
import { manualTimers } from '../client/manual-timers.js';

const MINUTE = 60_000;

function point(minute: number, queued: number, serviceLevelPct: number | null, entered = 0): SeriesPoint {
  return { at: minute * MINUTE, queued, serviceLevelPct, entered };
}

const series = {
  a: [point(10, 1, 90, 2), point(11, 2, 80, 3), point(12, 3, null, 1)],
  b: [point(11, 5, 60, 4), point(12, 6, null, 0)],
};

describe('combineMinutes', () => {
  it('sums queued per minute over the queues', () => {
    expect(combineMinutes(series, [], 'queued', 0)).toEqual([
      { x: 10 * MINUTE, y: 1 },
      { x: 11 * MINUTE, y: 7 },
      { x: 12 * MINUTE, y: 9 },
    ]);
  });

  it('averages service level over the queues that have one, and leaves a gap where none has', () => {
    expect(combineMinutes(series, [], 'service_level', 0)).toEqual([
      { x: 10 * MINUTE, y: 90 },
      { x: 11 * MINUTE, y: 70 },
      { x: 12 * MINUTE, y: null },
    ]);
  });

  it('keeps to the chosen queues and the time window', () => {
    expect(combineMinutes(series, ['b', 'missing'], 'queued', 12 * MINUTE)).toEqual([{ x: 12 * MINUTE, y: 6 }]);
  });
});

describe('volumeBuckets', () => {
  it('adds arrivals per bucket, with empty buckets as zero', () => {
    const bucket = 15 * MINUTE;
    const arrivals = { a: [point(1, 0, null, 2), point(14, 0, null, 3), point(16, 0, null, 1), point(50, 0, null, 4)] };
    expect(volumeBuckets(arrivals, [], 0, 50 * MINUTE, bucket)).toEqual([
      { x: 0, y: 5 },
      { x: bucket, y: 1 },
      { x: 2 * bucket, y: 0 },
      { x: 3 * bucket, y: 4 },
    ]);
  });

  it('uses quarter hours up to 8 hours, then hours', () => {
    expect(volumeBucketMs(8)).toBe(15 * MINUTE);
    expect(volumeBucketMs(9)).toBe(60 * MINUTE);
  });
});

describe('chartPoints', () => {
  it('shows the last `hours` of the tile', () => {
    const long = { a: [point(0, 9, 50), point(100, 1, 50), point(130, 2, 50)] };
    expect(chartPoints({ series: 'queued', queueIds: [], hours: 1 }, long, 130 * MINUTE)).toEqual([
      { x: 100 * MINUTE, y: 1 },
      { x: 130 * MINUTE, y: 2 },
    ]);
    expect(chartPoints({ series: 'volume', queueIds: [], hours: 1 }, long, 130 * MINUTE)).toHaveLength(5);
  });

  it('compares points by value', () => {
    expect(samePoints([{ x: 1, y: 2 }], [{ x: 1, y: 2 }])).toBe(true);
    expect(samePoints([{ x: 1, y: 2 }], [{ x: 1, y: null }])).toBe(false);
    expect(samePoints([], [{ x: 1, y: 2 }])).toBe(false);
  });
});

describe('timeTicks', () => {
  it('puts ticks on round times, at most the number asked for', () => {
    const from = 7 * 60 * MINUTE + 7 * MINUTE;
    expect(timeTicks(from, from + 4 * 60 * MINUTE, 6).map((value) => value / MINUTE)).toEqual([480, 540, 600, 660]);
    expect(timeTicks(from, from + 60 * MINUTE, 6).map((value) => value / MINUTE)).toEqual([430, 440, 450, 460, 470, 480]);
    expect(timeTicks(0, 48 * 60 * MINUTE, 6)).toHaveLength(5);
  });

  it('has no ticks for an empty or broken range', () => {
    expect(timeTicks(10, 10, 6)).toEqual([]);
    expect(timeTicks(Number.NaN, 10, 6)).toEqual([]);
  });
});

describe('createRedrawGate', () => {
  function gate() {
    const timers = manualTimers();
    let now = 0;
    let draws = 0;
    const redrawGate = createRedrawGate({ minIntervalMs: 1000, now: () => now, timers, redraw: () => (draws += 1) });
    const advance = (ms: number): void => {
      now += ms;
      timers.advance(ms);
    };
    return { redrawGate, advance, draws: () => draws, timers };
  }

  it('draws the first request on the next turn', () => {
    const { redrawGate, advance, draws } = gate();
    redrawGate.request();
    expect(draws()).toBe(0);
    advance(0);
    expect(draws()).toBe(1);
  });

  it('collapses a burst into at most one draw per second', () => {
    const { redrawGate, advance, draws } = gate();
    for (let ms = 0; ms < 5_000; ms += 10) {
      redrawGate.request();
      advance(10);
    }
    advance(1_000);
    expect(draws()).toBeGreaterThanOrEqual(5);
    expect(draws()).toBeLessThanOrEqual(6);
  });

  it('draws nothing without requests, and nothing after stop', () => {
    const { redrawGate, advance, draws, timers } = gate();
    advance(10_000);
    expect(draws()).toBe(0);
    redrawGate.request();
    redrawGate.stop();
    advance(10_000);
    redrawGate.request();
    advance(10_000);
    expect(draws()).toBe(0);
    expect(timers.pending).toBe(0);
  });
});
