import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHoursClock, describeHoursState, hoursStateAt, isAlwaysOpen, validateBusinessHours, weekPreview } from '../../../src-shared/business-hours.js';
import type { BusinessHours } from '../../../src-shared/protocol/events.js';

const NY = 'America/New_York';
const at = (iso: string): number => Date.parse(iso);
const weekdays = (openMinute: number, closeMinute: number): BusinessHours['windows'] => [1, 2, 3, 4, 5].map((day) => ({ day, openMinute, closeMinute }));
const officeHours: BusinessHours = { windows: weekdays(8 * 60, 17 * 60), holidays: [] };
const allDay: BusinessHours = { windows: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, openMinute: 0, closeMinute: 1440 })), holidays: [] };

describe('hoursStateAt: weekly windows', () => {
  it('is open inside a window and says when it closes', () => {
    // Monday 5 Jan 2026, 12:00 EST
    expect(hoursStateAt(officeHours, NY, at('2026-01-05T17:00:00Z'))).toEqual({ open: true, alwaysOpen: false, changeAt: at('2026-01-05T22:00:00Z'), closedBy: null });
  });

  it('closes at the closing minute (windows are half-open) and opens the next weekday', () => {
    expect(hoursStateAt(officeHours, NY, at('2026-01-05T22:00:00Z'))).toEqual({ open: false, alwaysOpen: false, changeAt: at('2026-01-06T13:00:00Z'), closedBy: 'hours' });
    expect(hoursStateAt(officeHours, NY, at('2026-01-06T13:00:00Z')).open).toBe(true);
  });

  it('skips the weekend: Friday evening opens on Monday', () => {
    expect(hoursStateAt(officeHours, NY, at('2026-01-09T23:30:00Z')).changeAt).toBe(at('2026-01-12T13:00:00Z'));
  });

  it('a window closing at or before it opens runs past midnight and belongs to the day it opens', () => {
    const nights: BusinessHours = { windows: [{ day: 5, openMinute: 22 * 60, closeMinute: 2 * 60 }], holidays: [] };
    // Saturday 10 Jan 2026 01:00 EST: still Friday's window
    expect(hoursStateAt(nights, NY, at('2026-01-10T06:00:00Z'))).toEqual({ open: true, alwaysOpen: false, changeAt: at('2026-01-10T07:00:00Z'), closedBy: null });
    // a holiday on the Saturday does not cut Friday's window...
    expect(hoursStateAt({ ...nights, holidays: ['2026-01-10'] }, NY, at('2026-01-10T06:00:00Z')).open).toBe(true);
    // ...a holiday on the Friday removes it, the hours after midnight too
    const fridayOff = hoursStateAt({ ...nights, holidays: ['2026-01-09'] }, NY, at('2026-01-10T06:00:00Z'));
    expect(fridayOff).toEqual({ open: false, alwaysOpen: false, changeAt: at('2026-01-17T03:00:00Z'), closedBy: 'hours' });
  });

  it('windows that touch make one opening: no close at the seam', () => {
    const hours: BusinessHours = { windows: [{ day: 1, openMinute: 0, closeMinute: 1440 }, { day: 2, openMinute: 0, closeMinute: 600 }], holidays: [] };
    expect(hoursStateAt(hours, NY, at('2026-01-06T04:00:00Z')).changeAt).toBe(at('2026-01-06T15:00:00Z'));
  });

  it('always open: nothing to announce, and a holiday or special date makes it not always open', () => {
    expect(hoursStateAt(allDay, NY, at('2026-01-05T17:00:00Z'))).toEqual({ open: true, alwaysOpen: true, changeAt: null, closedBy: null });
    expect(isAlwaysOpen(allDay)).toBe(true);
    expect(isAlwaysOpen({ ...allDay, holidays: ['2026-12-25'] })).toBe(false);
    const christmas = hoursStateAt({ ...allDay, holidays: ['2026-12-25'] }, NY, at('2026-12-24T17:00:00Z'));
    expect(christmas).toEqual({ open: true, alwaysOpen: false, changeAt: at('2026-12-25T05:00:00Z'), closedBy: null });
  });

  it('no change within the horizon: changeAt is null', () => {
    expect(hoursStateAt({ windows: [], holidays: [] }, NY, at('2026-01-05T17:00:00Z'))).toEqual({ open: false, alwaysOpen: false, changeAt: null, closedBy: 'hours' });
    const farHoliday = hoursStateAt({ ...allDay, holidays: ['2026-03-01'] }, NY, at('2026-01-05T17:00:00Z'));
    expect(farHoliday).toEqual({ open: true, alwaysOpen: false, changeAt: null, closedBy: null });
  });
});

