/**
 * The figures of Historical Insights as values and as sentences: a cell is computed from its
 * numerator and denominator the same way everywhere (engine, exports, tests), and explains itself
 * with its actual inputs ("412 answered within target of 463 eligible").
 */
import type { InsightCell, InsightMetric } from '../api/insights.js';
import { metricInfo } from './metric-catalogue.js';

/** Formats a number for a sentence; the renderer passes its locale's formatter. */
export type NumberFormatter = (value: number) => string;

const plainNumber: NumberFormatter = (value) => (Number.isInteger(value) ? String(value) : String(Math.round(value * 10) / 10));

/** A cell with no input: unknown, never 0. */
export const UNKNOWN_CELL: InsightCell = Object.freeze({ value: null, numerator: null, denominator: null });

/**
 * Builds a metric's cell from its inputs. A count is its numerator; a rate, a mean or a ratio is
 * numerator / denominator, unknown (null) when the denominator is 0. Numerators of means are in
 * the metric's unit (seconds, hours, points), so value = numerator / denominator for all of them.
 */
export function cellOf(metric: InsightMetric, numerator: number | null, denominator: number | null): InsightCell {
  if (numerator === null) return UNKNOWN_CELL;
  const info = metricInfo(metric);
  if (info.denominatorText === null) return { value: numerator, numerator, denominator: null };
  if (denominator === null || denominator === 0) return { value: null, numerator, denominator: denominator ?? null };
  return { value: numerator / denominator, numerator, denominator };
}

/**
 * The sentence of a cell's inputs: "412 answered within target of 463 eligible", "3,600 s handled
 * in all over 12 handled", "Not known: nothing in the range could give this figure."
 */
export function explainCell(metric: InsightMetric, cell: InsightCell, format: NumberFormatter = plainNumber): string {
  const info = metricInfo(metric);
  if (cell.numerator === null) return 'Not known: the cache holds nothing in this range that could give this figure.';
  const numerator = `${format(cell.numerator)} ${info.numeratorText}`;
  if (info.denominatorText === null) return numerator;
  if (cell.denominator === null || cell.denominator === 0) return `Not known: 0 ${info.denominatorText} in this range.`;
  const joiner = info.unit === 'rate' ? 'of' : 'over';
  return `${numerator} ${joiner} ${format(cell.denominator)} ${info.denominatorText}`;
}
