import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RANGE_PRESETS, type RangeSpec } from '../../../../src-shared/api/insights.js';
import { dateOfDayNumber } from '../../../../src-shared/business-hours-zone.js';
import {
  hourOfWeekKey,
  intervalIndexOf,
  intervalLabel,
  intervalStarts,
  resolveRange,
  zoneOffsets,
} from '../../../../src-shared/insights/time-range.js';
import { localDate, zonedParts } from '../../../../src-shared/time.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Thursday 3 December 2026, 10:00 UTC. */
const NOW = Date.UTC(2026, 11, 3, 10, 0);

function days(spec: RangeSpec, timeZone: string, now = NOW): [string, string] {
  const { range } = resolveRange(spec, timeZone, now);
  return [localDate(range.from, timeZone), localDate(range.to - 1, timeZone)];
}

describe('resolveRange', () => {
  it('resolves the presets to whole local days, weeks from Monday, calendar months', () => {
    const zone = 'Europe/Paris';
    expect(days({ preset: 'today' }, zone)).toEqual(['2026-12-03', '2026-12-03']);
    expect(days({ preset: 'yesterday' }, zone)).toEqual(['2026-12-02', '2026-12-02']);
    expect(days({ preset: 'last7Days' }, zone)).toEqual(['2026-11-26', '2026-12-02']);
    expect(days({ preset: 'last30Days' }, zone)).toEqual(['2026-11-03', '2026-12-02']);
    expect(days({ preset: 'last90Days' }, zone)).toEqual(['2026-09-04', '2026-12-02']);
    expect(days({ preset: 'thisWeek' }, zone)).toEqual(['2026-11-30', '2026-12-06']);
    expect(days({ preset: 'lastWeek' }, zone)).toEqual(['2026-11-23', '2026-11-29']);
    expect(days({ preset: 'thisMonth' }, zone)).toEqual(['2026-12-01', '2026-12-31']);
    expect(days({ preset: 'lastMonth' }, zone)).toEqual(['2026-11-01', '2026-11-30']);
    expect(days({ from: '2026-02-27', to: '2026-03-02' }, zone)).toEqual(['2026-02-27', '2026-03-02']);
  });

  it('takes "today" in the query zone: at 02:00 UTC it is still yesterday in New York', () => {
    const early = Date.UTC(2026, 11, 3, 2, 0);
    expect(days({ preset: 'today' }, 'America/New_York', early)).toEqual(['2026-12-02', '2026-12-02']);
    expect(days({ preset: 'today' }, 'Asia/Tokyo', early)).toEqual(['2026-12-03', '2026-12-03']);
  });

  it('compares with the same number of days just before, and with the calendar month before for months', () => {
    const zone = 'Europe/Paris';
    const week = resolveRange({ preset: 'last7Days' }, zone, NOW);
    expect([localDate(week.previous.from, zone), localDate(week.previous.to - 1, zone)]).toEqual(['2026-11-19', '2026-11-25']);
    expect(week.previous.to).toBe(week.range.from);
    const month = resolveRange({ preset: 'lastMonth' }, zone, NOW);
    expect([localDate(month.previous.from, zone), localDate(month.previous.to - 1, zone)]).toEqual(['2026-10-01', '2026-10-31']);
    const custom = resolveRange({ from: '2026-10-24', to: '2026-10-26' }, zone, NOW);
    expect([localDate(custom.previous.from, zone), localDate(custom.previous.to - 1, zone)]).toEqual(['2026-10-21', '2026-10-23']);
    expect(custom.range.label).toBe('Custom (2026-10-24 – 2026-10-26)');
  });

  it('gives a fall-back day 25 hours and a spring-forward day 23', () => {
    const paris = resolveRange({ from: '2026-10-25', to: '2026-10-25' }, 'Europe/Paris', NOW).range;
    expect(paris.to - paris.from).toBe(25 * HOUR);
    expect(paris.from).toBe(Date.UTC(2026, 9, 24, 22));
    const newYork = resolveRange({ from: '2026-03-08', to: '2026-03-08' }, 'America/New_York', NOW).range;
    expect(newYork.to - newYork.from).toBe(23 * HOUR);
    expect(newYork.from).toBe(Date.UTC(2026, 2, 8, 5));
  });

  it('always resolves to local midnights, previous period ending where the range starts (property)', () => {
    const zones = ['Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Santiago', 'Pacific/Chatham', 'UTC'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 11, 31) }),
        fc.constantFrom(...zones),
        fc.oneof(
          fc.constantFrom(...RANGE_PRESETS).map((preset): RangeSpec => ({ preset })),
          fc.tuple(fc.integer({ min: 18_000, max: 21_000 }), fc.integer({ min: 0, max: 100 })).map(([first, length]): RangeSpec => ({ from: dateOfDayNumber(first), to: dateOfDayNumber(first + length) })),
        ),
        (now, timeZone, spec) => {
          const { range, previous } = resolveRange(spec, timeZone, now);
          expect(range.from).toBeLessThan(range.to);
          expect(previous.to).toBe(range.from);
          for (const bound of [range.from, range.to, previous.from]) {
            const parts = zonedParts(bound, timeZone);
            // A midnight skipped by DST (Santiago) starts the day at the gap's end, 01:00.
            expect(parts.minute === 0 && (parts.hour === 0 || parts.hour === 1)).toBe(true);
            if (parts.hour === 1) expect(zonedParts(bound - 1000, timeZone).hour).toBe(23);
          }
          const dayCount = Math.round((range.to - range.from) / DAY);
          expect(Math.abs(range.to - range.from - dayCount * DAY)).toBeLessThanOrEqual(HOUR);
          const dayStarts = intervalStarts(range.from, range.to, 'day', zoneOffsets(timeZone, range.from, range.to));
          expect(dayStarts.length).toBe(dayCount);
          if (!('preset' in spec) || !spec.preset.endsWith('Month')) expect(Math.round((previous.to - previous.from) / DAY)).toBe(dayCount);
        },
      ),
      { numRuns: 120 },
    );
  });
});

