import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CONVERSATION_SORT,
  agentLabel,
  ariaSort,
  compareKeys,
  formatClockTime,
  initialConversationsState,
  liveHandleTimeSec,
  liveTimeWaitingSec,
  orderedAlerts,
  ownerName,
  reduceConversations,
  toggleSort,
  visibleColumns,
  visibleRows,
} from '../../../../src-renderer/views/queue-detail/conversations-model.js';
import type { ConversationsViewState, TimedRow } from '../../../../src-renderer/views/queue-detail/conversations-model.js';
import { diff, row, snapshot } from './fixtures.js';

const RECEIVED = 1_000_000;

function loaded(): ConversationsViewState {
  return reduceConversations(initialConversationsState, snapshot(10, [row('c-1'), row('c-2', { agentId: 'a-ben', agentName: 'Ben' })]), RECEIVED);
}

function ids(rows: readonly TimedRow[]): string[] {
  return rows.map((timed) => timed.row.conversationId);
}

describe('reduceConversations', () => {
  it('loads a snapshot by conversation id with its panel and floor position', () => {
    const state = loaded();

    expect(state.loaded).toBe(true);
    expect([...state.rows.keys()]).toEqual(['c-1', 'c-2']);
    expect(state.rows.get('c-1')?.receivedAt).toBe(RECEIVED);
    expect(state.asOfSeq).toBe(10);
    expect(state.panel).not.toBeNull();
  });

  it('upserts and removes rows from a diff, keeping rows the diff does not name as they were', () => {
    const before = loaded();

    const after = reduceConversations(before, diff(11, [row('c-3'), row('c-1', { handleTimeSec: 90 })], ['c-2']), RECEIVED + 500);

    expect([...after.rows.keys()].sort()).toEqual(['c-1', 'c-3']);
    expect(after.rows.get('c-1')?.row.handleTimeSec).toBe(90);
    expect(after.rows.get('c-1')?.receivedAt).toBe(RECEIVED + 500);
    expect(after.asOfSeq).toBe(11);
    expect(after.panel?.metrics.queued).toBe(11);
  });

  it('keeps the same rows map when a diff changes no row, so the table does not re-sort', () => {
    const before = loaded();

    const after = reduceConversations(before, diff(12, [], ['c-unknown']), RECEIVED + 1);

    expect(after.rows).toBe(before.rows);
    expect(after.asOfSeq).toBe(12);
  });

  it('ignores diffs before the first snapshot and diffs older than what is shown', () => {
    expect(reduceConversations(initialConversationsState, diff(5, [row('c-9')]), RECEIVED)).toBe(initialConversationsState);

    const before = loaded();
    expect(reduceConversations(before, diff(9, [row('c-9')]), RECEIVED)).toBe(before);
  });

  it('replaces everything on a snapshot (a re-subscribe), even at a lower position', () => {
    const after = reduceConversations(loaded(), snapshot(3, [row('c-7')]), RECEIVED + 10);

    expect([...after.rows.keys()]).toEqual(['c-7']);
    expect(after.asOfSeq).toBe(3);
  });
});

describe('ticking durations', () => {
  it('grows handle time and time waiting from the core clock since the row arrived', () => {
    const timed: TimedRow = { row: row('c-1', { handleTimeSec: 60, timeWaitingSec: 5 }), receivedAt: RECEIVED };

    expect(liveHandleTimeSec(timed, RECEIVED + 3_000)).toBe(63);
    expect(liveTimeWaitingSec(timed, RECEIVED + 3_000)).toBe(8);
  });

  it('never goes backwards when the clock reads earlier than the arrival, and keeps "nothing waiting" as null', () => {
    const timed: TimedRow = { row: row('c-1', { handleTimeSec: 60, timeWaitingSec: null }), receivedAt: RECEIVED };

    expect(liveHandleTimeSec(timed, RECEIVED - 5_000)).toBe(60);
    expect(liveHandleTimeSec({ ...timed, row: { ...timed.row, waitingForAgent: true } }, RECEIVED + 3_000)).toBeNull();
    expect(liveTimeWaitingSec(timed, RECEIVED + 5_000)).toBeNull();
  });
});

