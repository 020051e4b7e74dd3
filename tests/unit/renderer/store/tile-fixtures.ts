import type { QueueTile } from '../../../../src-shared/api/live.js';
import { emptyMetricValues } from '../../../../src-shared/metrics/dictionary.js';
import type { MetricId } from '../../../../src-shared/metrics/dictionary.js';

/** A plausible tile; every call builds fresh objects so identity checks mean something. */
export function tile(queueId: string, name: string, metrics: Partial<Record<MetricId, number | null>> = {}): QueueTile {
  return {
    queueId,
    name,
    channel: 'chat',
    timeZone: 'Europe/Paris',
    serviceLevelTargetSec: 60,
    thresholds: { queuedLow: 5, queuedHigh: 10, longestWaitSec: 120, ahtSec: 600, firstResponseSec: 60, serviceLevelPct: 80, abandonRatePct: 5 },
    mitigation: { state: 'normal' },
    overflowRules: [],
    metrics: { ...emptyMetricValues(), queued: 0, ...metrics },
    breaches: [],
    dayStart: Date.UTC(2026, 10, 23, 23),
    todaySince: Date.UTC(2026, 10, 23, 23),
    hours: { open: true, alwaysOpen: true, changeAt: null, closedBy: null },
  };
}
