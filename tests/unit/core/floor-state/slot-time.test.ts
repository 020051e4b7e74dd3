/**
 * Slot-time since midnight (occupancy and concurrency of the day): kept per queue as each agent's
 * state changes, read with the open intervals up to now, cut at the queue's own midnight,
 * restarted by a snapshot, explained from the same sums, and cheap per event.
 */
import { describe, expect, it } from 'vitest';
import type { FloorEvent } from '../../../../src-shared/protocol/events.js';
import { valueFromTerms } from '../../../../src-shared/metrics/explanation.js';
import { explainMetric } from '../../../../src-main/core/floor-state/explain.js';
import { queueMetrics } from '../../../../src-main/core/floor-state/metrics.js';
import { applyEvents, applySnapshot, createLiveState } from '../../../../src-main/core/floor-state/reducer.js';
import { agentLogin, created, floorScript, queueConfigured } from './floor-script.js';

const MINUTE = 60_000;
// 23:50 UTC on 11 June 2024; midnight is at +10 minutes.
const T0 = Date.UTC(2024, 5, 11, 23, 50);
const m = (minutes: number): number => T0 + minutes * MINUTE;

function lateEvening(): FloorEvent[] {
  const script = floorScript();
  script.emit(m(0), queueConfigured('Q', { timeZone: 'UTC' }));
  script.emit(m(0), agentLogin('A1', ['Q'], 2));
  script.emit(m(0), { type: 'agent.status', agentId: 'A1', kind: 'available', reason: 'Ready' });
  script.emit(m(5), created('C1', 'Q'));
  script.emit(m(5), { type: 'conversation.assigned', conversationId: 'C1', queueId: 'Q', agentId: 'A1' });
  return script.events;
}

describe('slot-time since midnight', () => {
  it("counts from the queue's midnight, with the open interval up to now, and no event after midnight", () => {
    const state = applyEvents(createLiveState(), lateEvening());
    // 00:00–00:20: A1 available with 2 slots and 1 chat. Before midnight is yesterday's.
    const metrics = queueMetrics(state, 'Q', m(30));
    expect(metrics.occupancyTodayPct).toBeCloseTo(50, 10);
    expect(metrics.concurrencyToday).toBeCloseTo(1, 10);
  });

  it('keeps the closed intervals in the counters and adds the open one', () => {
    const script = floorScript(10);
    // 00:00 + 5: a second chat; + 15: A1 goes away, still holding both.
    script.emit(m(15), created('C2', 'Q'));
    script.emit(m(15), { type: 'conversation.assigned', conversationId: 'C2', queueId: 'Q', agentId: 'A1' });
    script.emit(m(25), { type: 'agent.status', agentId: 'A1', kind: 'away', reason: 'Break' });
    const state = applyEvents(applyEvents(createLiveState(), lateEvening()), script.events);
    const today = state.today.get('Q');
    // Closed: 00:00–00:05 one chat, 00:05–00:15 two chats, all available.
    expect(today?.availableSlotMs).toBe(2 * 15 * MINUTE);
    expect(today?.utilisedSlotMs).toBe((5 + 2 * 10) * MINUTE);
    const metrics = queueMetrics(state, 'Q', m(35));
    // Occupancy stops while away: 25 / 30 slot-minutes. Concurrency goes on: (5 + 2 × 20) / 25.
    expect(metrics.occupancyTodayPct).toBeCloseTo((100 * 25) / 30, 10);
    expect(metrics.concurrencyToday).toBeCloseTo(45 / 25, 10);
    // The explanation recomputes the same figures from its terms.
    for (const metricId of ['occupancyTodayPct', 'concurrencyToday'] as const) {
      const explanation = explainMetric(state, ['Q'], metricId, m(35));
      expect(valueFromTerms(explanation)).toBeCloseTo(metrics[metricId] ?? Number.NaN, 10);
    }
  });

  it('starts from the snapshot: a snapshot says what the floor is, not since when', () => {
    const state = applySnapshot(lateEvening(), 5);
    expect(state.agents.get('A1')?.slotTimeSince).toBe(m(5));
    // From 23:55 (the snapshot) to 00:20, only after midnight counts: 20 minutes at 1 of 2 slots.
    expect(queueMetrics(state, 'Q', m(30)).occupancyTodayPct).toBeCloseTo(50, 10);
  });

  it('leaves a queue without agents unknown, never 0', () => {
    const script = floorScript();
    script.emit(m(11), queueConfigured('Q', { timeZone: 'UTC' }));
    const metrics = queueMetrics(applyEvents(createLiveState(), script.events), 'Q', m(20));
    expect(metrics.occupancyTodayPct).toBeNull();
    expect(metrics.concurrencyToday).toBeNull();
  });

  it('touches only the changed agent per event, however many agents the floor has', () => {
    const script = floorScript();
    script.emit(m(11), queueConfigured('Q', { timeZone: 'UTC' }));
    for (let index = 0; index < 500; index += 1) script.emit(m(11), agentLogin(`A${index}`, ['Q'], 2));
    const before = applyEvents(createLiveState(), script.events);
    const next = floorScript(1_000);
    next.emit(m(12), { type: 'agent.status', agentId: 'A7', kind: 'available', reason: 'Ready' });
    const after = applyEvents(before, next.events);
    let changed = 0;
    for (const [agentId, agent] of after.agents) if (before.agents.get(agentId) !== agent) changed += 1;
    expect(changed).toBe(1);
  });
});
