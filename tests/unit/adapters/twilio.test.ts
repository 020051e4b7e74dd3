/**
 * The Twilio TaskRouter adapter on fixtures modelled on Twilio's published events:
 * - event-callbacks.jsonl: the Workspace event callback's parameters (EventType, ResourceSid,
 *   Timestamp in epoch seconds, the Task, Reservation and Worker fields) as listed at
 *   https://www.twilio.com/docs/taskrouter/api/event/reference, one callback a line;
 * - event-streams.json: a webhook sink's batch of Event Streams CloudEvents shaped as the examples
 *   of https://www.twilio.com/docs/events/event-types/taskrouter/task (and the reservation and
 *   worker pages beside it): `type` com.twilio.taskrouter.…, the fields in `data.payload`;
 * - malformed.jsonl: broken and incomplete records.
 */
import { describe, expect, it } from 'vitest';
import { adaptFixture, outline } from './fixtures.js';

const WORKER = 'WKeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee';
const CHAT_TASK = 'WTaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const VOICE_TASK = 'WTbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const QUEUE = 'WQcccccccccccccccccccccccccccccccc';

describe('Twilio TaskRouter event callbacks', () => {
  it('maps a worker\'s day and a chat task from queue to completion, learning the worker\'s queue', () => {
    const { events, skipped, tally } = adaptFixture('twilio', 'event-callbacks.jsonl');
    expect(skipped).toEqual([]);
    expect(outline(events)).toEqual([
      `agent.login ${WORKER}`,
      `agent.status ${WORKER}`,
      `conversation.created ${CHAT_TASK}`,
      `conversation.queued ${CHAT_TASK}`,
      `agent.queues ${WORKER}`,
      `conversation.assigned ${CHAT_TASK}`,
      `conversation.ended ${CHAT_TASK}`,
      `agent.status ${WORKER}`,
    ]);
    expect(events[0]).toEqual({ type: 'agent.login', time: 1709550000000, agentId: WORKER, name: 'Alex Agent', teamId: 'team-lisbon', teamName: 'Lisbon', location: 'Lisbon', slots: 1, queueIds: [] });
    expect(events[2]).toEqual({
      type: 'conversation.created',
      time: 1709550060000,
      conversationId: CHAT_TASK,
      channel: 'chat',
      queueId: QUEUE,
      intent: 'billing',
      customer: { customerId: 'cust-1042', name: 'Jane Doe', email: 'jane@example.com' },
    });
    expect(events[4]).toEqual({ type: 'agent.queues', time: 1709550070000, agentId: WORKER, queueIds: [QUEUE] });
    expect(events.at(-1)).toMatchObject({ kind: 'away', reason: 'Break' });
    expect(Object.fromEntries(tally.ignored)).toEqual({ 'reservation.created': 1, 'task.wrapup': 1 });
  });
});

describe('Twilio Event Streams', () => {
  it('reads a batch of CloudEvents: a voice task moved to another queue, then canceled while waiting', () => {
    const { events, skipped } = adaptFixture('twilio', 'event-streams.json');
    expect(skipped).toEqual([]);
    expect(events).toEqual([
      { type: 'conversation.created', time: Date.parse('2025-01-01T00:00:00.200Z'), conversationId: VOICE_TASK, channel: 'voice', queueId: QUEUE, intent: '', customer: { customerId: '+15555550100', name: '+15555550100' } },
      { type: 'conversation.queued', time: Date.parse('2025-01-01T00:00:00.200Z'), conversationId: VOICE_TASK, queueId: QUEUE },
      { type: 'conversation.transferred', time: Date.parse('2025-01-01T00:02:00.000Z'), conversationId: VOICE_TASK, fromQueueId: QUEUE, toQueueId: 'WQdddddddddddddddddddddddddddddddd' },
      { type: 'conversation.abandoned', time: Date.parse('2025-01-01T00:03:10.000Z'), conversationId: VOICE_TASK, queueId: 'WQdddddddddddddddddddddddddddddddd' },
    ]);
  });

  it('skips malformed records with their reason', () => {
    const { events, skipped } = adaptFixture('twilio', 'malformed.jsonl');
    expect(events).toEqual([]);
    expect(skipped.map(({ where, reason }) => `${where} ${reason}`)).toEqual([
      'line 1 not_json',
      'line 2 not_an_object',
      'line 3 unrecognised_record',
      'line 4 missing_field',
      'line 5 missing_field',
      'line 6 unsupported_channel',
      'line 7 bad_time',
      'line 8 missing_field',
      'line 9 unknown_queue',
    ]);
    expect(skipped[1]?.detail).toBe('null');
  });
});
