/**
 * The supervisor commands that change a queue's settings: its business hours (the queue opens or
 * closes on the new schedule at once; customers already waiting are still served) and its
 * thresholds (fixed from then on, no longer sized from the queue's staffing). Both answer with
 * the queue's configuration again, as the feed announces any change of settings.
 */
import { createHoursClock, validateBusinessHours } from '../../../src-shared/business-hours.js';
import type { FeedCommand } from '../../../src-shared/protocol/frames.js';
import { configuredEvent } from './snapshot.js';
import { emit } from './state.js';
import type { QueueState, SimState } from './state.js';

type Command<T extends FeedCommand['type']> = Extract<FeedCommand, { type: T }>;

/** Replaces the queue's business hours, or refuses a schedule the console would refuse too (with the same reason). */
export function setBusinessHours(state: SimState, queue: QueueState, command: Command<'queue.set_business_hours'>): string | undefined {
  const refusal = validateBusinessHours(command.businessHours);
  if (refusal !== null) return refusal;
  const { windows, holidays, special, closedMessage } = command.businessHours;
  queue.businessHours = {
    windows: windows.map((window) => ({ day: window.day, openMinute: window.openMinute, closeMinute: window.closeMinute })),
    holidays: [...holidays],
    ...(special === undefined ? {} : { special: special.map((entry) => ({ date: entry.date, windows: entry.windows.map((window) => ({ ...window })) })) }),
    ...(closedMessage === undefined ? {} : { closedMessage }),
  };
  queue.hoursClock = createHoursClock(queue.businessHours, queue.timeZone);
  reconfigured(state, queue);
  return undefined;
}

/** Sets the queue's thresholds; the roster no longer recomputes them when its staffing changes. */
export function setThresholds(state: SimState, queue: QueueState, command: Command<'queue.set_thresholds'>): string | undefined {
  queue.thresholds = { ...command.thresholds };
  queue.thresholdsFixed = true;
  reconfigured(state, queue);
  return undefined;
}

function reconfigured(state: SimState, queue: QueueState): void {
  queue.configuredAt = state.now;
  emit(state, configuredEvent(queue, state.now));
}
