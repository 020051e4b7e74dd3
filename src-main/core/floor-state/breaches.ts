/**
 * Which metrics of a queue are past their thresholds.
 *
 * Stateless on purpose: evaluated on every tile build, so a highlight lasts exactly as long as the
 * metric is past its threshold and clears by itself when it recovers.
 */
import type { Breach } from '../../../src-shared/api/live.js';
import type { MetricId, MetricValues } from '../../../src-shared/metrics/dictionary.js';
import type { Thresholds } from '../../../src-shared/protocol/events.js';

/** Metrics that breach when they rise above a threshold (warning only). */
const UPPER_LIMITS: readonly (readonly [MetricId, keyof Thresholds])[] = [
  ['longestWaitSec', 'longestWaitSec'],
  ['ahtNowSec', 'ahtSec'],
  ['avgFirstResponseTimeSec', 'firstResponseSec'],
  ['abandonRatePct', 'abandonRatePct'],
];

/**
 * The breaches of one queue's metrics, in dictionary order.
 *
 * Queued has two severities (low → warning, high → critical) because they unlock mitigation; an
 * empty queue never breaches, so a threshold of 0 does not light up an idle tile. Service level
 * breaches when it falls below its target. Missing values (null) never breach.
 */
export function evaluateBreaches(metrics: MetricValues, thresholds: Thresholds): Breach[] {
  const breaches: Breach[] = [];
  const queued = metrics.queued;
  if (queued !== null && queued > 0) {
    if (queued >= thresholds.queuedHigh) breaches.push({ metricId: 'queued', severity: 'critical' });
    else if (queued >= thresholds.queuedLow) breaches.push({ metricId: 'queued', severity: 'warning' });
  }
  for (const [metricId, threshold] of UPPER_LIMITS) {
    const value = metrics[metricId];
    if (value !== null && value > thresholds[threshold]) breaches.push({ metricId, severity: 'warning' });
  }
  const serviceLevel = metrics.serviceLevelPct;
  if (serviceLevel !== null && serviceLevel < thresholds.serviceLevelPct) breaches.push({ metricId: 'serviceLevelPct', severity: 'warning' });
  return breaches;
}

/**
 * The thresholds of a queue group, from its members' thresholds.
 *
 * Queued is a count that adds up over the members, so its limits add up too; every other metric
 * is a time or a rate of the merged queues, judged by the strictest member limit (the lowest
 * ceiling, the highest service-level floor), so a group never looks healthier than the strictest
 * queue in it would want. An empty list yields the defaults of an unconfigured queue's shape: zeros.
 */
export function groupThresholds(members: readonly Thresholds[]): Thresholds {
  const first = members[0];
  if (first === undefined) return { queuedLow: 0, queuedHigh: 0, longestWaitSec: 0, ahtSec: 0, firstResponseSec: 0, serviceLevelPct: 0, abandonRatePct: 0 };
  const result = { ...first };
  for (const member of members.slice(1)) {
    result.queuedLow += member.queuedLow;
    result.queuedHigh += member.queuedHigh;
    result.longestWaitSec = Math.min(result.longestWaitSec, member.longestWaitSec);
    result.ahtSec = Math.min(result.ahtSec, member.ahtSec);
    result.firstResponseSec = Math.min(result.firstResponseSec, member.firstResponseSec);
    result.serviceLevelPct = Math.max(result.serviceLevelPct, member.serviceLevelPct);
    result.abandonRatePct = Math.min(result.abandonRatePct, member.abandonRatePct);
  }
  return result;
}
