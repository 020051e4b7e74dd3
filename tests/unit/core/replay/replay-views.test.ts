/**
 * Replaying one queue and one transcript through the API: the queue's panel, agents and
 * conversation table equal what the live builders give for the stored events up to the instant
 * (built here from the log alone), a transcript holds only what was said by then, and both keep
 * to the session's scope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../../src-main/core/api/session.js';
import { applyEvents, createLiveState } from '../../../../src-main/core/floor-state/reducer.js';
import { buildConversationRows, buildQueuePanel } from '../../../../src-main/core/live-insights/conversation-rows.js';
import { buildPerformance } from '../../../../src-main/core/live-insights/performance.js';
import type { ThresholdsOf } from '../../../../src-main/core/floor-state/overview.js';
import type { FloorEvent } from '../../../../src-shared/protocol/events.js';
import { LIVE_STREAM } from '../../../../src-shared/protocol/frames.js';
import type { Result } from '../../../../src-shared/result.js';
import { T0, replayHarness, tenMinutes, type ReplayHarness } from './replay-test-kit.js';

const ADMIN: Session = { userId: 'ada', displayName: 'Ada', role: 'admin', queueScope: null };
const ORDERS_ONLY: Session = { userId: 'sam', displayName: 'Sam', role: 'wfm_leader', queueScope: ['q-orders'] };

/** The feed's thresholds, as replay judges the past. */
const thresholds: ThresholdsOf = (queue) => queue.thresholds;

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('replayed queue and transcript', () => {
  let harness: ReplayHarness;
  let events: FloorEvent[];

  beforeAll(async () => {
    events = tenMinutes();
    let floorNow = T0;
    harness = replayHarness(() => floorNow, { everyEvents: 40 });
    for (let index = 0; index < events.length; index += 5) {
      const batch = events.slice(index, index + 5);
      floorNow = batch[batch.length - 1]?.time ?? floorNow;
      harness.ingest(batch);
      await harness.settled();
    }
  });

  afterAll(async () => {
    await harness.close();
  });

  it('gives a queue at a past instant as the live builders give it from the stored events up to then', () => {
    const stored: FloorEvent[] = harness.store.readEvents(LIVE_STREAM, 0, 100_000);
    for (const at of [T0 + 95_000, T0 + 301_000, T0 + 555_555]) {
      const state = applyEvents(createLiveState(), stored.filter((event) => event.time <= at));
      const frame = value(harness.api.query(ADMIN, { type: 'replay.queue', at, queueId: 'q-orders' }));
      expect(frame.queueName).toBe('Orders');
      expect(frame.rows).toEqual(buildConversationRows(state, ['q-orders'], at, thresholds));
      expect(frame.panel).toEqual(buildQueuePanel(state, ['q-orders'], at, thresholds));
      expect(frame.agents).toEqual(buildPerformance(state, { queueIds: ['q-orders'], period: 'now' }, at, thresholds).agents);
      expect(frame.agents.map((agent) => agent.agentId).sort()).toEqual(['a1', 'a2']);
    }
  });

  it('keeps a scoped session to its queues', () => {
    expect(harness.api.query(ORDERS_ONLY, { type: 'replay.queue', at: T0 + 300_000, queueId: 'q-billing' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(value(harness.api.query(ORDERS_ONLY, { type: 'replay.queue', at: T0 + 300_000, queueId: 'q-orders' })).queueId).toBe('q-orders');
  });

  it('shows a transcript as it stood: nothing said after the instant', () => {
    const message = events.find((event) => event.type === 'conversation.message' && event.conversationId === 'c1');
    if (message?.type !== 'conversation.message') throw new Error('the script has a message in c1');
    const before = value(harness.api.query(ADMIN, { type: 'replay.transcript', at: message.time - 1, conversationId: 'c1' }));
    expect(before.state).toBe('assigned');
    expect(before.entries.map((entry) => entry.kind === 'event' ? entry.event : entry.text)).toEqual(['created', 'queued', 'assigned']);
    const after = value(harness.api.query(ADMIN, { type: 'replay.transcript', at: message.time, conversationId: 'c1' }));
    expect(after.entries.map((entry) => entry.kind === 'event' ? entry.event : entry.text)).toEqual(['created', 'queued', 'assigned', 'hello']);
    expect(after.queueName).toBe('Orders');
    const ended = events.find((event) => event.type === 'conversation.ended' && event.conversationId === 'c1');
    const done = value(harness.api.query(ADMIN, { type: 'replay.transcript', at: (ended?.time ?? 0) + 1, conversationId: 'c1' }));
    expect(done.state).toBe('done');
    expect(done.entries.map((entry) => entry.kind === 'message' && entry.text)).toContain('hello');
  });

  it('shows nothing of a conversation before it began', () => {
    const created = events.find((event) => event.type === 'conversation.created' && event.conversationId === 'c40');
    const early = value(harness.api.query(ADMIN, { type: 'replay.transcript', at: (created?.time ?? 0) - 1_000, conversationId: 'c40' }));
    expect(early).toMatchObject({ state: 'not_started', entries: [] });
  });

  it('refuses a transcript outside the scope as it refuses an unknown one', () => {
    // c0 is in Billing (every third conversation).
    expect(harness.api.query(ORDERS_ONLY, { type: 'replay.transcript', at: T0 + 300_000, conversationId: 'c0' })).toEqual({ ok: false, error: 'No such conversation in your scope.', code: 'forbidden' });
    expect(harness.api.query(ORDERS_ONLY, { type: 'replay.transcript', at: T0 + 300_000, conversationId: 'nope' })).toEqual({ ok: false, error: 'No such conversation in your scope.', code: 'forbidden' });
  });
});
