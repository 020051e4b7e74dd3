import { describe, expect, it } from 'vitest';
import type { FeedbackRow } from '../../../../src-shared/api/live-insights.js';
import {
  DEFAULT_AGENT_SORT,
  assignmentsCell,
  channelFilter,
  estimateFloorNow,
  feedbackAgents,
  filterFeedback,
  presentStatus,
  ratingLabel,
  timeInStatusSec,
  toggleChannel,
  visibleAgents,
} from '../../../../src-renderer/views/queue-detail/performance-model.js';
import { agent } from './fixtures.js';

describe('presentStatus', () => {
  it('colours by kind, busy when available with chats, and always says it in words', () => {
    expect(presentStatus({ statusKind: 'available', busy: false, statusReason: 'Available' })).toEqual({ tone: 'available', label: 'Available' });
    expect(presentStatus({ statusKind: 'available', busy: true, statusReason: 'Available' })).toEqual({ tone: 'busy', label: 'Busy' });
    expect(presentStatus({ statusKind: 'available', busy: true, statusReason: 'Overtime' })).toEqual({ tone: 'busy', label: 'Busy · Overtime' });
    expect(presentStatus({ statusKind: 'away', busy: false, statusReason: 'Lunch' })).toEqual({ tone: 'away', label: 'Away · Lunch' });
    expect(presentStatus({ statusKind: 'offline', busy: false, statusReason: '' })).toEqual({ tone: 'offline', label: 'Offline' });
  });
});

describe('visibleAgents', () => {
  const agents = [
    agent('a-1', { name: 'Cleo', teamName: 'South', assignments: 2, statusSince: 3_000, ahtSec: 100 }),
    agent('a-2', { name: 'ada', location: 'Porto', assignments: 0, statusSince: 1_000, statusKind: 'away', ahtSec: null }),
    agent('a-3', { name: 'Ben', assignments: 1, statusSince: 2_000, statusKind: 'available', busy: true, ahtSec: 300 }),
  ];
  const names = (rows: readonly { readonly name: string }[]): string[] => rows.map((row) => row.name);

  it('sorts by name by default, ignoring case', () => {
    expect(names(visibleAgents(agents, '', DEFAULT_AGENT_SORT))).toEqual(['ada', 'Ben', 'Cleo']);
  });

  it('searches name, team and location', () => {
    expect(names(visibleAgents(agents, 'sou', DEFAULT_AGENT_SORT))).toEqual(['Cleo']);
    expect(names(visibleAgents(agents, 'PORTO', DEFAULT_AGENT_SORT))).toEqual(['ada']);
    expect(visibleAgents(agents, 'nobody', DEFAULT_AGENT_SORT)).toEqual([]);
  });

  it('sorts on status, time in status, AHT (nulls last) and assignments', () => {
    expect(names(visibleAgents(agents, '', { column: 'status', direction: 'ascending' }))).toEqual(['Cleo', 'Ben', 'ada']);
    expect(names(visibleAgents(agents, '', { column: 'timeInStatus', direction: 'descending' }))).toEqual(['ada', 'Ben', 'Cleo']);
    expect(names(visibleAgents(agents, '', { column: 'aht', direction: 'descending' }))).toEqual(['Ben', 'Cleo', 'ada']);
    expect(names(visibleAgents(agents, '', { column: 'assignments', direction: 'descending' }))).toEqual(['Cleo', 'Ben', 'ada']);
  });
});

describe('clocks', () => {
  it('estimates the floor clock from the last message and the core clock since', () => {
    expect(estimateFloorNow(50_000, 1_000, 4_000)).toBe(53_000);
    expect(estimateFloorNow(50_000, 1_000, 500)).toBe(50_000);
  });

  it('measures time in status on that clock, never negative', () => {
    expect(timeInStatusSec({ statusSince: 40_000 }, 50_000)).toBe(10);
    expect(timeInStatusSec({ statusSince: 60_000 }, 50_000)).toBe(0);
  });
});

describe('channel filter', () => {
  it('toggles channels but keeps at least one', () => {
    expect(toggleChannel(['chat', 'voice'], 'voice')).toEqual(['chat']);
    expect(toggleChannel(['chat'], 'chat')).toEqual(['chat']);
    expect(toggleChannel(['voice'], 'chat')).toEqual(['chat', 'voice']);
  });

  it('omits the filter when every channel is selected', () => {
    expect(channelFilter(['chat', 'voice'])).toBeUndefined();
    expect(channelFilter(['voice'])).toEqual(['voice']);
  });
});

describe('feedback', () => {
  const feedback: FeedbackRow[] = [
    { at: 3, conversationId: 'c-3', agentId: 'a-2', agentName: 'Ben', rating: 5, comment: 'Great' },
    { at: 2, conversationId: 'c-2', agentId: 'a-1', agentName: 'Ada', rating: 2, comment: null },
    { at: 1, conversationId: 'c-1', agentId: 'a-2', agentName: 'Ben', rating: 3, comment: null },
    { at: 0, conversationId: 'c-0', agentId: null, agentName: null, rating: 4, comment: null },
  ];

  it('filters by agent and keeps the newest-first order', () => {
    expect(filterFeedback(feedback, 'a-2').map((row) => row.conversationId)).toEqual(['c-3', 'c-1']);
    expect(filterFeedback(feedback, null)).toBe(feedback);
  });

  it('offers each agent once, by name', () => {
    expect(feedbackAgents(feedback)).toEqual([
      { agentId: 'a-1', name: 'Ada' },
      { agentId: 'a-2', name: 'Ben' },
    ]);
  });

  it('says a rating in words', () => {
    expect(ratingLabel(5)).toBe('5/5 · satisfied');
    expect(ratingLabel(3)).toBe('3/5 · neutral');
    expect(ratingLabel(1)).toBe('1/5 · dissatisfied');
  });
});

describe('assignments cell', () => {
  it('compares conversations held now with slots, and a day\'s count with nothing', () => {
    expect(assignmentsCell({ assignments: 3, slots: 4 }, 'now')).toEqual({ count: '3', slots: ' / 4 slots' });
    expect(assignmentsCell({ assignments: 1, slots: 1 }, 'now')).toEqual({ count: '1', slots: ' / 1 slot' });
    expect(assignmentsCell({ assignments: 5, slots: 4 }, 'today')).toEqual({ count: '5', slots: null });
  });
});
