/**
 * Every metric of the dictionary (METRIC_IDS), one hand-computed scenario each, through the real
 * reducer and metric functions; then the edge cases: an empty queue, a queue with no agents, the
 * queue's own midnight (New York versus UTC), and short abandons left out of the service level.
 */
import { describe, expect, it } from 'vitest';
import { METRIC_IDS, type MetricId } from '../../../../src-shared/metrics/dictionary.js';
import type { FloorEvent } from '../../../../src-shared/protocol/events.js';
import { queueMetrics } from '../../../../src-main/core/floor-state/metrics.js';
import { applyEvents, createLiveState } from '../../../../src-main/core/floor-state/reducer.js';
import { agentLogin, created, floorScript, queueConfigured, type ScriptEvent } from './floor-script.js';

// Wednesday 12 June 2024, 14:00 UTC (10:00 in New York).
const T0 = Date.UTC(2024, 5, 12, 14, 0, 0);
const s = (seconds: number): number => T0 + seconds * 1000;

type Step = readonly [seconds: number, event: ScriptEvent];

const queued = (conversationId: string, queueId = 'Q'): ScriptEvent => ({ type: 'conversation.queued', conversationId, queueId });
const assigned = (conversationId: string, agentId: string, queueId = 'Q'): ScriptEvent => ({ type: 'conversation.assigned', conversationId, queueId, agentId });
const abandoned = (conversationId: string, queueId = 'Q'): ScriptEvent => ({ type: 'conversation.abandoned', conversationId, queueId });
const ended = (conversationId: string, disposition: 'resolved' | 'unresolved' | 'closed_by_supervisor' = 'resolved'): ScriptEvent => ({ type: 'conversation.ended', conversationId, disposition });
const say = (conversationId: string, sender: 'customer' | 'agent' | 'bot', index: number): ScriptEvent => ({ type: 'conversation.message', conversationId, messageId: `m${index}`, sender, kind: 'text', text: '…' });
const status = (agentId: string, kind: 'available' | 'away' | 'offline'): ScriptEvent => ({ type: 'agent.status', agentId, kind, reason: kind });
const survey = (conversationId: string, rating: number): ScriptEvent => ({ type: 'survey.answered', conversationId, queueId: 'Q', rating });

function build(steps: readonly Step[], setup: readonly ScriptEvent[] = [queueConfigured('Q', { serviceLevelTargetSec: 60 })]): ReturnType<typeof createLiveState> {
  const script = floorScript();
  for (const event of setup) script.emit(T0, event);
  for (const [seconds, event] of steps) script.emit(s(seconds), event);
  return applyEvents(createLiveState(), script.events as FloorEvent[]);
}

/**
 * Agents of Q: A1 available (2 slots, 1 chat), A2 away (3 slots, 2 chats it kept), A3 available
 * (1 slot, no chat), A4 logged out. Three conversations assigned in Q.
 */
const agentFloor: readonly Step[] = [
  [0, agentLogin('A1', ['Q'], 2)],
  [0, agentLogin('A2', ['Q'], 3)],
  [0, agentLogin('A3', ['Q'], 1)],
  [0, agentLogin('A4', ['Q'], 4)],
  [0, status('A1', 'available')],
  [0, status('A2', 'available')],
  [0, status('A3', 'available')],
  [1, assigned('C1', 'A1')],
  [2, assigned('C2', 'A2')],
  [3, assigned('C3', 'A2')],
  [4, status('A2', 'away')],
  [5, { type: 'agent.logout', agentId: 'A4' }],
];

interface Row {
  readonly metric: MetricId;
  readonly steps: readonly Step[];
  readonly now: number;
  readonly expected: number | null;
  /** How the expected value was worked out. */
  readonly why: string;
}

