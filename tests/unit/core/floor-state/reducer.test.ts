import { describe, expect, it } from 'vitest';
import type { FloorEvent } from '../../../../src-shared/protocol/events.js';
import { queueMetrics } from '../../../../src-main/core/floor-state/metrics.js';
import { applyEvents, applyEventsTracked, applySnapshot, createLiveState } from '../../../../src-main/core/floor-state/reducer.js';
import { deserializeLiveState, serializeLiveState } from '../../../../src-main/core/floor-state/state.js';
import { agentLogin, atSeconds, created, floorScript, queueConfigured } from './floor-script.js';

const T0 = Date.UTC(2024, 2, 5, 12, 0, 0);
const at = atSeconds(T0);

function busyFloor(): FloorEvent[] {
  const script = floorScript();
  script.emit(at(0), queueConfigured('Q1'));
  script.emit(at(0), queueConfigured('Q2'));
  script.emit(at(0), agentLogin('A1', ['Q1'], 2));
  script.emit(at(0), agentLogin('A2', ['Q2'], 2));
  script.emit(at(0), { type: 'agent.status', agentId: 'A1', kind: 'available', reason: 'Ready' });
  script.emit(at(0), { type: 'agent.status', agentId: 'A2', kind: 'available', reason: 'Ready' });
  script.emit(at(1), created('C1', 'Q1'));
  script.emit(at(1), { type: 'conversation.queued', conversationId: 'C1', queueId: 'Q1' });
  script.emit(at(11), { type: 'conversation.assigned', conversationId: 'C1', queueId: 'Q1', agentId: 'A1' });
  script.emit(at(12), { type: 'conversation.message', conversationId: 'C1', messageId: 'm1', sender: 'customer', kind: 'text', text: 'hi' });
  script.emit(at(13), { type: 'conversation.message', conversationId: 'C1', messageId: 'm2', sender: 'supervisor', senderId: 'S1', kind: 'whisper', text: 'be nice' });
  script.emit(at(14), { type: 'conversation.flagged', conversationId: 'C1', flag: 'high_effort' });
  script.emit(at(15), { type: 'conversation.delivery_failed', conversationId: 'C1', messageId: 'm1', reason: 'offline' });
  script.emit(at(20), created('C2', 'Q1'));
  script.emit(at(20), { type: 'conversation.queued', conversationId: 'C2', queueId: 'Q1' });
  script.emit(at(21), { type: 'queue.mitigation', queueId: 'Q1', state: 'custom_message', message: 'Busy!' });
  script.emit(at(22), { type: 'queue.overflow_rules', queueId: 'Q1', rules: [{ ruleId: 'r1', when: 'no_available_agents', targetQueueId: 'Q2' }] });
  script.emit(at(23), { type: 'queue.estimated_wait', queueId: 'Q1', seconds: 42 });
  return script.events;
}