describe('hoursStateAt: holidays and special dates', () => {
  it('a holiday closes the whole day and says so', () => {
    const hours: BusinessHours = { ...officeHours, holidays: ['2026-01-05'] };
    expect(hoursStateAt(hours, NY, at('2026-01-05T17:00:00Z'))).toEqual({ open: false, alwaysOpen: false, changeAt: at('2026-01-06T13:00:00Z'), closedBy: 'holiday' });
  });

  it('special hours replace the week on that date', () => {
    const hours: BusinessHours = { ...officeHours, special: [{ date: '2026-01-05', windows: [{ openMinute: 10 * 60, closeMinute: 14 * 60 }] }] };
    expect(hoursStateAt(hours, NY, at('2026-01-05T14:00:00Z'))).toEqual({ open: false, alwaysOpen: false, changeAt: at('2026-01-05T15:00:00Z'), closedBy: 'special' });
    expect(hoursStateAt(hours, NY, at('2026-01-05T16:00:00Z'))).toEqual({ open: true, alwaysOpen: false, changeAt: at('2026-01-05T19:00:00Z'), closedBy: null });
    // a Saturday opened by special hours
    const saturday: BusinessHours = { ...officeHours, special: [{ date: '2026-01-10', windows: [{ openMinute: 9 * 60, closeMinute: 12 * 60 }] }] };
    expect(hoursStateAt(saturday, NY, at('2026-01-09T23:00:00Z')).changeAt).toBe(at('2026-01-10T14:00:00Z'));
    // a special date without windows is closed all day
    const closedDay: BusinessHours = { ...officeHours, special: [{ date: '2026-01-05', windows: [] }] };
    expect(hoursStateAt(closedDay, NY, at('2026-01-05T17:00:00Z')).closedBy).toBe('special');
  });
});

describe('hoursStateAt: DST days in America/New_York', () => {
  it('spring forward (8 Mar 2026): a window opening at 02:30 opens at 03:00 EDT, after the gap', () => {
    const hours: BusinessHours = { windows: [{ day: 0, openMinute: 150, closeMinute: 720 }], holidays: [] };
    expect(hoursStateAt(hours, NY, at('2026-03-08T06:59:59Z'))).toEqual({ open: false, alwaysOpen: false, changeAt: at('2026-03-08T07:00:00Z'), closedBy: 'hours' });
    expect(hoursStateAt(hours, NY, at('2026-03-08T07:00:00Z'))).toEqual({ open: true, alwaysOpen: false, changeAt: at('2026-03-08T16:00:00Z'), closedBy: null });
    // the week before, 02:30 EST exists
    expect(hoursStateAt(hours, NY, at('2026-03-01T07:00:00Z')).changeAt).toBe(at('2026-03-01T07:30:00Z'));
  });

  it('fall back (1 Nov 2026): a boundary in the repeated hour takes its first occurrence', () => {
    const hours: BusinessHours = { windows: [{ day: 0, openMinute: 0, closeMinute: 90 }, { day: 0, openMinute: 8 * 60, closeMinute: 17 * 60 }], holidays: [] };
    // 00:00 EDT opens, the first 01:30 (EDT) closes
    expect(hoursStateAt(hours, NY, at('2026-11-01T04:00:00Z'))).toEqual({ open: true, alwaysOpen: false, changeAt: at('2026-11-01T05:30:00Z'), closedBy: null });
    // the second 01:30 (EST) is closed; 08:00 is EST, 13:00Z
    expect(hoursStateAt(hours, NY, at('2026-11-01T06:30:00Z'))).toEqual({ open: false, alwaysOpen: false, changeAt: at('2026-11-01T13:00:00Z'), closedBy: 'hours' });
    const overnight: BusinessHours = { windows: [{ day: 6, openMinute: 22 * 60, closeMinute: 90 }], holidays: [] };
    expect(hoursStateAt(overnight, NY, at('2026-11-01T03:00:00Z')).changeAt).toBe(at('2026-11-01T05:30:00Z'));
  });
});

