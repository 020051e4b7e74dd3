/**
 * A hand-counted floor for the insights engine tests, as protocol events:
 * - Paris fall-back day 2026-10-25 (25 hours): five agent conversations, two bot conversations;
 * - Paris 2026-10-26: agents' status time and two handled conversations (agent-time figures);
 * - Paris 2026-10-24: one conversation (the previous period of the 25th);
 * - New York spring-forward day 2026-03-08 (23 hours): one conversation after the gap.
 * Expected figures are worked out beside each test.
 */
import type { FloorEventInput } from '../../../../src-shared/protocol/events.js';
import { conversationEvents, MINUTE, SECOND, setupEvents } from '../history/history-test-kit.js';

export const utc = (month: number, day: number, hour: number, minute = 0, second = 0): number => Date.UTC(2026, month - 1, day, hour, minute, second);

const thresholds = { queuedLow: 5, queuedHigh: 10, longestWaitSec: 120, ahtSec: 600, firstResponseSec: 60, serviceLevelPct: 80, abandonRatePct: 5 };
const businessHours = { windows: [{ day: 1, openMinute: 0, closeMinute: 1440 }], holidays: [] };

/** A chat that a bot answers first: contained (ends with the bot) or escalated (a system reason, queued, assigned to a-1). */
function botConversation(id: string, createdAt: number, escalated: boolean): FloorEventInput[] {
  const events: FloorEventInput[] = [
    { type: 'conversation.created', time: createdAt, conversationId: id, channel: 'chat', queueId: 'q-sales', intent: 'orders', customer: { customerId: `cu-${id}` } },
    { type: 'conversation.message', time: createdAt + 1 * SECOND, conversationId: id, messageId: `${id}-1`, sender: 'customer', kind: 'text', text: 'Where is my order?' },
    { type: 'conversation.message', time: createdAt + 2 * SECOND, conversationId: id, messageId: `${id}-2`, sender: 'bot', senderId: 'bot-1', kind: 'text', text: 'Let me look.' },
  ];
  if (!escalated) {
    events.push({ type: 'conversation.ended', time: createdAt + 60 * SECOND, conversationId: id, disposition: 'resolved' });
    return events;
  }
  events.push(
    { type: 'conversation.message', time: createdAt + 4 * SECOND, conversationId: id, messageId: `${id}-3`, sender: 'bot', senderId: 'bot-1', kind: 'system', text: 'Escalated: billing dispute' },
    { type: 'conversation.queued', time: createdAt + 5 * SECOND, conversationId: id, queueId: 'q-sales' },
    { type: 'conversation.assigned', time: createdAt + 15 * SECOND, conversationId: id, queueId: 'q-sales', agentId: 'a-1' },
    { type: 'conversation.message', time: createdAt + 30 * SECOND, conversationId: id, messageId: `${id}-4`, sender: 'agent', senderId: 'a-1', kind: 'text', text: 'I am here.' },
    { type: 'conversation.ended', time: createdAt + 200 * SECOND, conversationId: id, disposition: 'resolved' },
  );
  return events;
}

function status(agentId: string, time: number, kind: 'available' | 'away' | 'offline', reason = ''): FloorEventInput {
  return { type: 'agent.status', time, agentId, kind, reason };
}

/** Every event of the fixture, in time order. */
export function fixtureEvents(): FloorEventInput[] {
  const setupTime = utc(3, 1, 0);
  const grouped = (queueId: string, name: string, timeZone: string, presetGroups: string[]): FloorEventInput => ({
    type: 'queue.configured',
    time: setupTime + MINUTE,
    queueId,
    name,
    channel: 'chat',
    timeZone,
    serviceLevelTargetSec: 60,
    thresholds,
    businessHours,
    presetGroups,
  });
  return [
    ...setupEvents(setupTime),
    grouped('q-sales', 'Sales', 'Europe/Paris', ['preset-europe']),
    grouped('q-support', 'Support', 'America/New_York', ['preset-europe', 'preset-americas']),
    // New York, Sunday 8 March 2026: clocks jump from 02:00 EST to 03:00 EDT at 07:00 UTC.
    ...conversationEvents({ id: 'ny-1', queueId: 'q-support', agentId: 'a-3', createdAt: utc(3, 8, 7, 30), waitSec: 20, handleSec: 100 }),
    // Paris, Saturday 24 October: the previous period of the 25th.
    ...conversationEvents({ id: 'c0', createdAt: utc(10, 24, 10), waitSec: 20, handleSec: 100 }),
    // Paris, Sunday 25 October: 02:00–03:00 happens twice (00:00–01:00 UTC at +02, 01:00–02:00 UTC at +01).
    ...conversationEvents({
      id: 'c1',
      createdAt: utc(10, 25, 0, 10),
      waitSec: 30,
      handleSec: 600,
      csat: 5,
      comment: 'Great help, thank you',
      messages: [
        [10, 'customer', 'Hello'],
        [40, 'agent', 'Hello, how can I help?'],
      ],
    }),
    ...conversationEvents({
      id: 'c2',
      agentId: 'a-2',
      createdAt: utc(10, 25, 1, 20),
      waitSec: 90,
      handleSec: 300,
      disposition: 'unresolved',
      csat: 2,
      comment: 'terrible and slow',
      messages: [
        [0, 'customer', 'Where?'],
        [20, 'agent', 'Here.'],
      ],
    }),
    ...conversationEvents({ id: 'c3', createdAt: utc(10, 25, 1, 30), abandoned: true, waitSec: 3 }),
    ...botConversation('b1', utc(10, 25, 3), false),
    ...botConversation('b2', utc(10, 25, 3, 30), true),
    ...conversationEvents({ id: 'c4', createdAt: utc(10, 25, 9), abandoned: true, waitSec: 200 }),
    ...conversationEvents({ id: 'c5', queueId: 'q-support', agentId: 'a-3', createdAt: utc(10, 25, 12), waitSec: 10, handleSec: 120, disposition: 'escalated' }),
    // Paris, Monday 26 October (23:00 UTC on the 25th to 23:00 UTC on the 26th): agent time.
    status('a-1', utc(10, 26, 8), 'available'),
    status('a-3', utc(10, 26, 8), 'available'),
    ...conversationEvents({ id: 'c6', createdAt: utc(10, 26, 8, 30), waitSec: 25, handleSec: 1800, messages: [[5, 'agent', 'Hi']] }),
    ...conversationEvents({ id: 'c7', createdAt: utc(10, 26, 8, 40), waitSec: 25, handleSec: 600, messages: [[5, 'agent', 'Hi']] }),
    status('a-2', utc(10, 26, 9), 'available'),
    status('a-3', utc(10, 26, 9), 'offline', 'logged out'),
    status('a-2', utc(10, 26, 9, 30), 'offline', 'logged out'),
    status('a-1', utc(10, 26, 10), 'away', 'Lunch'),
    status('a-1', utc(10, 26, 10, 30), 'offline', 'logged out'),
  ];
}
