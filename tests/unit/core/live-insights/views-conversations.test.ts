/** live.conversations on a real store and reducer: snapshot contents, small diffs, groups, scope, thresholds. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accessFor, type Session } from '../../../../src-main/core/api/session.js';
import type { ConversationsMessage, LiveConversationRow, ThresholdSettings } from '../../../../src-shared/api/live-insights.js';
import type { OverviewMessage } from '../../../../src-shared/api/live.js';
import type { Result } from '../../../../src-shared/result.js';
import { waitFor } from '../../../support/host-process.js';
import { ANN, at, recorder, smallFloor, viewsHarness, type ViewsHarness } from './views-test-kit.js';

let harness: ViewsHarness;
let script: ReturnType<typeof smallFloor>;

beforeEach(() => {
  harness = viewsHarness({ floorTime: at(30), now: () => 1_700_000_000_000 });
  script = smallFloor();
  harness.apply(script.events);
});
afterEach(() => harness.close());

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function subscribe(session: Session, target: { kind: 'queue'; queueId: string } | { kind: 'group'; groupId: string }) {
  const pushes = recorder<ConversationsMessage>();
  const result = harness.api.topics['live.conversations'](accessFor(session), { topic: 'live.conversations', target }, pushes.listener);
  return { pushes, result };
}

function snapshotRows(message: ConversationsMessage | undefined): readonly LiveConversationRow[] {
  if (message?.kind !== 'snapshot') throw new Error('expected a snapshot');
  return message.rows;
}

describe('live.conversations for a queue', () => {
  it('starts with the conversations held now, their columns and the queue panel', () => {
    const { pushes, result } = subscribe(ANN, { kind: 'queue', queueId: 'q-billing' });
    expect(result.ok).toBe(true);
    const snapshot = pushes.messages[0];
    expect(snapshot?.kind).toBe('snapshot');
    const rows = snapshotRows(snapshot);
    // c3 waits in the queue: listed too, as waiting for an agent, so the queued customers counted are seen.
    expect(rows).toEqual([
      {
        conversationId: 'c1',
        queueId: 'q-billing',
        queueName: 'Billing',
        channel: 'chat',
        intent: 'billing',
        agentId: 'a1',
        agentName: 'Agent a1',
        supervisorId: null,
        assignedAt: at(10),
        handleTimeSec: 20,
        avgResponseTimeSec: null,
        timeWaitingSec: 10,
        responseSla: 'ok',
        alerts: [],
      },
      {
        conversationId: 'c3',
        queueId: 'q-billing',
        queueName: 'Billing',
        channel: 'chat',
        intent: 'refund',
        agentId: null,
        agentName: null,
        supervisorId: null,
        assignedAt: at(21),
        handleTimeSec: 0,
        avgResponseTimeSec: null,
        timeWaitingSec: 9,
        responseSla: 'ok',
        alerts: [],
        waitingForAgent: true,
      },
    ]);
    if (snapshot?.kind !== 'snapshot') return;
    expect(snapshot.panel.metrics.queued).toBe(1);
    expect(snapshot.panel.metrics.assigned).toBe(1);
    expect(snapshot.panel.metrics.avgTimeToAssignSec).toBe(9);
    expect(snapshot.asOfSeq).toBe(script.events.length);
  });

  it('sends only the rows a batch touched, and removes a conversation that ends', async () => {
    const { pushes } = subscribe(ANN, { kind: 'group', groupId: 'preset-chat' });
    expect(snapshotRows(pushes.messages[0]).map((row) => row.conversationId)).toEqual(['c2', 'c1', 'c3']);
    const mark = script.events.length;
    script.emit(at(31), { type: 'conversation.message', conversationId: 'c1', messageId: 'w1', sender: 'supervisor', senderId: 'ann', kind: 'whisper', text: 'Offer the refund' });
    harness.apply(script.since(mark));
    await waitFor(() => pushes.messages.length >= 2, { what: 'a diff' });
    const diff = pushes.messages[1];
    expect(diff?.kind).toBe('diff');
    if (diff?.kind !== 'diff') return;
    expect(diff.upsert.map((row) => row.conversationId)).toEqual(['c1']);
    expect(diff.upsert[0]?.alerts).toContain('whisper_sent');
    expect(diff.remove).toEqual([]);

    const next = script.events.length;
    script.emit(at(32), { type: 'conversation.ended', conversationId: 'c2', disposition: 'resolved' });
    script.emit(at(32), { type: 'conversation.assigned', conversationId: 'c3', queueId: 'q-billing', agentId: 'a1' });
    harness.apply(script.since(next));
    await waitFor(() => pushes.messages.length >= 3, { what: 'a second diff' });
    const second = pushes.messages[2];
    if (second?.kind !== 'diff') throw new Error('expected a diff');
    expect(second.remove).toEqual(['c2']);
    expect(second.upsert.map((row) => row.conversationId)).toEqual(['c3']);
    expect(second.panel.metrics.assigned).toBe(2);
  });

  it('does not resend rows whose only change is the clock: the UI advances handle time and waits itself', async () => {
    await harness.close();
    harness = viewsHarness({ floorTime: at(30), now: () => 1_700_000_000_000, refreshMs: 20 });
    harness.apply(script.events);
    const { pushes } = subscribe(ANN, { kind: 'group', groupId: 'preset-chat' });
    const before = snapshotRows(pushes.messages[0]);
    expect(before.length).toBeGreaterThan(0);
    harness.setFloorTime(at(30) + 4_000);
    await waitFor(() => pushes.messages.length >= 2, { what: 'a refresh with the panel moved by the clock' });
    const refresh = pushes.messages[1];
    if (refresh?.kind !== 'diff') throw new Error('expected a diff');
    expect(refresh.upsert).toEqual([]);
    expect(refresh.remove).toEqual([]);
  });

  it('marks transfers, high effort, delivery failures and takeovers as alerts', async () => {
    const { pushes } = subscribe(ANN, { kind: 'queue', queueId: 'q-billing' });
    const mark = script.events.length;
    script.emit(at(31), { type: 'conversation.flagged', conversationId: 'c1', flag: 'high_effort' });
    script.emit(at(31), { type: 'conversation.delivery_failed', conversationId: 'c1', messageId: 'm1', reason: 'customer offline' });
    script.emit(at(32), { type: 'conversation.taken_over', conversationId: 'c1', supervisorId: 'ann', fromAgentId: 'a1' });
    harness.apply(script.since(mark));
    await waitFor(() => pushes.messages.length >= 2, { what: 'a diff' });
    const diff = pushes.messages[1];
    if (diff?.kind !== 'diff') throw new Error('expected a diff');
    expect(diff.upsert[0]).toMatchObject({ conversationId: 'c1', agentId: null, supervisorId: 'ann', alerts: ['high_effort', 'delivery_failure', 'taken_over'] });
  });

  it('flags the response SLA once the customer has waited past the first-response threshold', () => {
    harness.setFloorTime(at(51)); // 31 s after the customer's message; the threshold is 30 s
    const { pushes } = subscribe(ANN, { kind: 'queue', queueId: 'q-billing' });
    expect(snapshotRows(pushes.messages[0])[0]).toMatchObject({ timeWaitingSec: 31, responseSla: 'breached', alerts: ['response_sla'] });
  });

  it('keeps to the session\'s queues: a group is cut to the scope, a queue outside it is refused', () => {
    const scoped: Session = { ...ANN, userId: 'sam', queueScope: ['q-sales'] };
    const group = subscribe(scoped, { kind: 'group', groupId: 'preset-chat' });
    expect(snapshotRows(group.pushes.messages[0]).map((row) => row.conversationId)).toEqual(['c2']);
    expect(subscribe(scoped, { kind: 'queue', queueId: 'q-billing' }).result).toEqual({ ok: false, error: 'Queue q-billing is outside your queues.' });
    expect(subscribe(ANN, { kind: 'queue', queueId: 'q-nowhere' }).result).toEqual({ ok: false, error: 'No queue q-nowhere.' });
    expect(subscribe(ANN, { kind: 'group', groupId: 'nope' }).result).toEqual({ ok: false, error: 'No group nope.' });
  });

  it('stops pushing after unsubscribing', async () => {
    const { pushes, result } = subscribe(ANN, { kind: 'queue', queueId: 'q-billing' });
    value(result)();
    const mark = script.events.length;
    script.emit(at(31), { type: 'conversation.flagged', conversationId: 'c1', flag: 'high_effort' });
    harness.apply(script.since(mark));
    // A second subscriber proves the batch was published; the first must not have heard it.
    const other = subscribe(ANN, { kind: 'queue', queueId: 'q-billing' });
    expect(snapshotRows(other.pushes.messages[0])[0]?.alerts).toEqual(['high_effort']);
    expect(pushes.messages).toHaveLength(1);
  });
});

describe('threshold overrides', () => {
  const override = (thresholds: Record<string, number> | null, commandId = `cmd-${Math.random()}`) =>
    harness.api.commands['thresholds.override'](accessFor(ANN), { type: 'thresholds.override', queueId: 'q-billing', thresholds }, commandId) as Result<ThresholdSettings>;

  it('lays the override over the feed\'s thresholds and records who set it', () => {
    const settings = value(override({ firstResponseSec: 5 }));
    expect(settings).toMatchObject({ queueId: 'q-billing', override: { firstResponseSec: 5 }, overrideBy: 'ann', overrideAt: 1_700_000_000_000 });
    expect(settings.effective.firstResponseSec).toBe(5);
    expect(settings.feed.firstResponseSec).toBe(30);
    expect(value(harness.api.queries['live.thresholds'](accessFor(ANN), { type: 'live.thresholds', queueId: 'q-billing' }))).toEqual(settings);
    const history = harness.store.database.prepare('SELECT queue_id AS queueId, set_by AS setBy FROM threshold_override_changes').all();
    expect(history).toEqual([{ queueId: 'q-billing', setBy: 'ann' }]);
  });

  it('changes row alerts and the overview tile\'s breaches, and clears back to the feed\'s', async () => {
    const overview = recorder<OverviewMessage>();
    harness.overview.subscribe(ANN, overview.listener);
    const first = overview.messages[0];
    if (first?.kind !== 'snapshot') throw new Error('expected a snapshot');
    expect(first.queues.find((tile) => tile.queueId === 'q-billing')?.breaches).toEqual([]);

    value(override({ queuedLow: 1, firstResponseSec: 5 }));
    await waitFor(() => overview.messages.length >= 2, { what: 'an overview diff' });
    const diff = overview.messages[1];
    if (diff?.kind !== 'diff') throw new Error('expected a diff');
    const tile = diff.upsert.find((candidate) => candidate.queueId === 'q-billing');
    expect(tile?.breaches).toContainEqual({ metricId: 'queued', severity: 'warning' });
    expect(tile?.thresholds.queuedLow).toBe(1);
    const rows = subscribe(ANN, { kind: 'queue', queueId: 'q-billing' });
    expect(snapshotRows(rows.pushes.messages[0])[0]?.alerts).toEqual(['response_sla']);

    const cleared = value(override(null));
    expect(cleared.override).toBeNull();
    expect(cleared.effective).toEqual(cleared.feed);
    await waitFor(() => overview.messages.length >= 3, { what: 'a second overview diff' });
    const back = overview.messages[2];
    if (back?.kind !== 'diff') throw new Error('expected a diff');
    expect(back.upsert.find((candidate) => candidate.queueId === 'q-billing')?.breaches).toEqual([]);
  });

  it('refuses low above high, an unknown queue and a queue outside the scope', () => {
    expect(override({ queuedLow: 9, queuedHigh: 4 })).toEqual({ ok: false, error: 'Queued low (9) must not be above queued high (4).' });
    const scoped: Session = { ...ANN, queueScope: ['q-sales'] };
    expect(harness.api.commands['thresholds.override'](accessFor(scoped), { type: 'thresholds.override', queueId: 'q-billing', thresholds: null }, 'x')).toEqual({
      ok: false,
      error: 'Queue q-billing is outside your queues.',
    });
    expect(harness.api.queries['live.thresholds'](accessFor(ANN), { type: 'live.thresholds', queueId: 'q-none' })).toEqual({ ok: false, error: 'No queue q-none.' });
  });
});

describe('layout', () => {
  it('keeps hidden queues per user, and a retried command applies once', () => {
    const save = (hiddenQueueIds: string[], commandId: string) => harness.api.commands['layout.save'](accessFor(ANN), { type: 'layout.save', hiddenQueueIds }, commandId);
    expect(value(save(['q-sales', 'q-sales', 'q-phone'], 'l1') as Result<unknown>)).toEqual({ hiddenQueueIds: ['q-sales', 'q-phone'] });
    expect(value(save(['q-billing'], 'l1') as Result<unknown>)).toEqual({ hiddenQueueIds: ['q-sales', 'q-phone'] });
    expect(value(harness.api.queries['live.layout'](accessFor(ANN), { type: 'live.layout' }))).toEqual({ hiddenQueueIds: ['q-sales', 'q-phone'] });
    expect(value(harness.api.queries['live.layout'](accessFor({ ...ANN, userId: 'bob' }), { type: 'live.layout' }))).toEqual({ hiddenQueueIds: [] });
    expect(harness.api.commands['group.delete'](accessFor(ANN), { type: 'group.delete', groupId: 'g' }, 'l1')).toEqual({ ok: false, error: 'Command id l1 was already used for layout.save.' });
  });
});