describe('applyEvents', () => {
  it('builds queues, agents and conversations in progress', () => {
    const state = applyEvents(createLiveState(), busyFloor());
    expect(state.lastSeq).toBe(18);
    expect(state.lastEventTime).toBe(at(23));
    expect(state.queues.get('Q1')).toMatchObject({ configured: true, mitigation: { state: 'custom_message', message: 'Busy!' }, estimatedWaitSec: 42 });
    expect(state.queues.get('Q1')?.overflowRules).toHaveLength(1);
    expect(state.agents.get('A1')).toMatchObject({ loggedIn: true, status: { kind: 'available', reason: 'Ready', since: at(0) }, conversationIds: ['C1'] });
    expect(state.conversations.get('C1')).toMatchObject({
      state: 'assigned',
      agentId: 'A1',
      assignedAt: at(11),
      timeToAssignMs: 10_000,
      whispers: 1,
      highEffort: true,
      deliveryFailures: 1,
      messageCount: 2,
      lastUnansweredCustomerMessageAt: at(12),
      customer: { customerId: 'customer-C1' },
      intent: 'billing',
    });
    expect([...(state.conversationsByQueue.get('Q1') ?? [])].sort()).toEqual(['C1', 'C2']);
    expect([...(state.agentsByQueue.get('Q1') ?? [])]).toEqual(['A1']);
  });

  it('never mutates its input state or events', () => {
    const first = applyEvents(createLiveState(), busyFloor());
    const before = structuredClone(first);
    const script = floorScript(19);
    script.emit(at(30), { type: 'conversation.transferred', conversationId: 'C1', fromQueueId: 'Q1', toQueueId: 'Q2', fromAgentId: 'A1' });
    script.emit(at(31), { type: 'conversation.ended', conversationId: 'C2', disposition: 'resolved' });
    script.emit(at(32), { type: 'agent.queues', agentId: 'A1', queueIds: ['Q2'] });
    script.emit(at(33), { type: 'agent.logout', agentId: 'A2' });
    const eventsBefore = structuredClone(script.events);
    const next = applyEvents(first, script.events);
    expect(first).toEqual(before);
    expect(script.events).toEqual(eventsBefore);
    expect(next).not.toEqual(first);
  });

  it('shares what a batch does not touch (copy on write)', () => {
    const first = applyEvents(createLiveState(), busyFloor());
    const next = applyEvents(first, [{ seq: 19, time: at(40), type: 'agent.capacity', agentId: 'A2', slots: 3 }]);
    expect(next.agents).not.toBe(first.agents);
    expect(next.agents.get('A1')).toBe(first.agents.get('A1'));
    expect(next.conversations).toBe(first.conversations);
    expect(next.queues).toBe(first.queues);
    // A2 (available in Q2) adds its slot-time to Q2's day before its slots change; Q1's day is shared.
    expect(next.today.get('Q1')).toBe(first.today.get('Q1'));
    expect(next.today.get('Q2')?.availableSlotMs).toBe(2 * (at(40) - at(0)));
    expect(next.conversationsByQueue).toBe(first.conversationsByQueue);
  });

  it('is idempotent: a replayed batch changes nothing and returns the same state', () => {
    const events = busyFloor();
    const once = applyEvents(createLiveState(), events);
    const twice = applyEvents(once, events);
    expect(twice).toBe(once);
    expect(applyEventsTracked(once, events.slice(3, 9)).changedQueues.size).toBe(0);
  });

  it('moves a transferred conversation between queues and frees the agent', () => {
    const first = applyEvents(createLiveState(), busyFloor());
    const next = applyEvents(first, [{ seq: 19, time: at(30), type: 'conversation.transferred', conversationId: 'C1', fromQueueId: 'Q1', toQueueId: 'Q2', fromAgentId: 'A1' }]);
    expect(next.conversations.get('C1')).toMatchObject({ queueId: 'Q2', state: 'queued', queuedAt: at(30), agentId: null, transfers: 1 });
    expect([...(next.conversationsByQueue.get('Q1') ?? [])]).toEqual(['C2']);
    expect([...(next.conversationsByQueue.get('Q2') ?? [])]).toEqual(['C1']);
    expect(next.agents.get('A1')?.conversationIds).toEqual([]);
    // The assignment in Q1 finished after 19 s; Q2 counts a customer entering its queue.
    expect(next.today.get('Q1')).toMatchObject({ assignmentsFinished: 1, handleTimeSumMs: 19_000 });
    expect(next.today.get('Q2')).toMatchObject({ entered: 1, offered: 1 });
    // A queued event that repeats the transfer's target does not count the customer twice.
    const repeated = applyEvents(next, [{ seq: 20, time: at(31), type: 'conversation.queued', conversationId: 'C1', queueId: 'Q2' }]);
    expect(repeated.today.get('Q2')).toMatchObject({ entered: 1, offered: 1 });
    expect(repeated.conversations.get('C1')?.queuedAt).toBe(at(30));
  });

  it('frees the agent slot when a supervisor takes a conversation over', () => {
    const first = applyEvents(createLiveState(), busyFloor());
    const next = applyEvents(first, [{ seq: 19, time: at(40), type: 'conversation.taken_over', conversationId: 'C1', supervisorId: 'S1', fromAgentId: 'A1' }]);
    expect(next.agents.get('A1')?.conversationIds).toEqual([]);
    expect(next.conversations.get('C1')).toMatchObject({ state: 'assigned', agentId: null, supervisorId: 'S1', assignedAt: at(40) });
    expect(queueMetrics(next, 'Q1', at(40)).agentsAvailable).toBe(1);
    expect(queueMetrics(first, 'Q1', at(40)).agentsAvailable).toBe(0);
  });

  it('counts an abandon and drops the conversation from the live state', () => {
    const first = applyEvents(createLiveState(), busyFloor());
    const next = applyEvents(first, [{ seq: 19, time: at(50), type: 'conversation.abandoned', conversationId: 'C2', queueId: 'Q1' }]);
    expect(next.conversations.has('C2')).toBe(false);
    expect([...(next.conversationsByQueue.get('Q1') ?? [])]).toEqual(['C1']);
    expect(next.today.get('Q1')).toMatchObject({ abandoned: 1, abandonWaitCount: 1, abandonWaitSumMs: 30_000, abandonedShort: 0, leftQueueCount: 2 });
  });

  it('drops ended conversations and records their disposition', () => {
    const first = applyEvents(createLiveState(), busyFloor());
    const next = applyEvents(first, [{ seq: 19, time: at(71), type: 'conversation.ended', conversationId: 'C1', disposition: 'resolved' }]);
    expect(next.conversations.has('C1')).toBe(false);
    expect(next.agents.get('A1')?.conversationIds).toEqual([]);
    expect(next.today.get('Q1')).toMatchObject({ ended: 1, dispositioned: 1, resolved: 1, assignmentsFinished: 1, handleTimeSumMs: 60_000 });
  });

  it('does not throw on events about entities it has never seen', () => {
    const events: FloorEvent[] = [
      { seq: 1, time: at(0), type: 'conversation.message', conversationId: 'ghost', messageId: 'm', sender: 'agent', kind: 'text', text: 'x' },
      { seq: 2, time: at(0), type: 'conversation.ended', conversationId: 'ghost', disposition: 'resolved' },
      { seq: 3, time: at(0), type: 'conversation.taken_over', conversationId: 'ghost', supervisorId: 'S' },
      { seq: 4, time: at(0), type: 'conversation.delivery_failed', conversationId: 'ghost', messageId: 'm', reason: 'x' },
      { seq: 5, time: at(0), type: 'conversation.flagged', conversationId: 'ghost', flag: 'high_effort' },
      { seq: 6, time: at(1), type: 'conversation.assigned', conversationId: 'C9', queueId: 'QX', agentId: 'AX' },
      { seq: 7, time: at(2), type: 'agent.status', agentId: 'AY', kind: 'available', reason: 'Ready' },
      { seq: 8, time: at(3), type: 'agent.capacity', agentId: 'AZ', slots: 4 },
      { seq: 9, time: at(4), type: 'conversation.abandoned', conversationId: 'never', queueId: 'QX' },
      { seq: 10, time: at(5), type: 'survey.answered', conversationId: 'never', queueId: 'QS', rating: 5 },
      { seq: 11, time: at(6), type: 'queue.mitigation', queueId: 'QM', state: 'paused' },
      { seq: 12, time: at(7), type: 'conversation.transferred', conversationId: 'C10', fromQueueId: 'QX', toQueueId: 'QY' },
      { seq: 13, time: at(8), type: 'agent.logout', agentId: 'AW' },
    ];
    const state = applyEvents(createLiveState(), events);
    expect(state.conversations.has('ghost')).toBe(false);
    expect(state.conversations.get('C9')).toMatchObject({ queueId: 'QX', agentId: 'AX', timeToAssignMs: 0 });
    expect(state.agents.get('AX')?.conversationIds).toEqual(['C9']);
    expect(state.queues.get('QX')).toMatchObject({ configured: false, name: 'QX' });
    expect(state.today.get('QX')).toMatchObject({ assigned: 1, abandoned: 1, abandonWaitCount: 0 });
    expect(state.today.get('QS')).toMatchObject({ surveys: 1, csatPositive: 1 });
    expect(state.queues.get('QM')?.mitigation.state).toBe('paused');
    expect(state.conversations.get('C10')).toMatchObject({ queueId: 'QY', state: 'queued' });
    expect(state.lastSeq).toBe(13);
  });

  it('reports the queues a batch changed, including every queue of a changed agent', () => {
    const first = applyEvents(createLiveState(), [...busyFloor(), { seq: 19, time: at(30), type: 'agent.queues', agentId: 'A2', queueIds: ['Q2', 'Q3'] }]);
    const status = applyEventsTracked(first, [{ seq: 20, time: at(31), type: 'agent.status', agentId: 'A2', kind: 'away', reason: 'Break' }]);
    expect([...status.changedQueues].sort()).toEqual(['Q2', 'Q3']);
    const membership = applyEventsTracked(first, [{ seq: 20, time: at(31), type: 'agent.queues', agentId: 'A2', queueIds: ['Q1'] }]);
    expect([...membership.changedQueues].sort()).toEqual(['Q1', 'Q2', 'Q3']);
    expect([...(membership.state.agentsByQueue.get('Q1') ?? [])].sort()).toEqual(['A1', 'A2']);
    expect(membership.state.agentsByQueue.has('Q3')).toBe(false);
    const message = applyEventsTracked(first, [{ seq: 20, time: at(31), type: 'conversation.message', conversationId: 'C2', messageId: 'm9', sender: 'customer', kind: 'text', text: '?' }]);
    expect([...message.changedQueues]).toEqual(['Q1']);
  });

  it('keeps time in status when the same status repeats', () => {
    const first = applyEvents(createLiveState(), busyFloor());
    const next = applyEvents(first, [{ seq: 19, time: at(60), type: 'agent.status', agentId: 'A1', kind: 'available', reason: 'Ready' }]);
    expect(next.agents.get('A1')?.status.since).toBe(at(0));
  });
});

