/**
 * Schedule maths: each cadence at a local time in its own zone, across DST changes in Europe/Paris
 * and America/New_York (a time that does not exist runs at the next valid minute, a time that
 * happens twice runs once), and the choice of the one missed run to send after a closed spell.
 */
import { describe, expect, it } from 'vitest';
import { cronPattern, isKnownTimeZone, latestRunBetween, nextRunAfter, type ScheduleTiming } from '../../../../src-main/core/reports/schedule-time.js';

const daily = (time: string, timeZone: string): ScheduleTiming => ({ cadence: 'daily', time, weekday: 1, dayOfMonth: 1, timeZone });
const iso = (at: number | null): string | null => (at === null ? null : new Date(at).toISOString());

/** Every run in [from, until), as ISO strings. */
function runs(timing: ScheduleTiming, from: string, until: string): string[] {
  const found: string[] = [];
  for (let at = nextRunAfter(timing, Date.parse(from) - 1); at < Date.parse(until); at = nextRunAfter(timing, at)) found.push(new Date(at).toISOString());
  return found;
}

describe('schedule maths', () => {
  it('writes each cadence as a cron pattern', () => {
    expect(cronPattern(daily('07:05', 'UTC'))).toBe('5 7 * * *');
    expect(cronPattern({ ...daily('18:30', 'UTC'), cadence: 'weekdays' })).toBe('30 18 * * 1-5');
    expect(cronPattern({ ...daily('08:00', 'UTC'), cadence: 'weekly', weekday: 0 })).toBe('0 8 * * 0');
    expect(cronPattern({ ...daily('06:00', 'UTC'), cadence: 'monthly', dayOfMonth: 28 })).toBe('0 6 28 * *');
  });

  it('runs a daily report at its local time in Paris, through both DST changes', () => {
    // 29 March 2026: 02:00 CET becomes 03:00 CEST; 02:30 does not exist and runs at 03:00.
    expect(runs(daily('02:30', 'Europe/Paris'), '2026-03-28T00:00:00Z', '2026-03-31T00:00:00Z')).toEqual([
      '2026-03-28T01:30:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-30T00:30:00.000Z',
    ]);
    // 25 October 2026: 03:00 CEST becomes 02:00 CET; 02:30 happens twice and runs once, the first time.
    expect(runs(daily('02:30', 'Europe/Paris'), '2026-10-24T00:00:00Z', '2026-10-27T00:00:00Z')).toEqual([
      '2026-10-24T00:30:00.000Z',
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:30:00.000Z',
    ]);
    // A time away from the change keeps its local hour: 07:00 is 06:00Z in winter, 05:00Z in summer.
    expect(runs(daily('07:00', 'Europe/Paris'), '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z')).toEqual(['2026-03-28T06:00:00.000Z', '2026-03-29T05:00:00.000Z']);
  });

  it('runs a daily report at its local time in New York, through both DST changes', () => {
    // 8 March 2026: 02:00 EST becomes 03:00 EDT.
    expect(runs(daily('02:30', 'America/New_York'), '2026-03-07T12:00:00Z', '2026-03-10T12:00:00Z')).toEqual([
      '2026-03-08T07:00:00.000Z',
      '2026-03-09T06:30:00.000Z',
      '2026-03-10T06:30:00.000Z',
    ]);
    // 1 November 2026: 02:00 EDT becomes 01:00 EST; 01:30 happens twice and runs once.
    expect(runs(daily('01:30', 'America/New_York'), '2026-10-31T12:00:00Z', '2026-11-02T12:00:00Z')).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']);
  });

  it('runs weekday, weekly and monthly reports on their days', () => {
    const weekdays: ScheduleTiming = { ...daily('08:00', 'Europe/Paris'), cadence: 'weekdays' };
    // Friday 4 December 2026 to Tuesday 8 December: the weekend is skipped.
    expect(runs(weekdays, '2026-12-04T00:00:00Z', '2026-12-09T00:00:00Z')).toEqual(['2026-12-04T07:00:00.000Z', '2026-12-07T07:00:00.000Z', '2026-12-08T07:00:00.000Z']);
    const weekly: ScheduleTiming = { ...daily('09:15', 'America/New_York'), cadence: 'weekly', weekday: 0 };
    expect(runs(weekly, '2026-10-25T00:00:00Z', '2026-11-10T00:00:00Z')).toEqual(['2026-10-25T13:15:00.000Z', '2026-11-01T14:15:00.000Z', '2026-11-08T14:15:00.000Z']);
    const monthly: ScheduleTiming = { ...daily('06:00', 'Europe/Paris'), cadence: 'monthly', dayOfMonth: 28 };
    expect(runs(monthly, '2026-01-01T00:00:00Z', '2026-04-01T00:00:00Z')).toEqual(['2026-01-28T05:00:00.000Z', '2026-02-28T05:00:00.000Z', '2026-03-28T05:00:00.000Z']);
  });

  it('counts only runs strictly after a given run', () => {
    const timing = daily('07:00', 'UTC');
    expect(iso(nextRunAfter(timing, Date.parse('2026-12-03T07:00:00Z')))).toBe('2026-12-04T07:00:00.000Z');
    expect(iso(nextRunAfter(timing, Date.parse('2026-12-03T06:59:59Z')))).toBe('2026-12-03T07:00:00.000Z');
  });

  it('picks the latest run missed while closed, and none when nothing fell due', () => {
    const timing = daily('07:00', 'Europe/Paris');
    const lastRun = Date.parse('2026-12-01T06:00:00Z');
    // Closed from the 1st's run until the 4th at 10:00: the 2nd, 3rd and 4th were missed; the 4th is sent.
    expect(iso(latestRunBetween(timing, lastRun, Date.parse('2026-12-04T09:00:00Z')))).toBe('2026-12-04T06:00:00.000Z');
    // Reopened before the next run: nothing was missed.
    expect(latestRunBetween(timing, lastRun, Date.parse('2026-12-02T05:59:00Z'))).toBeNull();
    // The run at the very moment counts.
    expect(iso(latestRunBetween(timing, lastRun, Date.parse('2026-12-02T06:00:00Z')))).toBe('2026-12-02T06:00:00.000Z');
    // Months closed: still the latest one only.
    const monthly: ScheduleTiming = { ...timing, cadence: 'monthly', dayOfMonth: 15 };
    expect(iso(latestRunBetween(monthly, Date.parse('2025-01-01T00:00:00Z'), Date.parse('2026-12-04T09:00:00Z')))).toBe('2026-11-15T06:00:00.000Z');
  });

  it('knows an IANA zone from a made-up one', () => {
    expect(isKnownTimeZone('America/New_York')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
  });
});
