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