const rows: readonly Row[] = [
  // ---- right now ----
  { metric: 'queued', steps: [[0, queued('C1')], [10, queued('C2')], [20, queued('C3')], [30, assigned('C3', 'A1')]], now: 60, expected: 2, why: 'C1, C2 wait; C3 was assigned' },
  { metric: 'longestWaitSec', steps: [[0, queued('C1')], [10, queued('C2')]], now: 60, expected: 60, why: 'C1 has waited 60 − 0' },
  { metric: 'offered', steps: [[0, queued('C1')], [10, queued('C2')], [20, queued('C3')], [30, assigned('C3', 'A1')]], now: 60, expected: 3, why: '2 queued + 1 assigned' },
  { metric: 'assigned', steps: [[0, queued('C1')], [5, assigned('C1', 'A1')], [6, created('C2', 'Q')], [6, assigned('C2', 'A1')], [7, queued('C3')]], now: 60, expected: 2, why: 'C1 and C2 with A1' },
  { metric: 'avgCurrentTimeInQueueSec', steps: [[0, queued('C1')], [10, queued('C2')]], now: 60, expected: 55, why: '(60 + 50) / 2' },
  { metric: 'avgTimeToAssignSec', steps: [[0, queued('C3')], [30, assigned('C3', 'A1')], [40, created('C4', 'Q')], [40, assigned('C4', 'A1')]], now: 60, expected: 15, why: '(30 + 0 direct) / 2' },
  { metric: 'avgWaitSec', steps: [[0, queued('C1')], [0, queued('C3')], [30, assigned('C3', 'A1')]], now: 60, expected: 45, why: '(C1 waiting 60 + C3 waited 30) / 2' },
  { metric: 'ahtNowSec', steps: [[0, queued('C3')], [30, assigned('C3', 'A1')], [40, created('C4', 'Q')], [40, assigned('C4', 'A1')]], now: 100, expected: 65, why: '(70 + 60) / 2 so far' },
  {
    metric: 'avgResponseTimeSec',
    steps: [[0, queued('C1')], [0, assigned('C1', 'A1')], [10, say('C1', 'customer', 1)], [16, say('C1', 'agent', 2)], [20, say('C1', 'customer', 3)], [25, say('C1', 'customer', 4)], [30, say('C1', 'bot', 5)], [40, say('C1', 'agent', 6)]],
    now: 60,
    expected: 13,
    why: '(16 − 10 + 40 − 20, from the first unanswered customer message; a bot line is no reply) / 2',
  },
  {
    metric: 'avgFirstResponseTimeSec',
    steps: [[0, queued('C1')], [0, assigned('C1', 'A1')], [8, say('C1', 'agent', 1)], [10, queued('C2')], [10, assigned('C2', 'A1')], [22, say('C2', 'agent', 1)], [20, queued('C3')], [20, assigned('C3', 'A1')]],
    now: 60,
    expected: 10,
    why: '(8 + 12) / 2; C3 has no agent message yet',
  },
  { metric: 'activeSlotsPct', steps: agentFloor, now: 60, expected: 50, why: '3 assigned / (A1 2 + A2 3 (has chats) + A3 1) slots' },
  { metric: 'occupancyNowPct', steps: agentFloor, now: 60, expected: 100 / 3, why: 'chats of available agents 1 / their slots (2 + 1)' },
  { metric: 'concurrencyNow', steps: agentFloor, now: 60, expected: 1.5, why: '3 assigned / 2 agents with chats' },
  { metric: 'loggedInAgents', steps: agentFloor, now: 60, expected: 3, why: 'A1, A2, A3; A4 logged out' },
  { metric: 'agentsAvailable', steps: agentFloor, now: 60, expected: 1, why: 'A3: available with no chat' },
  { metric: 'agentsBusy', steps: agentFloor, now: 60, expected: 1, why: 'A1: available with a chat' },
  { metric: 'agentsAway', steps: agentFloor, now: 60, expected: 1, why: 'A2, though it still holds chats' },
  // ---- since midnight ----
  {
    metric: 'enteredToday',
    steps: [[0, queued('C1')], [5, queued('C2')], [6, created('C3', 'Q2')], [6, queued('C3', 'Q2')], [9, { type: 'conversation.transferred', conversationId: 'C3', fromQueueId: 'Q2', toQueueId: 'Q' }], [10, created('C4', 'Q')], [10, assigned('C4', 'A1')]],
    now: 60,
    expected: 3,
    why: 'C1, C2 queued and C3 transferred in; C4 was assigned directly',
  },
  {
    metric: 'offeredToday',
    steps: [[0, queued('C1')], [5, assigned('C1', 'A1')], [30, queued('C1')], [40, assigned('C1', 'A1')], [6, queued('C2')], [10, created('C3', 'Q')], [10, assigned('C3', 'A1')]],
    now: 60,
    expected: 3,
    why: 'distinct C1 (queued twice), C2, C3 (direct)',
  },
  {
    metric: 'assignedToday',
    steps: [[0, queued('C1')], [5, assigned('C1', 'A1')], [30, queued('C1')], [40, assigned('C1', 'A1')], [10, created('C3', 'Q')], [10, assigned('C3', 'A1')]],
    now: 60,
    expected: 3,
    why: 'C1 twice and C3: assignments, not conversations',
  },
  { metric: 'abandonedToday', steps: [[0, queued('C1')], [1, queued('C2')], [2, queued('C3')], [30, abandoned('C1')], [40, abandoned('C3')]], now: 60, expected: 2, why: 'C1 and C3' },
  {
    metric: 'timedOutToday',
    steps: [[0, queued('C1')], [0, assigned('C1', 'A1')], [2, say('C1', 'bot', 1)], [90, queued('C1')], [100, assigned('C1', 'A1')], [5, queued('C2')], [5, assigned('C2', 'A1')], [10, say('C2', 'agent', 1)], [40, queued('C2')], [41, queued('C3')]],
    now: 120,
    expected: 1,
    why: 'C1 went back to the queue with no agent message (a bot line is none); C2 had a reply; C3 was never assigned',
  },
  { metric: 'abandonRatePct', steps: [[0, queued('C1')], [1, queued('C2')], [2, queued('C3')], [3, queued('C4')], [30, abandoned('C1')]], now: 60, expected: 25, why: '1 abandoned / 4 entered' },
  { metric: 'avgAbandonTimeSec', steps: [[0, queued('C1')], [10, queued('C2')], [30, abandoned('C1')], [100, abandoned('C2')]], now: 120, expected: 60, why: '(30 + 90) / 2' },
  {
    metric: 'avgTimeInQueueTodaySec',
    steps: [[0, queued('C1')], [20, assigned('C1', 'A1')], [0, queued('C2')], [40, abandoned('C2')], [10, queued('C3')]],
    now: 60,
    expected: 30,
    why: '(C1 20 assigned + C2 40 abandoned) / 2; C3 still waits',
  },
  {
    metric: 'avgTimeToAssignTodaySec',
    steps: [[0, queued('C1')], [20, assigned('C1', 'A1')], [25, created('C2', 'Q')], [25, assigned('C2', 'A1')], [10, queued('C3')], [80, assigned('C3', 'A1')]],
    now: 90,
    expected: 30,
    why: '(20 + 0 direct + 70) / 3',
  },
  {
    metric: 'ahtTodaySec',
    steps: [[0, queued('C1')], [0, assigned('C1', 'A1')], [100, ended('C1')], [10, queued('C2')], [10, assigned('C2', 'A1')], [70, { type: 'conversation.transferred', conversationId: 'C2', fromQueueId: 'Q', toQueueId: 'Q2' }], [20, queued('C3')], [20, assigned('C3', 'A1')]],
    now: 120,
    expected: 80,
    why: '(C1 100 ended + C2 60 until its transfer) / 2; C3 not finished',
  },
  {
    metric: 'occupancyTodayPct',
    steps: [[0, queued('C1')], [0, assigned('C1', 'A1')], [30, queued('C2')], [30, assigned('C2', 'A1')], [60, ended('C1')], [90, status('A1', 'away')]],
    now: 120,
    expected: (100 * 120) / 270,
    why: 'used 0–30 1 chat + 30–60 2 + 60–90 1 = 120 slot-s / A1 available 0–90 × 3 slots = 270; the chat held while away after 90 is not occupancy',
  },
  {
    metric: 'concurrencyToday',
    steps: [[0, queued('C1')], [0, assigned('C1', 'A1')], [30, queued('C2')], [30, assigned('C2', 'A1')], [60, ended('C1')], [90, status('A1', 'away')]],
    now: 120,
    expected: 1.25,
    why: 'chat-s 30 × 1 + 30 × 2 + 60 × 1 = 150 over 120 s with at least one chat (away included); the open interval 90–120 counts up to now',
  },
  {
    metric: 'serviceLevelPct',
    steps: [[0, queued('C1')], [30, assigned('C1', 'A1')], [0, queued('C2')], [90, assigned('C2', 'A1')], [0, queued('C3')], [3, abandoned('C3')], [0, queued('C4')], [50, abandoned('C4')]],
    now: 120,
    expected: 100 / 3,
    why: '1 within 60 s / (2 assigned + 2 abandoned − 1 abandoned within 5 s)',
  },
  {
    metric: 'resolutionRatePct',
    steps: [
      [0, created('C1', 'Q')], [1, ended('C1', 'resolved')],
      [0, created('C2', 'Q')], [1, ended('C2', 'resolved')],
      [0, created('C3', 'Q')], [1, ended('C3', 'unresolved')],
      [0, created('C4', 'Q')], [1, ended('C4', 'closed_by_supervisor')],
    ],
    now: 60,
    expected: 50,
    why: '2 resolved / 4 dispositioned',
  },
  { metric: 'csatPct', steps: [[0, survey('C1', 5)], [1, survey('C2', 4)], [2, survey('C3', 3)], [3, survey('C4', 1)]], now: 60, expected: 50, why: '2 ratings of 4 or 5 / 4 ratings' },
  { metric: 'csatMean', steps: [[0, survey('C1', 5)], [1, survey('C2', 4)], [2, survey('C3', 3)], [3, survey('C4', 1)]], now: 60, expected: 3.25, why: '(5 + 4 + 3 + 1) / 4' },
];

