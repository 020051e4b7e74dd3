/**
 * The live staffing advice over a floor built by hand at a fixed floor time: the inputs and their
 * windows, figures that say why they are missing, Erlang A once abandons are seen, chat slots,
 * the time to breach at the trend, and the what-if of moving agents.
 */
import { describe, expect, it } from 'vitest';
import { adviseLiveQueue, movableAgents, staffingWhatIf, whatIfRefusal } from '../../../../src-main/core/staffing/live-advice.js';
import type { LiveState, QueueState } from '../../../../src-main/core/floor-state/state.js';
import { agent, arrivalsOf, floor, NOW, queueState } from './staffing-floor.js';
import { concurrentFigures } from '../../../../src-shared/staffing/concurrency.js';
import { requiredAgents } from '../../../../src-shared/staffing/solve.js';

const VOICE = queueState('q-voice', 'Voice', 'voice');

function queueOf(state: LiveState, queueId: string): QueueState {
  const queue = state.queues.get(queueId);
  if (!queue) throw new Error(`no queue ${queueId}`);
  return queue;
}

describe('live staffing advice', () => {
  it('feeds the 15-minute rate and today’s handle time to Erlang C and matches the mathematics', () => {
    // 60 arrivals in the last 15 min = 240 an hour; 180 s handle time → 12 erlangs.
    const state = floor({ queues: [VOICE], agents: Array.from({ length: 11 }, (_, index) => agent(`a${index}`, ['q-voice'])), today: { 'q-voice': { assignmentsFinished: 10, handleTimeSumMs: 10 * 180_000 } } });
    const advice = adviseLiveQueue(state, queueOf(state, 'q-voice'), arrivalsOf({ 'q-voice': { last15: 60, previous15: 40 } }), NOW);

    expect(advice.inputs.arrivalsPerHour15).toEqual({ value: 240 });
    expect(advice.inputs.arrivalsPerHour30).toEqual({ value: 200 });
    expect(advice.inputs.trendPerHourPerMin.value).toBeCloseTo((240 - 160) / 15, 9);
    expect(advice.inputs.handleTimeS).toEqual({ value: 180 });
    expect(advice.inputs.model).toBe('erlang-c');
    expect(advice.inputs.patienceS.value).toBeNull();
    expect(advice.agentsAvailable).toBe(11);

    const load = { trafficErlangs: 12, handleTimeS: 180, targetAnswerS: 20 };
    const expected = requiredAgents(load, { serviceLevel: 0.8 });
    expect(advice.required.value?.agents).toBe(expected?.agents);
    expect(advice.required.value?.serviceLevel).toBeCloseTo(expected?.serviceLevel ?? NaN, 12);
    // 11 agents on 12 erlangs: unstable, short now.
    expect(advice.current.value?.stable).toBe(false);
    expect(advice.current.value?.averageSpeedOfAnswerS).toBeNull();
    expect(advice.minutesToBreach).toEqual({ value: 0 });
  });

  it('says why instead of 0 when the floor has not been observed long enough or nothing finished yet', () => {
    const young = floor({ queues: [VOICE], agents: [agent('a1', ['q-voice'])], observedSince: NOW - 10 * 60_000, today: { 'q-voice': { assignmentsFinished: 2, handleTimeSumMs: 2 * 100_000 } } });
    const advice = adviseLiveQueue(young, queueOf(young, 'q-voice'), arrivalsOf({ 'q-voice': { last15: 5, previous15: 0 } }), NOW);

    expect(advice.inputs.arrivalsPerHour15.value).toBeNull();
    expect(advice.inputs.arrivalsPerHour15.reason).toMatch(/observed for 10 min; this needs 15/);

    // Arrivals stored only since 20 min ago: the 15-minute window is measured, the 30-minute one not.
    const fresh = floor({ queues: [VOICE], agents: [agent('a1', ['q-voice'])], observedSince: 0 });
    const recent = adviseLiveQueue(fresh, queueOf(fresh, 'q-voice'), arrivalsOf({ 'q-voice': { last15: 3, previous15: 1 } }, NOW - 20 * 60_000), NOW);
    expect(recent.inputs.arrivalsPerHour15).toEqual({ value: 12 });
    expect(recent.inputs.arrivalsPerHour30.reason).toMatch(/observed for 20 min; this needs 30/);
    const none = adviseLiveQueue(fresh, queueOf(fresh, 'q-voice'), arrivalsOf({}, null), NOW);
    expect(none.inputs.arrivalsPerHour15.reason).toMatch(/observed for 0 min/);
    expect(advice.inputs.trendPerHourPerMin.reason).toMatch(/needs 30/);
    expect(advice.inputs.handleTimeS.reason).toMatch(/2 finished conversations today; the handle time needs 5/);
    expect(advice.current.value).toBeNull();
    expect(advice.required.value).toBeNull();
    expect(advice.required.reason).toMatch(/no arrival rate/);
    expect(advice.minutesToBreach.value).toBeNull();
  });

  it('estimates patience from today’s waits and abandons and switches to Erlang A', () => {
    // 4 abandons; answered waits 300 s in all, abandoned waits 100 s: patience (300 + 100) / 4 = 100 s.
    const state = floor({
      queues: [VOICE],
      agents: Array.from({ length: 10 }, (_, index) => agent(`a${index}`, ['q-voice'])),
      today: { 'q-voice': { assignmentsFinished: 10, handleTimeSumMs: 10 * 180_000, abandonWaitCount: 4, abandonWaitSumMs: 100_000, assignWaitSumMs: 300_000 } },
    });
    const advice = adviseLiveQueue(state, queueOf(state, 'q-voice'), arrivalsOf({ 'q-voice': { last15: 60, previous15: 60 } }), NOW);

    expect(advice.inputs.patienceS).toEqual({ value: 100 });
    expect(advice.inputs.model).toBe('erlang-a');
    expect(advice.current.value?.stable).toBe(true);
    expect(advice.current.value?.probabilityOfAbandon).toBeGreaterThan(0);
    expect(advice.minutesToBreach.value === 0 || advice.minutesToBreach.reason === 'arrivals are not rising').toBe(true);
  });

  it('counts only available agents as staffed and chat agents by their slots', () => {
    const chat = queueState('q-chat', 'Chat', 'chat');
    const state = floor({
      queues: [chat],
      agents: [agent('a1', ['q-chat'], { slots: 3 }), agent('a2', ['q-chat'], { slots: 3 }), agent('a3', ['q-chat'], { slots: 3, away: true }), agent('a4', ['q-chat'], { loggedIn: false })],
      today: { 'q-chat': { assignmentsFinished: 20, handleTimeSumMs: 20 * 600_000 } },
    });
    const advice = adviseLiveQueue(state, queueOf(state, 'q-chat'), arrivalsOf({ 'q-chat': { last15: 10, previous15: 10 } }), NOW);

    expect(advice.agentsAvailable).toBe(2);
    expect(advice.agentsLoggedIn).toBe(3);
    expect(advice.inputs.slotsPerAgent).toBe(3);
    // 40 an hour × 600 s = 6.67 erlangs over 2 × 3 slots.
    const expected = concurrentFigures({ trafficErlangs: (40 / 3600) * 600, handleTimeS: 600, targetAnswerS: 60 }, 2, { slotsPerAgent: 3 });
    expect(advice.current.value?.serviceLevel).toBeCloseTo(expected.serviceLevel, 12);
    expect(advice.current.value?.agents).toBe(2);
  });

  it('gives the minutes until the available agents stop meeting the target at a rising trend', () => {
    // 20 agents, 180 s: comfortable at 120 an hour (6 erlangs); arrivals rise by 4 an hour each minute.
    const state = floor({ queues: [VOICE], agents: Array.from({ length: 20 }, (_, index) => agent(`a${index}`, ['q-voice'])), today: { 'q-voice': { assignmentsFinished: 10, handleTimeSumMs: 10 * 180_000 } } });
    const advice = adviseLiveQueue(state, queueOf(state, 'q-voice'), arrivalsOf({ 'q-voice': { last15: 30, previous15: 15 } }), NOW);
    const minutes = advice.minutesToBreach.value;
    expect(advice.inputs.trendPerHourPerMin.value).toBeCloseTo(4, 9);
    expect(minutes).not.toBeNull();
    const critical = 120 + 4 * (minutes ?? 0);
    const at = (perHour: number): number => concurrentFigures({ trafficErlangs: (perHour / 3600) * 180, handleTimeS: 180, targetAnswerS: 20 }, 20, { slotsPerAgent: 1 }).serviceLevel;
    expect(at(critical * 0.999)).toBeGreaterThanOrEqual(0.8);
    expect(at(critical * 1.001)).toBeLessThan(0.8);

    const falling = adviseLiveQueue(state, queueOf(state, 'q-voice'), arrivalsOf({ 'q-voice': { last15: 30, previous15: 45 } }), NOW);
    expect(falling.minutesToBreach).toEqual({ value: null, reason: 'arrivals are not rising' });
  });
});

