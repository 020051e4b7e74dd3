/**
 * Demand on each queue: whether it is open (its business hours, holidays and special dates in its
 * own time zone), how fast customers arrive (the local hour's curve, the weekday, a slow surge,
 * closed hours), the next arrival on the agenda, and the estimated wait a queue announces.
 */
import { HOURLY_CURVE, WEEKDAY_FACTOR } from '../catalog.js';
import { CHAT_MEAN_HANDLE, CLOSED_DEMAND, ESTIMATE_INTERVAL_MS, HOUR_MS, VOICE_MEAN_HANDLE } from './pacing.js';
import { emit, schedule } from './state.js';
import type { QueueState, SimState } from './state.js';

/** Whether the queue is within its business hours at `time` (exact in its zone, DST included; cached per queue). */
export function isOpen(queue: QueueState, time: number): boolean {
  return queue.hoursClock.stateAt(time).open;
}

/** Whether an outside-business-hours rule sends the queue's new traffic elsewhere while it is closed. */
export function overflowsWhenClosed(state: SimState, queue: QueueState): boolean {
  return queue.overflowRules.some((rule) => {
    if (rule.when !== 'outside_business_hours') return false;
    const target = state.queuesById.get(rule.targetQueueId);
    return target !== undefined && target !== queue;
  });
}

/**
 * Customers per second arriving at the queue at `time`; never above the queue's maxRate, which
 * thins the Poisson process. A closed queue takes none: the platform plays its closed message and
 * creates no conversation, unless an outside-hours rule sends its (fewer) night-time customers to
 * another queue (docs/decisions/0020-business-hours.md).
 */
export function arrivalRate(state: SimState, queue: QueueState, time: number): number {
  let open = 1;
  if (!isOpen(queue, time)) {
    if (!overflowsWhenClosed(state, queue)) return 0;
    open = CLOSED_DEMAND;
  }
  const local = queue.clock.localAt(time);
  const hours = local.msOfDay / HOUR_MS;
  const hour = Math.floor(hours);
  const from = HOURLY_CURVE[hour] ?? 0.3;
  const to = HOURLY_CURVE[(hour + 1) % 24] ?? 0.3;
  const curve = from + (to - from) * (hours - hour);
  const surge = 1 + queue.surgeAmplitude * Math.sin((2 * Math.PI * time) / queue.surgePeriodMs + queue.surgePhase);
  return queue.baseRate * state.settings.arrivalScale * curve * (WEEKDAY_FACTOR[local.weekday] ?? 1) * surge * open;
}

/** Puts the queue's next candidate arrival on the agenda, drawn at its maximum rate. */
export function scheduleNextArrival(state: SimState, queue: QueueState, from: number): void {
  if (queue.maxRate <= 0) return;
  schedule(state, from + state.random.exponential(1000 / queue.maxRate), { kind: 'arrival', queue });
}

/** Re-estimates the queue's wait from who is waiting and who is available, emits it when it changes, and schedules the next estimate. */
export function estimate(state: SimState, queue: QueueState): void {
  let slots = 0;
  for (const agent of queue.members) if (agent.loggedIn && agent.kind === 'available') slots += agent.slots / agent.queues.length;
  const meanHandle = queue.channel === 'chat' ? CHAT_MEAN_HANDLE : VOICE_MEAN_HANDLE;
  const seconds = queue.waiting.size === 0 ? 0 : Math.round(((queue.waiting.size + 1) * meanHandle) / Math.max(1, slots) / 5) * 5;
  if (seconds !== queue.estimatedWait) {
    queue.estimatedWait = seconds;
    queue.estimatedWaitAt = state.now;
    emit(state, { type: 'queue.estimated_wait', time: state.now, queueId: queue.id, seconds });
  }
  schedule(state, state.now + ESTIMATE_INTERVAL_MS, { kind: 'estimate', queue });
}
