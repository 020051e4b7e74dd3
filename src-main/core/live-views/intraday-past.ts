/**
 * The past of the live intraday series, read from the cache: what a wallboard's chart tiles show
 * for the hours before this console started (or before it started observing the floor).
 *
 * Live series are sampled each floor minute while the console runs; before that, the 15-minute
 * rollups (`rollups_15m`) give one point per bucket: conversations that entered the queue in it,
 * and the mean number waiting over it (Little's law: the waits of those who left the queue in
 * the bucket, assigned or abandoned, over the bucket's length). The service level so far today at
 * the end of each bucket needs "answered within the queue's target", which the rollups do not
 * keep; it is counted from the per-conversation rows (assigned within target; abandons after 5 s),
 * bucketed the same way, as the live counters define it (dictionary: serviceLevelPct).
 * docs/decisions/0035-bots-and-shift-metrics.md says why.
 */
import type { SeriesPoint } from '../../../src-shared/api/wallboard.js';
import { isValidTimeZone, startOfDayInZone } from '../../../src-shared/time.js';
import { BUCKET_MS, type IntradayPastSource, type PastBucket, type PastServiceLevel } from './intraday-past-source.js';

/** What the series of one queue needs to know of the queue. */
export interface PastQueue {
  readonly queueId: string;
  readonly timeZone: string;
  readonly serviceLevelTargetSec: number;
}

/**
 * One point per stored bucket in [from, to) (to rounded down to a bucket): entered in the bucket,
 * mean waiting over it, and the service level since the local midnight of the bucket's day up to
 * the bucket's end (null while nothing was eligible). Pure given the rows; buckets absent from
 * the cache are absent from the series (unknown, not zero).
 */
export function pastSeries(queue: PastQueue, rows: readonly PastBucket[], levels: readonly PastServiceLevel[]): SeriesPoint[] {
  const zone = isValidTimeZone(queue.timeZone) ? queue.timeZone : 'UTC';
  const levelByBucket = new Map(levels.map((level) => [level.bucketStart, level]));
  const bucketStarts = [...new Set([...rows.map((row) => row.bucketStart), ...levels.map((level) => level.bucketStart)])].sort((a, b) => a - b);
  const rowByBucket = new Map(rows.map((row) => [row.bucketStart, row]));
  const points: SeriesPoint[] = [];
  let day = Number.NaN;
  let within = 0;
  let eligible = 0;
  for (const bucketStart of bucketStarts) {
    const dayStart = startOfDayInZone(bucketStart, zone);
    if (dayStart !== day) {
      day = dayStart;
      within = 0;
      eligible = 0;
    }
    const level = levelByBucket.get(bucketStart);
    within += level?.within ?? 0;
    eligible += level?.eligible ?? 0;
    const row = rowByBucket.get(bucketStart);
    points.push({
      at: bucketStart,
      queued: row === undefined ? 0 : Math.round(((row.waitMsSum + row.abandonMsSum) / BUCKET_MS) * 10) / 10,
      serviceLevelPct: eligible > 0 ? (100 * within) / eligible : null,
      entered: row?.entered ?? 0,
    });
  }
  return points;
}

/** Reads the past of the queues: the series over [from, to) and today's service level inputs. */
export function readIntradayPast(source: IntradayPastSource, queue: PastQueue, from: number, to: number): SeriesPoint[] {
  const end = Math.floor(to / BUCKET_MS) * BUCKET_MS + BUCKET_MS;
  const start = Math.floor(from / BUCKET_MS) * BUCKET_MS;
  const zone = isValidTimeZone(queue.timeZone) ? queue.timeZone : 'UTC';
  // The first day's service level counts from its midnight, even when the range starts later.
  const levelsFrom = startOfDayInZone(start, zone);
  const levels = source.serviceLevel(queue.queueId, queue.serviceLevelTargetSec * 1000, levelsFrom, end);
  const points = pastSeries(queue, source.buckets(queue.queueId, levelsFrom, end), levels);
  return points.filter((point) => point.at >= start && point.at < to);
}
