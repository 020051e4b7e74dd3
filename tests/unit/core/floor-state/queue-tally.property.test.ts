import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FloorEvent } from '../../../../src-shared/protocol/events.js';
import { alertConditions } from '../../../../src-main/core/alerts/alert-conditions.js';
import { queueMetrics } from '../../../../src-main/core/floor-state/metrics.js';
import { asOneQueue, groupMetrics } from '../../../../src-main/core/floor-state/overview.js';
import { applyEvents, applySnapshot, createLiveState } from '../../../../src-main/core/floor-state/reducer.js';
import { deserializeLiveState, serializeLiveState, type LiveState } from '../../../../src-main/core/floor-state/state.js';
import { TimeTree } from '../../../../src-main/core/floor-state/time-tree.js';
import { agentLogin, created, queueConfigured } from './floor-script.js';
import type { ScriptEvent } from './floor-script.js';

const QUEUES = ['q1', 'q2', 'q3'];
const GROUPS = [['q1', 'q2'], ['q3', 'q1', 'q2'], ['q2', 'q9']];
const queueId = fc.constantFrom(...QUEUES);
const agentId = fc.constantFrom('a1', 'a2', 'a3', 'a4');
const conversationId = fc.constantFrom('c1', 'c2', 'c3', 'c4', 'c5', 'c6');

/** A mix of events over a small floor, ids colliding often so conversations and agents move between every state and queue. */
const scriptEvent: fc.Arbitrary<ScriptEvent> = fc.oneof(
  fc.tuple(queueId, fc.constantFrom('UTC', 'America/New_York')).map(([queue, timeZone]) => queueConfigured(queue, { timeZone })),
  fc.tuple(agentId, fc.uniqueArray(queueId, { maxLength: 3 }), fc.integer({ min: 1, max: 3 })).map(([agent, queues, slots]) => agentLogin(agent, queues, slots)),
  agentId.map((agent): ScriptEvent => ({ type: 'agent.logout', agentId: agent })),
  fc.tuple(agentId, fc.constantFrom('available', 'away', 'offline') as fc.Arbitrary<'available' | 'away' | 'offline'>).map(([agent, kind]): ScriptEvent => ({ type: 'agent.status', agentId: agent, kind, reason: kind })),
  fc.tuple(agentId, fc.integer({ min: 1, max: 4 })).map(([agent, slots]): ScriptEvent => ({ type: 'agent.capacity', agentId: agent, slots })),
  fc.tuple(agentId, fc.uniqueArray(queueId, { maxLength: 3 })).map(([agent, queues]): ScriptEvent => ({ type: 'agent.queues', agentId: agent, queueIds: queues })),
  fc.tuple(conversationId, queueId).map(([conversation, queue]) => created(conversation, queue)),
  fc.tuple(conversationId, queueId).map(([conversation, queue]): ScriptEvent => ({ type: 'conversation.queued', conversationId: conversation, queueId: queue })),
  {
    weight: 3,
    arbitrary: fc.tuple(conversationId, queueId, agentId).map(([conversation, queue, agent]): ScriptEvent => ({ type: 'conversation.assigned', conversationId: conversation, queueId: queue, agentId: agent })),
  },
  fc.tuple(conversationId, queueId, queueId).map(([conversation, from, to]): ScriptEvent => ({ type: 'conversation.transferred', conversationId: conversation, fromQueueId: from, toQueueId: to })),
  {
    // Messages often: replies are what the response-time sums are made of.
    weight: 6,
    arbitrary: fc
      .tuple(conversationId, fc.constantFrom('customer', 'agent', 'supervisor') as fc.Arbitrary<'customer' | 'agent' | 'supervisor'>)
      .map(([conversation, sender]): ScriptEvent => ({ type: 'conversation.message', conversationId: conversation, messageId: 'm', sender, kind: 'text', text: 'x' })),
  },
  fc.tuple(conversationId, agentId).map(([conversation, agent]): ScriptEvent => ({ type: 'conversation.taken_over', conversationId: conversation, supervisorId: 's1', fromAgentId: agent })),
  conversationId.map((conversation): ScriptEvent => ({ type: 'conversation.flagged', conversationId: conversation, flag: 'high_effort' })),
  conversationId.map((conversation): ScriptEvent => ({ type: 'conversation.delivery_failed', conversationId: conversation, messageId: 'm', reason: 'bounced' })),
  conversationId.map((conversation): ScriptEvent => ({ type: 'conversation.ended', conversationId: conversation, disposition: 'resolved' })),
  fc.tuple(conversationId, queueId).map(([conversation, queue]): ScriptEvent => ({ type: 'conversation.abandoned', conversationId: conversation, queueId: queue })),
);

