import { describe, expect, it } from 'vitest';
import { METRIC_IDS, metricDefinition } from '../../../../src-shared/metrics/dictionary.js';
import { MAX_EXPLAINED_IDS, valueFromTerms } from '../../../../src-shared/metrics/explanation.js';
import { explainMetric } from '../../../../src-main/core/floor-state/explain.js';
import { queueMetrics } from '../../../../src-main/core/floor-state/metrics.js';
import { groupMetrics } from '../../../../src-main/core/floor-state/overview.js';
import { applyEvents, createLiveState } from '../../../../src-main/core/floor-state/reducer.js';
import { agentLogin, atSeconds, created, floorScript, queueConfigured } from './floor-script.js';

const T0 = Date.UTC(2024, 2, 5, 12, 0, 0);
const at = atSeconds(T0);

/**
 * One queue (Q1, chat, target 60 s, UTC) and a second queue Q2 sharing agent A2.
 * The floor of metrics.test.ts (its figures are checked by hand there), with some traffic on Q2.
 */
function scenario() {
  const script = floorScript();
  script.emit(at(0), queueConfigured('Q1'));
  script.emit(at(0), queueConfigured('Q2', { serviceLevelTargetSec: 20 }));
  script.emit(at(0), agentLogin('A1', ['Q1'], 2));
  script.emit(at(0), agentLogin('A2', ['Q1', 'Q2'], 3));
  script.emit(at(0), agentLogin('A3', ['Q1'], 1));
  script.emit(at(0), agentLogin('A4', ['Q1'], 2));
  script.emit(at(0), { type: 'agent.status', agentId: 'A1', kind: 'available', reason: 'Ready' });
  script.emit(at(0), { type: 'agent.status', agentId: 'A2', kind: 'available', reason: 'Ready' });
  script.emit(at(0), { type: 'agent.status', agentId: 'A3', kind: 'away', reason: 'Lunch' });
  script.emit(at(1), { type: 'agent.logout', agentId: 'A4' });

  // C1: waits 30 s, A1; customer 40 → reply 50 (10 s, first response 20 s); customer 60 → reply 75 (15 s).
  script.emit(at(0), created('C1', 'Q1'));
  script.emit(at(0), { type: 'conversation.queued', conversationId: 'C1', queueId: 'Q1' });
  // C2: waits 90 s (past the 60 s target), A2.
  script.emit(at(10), { type: 'conversation.queued', conversationId: 'C2', queueId: 'Q1' });
  // C5: abandons after 3 s (short); C6: abandons after 100 s.
  script.emit(at(20), { type: 'conversation.queued', conversationId: 'C5', queueId: 'Q1' });
  script.emit(at(23), { type: 'conversation.abandoned', conversationId: 'C5', queueId: 'Q1' });
  script.emit(at(30), { type: 'conversation.assigned', conversationId: 'C1', queueId: 'Q1', agentId: 'A1' });
  script.emit(at(30), { type: 'conversation.queued', conversationId: 'C6', queueId: 'Q1' });
  // C7: waits 10 s, A2, ends resolved at 290 (handle 240 s).
  script.emit(at(40), { type: 'conversation.queued', conversationId: 'C7', queueId: 'Q1' });
  script.emit(at(40), { type: 'conversation.message', conversationId: 'C1', messageId: 'm1', sender: 'customer', kind: 'text', text: 'hello' });
  script.emit(at(45), { type: 'conversation.message', conversationId: 'C1', messageId: 'm2', sender: 'bot', kind: 'text', text: 'one moment' });
  script.emit(at(50), { type: 'conversation.assigned', conversationId: 'C7', queueId: 'Q1', agentId: 'A2' });
  script.emit(at(50), { type: 'conversation.message', conversationId: 'C1', messageId: 'm3', sender: 'agent', senderId: 'A1', kind: 'text', text: 'hi' });
  script.emit(at(60), { type: 'conversation.message', conversationId: 'C1', messageId: 'm4', sender: 'customer', kind: 'text', text: 'my bill' });
  script.emit(at(60), { type: 'conversation.queued', conversationId: 'C9', queueId: 'Q1' });
  script.emit(at(65), { type: 'conversation.message', conversationId: 'C1', messageId: 'm5', sender: 'customer', kind: 'text', text: 'is wrong' });
  script.emit(at(70), { type: 'conversation.assigned', conversationId: 'C9', queueId: 'Q1', agentId: 'A1' });
  script.emit(at(75), { type: 'conversation.message', conversationId: 'C1', messageId: 'm6', sender: 'agent', senderId: 'A1', kind: 'text', text: 'let me look' });
  script.emit(at(100), { type: 'conversation.assigned', conversationId: 'C2', queueId: 'Q1', agentId: 'A2' });
  script.emit(at(130), { type: 'conversation.abandoned', conversationId: 'C6', queueId: 'Q1' });
  // C9: ends unresolved at 170 (handle 100 s).
  script.emit(at(170), { type: 'conversation.ended', conversationId: 'C9', disposition: 'unresolved' });
  // C3 and C4 still wait at now (300): 100 s and 50 s.
  script.emit(at(200), { type: 'conversation.queued', conversationId: 'C3', queueId: 'Q1' });
  script.emit(at(250), { type: 'conversation.queued', conversationId: 'C4', queueId: 'Q1' });
  // C8: direct assignment (no queue time) to A1.
  script.emit(at(260), created('C8', 'Q1'));
  script.emit(at(260), { type: 'conversation.assigned', conversationId: 'C8', queueId: 'Q1', agentId: 'A1' });
  script.emit(at(290), { type: 'conversation.ended', conversationId: 'C7', disposition: 'resolved' });
  script.emit(at(291), { type: 'survey.answered', conversationId: 'C7', queueId: 'Q1', agentId: 'A2', rating: 5 });
  script.emit(at(292), { type: 'survey.answered', conversationId: 'C9', queueId: 'Q1', agentId: 'A1', rating: 3 });
  script.emit(at(293), { type: 'survey.answered', conversationId: 'C1', queueId: 'Q1', rating: 4 });
  // Q2 (target 20 s): C12 answered after 3 s; C11 abandons after 2 s (short); C10 waits from 296.
  script.emit(at(294), { type: 'conversation.queued', conversationId: 'C12', queueId: 'Q2' });
  script.emit(at(295), { type: 'conversation.queued', conversationId: 'C11', queueId: 'Q2' });
  script.emit(at(296), { type: 'conversation.queued', conversationId: 'C10', queueId: 'Q2' });
  script.emit(at(297), { type: 'conversation.assigned', conversationId: 'C12', queueId: 'Q2', agentId: 'A2' });
  script.emit(at(297), { type: 'conversation.abandoned', conversationId: 'C11', queueId: 'Q2' });
  return applyEvents(createLiveState(), script.events);
}

