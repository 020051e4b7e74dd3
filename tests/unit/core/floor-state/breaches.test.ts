import { describe, expect, it } from 'vitest';
import { emptyMetricValues } from '../../../../src-shared/metrics/dictionary.js';
import type { MetricId } from '../../../../src-shared/metrics/dictionary.js';
import { evaluateBreaches } from '../../../../src-main/core/floor-state/breaches.js';
import { THRESHOLDS } from './floor-script.js';

// THRESHOLDS: queuedLow 3, queuedHigh 6, longestWaitSec 90, ahtSec 300, firstResponseSec 30, serviceLevelPct 80, abandonRatePct 10.
function breachesOf(values: Partial<Record<MetricId, number | null>>) {
  return evaluateBreaches({ ...emptyMetricValues(), ...values }, THRESHOLDS);
}

describe('evaluateBreaches', () => {
  it.each([
    [{ queued: 0 }, []],
    [{ queued: 2 }, []],
    [{ queued: 3 }, [{ metricId: 'queued', severity: 'warning' }]],
    [{ queued: 5 }, [{ metricId: 'queued', severity: 'warning' }]],
    [{ queued: 6 }, [{ metricId: 'queued', severity: 'critical' }]],
    [{ queued: 60 }, [{ metricId: 'queued', severity: 'critical' }]],
    [{ longestWaitSec: 90 }, []],
    [{ longestWaitSec: 90.5 }, [{ metricId: 'longestWaitSec', severity: 'warning' }]],
    [{ ahtNowSec: 301 }, [{ metricId: 'ahtNowSec', severity: 'warning' }]],
    [{ ahtNowSec: 300 }, []],
    [{ avgFirstResponseTimeSec: 31 }, [{ metricId: 'avgFirstResponseTimeSec', severity: 'warning' }]],
    [{ abandonRatePct: 10 }, []],
    [{ abandonRatePct: 12 }, [{ metricId: 'abandonRatePct', severity: 'warning' }]],
    [{ serviceLevelPct: 80 }, []],
    [{ serviceLevelPct: 79.9 }, [{ metricId: 'serviceLevelPct', severity: 'warning' }]],
    [{ serviceLevelPct: null, ahtNowSec: null, abandonRatePct: null }, []],
  ])('%j → %j', (values, expected) => {
    expect(breachesOf(values)).toEqual(expected);
  });

  it('reports several breaches in dictionary order', () => {
    expect(breachesOf({ serviceLevelPct: 50, queued: 7, longestWaitSec: 200 }).map((breach) => breach.metricId)).toEqual(['queued', 'longestWaitSec', 'serviceLevelPct']);
  });

  it('clears a breach as soon as the metric recovers (no memory between calls)', () => {
    expect(breachesOf({ queued: 4 })).toHaveLength(1);
    expect(breachesOf({ queued: 1 })).toHaveLength(0);
  });

  it('does not light up an idle queue when the low threshold is 0', () => {
    expect(evaluateBreaches({ ...emptyMetricValues(), queued: 0 }, { ...THRESHOLDS, queuedLow: 0 })).toEqual([]);
    expect(evaluateBreaches({ ...emptyMetricValues(), queued: 1 }, { ...THRESHOLDS, queuedLow: 0 })).toEqual([{ metricId: 'queued', severity: 'warning' }]);
  });
});
