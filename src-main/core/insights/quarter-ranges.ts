/**
 * The quarter ranges a read of pre-summed rows folds, and their cut into the longest rows that
 * fit: one implementation for agent time (docs/decisions/0044-agent-time-sums.md) and the
 * conversation sums (docs/decisions/0050-insight-sum-levels.md).
 */
import type { InsightDimension } from '../../../src-shared/api/insights.js';
import { QUARTER_MS } from '../../../src-shared/insights/time-range.js';
import { AGENT_TIME_SPANS } from './migrations/0220-agent-time-sums.js';

/**
 * The quarters a read folds together, as [first quarter, quarter after the last, raw key]: one
 * range for a breakdown without time (key −1), one per local interval (key: its first quarter),
 * or one per quarter. SQLite sums the rows of each range, so a widget reads a row per member
 * instead of a row per quarter.
 */
export type QuarterRanges = readonly (readonly [from: number, to: number, key: number])[];

/** What the ranges of a read depend on: its range, breakdowns and the local intervals' starts. */
export interface RangeShape {
  readonly from: number;
  readonly to: number;
  readonly dimension: InsightDimension;
  readonly split: InsightDimension | null;
  readonly intervalStarts?: readonly number[];
}

/**
 * The whole range without a time breakdown (byQuarter false), each local interval for an interval
 * breakdown whose starts are on quarters (for the hour of week, the engine gives the local hours'
 * starts), else each quarter. A range's key is the quarter the
 * engine's keyer maps to the member (−1: none).
 */
export function quarterRangesOf(shape: RangeShape, byQuarter: boolean): QuarterRanges {
  const first = shape.from / QUARTER_MS;
  const last = shape.to / QUARTER_MS;
  if (!byQuarter) return [[first, last, -1]];
  const starts = shape.intervalStarts;
  // By hour of week and by interval at once, a member is a quarter's; by either alone, a local interval's (local hours for the hour of week).
  const both = (shape.dimension === 'hourOfWeek' || shape.split === 'hourOfWeek') && (shape.dimension === 'interval' || shape.split === 'interval');
  if (!both && starts !== undefined && starts.every((start) => start % QUARTER_MS === 0)) {
    return starts.map((start, index) => [start / QUARTER_MS, (starts[index + 1] ?? shape.to) / QUARTER_MS, start / QUARTER_MS] as const);
  }
  const ranges: [number, number, number][] = [];
  for (let quarter = first; quarter < last; quarter += 1) ranges.push([quarter, quarter + 1, quarter]);
  return ranges;
}

/**
 * Each range cut into runs of the longest rows that fit: days inside, hours and quarters at the
 * edges (a local day in a zone at +05:30 is 23 hours and 4 quarters, or 2 days of a month
 * are quarters and hours and the rest days), as [from, to, key, span].
 */
export function bySpan(ranges: QuarterRanges): (readonly [number, number, number, number])[] {
  const runs: [number, number, number, number][] = [];
  for (const [from, to, key] of ranges) {
    let quarter = from;
    while (quarter < to) {
      const span = [...AGENT_TIME_SPANS].reverse().find((length) => quarter % length === 0 && quarter + length <= to) ?? 1;
      const last = runs[runs.length - 1];
      if (last !== undefined && last[3] === span && last[2] === key && last[1] === quarter) last[1] = quarter + span;
      else runs.push([quarter, quarter + span, key, span]);
      quarter += span;
    }
  }
  return runs;
}
