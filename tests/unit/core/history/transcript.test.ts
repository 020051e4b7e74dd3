import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lifecycleEntries } from '../../../../src-main/core/history/transcript.js';
import type { CachedTranscript } from '../../../../src-shared/api/history.js';
import { ADMIN, conversationEvents, DAY, historyHarness, MINUTE, refusal, SCOPED, SECOND, setupEvents, T0, value, type HistoryHarness } from './history-test-kit.js';

let harness: HistoryHarness;

beforeEach(() => {
  harness = historyHarness();
  harness.ingest(setupEvents(T0 - DAY));
});

afterEach(async () => {
  await harness.close();
});

function transcript(conversationId: string, session = ADMIN): CachedTranscript {
  return value(harness.api.query(session, { type: 'history.transcript', conversationId }));
}

describe('history.transcript', () => {
  it('shows every message with sender, kind and delivery failure, the lifecycle in order, and the survey', () => {
    harness.ingest([
      ...conversationEvents({
        id: 'c-1',
        createdAt: T0,
        waitSec: 20,
        handleSec: 400,
        csat: 4,
        comment: 'Fine <b>really</b>',
        messages: [
          [-10, 'bot', 'Hello, what is it about?'],
          [5, 'customer', 'My invoice is wrong'],
          [30, 'agent', 'Let me check'],
          [40, 'supervisor', 'Offer the discount', 'whisper'],
          [50, 'bot', 'Agent changed', 'system'],
        ],
      }),
      { type: 'conversation.delivery_failed', time: T0 + 2 * MINUTE, conversationId: 'c-1', messageId: 'c-1-m3', reason: 'customer offline' },
    ]);
    const view = transcript('c-1');
    expect(view.conversation).toMatchObject({ conversationId: 'c-1', queueName: 'Sales', csat: 4, messageCount: 5, handleTimeSec: 400 });
    expect(view.survey).toEqual({ at: T0 + 25 * SECOND + 400 * SECOND + MINUTE, rating: 4, comment: 'Fine <b>really</b>' });
    const shape = view.entries.map((entry) => (entry.kind === 'event' ? `event:${entry.event}` : `${entry.sender}:${entry.messageKind}`));
    expect(shape).toEqual([
      'event:created',
      'event:queued',
      'bot:text',
      'event:assigned',
      'customer:text',
      'agent:text',
      'supervisor:whisper',
      'bot:system',
      'event:ended',
    ]);
    const failed = view.entries.find((entry) => entry.kind === 'message' && entry.messageId === 'c-1-m3');
    expect(failed).toMatchObject({ deliveryFailure: 'customer offline', text: 'Let me check' });
    expect(view.entries.find((entry) => entry.kind === 'event' && entry.event === 'assigned')).toMatchObject({ text: 'Assigned to Grace Hopper' });
    // Lines from agents carry the agent's name, not only the id.
    const fromAgent = view.entries.find((entry) => entry.kind === 'message' && entry.sender === 'agent');
    expect(fromAgent).toMatchObject({ senderName: 'Grace Hopper' });
    expect(view.entries.at(-1)).toMatchObject({ event: 'ended', text: 'Ended: resolved', disposition: 'resolved' });
    const times = view.entries.map((entry) => entry.at);
    expect(times).toEqual([...times].sort((left, right) => left - right));
  });

  it('shows transfers, takeovers and abandonments', () => {
    harness.ingest([
      ...conversationEvents({ id: 'c-2', createdAt: T0, messages: [[1, 'customer', 'Hi']], open: true }),
      { type: 'conversation.transferred', time: T0 + 3 * MINUTE, conversationId: 'c-2', fromQueueId: 'q-sales', toQueueId: 'q-support', fromAgentId: 'a-1' },
      { type: 'conversation.assigned', time: T0 + 4 * MINUTE, conversationId: 'c-2', queueId: 'q-support', agentId: 'a-2' },
      { type: 'conversation.message', time: T0 + 5 * MINUTE, conversationId: 'c-2', messageId: 'c-2-m9', sender: 'agent', senderId: 'a-2', kind: 'text', text: 'Support here' },
      { type: 'conversation.taken_over', time: T0 + 6 * MINUTE, conversationId: 'c-2', supervisorId: 'sup-9', fromAgentId: 'a-2' },
      { type: 'conversation.ended', time: T0 + 7 * MINUTE, conversationId: 'c-2', disposition: 'closed_by_supervisor' },
      ...conversationEvents({ id: 'c-3', createdAt: T0, abandoned: true, waitSec: 95 }),
    ]);
    const texts = transcript('c-2').entries.flatMap((entry) => (entry.kind === 'event' ? [entry.text] : []));
    expect(texts).toEqual(['Started in Sales', 'Transferred from Sales to Support', 'Taken over by sup-9', 'Ended: closed by supervisor']);
    const transfer = transcript('c-2').entries.find((entry) => entry.kind === 'event' && entry.event === 'transferred');
    expect(transfer?.at).toBe(T0 + 3 * MINUTE);
    const abandoned = transcript('c-3').entries.at(-1);
    expect(abandoned).toMatchObject({ event: 'abandoned', text: 'Abandoned by the customer after waiting 1 min 35 s' });
    expect(transcript('c-3').conversation).toMatchObject({ state: 'abandoned', waitSec: 95, handleTimeSec: null });
  });

  it('infers earlier transfers from the queues of the messages', () => {
    const entries = lifecycleEntries(
      { queueId: 'q-c', queuedAt: 500, assignedAt: 600, endedAt: null, abandonedAt: null, takenOverBy: null, takenOverAt: null, transfers: 2, createdAt: 0, agentId: 'a', disposition: null },
      [
        { queueId: 'q-a', time: 100 },
        { queueId: 'q-b', time: 300 },
        { queueId: 'q-c', time: 700 },
      ],
      { queue: (queueId) => queueId.toUpperCase(), agent: (agentId) => agentId },
    );
    expect(entries.filter((entry) => entry.kind === 'event' && entry.event === 'transferred').map((entry) => [entry.at, entry.text])).toEqual([
      [100, 'Transferred from Q-A to Q-B'],
      [500, 'Transferred from Q-B to Q-C'],
    ]);
  });

  it('refuses a conversation outside the scope exactly like a missing one', () => {
    harness.ingest(conversationEvents({ id: 'c-elsewhere', queueId: 'q-support', createdAt: T0 }));
    const hidden = refusal(harness.api.query(SCOPED, { type: 'history.transcript', conversationId: 'c-elsewhere' }));
    const missing = refusal(harness.api.query(SCOPED, { type: 'history.transcript', conversationId: 'c-nothing' }));
    expect(hidden).toBe('Conversation c-elsewhere is not in the cache (or not in your queues).');
    expect(missing).toBe('Conversation c-nothing is not in the cache (or not in your queues).');
    expect(transcript('c-elsewhere').conversation.queueId).toBe('q-support');
  });

  it('computes the figures of a conversation still open from its messages', () => {
    harness.ingest(conversationEvents({ id: 'c-open', createdAt: T0, waitSec: 40, messages: [[0, 'customer', 'Hello'], [12, 'agent', 'Hi']], open: true }));
    expect(transcript('c-open').conversation).toMatchObject({ state: 'assigned', waitSec: 40, firstResponseSec: 12, avgResponseSec: 12, handleTimeSec: null, messageCount: 2 });
  });
});