describe('midnight rollover in the queue time zone', () => {
  function queuedAt(times: number[], timeZone: string) {
    const script = floorScript();
    script.emit(times[0] ?? 0, queueConfigured('NY', { timeZone }));
    times.forEach((time, index) => script.emit(time, { type: 'conversation.queued', conversationId: `C${index}`, queueId: 'NY' }));
    return applyEvents(createLiveState(), script.events);
  }

  it('starts a new day at local midnight in New York, not at UTC midnight', () => {
    // 2024-03-05 midnight in New York (EST, UTC−5) is 05:00 UTC.
    const state = queuedAt([Date.UTC(2024, 2, 4, 23, 30), Date.UTC(2024, 2, 5, 4, 59), Date.UTC(2024, 2, 5, 5, 1)], 'America/New_York');
    expect(state.today.get('NY')).toMatchObject({ dayStart: Date.UTC(2024, 2, 5, 5), nextDayStart: Date.UTC(2024, 2, 6, 5), entered: 1, offered: 1 });
  });

  it('counts both sides of UTC midnight in the same New York day', () => {
    const state = queuedAt([Date.UTC(2024, 2, 4, 23, 30), Date.UTC(2024, 2, 5, 0, 30)], 'America/New_York');
    expect(state.today.get('NY')).toMatchObject({ dayStart: Date.UTC(2024, 2, 4, 5), entered: 2 });
  });

  it('handles the 23-hour spring-forward day', () => {
    // 2024-03-10 starts at 05:00 UTC (EST) and ends at 04:00 UTC on the 11th (EDT).
    const beforeMidnight = queuedAt([Date.UTC(2024, 2, 10, 6), Date.UTC(2024, 2, 11, 3, 59)], 'America/New_York');
    expect(beforeMidnight.today.get('NY')).toMatchObject({ dayStart: Date.UTC(2024, 2, 10, 5), nextDayStart: Date.UTC(2024, 2, 11, 4), entered: 2 });
    const afterMidnight = queuedAt([Date.UTC(2024, 2, 10, 6), Date.UTC(2024, 2, 11, 4, 1)], 'America/New_York');
    expect(afterMidnight.today.get('NY')).toMatchObject({ dayStart: Date.UTC(2024, 2, 11, 4), entered: 1 });
  });

  it('handles the 25-hour fall-back day', () => {
    // 2024-11-03 starts at 04:00 UTC (EDT) and ends at 05:00 UTC on the 4th (EST): 23:30 local is still the 3rd.
    const state = queuedAt([Date.UTC(2024, 10, 3, 5), Date.UTC(2024, 10, 4, 4, 30)], 'America/New_York');
    expect(state.today.get('NY')).toMatchObject({ dayStart: Date.UTC(2024, 10, 3, 4), nextDayStart: Date.UTC(2024, 10, 4, 5), entered: 2 });
  });

  it('shows empty today metrics after midnight even before the next event', () => {
    const state = queuedAt([Date.UTC(2024, 2, 5, 12)], 'America/New_York');
    expect(queueMetrics(state, 'NY', Date.UTC(2024, 2, 6, 4, 59)).enteredToday).toBe(1);
    expect(queueMetrics(state, 'NY', Date.UTC(2024, 2, 6, 5, 0)).enteredToday).toBe(0);
  });

  it('falls back to UTC days for a time zone it does not know', () => {
    const state = queuedAt([Date.UTC(2024, 2, 5, 12)], 'Mars/Olympus_Mons');
    expect(state.today.get('NY')?.dayStart).toBe(Date.UTC(2024, 2, 5));
  });
});