describe('hoursStateAt: zones east of UTC', () => {
  it('Asia/Kolkata (+05:30): 09:00–18:00 on weekdays', () => {
    const kolkata = 'Asia/Kolkata';
    // Monday 1 Jun 2026, 09:00 IST = 03:30Z
    expect(hoursStateAt({ windows: weekdays(540, 1080), holidays: [] }, kolkata, at('2026-06-01T03:29:00Z')).changeAt).toBe(at('2026-06-01T03:30:00Z'));
    expect(hoursStateAt({ windows: weekdays(540, 1080), holidays: [] }, kolkata, at('2026-06-01T03:30:00Z'))).toEqual({ open: true, alwaysOpen: false, changeAt: at('2026-06-01T12:30:00Z'), closedBy: null });
    // Sunday 31 May 23:00 UTC is already Monday 04:30 in Kolkata: the holiday of Monday applies
    expect(hoursStateAt({ windows: weekdays(540, 1080), holidays: ['2026-06-01'] }, kolkata, at('2026-05-31T23:00:00Z')).closedBy).toBe('holiday');
  });

  it('America/Santiago skips midnight (6 Sep 2026): the day starts, and a 00:00 window opens, at 01:00', () => {
    const hours: BusinessHours = { windows: [{ day: 0, openMinute: 0, closeMinute: 600 }], holidays: [] };
    expect(hoursStateAt(hours, 'America/Santiago', at('2026-09-06T03:30:00Z')).changeAt).toBe(at('2026-09-06T04:00:00Z'));
    expect(weekPreview(hours, 'America/Santiago', '2026-09-06', 1)[0]?.notes).toEqual(['00:00 does not occur on Sun 6 Sep 2026 in America/Santiago: the window opens at 01:00']);
  });

  it('Australia/Sydney spring forward (4 Oct 2026, 02:00 → 03:00 AEDT)', () => {
    const hours: BusinessHours = { windows: [{ day: 0, openMinute: 120, closeMinute: 600 }], holidays: [] };
    // 03:00 AEDT (+11) = 16:00Z on 3 Oct
    expect(hoursStateAt(hours, 'Australia/Sydney', at('2026-10-03T15:00:00Z')).changeAt).toBe(at('2026-10-03T16:00:00Z'));
  });
});

