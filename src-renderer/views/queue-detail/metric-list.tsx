/**
 * A list of metrics, each number a button that opens its explanation (definition, formula, the
 * actual inputs, what is behind it; components/explain-figure.tsx), with the same breach marks as
 * the overview tiles: colour, a shape, and words.
 */
import { memo } from 'react';
import type { Breach } from '../../../src-shared/api/live.js';
import type { MetricId, MetricValues } from '../../../src-shared/metrics/dictionary.js';
import { metricDefinition } from '../../../src-shared/metrics/dictionary.js';
import { FigureButton, type ExplainScope } from '../../components/explain-figure.js';
import { breachesByMetric, formatMetricValue, metricExplanation } from '../../format/metric-format.js';
import { useT } from '../../i18n/translate.js';

const t = useT('queue-detail');

export const MetricList = memo(function MetricList({
  metricIds,
  metrics,
  breaches,
  label,
  testId,
  scope,
  scopeName,
}: {
  readonly metricIds: readonly MetricId[];
  readonly metrics: MetricValues;
  readonly breaches: readonly Breach[];
  readonly label: string;
  readonly testId: string;
  /** What the figures describe, for their explanations. */
  readonly scope: ExplainScope;
  /** The queue's or group's name, for the explanation's title. */
  readonly scopeName: string;
}) {
  const worst = breachesByMetric(breaches);
  return (
    <dl className="detail-metrics" aria-label={label} data-testid={testId}>
      {metricIds.map((metricId) => {
        const severity = worst.get(metricId) ?? null;
        const explanation = metricExplanation(metricId, severity);
        const value = metrics[metricId] ?? null;
        return (
          <div key={metricId} className={severity === null ? 'detail-metric' : `detail-metric is-${severity}`} data-severity={severity ?? 'none'}>
            <dt className="detail-metric__label">{metricDefinition(metricId).label}</dt>
            <dd className="detail-metric__value">
              <FigureButton scope={scope} figure={{ metricId, value }} title={scopeName} severity={severity} tooltip={`${explanation}\n(Opens its inputs)`} testId={`metric-${metricId}`}>
                {severity === null ? null : <span className={`breach-icon breach-icon--${severity}`} aria-hidden="true" />}
                {formatMetricValue(metricId, value)}
                {severity === null ? null : <span className="detail-metric__breach">{severity === 'critical' ? t('critical') : t('warning')}</span>}
              </FigureButton>
            </dd>
          </div>
        );
      })}
    </dl>
  );
});