describe('applySnapshot', () => {
  it('builds a fresh state as of the snapshot seq', () => {
    const events = busyFloor();
    const state = applySnapshot(events, 500);
    expect(state.lastSeq).toBe(500);
    expect(state.conversations.size).toBe(2);
    expect(applyEvents(state, [{ ...events[0]!, seq: 400 } as FloorEvent])).toBe(state);
  });
});

describe('serializeLiveState / deserializeLiveState', () => {
  it('round-trips the state, indexes included', () => {
    const state = applyEvents(createLiveState(), busyFloor());
    const restored = deserializeLiveState(serializeLiveState(state));
    expect(restored).toEqual(state);
    const more: FloorEvent[] = [{ seq: 19, time: at(30), type: 'conversation.transferred', conversationId: 'C1', fromQueueId: 'Q1', toQueueId: 'Q2', fromAgentId: 'A1' }];
    expect(applyEvents(restored, more)).toEqual(applyEvents(state, more));
  });

  it('round-trips an empty state', () => {
    expect(deserializeLiveState(serializeLiveState(createLiveState()))).toEqual(createLiveState());
  });

  it.each([
    ['not JSON', '{oops', /not JSON/],
    ['a different shape', JSON.stringify({ version: 1, queues: 'x' }), /invalid/],
    ['a newer version', JSON.stringify({ version: 99, lastSeq: 0, lastEventTime: 0, queues: [], agents: [], conversations: [], today: [] }), /invalid/],
    ['a negative seq', JSON.stringify({ version: 1, lastSeq: -1, lastEventTime: 0, queues: [], agents: [], conversations: [], today: [] }), /invalid/],
  ])('throws a clear error on %s', (_name, text, message) => {
    expect(() => deserializeLiveState(text)).toThrow(message);
  });
});
