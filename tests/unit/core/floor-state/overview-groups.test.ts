/** Several queues as one (group tiles, panels), effective thresholds, and the reducer's per-agent and feedback memory. */
import { describe, expect, it } from 'vitest';
import { groupThresholds } from '../../../../src-main/core/floor-state/breaches.js';
import { queueMetrics } from '../../../../src-main/core/floor-state/metrics.js';
import { buildGroupTile, buildQueueTile, groupMetrics, mergeTodayCounters } from '../../../../src-main/core/floor-state/overview.js';
import { applyEvents, createLiveState } from '../../../../src-main/core/floor-state/reducer.js';
import { deserializeLiveState, MAX_FEEDBACK_PER_QUEUE, serializeLiveState, zeroCounters } from '../../../../src-main/core/floor-state/state.js';
import { agentLogin, atSeconds, created, floorScript, queueConfigured, THRESHOLDS } from './floor-script.js';

const T0 = Date.UTC(2024, 2, 5, 12);
const at = atSeconds(T0);

/** Billing: one conversation waited 10 s; Sales: three waited 2 s each, and one abandoned. */
function floor() {
  const script = floorScript();
  script.emit(at(0), queueConfigured('q-billing', { name: 'Billing' }));
  script.emit(at(0), queueConfigured('q-sales', { name: 'Sales', thresholds: { ...THRESHOLDS, longestWaitSec: 20, serviceLevelPct: 90 } }));
  script.emit(at(0), agentLogin('a1', ['q-billing', 'q-sales'], 3));
  script.emit(at(0), { type: 'agent.status', agentId: 'a1', kind: 'available', reason: '' });
  script.emit(at(0), created('b1', 'q-billing'));
  script.emit(at(0), { type: 'conversation.queued', conversationId: 'b1', queueId: 'q-billing' });
  script.emit(at(10), { type: 'conversation.assigned', conversationId: 'b1', queueId: 'q-billing', agentId: 'a1' });
  for (const id of ['s1', 's2', 's3']) {
    script.emit(at(20), created(id, 'q-sales'));
    script.emit(at(20), { type: 'conversation.queued', conversationId: id, queueId: 'q-sales' });
    script.emit(at(22), { type: 'conversation.assigned', conversationId: id, queueId: 'q-sales', agentId: 'a1' });
  }
  script.emit(at(30), created('s4', 'q-sales'));
  script.emit(at(30), { type: 'conversation.queued', conversationId: 's4', queueId: 'q-sales' });
  script.emit(at(40), { type: 'conversation.abandoned', conversationId: 's4', queueId: 'q-sales' });
  return { script, state: applyEvents(createLiveState(), script.events) };
}

describe('groupMetrics', () => {
  it('equals the queue\'s own metrics for one queue', () => {
    const { state } = floor();
    expect(groupMetrics(state, ['q-sales'], at(60))).toEqual(queueMetrics(state, 'q-sales', at(60)));
  });

  it('merges sums and counts rather than averaging the queues\' averages', () => {
    const { state } = floor();
    const merged = groupMetrics(state, ['q-billing', 'q-sales'], at(60));
    // (10 + 2 + 2 + 2) / 4 = 4, where the mean of the two queues' means would be (10 + 2) / 2 = 6.
    expect(merged.avgTimeToAssignSec).toBe(4);
    expect(merged.assigned).toBe(4);
    expect(merged.enteredToday).toBe(5);
    expect(merged.abandonRatePct).toBe(20);
    // The agent serves both queues and counts once: 4 chats over 3 slots.
    expect(merged.loggedInAgents).toBe(1);
    expect(merged.occupancyNowPct).toBeCloseTo((100 * 4) / 3);
  });

  it('leaves out a queue whose day is over', () => {
    const early = { ...zeroCounters(0, 100), entered: 7 };
    const current = { ...zeroCounters(50, 1_000), entered: 2, feedback: [] };
    expect(mergeTodayCounters([early, current, undefined], 500)).toMatchObject({ entered: 2, dayStart: 50, nextDayStart: 1_000 });
    expect(mergeTodayCounters([early], 500)).toBeUndefined();
  });
});

