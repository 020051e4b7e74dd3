/** Overview tiles: a queue's configuration, its metrics and its breaches, as the UI shows them. */
import type { QueueTile } from '../../../src-shared/api/live.js';
import { isValidTimeZone, startOfDayInZone } from '../../../src-shared/time.js';
import { evaluateBreaches } from './breaches.js';
import { queueMetrics } from './metrics.js';
import type { LiveState } from './state.js';

/**
 * The tile of one queue at floor time `now`.
 *
 * Throws for a queue the state does not know: callers build tiles from state.queues or from the
 * changed-queue set of the same state, so an unknown id is a wiring mistake worth hearing about.
 */
export function buildQueueTile(state: LiveState, queueId: string, now: number): QueueTile {
  const queue = state.queues.get(queueId);
  if (!queue) throw new Error(`No queue ${queueId} in the live state`);
  const metrics = queueMetrics(state, queueId, now);
  const counters = state.today.get(queueId);
  const dayStart = counters !== undefined && now < counters.nextDayStart ? counters.dayStart : startOfDayInZone(now, isValidTimeZone(queue.timeZone) ? queue.timeZone : 'UTC');
  return {
    queueId: queue.queueId,
    name: queue.name,
    channel: queue.channel,
    timeZone: queue.timeZone,
    serviceLevelTargetSec: queue.serviceLevelTargetSec,
    thresholds: queue.thresholds,
    mitigation: queue.mitigation,
    overflowRules: queue.overflowRules,
    metrics,
    breaches: evaluateBreaches(metrics, queue.thresholds),
    dayStart,
    todaySince: Math.max(dayStart, state.observedSince),
  };
}

/** Tiles of every queue, sorted by name (then id, so equal names keep a stable order). */
export function buildOverview(state: LiveState, now: number): QueueTile[] {
  const tiles = [...state.queues.keys()].map((queueId) => buildQueueTile(state, queueId, now));
  return tiles.sort((a, b) => a.name.localeCompare(b.name) || (a.queueId < b.queueId ? -1 : a.queueId > b.queueId ? 1 : 0));
}
