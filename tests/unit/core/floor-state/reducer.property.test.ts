import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FloorEvent } from '../../../../src-shared/protocol/events.js';
import { applyEvents, createLiveState } from '../../../../src-main/core/floor-state/reducer.js';
import { agentLogin, created, queueConfigured } from './floor-script.js';
import type { ScriptEvent } from './floor-script.js';

const queueId = fc.constantFrom('q1', 'q2', 'q3');
const agentId = fc.constantFrom('a1', 'a2', 'a3');
const conversationId = fc.constantFrom('c1', 'c2', 'c3', 'c4', 'c5');

/** Any mix of events over a tiny floor: ids collide often, so every transition gets exercised. */
const scriptEvent: fc.Arbitrary<ScriptEvent> = fc.oneof(
  fc.tuple(queueId, fc.constantFrom('UTC', 'America/New_York', 'Asia/Kolkata')).map(([queue, timeZone]) => queueConfigured(queue, { timeZone })),
  fc.tuple(agentId, fc.uniqueArray(queueId, { maxLength: 3 }), fc.integer({ min: 1, max: 3 })).map(([agent, queues, slots]) => agentLogin(agent, queues, slots)),
  agentId.map((agent): ScriptEvent => ({ type: 'agent.logout', agentId: agent })),
  fc.tuple(agentId, fc.constantFrom('available', 'away', 'offline') as fc.Arbitrary<'available' | 'away' | 'offline'>).map(([agent, kind]): ScriptEvent => ({ type: 'agent.status', agentId: agent, kind, reason: kind })),
  fc.tuple(agentId, fc.uniqueArray(queueId, { maxLength: 3 })).map(([agent, queues]): ScriptEvent => ({ type: 'agent.queues', agentId: agent, queueIds: queues })),
  fc.tuple(conversationId, queueId).map(([conversation, queue]) => created(conversation, queue)),
  fc.tuple(conversationId, queueId).map(([conversation, queue]): ScriptEvent => ({ type: 'conversation.queued', conversationId: conversation, queueId: queue })),
  fc.tuple(conversationId, queueId, agentId).map(([conversation, queue, agent]): ScriptEvent => ({ type: 'conversation.assigned', conversationId: conversation, queueId: queue, agentId: agent })),
  fc.tuple(conversationId, queueId, queueId).map(([conversation, from, to]): ScriptEvent => ({ type: 'conversation.transferred', conversationId: conversation, fromQueueId: from, toQueueId: to })),
  fc.tuple(conversationId, fc.constantFrom('customer', 'agent', 'bot', 'supervisor') as fc.Arbitrary<'customer' | 'agent' | 'bot' | 'supervisor'>, fc.constantFrom('text', 'whisper') as fc.Arbitrary<'text' | 'whisper'>).map(
    ([conversation, sender, kind]): ScriptEvent => ({ type: 'conversation.message', conversationId: conversation, messageId: 'm', sender, kind, text: 'x' }),
  ),
  fc.tuple(conversationId, agentId).map(([conversation, agent]): ScriptEvent => ({ type: 'conversation.taken_over', conversationId: conversation, supervisorId: 's1', fromAgentId: agent })),
  conversationId.map((conversation): ScriptEvent => ({ type: 'conversation.ended', conversationId: conversation, disposition: 'resolved' })),
  fc.tuple(conversationId, queueId).map(([conversation, queue]): ScriptEvent => ({ type: 'conversation.abandoned', conversationId: conversation, queueId: queue })),
  fc.tuple(conversationId, queueId, fc.integer({ min: 1, max: 5 })).map(([conversation, queue, rating]): ScriptEvent => ({ type: 'survey.answered', conversationId: conversation, queueId: queue, rating })),
);

/** Seqs 1..n and times that move forward by up to 3 hours, starting just before a New York midnight. */
const eventStream: fc.Arbitrary<FloorEvent[]> = fc.array(fc.tuple(scriptEvent, fc.integer({ min: 0, max: 3 * 3_600_000 })), { minLength: 1, maxLength: 80 }).map((items) => {
  let time = Date.UTC(2024, 2, 10, 3);
  return items.map(([event, step], index) => {
    time += step;
    return { ...event, seq: index + 1, time } as FloorEvent;
  });
});

function batches(events: readonly FloorEvent[], cuts: readonly number[]): FloorEvent[][] {
  const points = [...new Set(cuts.map((cut) => cut % (events.length + 1)))].sort((a, b) => a - b);
  const result: FloorEvent[][] = [];
  let start = 0;
  for (const point of [...points, events.length]) {
    result.push(events.slice(start, point));
    start = point;
  }
  return result;
}

describe('applyEvents (properties)', () => {
  it('ends in the same state however the stream is split into batches', () => {
    fc.assert(
      fc.property(eventStream, fc.array(fc.nat(), { maxLength: 10 }), (events, cuts) => {
        const whole = applyEvents(createLiveState(), events);
        const split = batches(events, cuts).reduce((state, batch) => applyEvents(state, batch), createLiveState());
        expect(split).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('ignores replayed prefixes and overlapping batches (duplicates change nothing)', () => {
    fc.assert(
      fc.property(eventStream, fc.nat(), fc.array(fc.nat(), { maxLength: 6 }), (events, prefix, cuts) => {
        const whole = applyEvents(createLiveState(), events);
        expect(applyEvents(whole, events.slice(0, prefix % (events.length + 1)))).toBe(whole);
        // Each batch also carries the previous batch again, as a replay after a reconnect would.
        let state = createLiveState();
        let previous: FloorEvent[] = [];
        for (const batch of batches(events, cuts)) {
          state = applyEvents(state, [...previous, ...batch]);
          previous = batch;
        }
        expect(state).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('never mutates the state it is given', () => {
    fc.assert(
      fc.property(eventStream, fc.nat(), (events, cut) => {
        const point = cut % (events.length + 1);
        const first = applyEvents(createLiveState(), events.slice(0, point));
        const before = structuredClone(first);
        applyEvents(first, events.slice(point));
        expect(first).toEqual(before);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the indexes in step with the entities', () => {
    fc.assert(
      fc.property(eventStream, (events) => {
        const state = applyEvents(createLiveState(), events);
        for (const [queue, members] of state.conversationsByQueue) {
          expect(members.size).toBeGreaterThan(0);
          for (const id of members) expect(state.conversations.get(id)?.queueId).toBe(queue);
        }
        for (const conversation of state.conversations.values()) expect(state.conversationsByQueue.get(conversation.queueId)?.has(conversation.conversationId)).toBe(true);
        for (const agent of state.agents.values()) {
          for (const queue of agent.queueIds) expect(state.agentsByQueue.get(queue)?.has(agent.agentId)).toBe(true);
          for (const id of agent.conversationIds) expect(state.conversations.get(id)?.agentId).toBe(agent.agentId);
        }
        for (const conversation of state.conversations.values()) {
          if (conversation.agentId !== null) expect(state.agents.get(conversation.agentId)?.conversationIds).toContain(conversation.conversationId);
        }
      }),
      { numRuns: 300 },
    );
  });
});
