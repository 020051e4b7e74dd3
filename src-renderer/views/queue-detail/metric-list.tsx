/**
 * A list of metrics, each number a link to its dictionary entry, with the same breach marks as the
 * overview tiles: colour, a shape, and words.
 */
import { memo } from 'react';
import type { Breach } from '../../../src-shared/api/live.js';
import type { MetricId, MetricValues } from '../../../src-shared/metrics/dictionary.js';
import { metricDefinition } from '../../../src-shared/metrics/dictionary.js';
import { breachesByMetric, formatMetricValue, metricExplanation } from '../../format/metric-format.js';
import { formatRoute } from '../../shell/router.js';

export const MetricList = memo(function MetricList({
  metricIds,
  metrics,
  breaches,
  label,
  testId,
}: {
  readonly metricIds: readonly MetricId[];
  readonly metrics: MetricValues;
  readonly breaches: readonly Breach[];
  readonly label: string;
  readonly testId: string;
}) {
  const worst = breachesByMetric(breaches);
  return (
    <dl className="detail-metrics" aria-label={label} data-testid={testId}>
      {metricIds.map((metricId) => {
        const severity = worst.get(metricId) ?? null;
        const explanation = metricExplanation(metricId, severity);
        return (
          <div key={metricId} className={severity === null ? 'detail-metric' : `detail-metric is-${severity}`} data-severity={severity ?? 'none'}>
            <dt className="detail-metric__label">{metricDefinition(metricId).label}</dt>
            <dd className="detail-metric__value">
              <a href={formatRoute({ view: 'dictionary', metricId })} title={`${explanation}\n(Opens the data dictionary)`} data-metric={metricId} data-testid={`metric-${metricId}`}>
                {severity === null ? null : <span className={`breach-icon breach-icon--${severity}`} aria-hidden="true" />}
                {formatMetricValue(metricId, metrics[metricId] ?? null)}
                {severity === null ? null : <span className="detail-metric__breach">{severity === 'critical' ? 'Critical' : 'Warning'}</span>}
              </a>
            </dd>
          </div>
        );
      })}
    </dl>
  );
});
