/**
 * The what-if of changing chat agents' concurrency limit, over a floor built by hand at a fixed floor
 * time: the predicted figures with more and fewer slots against the slot model itself (Erlang A or C
 * over the slots the agents hold between them), every queue the agents serve, the session's scope,
 * and refusals of a limit out of range, a queue out of scope, a voice queue and a stranger.
 */
import { describe, expect, it } from 'vitest';
import { capacityWhatIf, selectCapacityChange } from '../../../../src-main/core/staffing/capacity-what-if.js';
import type { CapacityWhatIfRequest } from '../../../../src-main/core/staffing/capacity-what-if.js';
import type { LiveState } from '../../../../src-main/core/floor-state/state.js';
import type { PredictedFigures, StaffingCapacityWhatIf } from '../../../../src-shared/api/staffing.js';
import { querySchema } from '../../../../src-shared/api/contract.js';
import { concurrentFigures, requiredConcurrentAgents } from '../../../../src-shared/staffing/concurrency.js';
import { erlangA } from '../../../../src-shared/staffing/erlang-a.js';
import { erlangC } from '../../../../src-shared/staffing/erlang-c.js';
import type { StaffingFigures } from '../../../../src-shared/staffing/model.js';
import { agent, arrivalsOf, floor, NOW, queueState } from './staffing-floor.js';

const CHAT = queueState('q-chat', 'Chat', 'chat');
const BILLING = queueState('q-billing', 'Billing chat', 'chat');
const VIP = queueState('q-vip', 'VIP chat', 'chat');
const VOICE = queueState('q-voice', 'Voice', 'voice');
const EVERYWHERE = { sees: () => true };
const CHAT_ONLY = { sees: (queueId: string) => queueId === 'q-chat' || queueId === 'q-billing' };

/** 60 chats in the last 15 min (240 an hour) at 300 s a slot: 20 slot-erlangs; a target of 80 % in 60 s. */
const ARRIVALS = arrivalsOf({ 'q-chat': { last15: 60, previous15: 60 }, 'q-billing': { last15: 12, previous15: 12 } });
const LOAD = { trafficErlangs: 20, handleTimeS: 300, targetAnswerS: 60 };
const TODAY = { assignmentsFinished: 20, handleTimeSumMs: 20 * 300_000 };

/** Eight chat agents at 2 slots; a1 and a2 also serve Billing, a3 also VIP. */
function chatFloor(): LiveState {
  const agents = Array.from({ length: 8 }, (_, index) => {
    const queueIds = index < 2 ? ['q-chat', 'q-billing'] : index === 2 ? ['q-chat', 'q-vip'] : ['q-chat'];
    return agent(`a${index + 1}`, queueIds, { slots: 2, name: `Agent ${index + 1}` });
  });
  return floor({ queues: [CHAT, BILLING, VIP, VOICE], agents: [...agents, agent('v1', ['q-voice'])], today: { 'q-chat': TODAY, 'q-billing': TODAY } });
}

function ask(state: LiveState, request: CapacityWhatIfRequest, access: { sees(queueId: string): boolean } = EVERYWHERE, arrivals = ARRIVALS): StaffingCapacityWhatIf {
  const selected = selectCapacityChange(state, access, request);
  if (!selected.ok) throw new Error(selected.error);
  return capacityWhatIf(state, access, selected.queue, selected.agents, request.slots, arrivals, NOW);
}

function refusal(state: LiveState, request: CapacityWhatIfRequest, access: { sees(queueId: string): boolean } = EVERYWHERE): string {
  const selected = selectCapacityChange(state, access, request);
  return selected.ok ? 'answered' : selected.error;
}

function expectFigures(actual: PredictedFigures | null, expected: StaffingFigures | undefined): void {
  if (actual === null || expected === undefined) throw new Error('figures expected');
  expect(actual.agents).toBe(expected.agents);
  expect(actual.serviceLevel).toBeCloseTo(expected.serviceLevel, 12);
  expect(actual.probabilityOfWaiting).toBeCloseTo(expected.probabilityOfWaiting, 12);
  expect(actual.occupancy).toBeCloseTo(expected.occupancy, 12);
  expect(actual.averageSpeedOfAnswerS ?? Infinity).toBeCloseTo(expected.averageSpeedOfAnswerS, 9);
}

