/**
 * Agents' presence on the simulated floor and in its history: statuses (breaks with reasons,
 * after-contact work, "Not responding"), offers that time out, and their consistency with the
 * assignments — read from the events alone, as a console reads them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FloorEvent, FloorEventInput } from '../../../src-shared/protocol/events.js';
import { AFTER_CONTACT_WORK_REASON, NOT_RESPONDING_REASON } from '../../../src-main/sim/catalog.js';
import { createFloor } from '../../../src-main/sim/floor.js';
import { generateHistory } from '../../../src-main/sim/history.js';
import { applyEvents, createLiveState } from '../../../src-main/core/floor-state/reducer.js';
import { queueMetrics } from '../../../src-main/core/floor-state/metrics.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
// A Tuesday, 15:00 UTC: every queue open.
const START = Date.UTC(2026, 2, 10, 15, 0, 0);

/** Offers that timed out, by the protocol's reading: queued again while assigned, before any agent message. */
function timeOuts(events: readonly FloorEventInput[]): { conversationId: string; agentId: string; time: number }[] {
  const offered = new Map<string, { agentId: string; answered: boolean }>();
  const found: { conversationId: string; agentId: string; time: number }[] = [];
  for (const event of events) {
    if (event.type === 'conversation.assigned') offered.set(event.conversationId, { agentId: event.agentId, answered: false });
    else if (event.type === 'conversation.message' && event.sender === 'agent') {
      const offer = offered.get(event.conversationId);
      if (offer) offer.answered = true;
    } else if (event.type === 'conversation.queued') {
      const offer = offered.get(event.conversationId);
      if (offer && !offer.answered) found.push({ conversationId: event.conversationId, agentId: offer.agentId, time: event.time });
      offered.delete(event.conversationId);
    } else if (event.type === 'conversation.transferred' || event.type === 'conversation.ended' || event.type === 'conversation.taken_over') {
      offered.delete(event.conversationId);
    }
  }
  return found;
}

interface StatusAt {
  readonly time: number;
  readonly available: boolean;
}

/**
 * Assignments made to an agent who was not logged in and available, read from a stream whose
 * events are not in time order (history: whole conversations). At an instant with a status change
 * and an assignment, the assignment is fine if the agent was available just before or became so then.
 */
function assignmentsToUnavailableAgents(events: readonly FloorEventInput[]): string[] {
  const statuses = new Map<string, StatusAt[]>();
  const push = (agentId: string, status: StatusAt): void => {
    const list = statuses.get(agentId) ?? [];
    list.push(status);
    statuses.set(agentId, list);
  };
  for (const event of events) {
    if (event.type === 'agent.status') push(event.agentId, { time: event.time, available: event.kind === 'available' });
    else if (event.type === 'agent.logout') push(event.agentId, { time: event.time, available: false });
  }
  for (const list of statuses.values()) list.sort((a, b) => a.time - b.time);
  const wrong: string[] = [];
  for (const event of events) {
    if (event.type !== 'conversation.assigned') continue;
    const list = statuses.get(event.agentId) ?? [];
    const before = list.filter((status) => status.time < event.time).at(-1);
    const becomesAvailable = list.some((status) => status.time === event.time && status.available);
    if (!(before?.available ?? false) && !becomesAvailable) wrong.push(`${event.conversationId} → ${event.agentId} at ${event.time}`);
  }
  return wrong;
}

function collectDay(seed: number, dayEnd: number): FloorEvent[] {
  const events: FloorEvent[] = [];
  for (const chunk of generateHistory({ seed, days: 1, endTime: dayEnd, agents: 10, queues: 8, arrivalScale: 0.25 })) events.push(...chunk);
  return events;
}

describe('agent presence and time-outs on the live floor', () => {
  const floor = createFloor({ seed: 3, startTime: START });
  const events: FloorEventInput[] = [];
  for (let time = START; time <= START + 90 * MINUTE; time += MINUTE) events.push(...floor.advanceTo(time));

  it('lets a small share of offers time out: back to the queue, the agent set away as not responding', () => {
    const assignments = events.filter((event) => event.type === 'conversation.assigned').length;
    const found = timeOuts(events);
    expect(found.length).toBeGreaterThan(0);
    expect(found.length / assignments).toBeLessThan(0.05);
    for (const timeOut of found) {
      const status = events.find((event) => event.type === 'agent.status' && event.agentId === timeOut.agentId && event.time === timeOut.time);
      // An agent already away (a break) keeps their status; one still available is set away.
      if (status?.type === 'agent.status') expect(status).toMatchObject({ kind: 'away', reason: NOT_RESPONDING_REASON });
    }
    expect(events.some((event) => event.type === 'agent.status' && event.reason === NOT_RESPONDING_REASON)).toBe(true);
  });

  it('puts voice agents in after-contact work after a call, never assigned meanwhile', () => {
    expect(events.some((event) => event.type === 'agent.status' && event.reason === AFTER_CONTACT_WORK_REASON)).toBe(true);
    expect(assignmentsToUnavailableAgents(events)).toEqual([]);
  });

  it('counts the time-outs in the console as "timed out by agent"', () => {
    const state = applyEvents(createLiveState(), events.map((event, index) => ({ ...event, seq: index + 1 }) as FloorEvent));
    const counted = [...state.queues.keys()].reduce((sum, queueId) => sum + (queueMetrics(state, queueId, floor.now()).timedOutToday ?? 0), 0);
    const expected = timeOuts(events).length;
    expect(expected).toBeGreaterThan(0);
    // Those of the 90 minutes that fall on the queues' current local day (every one, unless a queue's midnight passed).
    expect(counted).toBeGreaterThan(0);
    expect(counted).toBeLessThanOrEqual(expected);
  });
});

describe('agent presence in the history', () => {
  const dayEnd = Math.floor(START / DAY) * DAY;

  it('opens each day with every agent logged in, then their statuses through the day', () => {
    const events = collectDay(5, dayEnd);
    const logins = events.filter((event) => event.type === 'agent.login');
    expect(logins.length).toBe(10);
    expect(logins.every((event) => event.time === dayEnd - DAY)).toBe(true);
    const reasons = new Set(events.flatMap((event) => (event.type === 'agent.status' && event.kind === 'away' ? [event.reason] : [])));
    expect(reasons).toContain(AFTER_CONTACT_WORK_REASON);
    expect(reasons).toContain('Lunch');
    expect(events.every((event) => event.time >= dayEnd - DAY && event.time < dayEnd)).toBe(true);
    expect(timeOuts(events).length).toBeGreaterThan(0);
  });

  it('never assigns a conversation to an agent who is logged out or away, whatever the seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const events = collectDay(seed, dayEnd);
        expect(events.some((event) => event.type === 'conversation.assigned')).toBe(true);
        expect(assignmentsToUnavailableAgents(events)).toEqual([]);
      }),
      { numRuns: 4, seed: 20_260_310 },
    );
  });
});