const NOW = at(300);

describe('explainMetric', () => {
  it('gives every metric of a queue the value the tiles show, and terms that make that value', () => {
    const state = scenario();
    const metrics = queueMetrics(state, 'Q1', NOW);
    for (const metricId of METRIC_IDS) {
      const explanation = explainMetric(state, ['Q1'], metricId, NOW);
      expect(explanation.value, metricId).toBe(metrics[metricId]);
      const recomputed = valueFromTerms(explanation);
      if (metrics[metricId] === null) expect(recomputed, metricId).toBeNull();
      else expect(recomputed, metricId).toBeCloseTo(metrics[metricId] ?? Number.NaN, 9);
      expect(explanation.summary.length, metricId).toBeGreaterThan(0);
    }
  });

  it('explains a group from its merged queues, as the group tile computes it', () => {
    const state = scenario();
    const metrics = groupMetrics(state, ['Q1', 'Q2'], NOW);
    for (const metricId of METRIC_IDS) {
      const explanation = explainMetric(state, ['Q1', 'Q2'], metricId, NOW);
      expect(explanation.value, metricId).toBe(metrics[metricId]);
      const recomputed = valueFromTerms(explanation);
      if (metrics[metricId] === null) expect(recomputed, metricId).toBeNull();
      else expect(recomputed, metricId).toBeCloseTo(metrics[metricId] ?? Number.NaN, 9);
    }
  });

  it('says the service level in words: answered within target of eligible, short abandons excluded', () => {
    const explanation = explainMetric(scenario(), ['Q1'], 'serviceLevelPct', NOW);
    expect(explanation.kind).toBe('percent');
    expect(explanation.numerator.value).toBe(4);
    expect(explanation.denominator?.value).toBe(6);
    expect(explanation.exclusions).toEqual([{ label: 'abandon under 5 s excluded', value: 1 }]);
    expect(explanation.summary).toBe('4 answered within 60 s of 6 eligible (assigned, or abandoned after 5 s); 1 abandon under 5 s excluded');
    // Finished conversations of the day are in the Conversation Manager, from the queue's midnight.
    expect(explanation.behind).toEqual({ kind: 'history', from: Date.UTC(2024, 2, 5), until: NOW });
  });

  it("names each queue's target when a group's queues have different ones", () => {
    const explanation = explainMetric(scenario(), ['Q1', 'Q2'], 'serviceLevelPct', NOW);
    expect(explanation.numerator).toEqual({ label: "answered within each queue's target", value: 5 });
    expect(explanation.denominator?.value).toBe(7); // Q1's 5 + 2 − 1 short, Q2's 1 + 1 − 1 short
    expect(explanation.exclusions[0]?.value).toBe(2);
  });

  it('lists the conversations behind a "right now" figure, the longest wait first', () => {
    const state = scenario();
    expect(explainMetric(state, ['Q1'], 'queued', NOW).behind).toEqual({ kind: 'conversations', ids: ['C3', 'C4'], total: 2 });
    expect(explainMetric(state, ['Q1'], 'longestWaitSec', NOW)).toMatchObject({ kind: 'max', numerator: { value: 100 }, summary: '100 s, the longest of 2 customers waiting' });
    expect(explainMetric(state, ['Q1'], 'assigned', NOW).behind).toEqual({ kind: 'conversations', ids: ['C1', 'C2', 'C8'], total: 3 });
    const firstResponse = explainMetric(state, ['Q1'], 'avgFirstResponseTimeSec', NOW);
    expect(firstResponse.behind).toEqual({ kind: 'conversations', ids: ['C1'], total: 1 });
    expect(firstResponse.exclusions).toEqual([{ label: 'held conversations with no agent message yet left out', value: 2 }]);
  });

  it('lists the agents behind an agent figure', () => {
    const state = scenario();
    expect(explainMetric(state, ['Q1'], 'agentsBusy', NOW).behind).toEqual({ kind: 'agents', ids: ['A1', 'A2'], total: 2 });
    expect(explainMetric(state, ['Q1'], 'agentsAway', NOW).behind).toEqual({ kind: 'agents', ids: ['A3'], total: 1 });
    const occupancy = explainMetric(state, ['Q1'], 'occupancyNowPct', NOW);
    expect(occupancy).toMatchObject({ numerator: { value: 4 }, denominator: { value: 5 } }); // A1 holds C1 and C8, A2 holds C2 and C12
  });

  it(`caps the ids at ${MAX_EXPLAINED_IDS} and gives the total`, () => {
    const script = floorScript();
    script.emit(T0, queueConfigured('BIG'));
    for (let index = 0; index < MAX_EXPLAINED_IDS + 50; index += 1) {
      script.emit(T0 + index, { type: 'conversation.queued', conversationId: `C${String(index).padStart(4, '0')}`, queueId: 'BIG' });
    }
    const explanation = explainMetric(applyEvents(createLiveState(), script.events), ['BIG'], 'queued', T0 + 1_000_000);
    expect(explanation.value).toBe(MAX_EXPLAINED_IDS + 50);
    expect(explanation.behind).toMatchObject({ kind: 'conversations', total: MAX_EXPLAINED_IDS + 50 });
    const behind = explanation.behind;
    expect(behind.kind === 'conversations' ? behind.ids : []).toHaveLength(MAX_EXPLAINED_IDS);
    expect(behind.kind === 'conversations' ? behind.ids[0] : null).toBe('C0000');
  });

  it('explains an empty queue with nulls where the dictionary has no inputs', () => {
    const script = floorScript();
    script.emit(T0, queueConfigured('EMPTY'));
    const state = applyEvents(createLiveState(), script.events);
    for (const metricId of METRIC_IDS) {
      const explanation = explainMetric(state, ['EMPTY'], metricId, T0 + 1000);
      expect(valueFromTerms(explanation), metricId).toBe(explanation.value);
      expect(metricDefinition(metricId).period === 'today' ? explanation.behind.kind : 'live', metricId).toBe(metricDefinition(metricId).period === 'today' ? 'history' : 'live');
    }
  });
});
