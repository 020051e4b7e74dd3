/**
 * What the explain panel says about a metric: its definition, formula and what other tools call
 * or count differently. The words come from the shared metric catalogue (src-shared/insights/),
 * the one text the engine, the exports and this view read.
 */
import type { InsightMetric } from '../../../src-shared/api/insights.js';
import { metricInfo } from '../../../src-shared/insights/metric-catalogue.js';

export interface MetricExplanation {
  readonly definition: string;
  readonly formula: string;
  readonly alternatives: readonly string[];
}

/** The explanation of a metric, as the catalogue words it. */
export function metricExplanation(metric: InsightMetric): MetricExplanation {
  const info = metricInfo(metric);
  return { definition: info.definition, formula: info.formula, alternatives: info.alternatives === null ? [] : [info.alternatives] };
}