describe('group thresholds and tiles', () => {
  it('add up the queued limits and take the strictest of the others', () => {
    const strict = { ...THRESHOLDS, longestWaitSec: 20, serviceLevelPct: 90 };
    expect(groupThresholds([THRESHOLDS, strict])).toEqual({ ...THRESHOLDS, queuedLow: 6, queuedHigh: 12, longestWaitSec: 20, serviceLevelPct: 90 });
  });

  it('build a group tile over the known member queues, judged by the group thresholds', () => {
    const { state } = floor();
    const tile = buildGroupTile(state, { groupId: 'g1', name: 'Both', channel: 'chat', queueIds: ['q-billing', 'q-sales', 'q-gone'], preset: false }, at(60));
    expect(tile).toMatchObject({ queueId: 'group:g1', name: 'Both', group: { groupId: 'g1', queueIds: ['q-billing', 'q-sales'], preset: false } });
    expect(tile?.thresholds.serviceLevelPct).toBe(90);
    expect(buildGroupTile(state, { groupId: 'g2', name: 'None', channel: 'chat', queueIds: ['q-gone'], preset: false }, at(60))).toBeNull();
  });

  it('judge a queue tile by the thresholds given, so an override moves its breaches', () => {
    const { state } = floor();
    expect(buildQueueTile(state, 'q-billing', at(60)).breaches).toEqual([]);
    const tile = buildQueueTile(state, 'q-billing', at(60), (queue) => ({ ...queue.thresholds, ahtSec: 10 }));
    expect(tile.thresholds.ahtSec).toBe(10);
    expect(tile.breaches).toEqual([{ metricId: 'ahtNowSec', severity: 'warning' }]);
  });
});

describe('the reducer\'s per-agent day and feedback', () => {
  it('counts an agent\'s assignments, finished handle time and replies of each assignment only', () => {
    const { script } = floor();
    script.emit(at(61), { type: 'conversation.message', conversationId: 'b1', messageId: 'x1', sender: 'customer', kind: 'text', text: 'hi' });
    script.emit(at(64), { type: 'conversation.message', conversationId: 'b1', messageId: 'x2', sender: 'agent', kind: 'text', text: 'hello' });
    script.emit(at(70), { type: 'conversation.ended', conversationId: 'b1', disposition: 'resolved' });
    const state = applyEvents(createLiveState(), script.events);
    expect(state.agents.get('a1')?.today).toMatchObject({ assigned: 4, finished: 1, handleTimeSumMs: 60_000, responseTimeSumMs: 3_000, responseCount: 1 });
  });

  it('keeps today\'s survey answers per queue, bounded, and starts afresh the next day', () => {
    const { script } = floor();
    for (let index = 0; index < MAX_FEEDBACK_PER_QUEUE + 5; index += 1) {
      script.emit(at(100 + index), { type: 'survey.answered', conversationId: `s${index}`, queueId: 'q-sales', rating: 4 });
    }
    let state = applyEvents(createLiveState(), script.events);
    const feedback = state.today.get('q-sales')?.feedback ?? [];
    expect(feedback).toHaveLength(MAX_FEEDBACK_PER_QUEUE);
    expect(feedback[feedback.length - 1]?.conversationId).toBe(`s${MAX_FEEDBACK_PER_QUEUE + 4}`);
    expect(feedback[0]?.conversationId).toBe('s5');
    const nextDay = script.events.length;
    script.emit(Date.UTC(2024, 2, 6, 1), { type: 'survey.answered', conversationId: 'late', queueId: 'q-sales', rating: 1 });
    state = applyEvents(state, script.since(nextDay));
    expect(state.today.get('q-sales')?.feedback?.map((entry) => entry.conversationId)).toEqual(['late']);
  });

  it('survives a checkpoint round trip, and reads a checkpoint written without these fields', () => {
    const { script } = floor();
    script.emit(at(80), { type: 'survey.answered', conversationId: 'b1', queueId: 'q-billing', agentId: 'a1', rating: 5, comment: 'great' });
    const state = applyEvents(createLiveState(), script.events);
    const restored = deserializeLiveState(serializeLiveState(state));
    expect(restored.agents.get('a1')?.today).toEqual(state.agents.get('a1')?.today);
    expect(restored.today.get('q-billing')?.feedback).toEqual(state.today.get('q-billing')?.feedback);
    expect(restored.conversations.get('s1')?.responseCountAtAssign).toBe(0);

    const old = JSON.parse(serializeLiveState(state)) as { agents: Record<string, unknown>[]; today: [string, Record<string, unknown>][]; conversations: Record<string, unknown>[] };
    for (const agent of old.agents) delete agent.today;
    for (const [, counters] of old.today) delete counters.feedback;
    for (const conversation of old.conversations) {
      delete conversation.responseSumAtAssignMs;
      delete conversation.responseCountAtAssign;
    }
    const fromOld = deserializeLiveState(JSON.stringify(old));
    expect(fromOld.agents.get('a1')?.today).toBeUndefined();
    expect(applyEvents(fromOld, [{ seq: state.lastSeq + 1, time: at(90), type: 'conversation.ended', conversationId: 's1', disposition: 'resolved' }]).agents.get('a1')?.today).toMatchObject({
      finished: 1,
    });
  });
});
