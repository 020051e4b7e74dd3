/**
 * Whether a queue is open at a floor instant, for the tiles, panels, performance and Management,
 * through the cached clock of src-shared/business-hours.ts: one clock per schedule, reused until
 * the next change, so asking every queue on every diff costs a comparison (docs/decisions/0020).
 * A queue the feed has not configured yet is taken as always open: nothing is known to close it.
 */
import { createHoursClock, hoursStateAt, validateBusinessHours, type HoursClock, type QueueHoursState } from '../../../src-shared/business-hours.js';
import type { BusinessHours } from '../../../src-shared/protocol/events.js';
import { isValidTimeZone } from '../../../src-shared/time.js';
import type { QueueState } from './state.js';

export const ALWAYS_OPEN: QueueHoursState = Object.freeze({ open: true, alwaysOpen: true, changeAt: null, closedBy: null });

/** Clocks by schedule object: a queue.configured brings a new object, so a changed schedule gets a new clock. */
const clocks = new WeakMap<BusinessHours, HoursClock>();

function zoneOf(queue: QueueState): string {
  return isValidTimeZone(queue.timeZone) ? queue.timeZone : 'UTC';
}

/** The hours state of a queue at floor time `now`. */
export function queueHoursAt(queue: QueueState, now: number): QueueHoursState {
  if (!queue.configured) return ALWAYS_OPEN;
  const timeZone = zoneOf(queue);
  let clock = clocks.get(queue.businessHours);
  if (clock === undefined || clock.timeZone !== timeZone) {
    clock = createHoursClock(queue.businessHours, timeZone);
    clocks.set(queue.businessHours, clock);
  }
  return clock.stateAt(now);
}

/** A queue's state at a later instant, without moving its cached clock (which serves the present). */
function queueHoursAhead(queue: QueueState, at: number): QueueHoursState {
  return queue.configured ? hoursStateAt(queue.businessHours, zoneOf(queue), at) : ALWAYS_OPEN;
}

/** How many member changes a group's next change is looked for across before it is left unknown. */
const GROUP_CHANGE_STEPS = 32;

/**
 * Several queues taken together (a group, a multi-queue panel): open while any member is open. Its
 * next change is when that stops being so: while open, the instant every member is closed at once
 * (a member opening before the others close keeps the group open); while closed, the first member
 * to open. Closed for the reason of the first member when all are.
 */
export function combinedHours(queues: readonly QueueState[], now: number): QueueHoursState {
  const states = queues.map((queue) => queueHoursAt(queue, now));
  const first = states[0];
  if (first === undefined) return ALWAYS_OPEN;
  if (states.length === 1) return first;
  const open = states.some((state) => state.open);
  const alwaysOpen = states.every((state) => state.alwaysOpen);
  if (!open) return { open, alwaysOpen, changeAt: earliest(states), closedBy: first.closedBy };
  // The answer holds until a member changes: look ahead once per member change, not per diff.
  const key = queues.map((queue) => queue.queueId).join('\n');
  const validUntil = earliest(states) ?? Number.POSITIVE_INFINITY;
  const cached = groupAnswers.get(key);
  if (cached && now >= cached.from && now < cached.until && cached.schedules.every((hours, index) => queues[index]?.businessHours === hours)) return cached.state;
  const state: QueueHoursState = { open, alwaysOpen, changeAt: allClosedAt(queues, states), closedBy: null };
  if (groupAnswers.size > 1_000) groupAnswers.clear();
  groupAnswers.set(key, { from: now, until: validUntil, schedules: queues.map((queue) => queue.businessHours), state });
  return state;
}

interface GroupAnswer {
  readonly from: number;
  readonly until: number;
  readonly schedules: readonly BusinessHours[];
  readonly state: QueueHoursState;
}

/** Open groups' next change by their member queues, valid until a member changes. */
const groupAnswers = new Map<string, GroupAnswer>();

function earliest(states: readonly QueueHoursState[]): number | null {
  let changeAt: number | null = null;
  for (const state of states) {
    if (state.changeAt !== null && (changeAt === null || state.changeAt < changeAt)) changeAt = state.changeAt;
  }
  return changeAt;
}

/** The first instant after an open moment at which every member is closed; null when none is in sight. */
function allClosedAt(queues: readonly QueueState[], states: readonly QueueHoursState[]): number | null {
  let current = states;
  for (let step = 0; step < GROUP_CHANGE_STEPS; step += 1) {
    // The group stays open at least until its last open member closes.
    let candidate = 0;
    for (const state of current) {
      if (!state.open) continue;
      if (state.changeAt === null) return null;
      candidate = Math.max(candidate, state.changeAt);
    }
    current = queues.map((queue) => queueHoursAhead(queue, candidate));
    if (!current.some((state) => state.open)) return candidate;
  }
  return null;
}

/** Why business hours cannot be applied as given (overlapping windows, a bad date…), or null. */
export function businessHoursProblem(hours: BusinessHours): string | null {
  return validateBusinessHours(hours);
}
