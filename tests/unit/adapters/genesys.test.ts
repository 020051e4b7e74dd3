/**
 * The Genesys Cloud adapter on fixtures modelled on Genesys's published topic schemas:
 * - notifications.jsonl: `v2.users.{id}.presence` and `.routingStatus` notifications as listed at
 *   https://developer.genesys.cloud/notificationsalerts/notifications/available-topics, and
 *   analytics detail events whose fields follow the SDK's published models (for example
 *   https://github.com/MyPureCloud/platform-client-sdk-java/blob/master/build/docs/AcdStartDetailEventTopicAcdStartEvent.md
 *   and the AcdEnd, UserStart and AfterCallWork (acw) event models beside it in that folder), a
 *   queue observation and the WebSocket heartbeat;
 * - eventbridge.json: the same notifications in the Amazon EventBridge integration's envelope
 *   (https://developer.genesys.cloud/notificationsalerts/notifications/event-bridge: `detail-type`
 *   is the topic's pattern, `detail` the notification);
 * - queue-conversations.jsonl: `v2.routing.queues.{id}.conversations`, the conversation with its
 *   participants after each change;
 * - malformed.jsonl: broken and incomplete records.
 */
import { describe, expect, it } from 'vitest';
import { adaptFixture, outline } from './fixtures.js';

const USER = '3b1b3c4e-aaaa-4c5d-9e8f-0a1b2c3d4e5f';
const QUEUE = 'e9a2b7c1-5d3e-4f6a-8b9c-1d2e3f4a5b6c';
const CALL = '7d9c2f11-1b2c-4d3e-8f9a-0b1c2d3e4f5a';
const CHAT = '9f8e7d6c-5b4a-4321-8765-0fedcba98765';

describe('Genesys Cloud notifications', () => {
  it('makes the agent\'s status from presence and routing status, and conversations from detail events', () => {
    const { events, skipped, tally } = adaptFixture('genesys', 'notifications.jsonl');
    expect(skipped).toEqual([]);
    expect(outline(events)).toEqual([
      `agent.status ${USER}`,
      `conversation.created ${CALL}`,
      `conversation.queued ${CALL}`,
      `conversation.assigned ${CALL}`,
      `conversation.ended ${CALL}`,
      `conversation.created ${CHAT}`,
      `conversation.queued ${CHAT}`,
      `conversation.abandoned ${CHAT}`,
      `agent.status ${USER}`,
      `agent.status ${USER}`,
      `agent.status ${USER}`,
    ]);
    const statuses = events.filter((event) => event.type === 'agent.status').map((event) => (event.type === 'agent.status' ? `${event.kind}: ${event.reason}` : ''));
    // On Queue and IDLE, then INTERACTING (still on queue: no change), NOT_RESPONDING, Break, Offline.
    expect(statuses).toEqual(['available: On Queue', 'away: Not responding', 'away: Break', 'offline: Offline']);
    expect(events[1]).toEqual({
      type: 'conversation.created',
      time: 1709543100000,
      conversationId: CALL,
      channel: 'voice',
      queueId: QUEUE,
      intent: '',
      customer: { customerId: 'c0ffee00-1234-4abc-9def-000000000042', phone: '+13175550123' },
    });
    expect(Object.fromEntries(tally.ignored)).toEqual({ 'channel.metadata': 1, 'detail.acw': 1, 'queue observations': 1 });
  });

  it('reads the EventBridge integration\'s envelopes as the notifications they carry', () => {
    const { events, skipped } = adaptFixture('genesys', 'eventbridge.json');
    expect(skipped).toEqual([]);
    expect(outline(events)).toEqual([`agent.status ${USER}`, `conversation.created ${CALL}`, `conversation.queued ${CALL}`, `conversation.assigned ${CALL}`]);
    expect(events[1]).toMatchObject({ channel: 'chat', time: 1709543100000 });
  });

  it('follows a conversation through its queue\'s conversations topic, saying each change once', () => {
    const { events, skipped } = adaptFixture('genesys', 'queue-conversations.jsonl');
    expect(skipped).toEqual([]);
    expect(events).toEqual([
      { type: 'conversation.created', time: Date.parse('2024-03-04T10:00:01.000Z'), conversationId: CHAT, channel: 'chat', queueId: QUEUE, intent: '', customer: { customerId: CHAT, name: 'Jane Doe' } },
      { type: 'conversation.queued', time: Date.parse('2024-03-04T10:00:01.000Z'), conversationId: CHAT, queueId: QUEUE },
      // Alerting is not yet an assignment; connected is, and the repeated notification adds nothing.
      { type: 'conversation.assigned', time: Date.parse('2024-03-04T10:00:20.000Z'), conversationId: CHAT, queueId: QUEUE, agentId: USER },
      { type: 'conversation.ended', time: Date.parse('2024-03-04T10:09:00.000Z'), conversationId: CHAT, disposition: 'resolved' },
    ]);
  });

  it('skips malformed records with their reason, an over-long id included', () => {
    const { events, skipped, tally } = adaptFixture('genesys', 'malformed.jsonl');
    expect(events).toEqual([]);
    expect(skipped.map(({ where, reason }) => `${where} ${reason}`)).toEqual([
      'line 1 not_json',
      'line 2 item 1 not_an_object',
      'line 2 item 2 not_an_object',
      'line 3 unrecognised_record',
      'line 4 missing_field',
      'line 5 missing_field',
      'line 6 unsupported_channel',
      'line 7 bad_time',
      'line 8 unknown_queue',
      'line 10 invalid_event',
    ]);
    expect(Object.fromEntries(tally.ignored)).toEqual({ 'v2.users.{id}.conversations': 1 });
  });
});
