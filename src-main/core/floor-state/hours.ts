/**
 * Whether a queue is open at a floor instant, for the tiles, panels, performance and Management,
 * through the cached clock of src-shared/business-hours.ts: one clock per schedule, reused until
 * the next change, so asking every queue on every diff costs a comparison (docs/decisions/0020).
 * A queue the feed has not configured yet is taken as always open: nothing is known to close it.
 */
import { createHoursClock, validateBusinessHours, type HoursClock, type QueueHoursState } from '../../../src-shared/business-hours.js';
import type { BusinessHours } from '../../../src-shared/protocol/events.js';
import { isValidTimeZone } from '../../../src-shared/time.js';
import type { QueueState } from './state.js';

export const ALWAYS_OPEN: QueueHoursState = Object.freeze({ open: true, alwaysOpen: true, changeAt: null, closedBy: null });

/** Clocks by schedule object: a queue.configured brings a new object, so a changed schedule gets a new clock. */
const clocks = new WeakMap<BusinessHours, HoursClock>();

/** The hours state of a queue at floor time `now`. */
export function queueHoursAt(queue: QueueState, now: number): QueueHoursState {
  if (!queue.configured) return ALWAYS_OPEN;
  const timeZone = isValidTimeZone(queue.timeZone) ? queue.timeZone : 'UTC';
  let clock = clocks.get(queue.businessHours);
  if (clock === undefined || clock.timeZone !== timeZone) {
    clock = createHoursClock(queue.businessHours, timeZone);
    clocks.set(queue.businessHours, clock);
  }
  return clock.stateAt(now);
}

/**
 * Several queues taken together (a group, a multi-queue panel): open while any member is open,
 * changing at the earliest member change, closed for the reason of the first member when all are.
 */
export function combinedHours(states: readonly QueueHoursState[]): QueueHoursState {
  const first = states[0];
  if (first === undefined) return ALWAYS_OPEN;
  if (states.length === 1) return first;
  let changeAt: number | null = null;
  for (const state of states) {
    if (state.changeAt !== null && (changeAt === null || state.changeAt < changeAt)) changeAt = state.changeAt;
  }
  const open = states.some((state) => state.open);
  return { open, alwaysOpen: states.every((state) => state.alwaysOpen), changeAt, closedBy: open ? null : first.closedBy };
}

/** Why business hours cannot be applied as given (overlapping windows, a bad date…), or null. */
export function businessHoursProblem(hours: BusinessHours): string | null {
  return validateBusinessHours(hours);
}