/** Seqs 1..n; times move forward by up to 40 minutes, sometimes not at all, across a New York midnight. */
const eventStream: fc.Arbitrary<FloorEvent[]> = fc.array(fc.tuple(scriptEvent, fc.integer({ min: 0, max: 40 * 60_000 })), { minLength: 1, maxLength: 120, size: 'max' }).map((items) => {
  let time = Date.UTC(2024, 2, 10, 3);
  return items.map(([event, step], index) => {
    time += step % 3 === 0 ? 0 : step;
    return { ...event, seq: index + 1, time } as FloorEvent;
  });
});

/** Where a stream is cut into batches, and for each batch an offset of `now` from its last event (negative: before it). */
const reads = fc.array(fc.tuple(fc.nat(), fc.integer({ min: -3_600_000, max: 6 * 3_600_000 })), { maxLength: 12, size: 'max' });

/**
 * The figures the running sums give, as the metric dictionary defines them: a walk over the
 * queue's conversations and member agents, one at a time (what queueMetrics did before the sums).
 */
function byDefinition(state: LiveState, queue: string, now: number): Record<string, number | null> {
  let queued = 0, longest = 0, waitSum = 0, assigned = 0, toAssignSum = 0, handleSum = 0, responseSum = 0, responses = 0, firstSum = 0, firsts = 0;
  for (const id of state.conversationsByQueue.get(queue) ?? []) {
    const c = state.conversations.get(id);
    if (c?.state === 'queued') {
      const wait = c.queuedAt === null ? 0 : Math.max(0, now - c.queuedAt);
      queued += 1;
      waitSum += wait;
      longest = Math.max(longest, wait);
    } else if (c?.state === 'assigned') {
      assigned += 1;
      toAssignSum += c.timeToAssignMs ?? 0;
      handleSum += c.assignedAt === null ? 0 : Math.max(0, now - c.assignedAt);
      responseSum += c.responseTimeSumMs;
      responses += c.responseCount;
      if (c.firstAgentMessageAt !== null && c.assignedAt !== null) {
        firstSum += Math.max(0, c.firstAgentMessageAt - c.assignedAt);
        firsts += 1;
      }
    }
  }
  const mean = (sum: number, n: number): number | null => (n > 0 ? sum / n / 1000 : null);
  const pct = (part: number, whole: number): number | null => (whole > 0 ? (100 * part) / whole : null);
  let loggedIn = 0, available = 0, busy = 0, away = 0, activeSlots = 0, availableSlots = 0, availableChats = 0, withChats = 0;
  const today = state.today.get(queue);
  const current = today !== undefined && now < today.nextDayStart;
  const dayStart = today === undefined ? 0 : current ? today.dayStart : today.nextDayStart;
  let slotAvailable = current ? (today.availableSlotMs ?? 0) : 0;
  let slotUtilised = current ? (today.utilisedSlotMs ?? 0) : 0;
  let slotChats = current ? (today.chatMs ?? 0) : 0;
  let slotWithChats = current ? (today.withChatsMs ?? 0) : 0;
  for (const id of state.agentsByQueue.get(queue) ?? []) {
    const agent = state.agents.get(id);
    if (!agent) continue;
    const chats = agent.conversationIds.length;
    const kind = agent.status.kind;
    if (kind !== 'offline') loggedIn += 1;
    if (kind === 'away') away += 1;
    if (kind === 'available') {
      if (chats === 0) available += 1;
      else busy += 1;
      availableSlots += agent.slots;
      availableChats += chats;
    }
    if (chats > 0) withChats += 1;
    if (kind === 'available' || chats > 0) activeSlots += agent.slots;
    const duration = agent.slotTimeSince === undefined ? 0 : now - Math.max(agent.slotTimeSince, dayStart);
    if (duration > 0) {
      const open = agent.loggedIn && kind === 'available';
      slotAvailable += (open ? agent.slots : 0) * duration;
      slotUtilised += (open ? Math.min(chats, agent.slots) : 0) * duration;
      slotChats += chats * duration;
      slotWithChats += (chats > 0 ? 1 : 0) * duration;
    }
  }
  const slotsKnown = today !== undefined && now >= today.dayStart && (current || now < today.nextDayStart + 22 * 3_600_000);
  return {
    queued,
    longestWaitSec: longest / 1000,
    offered: queued + assigned,
    assigned,
    avgCurrentTimeInQueueSec: mean(waitSum, queued),
    avgTimeToAssignSec: mean(toAssignSum, assigned),
    avgWaitSec: mean(waitSum + toAssignSum, queued + assigned),
    ahtNowSec: mean(handleSum, assigned),
    avgResponseTimeSec: mean(responseSum, responses),
    avgFirstResponseTimeSec: mean(firstSum, firsts),
    activeSlotsPct: pct(assigned, activeSlots),
    occupancyNowPct: pct(availableChats, availableSlots),
    concurrencyNow: withChats > 0 ? assigned / withChats : null,
    loggedInAgents: loggedIn,
    agentsAvailable: available,
    agentsBusy: busy,
    agentsAway: away,
    occupancyTodayPct: slotsKnown ? pct(slotUtilised, slotAvailable) : null,
    concurrencyToday: slotsKnown && slotWithChats > 0 ? slotChats / slotWithChats : null,
  };
}