/** Steps sorted by time (stable), as the feed would deliver them. */
function ordered(steps: readonly Step[]): Step[] {
  return steps.map((step, index) => ({ step, index })).sort((a, b) => a.step[0] - b.step[0] || a.index - b.index).map(({ step }) => step);
}

describe('every dictionary metric, hand-computed', () => {
  it('has a scenario for every metric id', () => {
    expect(new Set(rows.map((row) => row.metric))).toEqual(new Set(METRIC_IDS));
  });

  it.each(rows.map((row) => [row.metric, row] as const))('%s', (_metric, row) => {
    // Conversation scenarios share one available agent, A1; the agent scenario brings its own.
    const steps: Step[] = row.steps === agentFloor ? [...agentFloor] : [[0, agentLogin('A1', ['Q'], 3)], [0, status('A1', 'available')], ...row.steps];
    const value = queueMetrics(build(ordered(steps)), 'Q', s(row.now))[row.metric];
    if (row.expected === null) expect(value, row.why).toBeNull();
    else expect(value, row.why).toBeCloseTo(row.expected, 10);
  });
});

describe('metric edge cases', () => {
  it('an empty queue: counts are 0, averages and shares are null (never NaN)', () => {
    const metrics = queueMetrics(build([]), 'Q', s(60));
    for (const id of METRIC_IDS) expect(metrics[id] === null || Number.isFinite(metrics[id]), id).toBe(true);
    expect(metrics).toMatchObject({ queued: 0, longestWaitSec: 0, offered: 0, assigned: 0, loggedInAgents: 0, enteredToday: 0, abandonedToday: 0 });
    expect(metrics).toMatchObject({ avgCurrentTimeInQueueSec: null, ahtNowSec: null, occupancyNowPct: null, serviceLevelPct: null, abandonRatePct: null, csatPct: null, csatMean: null });
  });

  it('zero agents: customers wait, agent-based shares are null, counts are 0', () => {
    const metrics = queueMetrics(build([[0, queued('C1')], [30, queued('C2')]]), 'Q', s(90));
    expect(metrics).toMatchObject({ queued: 2, longestWaitSec: 90, loggedInAgents: 0, agentsAvailable: 0, agentsBusy: 0, agentsAway: 0 });
    expect(metrics).toMatchObject({ activeSlotsPct: null, occupancyNowPct: null, concurrencyNow: null });
  });

  it("counts 'today' from the queue's own midnight: New York and UTC differ on the same events", () => {
    // 03:00 UTC is 23:00 the evening before in New York; 05:00 UTC is 01:00 the same day there.
    const script = floorScript();
    const at = (hour: number, minute = 0): number => Date.UTC(2024, 5, 12, hour, minute);
    script.emit(at(0), queueConfigured('NY', { timeZone: 'America/New_York' }));
    script.emit(at(0), queueConfigured('UTC', { timeZone: 'UTC' }));
    for (const queueId of ['NY', 'UTC']) {
      script.emit(at(3), queued(`${queueId}-1`, queueId));
      script.emit(at(3, 1), abandoned(`${queueId}-1`, queueId));
      script.emit(at(5), queued(`${queueId}-2`, queueId));
    }
    const state = applyEvents(createLiveState(), script.events as FloorEvent[]);
    const ny = queueMetrics(state, 'NY', at(6));
    const utc = queueMetrics(state, 'UTC', at(6));
    expect([ny.enteredToday, ny.abandonedToday, ny.abandonRatePct]).toEqual([1, 0, 0]);
    expect([utc.enteredToday, utc.abandonedToday, utc.abandonRatePct]).toEqual([2, 1, 50]);
    // Right-now figures do not roll over: the customer queued before New York's midnight still waits.
    expect(ny.queued).toBe(1);
    expect(state.today.get('NY')?.dayStart).toBe(at(4));
    expect(state.today.get('UTC')?.dayStart).toBe(at(0));
  });

  it("drops yesterday's counters at the queue's midnight even when no event arrives after it", () => {
    const script = floorScript();
    const at = (day: number, hour: number, minute = 0): number => Date.UTC(2024, 5, day, hour, minute);
    script.emit(at(12, 20), queueConfigured('NY', { timeZone: 'America/New_York' }));
    script.emit(at(12, 20), queueConfigured('UTC', { timeZone: 'UTC' }));
    for (const queueId of ['NY', 'UTC']) {
      script.emit(at(12, 21), queued(`${queueId}-1`, queueId));
      script.emit(at(12, 21, 5), abandoned(`${queueId}-1`, queueId));
    }
    const state = applyEvents(createLiveState(), script.events as FloorEvent[]);
    // 00:30 UTC on the 13th: a new day in UTC, still the 12th (20:30) in New York.
    expect(queueMetrics(state, 'UTC', at(13, 0, 30))).toMatchObject({ enteredToday: 0, abandonedToday: 0, abandonRatePct: null });
    expect(queueMetrics(state, 'NY', at(13, 0, 30))).toMatchObject({ enteredToday: 1, abandonedToday: 1, abandonRatePct: 100 });
    // 04:00 UTC on the 13th is New York's midnight.
    expect(queueMetrics(state, 'NY', at(13, 4))).toMatchObject({ enteredToday: 0, abandonedToday: 0 });
    // The first event of the new day starts fresh counters too.
    const next = applyEvents(state, [{ seq: state.lastSeq + 1, time: at(13, 4, 30), type: 'conversation.queued', conversationId: 'NY-2', queueId: 'NY' }]);
    expect(queueMetrics(next, 'NY', at(13, 5))).toMatchObject({ enteredToday: 1, abandonedToday: 0 });
  });

  it('leaves abandons within 5 s out of the service level, and counts one at exactly 5 s', () => {
    const base: Step[] = [[0, queued('C1')], [10, assigned('C1', 'A1')]];
    const level = (abandonAfterMs: number): number | null => {
      const script = floorScript();
      script.emit(T0, queueConfigured('Q', { serviceLevelTargetSec: 60 }));
      for (const [seconds, event] of base) script.emit(s(seconds), event);
      script.emit(s(20), queued('C2'));
      script.emit(s(20) + abandonAfterMs, abandoned('C2'));
      return queueMetrics(applyEvents(createLiveState(), script.events as FloorEvent[]), 'Q', s(60)).serviceLevelPct;
    };
    expect(level(4_999)).toBe(100); // 1 within target / (1 assigned + 1 abandoned − 1 short)
    expect(level(5_000)).toBe(50); // 1 / (1 + 1)
    expect(level(120_000)).toBe(50);
  });
});
