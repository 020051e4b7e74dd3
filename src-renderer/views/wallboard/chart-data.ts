/**
 * What a chart tile draws, computed from the live series: queued (sum over the queues) and
 * service level (mean) per minute, and intraday volume in buckets. Also the gate that holds a
 * chart to at most one redraw a second however fast data arrives.
 */
import type { SeriesPoint } from '../../../src-shared/api/wallboard.js';
import type { BoardTile } from '../../../src-shared/wallboard/board.js';
import { assertNever } from '../../../src-shared/result.js';
import type { Timers } from '../../client/client-core.js';

export type ChartTileConfig = Extract<BoardTile, { kind: 'chart' }>;
export type ChartSeriesKind = ChartTileConfig['series'];

/** One point as chart.js reads it without parsing: x is epoch ms, y null leaves a gap. */
export interface ChartPoint {
  x: number;
  y: number | null;
}

export const CHART_SERIES_LABELS: Readonly<Record<ChartSeriesKind, string>> = {
  queued: 'Queued',
  service_level: 'Service level',
  volume: 'Volume (entered queue)',
};

function queuesOf(series: Readonly<Record<string, readonly SeriesPoint[]>>, queueIds: readonly string[]): readonly (readonly SeriesPoint[])[] {
  const ids = queueIds.length === 0 ? Object.keys(series) : queueIds;
  return ids.map((queueId) => series[queueId]).filter((points): points is readonly SeriesPoint[] => points !== undefined);
}

/**
 * Queued (summed) or service level (mean of the queues that have one) per minute from `fromMs`,
 * in time order. A minute where no queue has a service level is a gap, not a zero.
 */
export function combineMinutes(series: Readonly<Record<string, readonly SeriesPoint[]>>, queueIds: readonly string[], kind: 'queued' | 'service_level', fromMs: number): ChartPoint[] {
  const sums = new Map<number, { total: number; count: number }>();
  for (const points of queuesOf(series, queueIds)) {
    for (let index = points.length - 1; index >= 0; index -= 1) {
      const point = points[index] as SeriesPoint;
      if (point.at < fromMs) break;
      const value = kind === 'queued' ? point.queued : point.serviceLevelPct;
      const entry = sums.get(point.at) ?? { total: 0, count: 0 };
      if (value !== null && Number.isFinite(value)) {
        entry.total += value;
        entry.count += 1;
      }
      sums.set(point.at, entry);
    }
  }
  return [...sums.entries()]
    .sort((left, right) => left[0] - right[0])
    .map(([x, { total, count }]) => ({ x, y: count === 0 ? null : kind === 'queued' ? total : total / count }));
}

/** Bucket length for a volume chart: 15 minutes up to 8 hours, then hourly, so bars stay wide enough to read. */
export function volumeBucketMs(hours: number): number {
  return hours <= 8 ? 15 * 60_000 : 60 * 60_000;
}

/**
 * Conversations that entered the queues per bucket, every bucket from the one holding `fromMs`
 * to the one holding `toMs` (empty buckets are 0: no arrivals is a fact, not a gap).
 */
export function volumeBuckets(series: Readonly<Record<string, readonly SeriesPoint[]>>, queueIds: readonly string[], fromMs: number, toMs: number, bucketMs: number): ChartPoint[] {
  const first = Math.floor(fromMs / bucketMs) * bucketMs;
  const last = Math.floor(toMs / bucketMs) * bucketMs;
  const totals = new Map<number, number>();
  for (let start = first; start <= last; start += bucketMs) totals.set(start, 0);
  for (const points of queuesOf(series, queueIds)) {
    for (let index = points.length - 1; index >= 0; index -= 1) {
      const point = points[index] as SeriesPoint;
      if (point.at < first) break;
      const bucket = Math.floor(point.at / bucketMs) * bucketMs;
      if (totals.has(bucket) && Number.isFinite(point.entered)) totals.set(bucket, (totals.get(bucket) ?? 0) + point.entered);
    }
  }
  return [...totals.entries()].map(([x, y]) => ({ x, y }));
}

/** The points of a chart tile at an instant (floor time): the last `hours` of its series. */
export function chartPoints(tile: Pick<ChartTileConfig, 'series' | 'queueIds' | 'hours'>, series: Readonly<Record<string, readonly SeriesPoint[]>>, nowMs: number): ChartPoint[] {
  const fromMs = nowMs - tile.hours * 3_600_000;
  switch (tile.series) {
    case 'queued':
    case 'service_level':
      return combineMinutes(series, tile.queueIds, tile.series, fromMs);
    case 'volume':
      return volumeBuckets(series, tile.queueIds, fromMs, nowMs, volumeBucketMs(tile.hours));
    default:
      return assertNever(tile.series, 'chart series');
  }
}

const TICK_STEPS_MINUTES = [1, 5, 10, 15, 30, 60, 120, 180, 240, 360, 720];

/**
 * Axis ticks on round times (every 15 minutes, every hour...) between two instants, at most
 * `maxTicks` of them: a wall reads "10:00, 10:30, 11:00" at a glance, not "10:07, 10:41".
 */
export function timeTicks(minMs: number, maxMs: number, maxTicks: number): number[] {
  if (!Number.isFinite(minMs) || !Number.isFinite(maxMs) || maxMs <= minMs || maxTicks < 1) return [];
  const span = maxMs - minMs;
  const stepMinutes = TICK_STEPS_MINUTES.find((minutes) => span / (minutes * 60_000) <= maxTicks) ?? TICK_STEPS_MINUTES[TICK_STEPS_MINUTES.length - 1] ?? 60;
  const step = stepMinutes * 60_000;
  const ticks: number[] = [];
  for (let value = Math.ceil(minMs / step) * step; value <= maxMs; value += step) ticks.push(value);
  return ticks;
}

/** Whether new points differ from what is drawn, so an unchanged chart is not redrawn. */
export function samePoints(left: readonly ChartPoint[], right: readonly ChartPoint[]): boolean {
  if (left.length !== right.length) return false;
  for (let index = 0; index < left.length; index += 1) {
    const a = left[index] as ChartPoint;
    const b = right[index] as ChartPoint;
    if (a.x !== b.x || a.y !== b.y) return false;
  }
  return true;
}

export interface RedrawGate {
  /** Asks for a redraw; many requests within the interval collapse into one. */
  request(): void;
  stop(): void;
}

/**
 * Runs `redraw` at most once per `minIntervalMs`: the first request after a quiet spell draws on
 * the next turn, later ones wait for the interval to pass. A stopped gate never draws again.
 */
export function createRedrawGate(options: { readonly minIntervalMs: number; readonly now: () => number; readonly timers: Timers; readonly redraw: () => void }): RedrawGate {
  let lastDrawAt = Number.NEGATIVE_INFINITY;
  let timer: unknown = undefined;
  let pending = false;
  let stopped = false;
  const draw = (): void => {
    pending = false;
    if (stopped) return;
    lastDrawAt = options.now();
    options.redraw();
  };
  return {
    request() {
      if (pending || stopped) return;
      pending = true;
      timer = options.timers.setTimeout(draw, Math.max(0, lastDrawAt + options.minIntervalMs - options.now()));
    },
    stop() {
      stopped = true;
      options.timers.clearTimeout(timer);
    },
  };
}