/** The event alerts of the floor as a walk over every conversation finds them, and as the judge finds them from the sums. */
function expectEventAlerts(state: LiveState, now: number): void {
  const walked = [...state.conversations.values()].filter((c) => c.highEffort || c.deliveryFailures > 0);
  const expected = walked.flatMap((c) => [...(c.highEffort ? [`event:${c.queueId}:high_effort/${c.conversationId}`] : []), ...(c.deliveryFailures > 0 ? [`event:${c.queueId}:delivery_failure/${c.conversationId}`] : [])]);
  const judged = alertConditions(state, now).filter((condition) => condition.kind === 'event');
  expect(judged.map((condition) => condition.key).sort()).toEqual(expected.filter((key) => state.queues.has(key.split(':')[1] ?? '')).sort());
}

function expectSums(state: LiveState, now: number): void {
  expectEventAlerts(state, now);
  for (const queue of QUEUES) {
    const expected = byDefinition(state, queue, now);
    const metrics = queueMetrics(state, queue, now) as unknown as Record<string, number | null>;
    for (const [metric, value] of Object.entries(expected)) expect({ queue, metric, value: metrics[metric] }).toEqual({ queue, metric, value });
  }
  // Groups: each conversation and each agent once, however many of the group's queues an agent serves.
  for (const group of GROUPS) {
    const merged = asOneQueue(state, group, now);
    const expected = byDefinition(merged.state, merged.queueId, now);
    const metrics = groupMetrics(state, group, now) as unknown as Record<string, number | null>;
    for (const [metric, value] of Object.entries(expected)) expect({ group, metric, value: metrics[metric] }).toEqual({ group, metric, value });
  }
}

