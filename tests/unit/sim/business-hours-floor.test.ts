/**
 * The simulated floor keeps each queue's business hours exactly, in the queue's own zone: a
 * closed queue takes no conversations unless an outside-hours rule sends them elsewhere, customers
 * already waiting are still served, holidays and special dates apply, and a window opening in the
 * hour skipped by spring forward opens after the gap. Driven through the floor's public surface
 * with fixed floor times (no wall clock).
 */
import { describe, expect, it } from 'vitest';
import type { BusinessHours, FloorEventInput } from '../../../src-shared/protocol/events.js';
import type { FeedCommand } from '../../../src-shared/protocol/frames.js';
import { createFloor } from '../../../src-main/sim/floor.js';
import type { Floor } from '../../../src-main/sim/floor.js';

const MINUTE = 60_000;

function floorAt(startTime: number, arrivalScale = 3): Floor {
  const floor = createFloor({ seed: 11, startTime, warmupMs: 0, arrivalScale });
  floor.advanceTo(startTime);
  return floor;
}

/** Runs the floor to `until` in small steps (as the feed does) and returns what happened. */
function runTo(floor: Floor, until: number): FloorEventInput[] {
  const events: FloorEventInput[] = [];
  for (let time = floor.now() + 30_000; time < until; time += 30_000) events.push(...floor.advanceTo(time));
  events.push(...floor.advanceTo(until));
  return events;
}

function apply(floor: Floor, command: FeedCommand): FloorEventInput[] {
  const outcome = floor.applyCommand(command, floor.now());
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome.events;
}

function createdTimes(events: readonly FloorEventInput[], queueId: string): number[] {
  return events.flatMap((event) => (event.type === 'conversation.created' && event.queueId === queueId ? [event.time] : []));
}