describe('sorting and filtering', () => {
  const rows = new Map<string, TimedRow>(
    [
      row('c-1', { assignedAt: 3_000, agentName: 'Cleo', agentId: 'a-cleo', handleTimeSec: 10, avgResponseTimeSec: null, alerts: ['whisper_sent'] }),
      row('c-2', { assignedAt: 1_000, agentName: 'ada', agentId: 'a-ada', handleTimeSec: 30, avgResponseTimeSec: 12, responseSla: 'breached', alerts: ['transfer', 'response_sla'] }),
      row('c-10', { assignedAt: 2_000, agentName: 'Ben', agentId: 'a-ben', handleTimeSec: 20, avgResponseTimeSec: 40, timeWaitingSec: 9 }),
    ].map((value) => [value.conversationId, { row: value, receivedAt: RECEIVED }]),
  );

  it('defaults to time assigned, oldest first', () => {
    expect(DEFAULT_CONVERSATION_SORT).toEqual({ column: 'assignedAt', direction: 'ascending' });
    expect(ids(visibleRows(rows, DEFAULT_CONVERSATION_SORT, null, RECEIVED))).toEqual(['c-2', 'c-10', 'c-1']);
  });

  it('lists customers waiting for an agent after the held conversations, by time assigned either way', () => {
    const waiting = row('c-w', { assignedAt: 9_000, agentId: null, agentName: null, handleTimeSec: 0, timeWaitingSec: 40, waitingForAgent: true });
    const withWaiting = new Map([...rows, ['c-w', { row: waiting, receivedAt: RECEIVED }]]);
    expect(ids(visibleRows(withWaiting, DEFAULT_CONVERSATION_SORT, null, RECEIVED)).at(-1)).toBe('c-w');
    expect(ids(visibleRows(withWaiting, { column: 'assignedAt', direction: 'descending' }, null, RECEIVED)).at(-1)).toBe('c-w');
    expect(ids(visibleRows(withWaiting, { column: 'timeWaiting', direction: 'descending' }, null, RECEIVED))[0]).toBe('c-w');
  });

  it('sorts text case-insensitively and ids numerically', () => {
    expect(ids(visibleRows(rows, { column: 'agent', direction: 'ascending' }, null, RECEIVED))).toEqual(['c-2', 'c-10', 'c-1']);
    expect(ids(visibleRows(rows, { column: 'conversationId', direction: 'ascending' }, null, RECEIVED))).toEqual(['c-1', 'c-2', 'c-10']);
  });

  it('puts rows without a value last in both directions', () => {
    expect(ids(visibleRows(rows, { column: 'avgResponseTime', direction: 'ascending' }, null, RECEIVED))).toEqual(['c-2', 'c-10', 'c-1']);
    expect(ids(visibleRows(rows, { column: 'avgResponseTime', direction: 'descending' }, null, RECEIVED))).toEqual(['c-10', 'c-2', 'c-1']);
    expect(ids(visibleRows(rows, { column: 'timeWaiting', direction: 'descending' }, null, RECEIVED))[0]).toBe('c-10');
  });

  it('sorts by handle time, SLA and alerts (more and more serious first when descending)', () => {
    expect(ids(visibleRows(rows, { column: 'handleTime', direction: 'descending' }, null, RECEIVED + 1_000))).toEqual(['c-2', 'c-10', 'c-1']);
    expect(ids(visibleRows(rows, { column: 'sla', direction: 'descending' }, null, RECEIVED))[0]).toBe('c-2');
    expect(ids(visibleRows(rows, { column: 'alerts', direction: 'descending' }, null, RECEIVED))).toEqual(['c-2', 'c-1', 'c-10']);
  });

  it('filters to one agent', () => {
    expect(ids(visibleRows(rows, DEFAULT_CONVERSATION_SORT, 'a-ben', RECEIVED))).toEqual(['c-10']);
    expect(visibleRows(rows, DEFAULT_CONVERSATION_SORT, 'a-nobody', RECEIVED)).toEqual([]);
  });

  it('names the filtered agent from their rows, or by id when no row names them', () => {
    expect(agentLabel(rows, 'a-ben')).toBe('Ben');
    expect(agentLabel(rows, 'a-gone')).toBe('a-gone');
  });

  it('toggles: the same column flips, another starts ascending; aria-sort follows', () => {
    const flipped = toggleSort(DEFAULT_CONVERSATION_SORT, 'assignedAt');
    expect(flipped).toEqual({ column: 'assignedAt', direction: 'descending' });
    expect(toggleSort(flipped, 'agent')).toEqual({ column: 'agent', direction: 'ascending' });
    expect(ariaSort(flipped, 'assignedAt')).toBe('descending');
    expect(ariaSort(flipped, 'agent')).toBe('none');
  });

  it('compares nulls last whatever the direction', () => {
    expect(compareKeys(null, 1, 'ascending')).toBeGreaterThan(0);
    expect(compareKeys(null, 1, 'descending')).toBeGreaterThan(0);
    expect(compareKeys(null, null, 'ascending')).toBe(0);
  });
});

describe('presentation', () => {
  it('shows the queue column only for groups', () => {
    expect(visibleColumns('queue')).not.toContain('queue');
    expect(visibleColumns('queue')).not.toContain('channel');
    // What a supervisor acts on comes right after who: it stays on screen at 1440 px.
    expect(visibleColumns('queue').slice(0, 5)).toEqual(['conversationId', 'agent', 'timeWaiting', 'sla', 'alerts']);
    expect(visibleColumns('group')).toContain('queue');
    expect(visibleColumns('group')).toHaveLength(11);
  });

  it('names a supervisor owner after a takeover instead of the agent', () => {
    expect(ownerName(row('c-1'))).toBe('Ada');
    expect(ownerName(row('c-1', { supervisorId: 'u-1', agentId: null, agentName: null }))).toBe('Supervisor');
    expect(ownerName(row('c-1', { agentName: null, agentId: 'a-x' }))).toBe('a-x');
  });

  it('orders alerts most serious first and drops repeats', () => {
    expect(orderedAlerts(['whisper_sent', 'response_sla', 'whisper_sent', 'transfer'])).toEqual(['response_sla', 'transfer', 'whisper_sent']);
  });

  it("writes times in the queue's zone, not the viewer's", () => {
    const at = Date.UTC(2026, 0, 15, 14, 5, 9);

    expect(formatClockTime(at, 'Europe/Paris')).toBe('15:05:09');
    expect(formatClockTime(at, 'America/New_York')).toBe('09:05:09');
  });

  it('falls back to UTC, and says so, for a zone it does not know', () => {
    expect(formatClockTime(Date.UTC(2026, 0, 15, 14, 5, 9), 'Not/AZone')).toBe('14:05:09 UTC');
  });
});
