import { describe, expect, it } from 'vitest';
import type { BusinessHours } from '../../../../src-shared/protocol/events.js';
import {
  crossesMidnight,
  describeWindow,
  draftFromHours,
  localDateIn,
  minuteText,
  parseHoursDraft,
  parseMinute,
  withDay,
  type HoursDraft,
} from '../../../../src-renderer/views/management/hours-model.js';

const weekdays: BusinessHours = {
  windows: [1, 2, 3, 4, 5].map((day) => ({ day, openMinute: 480, closeMinute: 1020 })),
  holidays: ['2026-12-25'],
};

const emptyDraft: HoursDraft = { week: [[], [], [], [], [], [], []], holidays: [], special: [], closedMessage: '' };

describe('business hours editor', () => {
  it('reads and writes times of day, 24:00 as the end of the day', () => {
    expect(minuteText(480)).toBe('08:00');
    expect(minuteText(1440)).toBe('24:00');
    expect(parseMinute(' 8:30 ')).toBe(510);
    expect(parseMinute('24:00')).toBe(1440);
    expect(parseMinute('24:01')).toBeNull();
    expect(parseMinute('12:60')).toBeNull();
    expect(parseMinute('noon')).toBeNull();
  });

  it('says when a window runs past midnight, and the whole day is not such a window', () => {
    expect(crossesMidnight(1320, 360)).toBe(true);
    expect(crossesMidnight(480, 0)).toBe(true);
    expect(crossesMidnight(0, 1440)).toBe(false);
    expect(crossesMidnight(0, 0)).toBe(false);
    expect(describeWindow(1320, 360)).toBe('22:00–06:00 next day');
    expect(describeWindow(480, 1020)).toBe('08:00–17:00');
    expect(describeWindow(0, 1440)).toBe('all day');
  });

  it('round-trips the hours a queue has through the draft', () => {
    const hours: BusinessHours = {
      windows: [
        { day: 1, openMinute: 780, closeMinute: 1020 },
        { day: 1, openMinute: 480, closeMinute: 720 },
        { day: 5, openMinute: 1320, closeMinute: 360 },
      ],
      holidays: ['2026-12-31', '2026-12-25'],
      special: [{ date: '2026-12-24', windows: [{ openMinute: 480, closeMinute: 720 }] }],
      closedMessage: 'We are closed.',
    };
    const draft = draftFromHours(hours);
    expect(draft.week[1]).toEqual([
      { open: '08:00', close: '12:00' },
      { open: '13:00', close: '17:00' },
    ]);
    expect(draft.holidays).toEqual(['2026-12-25', '2026-12-31']);
    const parsed = parseHoursDraft(draft);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect([...parsed.hours.windows].sort((left, right) => left.day - right.day || left.openMinute - right.openMinute)).toEqual(
      [...hours.windows].sort((left, right) => left.day - right.day || left.openMinute - right.openMinute),
    );
    expect(parsed.hours.holidays).toEqual(['2026-12-25', '2026-12-31']);
    expect(parsed.hours.special).toEqual(hours.special);
    expect(parsed.hours.closedMessage).toBe('We are closed.');
  });

  it('makes hours with no window at all from an empty week (closed every day), without optional fields', () => {
    expect(parseHoursDraft(emptyDraft)).toEqual({ ok: true, hours: { windows: [], holidays: [] } });
  });

  it('refuses a window that opens and closes at the same minute, as the feed does', () => {
    expect(parseHoursDraft(withDay(emptyDraft, 3, [{ open: '00:00', close: '00:00' }])).ok).toBe(false);
    expect(parseHoursDraft(withDay(emptyDraft, 3, [{ open: '00:00', close: '24:00' }])).ok).toBe(true);
  });

  it('refuses a time that is not one, windows of a day that overlap, and an opening at 24:00', () => {
    const draft = withDay(
      withDay(emptyDraft, 1, [
        { open: '08:00', close: '12:00' },
        { open: '11:00', close: '14:00' },
      ]),
      2,
      [
        { open: '8h', close: '12:00' },
        { open: '24:00', close: '02:00' },
      ],
    );
    const parsed = parseHoursDraft(draft);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect([...parsed.errors.keys()].sort()).toEqual(['week.1', 'week.2.0', 'week.2.1']);
  });

  it('counts a window past midnight as running to the next day when checking overlaps', () => {
    const parsed = parseHoursDraft(
      withDay(emptyDraft, 5, [
        { open: '22:00', close: '06:00' },
        { open: '23:00', close: '23:30' },
      ]),
    );
    expect(parsed.ok).toBe(false);
    expect(parseHoursDraft(withDay(emptyDraft, 5, [{ open: '22:00', close: '06:00' }])).ok).toBe(true);
  });

  it('refuses a date given twice, a date that does not exist, and a special date that is also a holiday', () => {
    const parsed = parseHoursDraft({
      ...emptyDraft,
      holidays: ['2026-12-25', '2026-12-25', '2026-02-30'],
      special: [{ date: '2026-12-25', windows: [] }],
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect([...parsed.errors.keys()].sort()).toEqual(['holiday.1', 'holiday.2', 'special.0']);
  });

  it('keeps a special date with no window (closed that day)', () => {
    const parsed = parseHoursDraft({ ...draftFromHours(weekdays), special: [{ date: '2026-12-24', windows: [] }] });
    expect(parsed).toMatchObject({ ok: true, hours: { special: [{ date: '2026-12-24', windows: [] }] } });
  });

  it('gives the date in the queue zone, which may differ from UTC', () => {
    const at = Date.UTC(2026, 11, 3, 2, 0);
    expect(localDateIn('UTC', at)).toBe('2026-12-03');
    expect(localDateIn('America/New_York', at)).toBe('2026-12-02');
    expect(localDateIn('Asia/Tokyo', Date.UTC(2026, 11, 3, 20, 0))).toBe('2026-12-04');
  });
});
