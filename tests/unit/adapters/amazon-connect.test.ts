/**
 * The Amazon Connect adapter on fixtures modelled on AWS's published samples:
 * - agent-shift.jsonl: its two STATE_CHANGE records around after-contact work are the records of
 *   https://docs.aws.amazon.com/connect/latest/adminguide/determine-acw-time.html, with a LOGIN,
 *   a routing-profile change, a custom status (Break), a HEART_BEAT and a LOGOUT of the same agent
 *   written in the same shape (field list: https://docs.aws.amazon.com/connect/latest/adminguide/agent-event-stream-model.html);
 * - sample-heart-beat.json: the HEART_BEAT of
 *   https://docs.aws.amazon.com/connect/latest/adminguide/sample-agent-event-stream.html (its
 *   comments removed), and sample-heart-beat-available.json the same agent Available, in a team;
 * - contact-events.jsonl: the CONNECTED_TO_AGENT and DISCONNECTED samples of
 *   https://docs.aws.amazon.com/connect/latest/adminguide/contact-events.html, with the INITIATED
 *   and QUEUED events of that contact, an abandoned chat and an agent transfer written alike;
 * - malformed.jsonl: broken and incomplete records.
 */
import { describe, expect, it } from 'vitest';
import { adaptFixture, outline } from './fixtures.js';

const C1 = '11111111-1111-1111-1111-111111111111';
const QUEUE = '12345678-1234-1234-1234-123456789012';

describe('Amazon Connect agent event stream', () => {
  it('maps a shift: login, after-contact work, a routing-profile change, a break, logout', () => {
    const { events, skipped } = adaptFixture('amazon-connect', 'agent-shift.jsonl');
    expect(skipped).toEqual([]);
    expect(events).toEqual([
      { type: 'agent.login', time: Date.parse('2019-05-25T18:43:59.049Z'), agentId: 'agent-ARN', name: '(Removed) (Removed)', teamId: 'no-team', teamName: '', location: '', slots: 1, queueIds: ['queue-ARN-for-BasicQueue', 'queue-ARN-for-PrimaryQueue'] },
      { type: 'agent.status', time: Date.parse('2019-05-25T18:43:59.049Z'), agentId: 'agent-ARN', kind: 'available', reason: 'Available' },
      // The contact ENDED: after-contact work, 5.005 s as the AWS page computes it.
      { type: 'agent.status', time: Date.parse('2019-05-25T18:55:27.017Z'), agentId: 'agent-ARN', kind: 'away', reason: 'After contact work' },
      { type: 'agent.status', time: Date.parse('2019-05-25T18:55:32.022Z'), agentId: 'agent-ARN', kind: 'available', reason: 'Available' },
      { type: 'agent.queues', time: Date.parse('2019-05-25T18:56:00.000Z'), agentId: 'agent-ARN', queueIds: ['queue-ARN-for-BasicQueue', 'queue-ARN-for-PrimaryQueue', 'queue-ARN-for-SupportQueue'] },
      { type: 'agent.capacity', time: Date.parse('2019-05-25T18:56:00.000Z'), agentId: 'agent-ARN', slots: 3 },
      { type: 'agent.status', time: Date.parse('2019-05-25T19:00:00.000Z'), agentId: 'agent-ARN', kind: 'away', reason: 'Break' },
      { type: 'agent.logout', time: Date.parse('2019-05-25T19:30:00.000Z'), agentId: 'agent-ARN' },
    ]);
  });

  it('says nothing of an offline agent\'s heartbeat, and announces an available one met mid-shift', () => {
    expect(adaptFixture('amazon-connect', 'sample-heart-beat.json').events).toEqual([]);
    const { events } = adaptFixture('amazon-connect', 'sample-heart-beat-available.json');
    expect(events[0]).toEqual({
      type: 'agent.login',
      time: Date.parse('2019-08-13T21:00:44.031Z'),
      agentId: 'agent-ARN',
      name: 'AgentEventStreamTest Agent',
      teamId: 'team-ARN',
      teamName: 'Team Lisbon',
      location: '',
      slots: 3,
      // The agent's own queue (…/queue/agent/agent-ARN) is not a floor queue.
      queueIds: ['queue-ARN'],
    });
    expect(outline(events.slice(1))).toEqual(['agent.status agent-ARN']);
  });
});

describe('Amazon Connect contact events', () => {
  it('follows contacts from queue to agent to the end, abandons and transfers', () => {
    const { events, skipped, tally } = adaptFixture('amazon-connect', 'contact-events.jsonl');
    expect(skipped).toEqual([]);
    expect(tally.records).toBe(11);
    expect(outline(events)).toEqual([
      `conversation.created ${C1}`,
      `conversation.queued ${C1}`,
      `conversation.assigned ${C1}`,
      `conversation.ended ${C1}`,
      'conversation.created 22222222-2222-2222-2222-222222222222',
      'conversation.queued 22222222-2222-2222-2222-222222222222',
      'conversation.abandoned 22222222-2222-2222-2222-222222222222',
      'conversation.created 33333333-3333-3333-3333-333333333333',
      'conversation.queued 33333333-3333-3333-3333-333333333333',
      'conversation.assigned 33333333-3333-3333-3333-333333333333',
      // The first leg's DISCONNECTED ends nothing: the transfer's leg 4444… carries the conversation on.
      'conversation.transferred 33333333-3333-3333-3333-333333333333',
    ]);
    expect(events[0]).toEqual({ type: 'conversation.created', time: Date.parse('2021-08-04T17:29:04.000Z'), conversationId: C1, channel: 'voice', queueId: QUEUE, intent: '', customer: { customerId: C1 } });
    expect(events[2]).toEqual({ type: 'conversation.assigned', time: Date.parse('2021-08-04T17:29:09.000Z'), conversationId: C1, queueId: QUEUE, agentId: QUEUE });
    expect(events[3]).toEqual({ type: 'conversation.ended', time: Date.parse('2021-08-04T17:38:37.000Z'), conversationId: C1, disposition: 'resolved' });
    expect(events.at(-1)).toMatchObject({ fromQueueId: QUEUE, toQueueId: '87654321-4321-4321-4321-210987654321', fromAgentId: QUEUE });
  });

  it('skips malformed records with their reason and ignores kinds it does not map', () => {
    const { events, skipped, tally } = adaptFixture('amazon-connect', 'malformed.jsonl');
    expect(events).toEqual([]);
    expect(skipped.map(({ where, reason }) => `${where} ${reason}`)).toEqual([
      'line 1 not_json',
      'line 2 not_an_object',
      'line 3 unrecognised_record',
      'line 4 bad_time',
      'line 5 missing_field',
      'line 6 unsupported_channel',
      'line 7 missing_field',
      'line 10 bad_time',
    ]);
    expect(skipped[4]?.detail).toBe('CurrentAgentSnapshot.AgentStatus');
    expect(Object.fromEntries(tally.ignored)).toEqual({ CONTACT_DATA_UPDATED: 1, 'Amazon Connect Agent Event': 1 });
  });
});