/** Applies the stream in the batches the cuts make, reading every queue's metrics after each batch so the sums are carried, not summed again. */
function applyReading(events: readonly FloorEvent[], cuts: readonly (readonly [number, number])[], start: LiveState = createLiveState()): LiveState {
  const points = [...new Set(cuts.map(([cut]) => cut % (events.length + 1)))].sort((a, b) => a - b);
  let state = start;
  let from = 0;
  for (const [index, point] of [...points, events.length].entries()) {
    state = applyEvents(state, events.slice(from, point));
    from = point;
    expectSums(state, state.lastEventTime + (cuts[index]?.[1] ?? 0));
  }
  return state;
}

describe('queue running sums (properties)', () => {
  it('give every "now" figure the walk over the queue gives, after any batches and at any now', () => {
    fc.assert(
      fc.property(eventStream, reads, (events, cuts) => {
        applyReading(events, cuts);
      }),
      { numRuns: 300 },
    );
  });

  it('are summed again for a state restored from its checkpoint, and carried from there', () => {
    fc.assert(
      fc.property(eventStream, fc.nat(), reads, (events, cut, cuts) => {
        const point = cut % (events.length + 1);
        const before = applyReading(events.slice(0, point), cuts);
        const restored = deserializeLiveState(serializeLiveState(before));
        expectSums(restored, restored.lastEventTime + 60_000);
        const after = applyReading(events.slice(point), cuts, restored);
        expectSums(after, after.lastEventTime);
      }),
      { numRuns: 150 },
    );
  });

  it('start again from a snapshot of a new epoch, whatever the state before had', () => {
    fc.assert(
      fc.property(eventStream, eventStream, reads, (old, snapshot, cuts) => {
        const before = applyReading(old, cuts);
        const replaced = applySnapshot(snapshot, 1);
        expectSums(replaced, replaced.lastEventTime + 1_000);
        // The old epoch's version is still read as it was.
        expectSums(before, before.lastEventTime);
        const live = snapshot.map((event, index) => ({ ...event, seq: 2 + index, time: replaced.lastEventTime + index * 1_000 }) as FloorEvent);
        applyReading(live, cuts, replaced);
      }),
      { numRuns: 100 },
    );
  });
});

describe('TimeTree', () => {
  it('reads the same sums and the same earliest time as a list of its entries, after any inserts and removals', () => {
    const entry = fc.tuple(fc.integer({ min: 0, max: 40 }), fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 3 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), entry), { maxLength: 200, size: 'max' }), fc.integer({ min: -5, max: 50 }), fc.integer({ min: -5, max: 50 }), (operations, nowStep, fromStep) => {
        // Times near a 2026 epoch: the sums must stay exact however large the times.
        const epoch = Date.UTC(2026, 11, 5);
        let tree = TimeTree.empty(2);
        const list = new Map<string, { t: number; w: number[] }>();
        for (const [add, [step, id, w0, w1]] of operations) {
          const t = epoch + step * 60_000;
          const key = `${t}/${id}`;
          if (add) {
            tree = tree.insert(t, id, [w0, w1]);
            list.set(key, { t, w: [w0, w1] });
          } else {
            tree = tree.remove(t, id);
            list.delete(key);
          }
        }
        const now = epoch + nowStep * 60_000;
        const from = epoch + fromStep * 60_000;
        const expected = [0, 0];
        for (const { t, w } of list.values()) {
          const duration = now - Math.max(t, from);
          if (duration > 0) for (const k of [0, 1]) expected[k] = (expected[k] ?? 0) + (w[k] ?? 0) * duration;
        }
        expect(tree.size).toBe(list.size);
        expect(tree.elapsedSums(now, from)).toEqual(expected);
        const times = [...list.values()].map(({ t }) => t);
        expect(tree.min()).toBe(times.length === 0 ? null : Math.min(...times));
      }),
      { numRuns: 500 },
    );
  });
});