describe('intervals in a zone', () => {
  it('cuts the Paris fall-back day into 25 hours, the repeated 02:00 twice with its offset, and 100 quarters', () => {
    const zone = 'Europe/Paris';
    const { range } = resolveRange({ from: '2026-10-25', to: '2026-10-25' }, zone, NOW);
    const offsets = zoneOffsets(zone, range.from, range.to);
    const hours = intervalStarts(range.from, range.to, 'hour', offsets);
    expect(hours.length).toBe(25);
    const labels = hours.map((start) => intervalLabel(start, 'hour', offsets));
    expect(labels.slice(0, 5)).toEqual(['2026-10-25 00:00', '2026-10-25 01:00', '2026-10-25 02:00 +02:00', '2026-10-25 02:00 +01:00', '2026-10-25 03:00']);
    expect(intervalStarts(range.from, range.to, '15m', offsets).length).toBe(100);
    expect(intervalStarts(range.from, range.to, 'day', offsets)).toEqual([range.from]);
  });

  it('cuts the New York spring-forward day into 23 hours with no 02:00, and 92 quarters', () => {
    const zone = 'America/New_York';
    const { range } = resolveRange({ from: '2026-03-08', to: '2026-03-08' }, zone, NOW);
    const offsets = zoneOffsets(zone, range.from, range.to);
    const hours = intervalStarts(range.from, range.to, 'hour', offsets);
    expect(hours.length).toBe(23);
    expect(hours.map((start) => intervalLabel(start, 'hour', offsets)).slice(0, 3)).toEqual(['2026-03-08 00:00', '2026-03-08 01:00', '2026-03-08 03:00']);
    expect(intervalStarts(range.from, range.to, '15m', offsets).length).toBe(92);
  });

  it('starts half-hour zones on their own hours and maps a quarter to the interval holding its start', () => {
    const zone = 'Asia/Kolkata';
    const { range } = resolveRange({ from: '2026-06-01', to: '2026-06-01' }, zone, NOW);
    const offsets = zoneOffsets(zone, range.from, range.to);
    const hours = intervalStarts(range.from, range.to, 'hour', offsets);
    expect(hours.length).toBe(24);
    expect(hours[1]).toBe(Date.UTC(2026, 4, 31, 19, 30));
    expect(intervalIndexOf(hours, Date.UTC(2026, 4, 31, 19, 45))).toBe(1);
    expect(intervalIndexOf(hours, range.from - 1)).toBe(-1);
  });

  it('cuts weeks at Mondays and months at the first, in local time', () => {
    const zone = 'America/New_York';
    const { range } = resolveRange({ from: '2026-02-25', to: '2026-03-20' }, zone, NOW);
    const offsets = zoneOffsets(zone, range.from, range.to);
    expect(intervalStarts(range.from, range.to, 'week', offsets).map((start) => localDate(start, zone))).toEqual(['2026-02-25', '2026-03-02', '2026-03-09', '2026-03-16']);
    expect(intervalStarts(range.from, range.to, 'month', offsets).map((start) => localDate(start, zone))).toEqual(['2026-02-25', '2026-03-01']);
  });

  it('keys the hour-of-week heatmap by ISO weekday and local hour', () => {
    const zone = 'Europe/Paris';
    const offsets = zoneOffsets(zone, NOW - DAY, NOW + DAY);
    // Thursday 3 December 2026, 10:00 UTC is 11:00 in Paris.
    expect(hourOfWeekKey(NOW, offsets)).toBe('4:11');
  });
});
