/**
 * The forecast's local day across a change of clocks: the same weekdays are lined up by local time
 * of day, not by UTC, and a day that loses an hour has 92 intervals.
 */
import { describe, expect, it } from 'vitest';
import { RATIO_MAX, RATIO_MIN, forecastDay, forecastWindows, type ArrivalRollup } from '../../../../src-main/core/staffing/forecast.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Sunday 29 March 2026: London moves from GMT to BST at 01:00 UTC. */
const CHANGE_DAY = Date.UTC(2026, 2, 29);

function rollup(bucketStart: number, entered: number): ArrivalRollup {
  return { bucketStart, entered, handled: entered, handleMsSum: entered * 180_000 };
}

function request(now: number, rollups: readonly ArrivalRollup[], coveredFrom: number | null) {
  return { targetId: 'q', name: 'Q', channel: 'voice' as const, timeZone: 'Europe/London', now, rollups, coveredFrom, todayHandleTimeS: null, targetAnswerS: 20, targetServiceLevel: 0.8, slotsPerAgent: 1 };
}

describe('forecastDay', () => {
  it('lines up the same weekdays by local time across the spring change', () => {
    // 10:00 local: 10:00 UTC on the Sunday before (GMT), 09:00 UTC on the day (BST).
    const lastSunday = CHANGE_DAY - 7 * DAY;
    const now = CHANGE_DAY + 11 * HOUR;
    const forecast = forecastDay(request(now, [rollup(lastSunday + 10 * HOUR, 8), rollup(CHANGE_DAY + 9 * HOUR, 4)], lastSunday - DAY));

    expect(forecast.weekday).toBe('Sunday');
    expect(forecast.intervals).toHaveLength(92);
    const tenLocal = forecast.intervals.find((interval) => interval.start === CHANGE_DAY + 9 * HOUR);
    expect(tenLocal).toMatchObject({ actual: 4, average: 8 });
    // Handle time from the same weekdays, today having none.
    expect(forecast.handleTimeS).toEqual({ value: 180 });
    expect(forecast.handleTimeFrom).toBe('same-weekdays');
  });

  it('keeps today’s ratio within its bounds', () => {
    const lastMonday = Date.UTC(2026, 2, 2);
    const today = lastMonday + 7 * DAY;
    const busy = Array.from({ length: 8 }, (_, index) => rollup(lastMonday + 9 * HOUR + index * 15 * 60_000, 50));
    const quiet = forecastDay(request(today + 11 * HOUR, busy, lastMonday - DAY));
    expect(quiet.basis.value?.ratio).toBe(RATIO_MIN);
    const flood = forecastDay(request(today + 11 * HOUR, [rollup(lastMonday + 9 * HOUR, 1), ...Array.from({ length: 8 }, (_, index) => rollup(today + 9 * HOUR + index * 15 * 60_000, 100))], lastMonday - DAY));
    expect(flood.basis.value?.ratio).toBe(RATIO_MAX);
  });

  it('reads today up to now and eight same weekdays, each a whole local day', () => {
    const now = CHANGE_DAY + 11 * HOUR;
    const windows = forecastWindows(now, 'Europe/London');
    expect(windows).toHaveLength(9);
    expect(windows[0]).toEqual({ from: CHANGE_DAY, to: now + 1 });
    expect(windows[1]).toEqual({ from: CHANGE_DAY - 7 * DAY, to: CHANGE_DAY - 6 * DAY });
  });
});