describe('what-if: moving agents between queues', () => {
  const sales = queueState('q-sales', 'Sales', 'voice');
  const support = queueState('q-support', 'Support', 'voice');
  const chat = queueState('q-chat', 'Chat', 'chat');

  function twoQueues(): LiveState {
    return floor({
      queues: [sales, support, chat],
      agents: [
        agent('s1', ['q-sales'], { name: 'Ann', conversations: 1 }),
        agent('s2', ['q-sales'], { name: 'Bea' }),
        agent('s3', ['q-sales'], { name: 'Cy', away: true }),
        agent('s4', ['q-sales', 'q-support'], { name: 'Dee' }),
        agent('s5', ['q-sales'], { name: 'Eve' }),
        agent('p1', ['q-support'], { name: 'Pat' }),
      ],
      today: {
        'q-sales': { assignmentsFinished: 10, handleTimeSumMs: 10 * 180_000 },
        'q-support': { assignmentsFinished: 10, handleTimeSumMs: 10 * 300_000 },
      },
    });
  }

  it('moves available source agents not already in the target, idle ones first, and predicts both queues', () => {
    const state = twoQueues();
    const arrivals = arrivalsOf({ 'q-sales': { last15: 10, previous15: 10 }, 'q-support': { last15: 6, previous15: 5 } });
    const result = staffingWhatIf(state, queueOf(state, 'q-sales'), queueOf(state, 'q-support'), 2, arrivals, NOW);

    expect(movableAgents(state, 'q-sales', 'q-support').map((moving) => moving.agentId)).toEqual(['s2', 's5', 's1']);
    expect(result.moves).toEqual([
      { agentId: 's2', name: 'Bea', queueIdsAfter: ['q-support'] },
      { agentId: 's5', name: 'Eve', queueIdsAfter: ['q-support'] },
    ]);
    expect(result.from.before.agentsAvailable).toBe(4);
    expect(result.from.after.agentsAvailable).toBe(2);
    expect(result.to.before.agentsAvailable).toBe(2);
    expect(result.to.after.agentsAvailable).toBe(4);
    expect(result.to.after.current.value?.serviceLevel ?? 0).toBeGreaterThan(result.to.before.current.value?.serviceLevel ?? 1);
    expect(result.from.after.current.value?.serviceLevel ?? 1).toBeLessThan(result.from.before.current.value?.serviceLevel ?? 0);
  });

  it('moves no more agents than may move, and refuses across channels or within one queue', () => {
    const state = twoQueues();
    const result = staffingWhatIf(state, queueOf(state, 'q-sales'), queueOf(state, 'q-support'), 10, arrivalsOf({}), NOW);
    expect(result.requested).toBe(10);
    expect(result.moves).toHaveLength(3);

    expect(whatIfRefusal(queueOf(state, 'q-sales'), queueOf(state, 'q-chat'))).toBe('agents of a voice queue cannot serve a chat queue');
    expect(whatIfRefusal(queueOf(state, 'q-sales'), queueOf(state, 'q-sales'))).toMatch(/same/);
    expect(whatIfRefusal(undefined, queueOf(state, 'q-sales'))).toBe('unknown queue');
  });
});
