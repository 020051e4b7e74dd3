import { describe, expect, it } from 'vitest';
import { METRIC_IDS } from '../../../../src-shared/metrics/dictionary.js';
import { queueMetrics } from '../../../../src-main/core/floor-state/metrics.js';
import { applyEvents, createLiveState } from '../../../../src-main/core/floor-state/reducer.js';
import { agentLogin, atSeconds, created, floorScript, queueConfigured } from './floor-script.js';

const T0 = Date.UTC(2024, 2, 5, 12, 0, 0);
const at = atSeconds(T0);

/**
 * One queue (Q1, chat, target 60 s, UTC) and a second queue Q2 sharing agent A2.
 * Every expected value below is worked out by hand from this script.
 */
function scenario() {
  const script = floorScript();
  script.emit(at(0), queueConfigured('Q1'));
  script.emit(at(0), queueConfigured('Q2'));
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
  return applyEvents(createLiveState(), script.events);
}

describe('queueMetrics', () => {
  it('computes every "right now" metric of a queue by its dictionary formula', () => {
    const metrics = queueMetrics(scenario(), 'Q1', at(300));
    expect(metrics.queued).toBe(2);
    expect(metrics.longestWaitSec).toBe(100);
    expect(metrics.assigned).toBe(3);
    expect(metrics.offered).toBe(5);
    expect(metrics.avgCurrentTimeInQueueSec).toBe(75); // (100 + 50) / 2
    expect(metrics.avgTimeToAssignSec).toBe(40); // (30 + 90 + 0) / 3
    expect(metrics.avgWaitSec).toBe(54); // (100 + 50 + 30 + 90 + 0) / 5
    expect(metrics.ahtNowSec).toBe(170); // (270 + 200 + 40) / 3
    expect(metrics.avgResponseTimeSec).toBe(12.5); // (10 + 15) / 2
    expect(metrics.avgFirstResponseTimeSec).toBe(20); // 50 − 30
    expect(metrics.loggedInAgents).toBe(3);
    expect(metrics.agentsAvailable).toBe(0);
    expect(metrics.agentsBusy).toBe(2);
    expect(metrics.agentsAway).toBe(1);
    expect(metrics.activeSlotsPct).toBe(60); // 3 / (2 + 3)
    expect(metrics.occupancyNowPct).toBe(60); // (2 + 1) / (2 + 3)
    expect(metrics.concurrencyNow).toBe(1.5); // 3 / 2
  });

  it('computes every "since midnight" metric of a queue by its dictionary formula', () => {
    const metrics = queueMetrics(scenario(), 'Q1', at(300));
    expect(metrics.enteredToday).toBe(8);
    expect(metrics.offeredToday).toBe(9); // the 8 queued + C8 assigned directly
    expect(metrics.assignedToday).toBe(5);
    expect(metrics.abandonedToday).toBe(2);
    expect(metrics.abandonRatePct).toBe(25);
    expect(metrics.avgAbandonTimeSec).toBe(51.5); // (3 + 100) / 2
    expect(metrics.avgTimeInQueueTodaySec).toBe(40.5); // (30 + 90 + 10 + 10 + 3 + 100) / 6
    expect(metrics.avgTimeToAssignTodaySec).toBe(28); // (30 + 90 + 10 + 0 + 10) / 5
    expect(metrics.ahtTodaySec).toBe(170); // (240 + 100) / 2
    expect(metrics.serviceLevelPct).toBeCloseTo((100 * 4) / 6, 10); // within 60 s: C1, C7, C8, C9; denominator 5 + 2 − 1 short
    expect(metrics.resolutionRatePct).toBe(50);
    expect(metrics.csatPct).toBeCloseTo((100 * 2) / 3, 10);
    expect(metrics.csatMean).toBe(4);
  });

  it('counts an agent in every queue they belong to', () => {
    const metrics = queueMetrics(scenario(), 'Q2', at(300));
    expect(metrics.loggedInAgents).toBe(1);
    expect(metrics.agentsBusy).toBe(1);
    expect(metrics.assigned).toBe(0);
    expect(metrics.activeSlotsPct).toBe(0); // Q2 has no assigned conversation over A2's 3 slots
    expect(metrics.occupancyNowPct).toBeCloseTo(100 / 3, 10); // A2 holds 1 chat of 3 slots
    expect(metrics.concurrencyNow).toBe(0);
  });

  it('gives nulls, not NaN, for an empty queue with no agents', () => {
    const script = floorScript();
    script.emit(T0, queueConfigured('EMPTY'));
    const metrics = queueMetrics(applyEvents(createLiveState(), script.events), 'EMPTY', T0 + 1000);
    for (const id of METRIC_IDS) {
      const value = metrics[id];
      expect(value === null || Number.isFinite(value), id).toBe(true);
    }
    expect(metrics).toMatchObject({
      queued: 0,
      longestWaitSec: 0,
      offered: 0,
      assigned: 0,
      avgCurrentTimeInQueueSec: null,
      avgTimeToAssignSec: null,
      avgWaitSec: null,
      ahtNowSec: null,
      avgResponseTimeSec: null,
      avgFirstResponseTimeSec: null,
      activeSlotsPct: null,
      occupancyNowPct: null,
      concurrencyNow: null,
      loggedInAgents: 0,
      enteredToday: 0,
      abandonRatePct: null,
      avgAbandonTimeSec: null,
      avgTimeInQueueTodaySec: null,
      avgTimeToAssignTodaySec: null,
      ahtTodaySec: null,
      serviceLevelPct: null,
      resolutionRatePct: null,
      csatPct: null,
      csatMean: null,
    });
  });

  it('answers for an unknown queue with the values of an empty one', () => {
    const metrics = queueMetrics(createLiveState(), 'NOWHERE', T0);
    expect(metrics.queued).toBe(0);
    expect(metrics.serviceLevelPct).toBeNull();
    expect(Object.keys(metrics).sort()).toEqual([...METRIC_IDS].sort());
  });

  it('uses the floor time passed in, never the machine clock', () => {
    const state = scenario();
    expect(queueMetrics(state, 'Q1', at(400)).longestWaitSec).toBe(200);
    expect(queueMetrics(state, 'Q1', at(300)).longestWaitSec).toBe(100);
  });

  it('treats a negative elapsed time (clock skew) as zero', () => {
    const state = scenario();
    expect(queueMetrics(state, 'Q1', at(0)).longestWaitSec).toBe(0);
  });

  it('counts agents with no chats as available and the supervisor-held conversation as assigned', () => {
    const script = floorScript();
    script.emit(T0, queueConfigured('Q'));
    script.emit(T0, agentLogin('A', ['Q'], 2));
    script.emit(T0, { type: 'agent.status', agentId: 'A', kind: 'available', reason: 'Ready' });
    script.emit(T0, { type: 'conversation.queued', conversationId: 'C', queueId: 'Q' });
    script.emit(T0 + 5000, { type: 'conversation.assigned', conversationId: 'C', queueId: 'Q', agentId: 'A' });
    script.emit(T0 + 9000, { type: 'conversation.taken_over', conversationId: 'C', supervisorId: 'S', fromAgentId: 'A' });
    const metrics = queueMetrics(applyEvents(createLiveState(), script.events), 'Q', T0 + 10_000);
    expect(metrics.agentsAvailable).toBe(1);
    expect(metrics.agentsBusy).toBe(0);
    expect(metrics.assigned).toBe(1);
    expect(metrics.ahtNowSec).toBe(1); // the supervisor has held it for 1 s
    expect(metrics.occupancyNowPct).toBe(0);
    expect(metrics.concurrencyNow).toBeNull();
  });
});