describe('simulated floor: business hours', () => {
  it('a queue closes at its closing minute in its own zone and takes no conversations while closed without a rule', () => {
    // Sales (America/Los_Angeles, weekdays 08:00–20:00): Tuesday 10 March 2026, 19:40 PDT.
    const start = Date.parse('2026-03-11T02:40:00Z');
    const closing = Date.parse('2026-03-11T03:00:00Z');
    const floor = floorAt(start);
    const events = runTo(floor, closing + 20 * MINUTE);
    const created = createdTimes(events, 'q-sales');
    expect(created.some((time) => time < closing)).toBe(true);
    expect(created.filter((time) => time >= closing)).toEqual([]);
    // A queue still open (Mobile App, always open) goes on taking conversations.
    expect(createdTimes(events, 'q-mobile-app').some((time) => time >= closing)).toBe(true);
  });

  it('reopens at its opening minute, on a schedule changed while it runs', () => {
    const start = Date.parse('2026-03-11T02:50:00Z'); // Tuesday 19:50 PDT
    const reopening = Date.parse('2026-03-11T03:10:00Z'); // 20:10 PDT
    const floor = floorAt(start);
    const hours: BusinessHours = {
      windows: [{ day: 2, openMinute: 8 * 60, closeMinute: 20 * 60 }, { day: 2, openMinute: 20 * 60 + 10, closeMinute: 23 * 60 }],
      holidays: [],
    };
    const reply = apply(floor, { type: 'queue.set_business_hours', queueId: 'q-sales', businessHours: hours });
    expect(reply).toContainEqual(expect.objectContaining({ type: 'queue.configured', queueId: 'q-sales', time: start, businessHours: hours }));
    const created = createdTimes(runTo(floor, reopening + 20 * MINUTE), 'q-sales');
    expect(created.filter((time) => time >= start + 10 * MINUTE && time < reopening)).toEqual([]);
    expect(created.some((time) => time >= reopening)).toBe(true);
    // The snapshot announces the new hours too.
    expect(floor.snapshotEvents()).toContainEqual(expect.objectContaining({ type: 'queue.configured', queueId: 'q-sales', businessHours: hours }));
  });

  it('customers waiting at closing time are still served', () => {
    const start = Date.parse('2026-03-11T02:30:00Z'); // Tuesday 19:30 PDT
    const closing = Date.parse('2026-03-11T03:00:00Z');
    const floor = floorAt(start, 4);
    const members = floor.agents.filter((agent) => agent.queueIds.includes('q-sales')).map((agent) => agent.agentId);
    for (const agentId of members) apply(floor, { type: 'agent.set_status', agentId, kind: 'away', reason: 'Meeting' });
    const before = runTo(floor, closing + MINUTE);
    const queued = new Set(before.flatMap((event) => (event.type === 'conversation.queued' && event.queueId === 'q-sales' ? [event.conversationId] : [])));
    const gone = new Set(before.flatMap((event) => (event.type === 'conversation.abandoned' || event.type === 'conversation.transferred' ? [event.conversationId] : [])));
    const waiting = [...queued].filter((conversationId) => !gone.has(conversationId));
    expect(waiting.length).toBeGreaterThan(0);
    for (const agentId of members) apply(floor, { type: 'agent.set_status', agentId, kind: 'available', reason: 'Available' });
    const after = runTo(floor, closing + 10 * MINUTE);
    const assigned = after.filter((event) => event.type === 'conversation.assigned' && event.queueId === 'q-sales' && waiting.includes(event.conversationId));
    expect(assigned.length).toBeGreaterThan(0);
    expect(createdTimes(after, 'q-sales')).toEqual([]);
  });

  it('with an outside-hours rule, new traffic of the closed queue goes to the rule target', () => {
    const start = Date.parse('2026-03-11T03:00:00Z'); // Tuesday 20:00 PDT: Sales has just closed
    const floor = floorAt(start, 6);
    apply(floor, { type: 'queue.set_overflow_rules', queueId: 'q-sales', rules: [{ ruleId: 'night', when: 'outside_business_hours', targetQueueId: 'q-mobile-app' }] });
    const events = runTo(floor, start + 30 * MINUTE);
    const arrived = new Set(events.flatMap((event) => (event.type === 'conversation.created' && event.queueId === 'q-sales' ? [event.conversationId] : [])));
    expect(arrived.size).toBeGreaterThan(0);
    const queued = events.filter((event) => event.type === 'conversation.queued' && arrived.has(event.conversationId));
    expect(queued.length).toBeGreaterThan(0);
    expect(queued.every((event) => event.type === 'conversation.queued' && event.queueId === 'q-mobile-app')).toBe(true);
    expect(events.some((event) => event.type === 'conversation.queued' && event.queueId === 'q-sales')).toBe(false);
  });

  it('a holiday closes the queue for the whole local day', () => {
    // Billing (America/New_York): open around the clock, then 11 March 2026 a holiday; 23:40 EDT on the 10th.
    const start = Date.parse('2026-03-11T03:40:00Z');
    const midnight = Date.parse('2026-03-11T04:00:00Z');
    const floor = floorAt(start, 4);
    const allDay = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, openMinute: 0, closeMinute: 1440 }));
    apply(floor, { type: 'queue.set_business_hours', queueId: 'q-billing', businessHours: { windows: allDay, holidays: ['2026-03-11'] } });
    const created = createdTimes(runTo(floor, midnight + 30 * MINUTE), 'q-billing');
    expect(created.some((time) => time < midnight)).toBe(true);
    expect(created.filter((time) => time >= midnight)).toEqual([]);
    // ...and at its end, 23:40 EDT on the 11th, it opens again at midnight.
    const lateStart = Date.parse('2026-03-12T03:40:00Z');
    const nextMidnight = Date.parse('2026-03-12T04:00:00Z');
    const later = floorAt(lateStart, 4);
    apply(later, { type: 'queue.set_business_hours', queueId: 'q-billing', businessHours: { windows: allDay, holidays: ['2026-03-11'] } });
    const createdLater = createdTimes(runTo(later, nextMidnight + 30 * MINUTE), 'q-billing');
    expect(createdLater.filter((time) => time < nextMidnight)).toEqual([]);
    expect(createdLater.some((time) => time >= nextMidnight)).toBe(true);
  });

  it('special hours replace the week for their date', () => {
    // Sales on Tuesday 10 March 2026 opens only 10:00–10:30 PDT (17:00–17:30Z) instead of 08:00–20:00.
    const start = Date.parse('2026-03-10T16:45:00Z');
    const opens = Date.parse('2026-03-10T17:00:00Z');
    const closes = Date.parse('2026-03-10T17:30:00Z');
    const floor = floorAt(start, 4);
    const weekdays = [1, 2, 3, 4, 5].map((day) => ({ day, openMinute: 8 * 60, closeMinute: 20 * 60 }));
    apply(floor, {
      type: 'queue.set_business_hours',
      queueId: 'q-sales',
      businessHours: { windows: weekdays, holidays: [], special: [{ date: '2026-03-10', windows: [{ openMinute: 600, closeMinute: 630 }] }] },
    });
    const created = createdTimes(runTo(floor, closes + 15 * MINUTE), 'q-sales');
    expect(created.filter((time) => time < opens || time >= closes)).toEqual([]);
    expect(created.length).toBeGreaterThan(0);
  });

  it('on the spring-forward day a window opening at 02:30 opens at 03:00', () => {
    // Sunday 8 March 2026 in New York: 02:00 EST jumps to 03:00 EDT at 07:00Z.
    const start = Date.parse('2026-03-08T06:30:00Z'); // 01:30 EST
    const gapEnd = Date.parse('2026-03-08T07:00:00Z');
    const floor = floorAt(start, 8);
    apply(floor, { type: 'queue.set_business_hours', queueId: 'q-billing', businessHours: { windows: [{ day: 0, openMinute: 150, closeMinute: 600 }], holidays: [] } });
    const created = createdTimes(runTo(floor, gapEnd + 30 * MINUTE), 'q-billing');
    expect(created.filter((time) => time < gapEnd)).toEqual([]);
    expect(created.some((time) => time >= gapEnd)).toBe(true);
  });

  it('on the fall-back day a window closing at 01:30 closes at the first 01:30 and stays closed through the repeated hour', () => {
    // Sunday 1 November 2026 in New York: 02:00 EDT falls back to 01:00 EST at 06:00Z; 01:30 occurs at 05:30Z and 06:30Z.
    const start = Date.parse('2026-11-01T05:00:00Z'); // 01:00 EDT
    const firstHalfPast = Date.parse('2026-11-01T05:30:00Z');
    const floor = floorAt(start, 8);
    apply(floor, { type: 'queue.set_business_hours', queueId: 'q-billing', businessHours: { windows: [{ day: 0, openMinute: 0, closeMinute: 90 }], holidays: [] } });
    const created = createdTimes(runTo(floor, firstHalfPast + 75 * MINUTE), 'q-billing');
    expect(created.some((time) => time < firstHalfPast)).toBe(true);
    expect(created.filter((time) => time >= firstHalfPast)).toEqual([]);
  });

  it('refuses a schedule the console would refuse, with the same reason, and changes nothing', () => {
    const floor = floorAt(Date.parse('2026-03-10T17:00:00Z'));
    const overlapping: BusinessHours = { windows: [{ day: 1, openMinute: 480, closeMinute: 1020 }, { day: 1, openMinute: 720, closeMinute: 1200 }], holidays: [] };
    expect(floor.applyCommand({ type: 'queue.set_business_hours', queueId: 'q-sales', businessHours: overlapping }, floor.now())).toEqual({
      ok: false,
      reason: 'Windows overlap: Monday 08:00–17:00 and Monday 12:00–20:00.',
    });
    expect(floor.applyCommand({ type: 'queue.set_business_hours', queueId: 'q-nowhere', businessHours: { windows: [], holidays: [] } }, floor.now())).toEqual({
      ok: false,
      reason: 'unknown queue q-nowhere',
    });
  });

  it('set thresholds: the queue is configured again with them', () => {
    const floor = floorAt(Date.parse('2026-03-10T17:00:00Z'));
    const thresholds = { queuedLow: 2, queuedHigh: 5, longestWaitSec: 60, ahtSec: 300, firstResponseSec: 20, serviceLevelPct: 90, abandonRatePct: 5 };
    const events = apply(floor, { type: 'queue.set_thresholds', queueId: 'q-billing', thresholds });
    expect(events).toContainEqual(expect.objectContaining({ type: 'queue.configured', queueId: 'q-billing', thresholds }));
    expect(floor.snapshotEvents()).toContainEqual(expect.objectContaining({ type: 'queue.configured', queueId: 'q-billing', thresholds }));
  });
});
