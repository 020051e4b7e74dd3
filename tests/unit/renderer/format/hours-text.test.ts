import { describe, expect, it } from 'vitest';
import { describeHoursState } from '../../../../src-renderer/format/hours-text.js';

// Monday 7 December 2026, 10:00 in New York (EST, UTC−5).
const now = Date.UTC(2026, 11, 7, 15, 0);
const zone = 'America/New_York';

describe('open/closed words', () => {
  it('says when an open queue closes later today, in its zone', () => {
    const words = describeHoursState({ open: true, alwaysOpen: false, changeAt: Date.UTC(2026, 11, 7, 22, 0), closedBy: null }, zone, now);
    expect(words).toEqual({ label: 'Open', text: 'Open — closes 17:00 EST', reason: '' });
  });

  it('names the day a closed queue opens on when it is not today', () => {
    const words = describeHoursState({ open: false, alwaysOpen: false, changeAt: Date.UTC(2026, 11, 8, 13, 0), closedBy: 'holiday' }, zone, now);
    expect(words).toEqual({ label: 'Closed', text: 'Closed — opens Tue 08:00 EST', reason: 'A holiday: closed all day.' });
  });

  it('gives the date when the change is a week or more away, and no time when none is known', () => {
    expect(describeHoursState({ open: false, alwaysOpen: false, changeAt: Date.UTC(2026, 11, 21, 13, 0), closedBy: 'hours' }, zone, now)?.text).toBe('Closed — opens Dec 21 08:00 EST');
    expect(describeHoursState({ open: false, alwaysOpen: false, changeAt: null, closedBy: 'hours' }, zone, now)?.text).toBe('Closed');
  });

  it('has nothing to say about a queue open around the clock', () => {
    expect(describeHoursState({ open: true, alwaysOpen: true, changeAt: null, closedBy: null }, zone, now)).toBeNull();
  });
});
