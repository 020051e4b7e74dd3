import { describe, expect, it } from 'vitest';
import { formatDuration, isValidTimeZone, localDate, startOfDayInZone, zonedParts } from '../../../src-shared/time.js';

describe('startOfDayInZone', () => {
  it.each([
    // zone, instant, expected local midnight (as UTC instant)
    ['UTC', '2026-03-10T15:30:00Z', '2026-03-10T00:00:00Z'],
    ['America/New_York', '2026-01-15T03:59:59Z', '2026-01-14T05:00:00Z'], // 22:59 local, the day before
    ['America/New_York', '2026-01-15T05:00:00Z', '2026-01-15T05:00:00Z'], // exactly local midnight
    ['America/New_York', '2026-03-08T12:00:00Z', '2026-03-08T05:00:00Z'], // spring forward: midnight was still EST
    ['America/New_York', '2026-11-01T12:00:00Z', '2026-11-01T04:00:00Z'], // fall back: midnight was still EDT
    ['Europe/London', '2026-03-29T00:30:00Z', '2026-03-29T00:00:00Z'], // BST starts at 01:00 UTC
    ['Asia/Kolkata', '2026-06-01T18:29:00Z', '2026-05-31T18:30:00Z'], // +05:30
    ['Pacific/Chatham', '2026-06-01T12:00:00Z', '2026-06-01T11:15:00Z'], // +12:45: 00:45 local on 2 June
  ])('%s at %s starts its day at %s', (zone, instant, expected) => {
    const at = Date.parse(instant);
    const start = startOfDayInZone(at, zone);
    const local = zonedParts(start, zone);
    expect([local.hour, local.minute, local.second]).toEqual([0, 0, 0]);
    expect(start).toBeLessThanOrEqual(at);
    expect(at - start).toBeLessThan(25 * 3_600_000);
    expect(new Date(start).toISOString()).toBe(new Date(expected).toISOString());
  });

  it('local dates follow the zone, not UTC', () => {
    expect(localDate(Date.parse('2026-01-15T03:00:00Z'), 'America/Los_Angeles')).toBe('2026-01-14');
    expect(localDate(Date.parse('2026-01-15T03:00:00Z'), 'Europe/Berlin')).toBe('2026-01-15');
  });
});

describe('time zones and durations', () => {
  it('knows real zones and refuses made-up ones', () => {
    expect(isValidTimeZone('America/Chicago')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
  });

  it.each([
    [0, '0:00'],
    [59.6, '1:00'],
    [125, '2:05'],
    [3_723, '1:02:03'],
    [-5, '0:00'],
    [null, '–'],
    [Number.NaN, '–'],
  ])('formatDuration(%s) = %s', (seconds, shown) => {
    expect(formatDuration(seconds)).toBe(shown);
  });
});