describe('the concurrency what-if', () => {
  it('predicts the queue with more slots per agent as the slot model does, and names every agent to change', () => {
    const whatIf = ask(chatFloor(), { queueId: 'q-chat', slots: 3 });
    const [chat] = whatIf.queues;
    if (chat === undefined) throw new Error('the chat queue expected');

    expect(whatIf.changes).toHaveLength(8);
    expect(whatIf.changes[0]).toEqual({ agentId: 'a1', name: 'Agent 1', slotsBefore: 2, slotsAfter: 3 });
    expect(chat.before.inputs.slotsPerAgent).toBe(2);
    expect(chat.after.inputs.slotsPerAgent).toBe(3);
    // 8 agents × 2 slots = 16 servers on 20 slot-erlangs: unstable, short now; × 3 = 24 servers.
    expectFigures(chat.before.current.value, concurrentFigures(LOAD, 8, { slotsPerAgent: 2 }));
    expectFigures(chat.after.current.value, concurrentFigures(LOAD, 8, { slotsPerAgent: 3 }));
    const reference = erlangC(LOAD, 24);
    expect(chat.after.current.value?.serviceLevel).toBeCloseTo(reference.serviceLevel, 12);
    expect(chat.after.current.value?.serviceLevel).toBeGreaterThan(chat.before.current.value?.serviceLevel ?? 1);
    expect(chat.before.minutesToBreach).toEqual({ value: 0 });
    // Fewer agents are needed at 3 slots each than at 2.
    expectFigures(chat.before.required.value, requiredConcurrentAgents(LOAD, { serviceLevel: 0.8 }, { slotsPerAgent: 2 }));
    expectFigures(chat.after.required.value, requiredConcurrentAgents(LOAD, { serviceLevel: 0.8 }, { slotsPerAgent: 3 }));
    expect(chat.after.required.value?.agents).toBeLessThan(chat.before.required.value?.agents ?? 0);
  });

  it('predicts fewer slots per agent as the slot model does, with abandons (Erlang A)', () => {
    const abandoning = { ...TODAY, abandonWaitCount: 10, abandonWaitSumMs: 10 * 60_000, assignWaitSumMs: 110 * 60_000 };
    const agents = Array.from({ length: 8 }, (_, index) => agent(`a${index + 1}`, ['q-chat'], { slots: 4 }));
    const state = floor({ queues: [CHAT], agents, today: { 'q-chat': abandoning } });
    const [chat] = ask(state, { queueId: 'q-chat', slots: 1 }).queues;
    if (chat === undefined) throw new Error('the chat queue expected');

    // Patience = (10 + 110) min of waiting over 10 abandons = 720 s.
    const load = { ...LOAD, patienceS: 720 };
    expect(chat.after.inputs.model).toBe('erlang-a');
    expectFigures(chat.before.current.value, concurrentFigures(load, 8, { slotsPerAgent: 4 }));
    expectFigures(chat.after.current.value, concurrentFigures(load, 8, { slotsPerAgent: 1 }));
    expect(chat.after.current.value?.probabilityOfAbandon).toBeCloseTo(erlangA(load, 8).probabilityOfAbandon, 12);
    expect(chat.after.current.value?.serviceLevel).toBeLessThan(chat.before.current.value?.serviceLevel ?? 0);
  });

  it('counts each agent with their own limit: one agent raised from 2 to 3 slots adds one server', () => {
    const state = chatFloor();
    // 45 chats in 15 min = 180 an hour at 300 s: 15 slot-erlangs.
    const quieter = arrivalsOf({ 'q-chat': { last15: 45, previous15: 45 } });
    const [chat] = ask(state, { queueId: 'q-chat', slots: 3, agentIds: ['a8'] }, EVERYWHERE, quieter).queues;
    if (chat === undefined) throw new Error('the chat queue expected');

    // 7 × 2 + 3 = 17 servers, relabelled as 8 agents; the rounded mean (2) is unchanged.
    expect(chat.after.inputs.slotsPerAgent).toBe(2);
    const load = { ...LOAD, trafficErlangs: 15 };
    expect(chat.before.current.value?.serviceLevel).toBeCloseTo(erlangC(load, 16).serviceLevel, 12);
    expect(chat.after.current.value?.agents).toBe(8);
    expect(chat.after.current.value?.serviceLevel).toBeCloseTo(erlangC(load, 17).serviceLevel, 12);
    expect(chat.after.current.value?.occupancy).toBeCloseTo(15 / 17, 12);
    expect(chat.after.current.value?.serviceLevel).toBeGreaterThan((chat.before.current.value?.serviceLevel ?? 1) + 0.05);
  });

  it('shows every queue the changed agents serve that the session sees, and counts the others', () => {
    const whatIf = ask(chatFloor(), { queueId: 'q-chat', slots: 3 });
    expect(whatIf.queues.map((queue) => queue.before.queueId)).toEqual(['q-chat', 'q-billing', 'q-vip']);
    expect(whatIf.unseenQueues).toBe(0);

    const [billing] = ask(chatFloor(), { queueId: 'q-chat', slots: 3, agentIds: ['a1'] }).queues.slice(1);
    expect(billing?.before.agentsAvailable).toBe(2);
    expect(billing?.after.inputs.slotsPerAgent).toBe(3);
    // Billing: 48 an hour at 300 s = 4 erlangs; a1 at 3 slots and a2 at 2 hold 5 servers.
    expect(billing?.after.current.value?.serviceLevel).toBeCloseTo(erlangC({ ...LOAD, trafficErlangs: 4 }, 5).serviceLevel, 12);
    expect(billing?.before.current.value?.serviceLevel).toBeCloseTo(erlangC({ ...LOAD, trafficErlangs: 4 }, 4).serviceLevel, 12);

    const scoped = ask(chatFloor(), { queueId: 'q-chat', slots: 3 }, CHAT_ONLY);
    expect(scoped.queues.map((queue) => queue.before.queueId)).toEqual(['q-chat', 'q-billing']);
    expect(scoped.unseenQueues).toBe(1);
  });

  it('leaves out agents already at the limit asked for', () => {
    const whatIf = ask(chatFloor(), { queueId: 'q-chat', slots: 2 });
    expect(whatIf.changes).toEqual([]);
    expect(whatIf.queues.map((queue) => queue.before.queueId)).toEqual(['q-chat']);
    expect(whatIf.queues[0]?.after.current).toEqual(whatIf.queues[0]?.before.current);
  });

  it('refuses a limit out of range, a queue out of scope, a voice queue and an agent not in the queue, saying why', () => {
    const state = chatFloor();
    expect(refusal(state, { queueId: 'q-chat', slots: 0 })).toBe('Slots must be a whole number from 1 to 32 (got 0).');
    expect(refusal(state, { queueId: 'q-chat', slots: 33 })).toBe('Slots must be a whole number from 1 to 32 (got 33).');
    expect(refusal(state, { queueId: 'q-chat', slots: 2.5 })).toBe('Slots must be a whole number from 1 to 32 (got 2.5).');
    expect(refusal(state, { queueId: 'q-vip', slots: 3 }, CHAT_ONLY)).toBe('Queue q-vip is unknown or outside the queues you may see.');
    expect(refusal(state, { queueId: 'q-nowhere', slots: 3 })).toBe('Queue q-nowhere is unknown or outside the queues you may see.');
    expect(refusal(state, { queueId: 'q-voice', slots: 2 })).toMatch(/^Voice is a voice queue: its agents take one conversation at a time/);
    expect(refusal(state, { queueId: 'q-chat', slots: 3, agentIds: ['v1'] })).toBe('Agent v1 is not logged in to Chat.');
    expect(refusal(state, { queueId: 'q-chat', slots: 3, agentIds: ['a1'] })).toBe('answered');
  });

  it('is refused at the contract with the same range, before any handler runs', () => {
    const checked = querySchema.safeParse({ type: 'staffing.capacityWhatIf', queueId: 'q-chat', slots: 40 });
    expect(checked.success).toBe(false);
    expect(checked.error?.issues.map((issue) => issue.message)).toEqual(['slots must be a whole number from 1 to 32']);
    expect(querySchema.safeParse({ type: 'staffing.capacityWhatIf', queueId: 'q-chat', slots: 3 }).success).toBe(true);
  });
});
