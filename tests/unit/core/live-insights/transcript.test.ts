/** live.transcript on a real store and reducer: snapshot, live appends, delivery failures, watchers, scope. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accessFor, type Session } from '../../../../src-main/core/api/session.js';
import type { TranscriptMessage } from '../../../../src-shared/api/live-insights.js';
import type { Result } from '../../../../src-shared/result.js';
import { waitFor } from '../../../support/host-process.js';
import { ANN, at, BOB, recorder, smallFloor, viewsHarness, type ViewsHarness } from './views-test-kit.js';

let harness: ViewsHarness;
let script: ReturnType<typeof smallFloor>;

beforeEach(() => {
  harness = viewsHarness({ floorTime: at(30) });
  script = smallFloor();
  harness.apply(script.events);
});
afterEach(() => harness.close());

function open(session: Session, conversationId: string) {
  const pushes = recorder<TranscriptMessage>();
  const result: Result<() => void> = harness.api.topics['live.transcript'](accessFor(session), { topic: 'live.transcript', conversationId }, pushes.listener);
  return { pushes, result };
}

function snapshot(message: TranscriptMessage | undefined): Extract<TranscriptMessage, { kind: 'snapshot' }> {
  if (message?.kind !== 'snapshot') throw new Error('expected a snapshot');
  return message;
}

function update(message: TranscriptMessage | undefined): Extract<TranscriptMessage, { kind: 'update' }> {
  if (message?.kind !== 'update') throw new Error('expected an update');
  return message;
}

describe('live.transcript', () => {
  it('starts with the header, the lifecycle and the messages in order, and who watches', () => {
    const { pushes, result } = open(ANN, 'c1');
    expect(result.ok).toBe(true);
    const first = snapshot(pushes.messages[0]);
    expect(first.header).toMatchObject({ conversationId: 'c1', queueName: 'Billing', state: 'assigned', agentId: 'a1', agentName: 'Agent a1', handleTimeSec: 20, deliveryFailures: 0 });
    expect(first.entries.map((entry) => (entry.kind === 'event' ? `${entry.event}: ${entry.text}` : `${entry.sender}/${entry.messageKind}: ${entry.text}`))).toEqual([
      'created: Started in Billing (billing)',
      'queued: Queued in Billing',
      'assigned: Assigned to Agent a1 in Billing',
      'agent/text: Hello, how can I help?',
      'customer/text: My bill is wrong',
    ]);
    expect(first.watchers).toEqual([{ userId: 'ann', displayName: 'Ann' }]);
  });

  it('appends messages as they arrive, whispers marked, and reports delivery failures', async () => {
    const { pushes } = open(ANN, 'c1');
    const mark = script.events.length;
    script.emit(at(31), { type: 'conversation.message', conversationId: 'c1', messageId: 'w1', sender: 'supervisor', senderId: 'ann', kind: 'whisper', text: 'Offer the refund' });
    script.emit(at(32), { type: 'conversation.message', conversationId: 'c1', messageId: 'm3', sender: 'agent', senderId: 'a1', kind: 'text', text: 'I can refund it' });
    script.emit(at(33), { type: 'conversation.delivery_failed', conversationId: 'c1', messageId: 'm3', reason: 'customer offline' });
    harness.apply(script.since(mark));
    const appended = update(await waitFor(() => pushes.messages[1], { what: 'the update' }));
    expect(appended.append.map((entry) => (entry.kind === 'message' ? [entry.messageId, entry.messageKind] : entry.event))).toEqual([
      ['w1', 'whisper'],
      ['m3', 'text'],
    ]);
    expect(appended.deliveryFailures).toEqual([{ messageId: 'm3', reason: 'customer offline' }]);
    expect(appended.header.alerts).toEqual(['whisper_sent', 'delivery_failure']);
    expect(appended.header.deliveryFailures).toBe(1);

    // Opened later, the same conversation carries the failure on its message.
    const later = open(BOB, 'c1');
    const failed = snapshot(later.pushes.messages[0]).entries.find((entry) => entry.kind === 'message' && entry.messageId === 'm3');
    expect(failed).toMatchObject({ deliveryFailure: 'customer offline' });
  });

  it('follows the conversation to its end and still opens once it has left the live floor', async () => {
    const { pushes } = open(ANN, 'c1');
    const mark = script.events.length;
    script.emit(at(40), { type: 'conversation.transferred', conversationId: 'c1', fromQueueId: 'q-billing', toQueueId: 'q-sales', fromAgentId: 'a1' });
    script.emit(at(41), { type: 'conversation.assigned', conversationId: 'c1', queueId: 'q-sales', agentId: 'a2' });
    script.emit(at(50), { type: 'conversation.ended', conversationId: 'c1', disposition: 'resolved' });
    harness.apply(script.since(mark));
    const last = update(await waitFor(() => pushes.messages[1], { what: 'the update' }));
    expect(last.append.map((entry) => (entry.kind === 'event' ? entry.text : entry.messageId))).toEqual([
      'Transferred from Billing to Sales',
      'Assigned to Agent a2 in Sales',
      'Ended: resolved',
    ]);
    expect(last.header).toMatchObject({ state: 'ended', queueId: 'q-sales', agentId: 'a2', handleTimeSec: 9, alerts: ['transfer'] });

    const reopened = snapshot(open(BOB, 'c1').pushes.messages[0]);
    expect(reopened.header.state).toBe('ended');
    expect(reopened.entries.filter((entry) => entry.kind === 'event').map((entry) => entry.kind === 'event' && entry.event)).toEqual([
      'created',
      'queued',
      'assigned',
      'transferred',
      'assigned',
      'ended',
    ]);
  });

  it('tells every watcher who starts and stops watching', () => {
    const ann = open(ANN, 'c1');
    const bob = open(BOB, 'c1');
    expect(snapshot(bob.pushes.messages[0]).watchers.map((watcher) => watcher.userId)).toEqual(['ann', 'bob']);
    const joined = update(ann.pushes.messages[1]);
    expect(joined.watchers.map((watcher) => watcher.userId)).toEqual(['ann', 'bob']);
    expect(joined.append).toEqual([]);
    // The same user in a second window is one watcher.
    const annAgain = open(ANN, 'c1');
    expect(snapshot(annAgain.pushes.messages[0]).watchers).toHaveLength(2);
    if (!bob.result.ok) throw new Error(bob.result.error);
    bob.result.value();
    expect(update(ann.pushes.messages[ann.pushes.messages.length - 1]).watchers.map((watcher) => watcher.userId)).toEqual(['ann']);
    // Another conversation's watchers are not told.
    const other = open(ANN, 'c2');
    expect(snapshot(other.pushes.messages[0]).watchers.map((watcher) => watcher.userId)).toEqual(['ann']);
    expect(bob.pushes.messages.length).toBe(1);
  });

  it('refuses a conversation that does not exist or is outside the scope', () => {
    expect(open(ANN, 'nope').result).toEqual({ ok: false, error: 'No conversation nope' });
    expect(open({ ...ANN, queueScope: ['q-sales'] }, 'c1').result).toEqual({ ok: false, error: 'No conversation c1' });
    expect(open({ ...ANN, queueScope: ['q-sales'] }, 'c2').result.ok).toBe(true);
  });
});
