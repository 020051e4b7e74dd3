import { describe, expect, it } from 'vitest';
import type { QueueHoursState } from '../../../../src-shared/business-hours.js';
import { closedReason, showsClosed, tileHours } from '../../../../src-renderer/format/hours-text.js';
import { tile } from '../store/tile-fixtures.js';

const closed: QueueHoursState = { open: false, alwaysOpen: false, changeAt: null, closedBy: 'hours' };
const open: QueueHoursState = { open: true, alwaysOpen: false, changeAt: null, closedBy: null };

describe('open/closed on tiles', () => {
  it('shows a queue open around the clock as it is, and reads no state from a tile that has none (an older core)', () => {
    expect(tileHours(tile('q-a', 'Orders'))).toMatchObject({ open: true, alwaysOpen: true });
    expect(showsClosed(tile('q-a', 'Orders'))).toBe(false);
    const { hours: _hours, ...older } = tile('q-a', 'Orders');
    expect(tileHours(older as unknown as ReturnType<typeof tile>)).toBeNull();
  });

  it('shows a closed queue with nobody waiting as closed, not as an empty good queue', () => {
    const closedTile = { ...tile('q-a', 'Orders'), hours: closed };
    expect(tileHours(closedTile)).toEqual(closed);
    expect(showsClosed(closedTile)).toBe(true);
  });

  it('keeps the figures of a closed queue whose customers are still waiting, and of an open one', () => {
    const waiting = { ...tile('q-a', 'Orders', { queued: 3 }), hours: closed };
    expect(showsClosed(waiting)).toBe(false);
    const openTile = { ...tile('q-a', 'Orders'), hours: open };
    expect(showsClosed(openTile)).toBe(false);
  });

  it('says why a queue is closed', () => {
    expect(closedReason({ ...closed, closedBy: 'holiday' })).toMatch(/holiday/);
    expect(closedReason(open)).toBe('');
  });
});