describe('createHoursClock', () => {
  it('answers like hoursStateAt as time moves forward and back', () => {
    const clock = createHoursClock(officeHours, NY);
    for (const iso of ['2026-01-05T17:00:00Z', '2026-01-05T21:59:59Z', '2026-01-05T22:00:00Z', '2026-01-06T05:00:00Z', '2026-01-05T18:00:00Z']) {
      expect(clock.stateAt(at(iso))).toEqual(hoursStateAt(officeHours, NY, at(iso)));
    }
  });

  it('equals hoursStateAt for random schedules, zones and instants (property)', () => {
    const zones = ['America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Sydney', 'UTC', 'Pacific/Chatham'];
    const base = at('2026-03-01T00:00:00Z');
    const window = fc.record({ day: fc.integer({ min: 0, max: 6 }), openMinute: fc.integer({ min: 0, max: 1440 }), closeMinute: fc.integer({ min: 0, max: 1440 }) });
    const date = fc.integer({ min: 0, max: 40 }).map((offset) => new Date(base + offset * 86_400_000).toISOString().slice(0, 10));
    const hours = fc.record({
      windows: fc.array(window, { maxLength: 6 }),
      holidays: fc.array(date, { maxLength: 3 }),
      special: fc.array(fc.record({ date, windows: fc.array(fc.record({ openMinute: fc.integer({ min: 0, max: 1440 }), closeMinute: fc.integer({ min: 0, max: 1440 }) }), { maxLength: 2 }) }), { maxLength: 2 }),
    });
    const steps = fc.array(fc.integer({ min: -2 * 3_600_000, max: 30 * 3_600_000 }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(hours, fc.constantFrom(...zones), fc.integer({ min: 0, max: 30 * 86_400_000 }), steps, (schedule, zone, start, moves) => {
        const clock = createHoursClock(schedule, zone);
        let time = base + start;
        for (const move of moves) {
          time += move;
          expect(clock.stateAt(time)).toEqual(hoursStateAt(schedule, zone, time));
        }
      }),
      { numRuns: 150, seed: 10 },
    );
  });
});

describe('hoursStateAt: consistency', () => {
  it('the state holds until changeAt and flips there (property)', () => {
    const zones = ['America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Sydney', 'America/Santiago'];
    const window = fc.record({ day: fc.integer({ min: 0, max: 6 }), openMinute: fc.integer({ min: 0, max: 1440 }), closeMinute: fc.integer({ min: 0, max: 1440 }) });
    const hours = fc.record({ windows: fc.array(window, { minLength: 1, maxLength: 5 }), holidays: fc.constant<string[]>([]) });
    // Instants spread over 2026, DST changes of both hemispheres included.
    const instant = fc.integer({ min: at('2026-01-01T00:00:00Z'), max: at('2026-12-31T00:00:00Z') });
    fc.assert(
      fc.property(hours, fc.constantFrom(...zones), instant, fc.double({ min: 0, max: 1, noNaN: true }), (schedule, zone, time, fraction) => {
        const state = hoursStateAt(schedule, zone, time);
        if (state.changeAt === null) return;
        expect(state.changeAt).toBeGreaterThan(time);
        const between = time + Math.floor((state.changeAt - time) * fraction);
        expect(hoursStateAt(schedule, zone, Math.min(between, state.changeAt - 1)).open).toBe(state.open);
        expect(hoursStateAt(schedule, zone, state.changeAt - 1).open).toBe(state.open);
        expect(hoursStateAt(schedule, zone, state.changeAt).open).toBe(!state.open);
      }),
      { numRuns: 120, seed: 20 },
    );
  });
});

describe('validateBusinessHours', () => {
  it.each<[string, BusinessHours, string | null]>([
    ['office hours', officeHours, null],
    ['a window past midnight', { windows: [{ day: 5, openMinute: 1320, closeMinute: 120 }, { day: 6, openMinute: 120, closeMinute: 600 }], holidays: [] }, null],
    ['open == close', { windows: [{ day: 1, openMinute: 480, closeMinute: 480 }], holidays: [] }, 'The Monday window opens and closes at 08:00.'],
    ['overlap on one day', { windows: [{ day: 1, openMinute: 480, closeMinute: 1020 }, { day: 1, openMinute: 720, closeMinute: 1200 }], holidays: [] }, 'Windows overlap: Monday 08:00–17:00 and Monday 12:00–20:00.'],
    ['past midnight into the next day', { windows: [{ day: 1, openMinute: 1320, closeMinute: 180 }, { day: 2, openMinute: 120, closeMinute: 600 }], holidays: [] }, 'Windows overlap: Monday 22:00–03:00 (next day) and Tuesday 02:00–10:00.'],
    ['Saturday night into Sunday', { windows: [{ day: 0, openMinute: 0, closeMinute: 600 }, { day: 6, openMinute: 1320, closeMinute: 60 }], holidays: [] }, 'Windows overlap: Sunday 00:00–10:00 and Saturday 22:00–01:00 (next day).'],
    ['a holiday twice', { ...officeHours, holidays: ['2026-12-25', '2026-12-25'] }, '2026-12-25 is listed twice as a holiday.'],
    ['not a date', { ...officeHours, holidays: ['2026-02-30'] }, '2026-02-30 is not a date.'],
    ['special twice', { ...officeHours, special: [{ date: '2026-12-24', windows: [] }, { date: '2026-12-24', windows: [] }] }, '2026-12-24 has special hours twice.'],
    ['holiday and special', { ...officeHours, holidays: ['2026-12-24'], special: [{ date: '2026-12-24', windows: [] }] }, '2026-12-24 is both a holiday and a date with special hours.'],
    [
      'special windows overlapping',
      { ...officeHours, special: [{ date: '2026-12-24', windows: [{ openMinute: 1320, closeMinute: 120 }, { openMinute: 1380, closeMinute: 1440 }] }] },
      'Windows on 2026-12-24 overlap: 22:00–02:00 (next day) and 23:00–00:00.',
    ],
  ])('%s', (_name, hours, expected) => {
    expect(validateBusinessHours(hours)).toBe(expected);
  });
});

describe('weekPreview', () => {
  it('lays out the week with kinds, instants and local labels', () => {
    const hours: BusinessHours = {
      windows: [...weekdays(480, 1020), { day: 5, openMinute: 1320, closeMinute: 120 }],
      holidays: ['2026-01-06'],
      special: [{ date: '2026-01-07', windows: [{ openMinute: 600, closeMinute: 840 }] }],
    };
    const preview = weekPreview(hours, NY, '2026-01-04');
    expect(preview.map((day) => [day.date, day.weekday, day.kind, day.intervals.map((interval) => interval.label)])).toEqual([
      ['2026-01-04', 0, 'weekly', []],
      ['2026-01-05', 1, 'weekly', ['08:00–17:00']],
      ['2026-01-06', 2, 'holiday', []],
      ['2026-01-07', 3, 'special', ['10:00–14:00']],
      ['2026-01-08', 4, 'weekly', ['08:00–17:00']],
      ['2026-01-09', 5, 'weekly', ['08:00–17:00', '22:00–02:00 (next day)']],
      ['2026-01-10', 6, 'weekly', []],
    ]);
    expect(preview[1]?.intervals[0]).toMatchObject({ from: at('2026-01-05T13:00:00Z'), to: at('2026-01-05T22:00:00Z') });
    expect(preview.every((day) => day.notes.length === 0)).toBe(true);
  });

  it('states what DST does on the spring-forward and fall-back days', () => {
    const hours: BusinessHours = { windows: [{ day: 0, openMinute: 150, closeMinute: 720 }], holidays: [] };
    const [spring] = weekPreview(hours, NY, '2026-03-08', 1);
    expect(spring?.intervals).toEqual([{ from: at('2026-03-08T07:00:00Z'), to: at('2026-03-08T16:00:00Z'), label: '03:00–12:00' }]);
    expect(spring?.notes).toEqual(['02:30 does not occur on Sun 8 Mar 2026 in America/New_York: the window opens at 03:00']);
    const fall: BusinessHours = { windows: [{ day: 0, openMinute: 90, closeMinute: 600 }], holidays: [] };
    expect(weekPreview(fall, NY, '2026-11-01', 1)[0]?.notes).toEqual(['01:30 occurs twice on Sun 1 Nov 2026 in America/New_York: the window opens at the first 01:30']);
    const inGap: BusinessHours = { windows: [{ day: 0, openMinute: 130, closeMinute: 160 }], holidays: [] };
    expect(weekPreview(inGap, NY, '2026-03-08', 1)[0]).toMatchObject({
      intervals: [],
      notes: ['02:10–02:40 falls in the time skipped on Sun 8 Mar 2026 in America/New_York: the window does not open'],
    });
  });
});

describe('describeHoursState', () => {
  it('says open or closed, until when, with the zone abbreviation and the weekday only when not today', () => {
    const mondayNoon = at('2026-01-05T17:00:00Z');
    expect(describeHoursState(hoursStateAt(officeHours, NY, mondayNoon), NY, mondayNoon)).toBe('Open — closes 17:00 EST');
    const fridayEvening = at('2026-01-09T23:30:00Z');
    expect(describeHoursState(hoursStateAt(officeHours, NY, fridayEvening), NY, fridayEvening)).toBe('Closed — opens Mon 08:00 EST');
    const mondayEarly = at('2026-01-05T11:00:00Z');
    expect(describeHoursState(hoursStateAt(officeHours, NY, mondayEarly), NY, mondayEarly)).toBe('Closed — opens 08:00 EST');
    const holiday: BusinessHours = { ...officeHours, holidays: ['2026-01-05'] };
    expect(describeHoursState(hoursStateAt(holiday, NY, mondayNoon), NY, mondayNoon)).toBe('Closed today (holiday) — opens Tue 08:00 EST');
    expect(describeHoursState(hoursStateAt(allDay, NY, mondayNoon), NY, mondayNoon)).toBe('Open 24 hours');
    expect(describeHoursState(hoursStateAt({ windows: [], holidays: [] }, NY, mondayNoon), NY, mondayNoon)).toBe('Closed');
  });

  it('uses the zone of the queue, in summer time too', () => {
    const hours: BusinessHours = { windows: weekdays(540, 1080), holidays: [] };
    const now = at('2026-06-01T05:00:00Z');
    expect(describeHoursState(hoursStateAt(hours, 'Asia/Kolkata', now), 'Asia/Kolkata', now)).toBe('Open — closes 18:00 GMT+5:30');
    expect(describeHoursState(hoursStateAt(officeHours, NY, now), NY, now)).toBe('Closed — opens 08:00 EDT');
  });
});
